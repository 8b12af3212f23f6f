"""The demo data of the three towns of the seeds, as tables: Apeldoorn, Zeist and Purmerend.

Real names and facts from the articles stay as they are (the four Apeldoorn corporaties,
de Woonmensen's +Punten, Wijkservicepunt Noord and its six partners, Heel Europa, Leviaan's
Wooncirkels). Everything else is invented and marked `is_demo`: addresses, coordinates, wijk
boundaries and population, opening hours, rooms, funding, most activities, and organisations
with "(fictief)" in their name.

The tables name things as the database does: towns by name, organisations by slug, places and
rooms by name, kinds, roles, facilities, target groups and categories by their choice values.
What a table leaves out (None, or a place without its own programme) is filled in by the rules
in `demo/rules.py`; `demo/loader.py` writes the result. Dates are fixed: the data was written on
2026-11-22 and must read the same on any later day.
"""

import datetime as dt
from dataclasses import dataclass

from activiteiten.constants import Categorie
from locaties.constants import (
    Beheervorm,
    DoelgroepCode,
    FinancieringBron,
    LocatieSoort,
    LocatieStatus,
    SamenwerkingRol,
    VoorzieningCode,
    Weekdag,
)
from partners.constants import LidmaatschapRol, PartnerSoort, Rechtsvorm

DEMO_PASSWORD = "ontmoeten-demo-2026"  # noqa: S105 - published on purpose, demo accounts only

# One pending invitation, so the acceptance page can be tried: /uitnodiging/<this token>/.
# Ilse Jansen (beheerder of de Woonmensen) has invited a colleague.
DEMO_UITNODIGING_TOKEN = "demo-uitnodiging-woonmensen"  # noqa: S105 - demo only
DEMO_UITNODIGING_EMAIL = "nieuwe.collega@demo.example"
DEMO_UITNODIGING_PARTNER = "de-woonmensen"
DEMO_UITNODIGING_DOOR = "corporatie.beheerder@demo.example"

INVENTED = (
    "Verzonnen (is_demo): adressen, coördinaten, wijk- en buurtgrenzen en inwonertallen, "
    "openingstijden, ruimten, financiering, de meeste activiteiten en de organisaties met "
    "‘(fictief)’ in hun naam; echte organisaties hebben geen verzonnen contactgegevens. "
    "Uit de artikelen: de gemeenten, corporaties, zorg- en welzijnsorganisaties, "
    "Wijkservicepunt Noord, Heel Europa, de +Punten en de Wooncirkels van Leviaan."
)

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

STEDEN = (
    Stad(
        "GM0200",
        naam="Apeldoorn",
        lat=52.211,
        lon=5.97,
        straal_km=5.0,
        netnummer="055-1234",
        straten=(
            "Lindelaan",
            "Merelstraat",
            "Beukenlaan",
            "Kastanjelaan",
            "Roodborststraat",
            "Dotterbloemstraat",
            "Heidebloemweg",
            "Eikenlaan",
            "Zonnebloemstraat",
            "Koekoekstraat",
            "Esdoornlaan",
            "Wilgenweg",
            "Brinklaan",
            "Hofstraat",
            "Molenweg",
            "Weidelaan",
        ),
    ),
    Stad(
        "GM0355",
        naam="Zeist",
        lat=52.091,
        lon=5.233,
        straal_km=4.5,
        netnummer="030-1234",
        straten=(
            "Lindenlaan",
            "Kastanjeplein",
            "Merellaan",
            "Beukenhof",
            "Dennenweg",
            "Heideweg",
            "Vinkenlaan",
            "Eikenpad",
        ),
    ),
    Stad(
        "GM0439",
        naam="Purmerend",
        lat=52.505,
        lon=4.96,
        straal_km=4.0,
        netnummer="0299-123",
        straten=(
            "Tulpstraat",
            "Meeuwenlaan",
            "Polderweg",
            "Molenkade",
            "Grachtstraat",
            "Weidepad",
            "Slotenweg",
            "Rietkraag",
        ),
    ),
)

WIJKEN = {
    "Apeldoorn": (
        WijkData(
            "Binnenstad",
            richting=0,
            afstand_km=0.0,
            inwoners=9000,
            aandeel_65_plus=21,
            postcodes=(7311,),
            buurten=("Centrum-Noord", "Centrum-Zuid", "Stationskwartier"),
        ),
        WijkData(
            "Apeldoorn-Noord",
            richting=0,
            afstand_km=2.6,
            inwoners=22_000,
            aandeel_65_plus=19,
            postcodes=(7312, 7313),
            buurten=("Noord-West", "Noord-Oost", "Bedrijventerrein Noord"),
        ),
        WijkData(
            "Kerschoten",
            richting=45,
            afstand_km=2.6,
            inwoners=14_000,
            aandeel_65_plus=24,
            postcodes=(7314, 7315),
            buurten=("Kerschoten-Noord", "Kerschoten-Zuid"),
        ),
        WijkData(
            "Osseveld-Woudhuis",
            richting=88,
            afstand_km=3.0,
            inwoners=17_000,
            aandeel_65_plus=17,
            postcodes=(7326, 7327),
            buurten=("Osseveld", "Woudhuis"),
        ),
        WijkData(
            "Zevenhuizen",
            richting=128,
            afstand_km=2.3,
            inwoners=20_000,
            aandeel_65_plus=20,
            postcodes=(7323, 7324),
            buurten=("Zevenhuizen-Noord", "Zevenhuizen-Zuid", "Zevenhuizen-Oost"),
        ),
        WijkData(
            "De Maten",
            richting=158,
            afstand_km=3.3,
            inwoners=18_000,
            aandeel_65_plus=22,
            postcodes=(7328, 7329),
            buurten=("Matenveld", "Matenhoeve", "Matenhorst", "Matengaarde"),
        ),
        WijkData(
            "Zuidbroek",
            richting=118,
            afstand_km=4.4,
            inwoners=13_000,
            aandeel_65_plus=13,
            postcodes=(7325,),
            buurten=("Zuidbroek-Noord", "Zuidbroek-Zuid"),
        ),
        WijkData(
            "Apeldoorn-Zuid",
            richting=195,
            afstand_km=2.5,
            inwoners=24_000,
            aandeel_65_plus=26,
            postcodes=(7321, 7322, 7331),
            buurten=("Zuid-West", "Zuid-Midden", "Zuid-Oost"),
        ),
        WijkData(
            "Ugchelen",
            richting=235,
            afstand_km=3.9,
            inwoners=7000,
            aandeel_65_plus=29,
            postcodes=(7339,),
            buurten=("Ugchelen-Dorp", "Ugchelen-Buiten"),
        ),
        WijkData(
            "Apeldoorn-West",
            richting=285,
            afstand_km=2.4,
            inwoners=23_000,
            aandeel_65_plus=23,
            postcodes=(7316, 7317, 7333),
            buurten=("West-Noord", "West-Zuid", "Sprengenpark"),
        ),
    ),
    "Zeist": (
        WijkData(
            "Zeist-Centrum",
            richting=0,
            afstand_km=0.0,
            inwoners=10_000,
            aandeel_65_plus=24,
            postcodes=(3701, 3703),
            buurten=("Centrum-Noord", "Centrum-Zuid", "Het Slot"),
        ),
        WijkData(
            "Zeist-Noord",
            richting=15,
            afstand_km=1.9,
            inwoners=13_000,
            aandeel_65_plus=21,
            postcodes=(3705, 3706),
            buurten=("Vollenhove", "Noord-Midden", "Noord-Oost"),
        ),
        WijkData(
            "Zeist-West",
            richting=270,
            afstand_km=2.0,
            inwoners=16_000,
            aandeel_65_plus=23,
            postcodes=(3702, 3707),
            buurten=("Brugakker", "West-Noord", "West-Zuid"),
        ),
        WijkData(
            "Zeist-Oost",
            richting=85,
            afstand_km=2.2,
            inwoners=12_000,
            aandeel_65_plus=27,
            postcodes=(3704, 3708),
            buurten=("Oost-Noord", "Oost-Zuid"),
        ),
        WijkData(
            "Kerckebosch",
            richting=150,
            afstand_km=2.0,
            inwoners=7000,
            aandeel_65_plus=18,
            postcodes=(3709,),
            buurten=("Kerckebosch-Noord", "Kerckebosch-Zuid"),
        ),
        WijkData(
            "Den Dolder",
            richting=345,
            afstand_km=3.9,
            inwoners=8000,
            aandeel_65_plus=25,
            postcodes=(3711, 3712),
            buurten=("Den Dolder-Centrum", "Den Dolder-Buiten"),
        ),
    ),
    "Purmerend": (
        WijkData(
            "Centrum",
            richting=0,
            afstand_km=0.0,
            inwoners=8000,
            aandeel_65_plus=22,
            postcodes=(1441,),
            buurten=("Binnenstad", "Centrum-Oost"),
        ),
        WijkData(
            "Overwhere",
            richting=45,
            afstand_km=1.8,
            inwoners=15_000,
            aandeel_65_plus=24,
            postcodes=(1442, 1443),
            buurten=("Overwhere-Noord", "Overwhere-Zuid"),
        ),
        WijkData(
            "Wheermolen",
            richting=320,
            afstand_km=1.8,
            inwoners=14_000,
            aandeel_65_plus=18,
            postcodes=(1444,),
            buurten=("Wheermolen-Oost", "Wheermolen-West"),
        ),
        WijkData(
            "Weidevenne",
            richting=255,
            afstand_km=2.3,
            inwoners=20_000,
            aandeel_65_plus=17,
            postcodes=(1446, 1448),
            buurten=("Weidevenne-Noord", "Weidevenne-Midden", "Weidevenne-Zuid"),
        ),
        WijkData(
            "Gors",
            richting=190,
            afstand_km=1.6,
            inwoners=13_000,
            aandeel_65_plus=23,
            postcodes=(1445,),
            buurten=("Gors-Noord", "Gors-Zuid"),
        ),
        WijkData(
            "Purmer-Noord",
            richting=95,
            afstand_km=2.3,
            inwoners=12_000,
            aandeel_65_plus=19,
            postcodes=(1447,),
            buurten=("Purmer-Noord-West", "Purmer-Noord-Oost"),
        ),
        WijkData(
            "Purmer-Zuid",
            richting=140,
            afstand_km=2.4,
            inwoners=12_000,
            aandeel_65_plus=17,
            postcodes=(1440,),
            buurten=("Purmer-Zuid-West", "Purmer-Zuid-Oost"),
        ),
    ),
}

