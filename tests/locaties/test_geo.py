import pytest
from django.core.exceptions import ValidationError

from locaties.geo import boundary_shape

# A rectangle around the centre of Apeldoorn, as GeoJSON (longitude, latitude).
APELDOORN_RING = [[5.95, 52.20], [6.00, 52.20], [6.00, 52.23], [5.95, 52.23], [5.95, 52.20]]
APELDOORN = {"type": "Polygon", "coordinates": [APELDOORN_RING]}


def test_wgs84_polygon_in_the_netherlands_is_accepted():
    shape = boundary_shape(APELDOORN)

    assert shape.geom_type == "Polygon"
    assert shape.bounds == (5.95, 52.20, 6.00, 52.23)


def test_multipolygon_is_accepted():
    ring = [[6.01, 52.20], [6.02, 52.20], [6.02, 52.21], [6.01, 52.20]]
    grens = {"type": "MultiPolygon", "coordinates": [[APELDOORN_RING], [ring]]}

    assert boundary_shape(grens).geom_type == "MultiPolygon"


def test_feature_wrapping_a_polygon_is_accepted():
    feature = {"type": "Feature", "properties": {"buurtcode": "BU02000101"}, "geometry": APELDOORN}

    assert boundary_shape(feature).geom_type == "Polygon"


def test_rd_new_coordinates_are_refused_with_a_hint_to_reproject():
    ring = [[190000, 465000], [195000, 465000], [195000, 470000], [190000, 470000]]
    grens = {"type": "Polygon", "coordinates": [ring + [ring[0]]]}

    with pytest.raises(ValidationError) as excinfo:
        boundary_shape(grens)

    assert "RD New" in excinfo.value.messages[0]


def test_polygon_with_latitude_and_longitude_swapped_is_refused():
    swapped = [[lat, lon] for lon, lat in APELDOORN_RING]

    with pytest.raises(ValidationError):
        boundary_shape({"type": "Polygon", "coordinates": [swapped]})


def test_self_intersecting_polygon_is_refused():
    bow_tie = [[5.95, 52.20], [6.00, 52.23], [6.00, 52.20], [5.95, 52.23], [5.95, 52.20]]

    with pytest.raises(ValidationError) as excinfo:
        boundary_shape({"type": "Polygon", "coordinates": [bow_tie]})

    assert "snijdt zichzelf" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "grens",
    [
        {"type": "Point", "coordinates": [5.97, 52.21]},
        {"type": "LineString", "coordinates": APELDOORN_RING},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.97, 52.21]}},
        {"type": "Feature", "geometry": None},
        {"coordinates": [APELDOORN_RING]},
    ],
)
def test_geometry_that_is_not_an_area_is_refused(grens):
    with pytest.raises(ValidationError) as excinfo:
        boundary_shape(grens)

    assert "Polygon of MultiPolygon" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "coordinates",
    [
        [[[5.95, 52.20], [6.00, 52.20]]],  # too few points for a ring
        "5.95 52.20",
        [[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]],
    ],
)
def test_polygon_with_broken_coordinates_is_refused(coordinates):
    with pytest.raises(ValidationError):
        boundary_shape({"type": "Polygon", "coordinates": coordinates})


@pytest.mark.parametrize("grens", ["POLYGON((5.95 52.20, 6 52.2, 6 52.23, 5.95 52.2))", [1, 2]])
def test_boundary_that_is_not_a_geojson_object_is_refused(grens):
    with pytest.raises(ValidationError):
        boundary_shape(grens)


def test_feature_whose_geometry_is_not_an_object_is_refused():
    with pytest.raises(ValidationError):
        boundary_shape({"type": "Feature", "geometry": [5.97, 52.21]})


def test_a_place_whose_address_is_not_public_gives_no_public_coordinates(db):
    from tests.factories import LocatieFactory

    open_place = LocatieFactory.build(latitude=52.2, longitude=5.9, adres_openbaar=True)
    hidden = LocatieFactory.build(latitude=52.2, longitude=5.9, adres_openbaar=False)
    unplaced = LocatieFactory.build(latitude=None, longitude=None, adres_openbaar=True)
    assert open_place.openbare_coordinaten() == (52.2, 5.9)
    assert hidden.openbare_coordinaten() is None
    assert unplaced.openbare_coordinaten() is None
