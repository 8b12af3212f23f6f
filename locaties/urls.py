"""Finding a place: the public list and its map data. Included at the site root, so each route
names its own prefix. A place's own page is `publiek:locatie`."""

from django.urls import path

from locaties import views

app_name = "locaties"

urlpatterns = [
    path("locaties/", views.locatie_list, name="lijst"),
    path("locaties/kaart.geojson", views.kaart, name="kaart"),
]
