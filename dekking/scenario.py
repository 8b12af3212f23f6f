"""What if: the coverage of a gemeente's buurten with places added (a concept place, one waiting
for review, or a point on the map) or taken away, next to the coverage now. Nothing is saved.

"Within reach" is the dashboard's figure (dekking/dekking.py): the share of a buurt's area
within the walking distance of a published place (residents spread evenly), weighted by
residents over a wijk or the gemeente. The scenario takes the same published places, drops
those taken away, and adds the others' points. Residents 65+ gained (or lost) in a buurt:
inwoners 65+ × (share after − share before).
"""

from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db.models import BooleanField, ExpressionWrapper, Q

from dekking.dekking import (
    DEKKING_MARGE_M,
    GEBIED_VELDEN,
    STANDAARD_STRAAL,
    _aandeel_binnen,
    _eenheden,
    _grenzen,
    kaartgrenzen,
    met_grenstekst,
)
from kern import projections
from locaties import geo
from locaties.models import Locatie, LocatieQuerySet, Wijk

# No more points of one's own than this in one scenario: enough to compare a few sites.
MAX_PUNTEN = 10


@dataclass
class Verschil:
    """An area's share within reach now and in the scenario (None without known residents or
    boundary), and the residents 65+ gained (negative: lost)."""

    code: str
    naam: str
    wijk_naam: str
    inwoners: int | None
    inwoners_65_plus: float | None
    nu: float | None
    straks: float | None
    ouderen_erbij: float | None

    @property
    def verschil(self) -> float | None:
        if self.nu is None or self.straks is None:
            return None
        return self.straks - self.nu


@dataclass
class Scenario:
    straal: int
    buurten: list[Verschil]
    wijken: list[Verschil]
    totaal: Verschil
    erbij: int  # places and points added
    eraf: int  # places taken away
    # The buurten's boundaries in RD New, in the order of `buurten`, for kaartgrenzen().
    grenzen_rd: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))

    def kaartbuurten(self) -> list[tuple[str, str, dict]]:
        """(code, naam, GeoJSON geometry) of each buurt with a boundary, for the map."""
        grenzen = kaartgrenzen([b.code for b in self.buurten], self.grenzen_rd)
        return [(b.code, b.naam, grenzen[b.code]) for b in self.buurten if b.code in grenzen]

    @property
    def veranderd(self) -> list[Verschil]:
        """The buurten whose share changes by 0.05 percentage point or more, the most
        residents 65+ gained (or lost) first."""
        return sorted(
            (b for b in self.buurten if b.verschil is not None and abs(b.verschil) >= 0.0005),
            key=lambda b: -abs(b.ouderen_erbij or 0),
        )


def wat_als(
    gemeente,
    *,
    straal: int = STANDAARD_STRAAL,
    erbij: list[int] = (),
    punten: list[tuple[float, float]] = (),
    eraf: list[int] = (),
) -> Scenario:
    """The coverage of `gemeente` with the places `erbij` (primary keys; any status) and the
    points `punten` ((latitude, longitude)) added and the published places `eraf` taken away.
    Two queries: the wijken and buurten, and the places."""
    gebieden = list(
        met_grenstekst(Wijk.objects.filter(gemeente=gemeente)).values_list(*GEBIED_VELDEN)
    )
    return bereken_scenario(
        gemeente,
        gebieden=gebieden,
        eigen_plekken=Q(gemeente=gemeente),
        straal=straal,
        erbij=erbij,
        punten=punten,
        eraf=eraf,
    )


def kaartbuurten(gemeente) -> list[tuple[str, str, dict]]:
    """(code, naam, GeoJSON geometry) of the gemeente's buurten (and wijken without buurten)
    with a boundary, for the what-if page's map before anything is computed. One query."""
    gebieden = list(
        met_grenstekst(Wijk.objects.filter(gemeente=gemeente)).values_list(*GEBIED_VELDEN)
    )
    _wijk_rijen, eenheden = _eenheden(gebieden)
    grenzen = kaartgrenzen(
        [row[1] for row in eenheden], projections.to_rd(_grenzen([row[5] for row in eenheden]))
    )
    return [(row[1], row[2], grenzen[row[1]]) for row in eenheden if row[1] in grenzen]


