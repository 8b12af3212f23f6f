"""Coverage (dekking): how well one gemeente's residents are served by meeting places, per
buurt, per wijk and for the whole gemeente.

What is counted, and how (the dashboard's "Hoe wordt dit berekend?" says the same in Dutch):

- **Places** are published Locaties with coordinates. A place belongs to the buurt whose
  boundary covers its point, tested in WGS84 as the boundaries are stored; a place exactly on
  the boundary of two buurten counts in the one with the lower CBS code, so it is counted once.
  Places of a neighbouring gemeente within DEKKING_MARGE_M of the gemeente count for distances
  and reach (residents cross municipal borders), not in the counts of the gemeente's buurten.
- **Sterlocaties** are places with `is_sterlocatie`; **kernen** are places of soort
  STEUNPUNT (the kern of a Wooncirkel), whose circle is always KERN_STRAAL_M (2 km).
- **Opening hours per week**: the sum of a place's weekly Openingstijd periods.
- **Activity hours per week**: the stored, not cancelled dates (Occurrence) of published
  activities at the place that begin in the reference period — the PERIODE_DAGEN (28) days from
  today, Europe/Amsterdam — summed and divided by four. Hours of activities for a target group
  only (`alleen_voor_doelgroep`: dagbesteding, clients of an organisation) are counted apart
  from those open to everyone: a place full of dagbesteding is not open to the neighbourhood.
- **Residents 65+** of a buurt: inwoners × aandeel_65_plus / 100. An unknown figure (null;
  the importer stores CBS's negative sentinels as null) is left out of sums and shares, never
  read as zero. A buurt with 0 residents has no per-place or reach figures (None, shown as
  "geen inwoners"); one with an unknown number still gets its reach share (of its area) but
  weighs nothing in a wijk's or the gemeente's share.
- **Distance**: in metres in RD New (EPSG:28992, reprojected with pyproj), from the buurt's
  centre to the nearest place (STRtree.query_nearest). The centre is the buurt's centroid;
  where that lies outside the buurt (a crescent, a buurt in two parts) its representative point
  (shapely `point_on_surface`), which always lies inside.
  Places further than DEKKING_MARGE_M outside the gemeente are not fetched, so a distance
  above that margin is reported as infinity ("more than 5 km"). A wijk shows the largest
  distance of its buurten.
- **Within reach**: residents are assumed to be spread evenly over their buurt, so the share
  of a buurt's residents within the walking distance of a place is the share of the buurt's
  area that lies within that distance (as the crow flies) of some place: area(buurt ∩ union of
  circles) / area(buurt), with circles as 64-sided polygons (0.16 % less area than a true
  circle). Over a wijk or the gemeente the shares are weighted by residents (or residents
  65+): Σ inwoners × share / Σ inwoners, over buurten with known residents and a boundary.
  A buurt is a gap when less than GAT_ONDER (half) of it is within reach.
- A wijk without buurten (an import of wijken only) counts as its own buurt.

Everything is computed on NumPy arrays and shapely 2's vectorised functions: the pairs of
(buurt, circle) that meet come from one STRtree query, their union per buurt is one
`union_all(..., axis=1)` over a padded array; no Python loop runs over pairs.
"""

