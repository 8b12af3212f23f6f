"""Demo data for the three towns of the seeds: Apeldoorn, Zeist and Purmerend.

Real names and facts from the articles stay as they are (the four Apeldoorn corporaties,
de Woonmensen's +Punten, Wijkservicepunt Noord and its six partners, Heel Europa, Leviaan's
Wooncirkels). Everything else is invented and marked `is_demo`: addresses, coordinates, wijk
boundaries and population, opening hours, rooms, funding, most activities, and organisations
with "(fictief)" in their name.

Loading is idempotent: every record is looked up by a natural key and saved only when a value
differs, so a second run writes nothing (and adds no django-simple-history rows). Dates are
fixed: the data was written on 2026-11-22 and must read the same on any later day.
"""

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import hashers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from shapely import geometry, voronoi_polygons
from shapely.geometry.polygon import orient

from activiteiten import occurrences, schedule
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Uitzondering
from kern.timezones import AMSTERDAM
from locaties.constants import (
    Beheervorm,
    DoelgroepCode,
    FinancieringBron,
    LocatieSoort,
    LocatieStatus,
    SamenwerkingRol,
    VoorzieningCode,
    WijkSoort,
)
from locaties.models import (
    Begeleidingstijd,
    Doelgroep,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
    Voorziening,
    Wijk,
)
from partners.constants import LidmaatschapRol, PartnerSoort, Rechtsvorm
from partners.invitations import hash_token
from partners.models import Gemeente, Lidmaatschap, Partner, Uitnodiging, User

DEMO_PASSWORD = "ontmoeten-demo-2026"  # noqa: S105 - published on purpose, demo accounts only

# ---------------------------------------------------------------------------------------------
# Gemeenten and their wijken
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stad:
    cbs_code: str
    naam: str
    lat: float
    lon: float
    straal_km: float  # the town is drawn as a circle of this radius, cut into wijken
    netnummer: str  # area code for invented phone numbers: 055-1234xxx
    straten: tuple[str, ...]


STEDEN = (
    Stad("GM0200", "Apeldoorn", 52.211, 5.970, 5.0, "055-1234",
         ("Lindelaan", "Merelstraat", "Beukenlaan", "Kastanjelaan", "Roodborststraat",
          "Dotterbloemstraat", "Heidebloemweg", "Eikenlaan", "Zonnebloemstraat",
          "Koekoekstraat", "Esdoornlaan", "Wilgenweg", "Brinklaan", "Hofstraat", "Molenweg",
          "Weidelaan")),
    Stad("GM0355", "Zeist", 52.091, 5.233, 4.5, "030-1234",
         ("Lindenlaan", "Kastanjeplein", "Merellaan", "Beukenhof", "Dennenweg", "Heideweg",
          "Vinkenlaan", "Eikenpad")),
    Stad("GM0439", "Purmerend", 52.505, 4.960, 4.0, "0299-123",
         ("Tulpstraat", "Meeuwenlaan", "Polderweg", "Molenkade", "Grachtstraat", "Weidepad",
          "Slotenweg", "Rietkraag")),
)  # fmt: skip


@dataclass(frozen=True)
class WijkData:
    naam: str
    richting: int  # compass bearing of the wijk centre from the town centre, in degrees
    afstand_km: float
    inwoners: int
    aandeel_65_plus: float
    postcodes: tuple[int, ...]
    buurten: tuple[str, ...]


# One buurt without residents: an industrial estate, for coverage checks.
BUURT_ZONDER_INWONERS = "Bedrijventerrein Noord"