# ---------------------------------------------------------------------------------------------
# Partners
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerData:
    slug: str
    naam: str
    soort: str
    rechtsvorm: str
    werkgebied: tuple[str, ...]  # town names
    omschrijving: str
    algemeen_belang: bool = False
    gemeente: str = ""  # only for soort gemeente: the town it stands for
    website: str = ""
    # Invented organisations get invented contact details and KvK numbers; real ones get
    # none, so nothing is misattributed to them.
    kvk_nummer: str = ""
    email: str = ""
    telefoon: str = ""
    is_demo: bool = False


PARTNERS = (
    # Apeldoorn
    PartnerData(
        "gemeente-apeldoorn",
        naam="Gemeente Apeldoorn",
        soort=PartnerSoort.GEMEENTE,
        rechtsvorm=Rechtsvorm.PUBLIEKRECHTELIJK,
        werkgebied=("Apeldoorn",),
        omschrijving=(
            "De gemeente Apeldoorn: Wmo, wijkgericht werken en de regie op de ontmoetingsplekken."
        ),
        gemeente="Apeldoorn",
        website="https://www.apeldoorn.nl",
    ),
    PartnerData(
        "de-woonmensen",
        naam="de Woonmensen",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving=(
            "Woningcorporatie in Apeldoorn, met sinds 2005 vier +Punten als buurthuiskamer."
        ),
        algemeen_belang=True,
        website="https://www.woonmensen.nl",
    ),
    PartnerData(
        "ons-huis",
        naam="Ons Huis",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving="Woningcorporatie in Apeldoorn.",
        algemeen_belang=True,
    ),
    PartnerData(
        "de-goede-woning",
        naam="De Goede Woning",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving="Woningcorporatie in Apeldoorn.",
        algemeen_belang=True,
    ),
    PartnerData(
        "sprengenland-wonen",
        naam="Sprengenland Wonen",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving="Woningcorporatie in Apeldoorn.",
        algemeen_belang=True,
    ),
    PartnerData(
        "stimenz",
        naam="Stimenz",
        soort=PartnerSoort.WELZIJN,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving="Welzijnsorganisatie in Apeldoorn.",
        algemeen_belang=True,
    ),
    PartnerData(
        "veluwse-brug",
        naam="Zorggroep De Veluwse Brug (fictief)",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving=(
            "Verzonnen zorgorganisatie voor mensen met een lichamelijke beperking; "
            "staat voor de lichamelijke gehandicaptenzorg uit het artikel."
        ),
        kvk_nummer="90000101",
        email="info@veluwse-brug.example",
        telefoon="055-1239101",
        is_demo=True,
    ),
    PartnerData(
        "de-kroonsteen",
        naam="Stichting De Kroonsteen (fictief)",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving=(
            "Verzonnen zorgorganisatie voor mensen met een verstandelijke beperking; "
            "staat voor de verstandelijke gehandicaptenzorg uit het artikel."
        ),
        kvk_nummer="90000102",
        email="info@de-kroonsteen.example",
        telefoon="055-1239102",
        is_demo=True,
    ),
    PartnerData(
        "ggz-de-dennenrand",
        naam="GGZ De Dennenrand (fictief)",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving="Verzonnen ggz-organisatie; staat voor de psychiatrie uit het artikel.",
        kvk_nummer="90000103",
        email="info@ggz-de-dennenrand.example",
        telefoon="055-1239103",
        is_demo=True,
    ),
    PartnerData(
        "bewonersvereniging-zevenhuizen-de-maten",
        naam="Bewonersvereniging Zevenhuizen-De Maten (fictief)",
        soort=PartnerSoort.HUURDERS_BEWONERS,
        rechtsvorm=Rechtsvorm.VERENIGING,
        werkgebied=("Apeldoorn",),
        omschrijving="Verzonnen bewonersvereniging die buurtkamers beheert en ruimten huurt.",
        algemeen_belang=True,
        kvk_nummer="90000104",
        email="info@bewonersvereniging-zevenhuizen-de-maten.example",
        telefoon="055-1239104",
        is_demo=True,
    ),
    PartnerData(
        "apeldoorn-samen",
        naam="Vrijwilligerscentrale Apeldoorn Samen (fictief)",
        soort=PartnerSoort.VRIJWILLIGERS,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Apeldoorn",),
        omschrijving=(
            "Verzonnen vrijwilligersorganisatie: computerhulp, repair café en buurtkamers."
        ),
        algemeen_belang=True,
        kvk_nummer="90000105",
        email="info@apeldoorn-samen.example",
        telefoon="055-1239105",
        is_demo=True,
    ),
    # Zeist: the partners of Wijkservicepunt Noord
    PartnerData(
        "gemeente-zeist",
        naam="Gemeente Zeist",
        soort=PartnerSoort.GEMEENTE,
        rechtsvorm=Rechtsvorm.PUBLIEKRECHTELIJK,
        werkgebied=("Zeist",),
        omschrijving=(
            "De gemeente Zeist: Wmo, wijkgericht werken en de regie op de ontmoetingsplekken."
        ),
        gemeente="Zeist",
        website="https://www.zeist.nl",
    ),
    PartnerData(
        "abrona",
        naam="Abrona",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Zeist",),
        omschrijving=(
            "Zorgorganisatie voor mensen met een verstandelijke beperking; "
            "dagbesteding in Café Noord."
        ),
    ),
    PartnerData(
        "zorggroep-charim",
        naam="Zorggroep Charim",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Zeist",),
        omschrijving="Zorgorganisatie voor ouderen.",
    ),
    PartnerData(
        "de-kombinatie",
        naam="De Kombinatie",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.VERENIGING,
        werkgebied=("Zeist",),
        omschrijving="Woningbouwvereniging in Zeist.",
        algemeen_belang=True,
    ),
    PartnerData(
        "kwintes",
        naam="Kwintes",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Zeist",),
        omschrijving="GGZ-instelling; haar cliënten krijgen computerles in het Wijkservicepunt.",
    ),
    PartnerData(
        "meanderomnium",
        naam="MeanderOmnium",
        soort=PartnerSoort.WELZIJN,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Zeist",),
        omschrijving="Welzijnsorganisatie in Zeist.",
        algemeen_belang=True,
    ),
    # Purmerend
    PartnerData(
        "gemeente-purmerend",
        naam="Gemeente Purmerend",
        soort=PartnerSoort.GEMEENTE,
        rechtsvorm=Rechtsvorm.PUBLIEKRECHTELIJK,
        werkgebied=("Purmerend",),
        omschrijving=(
            "De gemeente Purmerend: Wmo, wijkgericht werken en de regie op de ontmoetingsplekken."
        ),
        gemeente="Purmerend",
        website="https://www.purmerend.nl",
    ),
    PartnerData(
        "leviaan",
        naam="Leviaan",
        soort=PartnerSoort.ZORG,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Purmerend",),
        omschrijving=(
            "Zorgorganisatie voor mensen met psychische kwetsbaarheden; de "
            "Wooncirkels met een kern als steunpunt."
        ),
    ),
    PartnerData(
        "wooncompagnie",
        naam="Wooncompagnie",
        soort=PartnerSoort.WONINGCORPORATIE,
        rechtsvorm=Rechtsvorm.STICHTING,
        werkgebied=("Purmerend",),
        omschrijving="Woningcorporatie, partner in de Taskforce Wonen en Zorg.",
        algemeen_belang=True,
    ),
    PartnerData(
        "huurdersvereniging-purmer-samen",
        naam="Huurdersvereniging Purmer Samen (fictief)",
        soort=PartnerSoort.HUURDERS_BEWONERS,
        rechtsvorm=Rechtsvorm.VERENIGING,
        werkgebied=("Purmerend",),
        omschrijving=(
            "Verzonnen huurdersvereniging, een van de vier partijen van de prestatieafspraken."
        ),
        algemeen_belang=True,
        kvk_nummer="90000106",
        email="info@huurdersvereniging-purmer-samen.example",
        telefoon="0299-129106",
        is_demo=True,
    ),
    PartnerData(
        "zorgkantoor-purmerland",
        naam="Zorgkantoor Purmerland (fictief)",
        soort=PartnerSoort.ZORGKANTOOR,
        rechtsvorm=Rechtsvorm.NV,
        werkgebied=("Purmerend",),
        omschrijving="Verzonnen zorgkantoor; financiert het volledig pakket thuis (VPT).",
        kvk_nummer="90000107",
        email="info@zorgkantoor-purmerland.example",
        telefoon="0299-129107",
        is_demo=True,
    ),
)