import datetime as dt
import json
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db.models import (
    BooleanField,
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractHour, ExtractMinute
from django.utils import timezone

from activiteiten.constants import Categorie
from activiteiten.models import ActiviteitQuerySet
from kern import projections
from locaties import geo
from locaties.constants import LocatieSoort, WijkSoort
from locaties.models import Locatie, LocatieQuerySet, Openingstijd, Wijk

STRALEN = (400, 800, 1200)
STANDAARD_STRAAL = 800
KERN_STRAAL_M = 2000
PERIODE_DAGEN = 28
# Places this far around the gemeente's buurten are fetched: every place that can be the
# nearest within this distance, or reach a buurt within the largest radius, is among them.
DEKKING_MARGE_M = 5000
# Segments per quarter circle of a reach circle: 64 sides in all.
CIRKEL_SEGMENTEN = 16
# A share of residents within reach below this makes a buurt a gap ("witte vlek").
GAT_ONDER = 0.5

# Figures -----------------------------------------------------------------------------------


@dataclass
class Cijfers:
    """The coverage figures of one area: a buurt, a wijk or the whole gemeente.

    Shares are fractions (0..1) of residents within reach, or None when the area has no
    known residents or no boundary. Distances are metres, or None (see `verder_dan_marge`)."""

    code: str
    naam: str
    soort: str  # "buurt", "wijk" or "gemeente"
    wijk_naam: str = ""
    wijk_code: str = ""
    heeft_grens: bool = True
    inwoners: int | None = None
    inwoners_65_plus: float | None = None
    plekken: int = 0
    sterlocaties: int = 0
    kernen: int = 0
    openingsuren: float = 0.0  # per week
    activiteitenuren: float = 0.0  # per week, all
    activiteitenuren_doelgroep: float = 0.0  # per week, of those for a target group only
    afstand_plek_m: float | None = None
    afstand_sterlocatie_m: float | None = None
    afstand_kern_m: float | None = None
    aandeel_plek: float | None = None
    aandeel_plek_65_plus: float | None = None
    aandeel_sterlocatie: float | None = None
    aandeel_kern: float | None = None

    @property
    def activiteitenuren_open(self) -> float:
        """Activity hours per week open to everyone."""
        return self.activiteitenuren - self.activiteitenuren_doelgroep

    @property
    def zonder_inwoners(self) -> bool:
        return not self.inwoners

    @property
    def inwoners_per_plek(self) -> float | None:
        if not self.inwoners or not self.plekken:
            return None
        return self.inwoners / self.plekken

    @property
    def inwoners_65_plus_per_plek(self) -> float | None:
        if not self.inwoners_65_plus or not self.plekken:
            return None
        return self.inwoners_65_plus / self.plekken

    @property
    def buiten_bereik_65_plus(self) -> float | None:
        """Residents 65+ without a place within the walking distance."""
        if self.inwoners_65_plus is None or self.aandeel_plek_65_plus is None:
            return None
        return self.inwoners_65_plus * (1 - self.aandeel_plek_65_plus)

    @property
    def is_gat(self) -> bool:
        """Most of the area's residents have no place within the walking distance."""
        return self.aandeel_plek is not None and self.aandeel_plek < GAT_ONDER


@dataclass
class Plek:
    """A published place on the map."""

    pk: int
    naam: str
    slug: str
    latitude: float
    longitude: float
    is_sterlocatie: bool
    is_kern: bool
    in_gemeente: bool  # inside one of the gemeente's buurten
    buurt_code: str = ""


@dataclass
class Dekking:
    """The coverage of one gemeente at one walking distance."""

    gemeente: object
    straal: int
    peildatum: dt.date
    periode_tot: dt.date
    buurten: list[Cijfers]
    wijken: list[Cijfers]
    totaal: Cijfers
    plekken: list[Plek]
    # {wijk code: {categorie: hours per week}} and the categories that occur, in choice order;
    # the same for activities for a target group only (included in activiteiten_per_wijk).
    activiteiten_per_wijk: dict[str, dict[str, float]]
    categorieen: list[tuple[str, str]]
    doelgroep_per_wijk: dict[str, dict[str, float]] = field(default_factory=dict)
    zonder_coordinaten: int = 0  # published places of the gemeente not on the map
    buiten_buurten: int = 0  # ... with coordinates outside every buurt of the gemeente
    # The buurten's boundaries in RD New, in the order of `buurten`, for kaartgrenzen().
    grenzen_rd: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))

    def kaartgrenzen(self, tolerantie_m: float = 5.0) -> dict[str, dict]:
        """{buurt code: GeoJSON geometry} for the map (see `kaartgrenzen`)."""
        return kaartgrenzen([b.code for b in self.buurten], self.grenzen_rd, tolerantie_m)

    @property
    def gaten(self) -> list[Cijfers]:
        """Buurten where most residents have no place within the walking distance, the most
        residents 65+ out of reach first (unknown numbers last)."""
        gaten = [b for b in self.buurten if b.is_gat]
        return sorted(
            gaten,
            key=lambda b: (b.buiten_bereik_65_plus is None, -(b.buiten_bereik_65_plus or 0)),
        )


def categorie_keuzes() -> list[tuple[str, str]]:
    """The activity categories (code, label) in their choice order."""
    return [(str(code), str(label)) for code, label in Categorie.choices]


def kies_straal(waarde) -> int | None:
    """The walking distance of a request value ('800'), or None when it is not one of STRALEN."""
    try:
        straal = int(str(waarde).strip())
    except (TypeError, ValueError):
        return None
    return straal if straal in STRALEN else None


def dekking(
    gemeente, *, straal: int = STANDAARD_STRAAL, peildatum: dt.date | None = None
) -> Dekking:
    """The coverage figures of `gemeente` for a walking distance of `straal` metres, with the
    activity hours of the PERIODE_DAGEN days from `peildatum` (default today). Four queries:
    the wijken and buurten, the places, their opening hours and their activity hours."""
    gebieden = list(
        met_grenstekst(Wijk.objects.filter(gemeente=gemeente)).values_list(*GEBIED_VELDEN)
    )
    return bereken(
        gemeente,
        gebieden=gebieden,
        eigen_plekken=Q(gemeente=gemeente),
        straal=straal,
        peildatum=peildatum or timezone.localdate(),
    )


def kaartgrenzen(
    codes: list[str], grenzen_rd: np.ndarray, tolerantie_m: float = 5.0
) -> dict[str, dict]:
    """{buurt code: GeoJSON geometry} of the buurten `codes` with boundaries `grenzen_rd`
    (RD New, None where there is none) for a map: simplified to within `tolerantie_m` metres
    and rounded to 5 decimals (about 1 m), which keeps a page's data small."""
    aanwezig = ~shapely.is_missing(grenzen_rd)
    if not aanwezig.any():
        return {}
    eenvoudig = shapely.simplify(grenzen_rd[aanwezig], tolerantie_m)
    wgs = shapely.set_precision(projections.to_wgs84(eenvoudig), 1e-5)
    codes = [code for code, ja in zip(codes, aanwezig.tolist(), strict=True) if ja]
    return {
        code: json.loads(tekst)
        for code, tekst in zip(codes, shapely.to_geojson(wgs).tolist(), strict=True)
    }


# The Wijk values `bereken` reads, in this order; grens_tekst from met_grenstekst().
GEBIED_VELDEN = (
    "pk",
    "cbs_code",
    "naam",
    "soort",
    "wijk_id",
    "grens_tekst",
    "inwoners",
    "aandeel_65_plus",
)


def met_grenstekst(queryset):
    """Wijk rows ordered by CBS code, with the boundary as the database's JSON text: shapely
    parses it directly, without a round trip through Python dicts. A wijk with buurten gets
    none: the figures are counted over its buurten and never read it, so it is not sent
    (a fifth of the text nationally)."""
    met_buurten = Exists(Wijk.objects.filter(wijk=OuterRef("pk")))
    return queryset.annotate(
        grens_tekst=Case(
            When(met_buurten, then=Value(None)),
            default=Cast("grens", output_field=TextField()),
            output_field=TextField(),
        )
    ).order_by("cbs_code")


