"""The staff portal under /beheer/, one namespace ("beheer") for the whole portal. The views
live in the app that owns the records (`<app>/beheer_views.py`); this module only routes.
tests/test_beheer_authorization.py walks these patterns: a new URL needs an expectation there.
"""

from django.urls import path

from activiteiten import beheer_views as activiteiten_views
from meldingen import beheer_views as meldingen_views
from partners import beheer_views as partners_views

app_name = "beheer"

urlpatterns = [
    # Start page and history (ontmoeting/beheer_views.py)
    # Organisations, members, invitations (partners/beheer_views.py)
    path("organisaties/", partners_views.organisaties, name="organisaties"),
    path("organisaties/nieuw/", partners_views.organisatie_nieuw, name="organisatie_nieuw"),
    path("organisaties/<slug:slug>/", partners_views.organisatie, name="organisatie"),
    path(
        "organisaties/<slug:slug>/bewerken/",
        partners_views.organisatie_bewerken,
        name="organisatie_bewerken",
    ),
    path("organisaties/<slug:slug>/uitnodigen/", partners_views.uitnodigen, name="uitnodigen"),
    path(
        "organisaties/<slug:slug>/uitnodigingen/<int:pk>/intrekken/",
        partners_views.uitnodiging_intrekken,
        name="uitnodiging_intrekken",
    ),
    path(
        "organisaties/<slug:slug>/uitnodigingen/<int:pk>/opnieuw/",
        partners_views.uitnodiging_opnieuw,
        name="uitnodiging_opnieuw",
    ),
    path("organisaties/<slug:slug>/leden/<int:pk>/rol/", partners_views.lid_rol, name="lid_rol"),
    path(
        "organisaties/<slug:slug>/leden/<int:pk>/verwijderen/",
        partners_views.lid_verwijderen,
        name="lid_verwijderen",
    ),
    path("account/", partners_views.account, name="account"),
    # Places, rooms, hours, samenwerkingen, financing, review (locaties/beheer_views.py)
    # Activities (activiteiten/beheer_views.py)
    path("activiteiten/", activiteiten_views.activiteiten, name="activiteiten"),
    path("activiteiten/nieuw/", activiteiten_views.activiteit_nieuw, name="activiteit_nieuw"),
    path(
        "activiteiten/<slug:slug>/bewerken/",
        activiteiten_views.activiteit_bewerken,
        name="activiteit_bewerken",
    ),
    path(
        "activiteiten/<slug:slug>/uitzondering/",
        activiteiten_views.activiteit_uitzondering,
        name="activiteit_uitzondering",
    ),
    path(
        "activiteiten/<slug:slug>/uitzondering/<int:pk>/intrekken/",
        activiteiten_views.activiteit_uitzondering_intrekken,
        name="activiteit_uitzondering_intrekken",
    ),
    path(
        "activiteiten/<slug:slug>/status/",
        activiteiten_views.activiteit_status,
        name="activiteit_status",
    ),
    # Reports from residents (meldingen/beheer_views.py)
    path("meldingen/", meldingen_views.meldingen, name="meldingen"),
    path("meldingen/<int:pk>/", meldingen_views.melding, name="melding"),
    path(
        "meldingen/<int:pk>/afhandelen/",
        meldingen_views.melding_afhandelen,
        name="melding_afhandelen",
    ),
]
