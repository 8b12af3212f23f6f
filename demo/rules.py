"""The rules that fill in what the tables in demo/data.py leave out.

Everything here is invented, and deterministic: the same tables give the same values on every
run (random choices come from generators seeded with a place's slug or a wijk's code), so
loading twice changes nothing. Nothing here writes to the database.

- geography: wijk and buurt boundaries from a Voronoi diagram of their centres, population,
  and a point, address, postcode and phone number for each place;
- a place by its kind: facilities, target groups, rooms, opening hours, the hours of the
  professional support at a sterlocatie, funding, description, and (in Apeldoorn) the partners
  besides eigenaar and beheerder;
- the everyday programme of a place by its kind, and the dates a recurring activity skips.
"""

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from shapely import geometry, voronoi_polygons
from shapely.geometry.polygon import orient

from activiteiten import schedule
from activiteiten.constants import Categorie
from demo.data import (
    BEGELEIDERS,
    BUURT_ZONDER_INWONERS,
    FEESTDAGEN,
    HUISKAMER,
    KERSTVAKANTIE,
    STARTS,
    WIJKEN,
    ZOMERSLUITING,
    ActiviteitData,
    FinancieringData,
    Plek,
    RuimteData,
    Stad,
    WijkData,
)
from kern.timezones import AMSTERDAM
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
from locaties.models import Wijk
from partners.constants import PartnerSoort
from partners.models import Partner

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
    wijken = WIJKEN[stad.naam]
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
# A place by its kind
# ---------------------------------------------------------------------------------------------

BEHEERVORM_VAN_SOORT = {
    PartnerSoort.WONINGCORPORATIE: Beheervorm.CORPORATIE,
    PartnerSoort.WELZIJN: Beheervorm.WELZIJNSORGANISATIE,
    PartnerSoort.ZORG: Beheervorm.ZORGORGANISATIE,
    PartnerSoort.HUURDERS_BEWONERS: Beheervorm.BEWONERS,
    PartnerSoort.VRIJWILLIGERS: Beheervorm.BEHEERGROEP,
}

# The people professional support is for -> (Locatie field, words for the description).
BEGELEIDING_VELDEN = {
    DoelgroepCode.LICHAMELIJKE_BEPERKING: (
        "begeleiding_lichamelijk",
        "de lichamelijke gehandicaptenzorg",
    ),
    DoelgroepCode.VERSTANDELIJKE_BEPERKING: (
        "begeleiding_verstandelijk",
        "de verstandelijke gehandicaptenzorg",
    ),
    DoelgroepCode.PSYCHISCHE_KWETSBAARHEID: ("begeleiding_psychiatrie", "de psychiatrie"),
}

VOORZIENINGEN_VAN_SOORT = {
    LocatieSoort.PLUS_PUNT: (
        VoorzieningCode.KEUKEN,
        VoorzieningCode.WIFI,
        VoorzieningCode.SPREEKUURRUIMTE,
        VoorzieningCode.COMPUTERS,
    ),
    LocatieSoort.WIJKSERVICEPUNT: (
        VoorzieningCode.KEUKEN,
        VoorzieningCode.WIFI,
        VoorzieningCode.SPREEKUURRUIMTE,
    ),
    LocatieSoort.BUURTHUIS: (VoorzieningCode.KEUKEN, VoorzieningCode.WIFI, VoorzieningCode.BEAMER),
    LocatieSoort.ONTMOETINGSRUIMTE: (VoorzieningCode.KEUKEN,),
    LocatieSoort.WOONZORGLOCATIE: (
        VoorzieningCode.MAALTIJDEN,
        VoorzieningCode.KEUKEN,
        VoorzieningCode.WIFI,
        VoorzieningCode.PARKEREN,
    ),
    LocatieSoort.STEUNPUNT: (VoorzieningCode.KEUKEN, VoorzieningCode.SPREEKUURRUIMTE),
    LocatieSoort.OVERIG: (VoorzieningCode.WIFI,),
}
# One of these is added to a place's facilities, at random.
EXTRA_VOORZIENINGEN = (
    VoorzieningCode.BIBLIOTHEEK,
    VoorzieningCode.BUITENRUIMTE,
    VoorzieningCode.PARKEREN,
    VoorzieningCode.WIFI,
    VoorzieningCode.COMPUTERS,
)