def bereken(
    gemeente, *, gebieden: list[tuple], eigen_plekken: Q, straal: int, peildatum: dt.date
) -> Dekking:
    """The figures for the wijken and buurten in `gebieden` (tuples of GEBIED_VELDEN);
    `eigen_plekken` selects the area's own places (for the count of those the map cannot show).
    Split from `dekking` so that the benchmark can compute a whole country in one go. Three
    queries: the places, their opening hours, their activity hours."""
    wijk_rijen, eenheden = _eenheden(gebieden)
    n = len(eenheden)

    grenzen_wgs = _grenzen([row[5] for row in eenheden])
    heeft_grens = ~shapely.is_missing(grenzen_wgs)
    inwoners = np.array([np.nan if r[6] is None else r[6] for r in eenheden], dtype=float)
    aandeel_65 = np.array([np.nan if r[7] is None else r[7] for r in eenheden], dtype=float)
    ouderen = inwoners * aandeel_65 / 100.0

    plekken = _plekken(grenzen_wgs[heeft_grens], eigen_plekken, peildatum)
    lat, lon = plekken.lat, plekken.lon
    m = len(lat)

    # Which buurt each place lies in (in WGS84, as stored); -1 outside every buurt.
    punten_wgs = shapely.points(lon, lat) if m else np.empty(0, dtype=object)
    plek_buurt = np.full(m, -1, dtype=np.int64)
    if m and heeft_grens.any():
        p_idx, b_idx = shapely.STRtree(grenzen_wgs).query(punten_wgs, predicate="covered_by")
        # A point on a shared boundary goes to the lowest CBS code: the units are in code
        # order, so to the smallest unit index of that point.
        volgorde = np.lexsort((b_idx, p_idx))
        p_idx, b_idx = p_idx[volgorde], b_idx[volgorde]
        eerste = np.unique(p_idx, return_index=True)[1]
        plek_buurt[p_idx[eerste]] = b_idx[eerste]
    in_gemeente = plek_buurt >= 0

    # Geometry in RD New metres.
    grenzen_rd = projections.to_rd(grenzen_wgs)
    oppervlak = shapely.area(grenzen_rd)
    centra = _centra(grenzen_rd)
    punten_rd = projections.to_rd(punten_wgs) if m else punten_wgs
    ster, kern = plekken.is_ster, plekken.is_kern
    afstanden = (
        _afstand_tot(centra, punten_rd),
        _afstand_tot(centra, punten_rd[ster]),
        _afstand_tot(centra, punten_rd[kern]),
    )
    zonder = (inwoners == 0) | ~heeft_grens  # a share means nothing here
    aandelen = tuple(
        np.where(zonder, np.nan, aandeel)
        for aandeel in (
            _aandeel_binnen(grenzen_rd, oppervlak, punten_rd, straal),
            _aandeel_binnen(grenzen_rd, oppervlak, punten_rd[ster], straal),
            _aandeel_binnen(grenzen_rd, oppervlak, punten_rd[kern], KERN_STRAAL_M),
        )
    )

    # Sums over the places of each buurt.
    binnen = plek_buurt[in_gemeente]

    def per_buurt(waarden: np.ndarray) -> np.ndarray:
        return np.bincount(binnen, weights=waarden[in_gemeente], minlength=n)

    activiteitenuren = plekken.activiteitenuren.sum(axis=1)
    sommen = {
        "plekken": np.bincount(binnen, minlength=n),
        "sterlocaties": per_buurt(ster.astype(float)),
        "kernen": per_buurt(kern.astype(float)),
        "openingsuren": per_buurt(plekken.openingsuren),
        "activiteitenuren": per_buurt(activiteitenuren),
        "activiteitenuren_doelgroep": per_buurt(plekken.activiteitenuren_doelgroep.sum(axis=1)),
    }

    wijk_pk = [row[4] if row[3] == WijkSoort.BUURT else row[0] for row in eenheden]
    wijk_volgorde = sorted(set(wijk_pk), key=lambda pk: wijk_rijen[pk][1])
    wijk_index = {pk: i for i, pk in enumerate(wijk_volgorde)}
    eenheid_wijk = np.array([wijk_index[pk] for pk in wijk_pk], dtype=np.int64)

    buurten = _buurt_cijfers(
        eenheden, wijk_rijen, wijk_pk, heeft_grens, inwoners, ouderen, sommen, afstanden, aandelen
    )
    groepen = {
        "inwoners": inwoners,
        "ouderen": ouderen,
        "sommen": sommen,
        "afstanden": afstanden,
        "aandelen": aandelen,
        "heeft_grens": heeft_grens,
    }
    wijken = _groepen(
        eenheid_wijk,
        [(wijk_rijen[pk][1], wijk_rijen[pk][2], WijkSoort.WIJK) for pk in wijk_volgorde],
        **groepen,
    )
    (totaal,) = _groepen(
        np.zeros(n, dtype=np.int64),
        [(getattr(gemeente, "cbs_code", ""), str(gemeente), "gemeente")],
        **groepen,
    )

    # Activity hours per week by category per wijk, over the places inside its buurten.
    keuzes = categorie_keuzes()
    per_wijk = np.zeros((len(wijk_volgorde), len(keuzes)))
    np.add.at(per_wijk, eenheid_wijk[binnen], plekken.activiteitenuren[in_gemeente])
    doelgroep_wijk = np.zeros_like(per_wijk)
    np.add.at(
        doelgroep_wijk, eenheid_wijk[binnen], plekken.activiteitenuren_doelgroep[in_gemeente]
    )
    gebruikt = per_wijk.sum(axis=0) > 0
    categorieen = [keuze for keuze, ja in zip(keuzes, gebruikt, strict=True) if ja]
    activiteiten_per_wijk = {
        wijk_rijen[pk][1]: {
            code: float(per_wijk[w, k]) for k, (code, _label) in enumerate(keuzes) if gebruikt[k]
        }
        for w, pk in enumerate(wijk_volgorde)
    }
    doelgroep_per_wijk = {
        wijk_rijen[pk][1]: {
            code: float(doelgroep_wijk[w, k])
            for k, (code, _label) in enumerate(keuzes)
            if gebruikt[k]
        }
        for w, pk in enumerate(wijk_volgorde)
    }

    codes = [row[1] for row in eenheden]
    return Dekking(
        gemeente=gemeente,
        straal=straal,
        peildatum=peildatum,
        periode_tot=peildatum + dt.timedelta(days=PERIODE_DAGEN - 1),
        buurten=buurten,
        wijken=wijken,
        totaal=totaal,
        plekken=[
            Plek(
                pk=pk,
                naam=naam,
                slug=slug,
                latitude=la,
                longitude=lo,
                is_sterlocatie=s,
                is_kern=k,
                in_gemeente=b >= 0,
                buurt_code=codes[b] if b >= 0 else "",
            )
            for pk, naam, slug, la, lo, s, k, b in zip(
                plekken.pk,
                plekken.naam,
                plekken.slug,
                lat.tolist(),
                lon.tolist(),
                ster.tolist(),
                kern.tolist(),
                plek_buurt.tolist(),
                strict=True,
            )
        ],
        activiteiten_per_wijk=activiteiten_per_wijk,
        doelgroep_per_wijk=doelgroep_per_wijk,
        categorieen=categorieen,
        zonder_coordinaten=plekken.eigen_zonder_coordinaten,
        buiten_buurten=int(np.count_nonzero(plekken.eigen & ~in_gemeente)),
        grenzen_rd=grenzen_rd,
    )


