"""Public pages of places and neighbourhoods. Included at the site root, so each route names
its own prefix (`locaties/…`, `wijken/…`)."""

from django.urls import path

from locaties import views

app_name = "locaties"

urlpatterns = [
    path("locaties/", views.locatie_list, name="lijst"),
    path("locaties/kaart.geojson", views.kaart, name="kaart"),
    path("locaties/<slug:slug>/", views.locatie_detail, name="detail"),
    path("wijken/<slug:slug>/", views.wijk_detail, name="wijk"),
]
