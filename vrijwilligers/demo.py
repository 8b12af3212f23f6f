"""Zeist's volunteer examples from the seed article (Wijkservicepunt Noord, 2015), for the demo.

`laad_demo()` is called by the demo loader after the places and activities exist; it does
nothing when Wijkservicepunt Noord is absent and creates nothing twice. The vacatures and the
requests come from the article (gastvrouw in Café Noord, the daily meal brought to neighbours,
the walk, the knitting lessons); times and the residents' names are invented and marked as demo.
"""

from django.db import transaction

from activiteiten.models import Activiteit
from locaties.models import Locatie
from vrijwilligers.constants import HulpvraagSoort, HulpvraagStatus, ReactieStatus
from vrijwilligers.models import Hulpvraag, Koppeling, Reactie, Vacature

WSP_NOORD = "Wijkservicepunt Noord"
ZEIST = "GM0355"
MAALTIJD = "Verse maaltijd in Café Noord"

VACATURES = [
    {
        "titel": "Gastvrouw of gastheer in Café Noord",
        "omschrijving": (
            "Je ontvangt bezoekers in Café Noord, schenkt koffie en maakt een praatje. Je werkt "
            "samen met beroepskrachten en met deelnemers aan de dagbesteding van Abrona."
        ),
        "wanneer": "dinsdag 10.00–14.00 uur",
        "hoe_vaak": "elke week",
        "wat_het_vraagt": "Gastvrij zijn en rustig blijven als het druk is.",
        "vog_nodig": False,
    },
    {
        "titel": "Chauffeur voor de maaltijdronde",
        "omschrijving": (
            "Je brengt de verse maaltijd van Café Noord samen met een deelnemer aan de "
            "dagbesteding naar bewoners die niet zelf kunnen komen."
        ),
        "wanneer": "werkdagen 12.00–13.30 uur",
        "hoe_vaak": "één of twee keer per week",
        "wat_het_vraagt": "Rijbewijs B. De auto is van het Wijkservicepunt.",
        "vog_nodig": True,
        "activiteit": MAALTIJD,
    },
    {
        "titel": "Klussen in de wijk: tuinen en plantenbakken",
        "omschrijving": (
            "Samen met medewerkers en deelnemers aan de dagbesteding houd je tuinen en "
            "plantenbakken in Zeist-Noord bij."
        ),
        "wanneer": "donderdagochtend",
        "hoe_vaak": "af en toe",
        "wat_het_vraagt": "Zin om buiten te werken.",
        "vog_nodig": False,
    },
]

HULPVRAGEN = [
    (HulpvraagSoort.VRAAG, "Ik zoek iemand om af en toe mee te wandelen in de wijk."),
    (HulpvraagSoort.AANBOD, "Ik wil breiles geven. Beginners zijn van harte welkom!"),
]


@transaction.atomic
def laad_demo() -> int:
    """Create Zeist's demo vacatures, requests and one match; returns how many records were
    new (0 on a second run or without Wijkservicepunt Noord)."""
    locatie = Locatie.objects.filter(naam=WSP_NOORD, gemeente__cbs_code=ZEIST).first()
    if locatie is None:
        return 0
    nieuw = 0
    for gegevens in VACATURES:
        gegevens = dict(gegevens)
        if titel := gegevens.pop("activiteit", None):
            gegevens["activiteit"] = Activiteit.objects.filter(
                locatie=locatie, titel=titel
            ).first()
        _vacature, created = Vacature.objects.get_or_create(
            locatie=locatie, titel=gegevens.pop("titel"), defaults=gegevens
        )
        nieuw += created
    hulpvragen = []
    for soort, tekst in HULPVRAGEN:
        hulpvraag, created = Hulpvraag.objects.get_or_create(
            locatie=locatie,
            tekst=tekst,
            defaults={
                "soort": soort,
                "status": HulpvraagStatus.ZICHTBAAR,
                "naam": "Demobewoner",
                "telefoon": "030 000 00 00",
            },
        )
        hulpvragen.append(hulpvraag)
        nieuw += created
    # The article's walk: another woman from the neighbourhood answered and was matched.
    wandelen = hulpvragen[0]
    reactie, created = Reactie.objects.get_or_create(
        hulpvraag=wandelen,
        locatie=locatie,
        defaults={
            "naam": "Demobewoner (wandelt graag)",
            "email": "wandelen@example.org",
            "bericht": "Ik loop graag, op maandag en donderdag kan ik.",
            "status": ReactieStatus.GEKOPPELD,
        },
    )
    nieuw += created
    _koppeling, created = Koppeling.objects.get_or_create(
        reactie=reactie,
        defaults={"locatie": locatie, "notitie": "Wandelen samen elke donderdag."},
    )
    return nieuw + created