# The only place within reach ---------------------------------------------------------------


def enige_plek_65_plus(
    gemeente, locatie_pks: list[int], *, straal: int = STANDAARD_STRAAL
) -> dict[int, float | None]:
    """{place pk: the residents 65+ of `gemeente` for whom that place is the only one within
    `straal` metres}: those who would have no place within walking distance if it closed.

    Counted as the coverage figures count reach (residents spread evenly over their buurt):
    over each buurt, inwoners 65+ × area(buurt ∩ (the place's circle − the circles of every
    other published place)) / area(buurt). Each place is taken on its own: two places that
    both close leave more people without one than their two figures say. A place that is not
    published (yet) is measured against the published ones as if it were open. None for a
    place without coordinates, or when no buurt it reaches has a known number of 65+. Two
    queries: the buurten, and the places around them."""
    gebieden = list(
        met_grenstekst(Wijk.objects.filter(gemeente=gemeente)).values_list(*GEBIED_VELDEN)
    )
    _wijk_rijen, eenheden = _eenheden(gebieden)
    grenzen_wgs = _grenzen([row[5] for row in eenheden])
    heeft_grens = ~shapely.is_missing(grenzen_wgs)
    inwoners = np.array([np.nan if r[6] is None else r[6] for r in eenheden], dtype=float)
    aandeel_65 = np.array([np.nan if r[7] is None else r[7] for r in eenheden], dtype=float)
    ouderen = inwoners * aandeel_65 / 100.0

    uitkomst: dict[int, float | None] = dict.fromkeys(locatie_pks)
    if not locatie_pks or not heeft_grens.any():
        return uitkomst
    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(grenzen_wgs[heeft_grens])
    marge = 2 * straal * 1.01  # a circle that meets a place's circle has its centre within 2r
    south, _north, west, _east = geo.bounding_box(min_lat, min_lon, marge)
    _south, north, _west, east = geo.bounding_box(max_lat, max_lon, marge)
    rijen = list(
        Locatie.objects.filter(
            Q(pk__in=locatie_pks)
            | LocatieQuerySet.openbaar_q()
            & Q(latitude__range=(south, north), longitude__range=(west, east))
        )
        .filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(
            openbaar=ExpressionWrapper(LocatieQuerySet.openbaar_q(), output_field=BooleanField())
        )
        .order_by("pk")
        .values_list("pk", "latitude", "longitude", "openbaar")
    )
    if not rijen:
        return uitkomst
    pks = np.array([r[0] for r in rijen])
    openbaar = np.array([bool(r[3]) for r in rijen], dtype=bool)
    punten = projections.to_rd(shapely.points([r[2] for r in rijen], [r[1] for r in rijen]))
    cirkels = shapely.buffer(punten, straal, quad_segs=CIRKEL_SEGMENTEN)
    grenzen_rd = projections.to_rd(grenzen_wgs)
    oppervlak = shapely.area(grenzen_rd)
    buurtboom = shapely.STRtree(grenzen_rd)
    cirkelboom = shapely.STRtree(cirkels)
    for i in np.flatnonzero(np.isin(pks, locatie_pks)):
        anderen = cirkelboom.query(cirkels[i], predicate="intersects")
        anderen = anderen[(anderen != i) & openbaar[anderen]]
        alleen = (
            shapely.difference(cirkels[i], shapely.union_all(cirkels[anderen]))
            if len(anderen)
            else cirkels[i]
        )
        buurten = buurtboom.query(alleen, predicate="intersects")
        buurten = buurten[~np.isnan(ouderen[buurten]) & (oppervlak[buurten] > 0)]
        if not len(buurten):
            continue
        deel = shapely.area(shapely.intersection(grenzen_rd[buurten], alleen))
        uitkomst[int(pks[i])] = float(np.sum(ouderen[buurten] * deel / oppervlak[buurten]))
    return uitkomst


# Steps -------------------------------------------------------------------------------------


