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

How (aandeel_open): a buurt's share in a cell depends only on which of the places that reach
it are open then. A cell with a place open whose circle holds the buurt whole counts 1, one
with none of its places open 0; of the others each distinct set of open places is computed once
per buurt, all buurten's sets together, the dashboard's way. The areas are those of the
dashboard's 64-sided circles, so with every place open a cell equals the dashboard's "within
reach".
"""

import datetime as dt
import math
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
    cirkels_van,
    gedekt_per_groep,
    met_grenstekst,
    paren,
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
# Places of one buurt per word of the bit sets in aandeel_open (an int64 holds 63 bits).
BITS = 62


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

    # One conversion for all buurten (a list per buurt costs more than the figures at
    # national scale); a buurt's 65+ share the same cells (residents 65+ spread like everyone).
    buurt_cellen = _lijsten(aandelen)
    buurten = [
        WeekCijfers(
            code=row[1],
            naam=row[2],
            soort=row[3],
            wijk_code=wijk_rijen[wpk][1],
            inwoners=row[6],
            cellen=cellen,
            cellen_65_plus=list(cellen),
        )
        for row, wpk, cellen in zip(eenheden, wijk_pk, buurt_cellen, strict=True)
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
            cellen=cellen,
            cellen_65_plus=cellen_65,
        )
        for w, (pk, cellen, cellen_65) in enumerate(
            zip(wijk_volgorde, _lijsten(per_wijk), _lijsten(per_wijk_65), strict=True)
        )
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
        cellen=_lijsten(geheel[None, :])[0],
        cellen_65_plus=_lijsten(geheel_65[None, :])[0],
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


def _lijsten(rijen: np.ndarray) -> list[list[float | None]]:
    """Rows of floats as lists, None for NaN."""
    waarden = rijen.astype(object)
    waarden[np.isnan(rijen)] = None
    return waarden.tolist()


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

    A buurt's share in a cell depends only on which of the places that reach it are open
    then, so it is computed once per distinct set, not once per cell:

    - a cell in which a place whose circle holds the buurt whole is open counts 1, one in
      which none of the places that reach it is open 0, without any geometry;
    - the set of open places of the others is written as bits (a word of BITS places at a
      time, so exact whatever the number) and only the distinct (buurt, set) pairs are
      computed: a buurt whose places are all open in most cells computes that set once (the
      dashboard's share), and a buurt reached by one place never;
    - those are computed all together, each as area(buurt ∩ union of the set's circles), the
      dashboard's way (dekking.gedekt_per_groep), in two threads."""
    n = len(grenzen)
    cellen = open_.shape[1] if open_.ndim == 2 else CELLEN
    aandeel = np.zeros((n, cellen))
    zonder = shapely.is_missing(grenzen)
    aandeel[zonder] = np.nan
    if not len(punten) or not n or zonder.all():
        return aandeel
    b_idx, c_idx, heel = paren(grenzen, punten, straal)
    # The cells in which a circle that holds the buurt whole is open.
    vol = np.zeros((n, cellen), dtype=bool)
    if heel.any():
        np.logical_or.at(vol, b_idx[heel], open_[c_idx[heel]])
    aandeel[vol] = 1.0
    rest = ~heel & ~vol[b_idx].all(axis=1)
    b_idx, c_idx = b_idx[rest], c_idx[rest]
    # Boxes are coarse: keep the circles whose centre is within `straal` of the buurt itself.
    echt = shapely.dwithin(grenzen[b_idx], punten[c_idx], straal)
    b_idx, c_idx = b_idx[echt], c_idx[echt]
    if not len(b_idx):
        return aandeel

    # The pairs by buurt; rijen: the buurten with pairs, start/aantal: their pairs.
    volgorde = np.lexsort((c_idx, b_idx))
    b_idx, c_idx = b_idx[volgorde], c_idx[volgorde]
    rijen, start, aantal = np.unique(b_idx, return_index=True, return_counts=True)
    rij = np.repeat(np.arange(len(rijen)), aantal)
    woord, bit = np.divmod(np.arange(len(b_idx)) - start[rij], BITS)
    open_paar = open_[c_idx] & ~_overbodig(
        grenzen, punten, straal, b_idx, c_idx, start, aantal, open_[c_idx]
    )
    sleutels = np.zeros((len(rijen), int(woord.max()) + 1, cellen), dtype=np.int64)
    np.add.at(sleutels, (rij, woord), open_paar.astype(np.int64) << bit[:, None])
    # The (buurt, cell) pairs that need geometry: some of its places open, none whole.
    nodig = ~vol[rijen] & sleutels.any(axis=1)
    r_nodig, cel_nodig = np.nonzero(nodig)
    if not len(r_nodig):
        return aandeel
    sets = np.column_stack([r_nodig, sleutels[r_nodig, :, cel_nodig]])
    _uniek, eerste, terug = np.unique(sets, axis=0, return_index=True, return_inverse=True)
    # Each distinct (buurt, set): the pairs of its buurt open in a cell that has that set.
    s_rij, s_cel = r_nodig[eerste], cel_nodig[eerste]
    per_set = aantal[s_rij]
    s_van = np.repeat(np.arange(len(eerste)), per_set)
    paar = np.repeat(start[s_rij] - np.cumsum(per_set) + per_set, per_set) + np.arange(
        per_set.sum()
    )
    aan = open_paar[paar, s_cel[s_van]]
    groep, paar = s_van[aan], paar[aan]
    cirkels = cirkels_van(punten, straal)
    _groepen, oppervlakken = gedekt_per_groep(grenzen, cirkels, groep, b_idx[paar], c_idx[paar])
    buurt = rijen[s_rij]
    with np.errstate(invalid="ignore", divide="ignore"):
        waarde = np.clip(oppervlakken / shapely.area(grenzen[buurt]), 0.0, 1.0)
    aandeel[rijen[r_nodig], cel_nodig] = waarde[terug.reshape(-1)]
    return aandeel