# ---------------------------------------------------------------------------------------------
# Locaties: places, their rooms, hours, partners and funding
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
    """One meeting place. Fields left at None are filled in by the rules in demo/rules.py."""

    naam: str
    soort: str
    wijk: str
    eigenaar: str  # partner slug
    beheerder: str  # partner slug
    # The people professional support is there for (a sterlocatie when not empty), by the
    # DoelgroepCode of the lichamelijke, verstandelijke or psychiatrische support.
    begeleiding_voor: tuple[str, ...] = ()
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
    uren: dict[int, tuple[tuple[str, str], ...]] | None = None  # {Weekdag: ((van, tot), ...)}
    ruimten: tuple[RuimteData, ...] | None = None
    financiering: tuple[FinancieringData, ...] | None = None
    standaardactiviteiten: bool = True  # False: only the activities in ACTIVITEITEN


HUISKAMER = RuimteData(
    "Huiskamer", 25, "45.0", (VoorzieningCode.KEUKEN, VoorzieningCode.WIFI), huurprijs="20.00"
)

# Who gives the professional support at a sterlocatie, per town, by the people it is for.
BEGELEIDERS = {
    "Apeldoorn": {
        DoelgroepCode.LICHAMELIJKE_BEPERKING: "veluwse-brug",
        DoelgroepCode.VERSTANDELIJKE_BEPERKING: "de-kroonsteen",
        DoelgroepCode.PSYCHISCHE_KWETSBAARHEID: "ggz-de-dennenrand",
    },
    "Zeist": {
        DoelgroepCode.VERSTANDELIJKE_BEPERKING: "abrona",
        DoelgroepCode.PSYCHISCHE_KWETSBAARHEID: "kwintes",
    },
    "Purmerend": {DoelgroepCode.PSYCHISCHE_KWETSBAARHEID: "leviaan"},
}