def _eenheden(gebieden: list[tuple]) -> tuple[dict, list[tuple]]:
    """({wijk pk: row}, the units the figures are counted in, in CBS code order): the buurten,
    and each wijk without buurten (an import of wijken only) as its own buurt."""
    wijk_rijen = {row[0]: row for row in gebieden if row[3] == WijkSoort.WIJK}
    buurt_rijen = [row for row in gebieden if row[3] == WijkSoort.BUURT]
    met_buurten = {row[4] for row in buurt_rijen}
    eenheden = buurt_rijen + [row for pk, row in wijk_rijen.items() if pk not in met_buurten]
    eenheden.sort(key=lambda row: row[1])
    return wijk_rijen, eenheden


def _grenzen(grenzen: list) -> np.ndarray:
    """Shapely geometries (WGS84) of stored GeoJSON boundaries (text as fetched by
    met_grenstekst, or dicts), None where there is none. A Feature gives its geometry; an
    invalid polygon is repaired (make_valid)."""
    teksten = np.array(
        [json.dumps(g) if isinstance(g, dict) else (g or None) for g in grenzen], dtype=object
    )
    geometrieen = _enkele_ringen(teksten)
    aanwezig = np.array([tekst is not None for tekst in teksten], dtype=bool)
    aanwezig &= shapely.is_missing(geometrieen)
    if aanwezig.any():
        geometrieen[aanwezig] = shapely.from_geojson(teksten[aanwezig], on_invalid="ignore")
    ongeldig = ~shapely.is_missing(geometrieen) & ~shapely.is_valid(geometrieen)
    if ongeldig.any():
        geometrieen[ongeldig] = shapely.make_valid(geometrieen[ongeldig])
    # Only areas count: anything else (a point, an empty geometry) is no boundary.
    vlak = shapely.get_type_id(geometrieen)
    geen_vlak = ~np.isin(vlak, (3, 6, 7)) | shapely.is_empty(geometrieen)
    geometrieen[geen_vlak] = None
    return geometrieen


# How a stored polygon of one ring begins: the database's JSON text (keys "type" before
# "coordinates") and json.dumps both write it so.
ENKEL_VLAK = '{"type": "Polygon", "coordinates": [[['
ENKEL_VLAK_EIND = "]]]}"


def _enkele_ringen(teksten: np.ndarray) -> np.ndarray:
    """The boundaries among `teksten` that are a Polygon of one ring, written as
    ENKEL_VLAK...ENKEL_VLAK_EIND (most buurten), read in one go: all their numbers by one
    NumPy call, the polygons by one shapely call; None for the others, which
    shapely.from_geojson reads. The same numbers and rings as from_geojson gives (both
    parse with strtod); a ring that is not closed or too short is left to from_geojson, which
    refuses it."""
    uitkomst = np.full(len(teksten), None, dtype=object)
    begin, eind = len(ENKEL_VLAK), -len(ENKEL_VLAK_EIND)
    kandidaten, delen, aantallen = [], [], []
    for i, tekst in enumerate(teksten.tolist()):
        if (
            tekst is None
            or not tekst.startswith(ENKEL_VLAK)
            or not tekst.endswith(ENKEL_VLAK_EIND)
        ):
            continue
        kern = tekst[begin:eind]
        if "]]" in kern or "{" in kern:
            continue
        kandidaten.append(i)
        delen.append(kern)
        aantallen.append(kern.count(",") + 1)
    if not kandidaten:
        return uitkomst
    tekst = " ".join(delen).replace("], [", " ").replace(",", " ")
    getallen = np.fromstring(tekst, sep=" ")
    aantallen = np.array(aantallen)
    if len(getallen) != aantallen.sum() or (aantallen % 2).any():
        return uitkomst  # something unexpected: from_geojson reads them all
    punten = getallen.reshape(-1, 2)
    per_ring = aantallen // 2
    start = np.cumsum(per_ring) - per_ring
    laatste = start + per_ring - 1
    goed = (per_ring >= 4) & (punten[start] == punten[laatste]).all(axis=1)
    if not goed.any():
        return uitkomst
    kies = np.repeat(goed, per_ring)
    ring_index = np.repeat(np.arange(goed.sum()), per_ring[goed])
    ringen = shapely.linearrings(punten[kies], indices=ring_index)
    uitkomst[np.array(kandidaten)[goed]] = shapely.polygons(ringen)
    return uitkomst


@dataclass
class _Plekken:
    """The places of the computation as arrays, in primary-key order."""

    pk: list[int]
    naam: list[str]
    slug: list[str]
    lat: np.ndarray
    lon: np.ndarray
    is_ster: np.ndarray
    is_kern: np.ndarray
    eigen: np.ndarray  # a place of the area itself (not of a neighbour)
    openingsuren: np.ndarray  # per week
    activiteitenuren: np.ndarray  # per week, one column per category of categorie_keuzes()
    activiteitenuren_doelgroep: np.ndarray  # the same, of activities for a target group only
    eigen_zonder_coordinaten: int