WIJKEN = {
    "GM0200": (
        WijkData("Binnenstad", 0, 0.0, 9_000, 21, (7311,),
                 ("Centrum-Noord", "Centrum-Zuid", "Stationskwartier")),
        WijkData("Apeldoorn-Noord", 0, 2.6, 22_000, 19, (7312, 7313),
                 ("Noord-West", "Noord-Oost", BUURT_ZONDER_INWONERS)),
        WijkData("Kerschoten", 45, 2.6, 14_000, 24, (7314, 7315),
                 ("Kerschoten-Noord", "Kerschoten-Zuid")),
        WijkData("Osseveld-Woudhuis", 88, 3.0, 17_000, 17, (7326, 7327), ("Osseveld", "Woudhuis")),
        WijkData("Zevenhuizen", 128, 2.3, 20_000, 20, (7323, 7324),
                 ("Zevenhuizen-Noord", "Zevenhuizen-Zuid", "Zevenhuizen-Oost")),
        WijkData("De Maten", 158, 3.3, 18_000, 22, (7328, 7329),
                 ("Matenveld", "Matenhoeve", "Matenhorst", "Matengaarde")),
        WijkData("Zuidbroek", 118, 4.4, 13_000, 13, (7325,),
                 ("Zuidbroek-Noord", "Zuidbroek-Zuid")),
        WijkData("Apeldoorn-Zuid", 195, 2.5, 24_000, 26, (7321, 7322, 7331),
                 ("Zuid-West", "Zuid-Midden", "Zuid-Oost")),
        WijkData("Ugchelen", 235, 3.9, 7_000, 29, (7339,), ("Ugchelen-Dorp", "Ugchelen-Buiten")),
        WijkData("Apeldoorn-West", 285, 2.4, 23_000, 23, (7316, 7317, 7333),
                 ("West-Noord", "West-Zuid", "Sprengenpark")),
    ),
    "GM0355": (
        WijkData("Zeist-Centrum", 0, 0.0, 10_000, 24, (3701, 3703),
                 ("Centrum-Noord", "Centrum-Zuid", "Het Slot")),
        WijkData("Zeist-Noord", 15, 1.9, 13_000, 21, (3705, 3706),
                 ("Vollenhove", "Noord-Midden", "Noord-Oost")),
        WijkData("Zeist-West", 270, 2.0, 16_000, 23, (3702, 3707),
                 ("Brugakker", "West-Noord", "West-Zuid")),
        WijkData("Zeist-Oost", 85, 2.2, 12_000, 27, (3704, 3708), ("Oost-Noord", "Oost-Zuid")),
        WijkData("Kerckebosch", 150, 2.0, 7_000, 18, (3709,),
                 ("Kerckebosch-Noord", "Kerckebosch-Zuid")),
        WijkData("Den Dolder", 345, 3.9, 8_000, 25, (3711, 3712),
                 ("Den Dolder-Centrum", "Den Dolder-Buiten")),
    ),
    "GM0439": (
        WijkData("Centrum", 0, 0.0, 8_000, 22, (1441,), ("Binnenstad", "Centrum-Oost")),
        WijkData("Overwhere", 45, 1.8, 15_000, 24, (1442, 1443),
                 ("Overwhere-Noord", "Overwhere-Zuid")),
        WijkData("Wheermolen", 320, 1.8, 14_000, 18, (1444,),
                 ("Wheermolen-Oost", "Wheermolen-West")),
        WijkData("Weidevenne", 255, 2.3, 20_000, 17, (1446, 1448),
                 ("Weidevenne-Noord", "Weidevenne-Midden", "Weidevenne-Zuid")),
        WijkData("Gors", 190, 1.6, 13_000, 23, (1445,), ("Gors-Noord", "Gors-Zuid")),
        WijkData("Purmer-Noord", 95, 2.3, 12_000, 19, (1447,),
                 ("Purmer-Noord-West", "Purmer-Noord-Oost")),
        WijkData("Purmer-Zuid", 140, 2.4, 12_000, 17, (1440,),
                 ("Purmer-Zuid-West", "Purmer-Zuid-Oost")),
    ),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Partners
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerData:
    slug: str
    naam: str
    soort: str
    rechtsvorm: str
    werkgebied: tuple[str, ...]
    omschrijving: str
    algemeen_belang: bool = False
    gemeente: str = ""  # only for soort gemeente: the cbs_code it stands for
    website: str = ""
    # Invented organisations get invented contact details and KvK numbers; real ones get
    # none, so nothing is misattributed to them.
    kvk_nummer: str = ""
    email: str = ""
    telefoon: str = ""
    is_demo: bool = False


def _gemeentepartner(cbs_code: str, naam: str, website: str) -> PartnerData:
    return PartnerData(
        f"gemeente-{slugify(naam)}",
        f"Gemeente {naam}",
        PartnerSoort.GEMEENTE,
        Rechtsvorm.PUBLIEKRECHTELIJK,
        (cbs_code,),
        f"De gemeente {naam}: Wmo, wijkgericht werken en de regie op de ontmoetingsplekken.",
        gemeente=cbs_code,
        website=website,
    )


def _fictief(slug, naam, soort, rechtsvorm, werkgebied, omschrijving, *, kvk, telefoon, **extra):
    return PartnerData(
        slug,
        naam,
        soort,
        rechtsvorm,
        werkgebied,
        omschrijving,
        kvk_nummer=kvk,
        email=f"info@{slug}.example",
        telefoon=telefoon,
        is_demo=True,
        **extra,
    )


ST, VER = Rechtsvorm.STICHTING, Rechtsvorm.VERENIGING
APD, ZST, PMR = ("GM0200",), ("GM0355",), ("GM0439",)

PARTNERS = (
    # Apeldoorn
    _gemeentepartner("GM0200", "Apeldoorn", "https://www.apeldoorn.nl"),
    PartnerData(
        "de-woonmensen",
        "de Woonmensen",
        PartnerSoort.WONINGCORPORATIE,
        ST,
        APD,
        "Woningcorporatie in Apeldoorn, met sinds 2005 vier +Punten als buurthuiskamer.",
        algemeen_belang=True,
        website="https://www.woonmensen.nl",
    ),
    PartnerData("ons-huis", "Ons Huis", PartnerSoort.WONINGCORPORATIE, ST, APD,
                "Woningcorporatie in Apeldoorn.", algemeen_belang=True),
    PartnerData("de-goede-woning", "De Goede Woning", PartnerSoort.WONINGCORPORATIE, ST, APD,
                "Woningcorporatie in Apeldoorn.", algemeen_belang=True),
    PartnerData("sprengenland-wonen", "Sprengenland Wonen", PartnerSoort.WONINGCORPORATIE, ST,
                APD, "Woningcorporatie in Apeldoorn.", algemeen_belang=True),
    PartnerData("stimenz", "Stimenz", PartnerSoort.WELZIJN, ST, APD,
                "Welzijnsorganisatie in Apeldoorn.", algemeen_belang=True),
    _fictief("veluwse-brug", "Zorggroep De Veluwse Brug (fictief)", PartnerSoort.ZORG, ST, APD,
             "Verzonnen zorgorganisatie voor mensen met een lichamelijke beperking; staat voor "
             "de lichamelijke gehandicaptenzorg uit het artikel.",
             kvk="90000101", telefoon="055-1239101"),
    _fictief("de-kroonsteen", "Stichting De Kroonsteen (fictief)", PartnerSoort.ZORG, ST, APD,
             "Verzonnen zorgorganisatie voor mensen met een verstandelijke beperking; staat voor "
             "de verstandelijke gehandicaptenzorg uit het artikel.",
             kvk="90000102", telefoon="055-1239102"),
    _fictief("ggz-de-dennenrand", "GGZ De Dennenrand (fictief)", PartnerSoort.ZORG, ST, APD,
             "Verzonnen ggz-organisatie; staat voor de psychiatrie uit het artikel.",
             kvk="90000103", telefoon="055-1239103"),
    _fictief("bewonersvereniging-zevenhuizen-de-maten",
             "Bewonersvereniging Zevenhuizen-De Maten (fictief)", PartnerSoort.HUURDERS_BEWONERS,
             VER, APD, "Verzonnen bewonersvereniging die buurtkamers beheert en ruimten huurt.",
             kvk="90000104", telefoon="055-1239104", algemeen_belang=True),
    _fictief("apeldoorn-samen", "Vrijwilligerscentrale Apeldoorn Samen (fictief)",
             PartnerSoort.VRIJWILLIGERS, ST, APD,
             "Verzonnen vrijwilligersorganisatie: computerhulp, repair café en buurtkamers.",
             kvk="90000105", telefoon="055-1239105", algemeen_belang=True),
    # Zeist: the partners of Wijkservicepunt Noord
    _gemeentepartner("GM0355", "Zeist", "https://www.zeist.nl"),
    PartnerData("abrona", "Abrona", PartnerSoort.ZORG, ST, ZST,
                "Zorgorganisatie voor mensen met een verstandelijke beperking; dagbesteding in "
                "Café Noord."),
    PartnerData("zorggroep-charim", "Zorggroep Charim", PartnerSoort.ZORG, ST, ZST,
                "Zorgorganisatie voor ouderen."),
    PartnerData("de-kombinatie", "De Kombinatie", PartnerSoort.WONINGCORPORATIE, VER, ZST,
                "Woningbouwvereniging in Zeist.", algemeen_belang=True),
    PartnerData("kwintes", "Kwintes", PartnerSoort.ZORG, ST, ZST,
                "GGZ-instelling; haar cliënten krijgen computerles in het Wijkservicepunt."),
    PartnerData("meanderomnium", "MeanderOmnium", PartnerSoort.WELZIJN, ST, ZST,
                "Welzijnsorganisatie in Zeist.", algemeen_belang=True),
    # Purmerend
    _gemeentepartner("GM0439", "Purmerend", "https://www.purmerend.nl"),
    PartnerData("leviaan", "Leviaan", PartnerSoort.ZORG, ST, PMR,
                "Zorgorganisatie voor mensen met psychische kwetsbaarheden; de Wooncirkels met "
                "een kern als steunpunt."),
    PartnerData("wooncompagnie", "Wooncompagnie", PartnerSoort.WONINGCORPORATIE, ST, PMR,
                "Woningcorporatie, partner in de Taskforce Wonen en Zorg.", algemeen_belang=True),
    _fictief("huurdersvereniging-purmer-samen", "Huurdersvereniging Purmer Samen (fictief)",
             PartnerSoort.HUURDERS_BEWONERS, VER, PMR,
             "Verzonnen huurdersvereniging, een van de vier partijen van de prestatieafspraken.",
             kvk="90000106", telefoon="0299-129106", algemeen_belang=True),
    _fictief("zorgkantoor-purmerland", "Zorgkantoor Purmerland (fictief)",
             PartnerSoort.ZORGKANTOOR, Rechtsvorm.NV, PMR,
             "Verzonnen zorgkantoor; financiert het volledig pakket thuis (VPT).",
             kvk="90000107", telefoon="0299-129107"),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Locaties
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuimteData:
    naam: str
    capaciteit: int
    oppervlakte_m2: str
    voorzieningen: tuple[str, ...] = ()
    huurprijs: str = ""  # per dagdeel; set means the room is for hire


@dataclass(frozen=True)
class FinancieringData:
    bron: str
    financier: str  # partner slug, or "" when not a partner
    bedrag: int
    einddatum: dt.date | None = None  # None: structural
    toelichting: str = ""


@dataclass(frozen=True)
class Plek:
    """One meeting place. Fields left at None are filled in by the rules below."""

    naam: str
    soort: str
    wijk: str
    eigenaar: str
    beheerder: str
    begeleiding: str = ""  # letters l, v, p: the kinds of professional support (sterlocatie)
    status: str = LocatieStatus.GEPUBLICEERD
    buurt: str | None = None
    partners: tuple[tuple[str, str], ...] = ()  # (partner slug, SamenwerkingRol) besides the two
    beheervorm: str | None = None
    adres_openbaar: bool | None = None
    dagbesteding: bool | None = None
    community_builder: bool | None = None
    sinds: dt.date | None = None
    omschrijving: str | None = None
    voorzieningen: tuple[str, ...] | None = None
    doelgroepen: tuple[str, ...] | None = None
    uren: dict[int, tuple[tuple[str, str], ...]] | None = None
    ruimten: tuple[RuimteData, ...] | None = None
    financiering: tuple[FinancieringData, ...] | None = None
    standaardactiviteiten: bool = True  # False: only the activities listed by hand


PLUS, WSP, BUURTHUIS = LocatieSoort.PLUS_PUNT, LocatieSoort.WIJKSERVICEPUNT, LocatieSoort.BUURTHUIS
ONTMOETING, WOONZORG = LocatieSoort.ONTMOETINGSRUIMTE, LocatieSoort.WOONZORGLOCATIE
STEUNPUNT, OVERIG = LocatieSoort.STEUNPUNT, LocatieSoort.OVERIG
R = SamenwerkingRol
V = VoorzieningCode
D = DoelgroepCode

# Partner slugs used in the Apeldoorn table.
WM, OH, DGW, SW = "de-woonmensen", "ons-huis", "de-goede-woning", "sprengenland-wonen"
GA, STI, VC = "gemeente-apeldoorn", "stimenz", "apeldoorn-samen"
BV = "bewonersvereniging-zevenhuizen-de-maten"
# The professional support at an Apeldoorn sterlocatie, by kind.
APELDOORN_BEGELEIDERS = {"l": "veluwse-brug", "v": "de-kroonsteen", "p": "ggz-de-dennenrand"}

WEEKDAGEN = range(5)
MA_T_M_VR = {dag: (("09:00", "17:00"),) for dag in WEEKDAGEN}

HUISKAMER = RuimteData("Huiskamer", 25, "45.0", (V.KEUKEN, V.WIFI), huurprijs="20.00")

# The 50 ontmoetingsplekken of Apeldoorn; ten sterlocaties (begeleiding), four +Punten.
APELDOORN = (
    Plek("+Punt Zevenhuizen", PLUS, "Zevenhuizen", WM, WM, "lv", sinds=dt.date(2005, 1, 1)),
    Plek("+Punt De Maten", PLUS, "De Maten", WM, WM, "v", sinds=dt.date(2005, 1, 1)),
    Plek("+Punt Kerschoten", PLUS, "Kerschoten", WM, WM, sinds=dt.date(2005, 1, 1)),
    Plek("+Punt Zuidbroek", PLUS, "Zuidbroek", WM, WM, sinds=dt.date(2005, 1, 1)),
    Plek("Wijkcentrum De Koperwiek", BUURTHUIS, "Zevenhuizen", GA, STI, "p"),
    Plek("Buurthuis Het Kruispunt", BUURTHUIS, "Binnenstad", GA, STI),
    Plek("Wijkcentrum Osseveld", BUURTHUIS, "Osseveld-Woudhuis", GA, STI, "l", buurt="Osseveld"),
    Plek("Buurthuis De Vlinder", BUURTHUIS, "Apeldoorn-Noord", GA, STI),
    Plek("Wijkcentrum Het Bolwerk", BUURTHUIS, "De Maten", GA, BV),
    Plek("Buurthuis De Boomgaard", BUURTHUIS, "Ugchelen", GA, VC),
    Plek("Wijkcentrum Zuidbroek-Plein", BUURTHUIS, "Zuidbroek", GA, STI),
    Plek("Buurthuis De Sprengen", BUURTHUIS, "Apeldoorn-West", GA, STI, "v"),
    Plek("Buurthuis Het Anker", BUURTHUIS, "Apeldoorn-Zuid", GA, VC),
    Plek("Wijkcentrum Kerschoten-Hart", BUURTHUIS, "Kerschoten", GA, STI, "lp"),
    Plek("Buurthuis De Horst", BUURTHUIS, "Apeldoorn-Noord", OH, STI),
    Plek("Ontmoetingsruimte Hof van Zevenhuizen", ONTMOETING, "Zevenhuizen", WM, BV,
         ruimten=(HUISKAMER,)),
    Plek("Ontmoetingsruimte De Lindehof", ONTMOETING, "Binnenstad", OH, OH,
         partners=((STI, R.VASTE_GEBRUIKER),), ruimten=(HUISKAMER,)),
    Plek("Ontmoetingsruimte Eikenstaete", ONTMOETING, "Apeldoorn-West", DGW, DGW),
    Plek("Ontmoetingsruimte De Brinkhof", ONTMOETING, "Ugchelen", SW, SW),
    Plek("Ontmoetingsruimte Het Bloemenhof", ONTMOETING, "Apeldoorn-Noord", OH, OH),
    Plek("Ontmoetingsruimte Matenhoeve", ONTMOETING, "De Maten", WM, BV, buurt="Matenhoeve"),
    Plek("Ontmoetingsruimte De Wielewaal", ONTMOETING, "Kerschoten", DGW, DGW),
    Plek("Ontmoetingsruimte Woudhuishof", ONTMOETING, "Osseveld-Woudhuis", SW, SW,
         buurt="Woudhuis"),
    Plek("Ontmoetingsruimte De Beukenhorst", ONTMOETING, "Apeldoorn-Zuid", OH, OH),
    Plek("Ontmoetingsruimte Sprengenhof", ONTMOETING, "Apeldoorn-West", SW, SW),
    Plek("Ontmoetingsruimte Het Zonnehuis", ONTMOETING, "Zuidbroek", DGW, DGW),
    Plek("Ontmoetingsruimte De Parkzoom", ONTMOETING, "Binnenstad", WM, WM),
    Plek("Ontmoetingsruimte Kastanjehof", ONTMOETING, "Osseveld-Woudhuis", OH, OH),
    Plek("Ontmoetingsruimte De Veldkamp", ONTMOETING, "Apeldoorn-Zuid", DGW, DGW),
    Plek("Ontmoetingsruimte Het Hofje", ONTMOETING, "Apeldoorn-Noord", SW, SW),
    Plek("Ontmoetingsruimte De Kleine Maat", ONTMOETING, "De Maten", WM, BV),
    Plek("Ontmoetingsruimte Brinkzicht", ONTMOETING, "Kerschoten", OH, OH),
    Plek("Ontmoetingsruimte De Akker", ONTMOETING, "Zevenhuizen", DGW, DGW),
    Plek("Woonzorgcentrum De Veluwehof", WOONZORG, "Apeldoorn-Zuid", DGW, "veluwse-brug", "l"),
    Plek("Woonzorglocatie Het Lindenhuis", WOONZORG, "Binnenstad", OH, "de-kroonsteen"),
    Plek("Woonzorglocatie De Regenboog", WOONZORG, "Osseveld-Woudhuis", SW, "ggz-de-dennenrand",
         "p"),
    Plek("Woonzorgcentrum De Hooge Weide", WOONZORG, "Ugchelen", WM, "veluwse-brug"),
    Plek("Woonzorglocatie Het Klaverblad", WOONZORG, "Zuidbroek", DGW, "de-kroonsteen"),
    Plek("Woonzorglocatie De Brug", WOONZORG, "Apeldoorn-West", OH, "ggz-de-dennenrand"),
    Plek("Woonzorgcentrum Kerschoterhof", WOONZORG, "Kerschoten", SW, "veluwse-brug"),
    Plek("Dagbestedingspunt De Werkplaats", STEUNPUNT, "Apeldoorn-Noord", GA, "de-kroonsteen",
         "v"),
    Plek("Steunpunt Het Baken", STEUNPUNT, "Apeldoorn-Zuid", OH, "ggz-de-dennenrand"),
    Plek("Ontmoetingstuin De Pluk", OVERIG, "Zevenhuizen", GA, VC, standaardactiviteiten=False,
         uren={1: (("10:00", "16:00"),), 3: (("10:00", "16:00"),), 5: (("10:00", "15:00"),)},
         voorzieningen=(V.BUITENRUIMTE, V.KEUKEN),
         omschrijving="Buurtmoestuin met een tuinhuis waar buren samen zaaien, wieden, oogsten "
         "en koffiedrinken. Iedereen mag meedoen, ook zonder groene vingers."),
    Plek("Buurtkamer De Zonnewijzer", BUURTHUIS, "Apeldoorn-Zuid", WM, STI),
    Plek("Repair Café De Schroevendraaier", OVERIG, "Binnenstad", GA, VC,
         standaardactiviteiten=False,
         uren={2: (("13:00", "17:00"),), 5: (("10:00", "13:00"),)},
         voorzieningen=(V.WIFI,), ruimten=(RuimteData("Werkplaats", 16, "48.0", ()),),
         omschrijving="Werkplaats van vrijwilligers: breng een kapot apparaat, kledingstuk of "
         "fiets mee en repareer het samen met een vrijwilliger. Koffie staat klaar."),
    Plek("Buurtkamer Ugchelen-Zuid", BUURTHUIS, "Ugchelen", SW, VC),
    Plek("Steunpunt De Maten", STEUNPUNT, "De Maten", DGW, "ggz-de-dennenrand", "p"),
    Plek("Buurtkamer De Sleutel", BUURTHUIS, "Osseveld-Woudhuis", GA, STI),
    Plek("Inloophuis De Schakel", OVERIG, "Binnenstad", GA, STI, standaardactiviteiten=False,
         uren={dag: (("10:00", "16:00"),) for dag in WEEKDAGEN},
         omschrijving="Inloophuis in de binnenstad voor iedereen die even niet alleen wil zijn: "
         "een kop koffie, een krant en een luisterend oor van vrijwilligers."),
    Plek("Buurtkamer Het Vogelnest", BUURTHUIS, "Zuidbroek", WM, BV),
)  # fmt: skip

WSP_NOORD = "Wijkservicepunt Noord"

ZEIST = (
    Plek(
        WSP_NOORD,
        WSP,
        "Zeist-Noord",
        "de-kombinatie",
        "meanderomnium",
        "vp",
        buurt="Noord-Midden",
        sinds=dt.date(2009, 9, 1),
        dagbesteding=True,
        community_builder=True,
        partners=(
            ("gemeente-zeist", R.FINANCIER),
            ("gemeente-zeist", R.VASTE_GEBRUIKER),
            ("abrona", R.ZORGPARTNER),
            ("zorggroep-charim", R.ZORGPARTNER),
            ("kwintes", R.ZORGPARTNER),
        ),
        omschrijving=(
            "Centrale ontmoetingsplek voor en door bewoners van Zeist-Noord. De gemeente "
            "Zeist, Abrona, Zorggroep Charim, De Kombinatie, Kwintes en MeanderOmnium werken "
            "hier samen. Kom binnen met een vraag over wonen, welzijn en zorg, voor een kop "
            "koffie, lunch of warme maaltijd in Café Noord, of met een eigen idee voor de wijk. "
            "In Café Noord werken zo'n vijftien cliënten met een indicatie dagbesteding mee in "
            "de keuken, het café en de kleine winkel met zelfgemaakte producten. Volgens het "
            "artikel uit 2015 is John Borgman coördinator en Elice Schut wijkconsulent "
            "Zeist-Noord."
        ),
        voorzieningen=(
            V.KEUKEN,
            V.MAALTIJDEN,
            V.WINKEL,
            V.SPREEKUURRUIMTE,
            V.COMPUTERS,
            V.WIFI,
        ),
        doelgroepen=(
            D.IEDEREEN,
            D.OUDEREN,
            D.VERSTANDELIJKE_BEPERKING,
            D.PSYCHISCHE_KWETSBAARHEID,
            D.WERKZOEKENDEN,
            D.JONGEREN,
        ),
        uren={
            0: (("09:00", "17:00"),),
            1: (("09:00", "17:00"),),
            2: (("09:00", "17:00"),),
            3: (("09:00", "17:00"), ("19:00", "21:00")),
            4: (("09:00", "17:00"),),
        },
        ruimten=(
            RuimteData(
                "Café Noord", 40, "85.0", (V.KEUKEN, V.MAALTIJDEN, V.WINKEL, V.WIFI)
            ),
            RuimteData("Spreekuurkamer", 4, "12.0", (V.SPREEKUURRUIMTE,), huurprijs="12.50"),
            RuimteData("Activiteitenruimte", 20, "42.0", (V.BEAMER, V.WIFI), huurprijs="25.00"),
            RuimteData("Computerruimte", 8, "20.0", (V.COMPUTERS, V.WIFI)),
        ),
        financiering=(
            FinancieringData(
                FinancieringBron.WMO, "gemeente-zeist", 120_000, None, "Wijkservicepunt (Wmo)."
            ),
            FinancieringData(
                FinancieringBron.CORPORATIE,
                "de-kombinatie",
                15_000,
                None,
                "Maatschappelijke huur van het pand.",
            ),
            FinancieringData(
                FinancieringBron.SUBSIDIE,
                "gemeente-zeist",
                30_000,
                dt.date(2027, 2, 28),
                "Project ‘Meedoen in de wijk’ (bedrag en looptijd verzonnen).",
            ),
        ),
        standaardactiviteiten=False,
    ),
    Plek("Buurthuis De Linde", BUURTHUIS, "Zeist-West", "gemeente-zeist", "meanderomnium",
         buurt="Brugakker"),
    Plek("Ontmoetingsruimte Kerckeboschhof", ONTMOETING, "Kerckebosch", "de-kombinatie",
         "de-kombinatie", adres_openbaar=False),
    Plek("Woonzorgcentrum De Wilgenhoek", WOONZORG, "Zeist-Oost", "de-kombinatie",
         "zorggroep-charim"),
    Plek("Huiskamer Den Dolder", BUURTHUIS, "Den Dolder", "gemeente-zeist", "meanderomnium",
         beheervorm=Beheervorm.BEHEERGROEP),
    Plek("Buurtkamer Vollenhove", BUURTHUIS, "Zeist-Noord", "de-kombinatie", "meanderomnium",
         buurt="Vollenhove", status=LocatieStatus.TER_BEOORDELING),
    Plek("Ontmoetingsplek Slotlaan", OVERIG, "Zeist-Centrum", "gemeente-zeist", "gemeente-zeist",
         status=LocatieStatus.CONCEPT, omschrijving="", voorzieningen=(), doelgroepen=(),
         uren={}, ruimten=(), financiering=()),
)  # fmt: skip

HEEL_EUROPA = "Heel Europa"
KERN = "(Wooncirkel)"
LEVIAAN, WOONCOMPAGNIE = "leviaan", "wooncompagnie"
HUURDERS_PMR = "huurdersvereniging-purmer-samen"


def _kern(wijk: str, buurt: str) -> Plek:
    return Plek(
        f"Kern {wijk} {KERN}",
        STEUNPUNT,
        wijk,
        WOONCOMPAGNIE,
        LEVIAAN,
        "p",
        buurt=buurt,
        sinds=dt.date(2019, 1, 1),
        partners=((LEVIAAN, R.ZORGPARTNER),),
        omschrijving=(
            f"Een kern van de Wooncirkels van Leviaan in {wijk}. Cliënten wonen zelfstandig of "
            "in een woonvorm in een cirkel van twee kilometer rond deze kern; hoe intensiever "
            "de zorgvraag, hoe dichter bij de kern. De kern is er ook voor buurtbewoners: loop "
            "binnen voor koffie of doe mee met een activiteit."
        ),
        standaardactiviteiten=False,
    )


PURMEREND = (
    Plek(
        HEEL_EUROPA,
        WOONZORG,
        "Weidevenne",
        WOONCOMPAGNIE,
        LEVIAAN,
        buurt="Weidevenne-Midden",
        sinds=dt.date(2018, 6, 1),
        partners=(
            (LEVIAAN, R.ZORGPARTNER),
            ("zorgkantoor-purmerland", R.FINANCIER),
            (HUURDERS_PMR, R.VASTE_GEBRUIKER),
        ),
        omschrijving=(
            "Woonzorglocatie waar alles samenkomt: wijkbewoners lopen makkelijk binnen en "
            "voelen zich welkom. Het PostNL-punt aan de balie zorgt voor veel aanloop en "
            "contact; wie wil, kan zich hier ook aanmelden als vrijwilliger."
        ),
        voorzieningen=(V.POSTNL_PUNT, V.KEUKEN, V.MAALTIJDEN, V.WIFI, V.SPREEKUURRUIMTE),
        doelgroepen=(D.IEDEREEN, D.OUDEREN, D.PSYCHISCHE_KWETSBAARHEID),
        ruimten=(
            RuimteData("Ontmoetingsruimte bij de balie", 35, "70.0", (V.POSTNL_PUNT, V.WIFI)),
            RuimteData("Activiteitenzaal", 30, "55.0", (V.KEUKEN, V.BEAMER), huurprijs="30.00"),
        ),
        financiering=(
            FinancieringData(
                FinancieringBron.ZORGKANTOOR,
                "zorgkantoor-purmerland",
                250_000,
                None,
                "Volledig pakket thuis (VPT) voor de bewoners.",
            ),
            FinancieringData(
                FinancieringBron.WMO,
                "gemeente-purmerend",
                18_000,
                dt.date(2027, 4, 30),
                "Buurtfunctie en vrijwilligers, tijdelijk tot de nieuwe prestatieafspraken.",
            ),
        ),
        standaardactiviteiten=False,
    ),
    _kern("Overwhere", "Overwhere-Zuid"),
    _kern("Wheermolen", "Wheermolen-Oost"),
    _kern("Gors", "Gors-Noord"),
    Plek("Buurthuis De Purmerhoek", BUURTHUIS, "Purmer-Zuid", "gemeente-purmerend",
         HUURDERS_PMR),
    Plek("Ontmoetingsruimte Centrumhof", ONTMOETING, "Centrum", WOONCOMPAGNIE, HUURDERS_PMR,
         adres_openbaar=False, ruimten=(HUISKAMER,)),
    Plek("Buurtkamer Purmer-Noord", BUURTHUIS, "Purmer-Noord", WOONCOMPAGNIE, LEVIAAN,
         status=LocatieStatus.TER_BEOORDELING),
)  # fmt: skip

PLEKKEN = {"GM0200": APELDOORN, "GM0355": ZEIST, "GM0439": PURMEREND}


@dataclass(frozen=True)
class VerhuurData:
    plek: str
    ruimte: str
    huurder: str
    ingangsdatum: dt.date
    einddatum: dt.date | None
    doel: str


# Lettings of corporatie rooms; each huurder passes the Btiv rule.
VERHUUR = (
    VerhuurData("Ontmoetingsruimte Hof van Zevenhuizen", "Huiskamer", BV, dt.date(2025, 1, 1),
                None, "Maandelijkse bewonersavond en ledenvergadering van de bewonersvereniging."),
    VerhuurData("Ontmoetingsruimte De Lindehof", "Huiskamer", STI, dt.date(2025, 9, 1),
                dt.date(2027, 8, 31), "Wekelijks spreekuur van de ouderenadviseur."),
    VerhuurData(WSP_NOORD, "Spreekuurkamer", "gemeente-zeist", dt.date(2024, 1, 1), None,
                "Spreekuur van de wijkconsulent en het sociaal team."),
    VerhuurData("Ontmoetingsruimte Centrumhof", "Huiskamer", HUURDERS_PMR, dt.date(2025, 4, 1),
                None, "Bewonersoverleg en spreekuur van de huurdersvereniging."),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Activiteiten
# ---------------------------------------------------------------------------------------------

WEKELIJKS = "FREQ=WEEKLY;BYDAY={}"
ELKE_WERKDAG = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
DAGCODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Recurring activities started in 2025 or early 2026; one-off ones fall in Dec 2026–Feb 2027.
STARTS = (
    dt.date(2025, 1, 6),
    dt.date(2025, 3, 3),
    dt.date(2025, 9, 1),
    dt.date(2026, 1, 5),
    dt.date(2026, 2, 2),
)

# Dates on which recurring activities do not take place.
FEESTDAGEN = {
    dt.date(2026, 12, 25): "Eerste Kerstdag",
    dt.date(2026, 12, 26): "Tweede Kerstdag",
    dt.date(2027, 1, 1): "Nieuwjaarsdag",
    dt.date(2027, 4, 27): "Koningsdag",
}


@dataclass(frozen=True)
class ActiviteitData:
    plek: str
    titel: str
    categorie: str
    organisator: str
    herhaling: str  # "" for a single date
    start: dt.date  # a recurring activity starts on its first date on or after this one
    tijd: tuple[str, str]
    omschrijving: str = ""
    ruimte: str = ""
    doelgroepen: tuple[str, ...] = (D.IEDEREEN,)
    alleen_voor_doelgroep: bool = False
    kosten: str = "0"
    kosten_toelichting: str = ""
    aanmelden_via: str = ""
    uitzonderingen: tuple[tuple[dt.date, str], ...] = ()


C = Categorie
A = ActiviteitData

HAND_ACTIVITEITEN = (
    # Zeist, Wijkservicepunt Noord: the activities the article names.
    A(WSP_NOORD, "Spelletjesmiddag", C.SPELLETJES, "meanderomnium", WEKELIJKS.format("WE"),
      STARTS[0], ("14:00", "16:00"), "Sjoelen, rummikub en kaarten. Schuif gewoon aan, alleen "
      "of met een vriendin.", ruimte="Activiteitenruimte"),
    A(WSP_NOORD, "Computerles voor cliënten van Kwintes", C.COMPUTERLES, "kwintes",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", STARTS[0], ("10:00", "12:00"),
      "Om de week computerles in een rustige groep, voor cliënten van Kwintes.",
      ruimte="Computerruimte", doelgroepen=(D.PSYCHISCHE_KWETSBAARHEID,),
      alleen_voor_doelgroep=True, aanmelden_via="Via je begeleider van Kwintes"),
    A(WSP_NOORD, "Verse maaltijd in Café Noord", C.MAALTIJD, "abrona", ELKE_WERKDAG, STARTS[0],
      ("12:30", "13:30"), "Elke werkdag een verse warme maaltijd, gekookt en geserveerd door "
      "deelnemers aan de dagbesteding. Zo nodig brengen zij de maaltijd ook thuis bij "
      "bewoners van de aangrenzende woningen.", ruimte="Café Noord",
      doelgroepen=(D.IEDEREEN, D.OUDEREN), kosten="6.50",
      kosten_toelichting="Per maaltijd, inclusief toetje", aanmelden_via="Uiterlijk de dag "
      "ervoor aan de bar van Café Noord of via 030-1234000",
      uitzonderingen=((dt.date(2026, 12, 17), "Kerstlunch"),)),
    A(WSP_NOORD, "Dagbesteding in Café Noord en de winkel", C.DAGBESTEDING, "abrona",
      ELKE_WERKDAG, STARTS[0], ("09:30", "15:30"), "Zo'n vijftien cliënten met een indicatie "
      "dagbesteding werken als vrijwilliger in de keuken, het café en de winkel: bestellingen "
      "opnemen, drankjes rondbrengen, koken en producten maken voor de winkel.",
      doelgroepen=(D.VERSTANDELIJKE_BEPERKING,), alleen_voor_doelgroep=True,
      aanmelden_via="Met een indicatie dagbesteding, via Abrona"),
    A(WSP_NOORD, "Breiles", C.CREATIEF, "meanderomnium", WEKELIJKS.format("TU"), STARTS[1],
      ("14:00", "15:30"), "Leer breien van een ervaren buurtgenote. Breinaalden en wol zijn "
      "er.", ruimte="Activiteitenruimte"),
    A(WSP_NOORD, "Samen wandelen", C.BEWEGEN, "meanderomnium", WEKELIJKS.format("FR"),
      STARTS[1], ("10:00", "11:00"), "Een rustig ommetje door de wijk met buurtgenoten; we "
      "vertrekken bij de ingang.", doelgroepen=(D.IEDEREEN, D.OUDEREN)),
    A(WSP_NOORD, "Klussen in de wijk", C.KLUSSEN, "abrona", WEKELIJKS.format("WE"), STARTS[2],
      ("10:00", "12:00"), "Medewerkers, vrijwilligers en deelnemers aan de dagbesteding doen "
      "klussen in de wijk: tuinonderhoud, glas wegbrengen, plantenbakken bijhouden. Vraag een "
      "klus aan bij de balie.", aanmelden_via="Klus aanvragen aan de balie"),
    A(WSP_NOORD, "Spreekuur wijkconsulent", C.SPREEKUUR, "gemeente-zeist",
      WEKELIJKS.format("TU"), STARTS[0], ("09:00", "11:00"), "Vragen over wonen, welzijn en "
      "zorg? Loop binnen bij de wijkconsulent van Zeist-Noord.", ruimte="Spreekuurkamer"),
    A(WSP_NOORD, "Spreekuur De Kombinatie", C.SPREEKUUR, "de-kombinatie",
      "FREQ=MONTHLY;BYDAY=1MO", STARTS[2], ("13:30", "15:00"), "Eerste maandag van de "
      "maand: vragen over uw huurwoning.", ruimte="Spreekuurkamer"),
    A(WSP_NOORD, "Spreekuur wonen en zorg voor ouderen", C.SPREEKUUR, "zorggroep-charim",
      "FREQ=MONTHLY;BYDAY=3WE", STARTS[3], ("10:00", "11:30"), "Derde woensdag van de maand: "
      "advies over zorg thuis en langer zelfstandig wonen.", ruimte="Spreekuurkamer",
      doelgroepen=(D.OUDEREN, D.MANTELZORGERS)),
    A(WSP_NOORD, "Kerstlunch in Café Noord", C.MAALTIJD, "abrona", "", dt.date(2026, 12, 17),
      ("12:00", "14:00"), "Feestelijke kerstlunch voor de wijk, bereid door de keukenploeg.",
      ruimte="Café Noord", kosten="7.50", aanmelden_via="Aan de bar van Café Noord"),
    A(WSP_NOORD, "Voorlichting veilig internetbankieren", C.CURSUS, "meanderomnium", "",
      dt.date(2027, 1, 21), ("14:00", "15:30"), "Hoe herken je nepberichten en bankfraude?",
      ruimte="Activiteitenruimte", doelgroepen=(D.IEDEREEN, D.OUDEREN)),
    # Zeist, other places
    A("Buurthuis De Linde", "Taalcafé", C.CURSUS, "meanderomnium", WEKELIJKS.format("TH"),
      STARTS[3], ("19:30", "21:00"), "Nederlands oefenen in een ontspannen gesprek met "
      "buurtbewoners.", doelgroepen=(D.NIEUWKOMERS,)),
    A("Huiskamer Den Dolder", "Samen wandelen", C.BEWEGEN, "meanderomnium",
      WEKELIJKS.format("MO"), STARTS[4], ("10:00", "11:00"), "Wandelen in en om Den Dolder, "
      "op een tempo dat iedereen kan bijhouden."),
    # Purmerend, Heel Europa
    A(HEEL_EUROPA, "Koffie bij de balie", C.KOFFIE, LEVIAAN, "FREQ=WEEKLY;BYDAY=MO,WE,FR",
      STARTS[0], ("10:00", "11:30"), "Koffie en een praatje bij de balie van het PostNL-punt.",
      ruimte="Ontmoetingsruimte bij de balie"),
    A(HEEL_EUROPA, "Open eettafel", C.MAALTIJD, LEVIAAN, WEKELIJKS.format("TH"), STARTS[1],
      ("17:00", "18:30"), "Samen eten met bewoners en buren.", ruimte="Activiteitenzaal",
      doelgroepen=(D.IEDEREEN, D.OUDEREN), kosten="7.50", aanmelden_via="Aan de balie, "
      "uiterlijk dinsdag"),
    A(HEEL_EUROPA, "Bingo", C.SPELLETJES, HUURDERS_PMR, "FREQ=MONTHLY;BYDAY=-1FR", STARTS[1],
      ("14:00", "16:00"), "Laatste vrijdag van de maand: bingo met kleine prijsjes.",
      ruimte="Activiteitenzaal", kosten="2.50", kosten_toelichting="Per kaart"),
    A(HEEL_EUROPA, "Vrijwilligersinloop", C.OVERIG, LEVIAAN, "FREQ=MONTHLY;BYDAY=1TU",
      STARTS[2], ("10:00", "11:30"), "Wil je iets doen voor de buurt? Kom kennismaken en "
      "hoor welk vrijwilligerswerk er is.", doelgroepen=(D.IEDEREEN, D.WERKZOEKENDEN)),
    A(HEEL_EUROPA, "Nieuwjaarsborrel", C.KOFFIE, LEVIAAN, "", dt.date(2027, 1, 8),
      ("16:00", "18:00"), "Proost op het nieuwe jaar met bewoners, buren en vrijwilligers.",
      ruimte="Activiteitenzaal"),
    # Purmerend, the kernen of the Wooncirkels: each has an inloop and a shared lunch.
    *(
        activiteit
        for kern, inloop_dag, lunch_dag, start in (
            ("Overwhere", "TU", "TH", STARTS[2]),
            ("Wheermolen", "WE", "MO", STARTS[2]),
            ("Gors", "TH", "TU", STARTS[3]),
        )
        for activiteit in (
            A(f"Kern {kern} {KERN}", "Inloop voor buurtbewoners", C.KOFFIE, LEVIAAN,
              WEKELIJKS.format(inloop_dag), start, ("10:00", "12:00"), "Koffie, een praatje "
              "en informatie over wat er in de wijk te doen is."),
            A(f"Kern {kern} {KERN}", "Samen koken en lunchen", C.MAALTIJD, LEVIAAN,
              WEKELIJKS.format(lunch_dag), start, ("11:00", "13:30"), "Cliënten en buren koken "
              "samen en eten samen.", doelgroepen=(D.IEDEREEN, D.PSYCHISCHE_KWETSBAARHEID),
              kosten="4.00", aanmelden_via="Aan de balie van de kern"),
        )
    ),
    A(f"Kern Overwhere {KERN}", "Wandelgroep", C.BEWEGEN, LEVIAAN, WEKELIJKS.format("FR"),
      STARTS[3], ("10:00", "11:00"), "Een uur wandelen door Overwhere."),
    A(f"Kern Overwhere {KERN}", "Voorlichting wonen in de Wooncirkel", C.CURSUS, LEVIAAN, "",
      dt.date(2027, 2, 4), ("15:00", "16:30"), "Hoe werken de Wooncirkels, en wat betekent "
      "dat voor de buurt? Voor buren, huurders en belangstellenden."),
    # Purmerend, other places
    A("Buurthuis De Purmerhoek", "Klusochtend", C.KLUSSEN, HUURDERS_PMR,
      "FREQ=MONTHLY;BYDAY=1TH", STARTS[3], ("10:00", "12:30"), "Vrijwilligers helpen met "
      "kleine klussen in huis en tuin; kom langs met je vraag."),
    A("Ontmoetingsruimte Centrumhof", "Bewonersoverleg", C.OVERIG, HUURDERS_PMR,
      "FREQ=MONTHLY;BYDAY=2MO", STARTS[2], ("19:30", "21:00"), "Overleg van de bewoners van "
      "het complex met de huurdersvereniging.", ruimte="Huiskamer"),
    # Apeldoorn, places with their own programme and single events
    A("Ontmoetingstuin De Pluk", "Tuinieren met buren", C.BEWEGEN, VC, WEKELIJKS.format("TU"),
      STARTS[1], ("10:00", "12:00"), "Samen de moestuin bijhouden; handschoenen en gereedschap "
      "zijn er."),
    A("Ontmoetingstuin De Pluk", "Oogstsoep", C.MAALTIJD, VC, "FREQ=MONTHLY;BYDAY=1SA",
      STARTS[2], ("12:00", "13:30"), "Soep van wat de tuin geeft, voor iedereen die langskomt.",
      kosten="2.00", kosten_toelichting="Vrijwillige bijdrage"),
    A("Repair Café De Schroevendraaier", "Repair café", C.KLUSSEN, VC,
      "FREQ=MONTHLY;BYDAY=2SA", STARTS[0], ("10:00", "13:00"), "Samen repareren in plaats van "
      "weggooien.", ruimte="Werkplaats"),
    A("Inloophuis De Schakel", "Koffie-inloop", C.KOFFIE, STI, ELKE_WERKDAG, STARTS[0],
      ("10:00", "12:00"), "Elke werkdag koffie, de krant en een luisterend oor."),
    A("Ontmoetingsruimte Hof van Zevenhuizen", "Bewonersavond", C.OVERIG, BV,
      "FREQ=MONTHLY;BYDAY=2TU", STARTS[1], ("19:30", "21:30"), "Maandelijkse bewonersavond van "
      "de bewonersvereniging: wat speelt er in de buurt?", ruimte="Huiskamer"),
    A("Ontmoetingsruimte De Lindehof", "Spreekuur ouderenadviseur", C.SPREEKUUR, STI,
      WEKELIJKS.format("WE"), STARTS[2], ("14:00", "15:30"), "Vragen over langer thuis "
      "wonen, hulp in huis of mantelzorg.", ruimte="Huiskamer",
      doelgroepen=(D.OUDEREN, D.MANTELZORGERS)),
    A("+Punt Zevenhuizen", "Kerstmarkt in de buurthuiskamer", C.CREATIEF, WM, "",
      dt.date(2026, 12, 12), ("13:00", "16:00"), "Kraampjes met zelfgemaakte kerststukjes en "
      "kaarten, gemaakt door buurtbewoners en deelnemers aan de dagbesteding.",
      ruimte="Buurthuiskamer"),
    A("Wijkcentrum De Koperwiek", "Nieuwjaarsontmoeting", C.KOFFIE, STI, "",
      dt.date(2027, 1, 9), ("14:00", "16:00"), "Begin het jaar samen met de buren."),
    A("Woonzorgcentrum De Veluwehof", "Voorlichting valpreventie", C.CURSUS, "veluwse-brug", "",
      dt.date(2027, 2, 11), ("14:00", "15:30"), "Tips van een fysiotherapeut om vallen thuis "
      "te voorkomen.", doelgroepen=(D.OUDEREN, D.MANTELZORGERS)),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Demo users
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GebruikerData:
    email: str
    naam: str
    partner: str = ""  # slug; "" for the functioneel beheerder
    rol: str = LidmaatschapRol.MEDEWERKER
    superuser: bool = False


GEBRUIKERS = (
    GebruikerData("beheer@demo.example", "Femke Visser", superuser=True),
    GebruikerData("gemeente@demo.example", "Marloes Hendriks", GA, LidmaatschapRol.BEHEERDER),
    GebruikerData("gemeente.zeist@demo.example", "Joost Verbeek", "gemeente-zeist"),
    GebruikerData("gemeente.purmerend@demo.example", "Sanne de Wit", "gemeente-purmerend"),
    GebruikerData("corporatie@demo.example", "Ruben Kok", WM),
    GebruikerData("corporatie.beheerder@demo.example", "Ilse Jansen", WM,
                  LidmaatschapRol.BEHEERDER),
    GebruikerData("zorg@demo.example", "Yusuf Demir", "abrona"),
    GebruikerData("welzijn@demo.example", "Lotte Bakker", STI),
    GebruikerData("bewoners@demo.example", "Henk Mulder", BV, LidmaatschapRol.BEHEERDER),
)  # fmt: skip

INVENTED = (
    "Verzonnen (is_demo): adressen, coördinaten, wijk- en buurtgrenzen en inwonertallen, "
    "openingstijden, ruimten, financiering, de meeste activiteiten en de organisaties met "
    "‘(fictief)’ in hun naam; echte organisaties hebben geen verzonnen contactgegevens. "
    "Uit de artikelen: de gemeenten, corporaties, zorg- en welzijnsorganisaties, "
    "Wijkservicepunt Noord, Heel Europa, de +Punten en de Wooncirkels van Leviaan."
)

# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass
class GemeenteCounts:
    gemeente: str
    cbs_code: str
    locaties: int
    gepubliceerd: int
    sterlocaties: int
    partners: int
    activiteiten: int
    wijken: int
    buurten: int


@dataclass
class DemoUser:
    email: str
    naam: str
    partner: str
    rol: str


@dataclass
class DemoResult:
    gemeenten: list[GemeenteCounts]
    users: list[DemoUser]
    password: str
    invented: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)


# ---------------------------------------------------------------------------------------------
# Writing: look up by natural key, save only what differs
# ---------------------------------------------------------------------------------------------


def _differs(obj, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(obj, model_field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def sync(result: DemoResult, model, *, lookup: dict, values: dict | None = None, m2m=None):
    """The row of `model` matching `lookup`, created or updated to carry `values` and the
    many-to-many sets in `m2m`; saved (after full_clean) only when something differs."""
    values = values or {}
    label = model._meta.label
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created[label] += 1
    else:
        changed = {name: value for name, value in values.items() if _differs(obj, name, value)}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            obj.full_clean()
            obj.save()
            result.updated[label] += 1
    for name, wanted in (m2m or {}).items():
        manager = getattr(obj, name)
        if created:
            manager.set(wanted)
        elif set(manager.values_list("pk", flat=True)) != {item.pk for item in wanted}:
            manager.set(wanted)
            result.updated[f"{label}.{name}"] += 1
    return obj


# ---------------------------------------------------------------------------------------------
# Geography: wijken from a Voronoi diagram of their centres, buurten from one inside each wijk
# ---------------------------------------------------------------------------------------------

METERS_PER_DEGREE = 111_320.0
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"


def _to_lonlat(stad: Stad, x: float, y: float) -> tuple[float, float]:
    """Metres east and north of the town centre to WGS84 degrees (fine at town scale)."""
    lat = stad.lat + y / METERS_PER_DEGREE
    lon = stad.lon + x / (METERS_PER_DEGREE * math.cos(math.radians(stad.lat)))
    return lon, lat


def _geojson(stad: Stad, polygon) -> dict:
    """A convex polygon in local metres as a GeoJSON Polygon, rounded to 5 decimals (~1 m)."""
    ring = []
    for x, y in orient(polygon, 1.0).exterior.coords:
        lon, lat = _to_lonlat(stad, x, y)
        point = [round(lon, 5), round(lat, 5)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return {"type": "Polygon", "coordinates": [ring]}


def _voronoi_cells(seeds: list, area) -> list:
    """The Voronoi cell of each seed (in order), cut to `area`."""
    cells = voronoi_polygons(geometry.MultiPoint(seeds), extend_to=area).geoms
    return [next(c for c in cells if c.contains(seed)).intersection(area) for seed in seeds]


def _buurt_seeds(polygon, count: int, rng: random.Random) -> list:
    inner = polygon.buffer(-150)
    min_x, min_y, max_x, max_y = inner.bounds
    gap = math.sqrt(inner.area / count) * 0.6
    seeds = []
    while len(seeds) < count:
        point = geometry.Point(rng.uniform(min_x, max_x), rng.uniform(min_y, max_y))
        if inner.contains(point) and all(point.distance(seed) > gap for seed in seeds):
            seeds.append(point)
        gap *= 0.995  # never loop for ever on an awkward shape
    return seeds


@dataclass(frozen=True)
class BuurtSpec:
    code: str
    naam: str
    grens: dict
    inwoners: int
    aandeel_65_plus: Decimal | None


@dataclass(frozen=True)
class WijkSpec:
    code: str
    data: WijkData
    grens: dict
    buurten: tuple[BuurtSpec, ...]

    @property
    def inwoners(self) -> int:
        return sum(buurt.inwoners for buurt in self.buurten)

    @property
    def aandeel_65_plus(self) -> Decimal:
        ouderen = sum(b.inwoners * b.aandeel_65_plus for b in self.buurten if b.inwoners)
        return (ouderen / self.inwoners).quantize(Decimal("0.1"))


def wijk_specs(stad: Stad) -> list[WijkSpec]:
    """The wijken and buurten of `stad` with generated boundaries and population."""
    town = geometry.Point(0, 0).buffer(stad.straal_km * 1000, quad_segs=8)
    wijken = WIJKEN[stad.cbs_code]
    seeds = [
        geometry.Point(
            w.afstand_km * 1000 * math.sin(math.radians(w.richting)),
            w.afstand_km * 1000 * math.cos(math.radians(w.richting)),
        )
        for w in wijken
    ]
    specs = []
    for number, (data, cell) in enumerate(
        zip(wijken, _voronoi_cells(seeds, town), strict=True), start=1
    ):
        code = f"{stad.cbs_code[2:]}{number:02d}"
        rng = random.Random(f"demodata:buurten:{code}")
        buurt_cells = _voronoi_cells(_buurt_seeds(cell, len(data.buurten), rng), cell)
        weights = [0.0 if naam == BUURT_ZONDER_INWONERS else rng.uniform(0.7, 1.3)
                   for naam in data.buurten]  # fmt: skip
        counts = [round(data.inwoners * w / sum(weights) / 5) * 5 for w in weights]
        last = max(i for i, w in enumerate(weights) if w)
        counts[last] += data.inwoners - sum(counts)
        buurten = []
        for index, (naam, buurt_cell, inwoners) in enumerate(
            zip(data.buurten, buurt_cells, counts, strict=True), start=1
        ):
            share = min(32.0, max(12.0, data.aandeel_65_plus + rng.uniform(-4, 4)))
            buurten.append(
                BuurtSpec(
                    f"BU{code}{index:02d}",
                    naam,
                    _geojson(stad, buurt_cell),
                    inwoners,
                    Decimal(f"{share:.1f}") if inwoners else None,
                )
            )
        specs.append(WijkSpec(f"WK{code}", data, _geojson(stad, cell), tuple(buurten)))
    return specs


def _point_in(grens: dict, rng: random.Random) -> tuple[float, float]:
    """A deterministic (latitude, longitude) well inside a GeoJSON polygon."""
    shape = geometry.shape(grens)
    inner = shape.buffer(-0.0007)
    if inner.is_empty:
        inner = shape
    min_lon, min_lat, max_lon, max_lat = inner.bounds
    while True:
        lon, lat = round(rng.uniform(min_lon, max_lon), 6), round(rng.uniform(min_lat, max_lat), 6)
        if inner.contains(geometry.Point(lon, lat)):
            return lat, lon


# ---------------------------------------------------------------------------------------------
# Rules that fill in a place
# ---------------------------------------------------------------------------------------------

BEHEERVORM_VAN_SOORT = {
    PartnerSoort.WONINGCORPORATIE: Beheervorm.CORPORATIE,
    PartnerSoort.WELZIJN: Beheervorm.WELZIJNSORGANISATIE,
    PartnerSoort.ZORG: Beheervorm.ZORGORGANISATIE,
    PartnerSoort.HUURDERS_BEWONERS: Beheervorm.BEWONERS,
    PartnerSoort.VRIJWILLIGERS: Beheervorm.BEHEERGROEP,
}

# Letter -> (Locatie field, Doelgroep of the people supported, words for the description).
BEGELEIDING_VELDEN = {
    "l": ("begeleiding_lichamelijk", D.LICHAMELIJKE_BEPERKING,
          "de lichamelijke gehandicaptenzorg"),
    "v": ("begeleiding_verstandelijk", D.VERSTANDELIJKE_BEPERKING,
          "de verstandelijke gehandicaptenzorg"),
    "p": ("begeleiding_psychiatrie", D.PSYCHISCHE_KWETSBAARHEID, "de psychiatrie"),
}  # fmt: skip

VOORZIENINGEN_VAN_SOORT = {
    PLUS: (V.KEUKEN, V.WIFI, V.SPREEKUURRUIMTE, V.COMPUTERS),
    WSP: (V.KEUKEN, V.WIFI, V.SPREEKUURRUIMTE),
    BUURTHUIS: (V.KEUKEN, V.WIFI, V.BEAMER),
    ONTMOETING: (V.KEUKEN,),
    WOONZORG: (V.MAALTIJDEN, V.KEUKEN, V.WIFI, V.PARKEREN),
    STEUNPUNT: (V.KEUKEN, V.SPREEKUURRUIMTE),
    OVERIG: (V.WIFI,),
}
EXTRA_VOORZIENINGEN = (V.BIBLIOTHEEK, V.BUITENRUIMTE, V.PARKEREN, V.WIFI, V.COMPUTERS)

DOELGROEPEN_VAN_SOORT = {
    PLUS: (D.IEDEREEN, D.OUDEREN, D.LICHAMELIJKE_BEPERKING, D.VERSTANDELIJKE_BEPERKING),
    WSP: (D.IEDEREEN,),
    BUURTHUIS: (D.IEDEREEN,),
    ONTMOETING: (D.IEDEREEN, D.OUDEREN),
    WOONZORG: (D.IEDEREEN, D.OUDEREN, D.LICHAMELIJKE_BEPERKING),
    STEUNPUNT: (D.IEDEREEN, D.PSYCHISCHE_KWETSBAARHEID),
    OVERIG: (D.IEDEREEN,),
}
EXTRA_DOELGROEPEN = (D.MANTELZORGERS, D.GEZINNEN, D.NIEUWKOMERS, D.JONGEREN, D.WERKZOEKENDEN)

RUIMTEN_VAN_SOORT = {
    PLUS: (
        RuimteData("Buurthuiskamer", 30, "55.0", (V.KEUKEN, V.WIFI), huurprijs="20.00"),
        RuimteData("Spreekkamer", 4, "12.0", (V.SPREEKUURRUIMTE,)),
    ),
    BUURTHUIS: (
        RuimteData("Grote zaal", 60, "90.0", (V.KEUKEN, V.BEAMER, V.WIFI), huurprijs="35.00"),
        RuimteData("Vergaderkamer", 12, "24.0", (V.BEAMER, V.WIFI), huurprijs="15.00"),
    ),
    ONTMOETING: (HUISKAMER,),
    WOONZORG: (
        RuimteData("Restaurant", 50, "110.0", (V.MAALTIJDEN, V.KEUKEN)),
        RuimteData("Activiteitenruimte", 20, "40.0", (V.BEAMER,), huurprijs="25.00"),
    ),
    STEUNPUNT: (
        RuimteData("Huiskamer", 15, "35.0", (V.KEUKEN,)),
        RuimteData("Gespreksruimte", 4, "10.0", (V.SPREEKUURRUIMTE,)),
    ),
    OVERIG: (RuimteData("Zaal", 20, "40.0", (V.KEUKEN,)),),
}

HUURVOORWAARDEN_BTIV = (
    "Te huur voor stichtingen en verenigingen die uitsluitend het algemeen belang dienen, "
    "overheden en particulieren voor niet-commercieel maatschappelijk werk (Btiv). Sleutel "
    "bij de beheerder; laat de ruimte schoon achter."
)
HUURVOORWAARDEN = (
    "Te huur voor bewonersinitiatieven en maatschappelijke organisaties. Vraag de beheerder "
    "naar de mogelijkheden."
)

TIJDELIJK_TOT = (
    dt.date(2026, 12, 31),
    dt.date(2027, 2, 28),
    dt.date(2027, 4, 30),
    dt.date(2027, 12, 31),
    dt.date(2028, 6, 30),
)

KERSTVAKANTIE = (dt.date(2026, 12, 24), dt.date(2027, 1, 1), "Kerstvakantie")
ZOMERSLUITING = (dt.date(2027, 7, 19), dt.date(2027, 8, 6), "Zomersluiting")


def _uren(plek: Plek, index: int) -> dict[int, tuple[tuple[str, str], ...]]:
    if plek.uren is not None:
        return plek.uren
    if plek.soort == PLUS:
        uren = {dag: (("09:30", "16:30"),) for dag in range(4)}
        uren[4] = (("09:30", "12:30"), ("19:00", "21:30"))
        return uren
    if plek.soort == BUURTHUIS:
        dagen = [dag for dag in WEEKDAGEN if dag != (index + 3) % 5 or plek.begeleiding]
        uren = {dag: (("09:00", "12:30"), ("13:30", "17:00")) for dag in dagen}
        avond = dagen[(index + 2) % len(dagen)]
        uren[avond] = (*uren[avond], ("19:00", "22:00"))
        if index % 3 == 0:
            uren[5] = (("10:00", "13:00"),)
        return uren
    if plek.soort == ONTMOETING:
        ochtend, middag, laatste = index % 5, (index + 2) % 5, (index + 4) % 5
        return {
            ochtend: (("10:00", "12:00"),),
            middag: (("10:00", "12:00"), ("14:00", "16:30")),
            laatste: (("10:00", "12:00"),),
        }
    if plek.soort == WOONZORG:
        return {dag: (("08:30", "20:00"),) for dag in range(7)}
    return MA_T_M_VR


def _begeleidingstijden(plek: Plek, uren) -> dict[int, tuple[str, str]]:
    """When the professional support of a sterlocatie is there: the dagbesteding hours."""
    if not plek.begeleiding:
        return {}
    if plek.soort == PLUS:
        return {dag: ("10:00", "15:30") for dag in range(4)}
    if plek.soort == BUURTHUIS:
        return {dag: ("09:30", "12:30") for dag in sorted(uren)[:3] if dag < 5}
    return {dag: ("10:00", "15:00") for dag in (0, 1, 2, 3, 4) if dag in uren}


def _ruimten(plek: Plek, index: int) -> tuple[RuimteData, ...]:
    if plek.ruimten is not None:
        return plek.ruimten
    if plek.soort == PLUS or index % 3 == 1:
        return RUIMTEN_VAN_SOORT[plek.soort]
    return ()


def _financiering(plek: Plek, index: int, gemeentepartner: str, eigenaar) -> tuple:
    """Structural money by kind of place, temporary money for some, nothing for a few."""
    if plek.financiering is not None:
        return plek.financiering
    F = FinancieringData
    tot = TIJDELIJK_TOT[index % len(TIJDELIJK_TOT)]
    regels = []
    corporatie = eigenaar.soort == PartnerSoort.WONINGCORPORATIE
    if plek.soort == PLUS:
        regels.append(F(FinancieringBron.CORPORATIE, plek.eigenaar, 18_000, None,
                        "Buurthuiskamer van de corporatie."))  # fmt: skip
    elif plek.soort == ONTMOETING:
        if index % 6 == 5:
            return ()
        regels.append(F(FinancieringBron.CORPORATIE, plek.eigenaar, 3_000, None,
                        "Ruimte, energie en schoonmaak."))  # fmt: skip
        if index % 4 == 0:
            regels.append(F(FinancieringBron.BIJDRAGE_GEBRUIKERS, "", 600, None,
                            "Koffiepot en kleine bijdragen van bezoekers."))  # fmt: skip
        if index % 5 == 2:
            regels.append(F(FinancieringBron.SUBSIDIE, gemeentepartner, 2_500, tot,
                            "Budget voor bewonersinitiatieven."))  # fmt: skip
    elif plek.soort == WOONZORG:
        regels.append(F(FinancieringBron.ZORGKANTOOR, "", 180_000, None,
                        "Volledig pakket thuis (VPT) voor de bewoners."))  # fmt: skip
    elif plek.soort in (BUURTHUIS, STEUNPUNT):
        bedrag = 12_000 if corporatie else 35_000
        regels.append(F(FinancieringBron.WMO, gemeentepartner, bedrag, None,
                        "Subsidie voor de buurtfunctie."))  # fmt: skip
        if index % 3 == 0:
            regels.append(
                F(
                    FinancieringBron.FONDS,
                    "",
                    8_000,
                    tot,
                    "Startbijdrage van een fonds (fictief) voor nieuwe activiteiten.",
                )
            )
    else:
        regels.append(F(FinancieringBron.FONDS, "", 5_000, tot,
                        "Projectbijdrage van een fonds (fictief)."))  # fmt: skip
        regels.append(F(FinancieringBron.BIJDRAGE_GEBRUIKERS, "", 1_200, None,
                        "Vrijwillige bijdragen van bezoekers."))  # fmt: skip
    if plek.begeleiding and not any(regel.bron == FinancieringBron.WMO for regel in regels):
        regels.append(F(FinancieringBron.WMO, gemeentepartner, 25_000, None,
                        "Collectieve begeleiding op de sterlocatie."))  # fmt: skip
    if plek.soort == WOONZORG and index % 2 == 1:
        regels.append(F(FinancieringBron.SUBSIDIE, gemeentepartner, 6_000, tot,
                        "Buurtfunctie van de ontmoetingsruimte, tijdelijk."))  # fmt: skip
    return tuple(regels)


def _omschrijving(plek: Plek, partners: dict[str, Partner]) -> str:
    if plek.omschrijving is not None:
        return plek.omschrijving
    eigenaar, beheerder = partners[plek.eigenaar], partners[plek.beheerder]
    teksten = {
        PLUS: (
            f"Een van de vier +Punten van {eigenaar}: een buurthuiskamer in {plek.wijk}, sinds "
            "2005 service- en informatiepunt en centrum van buurtactiviteiten. Sinds kort ook "
            "een ontmoetingsplek voor mensen met een beperking, met dagbesteding midden in de "
            "buurt."
        ),
        BUURTHUIS: (
            f"Buurthuis in {plek.wijk} voor alle buurtbewoners: binnenlopen voor koffie, "
            f"meedoen aan activiteiten of zelf iets organiseren. Beheer: {beheerder}."
        ),
        ONTMOETING: (
            f"Ontmoetingsruimte in een wooncomplex van {eigenaar} in {plek.wijk}. Bewoners van "
            "het complex en de buurt drinken hier koffie en organiseren samen activiteiten."
        ),
        WOONZORG: (
            f"Woonzorglocatie in {plek.wijk} met een ontmoetingsruimte die open is voor "
            f"buurtbewoners. {beheerder} verzorgt de zorg en begeleiding."
        ),
        STEUNPUNT: (
            f"Steunpunt van {beheerder} in {plek.wijk}. Buurtbewoners lopen hier binnen met "
            "een vraag, voor een kop koffie of om mee te doen."
        ),
    }
    tekst = teksten.get(plek.soort, f"Ontmoetingsplek in {plek.wijk}.")
    if plek.begeleiding:
        soorten = [BEGELEIDING_VELDEN[letter][2] for letter in plek.begeleiding]
        tekst += (
            " Dit is een sterlocatie: er zijn professionele begeleiders aanwezig vanuit "
            f"{' en '.join(soorten)}."
        )
    return tekst


def apeldoorn_partners(plek: Plek) -> tuple[tuple[str, str], ...]:
    """The partners Apeldoorn places have besides eigenaar and beheerder."""
    extra = list(plek.partners)
    if plek.soort in (PLUS, BUURTHUIS, STEUNPUNT) and plek.beheerder != STI:
        extra.append((STI, R.WELZIJNSPARTNER))
    if plek.soort == PLUS:
        extra.append((VC, R.VASTE_GEBRUIKER))
        if not plek.begeleiding:
            extra.append(("de-kroonsteen", R.ZORGPARTNER))
    extra += [(APELDOORN_BEGELEIDERS[letter], R.ZORGPARTNER) for letter in plek.begeleiding]
    return tuple(dict.fromkeys(extra))


def _a(plek, titel, categorie, organisator, herhaling, index, tijd, omschrijving, **extra):
    return ActiviteitData(
        plek.naam,
        titel,
        categorie,
        organisator,
        herhaling,
        STARTS[index % len(STARTS)],
        tijd,
        omschrijving,
        **extra,
    )


def standaard_activiteiten(plek: Plek, index: int, uren, ruimten, begeleiders) -> list:
    """The everyday programme of a place, by kind: coffee, a meal, dagbesteding at a
    sterlocatie. Days follow the opening hours; the main room hosts what fits in it."""
    if not plek.standaardactiviteiten or plek.status != LocatieStatus.GEPUBLICEERD:
        return []
    zaal = ruimten[0].naam if ruimten else ""
    werkdagen = [dag for dag in sorted(uren) if dag < 5]
    dag = DAGCODES[werkdagen[0]]
    dag2 = DAGCODES[werkdagen[1 % len(werkdagen)]]
    welzijn = next((slug for slug, rol in plek.partners if rol == R.WELZIJNSPARTNER), None)
    activiteiten = []
    if plek.soort == PLUS:
        koffie = index % 4
        activiteiten += [
            _a(plek, "Koffie-ochtend", C.KOFFIE, plek.eigenaar, WEKELIJKS.format(DAGCODES[koffie]),
               index, ("10:00", "11:30"), "Elke week koffie en een praatje in de "
               "buurthuiskamer. Hoor wat er speelt en wat er te doen is.", ruimte=zaal),
            _a(plek, "Samen eten", C.MAALTIJD, welzijn or plek.beheerder,
               WEKELIJKS.format(DAGCODES[(koffie + 2) % 4]), index + 1, ("12:00", "13:30"),
               "Een warme maaltijd met buurtgenoten.", ruimte=zaal, kosten="5.00",
               doelgroepen=(D.IEDEREEN, D.OUDEREN),
               aanmelden_via="Aan de balie of telefonisch, uiterlijk de dag ervoor"),
            _a(plek, "Computerhulp", C.COMPUTERLES, VC,
               f"FREQ=WEEKLY;INTERVAL=2;BYDAY={DAGCODES[(koffie + 1) % 4]}", index + 2,
               ("14:00", "15:30"), "Vrijwilligers helpen met je telefoon, tablet of laptop: "
               "DigiD, e-mail, foto's.", ruimte=zaal),
        ]  # fmt: skip
    elif plek.soort == BUURTHUIS:
        activiteiten.append(
            _a(plek, "Koffie-inloop", C.KOFFIE, plek.beheerder, WEKELIJKS.format(dag), index,
               ("10:00", "11:30"), "Binnenlopen voor koffie en een praatje.", ruimte=zaal)
        )  # fmt: skip
        if plek.naam.startswith("Wijkcentrum"):
            activiteiten.append(
                _a(plek, "Bewegen voor ouderen", C.BEWEGEN, welzijn or plek.beheerder,
                   WEKELIJKS.format(dag2), index + 1, ("14:00", "15:00"), "Oefeningen op een "
                   "stoel en staand, onder leiding van een beweegcoach.", ruimte=zaal,
                   doelgroepen=(D.OUDEREN,), kosten="2.00", kosten_toelichting="Per keer")
            )  # fmt: skip
    elif plek.soort == ONTMOETING:
        ochtend, middag = DAGCODES[index % 5], DAGCODES[(index + 2) % 5]
        if index % 3 == 2:
            activiteiten.append(
                _a(plek, "Spelletjesmiddag", C.SPELLETJES, plek.beheerder,
                   WEKELIJKS.format(middag), index, ("14:00", "16:00"), "Kaarten, sjoelen en "
                   "rummikub met bewoners en buren.", ruimte=zaal)
            )  # fmt: skip
        else:
            activiteiten.append(
                _a(plek, "Koffie-ochtend", C.KOFFIE, plek.beheerder, WEKELIJKS.format(ochtend),
                   index, ("10:00", "11:30"), "Koffie met bewoners van het complex en de "
                   "buurt.", ruimte=zaal)
            )  # fmt: skip
    elif plek.soort == WOONZORG:
        activiteiten.append(
            _a(plek, "Open eettafel", C.MAALTIJD, plek.beheerder, WEKELIJKS.format("WE"), index,
               ("17:00", "18:30"), "Samen eten met bewoners en buren.", kosten="7.50",
               doelgroepen=(D.IEDEREEN, D.OUDEREN), ruimte=zaal,
               aanmelden_via="Aan de receptie, uiterlijk maandag")
        )  # fmt: skip
    elif plek.soort == STEUNPUNT:
        activiteiten.append(
            _a(plek, "Inloopspreekuur", C.SPREEKUUR, plek.beheerder, WEKELIJKS.format("MO"),
               index, ("13:00", "15:00"), "Zonder afspraak binnenlopen met een vraag.",
               ruimte=ruimten[1].naam if len(ruimten) > 1 else zaal)
        )  # fmt: skip
    if plek.soort == PLUS or plek.begeleiding:
        tijden = _begeleidingstijden(plek, uren) or {dag: ("10:00", "15:30") for dag in range(4)}
        van, tot = next(iter(tijden.values()))
        letters = plek.begeleiding or "v"
        activiteiten.append(
            _a(plek, "Dagbesteding", C.DAGBESTEDING, begeleiders[letters[0]],
               "FREQ=WEEKLY;BYDAY=" + ",".join(DAGCODES[d] for d in sorted(tijden)), index,
               (van, tot), "Dagbesteding midden in de buurt, met begeleiding: samen koken, "
               "klussen, creatief bezig zijn en meedoen aan de buurtactiviteiten.",
               doelgroepen=tuple(BEGELEIDING_VELDEN[letter][1] for letter in letters),
               alleen_voor_doelgroep=True, aanmelden_via="Via de zorgorganisatie, met een "
               "indicatie of beschikking")
        )  # fmt: skip
    return activiteiten


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _slug_locatie(stad: Stad, naam: str) -> str:
    return slugify(f"{stad.naam} {naam}")


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _load_partners(result: DemoResult, gemeenten: dict[str, Gemeente]) -> dict[str, Partner]:
    partners = {}
    for data in PARTNERS:
        partners[data.slug] = sync(
            result,
            Partner,
            lookup={"slug": data.slug},
            values={
                "naam": data.naam,
                "soort": data.soort,
                "rechtsvorm": data.rechtsvorm,
                "statuten_algemeen_belang": data.algemeen_belang,
                "kvk_nummer": data.kvk_nummer,
                "gemeente": gemeenten[data.gemeente] if data.gemeente else None,
                "email": data.email,
                "telefoon": data.telefoon,
                "website": data.website,
                "omschrijving": data.omschrijving,
                "is_demo": data.is_demo,
            },
            m2m={"werkgebied": [gemeenten[code] for code in data.werkgebied]},
        )
    return partners


def _load_wijken(result: DemoResult, stad: Stad, gemeente: Gemeente) -> dict[str, Wijk]:
    """Wijken and buurten of `stad`, by name (buurt names are unique within a gemeente)."""
    by_naam = {}
    for spec in wijk_specs(stad):
        wijk = sync(
            result,
            Wijk,
            lookup={"cbs_code": spec.code},
            values={
                "gemeente": gemeente,
                "naam": spec.data.naam,
                "slug": slugify(f"{stad.naam} {spec.data.naam}"),
                "soort": WijkSoort.WIJK,
                "wijk": None,
                "grens": spec.grens,
                "inwoners": spec.inwoners,
                "aandeel_65_plus": spec.aandeel_65_plus,
                "is_demo": True,
            },
        )
        by_naam[spec.data.naam] = wijk
        for buurt in spec.buurten:
            by_naam[buurt.naam] = sync(
                result,
                Wijk,
                lookup={"cbs_code": buurt.code},
                values={
                    "gemeente": gemeente,
                    "naam": buurt.naam,
                    "slug": slugify(f"{stad.naam} {buurt.naam}"),
                    "soort": WijkSoort.BUURT,
                    "wijk": wijk,
                    "grens": buurt.grens,
                    "inwoners": buurt.inwoners,
                    "aandeel_65_plus": buurt.aandeel_65_plus,
                    "is_demo": True,
                },
            )
    return by_naam


def _sync_tijdvakken(result: DemoResult, model, locatie: Locatie, tijden: dict) -> None:
    """Make the weekly periods of `locatie` exactly `tijden`: {weekdag: ((van, tot), ...)}."""
    wanted = {
        (dag, _time(van)): _time(tot) for dag, vakken in tijden.items() for van, tot in vakken
    }
    stale = [
        row.pk
        for row in model.objects.filter(locatie=locatie)
        if (row.weekdag, row.van) not in wanted
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
        result.deleted[model._meta.label] += len(stale)
    for (weekdag, van), tot in sorted(wanted.items()):
        sync(
            result,
            model,
            lookup={"locatie": locatie, "weekdag": weekdag, "van": van},
            values={"tot": tot},
        )


def _load_locatie(
    result: DemoResult,
    *,
    plek: Plek,
    index: int,
    stad: Stad,
    gemeente: Gemeente,
    wijken: dict[str, Wijk],
    partners: dict[str, Partner],
    voorzieningen: dict[str, Voorziening],
    doelgroepen: dict[str, Doelgroep],
) -> tuple[Locatie, dict[str, Ruimte], dict]:
    slug = _slug_locatie(stad, plek.naam)
    rng = random.Random(f"demodata:locatie:{slug}")
    wijk = wijken[plek.wijk]
    bewoonde_buurten = sorted(
        (b for b in wijk.buurten.all() if b.inwoners), key=lambda buurt: buurt.cbs_code
    )
    buurt = wijken[plek.buurt] if plek.buurt else rng.choice(bewoonde_buurten)
    latitude, longitude = _point_in(buurt.grens, rng)
    wijk_data = next(data for data in WIJKEN[stad.cbs_code] if data.naam == plek.wijk)
    # Never S as a letter, so never one of the pairs PostNL does not issue (SA, SD, SS).
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    postcode = f"{rng.choice(wijk_data.postcodes)} {letters}"
    straat = rng.choice(stad.straten)
    huisnummer = rng.randint(2, 160)
    gepubliceerd = plek.status == LocatieStatus.GEPUBLICEERD
    concept = plek.status == LocatieStatus.CONCEPT
    eigenaar, beheerder = partners[plek.eigenaar], partners[plek.beheerder]

    def ja_nee(kans_ja: float, kans_onbekend: float) -> bool | None:
        trek = rng.random()
        return None if trek < kans_onbekend else trek < kans_onbekend + kans_ja

    woonzorg = plek.soort == WOONZORG
    toegankelijkheid = {
        "rolstoeltoegankelijk": True if woonzorg else ja_nee(0.8, 0.1),
        "aangepast_toilet": True if woonzorg else ja_nee(0.6, 0.2),
        "ringleiding": ja_nee(0.3, 0.4),
        "prikkelarme_ruimte": True if "p" in plek.begeleiding else ja_nee(0.3, 0.4),
        "gehandicaptenparkeerplaats": ja_nee(0.5, 0.3),
    }
    extra_voorziening = rng.choice(EXTRA_VOORZIENINGEN)
    extra_doelgroep = rng.choice(EXTRA_DOELGROEPEN)
    adres_openbaar = plek.adres_openbaar
    if adres_openbaar is None:
        adres_openbaar = not (plek.soort == ONTMOETING and index % 3 == 0)
    contact = {
        "telefoon": "" if concept else f"{stad.netnummer}{index:03d}",
        "email": "" if concept or index % 4 == 3 else f"{slug}@ontmoetingsplekken.example",
    }
    if plek.voorzieningen is not None:
        voorziening_codes = plek.voorzieningen
    else:
        voorziening_codes = tuple(
            dict.fromkeys((*VOORZIENINGEN_VAN_SOORT[plek.soort], extra_voorziening))
        )
    if plek.doelgroepen is not None:
        doelgroep_codes = plek.doelgroepen
    else:
        doelgroep_codes = (
            *DOELGROEPEN_VAN_SOORT[plek.soort],
            *(BEGELEIDING_VELDEN[letter][1] for letter in plek.begeleiding),
            *((extra_doelgroep,) if index % 2 == 0 else ()),
        )
    beheervorm = plek.beheervorm
    if beheervorm is None:
        beheervorm = BEHEERVORM_VAN_SOORT.get(beheerder.soort, "")
    locatie = sync(
        result,
        Locatie,
        lookup={"slug": slug},
        values={
            "naam": plek.naam,
            "soort": plek.soort,
            "status": plek.status,
            "omschrijving": _omschrijving(plek, partners),
            "straat": straat,
            "huisnummer": huisnummer,
            "huisnummer_toevoeging": "A" if index % 9 == 4 else "",
            "postcode": postcode,
            "plaats": stad.naam,
            "adres_openbaar": adres_openbaar,
            "gemeente": gemeente,
            "wijk": buurt.wijk,
            "buurt": buurt,
            "latitude": latitude,
            "longitude": longitude,
            **contact,
            "website": "",
            **toegankelijkheid,
            "toegankelijkheid_toelichting": (
                "Drempelvrije ingang aan de achterzijde; bel aan voor hulp."
                if index % 5 == 2
                else ""
            ),
            "beheervorm": beheervorm,
            "heeft_community_builder": (
                plek.community_builder if plek.community_builder is not None else index % 4 == 0
            ),
            "biedt_dagbesteding": (
                plek.dagbesteding
                if plek.dagbesteding is not None
                else plek.soort == PLUS or bool(plek.begeleiding)
            ),
            "is_sterlocatie": bool(plek.begeleiding),
            **{
                veld: letter in plek.begeleiding
                for letter, (veld, _, _) in BEGELEIDING_VELDEN.items()
            },
            "is_demo": True,
            "gepubliceerd_op": (
                dt.datetime(2025, 1 + index % 12, 1 + index % 27, 10, 0, tzinfo=AMSTERDAM)
                if gepubliceerd
                else None
            ),
        },
        m2m={
            "voorzieningen": [voorzieningen[code] for code in voorziening_codes],
            "doelgroepen": [doelgroepen[code] for code in doelgroep_codes],
        },
    )

    uren = _uren(plek, index)
    _sync_tijdvakken(result, Openingstijd, locatie, uren)
    begeleiding = {dag: (tijd,) for dag, tijd in _begeleidingstijden(plek, uren).items()}
    _sync_tijdvakken(result, Begeleidingstijd, locatie, begeleiding)

    if not concept and not woonzorg:
        for nummer, (van, tot, reden) in enumerate((KERSTVAKANTIE, ZOMERSLUITING)):
            if (index + nummer) % (2 + nummer * 3) == 0:
                sync(result, Sluiting, lookup={"locatie": locatie, "van": van},
                     values={"tot": tot, "reden": reden})  # fmt: skip

    ruimten = {}
    corporatie = eigenaar.soort == PartnerSoort.WONINGCORPORATIE
    for data in _ruimten(plek, index):
        ruimten[data.naam] = sync(
            result,
            Ruimte,
            lookup={"locatie": locatie, "naam": data.naam},
            values={
                "capaciteit": data.capaciteit,
                "oppervlakte_m2": Decimal(data.oppervlakte_m2),
                "verhuurbaar": bool(data.huurprijs),
                "huurprijs_per_dagdeel": Decimal(data.huurprijs) if data.huurprijs else None,
                "huurvoorwaarden": (
                    (HUURVOORWAARDEN_BTIV if corporatie else HUURVOORWAARDEN)
                    if data.huurprijs
                    else ""
                ),
            },
            m2m={"voorzieningen": [voorzieningen[code] for code in data.voorzieningen]},
        )

    sinds = plek.sinds or dt.date(2010 + index % 14, 1 + index % 12, 1)
    rollen = ((plek.eigenaar, R.EIGENAAR), (plek.beheerder, R.BEHEERDER), *plek.partners)
    # The +Punten (since 2005) took in dagbesteding and its partners much later.
    dagbesteding_sinds = dt.date(2016, 1, 1)
    for nummer, (partner_slug, rol) in enumerate(rollen):
        vaste_rol = rol in (R.EIGENAAR, R.BEHEERDER)
        sync(
            result,
            Samenwerking,
            lookup={"locatie": locatie, "partner": partners[partner_slug], "rol": rol},
            values={
                "schriftelijk_vastgelegd": vaste_rol or (index + nummer) % 4 != 3,
                "ingangsdatum": sinds if vaste_rol or plek.soort != PLUS else dagbesteding_sinds,
                "einddatum": None,
                "toelichting": "" if vaste_rol else "Rol verzonnen voor de demo.",
            },
        )

    gemeentepartner = next(p for p in partners.values() if p.gemeente_id == gemeente.pk)
    for regel in _financiering(plek, index, gemeentepartner.slug, eigenaar):
        sync(
            result,
            Financiering,
            lookup={"locatie": locatie, "bron": regel.bron},
            values={
                "financier": partners[regel.financier] if regel.financier else None,
                "bedrag_per_jaar": Decimal(regel.bedrag),
                "structureel": regel.einddatum is None,
                "ingangsdatum": (
                    sinds if regel.einddatum is None else dt.date(regel.einddatum.year - 2, 1, 1)
                ),
                "einddatum": regel.einddatum,
                "toelichting": regel.toelichting,
            },
        )
    return locatie, ruimten, uren


def _uitzonderingen(data: ActiviteitData, startdatum: dt.date, sluitingen) -> dict:
    """Dates a recurring activity skips: public holidays and the place's closures."""
    if not data.herhaling:
        return dict(data.uitzonderingen)
    rule = schedule.parse_rule(data.herhaling, startdatum)
    skip = dict(FEESTDAGEN)
    for van, tot, reden in sluitingen:
        day = van
        while day <= tot:
            skip.setdefault(day, reden)
            day += dt.timedelta(days=1)
    first, last = min(skip), max(skip)
    moments = rule.between(
        dt.datetime.combine(first, dt.time()), dt.datetime.combine(last, dt.time()), inc=True
    )
    dates = {moment.date(): skip[moment.date()] for moment in moments if moment.date() in skip}
    dates.update(data.uitzonderingen)
    return dates


def _load_activiteit(result, data: ActiviteitData, locatie, ruimten, partners, doelgroepen):
    organisator = partners[data.organisator]
    if not locatie.samenwerkingen.filter(partner=organisator).exists():
        raise ValueError(f"{organisator} heeft geen samenwerking met {locatie}")
    if data.herhaling:
        first = schedule.parse_rule(data.herhaling, data.start)[0]
        startdatum = first.date()
    else:
        startdatum = data.start
    activiteit = sync(
        result,
        Activiteit,
        lookup={"slug": slugify(f"{locatie.slug} {data.titel}")},
        values={
            "titel": data.titel,
            "omschrijving": data.omschrijving,
            "locatie": locatie,
            "ruimte": ruimten[data.ruimte] if data.ruimte else None,
            "organisator": organisator,
            "categorie": data.categorie,
            "alleen_voor_doelgroep": data.alleen_voor_doelgroep,
            "kosten": Decimal(data.kosten),
            "kosten_toelichting": data.kosten_toelichting,
            "aanmelden_nodig": bool(data.aanmelden_via),
            "aanmelden_via": data.aanmelden_via,
            "startdatum": startdatum,
            "begintijd": _time(data.tijd[0]),
            "eindtijd": _time(data.tijd[1]),
            "herhaling": data.herhaling,
            "status": ActiviteitStatus.GEPUBLICEERD,
            "is_demo": True,
        },
        m2m={"doelgroepen": [doelgroepen[code] for code in data.doelgroepen]},
    )
    sluitingen = locatie.sluitingen.values_list("van", "tot", "reden")
    for datum, reden in sorted(_uitzonderingen(data, startdatum, sluitingen).items()):
        sync(
            result,
            Uitzondering,
            lookup={"activiteit": activiteit, "datum": datum},
            values={"reden": reden},
        )
    occurrences.regenerate(activiteit)
    return activiteit


def _load_users(result: DemoResult, partners: dict[str, Partner]) -> list[DemoUser]:
    # One hash for all new accounts and one check per distinct hash: PBKDF2 is slow on purpose.
    new_hash = None
    verified_hashes = set()
    users = []
    for data in GEBRUIKERS:
        user = User.objects.filter(email=data.email).first()
        if user is None or not (
            user.password in verified_hashes
            or hashers.check_password(DEMO_PASSWORD, user.password)
        ):
            new_hash = new_hash or hashers.make_password(DEMO_PASSWORD)
            password = new_hash
        else:
            password = user.password
        verified_hashes.add(password)
        user = sync(
            result,
            User,
            lookup={"email": data.email},
            values={
                "naam": data.naam,
                "password": password,
                "is_superuser": data.superuser,
                "is_active": True,
            },
        )
        sync(
            result,
            EmailAddress,
            lookup={"user": user, "email": data.email},
            values={"verified": True, "primary": True},
        )
        if data.partner:
            partner = partners[data.partner]
            sync(
                result,
                Lidmaatschap,
                lookup={"user": user, "partner": partner},
                values={"rol": data.rol},
            )
            rol = LidmaatschapRol(data.rol).label
        else:
            partner, rol = None, "functioneel beheerder (superuser, geen organisatie)"
        users.append(DemoUser(data.email, data.naam, str(partner or ""), str(rol)))
    return users


# Who confirms a place's details in the demo: the gemeente's officer.
BEVESTIGERS = {
    "GM0200": "gemeente@demo.example",
    "GM0355": "gemeente.zeist@demo.example",
    "GM0439": "gemeente.purmerend@demo.example",
}


def _load_bevestigingen(result: DemoResult, locaties: list[Locatie]) -> None:
    """Confirmation of currency on fixed dates, so a second run changes nothing: a third of
    the places recently confirmed, a third long ago (they show up as overdue on the start
    pages), a third never."""
    bevestigers = {
        user.email: user for user in User.objects.filter(email__in=BEVESTIGERS.values())
    }
    gemeente_codes = dict(Gemeente.objects.values_list("pk", "cbs_code"))
    for nummer, locatie in enumerate(sorted(locaties, key=lambda locatie: locatie.slug)):
        if locatie.status != LocatieStatus.GEPUBLICEERD or nummer % 3 == 2:
            continue
        if nummer % 3 == 0:
            moment = dt.datetime(2026, 2 + nummer % 8, 1 + nummer % 27, 10, 0, tzinfo=AMSTERDAM)
        else:
            moment = dt.datetime(2024, 1 + nummer % 12, 1 + nummer % 27, 10, 0, tzinfo=AMSTERDAM)
        sync(
            result,
            Locatie,
            lookup={"pk": locatie.pk},
            values={
                "laatst_bevestigd_op": moment,
                "laatst_bevestigd_door": bevestigers.get(
                    BEVESTIGERS[gemeente_codes[locatie.gemeente_id]]
                ),
            },
        )


# One pending invitation, so the acceptance page can be tried: /uitnodiging/<this token>/.
DEMO_UITNODIGING_TOKEN = "demo-uitnodiging-woonmensen"  # noqa: S105 - demo only
DEMO_UITNODIGING_EMAIL = "nieuwe.collega@demo.example"


def _load_uitnodiging(result: DemoResult, partners: dict[str, Partner]) -> None:
    """Ilse Jansen (beheerder of de Woonmensen) has invited a colleague. Created once; an
    open one that has expired is given a new week, an accepted one is left alone."""
    label = Uitnodiging._meta.label
    now = timezone.now()
    expiry = now + dt.timedelta(days=settings.INVITATION_VALID_DAYS)
    uitnodiging = Uitnodiging.objects.filter(token_hash=hash_token(DEMO_UITNODIGING_TOKEN)).first()
    if uitnodiging is None:
        partner = partners[WM]
        if Uitnodiging.objects.filter(
            partner=partner,
            email=DEMO_UITNODIGING_EMAIL,
            geaccepteerd_op__isnull=True,
            ingetrokken_op__isnull=True,
        ).exists():
            return
        Uitnodiging.objects.create(
            partner=partner,
            email=DEMO_UITNODIGING_EMAIL,
            rol=LidmaatschapRol.MEDEWERKER,
            token_hash=hash_token(DEMO_UITNODIGING_TOKEN),
            uitgenodigd_door=User.objects.get(email="corporatie.beheerder@demo.example"),
            verloopt_op=expiry,
        )
        result.created[label] += 1
    elif uitnodiging.is_open and uitnodiging.is_verlopen:
        uitnodiging.verloopt_op = expiry
        uitnodiging.save(update_fields=["verloopt_op"])
        result.updated[label] += 1


def _counts(gemeente: Gemeente) -> GemeenteCounts:
    locaties = Locatie.objects.filter(gemeente=gemeente)
    wijken = Wijk.objects.filter(gemeente=gemeente)
    return GemeenteCounts(
        gemeente=gemeente.naam,
        cbs_code=gemeente.cbs_code,
        locaties=locaties.count(),
        gepubliceerd=locaties.filter(status=LocatieStatus.GEPUBLICEERD).count(),
        sterlocaties=locaties.filter(is_sterlocatie=True).count(),
        partners=Partner.objects.filter(Q(werkgebied=gemeente) | Q(gemeente=gemeente))
        .distinct()
        .count(),
        activiteiten=Activiteit.objects.filter(locatie__gemeente=gemeente).count(),
        wijken=wijken.filter(soort=WijkSoort.WIJK).count(),
        buurten=wijken.filter(soort=WijkSoort.BUURT).count(),
    )


@transaction.atomic
def load_demodata() -> DemoResult:
    """Create or bring up to date the demo data of the three towns; see the module docstring."""
    result = DemoResult(gemeenten=[], users=[], password=DEMO_PASSWORD, invented=INVENTED)
    gemeenten = {
        stad.cbs_code: sync(
            result,
            Gemeente,
            lookup={"cbs_code": stad.cbs_code},
            values={"naam": stad.naam, "slug": slugify(stad.naam)},
        )
        for stad in STEDEN
    }
    partners = _load_partners(result, gemeenten)
    voorzieningen = {v.code: v for v in Voorziening.objects.all()}
    doelgroepen = {d.code: d for d in Doelgroep.objects.all()}

    hand_activiteiten = {}
    for data in HAND_ACTIVITEITEN:
        hand_activiteiten.setdefault(data.plek, []).append(data)
    begeleiders = {
        "GM0200": APELDOORN_BEGELEIDERS,
        "GM0355": {"v": "abrona", "p": "kwintes"},
        "GM0439": {"p": LEVIAAN},
    }
    plaatsen = {}  # locatie naam -> (locatie, ruimten)
    for stad in STEDEN:
        gemeente = gemeenten[stad.cbs_code]
        wijken = _load_wijken(result, stad, gemeente)
        for index, plek in enumerate(PLEKKEN[stad.cbs_code]):
            if stad.cbs_code == "GM0200":
                plek = replace(plek, partners=apeldoorn_partners(plek))
            locatie, ruimten, uren = _load_locatie(
                result,
                plek=plek,
                index=index,
                stad=stad,
                gemeente=gemeente,
                wijken=wijken,
                partners=partners,
                voorzieningen=voorzieningen,
                doelgroepen=doelgroepen,
            )
            plaatsen[plek.naam] = (locatie, ruimten)
            activiteiten = standaard_activiteiten(
                plek, index, uren, list(ruimten.values()), begeleiders[stad.cbs_code]
            )
            for data in activiteiten + hand_activiteiten.pop(plek.naam, []):
                _load_activiteit(result, data, locatie, ruimten, partners, doelgroepen)
    if hand_activiteiten:
        raise ValueError(f"Activiteiten bij onbekende plekken: {sorted(hand_activiteiten)}")

    for data in VERHUUR:
        locatie, ruimten = plaatsen[data.plek]
        sync(
            result,
            Verhuur,
            lookup={
                "ruimte": ruimten[data.ruimte],
                "huurder": partners[data.huurder],
                "ingangsdatum": data.ingangsdatum,
            },
            values={"einddatum": data.einddatum, "doel": data.doel, "niet_commercieel": True},
        )

    result.users = _load_users(result, partners)
    _load_bevestigingen(result, [locatie for locatie, _ruimten in plaatsen.values()])
    _load_uitnodiging(result, partners)
    result.gemeenten = [_counts(gemeenten[stad.cbs_code]) for stad in STEDEN]
    return result
