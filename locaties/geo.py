"""Geography of places and neighbourhoods: WGS84 points and GeoJSON boundaries."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely import geometry as shapely_geometry
from shapely.errors import GEOSException

from locaties.validators import NEDERLAND_LAT, NEDERLAND_LON

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