def _plekken(grenzen_wgs: np.ndarray, eigen_plekken: Q, peildatum: dt.date) -> _Plekken:
    """The published places of the area and those within DEKKING_MARGE_M around its buurten
    (`grenzen_wgs`), with their opening and activity hours per week: three queries."""
    openbaar = Locatie.objects.openbaar()
    if len(grenzen_wgs):
        min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(grenzen_wgs)
        # The box holds every point within the margin of the buurten (RD New's scale differs
        # from the sphere by less than 0.02 %; 1 % more covers it).
        marge = DEKKING_MARGE_M * 1.01
        south, _north, west, _east = geo.bounding_box(min_lat, min_lon, marge)
        _south, north, _west, east = geo.bounding_box(max_lat, max_lon, marge)
        rond = Q(latitude__range=(south, north), longitude__range=(west, east))
        relevant = openbaar.filter(eigen_plekken | rond)
    else:
        relevant = openbaar.filter(eigen_plekken)
    rijen = list(
        relevant.annotate(eigen=ExpressionWrapper(eigen_plekken, output_field=BooleanField()))
        .order_by("pk")
        .values_list(
            "pk", "naam", "slug", "latitude", "longitude", "is_sterlocatie", "soort", "eigen"
        )
    )
    zonder = sum(1 for row in rijen if row[3] is None and row[7])
    rijen = [row for row in rijen if row[3] is not None and row[4] is not None]
    index_van = {row[0]: i for i, row in enumerate(rijen)}
    m = len(rijen)
    op_kaart = relevant.filter(latitude__isnull=False, longitude__isnull=False)

    openingsuren = np.zeros(m)
    minuten = ExpressionWrapper(
        (ExtractHour("tot") - ExtractHour("van")) * 60
        + ExtractMinute("tot")
        - ExtractMinute("van"),
        output_field=IntegerField(),
    )
    for pk, totaal in (
        Openingstijd.objects.filter(locatie__in=op_kaart)
        .values("locatie")
        .annotate(minuten=Sum(minuten))
        .values_list("locatie", "minuten")
        .order_by()
    ):
        if pk in index_van and totaal:
            openingsuren[index_van[pk]] = totaal / 60.0

    keuzes = categorie_keuzes()
    categorie_index = {code: k for k, (code, _label) in enumerate(keuzes)}
    activiteitenuren = np.zeros((m, len(keuzes)))
    doelgroep = np.zeros((m, len(keuzes)))
    # Local midnights, so that a period across a clock change still runs midnight to midnight.
    start = timezone.make_aware(dt.datetime.combine(peildatum, dt.time.min))
    eind = timezone.make_aware(
        dt.datetime.combine(peildatum + dt.timedelta(days=PERIODE_DAGEN), dt.time.min)
    )
    duur = ExpressionWrapper(
        F("activiteiten__occurrences__einde") - F("activiteiten__occurrences__begin"),
        output_field=DurationField(),
    )
    weken = PERIODE_DAGEN / 7
    for pk, categorie, alleen_doelgroep, totaal in (
        # One filter() call: the activity, its dates and its place are one join. The places of
        # op_kaart are public already, so requiring a public activity's place to be public
        # (ActiviteitQuerySet.openbaar_q) leaves the same activities.
        op_kaart.filter(
            ActiviteitQuerySet.openbaar_q("activiteiten__"),
            activiteiten__occurrences__begin__gte=start,
            activiteiten__occurrences__begin__lt=eind,
            activiteiten__occurrences__vervalt=False,
        )
        .values("pk", "activiteiten__categorie", "activiteiten__alleen_voor_doelgroep")
        .annotate(duur=Sum(duur))
        .values_list(
            "pk", "activiteiten__categorie", "activiteiten__alleen_voor_doelgroep", "duur"
        )
        .order_by()
    ):
        if pk in index_van and categorie in categorie_index and totaal:
            plek, k = index_van[pk], categorie_index[categorie]
            per_week = totaal.total_seconds() / 3600.0 / weken
            activiteitenuren[plek, k] += per_week
            if alleen_doelgroep:
                doelgroep[plek, k] += per_week

    return _Plekken(
        pk=[row[0] for row in rijen],
        naam=[row[1] for row in rijen],
        slug=[row[2] for row in rijen],
        lat=np.array([row[3] for row in rijen], dtype=float),
        lon=np.array([row[4] for row in rijen], dtype=float),
        is_ster=np.array([row[5] for row in rijen], dtype=bool),
        is_kern=np.array([row[6] == LocatieSoort.STEUNPUNT for row in rijen], dtype=bool),
        eigen=np.array([bool(row[7]) for row in rijen], dtype=bool),
        openingsuren=openingsuren,
        activiteitenuren=activiteitenuren,
        activiteitenuren_doelgroep=doelgroep,
        eigen_zonder_coordinaten=zonder,
    )


def _centra(grenzen: np.ndarray) -> np.ndarray:
    """Each buurt's centre: its centroid, or where that lies outside the buurt (a crescent, a
    buurt in two parts) its representative point, which always lies inside."""
    centra = shapely.centroid(grenzen)
    buiten = ~shapely.is_missing(grenzen) & ~shapely.covers(grenzen, centra)
    if buiten.any():
        centra[buiten] = shapely.point_on_surface(grenzen[buiten])
    return centra


def _afstand_tot(centra: np.ndarray, punten: np.ndarray) -> np.ndarray:
    """Metres from each centre to the nearest of `punten`: NaN without a centre, infinity
    when the nearest is further than DEKKING_MARGE_M (or there is none): places beyond the
    margin were not fetched, so all that is known is that it is further."""
    afstand = np.full(len(centra), np.nan)
    aanwezig = ~shapely.is_missing(centra)
    afstand[aanwezig] = np.inf
    if len(punten) and aanwezig.any():
        (c_idx, _p_idx), d = shapely.STRtree(punten).query_nearest(
            centra[aanwezig], return_distance=True, all_matches=False
        )
        waar = np.flatnonzero(aanwezig)[c_idx]
        afstand[waar] = np.where(d <= DEKKING_MARGE_M, d, np.inf)
    return afstand


