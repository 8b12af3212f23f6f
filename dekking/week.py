"""Coverage through the week: for each buurt, the share of its residents (and of its 65+) who
have a place within the walking distance that is **open**, for each part of each day of one
week, from the places' opening hours (Openingstijd) and closures (Sluiting).

What is counted (the page's "Hoe wordt dit berekend?" says the same in Dutch):

- **The week** is the calendar week (Monday to Sunday) of the peildatum. A place closed by a
  Sluiting on a date of that week is closed that whole day.
- **Parts of a day** (DAGDELEN): ochtend 8:00–12:00, middag 12:00–17:00, avond 17:00–22:00.
  A place is open in a part of a day when one of its opening periods of that weekday overlaps
  it by a minute or more. A place without opening hours is never open here: residents cannot
  count on it ("op afspraak").
- **Places** and **reach** as in dekking/dekking.py: published places with coordinates,
  including those of neighbouring gemeenten within DEKKING_MARGE_M; residents spread evenly,
  so a buurt's share is the share of its area within the walking distance of a place open
  then; wijken and the gemeente weighted by residents.
- **The four parts of the week** (DEELTEN): ochtend, middag and avond are the average of the
  five working days' shares, weekend the average of Saturday's and Sunday's three parts.

How: cells with the same places open are computed once; for each, the union of the open
places' circles is taken once for the whole area, and the buurten's shares follow from its
separate parts (aandeel_open). The areas are those of the dashboard's 64-sided circles, so with
every place open a cell equals the dashboard's "within reach".
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekking.dekking import (
    CIRKEL_SEGMENTEN,
    DEKKING_MARGE_M,
    GEBIED_VELDEN,
    STANDAARD_STRAAL,
    _eenheden,
    _grenzen,
    met_grenstekst,
)
from kern import projections
from locaties import geo
from locaties.models import Locatie, Openingstijd, Sluiting, Wijk

DAGDELEN = (
    ("ochtend", _("ochtend"), dt.time(8), dt.time(12)),
    ("middag", _("middag"), dt.time(12), dt.time(17)),
    ("avond", _("avond"), dt.time(17), dt.time(22)),
)
DAGEN = 7
CELLEN = DAGEN * len(DAGDELEN)  # cell index: dag * 3 + dagdeel
DEELTEN = (
    ("ochtend", _("Ochtend (werkdagen)")),
    ("middag", _("Middag (werkdagen)")),
    ("avond", _("Avond (werkdagen)")),
    ("weekend", _("Weekend")),
)


def deelcellen(deel: str) -> list[int]:
    """The cells of a part of the week (DEELTEN)."""
    if deel == "weekend":
        return [dag * 3 + j for dag in (5, 6) for j in range(len(DAGDELEN))]
    j = [code for code, *_rest in DAGDELEN].index(deel)
    return [dag * 3 + j for dag in range(5)]


@dataclass
class WeekCijfers:
    """One area's shares within reach of an open place: `cellen` has CELLEN fractions (None
    without known residents or boundary), day by day, ochtend/middag/avond; `cellen_65_plus`
    the same for its residents 65+ (in a buurt the same shares: residents 65+ are spread like
    everyone; over a wijk weighted by residents 65+)."""

    code: str
    naam: str
    soort: str
    wijk_code: str
    inwoners: int | None
    cellen: list[float | None]
    cellen_65_plus: list[float | None]

    def deel(self, deel: str, *, ouderen: bool = False) -> float | None:
        cellen = self.cellen_65_plus if ouderen else self.cellen
        waarden = [cellen[c] for c in deelcellen(deel)]
        return None if any(w is None for w in waarden) else sum(waarden) / len(waarden)

    def cel(self, dag: int, dagdeel: int, *, ouderen: bool = False) -> float | None:
        return (self.cellen_65_plus if ouderen else self.cellen)[dag * 3 + dagdeel]


@dataclass
class Week:
    gemeente: object
    straal: int
    maandag: dt.date
    buurten: list[WeekCijfers]
    wijken: list[WeekCijfers]
    totaal: WeekCijfers
    plekken: int  # the places taken into account (own and neighbouring)

    @property
    def dagen(self) -> list[dt.date]:
        return [self.maandag + dt.timedelta(days=d) for d in range(DAGEN)]


def week(gemeente, *, straal: int = STANDAARD_STRAAL, peildatum: dt.date | None = None) -> Week:
    """The week grid of `gemeente`. Four queries: the wijken and buurten, the places, their
    opening hours, their closures in the week."""
    gebieden = list(
        met_grenstekst(Wijk.objects.filter(gemeente=gemeente)).values_list(*GEBIED_VELDEN)
    )
    peildatum = peildatum or timezone.localdate()
    return bereken_week(
        gemeente,
        gebieden=gebieden,
        eigen_plekken=Q(gemeente=gemeente),
        straal=straal,
        maandag=peildatum - dt.timedelta(days=peildatum.weekday()),
    )


def bereken_week(
    gemeente, *, gebieden: list[tuple], eigen_plekken: Q, straal: int, maandag: dt.date
) -> Week:
    """The week grid of the wijken and buurten in `gebieden` (tuples of GEBIED_VELDEN); split
    from `week` so that the benchmark can compute a whole country in one go."""
    wijk_rijen, eenheden = _eenheden(gebieden)
    grenzen_wgs = _grenzen([row[5] for row in eenheden])
    heeft_grens = ~shapely.is_missing(grenzen_wgs)
    inwoners = np.array([np.nan if r[6] is None else r[6] for r in eenheden], dtype=float)
    aandeel_65 = np.array([np.nan if r[7] is None else r[7] for r in eenheden], dtype=float)
    ouderen = inwoners * aandeel_65 / 100.0

    punten_wgs, open_ = open_plekken(grenzen_wgs[heeft_grens], eigen_plekken, maandag)
    grenzen_rd = projections.to_rd(grenzen_wgs)
    punten_rd = projections.to_rd(punten_wgs) if len(punten_wgs) else punten_wgs
    aandelen = aandeel_open(grenzen_rd, punten_rd, open_, straal)
    zonder = (inwoners == 0) | ~heeft_grens
    aandelen[zonder] = np.nan

    wijk_pk = [row[4] if row[3] == "buurt" else row[0] for row in eenheden]
    wijk_volgorde = sorted(set(wijk_pk), key=lambda pk: wijk_rijen[pk][1])
    wijk_index = {pk: i for i, pk in enumerate(wijk_volgorde)}
    groep = np.array([wijk_index[pk] for pk in wijk_pk], dtype=np.int64)

    buurten = [
        WeekCijfers(
            code=row[1],
            naam=row[2],
            soort=row[3],
            wijk_code=wijk_rijen[wpk][1],
            inwoners=row[6],
            cellen=_lijst(aandelen[i]),
            cellen_65_plus=_lijst(aandelen[i]),
        )
        for i, (row, wpk) in enumerate(zip(eenheden, wijk_pk, strict=True))
    ]
    per_wijk, wijk_inwoners = _gewogen(groep, len(wijk_volgorde), inwoners, aandelen)
    per_wijk_65, _ouderen = _gewogen(groep, len(wijk_volgorde), ouderen, aandelen)
    wijken = [
        WeekCijfers(
            code=wijk_rijen[pk][1],
            naam=wijk_rijen[pk][2],
            soort="wijk",
            wijk_code=wijk_rijen[pk][1],
            inwoners=wijk_inwoners[w],
            cellen=_lijst(per_wijk[w]),
            cellen_65_plus=_lijst(per_wijk_65[w]),
        )
        for w, pk in enumerate(wijk_volgorde)
    ]
    een_groep = np.zeros(len(eenheden), dtype=np.int64)
    (geheel,), (alle_inwoners,) = _gewogen(een_groep, 1, inwoners, aandelen)
    (geheel_65,), _ouderen = _gewogen(een_groep, 1, ouderen, aandelen)
    totaal = WeekCijfers(
        code=getattr(gemeente, "cbs_code", ""),
        naam=str(gemeente),
        soort="gemeente",
        wijk_code="",
        inwoners=alle_inwoners,
        cellen=_lijst(geheel),
        cellen_65_plus=_lijst(geheel_65),
    )
    return Week(
        gemeente=gemeente,
        straal=straal,
        maandag=maandag,
        buurten=buurten,
        wijken=wijken,
        totaal=totaal,
        plekken=len(punten_wgs),
    )


def _lijst(rij: np.ndarray) -> list[float | None]:
    return [None if np.isnan(w) else float(w) for w in rij.tolist()]


def _gewogen(groep, aantal, inwoners, aandelen) -> tuple[np.ndarray, list[int | None]]:
    """Shares per group weighted by residents, over the buurten where both are known."""
    gewicht = np.nan_to_num(inwoners)
    bekend = ~np.isnan(inwoners) & (gewicht > 0) & ~np.isnan(aandelen[:, 0])
    noemer = np.bincount(groep[bekend], weights=gewicht[bekend], minlength=aantal)
    teller = np.zeros((aantal, aandelen.shape[1]))
    np.add.at(teller, groep[bekend], gewicht[bekend, None] * aandelen[bekend])
    with np.errstate(invalid="ignore", divide="ignore"):
        uitkomst = np.where(noemer[:, None] > 0, teller / noemer[:, None], np.nan)
    met_inwoners = np.bincount(
        groep, weights=(~np.isnan(inwoners)).astype(float), minlength=aantal
    )
    som = np.bincount(groep, weights=gewicht, minlength=aantal)
    return uitkomst, [round(s) if k else None for s, k in zip(som, met_inwoners, strict=True)]


def open_plekken(
    grenzen_wgs: np.ndarray, eigen_plekken: Q, maandag: dt.date
) -> tuple[np.ndarray, np.ndarray]:
    """(points in WGS84, open: places × CELLEN booleans) of the published places of the area
    and those within DEKKING_MARGE_M around it. Three queries."""
    openbaar = Locatie.objects.openbaar().filter(latitude__isnull=False, longitude__isnull=False)
    if len(grenzen_wgs):
        min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(grenzen_wgs)
        marge = DEKKING_MARGE_M * 1.01
        south, _north, west, _east = geo.bounding_box(min_lat, min_lon, marge)
        _south, north, _west, east = geo.bounding_box(max_lat, max_lon, marge)
        relevant = openbaar.filter(
            eigen_plekken | Q(latitude__range=(south, north), longitude__range=(west, east))
        )
    else:
        relevant = openbaar.filter(eigen_plekken)
    rijen = list(relevant.order_by("pk").values_list("pk", "latitude", "longitude"))
    index_van = {row[0]: i for i, row in enumerate(rijen)}
    open_ = np.zeros((len(rijen), CELLEN), dtype=bool)
    grenzen = [(van, tot) for _code, _label, van, tot in DAGDELEN]
    for pk, weekdag, van, tot in Openingstijd.objects.filter(locatie__in=relevant).values_list(
        "locatie", "weekdag", "van", "tot"
    ):
        if pk not in index_van or not 0 <= weekdag < DAGEN:
            continue
        for j, (begin, eind) in enumerate(grenzen):
            if van < eind and tot > begin:
                open_[index_van[pk], weekdag * 3 + j] = True
    zondag = maandag + dt.timedelta(days=DAGEN - 1)
    for pk, van, tot in Sluiting.objects.filter(
        locatie__in=relevant, van__lte=zondag, tot__gte=maandag
    ).values_list("locatie", "van", "tot"):
        if pk not in index_van:
            continue
        for dag in range(max(0, (van - maandag).days), min(DAGEN - 1, (tot - maandag).days) + 1):
            open_[index_van[pk], dag * 3 : dag * 3 + 3] = False
    punten = (
        shapely.points([row[2] for row in rijen], [row[1] for row in rijen])
        if rijen
        else np.empty(0, dtype=object)
    )
    return np.asarray(punten, dtype=object).reshape(-1), open_


def aandeel_open(
    grenzen: np.ndarray, punten: np.ndarray, open_: np.ndarray, straal: float
) -> np.ndarray:
    """buurten × cells: the share of each buurt's area (RD New) within `straal` of one of the
    `punten` open in that cell (`open_`: points × cells). NaN without a boundary.

    Cells with the same places open are computed once. For each such set, the union of its
    circles is taken once for the whole area and cut into its separate parts (they do not
    overlap); the parts that meet a buurt are found with an STRtree, a part that holds the
    buurt whole counts the buurt's area, one inside the buurt its own area, the others their
    intersection with it. So a circle is
    unioned once per set, not once per buurt it meets."""
    n = len(grenzen)
    cellen = open_.shape[1] if open_.ndim == 2 else CELLEN
    aandeel = np.zeros((n, cellen))
    zonder = shapely.is_missing(grenzen)
    aandeel[zonder] = np.nan
    if not len(punten) or not n or zonder.all():
        return aandeel
    cirkels = shapely.buffer(punten, straal, quad_segs=CIRKEL_SEGMENTEN)
    oppervlak = shapely.area(grenzen)
    boom = shapely.STRtree(grenzen)
    shapely.prepare(grenzen)
    sets, welke = np.unique(open_.T, axis=0, return_inverse=True)
    for s, open_nu in enumerate(sets):
        if not open_nu.any():
            continue
        delen = shapely.get_parts(shapely.union_all(cirkels[open_nu]))
        shapely.prepare(delen)
        d_idx, b_idx = boom.query(delen, predicate="intersects")
        heel = shapely.contains(delen[d_idx], grenzen[b_idx])
        gedekt_paar = np.where(heel, oppervlak[b_idx], 0.0)
        # A part inside one buurt counts its own area.
        binnen = ~heel & shapely.contains(grenzen[b_idx], delen[d_idx])
        gedekt_paar[binnen] = shapely.area(delen[d_idx[binnen]])
        rest = ~heel & ~binnen
        if rest.any():
            gedekt_paar[rest] = shapely.area(
                shapely.intersection(grenzen[b_idx[rest]], delen[d_idx[rest]])
            )
        gedekt = np.bincount(b_idx, weights=gedekt_paar, minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            waarde = np.clip(gedekt / oppervlak, 0.0, 1.0)
        waarde[zonder] = np.nan
        aandeel[:, welke.reshape(-1) == s] = waarde[:, None]
    return aandeel