def bereken_scenario(
    gemeente,
    *,
    gebieden: list[tuple],
    eigen_plekken: Q,
    straal: int,
    erbij: list[int] = (),
    punten: list[tuple[float, float]] = (),
    eraf: list[int] = (),
) -> Scenario:
    """The scenario for the wijken and buurten in `gebieden` (tuples of GEBIED_VELDEN); split
    from `wat_als` so that the benchmark can compute a whole country in one go. One query."""
    wijk_rijen, eenheden = _eenheden(gebieden)
    grenzen_wgs = _grenzen([row[5] for row in eenheden])
    heeft_grens = ~shapely.is_missing(grenzen_wgs)
    inwoners = np.array([np.nan if r[6] is None else r[6] for r in eenheden], dtype=float)
    aandeel_65 = np.array([np.nan if r[7] is None else r[7] for r in eenheden], dtype=float)
    ouderen = inwoners * aandeel_65 / 100.0

    filter_ = Q(pk__in=list(erbij)) | LocatieQuerySet.openbaar_q() & eigen_plekken
    if heeft_grens.any():
        min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(grenzen_wgs[heeft_grens])
        marge = DEKKING_MARGE_M * 1.01
        south, _north, west, _east = geo.bounding_box(min_lat, min_lon, marge)
        _south, north, _west, east = geo.bounding_box(max_lat, max_lon, marge)
        filter_ |= LocatieQuerySet.openbaar_q() & Q(
            latitude__range=(south, north), longitude__range=(west, east)
        )
    rijen = list(
        Locatie.objects.filter(filter_, latitude__isnull=False, longitude__isnull=False)
        .annotate(
            openbaar=ExpressionWrapper(LocatieQuerySet.openbaar_q(), output_field=BooleanField())
        )
        .order_by("pk")
        .values_list("pk", "latitude", "longitude", "openbaar")
    )
    erbij_set, eraf_set = set(erbij), set(eraf)
    nu_idx = [i for i, r in enumerate(rijen) if r[3]]
    straks_idx = [
        i for i, r in enumerate(rijen) if (r[3] and r[0] not in eraf_set) or r[0] in erbij_set
    ]
    lon = [r[2] for r in rijen] + [p[1] for p in punten]
    lat = [r[1] for r in rijen] + [p[0] for p in punten]
    alle = projections.to_rd(shapely.points(lon, lat)) if lon else np.empty(0, dtype=object)
    eigen = list(range(len(rijen), len(rijen) + len(punten)))

    grenzen_rd = projections.to_rd(grenzen_wgs)
    oppervlak = shapely.area(grenzen_rd)
    zonder = (inwoners == 0) | ~heeft_grens
    nu = _aandeel_binnen(grenzen_rd, oppervlak, alle[nu_idx], straal)
    # Only the buurten within reach of a place added or taken away can change: the others
    # keep their share, and only the changed ones are computed again.
    veranderd_idx = sorted(set(nu_idx) ^ set(straks_idx)) + eigen
    straks = nu.copy()
    if veranderd_idx:
        geraakt = np.unique(
            shapely.STRtree(grenzen_rd).query(
                alle[veranderd_idx], predicate="dwithin", distance=straal
            )[1]
        )
        if len(geraakt):
            straks[geraakt] = _aandeel_binnen(
                grenzen_rd[geraakt], oppervlak[geraakt], alle[straks_idx + eigen], straal
            )
    nu[zonder] = np.nan
    straks[zonder] = np.nan

    wijk_pk = [row[4] if row[3] == "buurt" else row[0] for row in eenheden]
    buurten = [
        Verschil(
            code=row[1],
            naam=row[2],
            wijk_naam=wijk_rijen[wpk][2],
            inwoners=row[6],
            inwoners_65_plus=_getal(ouderen[i]),
            nu=_getal(nu[i]),
            straks=_getal(straks[i]),
            ouderen_erbij=_getal(ouderen[i] * (straks[i] - nu[i])),
        )
        for i, (row, wpk) in enumerate(zip(eenheden, wijk_pk, strict=True))
    ]
    wijk_volgorde = sorted(set(wijk_pk), key=lambda pk: wijk_rijen[pk][1])
    wijk_index = {pk: i for i, pk in enumerate(wijk_volgorde)}
    groep = np.array([wijk_index[pk] for pk in wijk_pk], dtype=np.int64)
    wijken = _groepen(
        groep,
        [(wijk_rijen[pk][1], wijk_rijen[pk][2]) for pk in wijk_volgorde],
        inwoners,
        ouderen,
        nu,
        straks,
    )
    (totaal,) = _groepen(
        np.zeros(len(eenheden), dtype=np.int64),
        [(getattr(gemeente, "cbs_code", ""), str(gemeente))],
        inwoners,
        ouderen,
        nu,
        straks,
    )
    return Scenario(
        straal=straal,
        buurten=buurten,
        wijken=wijken,
        totaal=totaal,
        erbij=len(erbij_set) + len(punten),
        eraf=len(eraf_set),
        grenzen_rd=grenzen_rd,
    )


def _getal(waarde) -> float | None:
    return None if np.isnan(waarde) else float(waarde)


def _groepen(groep, namen, inwoners, ouderen, nu, straks) -> list[Verschil]:
    """Shares weighted by residents over the buurten where both are known; 65+ gained summed
    over the buurten where it is known."""
    aantal = len(namen)
    gewicht = np.nan_to_num(inwoners)
    bekend = ~np.isnan(inwoners) & (gewicht > 0) & ~np.isnan(nu)

    def gewogen(aandeel):
        noemer = np.bincount(groep[bekend], weights=gewicht[bekend], minlength=aantal)
        teller = np.bincount(groep[bekend], weights=(gewicht * aandeel)[bekend], minlength=aantal)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(noemer > 0, teller / noemer, np.nan)

    # Once for all groups, not once per group (3 300 wijken nationally).
    nu_gewogen, straks_gewogen = gewogen(nu), gewogen(straks)

    erbij = ouderen * (straks - nu)
    met_65 = ~np.isnan(erbij)
    som_erbij = np.bincount(groep[met_65], weights=erbij[met_65], minlength=aantal)
    heeft_65 = np.bincount(groep[met_65], minlength=aantal) > 0
    met_inwoners = np.bincount(
        groep, weights=(~np.isnan(inwoners)).astype(float), minlength=aantal
    )
    som_inwoners = np.bincount(groep, weights=gewicht, minlength=aantal)
    som_ouderen = np.bincount(groep, weights=np.nan_to_num(ouderen), minlength=aantal)
    return [
        Verschil(
            code=code,
            naam=naam,
            wijk_naam="",
            inwoners=round(som_inwoners[g]) if met_inwoners[g] else None,
            inwoners_65_plus=float(som_ouderen[g]) if heeft_65[g] else None,
            nu=_getal(nu_gewogen[g]),
            straks=_getal(straks_gewogen[g]),
            ouderen_erbij=float(som_erbij[g]) if heeft_65[g] else None,
        )
        for g, (code, naam) in enumerate(namen)
    ]