def _aandeel_binnen(
    grenzen: np.ndarray, oppervlak: np.ndarray, punten: np.ndarray, straal: float
) -> np.ndarray:
    """The share of each buurt's area within `straal` metres of one of `punten` (RD New):
    area(buurt ∩ union of the circles that meet it) / area(buurt). NaN without a boundary.

    The pairs (buurt, circle) and the buurten a circle holds whole come from `paren`; the
    other pairs are checked exactly (dwithin) and only then go through the costly union and
    intersection (`gedekt`)."""
    n = len(grenzen)
    aandeel = np.where(shapely.is_missing(grenzen), np.nan, 0.0)
    if not len(punten) or not n:
        return aandeel
    b_idx, c_idx, heel = paren(grenzen, punten, straal)
    if not len(b_idx):
        return aandeel
    binnen_een = np.zeros(n, dtype=bool)
    binnen_een[b_idx[heel]] = True
    aandeel[binnen_een] = 1.0
    rest = ~binnen_een[b_idx]
    b_idx, c_idx = b_idx[rest], c_idx[rest]
    # Boxes are coarse: keep the circles whose centre is within `straal` of the buurt itself.
    echt = shapely.dwithin(grenzen[b_idx], punten[c_idx], straal)
    b_idx, c_idx = b_idx[echt], c_idx[echt]
    if len(b_idx):
        rijen, oppervlakken = gedekt_per_groep(
            grenzen, cirkels_van(punten, straal), b_idx, b_idx, c_idx
        )
        aandeel[rijen] = np.clip(oppervlakken / oppervlak[rijen], 0.0, 1.0)
    return aandeel


def cirkels_van(punten: np.ndarray, straal: float) -> np.ndarray:
    """The reach circles around `punten`: polygons of 4 × CIRKEL_SEGMENTEN sides."""
    return shapely.buffer(punten, straal, quad_segs=CIRKEL_SEGMENTEN)