def _overbodig(grenzen, punten, straal, b_idx, c_idx, start, aantal, open_paar) -> np.ndarray:
    """pairs × cells: the pairs whose circle adds nothing to its buurt in that cell, because
    the part of the buurt it can reach lies inside another open circle of the buurt."""
    x, y = shapely.get_coordinates(punten).T
    px, py = x[c_idx], y[c_idx]
    gx0, gy0, gx1, gy1 = shapely.bounds(grenzen)[b_idx].T
    rx0, ry0 = np.maximum(gx0, px - straal), np.maximum(gy0, py - straal)
    rx1, ry1 = np.minimum(gx1, px + straal), np.minimum(gy1, py + straal)
    # Every ordered pair (i, j) of pairs of one buurt.
    per = np.repeat(aantal, aantal)
    i = np.repeat(np.arange(len(b_idx)), per)
    eerste = np.repeat(np.repeat(start, aantal), per)
    j = eerste + np.arange(len(i)) - np.repeat(np.cumsum(per) - per, per)
    # Rank within the buurt: the larger reachable box first; only an earlier pair may make a
    # later one superfluous, so that two cannot remove each other.
    rang = np.lexsort((c_idx, -(rx1 - rx0) * (ry1 - ry0), b_idx))
    positie = np.empty(len(rang), dtype=np.int64)
    positie[rang] = np.arange(len(rang))
    kandidaat = positie[i] < positie[j]
    i, j = i[kandidaat], j[kandidaat]
    verst_x = np.maximum(np.abs(px[i] - rx0[j]), np.abs(px[i] - rx1[j]))
    verst_y = np.maximum(np.abs(py[i] - ry0[j]), np.abs(py[i] - ry1[j]))
    ingeschreven = straal * math.cos(math.pi / (4 * CIRKEL_SEGMENTEN))
    binnen = verst_x * verst_x + verst_y * verst_y <= ingeschreven**2
    i, j = i[binnen], j[binnen]
    weg = np.zeros(open_paar.shape, dtype=bool)
    np.logical_or.at(weg, j, open_paar[i])
    return weg
