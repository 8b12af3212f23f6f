"""Geography of places and neighbourhoods: WGS84 points and GeoJSON boundaries, distances
and "near me"."""

import math
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

import shapely
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import F, FloatField, Func, Value
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from shapely import geometry as shapely_geometry
from shapely.errors import GEOSException

from locaties.validators import (
    NEDERLAND_LAT,
    NEDERLAND_LON,
    validate_latitude,
    validate_longitude,
)

BOUNDARY_TYPES = ("Polygon", "MultiPolygon")


def boundary_shape(grens: dict):
    """The shapely geometry of a GeoJSON boundary, or ValidationError saying what is wrong.

    Accepts a bare geometry or a Feature wrapping one. Coordinates must be WGS84 degrees
    inside the Netherlands: RD New metres belong to the import, which reprojects them first.
    """
    if not isinstance(grens, dict):
        raise ValidationError(_("De grens moet een GeoJSON-object zijn."), code="grens")
    if grens.get("type") == "Feature":
        grens = grens.get("geometry")
        if not isinstance(grens, dict):
            grens = {}
    if grens.get("type") not in BOUNDARY_TYPES:
        raise ValidationError(
            _("De grens moet een GeoJSON Polygon of MultiPolygon zijn, niet %(type)s.")
            % {"type": grens.get("type") or _("iets zonder type")},
            code="grens",
        )
    try:
        shape = shapely_geometry.shape(grens)
    except (GEOSException, ValueError, TypeError, IndexError, AttributeError, KeyError):
        raise ValidationError(
            _("De coördinaten van de grens vormen geen geldige vlakken."), code="grens"
        ) from None
    if shape.is_empty or not shape.is_valid:
        raise ValidationError(
            _("De grens is leeg of snijdt zichzelf; controleer het bestand."), code="grens"
        )
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    if not (
        NEDERLAND_LAT[0] <= min_lat <= max_lat <= NEDERLAND_LAT[1]
        and NEDERLAND_LON[0] <= min_lon <= max_lon <= NEDERLAND_LON[1]
    ):
        raise ValidationError(
            _(
                "De grens ligt niet in Nederland in WGS84-graden (lengtegraad, breedtegraad). "
                "Is het bestand in RD New (meters)? Dan moet het eerst worden omgerekend."
            ),
            code="grens",
        )
    return shape


# "Near me": great-circle distances on a sphere of the Earth's mean radius (IUGG), which is
# within 0.5 % of the ellipsoid everywhere in the Netherlands.
EARTH_RADIUS_M = 6_371_008.8

# Half-widths of the boxes tried in turn for "near me". The first box whose circle holds
# enough places answers; past the last one every place is sorted. Four times wider each
# step keeps the number of queries small in sparse data and the rows read small in dense data.
SEARCH_RADII_M = (2_000, 8_000, 32_000, 128_000)