def paren(
    grenzen: np.ndarray, punten: np.ndarray, straal: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(b_idx, c_idx, heel): the pairs (buurt, point) whose circle of `straal` may meet the
    buurt, and whether it holds the buurt whole.

    The pairs come from an STRtree by bounding box, then two sums over those pairs decide
    most of them: a circle whose centre is further than `straal` from the buurt's box misses
    the buurt (dropped); a box whose farthest corner lies within the circle's inscribed
    radius lies inside the circle (`heel`). The others may still miss the buurt itself: the
    caller checks them with dwithin where it needs to."""
    leeg = np.empty(0, dtype=np.int64)
    if not len(punten) or not len(grenzen):
        return leeg, leeg, np.empty(0, dtype=bool)
    x, y = shapely.get_coordinates(punten).T
    vakken = shapely.box(x - straal, y - straal, x + straal, y + straal)
    b_idx, c_idx = shapely.STRtree(vakken).query(grenzen)
    if not len(b_idx):
        return leeg, leeg, np.empty(0, dtype=bool)
    x0, y0, x1, y1 = shapely.bounds(grenzen)[b_idx].T
    px, py = x[c_idx], y[c_idx]
    dx = np.maximum(np.maximum(x0 - px, px - x1), 0)
    dy = np.maximum(np.maximum(y0 - py, py - y1), 0)
    raakt = dx * dx + dy * dy <= straal * straal
    verst_x = np.maximum(np.abs(px - x0), np.abs(px - x1))
    verst_y = np.maximum(np.abs(py - y0), np.abs(py - y1))
    ingeschreven = straal * math.cos(math.pi / (4 * CIRKEL_SEGMENTEN))
    heel = verst_x * verst_x + verst_y * verst_y <= ingeschreven**2
    return b_idx[raakt], c_idx[raakt], heel[raakt]


def gedekt_per_groep(
    grenzen: np.ndarray,
    cirkels: np.ndarray,
    groep: np.ndarray,
    b_idx: np.ndarray,
    c_idx: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(groups, areas): pair i of (buurt b_idx[i], circle c_idx[i]) belongs to group
    groep[i], and the pairs of a group share their buurt; for each distinct group, the area
    of its buurt within the union of its circles: area(buurt ∩ union of the circles). The
    circles of each group go side by side in a row of a padded array, and union_all over the
    rows unions them per group (None is skipped); no Python loop over pairs. With the buurt
    as the group, this is the area of each buurt within reach of all its circles."""
    volgorde = np.argsort(groep, kind="stable")
    groep, b_idx, c_idx = groep[volgorde], b_idx[volgorde], c_idx[volgorde]
    groepen, start, aantal = np.unique(groep, return_index=True, return_counts=True)
    kolom = np.arange(len(groep)) - np.repeat(start, aantal)
    raster = np.full((len(groepen), aantal.max()), None, dtype=object)
    raster[np.searchsorted(groepen, groep), kolom] = cirkels[c_idx]
    buurt = b_idx[start]
    return groepen, _parallel_oppervlak(grenzen[buurt], raster, aantal)


# Below this many rows one thread does the work: starting a second costs more than it saves.
PARALLEL_VANAF = 2000


def _parallel_oppervlak(vlakken: np.ndarray, raster: np.ndarray, aantal: np.ndarray) -> np.ndarray:
    """area(vlakken[i] ∩ union of row i of `raster`, which holds aantal[i] circles), in two
    halves on two threads when there are many rows (shapely 2 releases the GIL in its
    vectorised functions)."""

    def oppervlak(deel: slice) -> np.ndarray:
        unie = shapely.union_all(raster[deel], axis=1)
        return shapely.area(shapely.intersection(vlakken[deel], unie))

    n = len(vlakken)
    if n < PARALLEL_VANAF:
        return oppervlak(slice(None))
    # Rows with many circles cost more: cut where half of the circles lie.
    gewicht = np.cumsum(aantal)
    midden = int(np.searchsorted(gewicht, gewicht[-1] / 2)) + 1
    with ThreadPoolExecutor(max_workers=2) as pool:
        tweede = pool.submit(oppervlak, slice(midden, None))
        eerste = oppervlak(slice(0, midden))
        return np.concatenate([eerste, tweede.result()])


def _nan_of(waarde: float):
    return None if math.isnan(waarde) else waarde


def _buurt_cijfers(
    eenheden, wijk_rijen, wijk_pk, heeft_grens, inwoners, ouderen, sommen, afstanden, aandelen
) -> list[Cijfers]:
    kolommen = zip(
        eenheden,
        wijk_pk,
        heeft_grens.tolist(),
        inwoners.tolist(),
        ouderen.tolist(),
        *(sommen[naam].tolist() for naam in SOM_VELDEN),
        *(a.tolist() for a in afstanden),
        *(a.tolist() for a in aandelen),
        strict=True,
    )
    buurten = []
    for (
        row,
        wpk,
        grens,
        inw,
        oud,
        plek,
        ster,
        kern,
        open_,
        act,
        act_doelgroep,
        dp,
        ds,
        dk,
        ap,
        as_,
        ak,
    ) in kolommen:
        wijk = wijk_rijen[wpk]
        buurten.append(
            Cijfers(
                code=row[1],
                naam=row[2],
                soort=row[3],
                wijk_naam=wijk[2],
                wijk_code=wijk[1],
                heeft_grens=grens,
                inwoners=None if math.isnan(inw) else int(inw),
                inwoners_65_plus=_nan_of(oud),
                plekken=int(plek),
                sterlocaties=int(ster),
                kernen=int(kern),
                openingsuren=open_,
                activiteitenuren=act,
                activiteitenuren_doelgroep=act_doelgroep,
                afstand_plek_m=_nan_of(dp),
                afstand_sterlocatie_m=_nan_of(ds),
                afstand_kern_m=_nan_of(dk),
                aandeel_plek=_nan_of(ap),
                aandeel_plek_65_plus=_nan_of(ap),  # residents 65+ spread like everyone
                aandeel_sterlocatie=_nan_of(as_),
                aandeel_kern=_nan_of(ak),
            )
        )
    return buurten


SOM_VELDEN = (
    "plekken",
    "sterlocaties",
    "kernen",
    "openingsuren",
    "activiteitenuren",
    "activiteitenuren_doelgroep",
)


def _groepen(
    groep: np.ndarray,
    namen: list[tuple[str, str, str]],
    *,
    inwoners,
    ouderen,
    sommen,
    afstanden,
    aandelen,
    heeft_grens,
) -> list[Cijfers]:
    """The figures of groups of buurten (the wijken, or the gemeente as one group): buurt i is
    in group groep[i], named by namen[groep[i]] (code, naam, soort). Sums, shares weighted by
    residents over the buurten where both are known, and the largest distance from one of
    the group's buurt centres; all with bincount over the buurten, no loop per group."""
    aantal = len(namen)

    def som(waarden: np.ndarray, waar: np.ndarray | None = None) -> np.ndarray:
        if waar is None:
            return np.bincount(groep, weights=waarden, minlength=aantal)
        return np.bincount(groep[waar], weights=waarden[waar], minlength=aantal)

    def bekende_som(waarden: np.ndarray) -> list:
        bekend = ~np.isnan(waarden)
        totaal = som(np.nan_to_num(waarden))
        return np.where(som(bekend.astype(float)) > 0, totaal, np.nan).tolist()

    def gewogen(gewicht: np.ndarray, aandeel: np.ndarray) -> list:
        bekend = ~np.isnan(gewicht) & ~np.isnan(aandeel) & (np.nan_to_num(gewicht) > 0)
        noemer = som(np.nan_to_num(gewicht), bekend)
        teller = som(np.nan_to_num(gewicht * aandeel), bekend)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(noemer > 0, teller / noemer, np.nan).tolist()

    def grootste(afstand: np.ndarray) -> list:
        waarden = np.full(aantal, -np.inf)
        np.maximum.at(waarden, groep[heeft_grens], afstand[heeft_grens])
        return np.where(np.isneginf(waarden), np.nan, waarden).tolist()

    kolommen = zip(
        namen,
        (som(heeft_grens.astype(float)) > 0).tolist(),
        bekende_som(inwoners),
        bekende_som(ouderen),
        *(som(np.asarray(sommen[naam], dtype=float)).tolist() for naam in SOM_VELDEN),
        *(grootste(a) for a in afstanden),
        gewogen(inwoners, aandelen[0]),
        gewogen(ouderen, aandelen[0]),
        gewogen(inwoners, aandelen[1]),
        gewogen(inwoners, aandelen[2]),
        strict=True,
    )
    return [
        Cijfers(
            code=code,
            naam=naam,
            soort=soort,
            heeft_grens=grens,
            inwoners=None if math.isnan(inw) else round(inw),
            inwoners_65_plus=_nan_of(oud),
            plekken=round(plek),
            sterlocaties=round(ster),
            kernen=round(kern),
            openingsuren=open_,
            activiteitenuren=act,
            activiteitenuren_doelgroep=act_doelgroep,
            afstand_plek_m=_nan_of(dp),
            afstand_sterlocatie_m=_nan_of(ds),
            afstand_kern_m=_nan_of(dk),
            aandeel_plek=_nan_of(ap),
            aandeel_plek_65_plus=_nan_of(a65),
            aandeel_sterlocatie=_nan_of(as_),
            aandeel_kern=_nan_of(ak),
        )
        for (
            (code, naam, soort),
            grens,
            inw,
            oud,
            plek,
            ster,
            kern,
            open_,
            act,
            act_doelgroep,
            dp,
            ds,
            dk,
            ap,
            a65,
            as_,
            ak,
        ) in kolommen
    ]
