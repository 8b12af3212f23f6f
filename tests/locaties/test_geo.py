import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from locaties.constants import LocatieStatus
from locaties.geo import PublicPoint, boundary_shape, public_point, public_points
from locaties.models import Locatie, Wijk
from tests.factories import BuurtFactory, LocatieFactory

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


# What residents may see of a place's position (geo.public_points) --------------------------

# A buurt of about 1.4 by 1.1 km in Apeldoorn; its centre is (52.216, 5.971).
BUURT_GRENS = {
    "type": "Polygon",
    "coordinates": [[[5.961, 52.211], [5.981, 52.211], [5.981, 52.221], [5.961, 52.221]]],
}


@pytest.fixture
def verborgen_plek(db):
    """A published place inside a wijk with a buurt, whose address is not public."""
    buurt = BuurtFactory(grens=BUURT_GRENS, wijk__grens=None)
    return LocatieFactory(
        naam="Huiskamer in het complex",
        gemeente=buurt.gemeente,
        wijk=buurt.wijk,
        buurt=buurt,
        latitude=52.2123456,
        longitude=5.9712345,
        adres_openbaar=False,
        status=LocatieStatus.GEPUBLICEERD,
    )


def test_a_place_with_a_public_address_shows_its_own_point(db):
    locatie = LocatieFactory(latitude=52.2123456, longitude=5.9712345)
    assert public_point(locatie) == PublicPoint(52.2123456, 5.9712345, exact=True)


def test_a_place_with_a_hidden_address_shows_the_rounded_centre_of_its_buurt(verborgen_plek):
    assert public_point(verborgen_plek) == PublicPoint(52.216, 5.971, exact=False)


def test_without_a_buurt_boundary_the_wijk_centre_is_used_and_else_no_point(verborgen_plek):
    Wijk.objects.filter(pk=verborgen_plek.buurt_id).update(grens=None)
    assert public_point(verborgen_plek) is None

    Wijk.objects.filter(pk=verborgen_plek.wijk_id).update(grens=BUURT_GRENS)
    assert public_point(verborgen_plek) == PublicPoint(52.216, 5.971, exact=False)


def test_public_points_of_many_places_cost_one_query(verborgen_plek, django_assert_num_queries):
    others = [
        LocatieFactory(wijk=verborgen_plek.wijk, buurt=verborgen_plek.buurt, adres_openbaar=False)
        for _ in range(3)
    ]
    with django_assert_num_queries(1):
        points = public_points([verborgen_plek, *others, LocatieFactory.build(pk=999)])
    assert len(points) == 5


def test_every_public_channel_withholds_the_exact_point_of_a_hidden_address(
    client, verborgen_plek
):
    """The map data, the place page with its JSON-LD and the open data API (GeoJSON and HSDS)
    show the same rounded buurt centre, never the stored point (the feeds:
    tests/activiteiten/test_feeds.py)."""
    from tests.factories import ActiviteitFactory

    activiteit = ActiviteitFactory(locatie=verborgen_plek)
    exact = ("52.2123456", "5.9712345", "52.212346", "5.971234", "5.971235")

    kaart = client.get("/locaties/kaart.geojson").json()
    [feature] = kaart["features"]
    assert feature["geometry"]["coordinates"] == [5.971, 52.216]
    assert feature["properties"]["exact"] is False

    page = client.get(reverse("publiek:locatie", args=[verborgen_plek.slug])).text
    assert not any(value in page for value in exact)
    assert '"latitude": 52.216' in page
    assert "openstreetmap.org/directions" not in page and "data-lat" not in page

    open_data = client.get("/api/v1/locaties.geojson")
    [feature] = json.loads(b"".join(open_data.streaming_content))["features"]
    assert feature["geometry"]["coordinates"] == [5.971, 52.216]
    hsds = client.get(f"/api/v1/hsds/service_at_locations/{activiteit.uuid}").text
    assert not any(value in hsds for value in exact)
    assert '"latitude":52.216' in hsds.replace(" ", "")


def test_values_rows_get_the_same_public_point_as_instances(verborgen_plek):
    """The API streams its GeoJSON from `.values()` rows; the rule is the same one."""
    open_place = LocatieFactory(latitude=52.2, longitude=5.9, gemeente=verborgen_plek.gemeente)
    fields = ("id", "adres_openbaar", "latitude", "longitude", "buurt_id", "wijk_id")
    rows = list(Locatie.objects.filter(pk__in=[open_place.pk, verborgen_plek.pk]).values(*fields))

    assert public_points(rows) == public_points([open_place, verborgen_plek])
    assert public_points(rows)[open_place.pk] == PublicPoint(52.2, 5.9, exact=True)
    assert public_points(rows)[verborgen_plek.pk].exact is False


def test_the_map_data_around_a_point_shows_a_hidden_address_at_its_buurt_centre(
    client, verborgen_plek
):
    LocatieFactory(naam="Open huis", latitude=52.22, longitude=5.98, gepubliceerd=True)

    response = client.get("/locaties/kaart.geojson", {"lat": "52.2124", "lon": "5.9713"})

    features = {f["properties"]["naam"]: f for f in response.json()["features"]}
    assert features["Huiskamer in het complex"]["geometry"]["coordinates"] == [5.971, 52.216]
    assert features["Huiskamer in het complex"]["properties"]["exact"] is False
    assert features["Open huis"]["geometry"]["coordinates"] == [5.98, 52.22]
    assert features["Open huis"]["properties"]["exact"] is True
    assert b"52.2123456" not in response.content and b"5.9712345" not in response.content