# With this many places or fewer, sorting them all costs less than trying boxes.
SORT_ALL_BELOW = 200


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of the smallest latitude/longitude box holding
    every point within `radius_m` of (lat, lon) (J. P. Matuschek, "Finding points within a
    distance of a latitude/longitude using bounding coordinates")."""
    angle = radius_m / EARTH_RADIUS_M
    dlat = math.degrees(angle)
    cos_lat = math.cos(math.radians(lat))
    ratio = math.sin(angle) / cos_lat if cos_lat > 0 else 2.0
    dlon = math.degrees(math.asin(ratio)) if ratio < 1 else 180.0
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


class Haversine(Func):
    """The haversine distance in metres from (lat, lon) to a row's latitude and longitude, as
    one SQL expression node (SQLite gets the math functions from Django): one node rather
    than a tree of Django functions, because the place list builds it on every request."""

    output_field = FloatField()

    def __init__(self, lat: float, lon: float, via: str = ""):
        super().__init__(F(f"{via}latitude"), F(f"{via}longitude"))
        phi = math.radians(lat)
        self.constants = (phi, math.radians(lon), math.cos(phi))

    def as_sql(self, compiler, connection, **extra_context):
        (lat, lat_params), (lon, lon_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        phi, lam, cos_phi = self.constants
        sql = (
            f"(%s * ASIN(SQRT(POWER(SIN((RADIANS({lat}) - %s) / 2), 2) + %s * "
            f"COS(RADIANS({lat})) * POWER(SIN((RADIANS({lon}) - %s) / 2), 2))))"
        )
        return sql, (
            2 * EARTH_RADIUS_M,
            *lat_params,
            phi,
            cos_phi,
            *lat_params,
            *lon_params,
            lam,
        )


def distance_expression(lat: float, lon: float, via: str = "") -> Haversine:
    """The haversine distance in metres from (lat, lon) to a row's latitude and longitude,
    as an SQL expression; `via` is the relation path to the place ("locatie__" from an
    activity)."""
    return Haversine(lat, lon, via)


# On PostgreSQL "near me" walks a GiST index instead of boxes: each public place's point as
# a unit vector in a `cube` (the contrib extension; migration locaties/0012 makes the index).
# The straight line through the Earth between two points grows with the great-circle distance,
# so the index's nearest-neighbour order (`<->`) is the order of the exact distance; the
# exact haversine distance is then computed for the rows fetched only. Not earthdistance's
# ll_to_earth: an index on it cannot be restored by pg_restore on PostgreSQL 15 (its SQL body
# names `earth` unqualified), while `cube(float8[])` is a C function that restores anywhere.
KNN_INDEX = "locatie_openbaar_knn_idx"
# Rows read past the last one asked for: one tells whether the page ends in a tie (places at
# the same distance, say in one building), when the name decides and the boxes answer.
KNN_SPARE = 1
# Distances closer than this count as equal when deciding whether the rows read were enough.
KNN_TOLERANCE_M = 0.01


class UnitVector(Func):
    """A latitude and longitude (degrees) as the unit vector of that point on the sphere, a
    PostgreSQL `cube`: the expression of the index KNN_INDEX, written the same for a row
    (F("latitude"), F("longitude")) and for the search point (Value(lat), Value(lon))."""

    output_field = FloatField()  # never read: only ordered by, through KnnDistance

    def __init__(self, latitude, longitude):
        super().__init__(latitude, longitude)

    def as_sql(self, compiler, connection, **extra_context):
        (lat, lat_params), (lon, lon_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = (
            f"cube(ARRAY[cos(radians({lat})) * cos(radians({lon})), "
            f"cos(radians({lat})) * sin(radians({lon})), sin(radians({lat}))])"
        )
        return sql, (*lat_params, *lon_params, *lat_params, *lon_params, *lat_params)


class KnnDistance(Func):
    """The straight-line distance on the unit sphere from a row's point to (lat, lon), by
    cube's `<->`, which the GiST index KNN_INDEX answers in order (PostgreSQL only)."""

    arg_joiner = " <-> "
    template = "(%(expressions)s)"
    output_field = FloatField()

    def __init__(self, lat: float, lon: float):
        super().__init__(
            UnitVector(F("latitude"), F("longitude")),
            UnitVector(Value(float(lat)), Value(float(lon))),
        )


def nearest(queryset, *, lat: float, lon: float, offset: int = 0, limit: int = 20, total=None):
    """The Locaties of `queryset` nearest to (lat, lon), nearest first, places `offset` to
    `offset + limit` of that order, each with its distance in metres as `afstand_m`.

    On PostgreSQL one query reads the nearest places from the GiST index (see UnitVector) and
    they are put in the exact order here. Elsewhere (and in the rare case that the rows read
    end in a tie) a box on the indexed latitude/longitude columns narrows the rows before the
    exact distance is computed; when the circle inside a box holds too few places the box
    grows (SEARCH_RADII_M), and past the last one all places are sorted. `total`, the number
    of places in `queryset` when the caller knows it, lets small sets skip both.
    Places without coordinates are left out.
    """
    if limit <= 0:
        return []
    needed = offset + limit
    located = queryset.filter(latitude__isnull=False, longitude__isnull=False).annotate(
        afstand_m=distance_expression(lat, lon)
    )
    ordering = ("afstand_m", "naam", "pk")
    small = total is not None and total <= SORT_ALL_BELOW
    if not small and connections[queryset.db].vendor == "postgresql":
        rows = _nearest_by_index(located, lat=lat, lon=lon, offset=offset, needed=needed)
        if rows is not None:
            return rows
    radii = () if small else SEARCH_RADII_M
    for radius in radii:
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        in_box = located.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        ).order_by(*ordering)
        rows = list(in_box[offset:needed])
        # Every place within `radius` lies in the box. So when the last row asked for is
        # within `radius`, every place nearer than it was in the box too, and the rows are
        # exactly that page of the complete order.
        if len(rows) == limit and _distance(rows[-1]) <= radius:
            return rows
    return list(located.order_by(*ordering)[offset:needed])


def _distance(row) -> float:
    return row["afstand_m"] if isinstance(row, dict) else row.afstand_m


def _key(row):
    if isinstance(row, dict):
        return row["afstand_m"], row["naam"], row["pk"] if "pk" in row else row["id"]
    return row.afstand_m, row.naam, row.pk


def _nearest_by_index(located, *, lat: float, lon: float, offset: int, needed: int):
    """Places `offset` to `needed` in exact order from the first `needed + KNN_SPARE` rows
    in the index's order, or None when those rows cannot tell (a tie across their edge)."""
    rows = list(located.order_by(KnnDistance(lat, lon))[: needed + KNN_SPARE])
    complete = len(rows) < needed + KNN_SPARE  # every located place was read
    rows.sort(key=_key)
    if complete:
        return rows[offset:needed]
    if len(rows) >= needed and (
        _distance(rows[needed - 1]) + KNN_TOLERANCE_M < _distance(rows[-1])
    ):
        # Every unread place lies at least as far as the farthest row read, so farther
        # than the last row asked for: the rows are exactly that page of the order.
        return rows[offset:needed]
    return None


class ByDistance:
    """The places of `queryset` that have coordinates, in order of distance from (lat, lon),
    as a sequence that Django's Paginator can page through: each page is one `nearest` call.
    `count`, when the caller knows it (from a cache: it does not depend on the point), saves
    counting them."""

    def __init__(self, queryset, *, lat: float, lon: float, count: int | None = None):
        self.queryset = queryset
        self.lat = lat
        self.lon = lon
        self._count = count

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.filter(
                latitude__isnull=False, longitude__isnull=False
            ).count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("ByDistance supports plain slices only")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        # Read when the page's places are first looked at, as a QuerySet's slice is: a page
        # whose cards come from the cache never reads them. Rows of a `.values()` queryset
        # (cheaper to read than model instances) come as objects with those attributes.
        return LazyRows(
            lambda: [
                SimpleNamespace(**row) if isinstance(row, dict) else row
                for row in nearest(
                    self.queryset,
                    lat=self.lat,
                    lon=self.lon,
                    offset=start,
                    limit=max(0, stop - start),
                    total=self.count(),
                )
            ]
        )


class LazyRows(Sequence):
    """The list `fetch()` returns, fetched on first use."""

    def __init__(self, fetch):
        self._fetch = fetch
        self._rows = None

    def _all(self) -> list:
        if self._rows is None:
            self._rows = self._fetch()
        return self._rows

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())


def format_distance(meters: float) -> str:
    """'350 m' below a kilometre (to 10 m), '1,2 km' below 10 km, '12 km' beyond; the
    decimal separator follows the active language."""
    return distance_words()(meters)


def distance_words():
    """`format_distance` in the active language, its words and separator looked up once: for
    a page that writes twenty distances."""
    metres, kilometres = _("%(afstand)s m"), _("%(afstand)s km")
    separator = get_format("DECIMAL_SEPARATOR")

    def words(meters: float) -> str:
        if meters < 995:
            return metres % {"afstand": max(10, round(meters / 10) * 10)}
        km = meters / 1000
        number = f"{km:.1f}".replace(".", separator) if km < 9.95 else f"{round(km)}"
        return kilometres % {"afstand": number}

    return words


def parse_point(lat, lon) -> tuple[float, float]:
    """(latitude, longitude) from two request values, or ValidationError in words a resident
    understands: not numbers, not both given, or not in the Netherlands."""
    lat, lon = (lat or "").strip(), (lon or "").strip()
    if not lat or not lon:
        raise ValidationError(
            _("Er is maar één coördinaat doorgegeven; er zijn er twee nodig."), code="point"
        )
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        raise ValidationError(
            _("De doorgegeven locatie bestaat niet uit twee getallen."), code="point"
        ) from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ValidationError(_("De doorgegeven locatie is geen plek op aarde."), code="point")
    try:
        validate_latitude(latitude)
        validate_longitude(longitude)
    except ValidationError:
        raise ValidationError(
            _(
                "De doorgegeven locatie ligt niet in Nederland; dit register kent alleen "
                "plekken in Nederland."
            ),
            code="point",
        ) from None
    return latitude, longitude


# Where residents may see a place on a map, in feeds and in linked data ----------------------

# The centre of a buurt or wijk is given at 3 decimals (about 100 m): it says "in this
# neighbourhood", not where the door is.
CENTRE_DECIMALS = 3


@dataclass(frozen=True)
class PublicPoint:
    latitude: float
    longitude: float
    exact: bool  # the place's own point; False: the rounded centre of its buurt or wijk


def neighbourhood_centres(wijk_ids) -> dict[int, tuple[float, float]]:
    """{wijk or buurt id: (lat, lon)} of the centres of those with a valid boundary, rounded
    to CENTRE_DECIMALS; one query."""
    ids = {pk for pk in wijk_ids if pk is not None}
    if not ids:
        return {}
    Wijk = apps.get_model("locaties", "Wijk")
    centres = {}
    for pk, grens in Wijk.objects.filter(pk__in=ids, grens__isnull=False).values_list(
        "pk", "grens"
    ):
        try:
            shape = boundary_shape(grens)
        except ValidationError:
            continue
        centre = shape.centroid
        if not shape.contains(centre):  # a crescent's centroid lies outside it
            centre = shape.representative_point()
        centres[pk] = (round(centre.y, CENTRE_DECIMALS), round(centre.x, CENTRE_DECIMALS))
    return centres


def public_points(locaties) -> dict[int, PublicPoint | None]:
    """{locatie id: the point residents may see, or None}, for every public channel (map,
    place page, JSON-LD, iCalendar feeds, API): a place whose address is public shows its own
    point; one whose address is not (adres_openbaar off) never does: it shows the rounded
    centre of its buurt, else of its wijk, else nothing. At most one query, for the latter.

    `locaties` are instances, or `.values()` rows with the keys id, adres_openbaar, latitude,
    longitude, buurt_id and wijk_id (the streamed GeoJSON of the API)."""
    places = [
        (
            _PlacePosition(**{name: row[name] for name in _PlacePosition._fields})
            if isinstance(row, dict)
            else _PlacePosition(
                row.pk, row.adres_openbaar, row.latitude, row.longitude, row.buurt_id, row.wijk_id
            )
        )
        for row in locaties
    ]
    hidden = [place for place in places if not place.adres_openbaar]
    centres = neighbourhood_centres(
        {place.buurt_id for place in hidden} | {place.wijk_id for place in hidden}
    )
    points = {}
    for place in places:
        if place.adres_openbaar:
            exact = place.latitude is not None and place.longitude is not None
            points[place.id] = (
                PublicPoint(place.latitude, place.longitude, exact=True) if exact else None
            )
            continue
        centre = centres.get(place.buurt_id) or centres.get(place.wijk_id)
        points[place.id] = PublicPoint(*centre, exact=False) if centre else None
    return points


class _PlacePosition(NamedTuple):
    id: int
    adres_openbaar: bool
    latitude: float | None
    longitude: float | None
    buurt_id: int | None
    wijk_id: int | None


def public_point(locatie) -> PublicPoint | None:
    """The point residents may see of one place; see public_points."""
    return public_points([locatie])[locatie.pk]


# Repairing self-intersecting boundaries within bounds ---------------------------------------


class RepairTooCostly(Exception):
    """make_valid did not finish within its time or memory."""


def _make_valid_in_child(connection, wkbs: list[bytes], memory_bytes: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    repaired = shapely.make_valid(shapely.from_wkb(wkbs))
    connection.send(list(shapely.to_wkb(repaired)))
    connection.close()


def make_valid_within(shapes, *, seconds: float, memory_bytes: int) -> list:
    """shapely.make_valid of `shapes`, in a separate process that is stopped after `seconds`
    or when it needs more than `memory_bytes`: a crafted boundary of a few hundred crossing
    edges can keep GEOS busy for minutes, and that cannot be interrupted in this process.
    Raises RepairTooCostly. The child is spawned fresh and imports this module only (no
    Django set-up, no inherited database connection)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_make_valid_in_child,
        args=(sender, list(shapely.to_wkb(shapes)), memory_bytes),
        daemon=True,
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise RepairTooCostly
        result = receiver.recv()
    except (EOFError, OSError):  # the child died: out of memory
        raise RepairTooCostly from None
    finally:
        process.kill()
        process.join()
        receiver.close()
    return list(shapely.from_wkb(result))
