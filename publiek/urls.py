"""The resident pages of places and activities together. Included at the site root, so each
route names its own path."""

from django.urls import path

from publiek import views

app_name = "publiek"

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", views.privacy, name="privacy"),
    path("locaties/", views.locatie_list, name="lijst"),
    path("locaties/kaart.geojson", views.kaart, name="kaart"),
    path("locaties/<slug:slug>/", views.locatie_detail, name="locatie"),
    path("locaties/<slug:slug>/poster/", views.locatie_poster, name="poster"),
    path("wijken/<slug:slug>/", views.wijk_detail, name="wijk"),
    path("wijken/<slug:slug>/kaart.geojson", views.wijk_kaart, name="wijk_kaart"),
]