DOELGROEPEN_VAN_SOORT = {
    LocatieSoort.PLUS_PUNT: (
        DoelgroepCode.IEDEREEN,
        DoelgroepCode.OUDEREN,
        DoelgroepCode.LICHAMELIJKE_BEPERKING,
        DoelgroepCode.VERSTANDELIJKE_BEPERKING,
    ),
    LocatieSoort.WIJKSERVICEPUNT: (DoelgroepCode.IEDEREEN,),
    LocatieSoort.BUURTHUIS: (DoelgroepCode.IEDEREEN,),
    LocatieSoort.ONTMOETINGSRUIMTE: (DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
    LocatieSoort.WOONZORGLOCATIE: (
        DoelgroepCode.IEDEREEN,
        DoelgroepCode.OUDEREN,
        DoelgroepCode.LICHAMELIJKE_BEPERKING,
    ),
    LocatieSoort.STEUNPUNT: (DoelgroepCode.IEDEREEN, DoelgroepCode.PSYCHISCHE_KWETSBAARHEID),
    LocatieSoort.OVERIG: (DoelgroepCode.IEDEREEN,),
}
# Every other place gets one of these as well, at random.
EXTRA_DOELGROEPEN = (
    DoelgroepCode.MANTELZORGERS,
    DoelgroepCode.GEZINNEN,
    DoelgroepCode.NIEUWKOMERS,
    DoelgroepCode.JONGEREN,
    DoelgroepCode.WERKZOEKENDEN,
)

RUIMTEN_VAN_SOORT = {
    LocatieSoort.PLUS_PUNT: (
        RuimteData(
            "Buurthuiskamer",
            30,
            "55.0",
            (VoorzieningCode.KEUKEN, VoorzieningCode.WIFI),
            huurprijs="20.00",
        ),
        RuimteData("Spreekkamer", 4, "12.0", (VoorzieningCode.SPREEKUURRUIMTE,)),
    ),
    LocatieSoort.BUURTHUIS: (
        RuimteData(
            "Grote zaal",
            60,
            "90.0",
            (VoorzieningCode.KEUKEN, VoorzieningCode.BEAMER, VoorzieningCode.WIFI),
            huurprijs="35.00",
        ),
        RuimteData(
            "Vergaderkamer",
            12,
            "24.0",
            (VoorzieningCode.BEAMER, VoorzieningCode.WIFI),
            huurprijs="15.00",
        ),
    ),
    LocatieSoort.ONTMOETINGSRUIMTE: (HUISKAMER,),
    LocatieSoort.WOONZORGLOCATIE: (
        RuimteData(
            "Restaurant", 50, "110.0", (VoorzieningCode.MAALTIJDEN, VoorzieningCode.KEUKEN)
        ),
        RuimteData("Activiteitenruimte", 20, "40.0", (VoorzieningCode.BEAMER,), huurprijs="25.00"),
    ),
    LocatieSoort.STEUNPUNT: (
        RuimteData("Huiskamer", 15, "35.0", (VoorzieningCode.KEUKEN,)),
        RuimteData("Gespreksruimte", 4, "10.0", (VoorzieningCode.SPREEKUURRUIMTE,)),
    ),
    LocatieSoort.OVERIG: (RuimteData("Zaal", 20, "40.0", (VoorzieningCode.KEUKEN,)),),
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

# Temporary money runs until one of these dates.
TIJDELIJK_TOT = (
    dt.date(2026, 12, 31),
    dt.date(2027, 2, 28),
    dt.date(2027, 4, 30),
    dt.date(2027, 12, 31),
    dt.date(2028, 6, 30),
)

WEEKDAGEN = (
    Weekdag.MAANDAG,
    Weekdag.DINSDAG,
    Weekdag.WOENSDAG,
    Weekdag.DONDERDAG,
    Weekdag.VRIJDAG,
)
MA_T_M_VR = {dag: (("09:00", "17:00"),) for dag in WEEKDAGEN}


def locatie_slug(stad: Stad, naam: str) -> str:
    return slugify(f"{stad.naam} {naam}")


def locatie_gegevens(
    *,
    plek: Plek,
    index: int,
    stad: Stad,
    wijken: dict[str, Wijk],
    partners: dict[str, Partner],
) -> tuple[dict, tuple[str, ...], tuple[str, ...]]:
    """The Locatie fields of `plek` (the `index`th place of its town), with the address,
    coordinates, contact details, accessibility and the rest the table leaves out invented;
    and the codes of its facilities and target groups."""
    slug = locatie_slug(stad, plek.naam)
    rng = random.Random(f"demodata:locatie:{slug}")
    wijk = wijken[plek.wijk]
    bewoonde_buurten = sorted(
        (b for b in wijken.values() if b.wijk_id == wijk.pk and b.inwoners),
        key=lambda buurt: buurt.cbs_code,
    )
    buurt = wijken[plek.buurt] if plek.buurt else rng.choice(bewoonde_buurten)
    latitude, longitude = _point_in(buurt.grens, rng)
    wijk_data = next(data for data in WIJKEN[stad.naam] if data.naam == plek.wijk)
    # Never S as a letter, so never one of the pairs PostNL does not issue (SA, SD, SS).
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    postcode = f"{rng.choice(wijk_data.postcodes)} {letters}"
    straat = rng.choice(stad.straten)
    huisnummer = rng.randint(2, 160)
    gepubliceerd = plek.status == LocatieStatus.GEPUBLICEERD
    concept = plek.status == LocatieStatus.CONCEPT
    beheerder = partners[plek.beheerder]

    def ja_nee(kans_ja: float, kans_onbekend: float) -> bool | None:
        trek = rng.random()
        return None if trek < kans_onbekend else trek < kans_onbekend + kans_ja

    woonzorg = plek.soort == LocatieSoort.WOONZORGLOCATIE
    psychiatrie = DoelgroepCode.PSYCHISCHE_KWETSBAARHEID in plek.begeleiding_voor
    toegankelijkheid = {
        "rolstoeltoegankelijk": True if woonzorg else ja_nee(0.8, 0.1),
        "aangepast_toilet": True if woonzorg else ja_nee(0.6, 0.2),
        "ringleiding": ja_nee(0.3, 0.4),
        "prikkelarme_ruimte": True if psychiatrie else ja_nee(0.3, 0.4),
        "gehandicaptenparkeerplaats": ja_nee(0.5, 0.3),
    }
    extra_voorziening = rng.choice(EXTRA_VOORZIENINGEN)
    extra_doelgroep = rng.choice(EXTRA_DOELGROEPEN)
    adres_openbaar = plek.adres_openbaar
    if adres_openbaar is None:
        adres_openbaar = not (plek.soort == LocatieSoort.ONTMOETINGSRUIMTE and index % 3 == 0)
    contact = {
        "telefoon": "" if concept else f"{stad.netnummer}{index:03d}",
        "email": "" if concept or index % 4 == 3 else f"{slug}@ontmoetingsplekken.example",
    }
    if plek.voorzieningen is not None:
        voorzieningen = plek.voorzieningen
    else:
        voorzieningen = tuple(
            dict.fromkeys((*VOORZIENINGEN_VAN_SOORT[plek.soort], extra_voorziening))
        )
    if plek.doelgroepen is not None:
        doelgroepen = plek.doelgroepen
    else:
        doelgroepen = (
            *DOELGROEPEN_VAN_SOORT[plek.soort],
            *plek.begeleiding_voor,
            *((extra_doelgroep,) if index % 2 == 0 else ()),
        )
    beheervorm = plek.beheervorm
    if beheervorm is None:
        beheervorm = BEHEERVORM_VAN_SOORT.get(beheerder.soort, "")
    values = {
        "naam": plek.naam,
        "soort": plek.soort,
        "status": plek.status,
        "omschrijving": omschrijving(plek, partners),
        "straat": straat,
        "huisnummer": huisnummer,
        "huisnummer_toevoeging": "A" if index % 9 == 4 else "",
        "postcode": postcode,
        "plaats": stad.naam,
        "adres_openbaar": adres_openbaar,
        "wijk": buurt.wijk,
        "buurt": buurt,
        "latitude": latitude,
        "longitude": longitude,
        **contact,
        "website": "",
        **toegankelijkheid,
        "toegankelijkheid_toelichting": (
            "Drempelvrije ingang aan de achterzijde; bel aan voor hulp." if index % 5 == 2 else ""
        ),
        "beheervorm": beheervorm,
        "heeft_community_builder": (
            plek.community_builder if plek.community_builder is not None else index % 4 == 0
        ),
        "biedt_dagbesteding": (
            plek.dagbesteding
            if plek.dagbesteding is not None
            else plek.soort == LocatieSoort.PLUS_PUNT or bool(plek.begeleiding_voor)
        ),
        "is_sterlocatie": bool(plek.begeleiding_voor),
        **{
            veld: doelgroep in plek.begeleiding_voor
            for doelgroep, (veld, _) in BEGELEIDING_VELDEN.items()
        },
        "is_demo": True,
        "gepubliceerd_op": (
            dt.datetime(2025, 1 + index % 12, 1 + index % 27, 10, 0, tzinfo=AMSTERDAM)
            if gepubliceerd
            else None
        ),
    }
    return values, voorzieningen, doelgroepen


def sluitingen(plek: Plek, index: int) -> list[tuple[dt.date, dt.date, str]]:
    """The Christmas and summer closures of some places (never a concept or a woonzorglocatie)."""
    if plek.status == LocatieStatus.CONCEPT or plek.soort == LocatieSoort.WOONZORGLOCATIE:
        return []
    return [
        sluiting
        for nummer, sluiting in enumerate((KERSTVAKANTIE, ZOMERSLUITING))
        if (index + nummer) % (2 + nummer * 3) == 0
    ]


def uren(plek: Plek, index: int) -> dict[int, tuple[tuple[str, str], ...]]:
    """Opening hours by kind: {Weekdag: ((van, tot), ...)}."""
    if plek.uren is not None:
        return plek.uren
    if plek.soort == LocatieSoort.PLUS_PUNT:
        tijden = {dag: (("09:30", "16:30"),) for dag in WEEKDAGEN[:4]}
        tijden[Weekdag.VRIJDAG] = (("09:30", "12:30"), ("19:00", "21:30"))
        return tijden
    if plek.soort == LocatieSoort.BUURTHUIS:
        dagen = [dag for dag in WEEKDAGEN if dag != (index + 3) % 5 or plek.begeleiding_voor]
        tijden = {dag: (("09:00", "12:30"), ("13:30", "17:00")) for dag in dagen}
        avond = dagen[(index + 2) % len(dagen)]
        tijden[avond] = (*tijden[avond], ("19:00", "22:00"))
        if index % 3 == 0:
            tijden[Weekdag.ZATERDAG] = (("10:00", "13:00"),)
        return tijden
    if plek.soort == LocatieSoort.ONTMOETINGSRUIMTE:
        ochtend, middag, laatste = index % 5, (index + 2) % 5, (index + 4) % 5
        return {
            ochtend: (("10:00", "12:00"),),
            middag: (("10:00", "12:00"), ("14:00", "16:30")),
            laatste: (("10:00", "12:00"),),
        }
    if plek.soort == LocatieSoort.WOONZORGLOCATIE:
        return {dag: (("08:30", "20:00"),) for dag in Weekdag}
    return MA_T_M_VR


def begeleidingstijden(plek: Plek, tijden) -> dict[int, tuple[str, str]]:
    """When the professional support of a sterlocatie is there: the dagbesteding hours."""
    if not plek.begeleiding_voor:
        return {}
    if plek.soort == LocatieSoort.PLUS_PUNT:
        return {dag: ("10:00", "15:30") for dag in WEEKDAGEN[:4]}
    if plek.soort == LocatieSoort.BUURTHUIS:
        return {dag: ("09:30", "12:30") for dag in sorted(tijden)[:3] if dag < Weekdag.ZATERDAG}
    return {dag: ("10:00", "15:00") for dag in WEEKDAGEN if dag in tijden}


def ruimten(plek: Plek, index: int) -> tuple[RuimteData, ...]:
    """The rooms of a place: those of its kind at every +Punt and every third other place."""
    if plek.ruimten is not None:
        return plek.ruimten
    if plek.soort == LocatieSoort.PLUS_PUNT or index % 3 == 1:
        return RUIMTEN_VAN_SOORT[plek.soort]
    return ()


def huurvoorwaarden(ruimte: RuimteData, eigenaar: Partner) -> str:
    """A corporatie lets its rooms on the Btiv's terms; others on their own."""
    if not ruimte.huurprijs:
        return ""
    if eigenaar.soort == PartnerSoort.WONINGCORPORATIE:
        return HUURVOORWAARDEN_BTIV
    return HUURVOORWAARDEN


def financiering(
    plek: Plek, index: int, gemeentepartner: str, eigenaar: Partner
) -> tuple[FinancieringData, ...]:
    """Structural money by kind of place, temporary money for some, nothing for a few."""
    if plek.financiering is not None:
        return plek.financiering
    F = FinancieringData
    tot = TIJDELIJK_TOT[index % len(TIJDELIJK_TOT)]
    regels = []
    corporatie = eigenaar.soort == PartnerSoort.WONINGCORPORATIE
    if plek.soort == LocatieSoort.PLUS_PUNT:
        regels.append(F(FinancieringBron.CORPORATIE, plek.eigenaar, 18_000, None,
                        "Buurthuiskamer van de corporatie."))  # fmt: skip
    elif plek.soort == LocatieSoort.ONTMOETINGSRUIMTE:
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
    elif plek.soort == LocatieSoort.WOONZORGLOCATIE:
        regels.append(F(FinancieringBron.ZORGKANTOOR, "", 180_000, None,
                        "Volledig pakket thuis (VPT) voor de bewoners."))  # fmt: skip
    elif plek.soort in (LocatieSoort.BUURTHUIS, LocatieSoort.STEUNPUNT):
        bedrag = 12_000 if corporatie else 35_000
        regels.append(F(FinancieringBron.WMO, gemeentepartner, bedrag, None,
                        "Subsidie voor de buurtfunctie."))  # fmt: skip
        if index % 3 == 0:
            regels.append(F(FinancieringBron.FONDS, "", 8_000, tot, "Startbijdrage van een "
                            "fonds (fictief) voor nieuwe activiteiten."))  # fmt: skip
    else:
        regels.append(F(FinancieringBron.FONDS, "", 5_000, tot,
                        "Projectbijdrage van een fonds (fictief)."))  # fmt: skip
        regels.append(F(FinancieringBron.BIJDRAGE_GEBRUIKERS, "", 1_200, None,
                        "Vrijwillige bijdragen van bezoekers."))  # fmt: skip
    if plek.begeleiding_voor and not any(regel.bron == FinancieringBron.WMO for regel in regels):
        regels.append(F(FinancieringBron.WMO, gemeentepartner, 25_000, None,
                        "Collectieve begeleiding op de sterlocatie."))  # fmt: skip
    if plek.soort == LocatieSoort.WOONZORGLOCATIE and index % 2 == 1:
        regels.append(F(FinancieringBron.SUBSIDIE, gemeentepartner, 6_000, tot,
                        "Buurtfunctie van de ontmoetingsruimte, tijdelijk."))  # fmt: skip
    return tuple(regels)


def omschrijving(plek: Plek, partners: dict[str, Partner]) -> str:
    """A description by kind, naming the owner or the manager, and the support if any."""
    if plek.omschrijving is not None:
        return plek.omschrijving
    eigenaar, beheerder = partners[plek.eigenaar], partners[plek.beheerder]
    teksten = {
        LocatieSoort.PLUS_PUNT: (
            f"Een van de vier +Punten van {eigenaar}: een buurthuiskamer in {plek.wijk}, sinds "
            "2005 service- en informatiepunt en centrum van buurtactiviteiten. Sinds kort ook "
            "een ontmoetingsplek voor mensen met een beperking, met dagbesteding midden in de "
            "buurt."
        ),
        LocatieSoort.BUURTHUIS: (
            f"Buurthuis in {plek.wijk} voor alle buurtbewoners: binnenlopen voor koffie, "
            f"meedoen aan activiteiten of zelf iets organiseren. Beheer: {beheerder}."
        ),
        LocatieSoort.ONTMOETINGSRUIMTE: (
            f"Ontmoetingsruimte in een wooncomplex van {eigenaar} in {plek.wijk}. Bewoners van "
            "het complex en de buurt drinken hier koffie en organiseren samen activiteiten."
        ),
        LocatieSoort.WOONZORGLOCATIE: (
            f"Woonzorglocatie in {plek.wijk} met een ontmoetingsruimte die open is voor "
            f"buurtbewoners. {beheerder} verzorgt de zorg en begeleiding."
        ),
        LocatieSoort.STEUNPUNT: (
            f"Steunpunt van {beheerder} in {plek.wijk}. Buurtbewoners lopen hier binnen met "
            "een vraag, voor een kop koffie of om mee te doen."
        ),
    }
    tekst = teksten.get(plek.soort, f"Ontmoetingsplek in {plek.wijk}.")
    if plek.begeleiding_voor:
        soorten = [BEGELEIDING_VELDEN[doelgroep][1] for doelgroep in plek.begeleiding_voor]
        tekst += (
            " Dit is een sterlocatie: er zijn professionele begeleiders aanwezig vanuit "
            f"{' en '.join(soorten)}."
        )
    return tekst


def apeldoorn_partners(plek: Plek) -> tuple[tuple[str, str], ...]:
    """The partners Apeldoorn places have besides eigenaar and beheerder: Stimenz as welzijn
    partner of +Punten, buurthuizen and steunpunten it does not run itself; the volunteers'
    organisation as regular user of the +Punten; the zorg organisations of the support."""
    extra = list(plek.partners)
    if (
        plek.soort
        in (
            LocatieSoort.PLUS_PUNT,
            LocatieSoort.BUURTHUIS,
            LocatieSoort.STEUNPUNT,
        )
        and plek.beheerder != "stimenz"
    ):
        extra.append(("stimenz", SamenwerkingRol.WELZIJNSPARTNER))
    if plek.soort == LocatieSoort.PLUS_PUNT:
        extra.append(("apeldoorn-samen", SamenwerkingRol.VASTE_GEBRUIKER))
        if not plek.begeleiding_voor:
            extra.append(("de-kroonsteen", SamenwerkingRol.ZORGPARTNER))
    extra += [
        (BEGELEIDERS["Apeldoorn"][doelgroep], SamenwerkingRol.ZORGPARTNER)
        for doelgroep in plek.begeleiding_voor
    ]
    return tuple(dict.fromkeys(extra))


# ---------------------------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------------------------

DAGCODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # by Weekdag


def _wekelijks(*dagen: int) -> str:
    return "FREQ=WEEKLY;BYDAY=" + ",".join(DAGCODES[dag] for dag in dagen)


def _activiteit(plek: Plek, titel, categorie, organisator, herhaling, index, tijd, omschrijving,
                **extra) -> ActiviteitData:  # fmt: skip
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


def standaard_activiteiten(
    plek: Plek, index: int, tijden, ruimten: list, begeleiders: dict[str, str]
) -> list[ActiviteitData]:
    """The everyday programme of a place, by kind: coffee, a meal, dagbesteding at a
    sterlocatie. Days follow the opening hours; the main room hosts what fits in it."""
    if not plek.standaardactiviteiten or plek.status != LocatieStatus.GEPUBLICEERD:
        return []
    a = _activiteit
    zaal = ruimten[0].naam if ruimten else ""
    werkdagen = [dag for dag in sorted(tijden) if dag < Weekdag.ZATERDAG]
    dag = werkdagen[0]
    dag2 = werkdagen[1 % len(werkdagen)]
    welzijn = next(
        (slug for slug, rol in plek.partners if rol == SamenwerkingRol.WELZIJNSPARTNER), None
    )
    activiteiten = []
    if plek.soort == LocatieSoort.PLUS_PUNT:
        koffie = index % 4
        activiteiten += [
            a(plek, "Koffie-ochtend", Categorie.KOFFIE, plek.eigenaar, _wekelijks(koffie), index,
              ("10:00", "11:30"), "Elke week koffie en een praatje in de buurthuiskamer. Hoor "
              "wat er speelt en wat er te doen is.", ruimte=zaal),
            a(plek, "Samen eten", Categorie.MAALTIJD, welzijn or plek.beheerder,
              _wekelijks((koffie + 2) % 4), index + 1, ("12:00", "13:30"),
              "Een warme maaltijd met buurtgenoten.", ruimte=zaal, kosten="5.00",
              doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN),
              aanmelden_via="Aan de balie of telefonisch, uiterlijk de dag ervoor"),
            a(plek, "Computerhulp", Categorie.COMPUTERLES, "apeldoorn-samen",
              f"FREQ=WEEKLY;INTERVAL=2;BYDAY={DAGCODES[(koffie + 1) % 4]}", index + 2,
              ("14:00", "15:30"), "Vrijwilligers helpen met je telefoon, tablet of laptop: "
              "DigiD, e-mail, foto's.", ruimte=zaal),
        ]  # fmt: skip
    elif plek.soort == LocatieSoort.BUURTHUIS:
        activiteiten.append(
            a(plek, "Koffie-inloop", Categorie.KOFFIE, plek.beheerder, _wekelijks(dag), index,
              ("10:00", "11:30"), "Binnenlopen voor koffie en een praatje.", ruimte=zaal)
        )  # fmt: skip
        if plek.naam.startswith("Wijkcentrum"):
            activiteiten.append(
                a(plek, "Bewegen voor ouderen", Categorie.BEWEGEN, welzijn or plek.beheerder,
                  _wekelijks(dag2), index + 1, ("14:00", "15:00"), "Oefeningen op een stoel en "
                  "staand, onder leiding van een beweegcoach.", ruimte=zaal,
                  doelgroepen=(DoelgroepCode.OUDEREN,), kosten="2.00",
                  kosten_toelichting="Per keer")
            )  # fmt: skip
    elif plek.soort == LocatieSoort.ONTMOETINGSRUIMTE:
        if index % 3 == 2:
            activiteiten.append(
                a(plek, "Spelletjesmiddag", Categorie.SPELLETJES, plek.beheerder,
                  _wekelijks((index + 2) % 5), index, ("14:00", "16:00"), "Kaarten, sjoelen en "
                  "rummikub met bewoners en buren.", ruimte=zaal)
            )  # fmt: skip
        else:
            activiteiten.append(
                a(plek, "Koffie-ochtend", Categorie.KOFFIE, plek.beheerder,
                  _wekelijks(index % 5), index, ("10:00", "11:30"), "Koffie met bewoners van "
                  "het complex en de buurt.", ruimte=zaal)
            )  # fmt: skip
    elif plek.soort == LocatieSoort.WOONZORGLOCATIE:
        activiteiten.append(
            a(plek, "Open eettafel", Categorie.MAALTIJD, plek.beheerder,
              _wekelijks(Weekdag.WOENSDAG), index, ("17:00", "18:30"),
              "Samen eten met bewoners en buren.", kosten="7.50",
              doelgroepen=(DoelgroepCode.IEDEREEN, DoelgroepCode.OUDEREN), ruimte=zaal,
              aanmelden_via="Aan de receptie, uiterlijk maandag")
        )  # fmt: skip
    elif plek.soort == LocatieSoort.STEUNPUNT:
        activiteiten.append(
            a(plek, "Inloopspreekuur", Categorie.SPREEKUUR, plek.beheerder,
              _wekelijks(Weekdag.MAANDAG), index, ("13:00", "15:00"),
              "Zonder afspraak binnenlopen met een vraag.",
              ruimte=ruimten[1].naam if len(ruimten) > 1 else zaal)
        )  # fmt: skip
    if plek.soort == LocatieSoort.PLUS_PUNT or plek.begeleiding_voor:
        dagbesteding = begeleidingstijden(plek, tijden) or {
            dag: ("10:00", "15:30") for dag in WEEKDAGEN[:4]
        }
        van, tot = next(iter(dagbesteding.values()))
        voor = plek.begeleiding_voor or (DoelgroepCode.VERSTANDELIJKE_BEPERKING,)
        activiteiten.append(
            a(plek, "Dagbesteding", Categorie.DAGBESTEDING, begeleiders[voor[0]],
              _wekelijks(*sorted(dagbesteding)), index, (van, tot), "Dagbesteding midden in de "
              "buurt, met begeleiding: samen koken, klussen, creatief bezig zijn en meedoen aan "
              "de buurtactiviteiten.", doelgroepen=tuple(voor), alleen_voor_doelgroep=True,
              aanmelden_via="Via de zorgorganisatie, met een indicatie of beschikking")
        )  # fmt: skip
    return activiteiten


def uitzonderingen(data: ActiviteitData, startdatum: dt.date, sluitingen) -> dict[dt.date, str]:
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