# The 50 ontmoetingsplekken of Apeldoorn; ten sterlocaties (begeleiding), four +Punten.
APELDOORN = (
    Plek(
        "+Punt Zevenhuizen",
        soort=LocatieSoort.PLUS_PUNT,
        wijk="Zevenhuizen",
        eigenaar="de-woonmensen",
        beheerder="de-woonmensen",
        begeleiding_voor=(
            DoelgroepCode.LICHAMELIJKE_BEPERKING,
            DoelgroepCode.VERSTANDELIJKE_BEPERKING,
        ),
        sinds=dt.date(2005, 1, 1),
    ),
    Plek(
        "+Punt De Maten",
        soort=LocatieSoort.PLUS_PUNT,
        wijk="De Maten",
        eigenaar="de-woonmensen",
        beheerder="de-woonmensen",
        begeleiding_voor=(DoelgroepCode.VERSTANDELIJKE_BEPERKING,),
        sinds=dt.date(2005, 1, 1),
    ),
    Plek(
        "+Punt Kerschoten",
        soort=LocatieSoort.PLUS_PUNT,
        wijk="Kerschoten",
        eigenaar="de-woonmensen",
        beheerder="de-woonmensen",
        sinds=dt.date(2005, 1, 1),
    ),
    Plek(
        "+Punt Zuidbroek",
        soort=LocatieSoort.PLUS_PUNT,
        wijk="Zuidbroek",
        eigenaar="de-woonmensen",
        beheerder="de-woonmensen",
        sinds=dt.date(2005, 1, 1),
    ),
    Plek(
        "Wijkcentrum De Koperwiek",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Zevenhuizen",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
    ),
    Plek(
        "Buurthuis Het Kruispunt",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Binnenstad",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
    ),
    Plek(
        "Wijkcentrum Osseveld",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Osseveld-Woudhuis",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
        begeleiding_voor=(DoelgroepCode.LICHAMELIJKE_BEPERKING,),
        buurt="Osseveld",
    ),
    Plek(
        "Buurthuis De Vlinder",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Apeldoorn-Noord",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
    ),
    Plek(
        "Wijkcentrum Het Bolwerk",
        soort=LocatieSoort.BUURTHUIS,
        wijk="De Maten",
        eigenaar="gemeente-apeldoorn",
        beheerder="bewonersvereniging-zevenhuizen-de-maten",
    ),
    Plek(
        "Buurthuis De Boomgaard",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Ugchelen",
        eigenaar="gemeente-apeldoorn",
        beheerder="apeldoorn-samen",
    ),
    Plek(
        "Wijkcentrum Zuidbroek-Plein",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Zuidbroek",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
    ),
    Plek(
        "Buurthuis De Sprengen",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Apeldoorn-West",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
        begeleiding_voor=(DoelgroepCode.VERSTANDELIJKE_BEPERKING,),
    ),
    Plek(
        "Buurthuis Het Anker",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Apeldoorn-Zuid",
        eigenaar="gemeente-apeldoorn",
        beheerder="apeldoorn-samen",
    ),
    Plek(
        "Wijkcentrum Kerschoten-Hart",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Kerschoten",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
        begeleiding_voor=(
            DoelgroepCode.LICHAMELIJKE_BEPERKING,
            DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,
        ),
    ),
    Plek(
        "Buurthuis De Horst",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Apeldoorn-Noord",
        eigenaar="ons-huis",
        beheerder="stimenz",
    ),
    Plek(
        "Ontmoetingsruimte Hof van Zevenhuizen",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Zevenhuizen",
        eigenaar="de-woonmensen",
        beheerder="bewonersvereniging-zevenhuizen-de-maten",
        ruimten=(HUISKAMER,),
    ),
    Plek(
        "Ontmoetingsruimte De Lindehof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Binnenstad",
        eigenaar="ons-huis",
        beheerder="ons-huis",
        partners=(("stimenz", SamenwerkingRol.VASTE_GEBRUIKER),),
        ruimten=(HUISKAMER,),
    ),
    Plek(
        "Ontmoetingsruimte Eikenstaete",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-West",
        eigenaar="de-goede-woning",
        beheerder="de-goede-woning",
    ),
    Plek(
        "Ontmoetingsruimte De Brinkhof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Ugchelen",
        eigenaar="sprengenland-wonen",
        beheerder="sprengenland-wonen",
    ),
    Plek(
        "Ontmoetingsruimte Het Bloemenhof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-Noord",
        eigenaar="ons-huis",
        beheerder="ons-huis",
    ),
    Plek(
        "Ontmoetingsruimte Matenhoeve",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="De Maten",
        eigenaar="de-woonmensen",
        beheerder="bewonersvereniging-zevenhuizen-de-maten",
        buurt="Matenhoeve",
    ),
    Plek(
        "Ontmoetingsruimte De Wielewaal",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Kerschoten",
        eigenaar="de-goede-woning",
        beheerder="de-goede-woning",
    ),
    Plek(
        "Ontmoetingsruimte Woudhuishof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Osseveld-Woudhuis",
        eigenaar="sprengenland-wonen",
        beheerder="sprengenland-wonen",
        buurt="Woudhuis",
    ),
    Plek(
        "Ontmoetingsruimte De Beukenhorst",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-Zuid",
        eigenaar="ons-huis",
        beheerder="ons-huis",
    ),
    Plek(
        "Ontmoetingsruimte Sprengenhof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-West",
        eigenaar="sprengenland-wonen",
        beheerder="sprengenland-wonen",
    ),
    Plek(
        "Ontmoetingsruimte Het Zonnehuis",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Zuidbroek",
        eigenaar="de-goede-woning",
        beheerder="de-goede-woning",
    ),
    Plek(
        "Ontmoetingsruimte De Parkzoom",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Binnenstad",
        eigenaar="de-woonmensen",
        beheerder="de-woonmensen",
    ),
    Plek(
        "Ontmoetingsruimte Kastanjehof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Osseveld-Woudhuis",
        eigenaar="ons-huis",
        beheerder="ons-huis",
    ),
    Plek(
        "Ontmoetingsruimte De Veldkamp",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-Zuid",
        eigenaar="de-goede-woning",
        beheerder="de-goede-woning",
    ),
    Plek(
        "Ontmoetingsruimte Het Hofje",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Apeldoorn-Noord",
        eigenaar="sprengenland-wonen",
        beheerder="sprengenland-wonen",
    ),
    Plek(
        "Ontmoetingsruimte De Kleine Maat",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="De Maten",
        eigenaar="de-woonmensen",
        beheerder="bewonersvereniging-zevenhuizen-de-maten",
    ),
    Plek(
        "Ontmoetingsruimte Brinkzicht",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Kerschoten",
        eigenaar="ons-huis",
        beheerder="ons-huis",
    ),
    Plek(
        "Ontmoetingsruimte De Akker",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Zevenhuizen",
        eigenaar="de-goede-woning",
        beheerder="de-goede-woning",
    ),
    Plek(
        "Woonzorgcentrum De Veluwehof",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Apeldoorn-Zuid",
        eigenaar="de-goede-woning",
        beheerder="veluwse-brug",
        begeleiding_voor=(DoelgroepCode.LICHAMELIJKE_BEPERKING,),
    ),
    Plek(
        "Woonzorglocatie Het Lindenhuis",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Binnenstad",
        eigenaar="ons-huis",
        beheerder="de-kroonsteen",
    ),
    Plek(
        "Woonzorglocatie De Regenboog",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Osseveld-Woudhuis",
        eigenaar="sprengenland-wonen",
        beheerder="ggz-de-dennenrand",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
    ),
    Plek(
        "Woonzorgcentrum De Hooge Weide",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Ugchelen",
        eigenaar="de-woonmensen",
        beheerder="veluwse-brug",
    ),
    Plek(
        "Woonzorglocatie Het Klaverblad",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Zuidbroek",
        eigenaar="de-goede-woning",
        beheerder="de-kroonsteen",
    ),
    Plek(
        "Woonzorglocatie De Brug",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Apeldoorn-West",
        eigenaar="ons-huis",
        beheerder="ggz-de-dennenrand",
    ),
    Plek(
        "Woonzorgcentrum Kerschoterhof",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Kerschoten",
        eigenaar="sprengenland-wonen",
        beheerder="veluwse-brug",
    ),
    Plek(
        "Dagbestedingspunt De Werkplaats",
        soort=LocatieSoort.STEUNPUNT,
        wijk="Apeldoorn-Noord",
        eigenaar="gemeente-apeldoorn",
        beheerder="de-kroonsteen",
        begeleiding_voor=(DoelgroepCode.VERSTANDELIJKE_BEPERKING,),
    ),
    Plek(
        "Steunpunt Het Baken",
        soort=LocatieSoort.STEUNPUNT,
        wijk="Apeldoorn-Zuid",
        eigenaar="ons-huis",
        beheerder="ggz-de-dennenrand",
    ),
    Plek(
        "Ontmoetingstuin De Pluk",
        soort=LocatieSoort.OVERIG,
        wijk="Zevenhuizen",
        eigenaar="gemeente-apeldoorn",
        beheerder="apeldoorn-samen",
        omschrijving=(
            "Buurtmoestuin met een tuinhuis waar buren samen zaaien, wieden, oogsten "
            "en koffiedrinken. Iedereen mag meedoen, ook zonder groene vingers."
        ),
        voorzieningen=(VoorzieningCode.BUITENRUIMTE, VoorzieningCode.KEUKEN),
        uren={
            Weekdag.DINSDAG: (("10:00", "16:00"),),
            Weekdag.DONDERDAG: (("10:00", "16:00"),),
            Weekdag.ZATERDAG: (("10:00", "15:00"),),
        },
        standaardactiviteiten=False,
    ),
    Plek(
        "Buurtkamer De Zonnewijzer",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Apeldoorn-Zuid",
        eigenaar="de-woonmensen",
        beheerder="stimenz",
    ),
    Plek(
        "Repair Café De Schroevendraaier",
        soort=LocatieSoort.OVERIG,
        wijk="Binnenstad",
        eigenaar="gemeente-apeldoorn",
        beheerder="apeldoorn-samen",
        omschrijving=(
            "Werkplaats van vrijwilligers: breng een kapot apparaat, kledingstuk of "
            "fiets mee en repareer het samen met een vrijwilliger. Koffie staat "
            "klaar."
        ),
        voorzieningen=(VoorzieningCode.WIFI,),
        uren={Weekdag.WOENSDAG: (("13:00", "17:00"),), Weekdag.ZATERDAG: (("10:00", "13:00"),)},
        ruimten=(RuimteData("Werkplaats", capaciteit=16, oppervlakte_m2="48.0"),),
        standaardactiviteiten=False,
    ),
    Plek(
        "Buurtkamer Ugchelen-Zuid",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Ugchelen",
        eigenaar="sprengenland-wonen",
        beheerder="apeldoorn-samen",
    ),
    Plek(
        "Steunpunt De Maten",
        soort=LocatieSoort.STEUNPUNT,
        wijk="De Maten",
        eigenaar="de-goede-woning",
        beheerder="ggz-de-dennenrand",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
    ),
    Plek(
        "Buurtkamer De Sleutel",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Osseveld-Woudhuis",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
    ),
    Plek(
        "Inloophuis De Schakel",
        soort=LocatieSoort.OVERIG,
        wijk="Binnenstad",
        eigenaar="gemeente-apeldoorn",
        beheerder="stimenz",
        omschrijving=(
            "Inloophuis in de binnenstad voor iedereen die even niet alleen wil zijn: "
            "een kop koffie, een krant en een luisterend oor van vrijwilligers."
        ),
        uren={
            Weekdag.MAANDAG: (("10:00", "16:00"),),
            Weekdag.DINSDAG: (("10:00", "16:00"),),
            Weekdag.WOENSDAG: (("10:00", "16:00"),),
            Weekdag.DONDERDAG: (("10:00", "16:00"),),
            Weekdag.VRIJDAG: (("10:00", "16:00"),),
        },
        standaardactiviteiten=False,
    ),
    Plek(
        "Buurtkamer Het Vogelnest",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Zuidbroek",
        eigenaar="de-woonmensen",
        beheerder="bewonersvereniging-zevenhuizen-de-maten",
    ),
)

