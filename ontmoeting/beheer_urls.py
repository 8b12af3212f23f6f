"""The staff portal under /beheer/, one namespace ("beheer") for the whole portal. The views
live in the app that owns the records (`<app>/beheer_views.py`); this module only routes.
tests/test_beheer_authorization.py walks these patterns: a new URL needs an expectation there.
"""

from django.urls import path

from locaties import beheer_views as locaties_views
from ontmoeting import beheer_views as start_views

app_name = "beheer"

urlpatterns = [
    # Start page and history (ontmoeting/beheer_views.py)
    path("", start_views.start, name="start"),
    # Organisations, members, invitations (partners/beheer_views.py)
    # Places, rooms, hours, samenwerkingen, financing, review (locaties/beheer_views.py)
    path("locaties/", locaties_views.locaties, name="locaties"),
    path("locaties/nieuw/", locaties_views.locatie_nieuw, name="locatie_nieuw"),
    path("locaties/beoordelen/", locaties_views.beoordelen, name="beoordelen"),
    path("locaties/<slug:slug>/", locaties_views.locatie, name="locatie"),
    path(
        "locaties/<slug:slug>/bewerken/", locaties_views.locatie_bewerken, name="locatie_bewerken"
    ),
    path("locaties/<slug:slug>/tijden/", locaties_views.locatie_tijden, name="locatie_tijden"),
    path(
        "locaties/<slug:slug>/indienen/", locaties_views.locatie_indienen, name="locatie_indienen"
    ),
    path("locaties/<slug:slug>/status/", locaties_views.locatie_status, name="locatie_status"),
    path(
        "locaties/<slug:slug>/bevestigen/",
        locaties_views.locatie_bevestigen,
        name="locatie_bevestigen",
    ),
    path("locaties/<slug:slug>/ruimten/nieuw/", locaties_views.ruimte_nieuw, name="ruimte_nieuw"),
    path(
        "locaties/<slug:slug>/ruimten/<int:pk>/",
        locaties_views.ruimte_bewerken,
        name="ruimte_bewerken",
    ),
    path(
        "locaties/<slug:slug>/ruimten/<int:pk>/verhuur/",
        locaties_views.verhuur_nieuw,
        name="verhuur_nieuw",
    ),
    path(
        "locaties/<slug:slug>/samenwerkingen/nieuw/",
        locaties_views.samenwerking_nieuw,
        name="samenwerking_nieuw",
    ),
    path(
        "locaties/<slug:slug>/samenwerkingen/<int:pk>/",
        locaties_views.samenwerking_bewerken,
        name="samenwerking_bewerken",
    ),
    path(
        "locaties/<slug:slug>/financiering/nieuw/",
        locaties_views.financiering_nieuw,
        name="financiering_nieuw",
    ),
    path(
        "locaties/<slug:slug>/financiering/<int:pk>/",
        locaties_views.financiering_bewerken,
        name="financiering_bewerken",
    ),
    # Activities (activiteiten/beheer_views.py)
    # Reports from residents (meldingen/beheer_views.py)
]
