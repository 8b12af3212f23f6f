"""The pages for people: what the open data holds ("Open data"), and the embeddable agenda."""

from django.urls import path

from api import pages

app_name = "opendata"

urlpatterns = [
    path("open-data/", pages.open_data, name="pagina"),
]