# Wijkservicepunt Noord and six other places in Zeist.
ZEIST = (
    Plek(
        "Wijkservicepunt Noord",
        soort=LocatieSoort.WIJKSERVICEPUNT,
        wijk="Zeist-Noord",
        eigenaar="de-kombinatie",
        beheerder="meanderomnium",
        begeleiding_voor=(
            DoelgroepCode.VERSTANDELIJKE_BEPERKING,
            DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,
        ),
        buurt="Noord-Midden",
        partners=(
            ("gemeente-zeist", SamenwerkingRol.FINANCIER),
            ("gemeente-zeist", SamenwerkingRol.VASTE_GEBRUIKER),
            ("abrona", SamenwerkingRol.ZORGPARTNER),
            ("zorggroep-charim", SamenwerkingRol.ZORGPARTNER),
            ("kwintes", SamenwerkingRol.ZORGPARTNER),
        ),
        dagbesteding=True,
        community_builder=True,
        sinds=dt.date(2009, 9, 1),
        omschrijving=(
            "Centrale ontmoetingsplek voor en door bewoners van Zeist-Noord. De "
            "gemeente Zeist, Abrona, Zorggroep Charim, De Kombinatie, Kwintes en "
            "MeanderOmnium werken hier samen. Kom binnen met een vraag over wonen, "
            "welzijn en zorg, voor een kop koffie, lunch of warme maaltijd in Café "
            "Noord, of met een eigen idee voor de wijk. In Café Noord werken zo'n "
            "vijftien cliënten met een indicatie dagbesteding mee in de keuken, het "
            "café en de kleine winkel met zelfgemaakte producten. Volgens het artikel "
            "uit 2015 is John Borgman coördinator en Elice Schut wijkconsulent "
            "Zeist-Noord."
        ),
        voorzieningen=(
            VoorzieningCode.KEUKEN,
            VoorzieningCode.MAALTIJDEN,
            VoorzieningCode.WINKEL,
            VoorzieningCode.SPREEKUURRUIMTE,
            VoorzieningCode.COMPUTERS,
            VoorzieningCode.WIFI,
        ),
        doelgroepen=(
            DoelgroepCode.IEDEREEN,
            DoelgroepCode.OUDEREN,
            DoelgroepCode.VERSTANDELIJKE_BEPERKING,
            DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,
            DoelgroepCode.WERKZOEKENDEN,
            DoelgroepCode.JONGEREN,
        ),
        uren={
            Weekdag.MAANDAG: (("09:00", "17:00"),),
            Weekdag.DINSDAG: (("09:00", "17:00"),),
            Weekdag.WOENSDAG: (("09:00", "17:00"),),
            Weekdag.DONDERDAG: (("09:00", "17:00"), ("19:00", "21:00")),
            Weekdag.VRIJDAG: (("09:00", "17:00"),),
        },
        ruimten=(
            RuimteData(
                "Café Noord",
                capaciteit=40,
                oppervlakte_m2="85.0",
                voorzieningen=(
                    VoorzieningCode.KEUKEN,
                    VoorzieningCode.MAALTIJDEN,
                    VoorzieningCode.WINKEL,
                    VoorzieningCode.WIFI,
                ),
            ),
            RuimteData(
                "Spreekuurkamer",
                capaciteit=4,
                oppervlakte_m2="12.0",
                voorzieningen=(VoorzieningCode.SPREEKUURRUIMTE,),
                huurprijs="12.50",
            ),
            RuimteData(
                "Activiteitenruimte",
                capaciteit=20,
                oppervlakte_m2="42.0",
                voorzieningen=(VoorzieningCode.BEAMER, VoorzieningCode.WIFI),
                huurprijs="25.00",
            ),
            RuimteData(
                "Computerruimte",
                capaciteit=8,
                oppervlakte_m2="20.0",
                voorzieningen=(VoorzieningCode.COMPUTERS, VoorzieningCode.WIFI),
            ),
        ),
        financiering=(
            FinancieringData(
                FinancieringBron.WMO,
                financier="gemeente-zeist",
                bedrag=120_000,
                toelichting="Wijkservicepunt (Wmo).",
            ),
            FinancieringData(
                FinancieringBron.CORPORATIE,
                financier="de-kombinatie",
                bedrag=15_000,
                toelichting="Maatschappelijke huur van het pand.",
            ),
            FinancieringData(
                FinancieringBron.SUBSIDIE,
                financier="gemeente-zeist",
                bedrag=30_000,
                einddatum=dt.date(2027, 2, 28),
                toelichting="Project ‘Meedoen in de wijk’ (bedrag en looptijd verzonnen).",
            ),
        ),
        standaardactiviteiten=False,
    ),
    Plek(
        "Buurthuis De Linde",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Zeist-West",
        eigenaar="gemeente-zeist",
        beheerder="meanderomnium",
        buurt="Brugakker",
    ),
    Plek(
        "Ontmoetingsruimte Kerckeboschhof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Kerckebosch",
        eigenaar="de-kombinatie",
        beheerder="de-kombinatie",
        adres_openbaar=False,
    ),
    Plek(
        "Woonzorgcentrum De Wilgenhoek",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Zeist-Oost",
        eigenaar="de-kombinatie",
        beheerder="zorggroep-charim",
    ),
    Plek(
        "Huiskamer Den Dolder",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Den Dolder",
        eigenaar="gemeente-zeist",
        beheerder="meanderomnium",
        beheervorm=Beheervorm.BEHEERGROEP,
    ),
    Plek(
        "Buurtkamer Vollenhove",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Zeist-Noord",
        eigenaar="de-kombinatie",
        beheerder="meanderomnium",
        status=LocatieStatus.TER_BEOORDELING,
        buurt="Vollenhove",
    ),
    Plek(
        "Ontmoetingsplek Slotlaan",
        soort=LocatieSoort.OVERIG,
        wijk="Zeist-Centrum",
        eigenaar="gemeente-zeist",
        beheerder="gemeente-zeist",
        status=LocatieStatus.CONCEPT,
        omschrijving="",
        voorzieningen=(),
        doelgroepen=(),
        uren={},
        ruimten=(),
        financiering=(),
    ),
)

# Purmerend: Heel Europa, the three kernen of Leviaan's Wooncirkels, and three other places.
PURMEREND = (
    Plek(
        "Heel Europa",
        soort=LocatieSoort.WOONZORGLOCATIE,
        wijk="Weidevenne",
        eigenaar="wooncompagnie",
        beheerder="leviaan",
        buurt="Weidevenne-Midden",
        partners=(
            ("leviaan", SamenwerkingRol.ZORGPARTNER),
            ("zorgkantoor-purmerland", SamenwerkingRol.FINANCIER),
            ("huurdersvereniging-purmer-samen", SamenwerkingRol.VASTE_GEBRUIKER),
        ),
        sinds=dt.date(2018, 6, 1),
        omschrijving=(
            "Woonzorglocatie waar alles samenkomt: wijkbewoners lopen makkelijk "
            "binnen en voelen zich welkom. Het PostNL-punt aan de balie zorgt voor "
            "veel aanloop en contact; wie wil, kan zich hier ook aanmelden als "
            "vrijwilliger."
        ),
        voorzieningen=(
            VoorzieningCode.POSTNL_PUNT,
            VoorzieningCode.KEUKEN,
            VoorzieningCode.MAALTIJDEN,
            VoorzieningCode.WIFI,
            VoorzieningCode.SPREEKUURRUIMTE,
        ),
        doelgroepen=(
            DoelgroepCode.IEDEREEN,
            DoelgroepCode.OUDEREN,
            DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,
        ),
        ruimten=(
            RuimteData(
                "Ontmoetingsruimte bij de balie",
                capaciteit=35,
                oppervlakte_m2="70.0",
                voorzieningen=(VoorzieningCode.POSTNL_PUNT, VoorzieningCode.WIFI),
            ),
            RuimteData(
                "Activiteitenzaal",
                capaciteit=30,
                oppervlakte_m2="55.0",
                voorzieningen=(VoorzieningCode.KEUKEN, VoorzieningCode.BEAMER),
                huurprijs="30.00",
            ),
        ),
        financiering=(
            FinancieringData(
                FinancieringBron.ZORGKANTOOR,
                financier="zorgkantoor-purmerland",
                bedrag=250_000,
                toelichting="Volledig pakket thuis (VPT) voor de bewoners.",
            ),
            FinancieringData(
                FinancieringBron.WMO,
                financier="gemeente-purmerend",
                bedrag=18_000,
                einddatum=dt.date(2027, 4, 30),
                toelichting=(
                    "Buurtfunctie en vrijwilligers, tijdelijk tot de nieuwe prestatieafspraken."
                ),
            ),
        ),
        standaardactiviteiten=False,
    ),
    Plek(
        "Kern Overwhere (Wooncirkel)",
        soort=LocatieSoort.STEUNPUNT,
        wijk="Overwhere",
        eigenaar="wooncompagnie",
        beheerder="leviaan",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
        buurt="Overwhere-Zuid",
        partners=(("leviaan", SamenwerkingRol.ZORGPARTNER),),
        sinds=dt.date(2019, 1, 1),
        omschrijving=(
            "Een kern van de Wooncirkels van Leviaan in Overwhere. Cliënten wonen "
            "zelfstandig of in een woonvorm in een cirkel van twee kilometer rond "
            "deze kern; hoe intensiever de zorgvraag, hoe dichter bij de kern. De "
            "kern is er ook voor buurtbewoners: loop binnen voor koffie of doe mee "
            "met een activiteit."
        ),
        standaardactiviteiten=False,
    ),
    Plek(
        "Kern Wheermolen (Wooncirkel)",
        soort=LocatieSoort.STEUNPUNT,
        wijk="Wheermolen",
        eigenaar="wooncompagnie",
        beheerder="leviaan",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
        buurt="Wheermolen-Oost",
        partners=(("leviaan", SamenwerkingRol.ZORGPARTNER),),
        sinds=dt.date(2019, 1, 1),
        omschrijving=(
            "Een kern van de Wooncirkels van Leviaan in Wheermolen. Cliënten wonen "
            "zelfstandig of in een woonvorm in een cirkel van twee kilometer rond "
            "deze kern; hoe intensiever de zorgvraag, hoe dichter bij de kern. De "
            "kern is er ook voor buurtbewoners: loop binnen voor koffie of doe mee "
            "met een activiteit."
        ),
        standaardactiviteiten=False,
    ),
    Plek(
        "Kern Gors (Wooncirkel)",
        soort=LocatieSoort.STEUNPUNT,
        wijk="Gors",
        eigenaar="wooncompagnie",
        beheerder="leviaan",
        begeleiding_voor=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
        buurt="Gors-Noord",
        partners=(("leviaan", SamenwerkingRol.ZORGPARTNER),),
        sinds=dt.date(2019, 1, 1),
        omschrijving=(
            "Een kern van de Wooncirkels van Leviaan in Gors. Cliënten wonen "
            "zelfstandig of in een woonvorm in een cirkel van twee kilometer rond "
            "deze kern; hoe intensiever de zorgvraag, hoe dichter bij de kern. De "
            "kern is er ook voor buurtbewoners: loop binnen voor koffie of doe mee "
            "met een activiteit."
        ),
        standaardactiviteiten=False,
    ),
    Plek(
        "Buurthuis De Purmerhoek",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Purmer-Zuid",
        eigenaar="gemeente-purmerend",
        beheerder="huurdersvereniging-purmer-samen",
    ),
    Plek(
        "Ontmoetingsruimte Centrumhof",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        wijk="Centrum",
        eigenaar="wooncompagnie",
        beheerder="huurdersvereniging-purmer-samen",
        adres_openbaar=False,
        ruimten=(HUISKAMER,),
    ),
    Plek(
        "Buurtkamer Purmer-Noord",
        soort=LocatieSoort.BUURTHUIS,
        wijk="Purmer-Noord",
        eigenaar="wooncompagnie",
        beheerder="leviaan",
        status=LocatieStatus.TER_BEOORDELING,
    ),
)

