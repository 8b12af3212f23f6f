"""Geography of places and neighbourhoods: WGS84 points and GeoJSON boundaries, distances
and "near me"."""

import math

from django.core.exceptions import ValidationError
from django.db.models import ExpressionWrapper, F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils.formats import number_format
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


def openbaar_punt(adres_openbaar: bool, latitude, longitude) -> tuple[float, float] | None:
    """The point a public channel (API, GeoJSON, map, feed) may show for a place: its exact
    coordinates only when its full address is public, else none. For rows read with
    `.values()` as well as for instances (Locatie.openbare_coordinaten)."""
    if not adres_openbaar or latitude is None or longitude is None:
        return None
    return (latitude, longitude)


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


def distance_expression(lat: float, lon: float, via: str = "") -> ExpressionWrapper:
    """The haversine distance in metres from (lat, lon) to a row's latitude and longitude,
    as an SQL expression (SQLite gets the math functions from Django); `via` is the relation
    path to the place ("locatie__" from an activity)."""
    phi, lam = math.radians(lat), math.radians(lon)
    row_phi = Radians(F(f"{via}latitude"))
    row_lam = Radians(F(f"{via}longitude"))
    a = Power(Sin((row_phi - Value(phi)) / 2), 2) + Value(math.cos(phi)) * Cos(row_phi) * Power(
        Sin((row_lam - Value(lam)) / 2), 2
    )
    return ExpressionWrapper(Value(2 * EARTH_RADIUS_M) * ASin(Sqrt(a)), output_field=FloatField())


def nearest(queryset, *, lat: float, lon: float, offset: int = 0, limit: int = 20, total=None):
    """The Locaties of `queryset` nearest to (lat, lon), nearest first, places `offset` to
    `offset + limit` of that order, each with its distance in metres as `afstand_m`.

    A box on the indexed latitude/longitude columns narrows the rows before the exact
    distance is computed; when the circle inside a box holds too few places the box grows
    (SEARCH_RADII_M), and past the last one all places are sorted. `total`, the number of
    places in `queryset` when the caller knows it, lets small sets skip the boxes.
    Places without coordinates are left out.
    """
    if limit <= 0:
        return []
    needed = offset + limit
    located = queryset.filter(latitude__isnull=False, longitude__isnull=False).annotate(
        afstand_m=distance_expression(lat, lon)
    )
    ordering = ("afstand_m", "naam", "pk")
    radii = SEARCH_RADII_M if total is None or total > SORT_ALL_BELOW else ()
    for radius in radii:
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
        in_box = located.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        ).order_by(*ordering)
        rows = list(in_box[offset:needed])
        # Every place within `radius` lies in the box. So when the last row asked for is
        # within `radius`, every place nearer than it was in the box too, and the rows are
        # exactly that page of the complete order.
        if len(rows) == limit and rows[-1].afstand_m <= radius:
            return rows
    return list(located.order_by(*ordering)[offset:needed])


class ByDistance:
    """The places of `queryset` in order of distance from (lat, lon), as a sequence that
    Django's Paginator can page through: each page is one `nearest` call."""

    def __init__(self, queryset, *, lat: float, lon: float):
        self.queryset = queryset
        self.lat = lat
        self.lon = lon
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("ByDistance supports plain slices only")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        return nearest(
            self.queryset,
            lat=self.lat,
            lon=self.lon,
            offset=start,
            limit=max(0, stop - start),
            total=self.count(),
        )


def format_distance(meters: float) -> str:
    """'350 m' below a kilometre (to 10 m), '1,2 km' below 10 km, '12 km' beyond; the
    decimal separator follows the active language."""
    if meters < 995:
        return _("%(afstand)s m") % {"afstand": max(10, round(meters / 10) * 10)}
    kilometres = meters / 1000
    decimals = 1 if kilometres < 9.95 else 0
    rounded = round(kilometres, decimals)
    return _("%(afstand)s km") % {"afstand": number_format(rounded, decimal_pos=decimals)}


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
