"""The staff portal under /beheer/, one namespace ("beheer") for the whole portal. The views
live in the app that owns the records (`<app>/beheer_views.py`; coverage and risks, which
own no records and have no public pages, in `dekking/views.py`); this module only routes.
tests/test_beheer_authorization.py walks these patterns: a new URL needs an expectation there.
"""

from django.urls import path

from activiteiten import beheer_views as activiteiten_views
from dekking import views as dekking_views
from herinneringen import views as herinneringen_views
from locaties import beheer_views as locaties_views
from locaties import wijken_views
from meldingen import beheer_views as meldingen_views
from ontmoeting import beheer_views as start_views
from partners import beheer_views as partners_views
from uitwisseling import views as uitwisseling_views
from vrijwilligers import beheer_views as vrijwilligers_views

app_name = "beheer"

urlpatterns = [
    # A background job's progress (kern/taken.py)
    path("taken/<int:pk>/", start_views.taak, name="taak"),
    # Start page and history (ontmoeting/beheer_views.py)
    path("", start_views.start, name="start"),
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
    # Reminders by e-mail: one's choices, and the "klopt nog" link (herinneringen/views.py)
    path(
        "account/herinneringen/",
        herinneringen_views.voorkeuren,
        name="herinneringen_voorkeuren",
    ),
    path("klopt-nog/<str:token>/", herinneringen_views.klopt_nog, name="klopt_nog"),
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
    # Coverage and risks (dekking/views.py)
    path("dekking/", dekking_views.dashboard, name="dekking"),
    path("dekking/export.csv", dekking_views.export, {"formaat": "csv"}, name="dekking_csv"),
    path("dekking/export.xlsx", dekking_views.export, {"formaat": "xlsx"}, name="dekking_xlsx"),
    path("dekking/risico/", dekking_views.risico_lijsten, name="risico"),
    path("dekking/financiering/", dekking_views.begroting, name="begroting"),
    path("dekking/week/", dekking_views.week, name="week"),
    path(
        "dekking/week/export.csv",
        dekking_views.week_export,
        {"formaat": "csv"},
        name="week_csv",
    ),
    path(
        "dekking/week/export.xlsx",
        dekking_views.week_export,
        {"formaat": "xlsx"},
        name="week_xlsx",
    ),
    path("dekking/wat-als/", dekking_views.wat_als, name="wat_als"),
    path(
        "dekking/financiering/export.csv",
        dekking_views.begroting_export,
        {"formaat": "csv"},
        name="begroting_csv",
    ),
    path(
        "dekking/financiering/export.xlsx",
        dekking_views.begroting_export,
        {"formaat": "xlsx"},
        name="begroting_xlsx",
    ),
    path(
        "dekking/risico/export.csv",
        dekking_views.risico_export,
        {"formaat": "csv"},
        name="risico_export_csv",
    ),
    path(
        "dekking/risico/export.xlsx",
        dekking_views.risico_export,
        {"formaat": "xlsx"},
        name="risico_export_xlsx",
    ),
    # Wijken and buurten (locaties/wijken_views.py)
    path("wijken/", wijken_views.wijken, name="wijken"),
    path("wijken/importeren/", wijken_views.wijken_importeren, name="wijken_importeren"),
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
        "activiteiten/<slug:slug>/verplaatsen/",
        activiteiten_views.activiteit_verplaatsen,
        name="activiteit_verplaatsen",
    ),
    path(
        "activiteiten/<slug:slug>/stoppen/",
        activiteiten_views.activiteit_stoppen,
        name="activiteit_stoppen",
    ),
    path(
        "activiteiten/<slug:slug>/status/",
        activiteiten_views.activiteit_status,
        name="activiteit_status",
    ),
    # The rooms of the places one manages, their use and free hours in a week
    path("ruimten/", activiteiten_views.ruimten, name="ruimten"),
    path(
        "ruimten/export.csv",
        activiteiten_views.ruimten_export,
        {"formaat": "csv"},
        name="ruimten_csv",
    ),
    path(
        "ruimten/export.xlsx",
        activiteiten_views.ruimten_export,
        {"formaat": "xlsx"},
        name="ruimten_xlsx",
    ),
    # Reports from residents (meldingen/beheer_views.py)
    path("meldingen/", meldingen_views.meldingen, name="meldingen"),
    path("meldingen/<int:pk>/", meldingen_views.melding, name="melding"),
    path(
        "meldingen/<int:pk>/afhandelen/",
        meldingen_views.melding_afhandelen,
        name="melding_afhandelen",
    ),
    # Volunteers (vrijwilligers/beheer_views.py)
    path("vrijwilligers/", vrijwilligers_views.overzicht, name="vrijwilligers"),
    path("vrijwilligers/cijfers/", vrijwilligers_views.cijfers, name="vrijwilligers_cijfers"),
    path(
        "vrijwilligers/vacatures/nieuw/",
        vrijwilligers_views.vacature_nieuw,
        name="vrijwilligers_vacature_nieuw",
    ),
    path(
        "vrijwilligers/vacatures/<int:pk>/",
        vrijwilligers_views.vacature_bewerken,
        name="vrijwilligers_vacature",
    ),
    path(
        "vrijwilligers/reacties/<int:pk>/",
        vrijwilligers_views.reactie,
        name="vrijwilligers_reactie",
    ),
    path(
        "vrijwilligers/vragen/<int:pk>/",
        vrijwilligers_views.hulpvraag,
        name="vrijwilligers_hulpvraag",
    ),
    # Import and export of places (uitwisseling/views.py)
    path("uitwisseling/importeren/", uitwisseling_views.upload, name="uitwisseling_importeren"),
    path(
        "uitwisseling/importeren/<uuid:token>/",
        uitwisseling_views.controle,
        name="uitwisseling_controle",
    ),
    path(
        "uitwisseling/importeren/<uuid:token>/resultaat/",
        uitwisseling_views.resultaat,
        name="uitwisseling_resultaat",
    ),
    path("uitwisseling/sjabloon.xlsx", uitwisseling_views.sjabloon, name="uitwisseling_sjabloon"),
    path("uitwisseling/export.xlsx", uitwisseling_views.export_xlsx, name="uitwisseling_xlsx"),
    path("uitwisseling/export.csv", uitwisseling_views.export_csv, name="uitwisseling_csv"),
]