PLEKKEN = {"Apeldoorn": APELDOORN, "Zeist": ZEIST, "Purmerend": PURMEREND}


@dataclass(frozen=True)
class VerhuurData:
    plek: str
    ruimte: str
    huurder: str  # partner slug
    ingangsdatum: dt.date
    einddatum: dt.date | None
    doel: str


# Lettings of corporatie rooms; each huurder passes the Btiv rule.
VERHUUR = (
    VerhuurData(
        "Ontmoetingsruimte Hof van Zevenhuizen",
        ruimte="Huiskamer",
        huurder="bewonersvereniging-zevenhuizen-de-maten",
        ingangsdatum=dt.date(2025, 1, 1),
        einddatum=None,
        doel="Maandelijkse bewonersavond en ledenvergadering van de bewonersvereniging.",
    ),
    VerhuurData(
        "Ontmoetingsruimte De Lindehof",
        ruimte="Huiskamer",
        huurder="stimenz",
        ingangsdatum=dt.date(2025, 9, 1),
        einddatum=dt.date(2027, 8, 31),
        doel="Wekelijks spreekuur van de ouderenadviseur.",
    ),
    VerhuurData(
        "Wijkservicepunt Noord",
        ruimte="Spreekuurkamer",
        huurder="gemeente-zeist",
        ingangsdatum=dt.date(2024, 1, 1),
        einddatum=None,
        doel="Spreekuur van de wijkconsulent en het sociaal team.",
    ),
    VerhuurData(
        "Ontmoetingsruimte Centrumhof",
        ruimte="Huiskamer",
        huurder="huurdersvereniging-purmer-samen",
        ingangsdatum=dt.date(2025, 4, 1),
        einddatum=None,
        doel="Bewonersoverleg en spreekuur van de huurdersvereniging.",
    ),
)

# ---------------------------------------------------------------------------------------------
# Activiteiten
# ---------------------------------------------------------------------------------------------

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

# When places close (not the woonzorglocaties, which are always open).
KERSTVAKANTIE = (dt.date(2026, 12, 24), dt.date(2027, 1, 1), "Kerstvakantie")
ZOMERSLUITING = (dt.date(2027, 7, 19), dt.date(2027, 8, 6), "Zomersluiting")


@dataclass(frozen=True)
class ActiviteitData:
    plek: str
    titel: str
    categorie: str
    organisator: str  # partner slug
    herhaling: str  # an RRULE; "" for a single date
    start: dt.date  # a recurring activity starts on its first date on or after this one
    tijd: tuple[str, str]
    omschrijving: str = ""
    ruimte: str = ""
    doelgroepen: tuple[str, ...] = (DoelgroepCode.IEDEREEN,)
    alleen_voor_doelgroep: bool = False
    kosten: str = "0"
    kosten_toelichting: str = ""
    aanmelden_via: str = ""
    uitzonderingen: tuple[tuple[dt.date, str], ...] = ()


# The activities written by hand; each place of kind with standaardactiviteiten also gets the
# everyday programme of its kind (demo/rules.py).
ACTIVITEITEN = (
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Spelletjesmiddag",
        categorie=Categorie.SPELLETJES,
        organisator="meanderomnium",
        herhaling="FREQ=WEEKLY;BYDAY=WE",
        start=dt.date(2025, 1, 6),
        tijd=("14:00", "16:00"),
        omschrijving=(
            "Sjoelen, rummikub en kaarten. Schuif gewoon aan, alleen of met een vriendin."
        ),
        ruimte="Activiteitenruimte",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Computerles voor cliënten van Kwintes",
        categorie=Categorie.COMPUTERLES,
        organisator="kwintes",
        herhaling="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        start=dt.date(2025, 1, 6),
        tijd=("10:00", "12:00"),
        omschrijving="Om de week computerles in een rustige groep, voor cliënten van Kwintes.",
        ruimte="Computerruimte",
        doelgroepen=(DoelgroepCode.PSYCHISCHE_KWETSBAARHEID,),
        alleen_voor_doelgroep=True,
        aanmelden_via="Via je begeleider van Kwintes",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Verse maaltijd in Café Noord",
        categorie=Categorie.MAALTIJD,
        organisator="abrona",
        herhaling="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        start=dt.date(2025, 1, 6),
        tijd=("12:30", "13:30"),
        omschrijving=(
            "Elke werkdag een verse warme maaltijd, gekookt en geserveerd door "
            "deelnemers aan de dagbesteding. Zo nodig brengen zij de maaltijd ook "
            "thuis bij bewoners van de aangrenzende woningen."
        ),
        ruimte="Café Noord",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
        kosten="6.50",
        kosten_toelichting="Per maaltijd, inclusief toetje",
        aanmelden_via="Uiterlijk de dag ervoor aan de bar van Café Noord of via 030-1234000",
        uitzonderingen=((dt.date(2026, 12, 17), "Kerstlunch"),),
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Dagbesteding in Café Noord en de winkel",
        categorie=Categorie.DAGBESTEDING,
        organisator="abrona",
        herhaling="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        start=dt.date(2025, 1, 6),
        tijd=("09:30", "15:30"),
        omschrijving=(
            "Zo'n vijftien cliënten met een indicatie dagbesteding werken als "
            "vrijwilliger in de keuken, het café en de winkel: bestellingen opnemen, "
            "drankjes rondbrengen, koken en producten maken voor de winkel."
        ),
        doelgroepen=(DoelgroepCode.VERSTANDELIJKE_BEPERKING,),
        alleen_voor_doelgroep=True,
        aanmelden_via="Met een indicatie dagbesteding, via Abrona",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Breiles",
        categorie=Categorie.CREATIEF,
        organisator="meanderomnium",
        herhaling="FREQ=WEEKLY;BYDAY=TU",
        start=dt.date(2025, 3, 3),
        tijd=("14:00", "15:30"),
        omschrijving="Leer breien van een ervaren buurtgenote. Breinaalden en wol zijn er.",
        ruimte="Activiteitenruimte",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Samen wandelen",
        categorie=Categorie.BEWEGEN,
        organisator="meanderomnium",
        herhaling="FREQ=WEEKLY;BYDAY=FR",
        start=dt.date(2025, 3, 3),
        tijd=("10:00", "11:00"),
        omschrijving=(
            "Een rustig ommetje door de wijk met buurtgenoten; we vertrekken bij de ingang."
        ),
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Klussen in de wijk",
        categorie=Categorie.KLUSSEN,
        organisator="abrona",
        herhaling="FREQ=WEEKLY;BYDAY=WE",
        start=dt.date(2025, 9, 1),
        tijd=("10:00", "12:00"),
        omschrijving=(
            "Medewerkers, vrijwilligers en deelnemers aan de dagbesteding doen "
            "klussen in de wijk: tuinonderhoud, glas wegbrengen, plantenbakken "
            "bijhouden. Vraag een klus aan bij de balie."
        ),
        aanmelden_via="Klus aanvragen aan de balie",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Spreekuur wijkconsulent",
        categorie=Categorie.SPREEKUUR,
        organisator="gemeente-zeist",
        herhaling="FREQ=WEEKLY;BYDAY=TU",
        start=dt.date(2025, 1, 6),
        tijd=("09:00", "11:00"),
        omschrijving=(
            "Vragen over wonen, welzijn en zorg? Loop binnen bij de wijkconsulent van Zeist-Noord."
        ),
        ruimte="Spreekuurkamer",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Spreekuur De Kombinatie",
        categorie=Categorie.SPREEKUUR,
        organisator="de-kombinatie",
        herhaling="FREQ=MONTHLY;BYDAY=1MO",
        start=dt.date(2025, 9, 1),
        tijd=("13:30", "15:00"),
        omschrijving="Eerste maandag van de maand: vragen over uw huurwoning.",
        ruimte="Spreekuurkamer",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Spreekuur wonen en zorg voor ouderen",
        categorie=Categorie.SPREEKUUR,
        organisator="zorggroep-charim",
        herhaling="FREQ=MONTHLY;BYDAY=3WE",
        start=dt.date(2026, 1, 5),
        tijd=("10:00", "11:30"),
        omschrijving=(
            "Derde woensdag van de maand: advies over zorg thuis en langer zelfstandig wonen."
        ),
        ruimte="Spreekuurkamer",
        doelgroepen=(DoelgroepCode.OUDEREN, DoelgroepCode.MANTELZORGERS),
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Kerstlunch in Café Noord",
        categorie=Categorie.MAALTIJD,
        organisator="abrona",
        herhaling="",
        start=dt.date(2026, 12, 17),
        tijd=("12:00", "14:00"),
        omschrijving="Feestelijke kerstlunch voor de wijk, bereid door de keukenploeg.",
        ruimte="Café Noord",
        kosten="7.50",
        aanmelden_via="Aan de bar van Café Noord",
    ),
    ActiviteitData(
        "Wijkservicepunt Noord",
        titel="Voorlichting veilig internetbankieren",
        categorie=Categorie.CURSUS,
        organisator="meanderomnium",
        herhaling="",
        start=dt.date(2027, 1, 21),
        tijd=("14:00", "15:30"),
        omschrijving="Hoe herken je nepberichten en bankfraude?",
        ruimte="Activiteitenruimte",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
    ),
    ActiviteitData(
        "Buurthuis De Linde",
        titel="Taalcafé",
        categorie=Categorie.CURSUS,
        organisator="meanderomnium",
        herhaling="FREQ=WEEKLY;BYDAY=TH",
        start=dt.date(2026, 1, 5),
        tijd=("19:30", "21:00"),
        omschrijving="Nederlands oefenen in een ontspannen gesprek met buurtbewoners.",
        doelgroepen=(DoelgroepCode.NIEUWKOMERS,),
    ),
    ActiviteitData(
        "Huiskamer Den Dolder",
        titel="Samen wandelen",
        categorie=Categorie.BEWEGEN,
        organisator="meanderomnium",
        herhaling="FREQ=WEEKLY;BYDAY=MO",
        start=dt.date(2026, 2, 2),
        tijd=("10:00", "11:00"),
        omschrijving="Wandelen in en om Den Dolder, op een tempo dat iedereen kan bijhouden.",
    ),
    ActiviteitData(
        "Heel Europa",
        titel="Koffie bij de balie",
        categorie=Categorie.KOFFIE,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=MO,WE,FR",
        start=dt.date(2025, 1, 6),
        tijd=("10:00", "11:30"),
        omschrijving="Koffie en een praatje bij de balie van het PostNL-punt.",
        ruimte="Ontmoetingsruimte bij de balie",
    ),
    ActiviteitData(
        "Heel Europa",
        titel="Open eettafel",
        categorie=Categorie.MAALTIJD,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=TH",
        start=dt.date(2025, 3, 3),
        tijd=("17:00", "18:30"),
        omschrijving="Samen eten met bewoners en buren.",
        ruimte="Activiteitenzaal",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
        kosten="7.50",
        aanmelden_via="Aan de balie, uiterlijk dinsdag",
    ),
    ActiviteitData(
        "Heel Europa",
        titel="Bingo",
        categorie=Categorie.SPELLETJES,
        organisator="huurdersvereniging-purmer-samen",
        herhaling="FREQ=MONTHLY;BYDAY=-1FR",
        start=dt.date(2025, 3, 3),
        tijd=("14:00", "16:00"),
        omschrijving="Laatste vrijdag van de maand: bingo met kleine prijsjes.",
        ruimte="Activiteitenzaal",
        kosten="2.50",
        kosten_toelichting="Per kaart",
    ),
    ActiviteitData(
        "Heel Europa",
        titel="Vrijwilligersinloop",
        categorie=Categorie.OVERIG,
        organisator="leviaan",
        herhaling="FREQ=MONTHLY;BYDAY=1TU",
        start=dt.date(2025, 9, 1),
        tijd=("10:00", "11:30"),
        omschrijving=(
            "Wil je iets doen voor de buurt? Kom kennismaken en hoor welk vrijwilligerswerk er is."
        ),
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.WERKZOEKENDEN),
    ),
    ActiviteitData(
        "Heel Europa",
        titel="Nieuwjaarsborrel",
        categorie=Categorie.KOFFIE,
        organisator="leviaan",
        herhaling="",
        start=dt.date(2027, 1, 8),
        tijd=("16:00", "18:00"),
        omschrijving="Proost op het nieuwe jaar met bewoners, buren en vrijwilligers.",
        ruimte="Activiteitenzaal",
    ),
    ActiviteitData(
        "Kern Overwhere (Wooncirkel)",
        titel="Inloop voor buurtbewoners",
        categorie=Categorie.KOFFIE,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=TU",
        start=dt.date(2025, 9, 1),
        tijd=("10:00", "12:00"),
        omschrijving="Koffie, een praatje en informatie over wat er in de wijk te doen is.",
    ),
    ActiviteitData(
        "Kern Overwhere (Wooncirkel)",
        titel="Samen koken en lunchen",
        categorie=Categorie.MAALTIJD,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=TH",
        start=dt.date(2025, 9, 1),
        tijd=("11:00", "13:30"),
        omschrijving="Cliënten en buren koken samen en eten samen.",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.PSYCHISCHE_KWETSBAARHEID),
        kosten="4.00",
        aanmelden_via="Aan de balie van de kern",
    ),
    ActiviteitData(
        "Kern Wheermolen (Wooncirkel)",
        titel="Inloop voor buurtbewoners",
        categorie=Categorie.KOFFIE,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=WE",
        start=dt.date(2025, 9, 1),
        tijd=("10:00", "12:00"),
        omschrijving="Koffie, een praatje en informatie over wat er in de wijk te doen is.",
    ),
    ActiviteitData(
        "Kern Wheermolen (Wooncirkel)",
        titel="Samen koken en lunchen",
        categorie=Categorie.MAALTIJD,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=MO",
        start=dt.date(2025, 9, 1),
        tijd=("11:00", "13:30"),
        omschrijving="Cliënten en buren koken samen en eten samen.",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.PSYCHISCHE_KWETSBAARHEID),
        kosten="4.00",
        aanmelden_via="Aan de balie van de kern",
    ),
    ActiviteitData(
        "Kern Gors (Wooncirkel)",
        titel="Inloop voor buurtbewoners",
        categorie=Categorie.KOFFIE,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=TH",
        start=dt.date(2026, 1, 5),
        tijd=("10:00", "12:00"),
        omschrijving="Koffie, een praatje en informatie over wat er in de wijk te doen is.",
    ),
    ActiviteitData(
        "Kern Gors (Wooncirkel)",
        titel="Samen koken en lunchen",
        categorie=Categorie.MAALTIJD,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=TU",
        start=dt.date(2026, 1, 5),
        tijd=("11:00", "13:30"),
        omschrijving="Cliënten en buren koken samen en eten samen.",
        doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.PSYCHISCHE_KWETSBAARHEID),
        kosten="4.00",
        aanmelden_via="Aan de balie van de kern",
    ),
    ActiviteitData(
        "Kern Overwhere (Wooncirkel)",
        titel="Wandelgroep",
        categorie=Categorie.BEWEGEN,
        organisator="leviaan",
        herhaling="FREQ=WEEKLY;BYDAY=FR",
        start=dt.date(2026, 1, 5),
        tijd=("10:00", "11:00"),
        omschrijving="Een uur wandelen door Overwhere.",
    ),
    ActiviteitData(
        "Kern Overwhere (Wooncirkel)",
        titel="Voorlichting wonen in de Wooncirkel",
        categorie=Categorie.CURSUS,
        organisator="leviaan",
        herhaling="",
        start=dt.date(2027, 2, 4),
        tijd=("15:00", "16:30"),
        omschrijving=(
            "Hoe werken de Wooncirkels, en wat betekent dat voor de buurt? Voor "
            "buren, huurders en belangstellenden."
        ),
    ),
    ActiviteitData(
        "Buurthuis De Purmerhoek",
        titel="Klusochtend",
        categorie=Categorie.KLUSSEN,
        organisator="huurdersvereniging-purmer-samen",
        herhaling="FREQ=MONTHLY;BYDAY=1TH",
        start=dt.date(2026, 1, 5),
        tijd=("10:00", "12:30"),
        omschrijving=(
            "Vrijwilligers helpen met kleine klussen in huis en tuin; kom langs met je vraag."
        ),
    ),
    ActiviteitData(
        "Ontmoetingsruimte Centrumhof",
        titel="Bewonersoverleg",
        categorie=Categorie.OVERIG,
        organisator="huurdersvereniging-purmer-samen",
        herhaling="FREQ=MONTHLY;BYDAY=2MO",
        start=dt.date(2025, 9, 1),
        tijd=("19:30", "21:00"),
        omschrijving="Overleg van de bewoners van het complex met de huurdersvereniging.",
        ruimte="Huiskamer",
    ),
    ActiviteitData(
        "Ontmoetingstuin De Pluk",
        titel="Tuinieren met buren",
        categorie=Categorie.BEWEGEN,
        organisator="apeldoorn-samen",
        herhaling="FREQ=WEEKLY;BYDAY=TU",
        start=dt.date(2025, 3, 3),
        tijd=("10:00", "12:00"),
        omschrijving="Samen de moestuin bijhouden; handschoenen en gereedschap zijn er.",
    ),
    ActiviteitData(
        "Ontmoetingstuin De Pluk",
        titel="Oogstsoep",
        categorie=Categorie.MAALTIJD,
        organisator="apeldoorn-samen",
        herhaling="FREQ=MONTHLY;BYDAY=1SA",
        start=dt.date(2025, 9, 1),
        tijd=("12:00", "13:30"),
        omschrijving="Soep van wat de tuin geeft, voor iedereen die langskomt.",
        kosten="2.00",
        kosten_toelichting="Vrijwillige bijdrage",
    ),
    ActiviteitData(
        "Repair Café De Schroevendraaier",
        titel="Repair café",
        categorie=Categorie.KLUSSEN,
        organisator="apeldoorn-samen",
        herhaling="FREQ=MONTHLY;BYDAY=2SA",
        start=dt.date(2025, 1, 6),
        tijd=("10:00", "13:00"),
        omschrijving="Samen repareren in plaats van weggooien.",
        ruimte="Werkplaats",
    ),
    ActiviteitData(
        "Inloophuis De Schakel",
        titel="Koffie-inloop",
        categorie=Categorie.KOFFIE,
        organisator="stimenz",
        herhaling="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        start=dt.date(2025, 1, 6),
        tijd=("10:00", "12:00"),
        omschrijving="Elke werkdag koffie, de krant en een luisterend oor.",
    ),
    ActiviteitData(
        "Ontmoetingsruimte Hof van Zevenhuizen",
        titel="Bewonersavond",
        categorie=Categorie.OVERIG,
        organisator="bewonersvereniging-zevenhuizen-de-maten",
        herhaling="FREQ=MONTHLY;BYDAY=2TU",
        start=dt.date(2025, 3, 3),
        tijd=("19:30", "21:30"),
        omschrijving=(
            "Maandelijkse bewonersavond van de bewonersvereniging: wat speelt er in de buurt?"
        ),
        ruimte="Huiskamer",
    ),
    ActiviteitData(
        "Ontmoetingsruimte De Lindehof",
        titel="Spreekuur ouderenadviseur",
        categorie=Categorie.SPREEKUUR,
        organisator="stimenz",
        herhaling="FREQ=WEEKLY;BYDAY=WE",
        start=dt.date(2025, 9, 1),
        tijd=("14:00", "15:30"),
        omschrijving="Vragen over langer thuis wonen, hulp in huis of mantelzorg.",
        ruimte="Huiskamer",
        doelgroepen=(DoelgroepCode.OUDEREN, DoelgroepCode.MANTELZORGERS),
    ),
    ActiviteitData(
        "+Punt Zevenhuizen",
        titel="Kerstmarkt in de buurthuiskamer",
        categorie=Categorie.CREATIEF,
        organisator="de-woonmensen",
        herhaling="",
        start=dt.date(2026, 12, 12),
        tijd=("13:00", "16:00"),
        omschrijving=(
            "Kraampjes met zelfgemaakte kerststukjes en kaarten, gemaakt door "
            "buurtbewoners en deelnemers aan de dagbesteding."
        ),
        ruimte="Buurthuiskamer",
    ),
    ActiviteitData(
        "Wijkcentrum De Koperwiek",
        titel="Nieuwjaarsontmoeting",
        categorie=Categorie.KOFFIE,
        organisator="stimenz",
        herhaling="",
        start=dt.date(2027, 1, 9),
        tijd=("14:00", "16:00"),
        omschrijving="Begin het jaar samen met de buren.",
    ),
    ActiviteitData(
        "Woonzorgcentrum De Veluwehof",
        titel="Voorlichting valpreventie",
        categorie=Categorie.CURSUS,
        organisator="veluwse-brug",
        herhaling="",
        start=dt.date(2027, 2, 11),
        tijd=("14:00", "15:30"),
        omschrijving="Tips van een fysiotherapeut om vallen thuis te voorkomen.",
        doelgroepen=(DoelgroepCode.OUDEREN, DoelgroepCode.MANTELZORGERS),
    ),
)

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
    GebruikerData("beheer@demo.example", naam="Femke Visser", superuser=True),
    GebruikerData(
        "gemeente@demo.example",
        naam="Marloes Hendriks",
        partner="gemeente-apeldoorn",
        rol=LidmaatschapRol.BEHEERDER,
    ),
    GebruikerData("gemeente.zeist@demo.example", naam="Joost Verbeek", partner="gemeente-zeist"),
    GebruikerData(
        "gemeente.purmerend@demo.example", naam="Sanne de Wit", partner="gemeente-purmerend"
    ),
    GebruikerData("corporatie@demo.example", naam="Ruben Kok", partner="de-woonmensen"),
    GebruikerData(
        "corporatie.beheerder@demo.example",
        naam="Ilse Jansen",
        partner="de-woonmensen",
        rol=LidmaatschapRol.BEHEERDER,
    ),
    GebruikerData("zorg@demo.example", naam="Yusuf Demir", partner="abrona"),
    GebruikerData("welzijn@demo.example", naam="Lotte Bakker", partner="stimenz"),
    GebruikerData(
        "bewoners@demo.example",
        naam="Henk Mulder",
        partner="bewonersvereniging-zevenhuizen-de-maten",
        rol=LidmaatschapRol.BEHEERDER,
    ),
)

# Who confirms a place's details in the demo: the gemeente's officer.
BEVESTIGERS = {
    "Apeldoorn": "gemeente@demo.example",
    "Zeist": "gemeente.zeist@demo.example",
    "Purmerend": "gemeente.purmerend@demo.example",
}
