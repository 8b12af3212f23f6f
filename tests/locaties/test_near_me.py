import math
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.utils import translation

from locaties import geo
from locaties.geo import (
    EARTH_RADIUS_M,
    ByDistance,
    bounding_box,
    distance_m,
    format_distance,
    nearest,
    parse_point,
)
from locaties.models import Locatie
from tests.factories import GemeenteFactory, LocatieFactory

APELDOORN = (52.211, 5.970)


def test_one_degree_of_latitude_is_a_180th_of_half_the_circumference():
    assert distance_m(52.0, 5.0, 53.0, 5.0) == pytest.approx(math.pi * EARTH_RADIUS_M / 180)


def test_distance_between_apeldoorn_and_zeist_is_about_52_km():
    assert distance_m(*APELDOORN, 52.091, 5.233) == pytest.approx(52_200, rel=0.01)


def test_the_bounding_box_holds_every_point_of_the_circle():
    lat, lon = APELDOORN
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, 10_000)
    for bearing in range(0, 360, 5):
        # The point 10 km away at this bearing (spherical destination formula), just inside.
        angle, theta, phi = 9_999 / EARTH_RADIUS_M, math.radians(bearing), math.radians(lat)
        phi2 = math.asin(
            math.sin(phi) * math.cos(angle) + math.cos(phi) * math.sin(angle) * math.cos(theta)
        )
        lam2 = math.radians(lon) + math.atan2(
            math.sin(theta) * math.sin(angle) * math.cos(phi),
            math.cos(angle) - math.sin(phi) * math.sin(phi2),
        )
        assert min_lat <= math.degrees(phi2) <= max_lat
        assert min_lon <= math.degrees(lam2) <= max_lon


@pytest.mark.parametrize(
    ("meters", "text"),
    [(0, "10 m"), (4, "10 m"), (346, "350 m"), (994, "990 m"), (996, "1,0 km"),
     (1234, "1,2 km"), (9_940, "9,9 km"), (12_345, "12 km")],
)  # fmt: skip
def test_distances_read_as_metres_or_kilometres_with_a_dutch_comma(meters, text):
    with translation.override("nl"):
        assert format_distance(meters) == text


def test_distances_in_english_have_a_decimal_point():
    with translation.override("en"):
        assert format_distance(1234) == "1.2 km"


def test_a_point_is_read_from_two_numbers_in_the_netherlands():
    assert parse_point(" 52.211 ", "5.97") == (52.211, 5.97)
    with pytest.raises(ValidationError):
        parse_point("5.97", "52.211")  # swapped: not in the Netherlands


def scattered_places(count: int, seed: int = 7) -> list[Locatie]:
    """`count` published places spread over the Netherlands, in bulk."""
    rng = random.Random(seed)
    gemeente = GemeenteFactory()
    places = [
        LocatieFactory.build(
            gemeente=gemeente,
            gepubliceerd=True,
            latitude=rng.uniform(51.3, 53.3),
            longitude=rng.uniform(3.8, 7.0),
        )
        for _ in range(count)
    ]
    return Locatie.objects.bulk_create(places)


@pytest.mark.django_db
@pytest.mark.parametrize("total", [None, 300])
def test_nearest_places_come_in_the_order_of_the_exact_distance(total):
    scattered_places(300)
    lat, lon = APELDOORN
    expected = sorted(
        Locatie.objects.all(),
        key=lambda place: (distance_m(lat, lon, place.latitude, place.longitude), place.naam),
    )

    found = nearest(Locatie.objects.all(), lat=lat, lon=lon, limit=20, total=total)

    assert [place.pk for place in found] == [place.pk for place in expected[:20]]
    assert found[0].afstand_m == pytest.approx(
        distance_m(lat, lon, found[0].latitude, found[0].longitude), rel=1e-9
    )


@pytest.mark.django_db
def test_a_later_page_of_nearest_places_continues_the_same_order():
    scattered_places(300)
    lat, lon = 52.0, 4.5
    everything = nearest(Locatie.objects.all(), lat=lat, lon=lon, limit=300)

    page_three = nearest(Locatie.objects.all(), lat=lat, lon=lon, offset=40, limit=20)

    assert [p.pk for p in page_three] == [p.pk for p in everything[40:60]]


@pytest.mark.django_db
def test_the_box_grows_until_it_holds_enough_places(django_assert_max_num_queries):
    gemeente = GemeenteFactory()
    far = LocatieFactory(gemeente=gemeente, latitude=53.2, longitude=6.5)  # Groningen
    near = LocatieFactory(gemeente=gemeente, latitude=52.212, longitude=5.971)
    # Enough places elsewhere that the boxes are tried rather than everything sorted.
    scattered_places(geo.SORT_ALL_BELOW + 1)

    with django_assert_max_num_queries(len(geo.SEARCH_RADII_M) + 1):
        found = nearest(
            Locatie.objects.filter(pk__in=[far.pk, near.pk]), lat=52.211, lon=5.970, limit=2
        )

    assert found == [near, far]
    assert found[1].afstand_m == pytest.approx(distance_m(52.211, 5.970, 53.2, 6.5))


@pytest.mark.django_db
def test_dense_places_are_answered_from_the_first_box_in_one_query(
    django_assert_num_queries,
):
    gemeente = GemeenteFactory()
    Locatie.objects.bulk_create(
        LocatieFactory.build(
            gemeente=gemeente, latitude=52.211 + n * 0.0001, longitude=5.970, gepubliceerd=True
        )
        for n in range(30)
    )

    with django_assert_num_queries(1):
        found = nearest(Locatie.objects.all(), lat=52.211, lon=5.970, limit=20)

    assert len(found) == 20


@pytest.mark.django_db
def test_places_without_coordinates_are_left_out():
    LocatieFactory(latitude=None, longitude=None)  # a concept not yet on the map
    with_point = LocatieFactory()

    assert nearest(Locatie.objects.all(), lat=52.2, lon=5.9, limit=5) == [with_point]


@pytest.mark.django_db
def test_by_distance_pages_through_django_s_paginator():
    scattered_places(45)
    results = ByDistance(Locatie.objects.all(), lat=52.2, lon=5.9)

    paginator = Paginator(results, 20)

    assert paginator.count == 45
    assert paginator.num_pages == 3
    distances = [p.afstand_m for n in (1, 2, 3) for p in paginator.page(n).object_list]
    assert len(distances) == 45
    assert distances == sorted(distances)


@pytest.mark.django_db
def test_places_at_one_point_across_the_edge_of_the_rows_read_keep_their_name_order():
    gemeente = GemeenteFactory()
    # More places in one building than the index read holds: they tie on distance, so the
    # name decides, and the rows read cannot tell which names come first.
    Locatie.objects.bulk_create(
        LocatieFactory.build(
            gemeente=gemeente,
            naam=f"Plek {n:02d}",
            latitude=52.211,
            longitude=5.970,
            gepubliceerd=True,
        )
        for n in reversed(range(20 + geo.KNN_SPARE + 5))
    )
    scattered_places(geo.SORT_ALL_BELOW + 1)

    found = nearest(Locatie.objects.openbaar(), lat=52.211, lon=5.970, limit=20)

    assert [place.naam for place in found] == [f"Plek {n:02d}" for n in range(20)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
@pytest.mark.django_db
def test_near_me_among_public_places_walks_the_nearest_neighbour_index():
    scattered_places(50)
    located = Locatie.objects.openbaar().filter(latitude__isnull=False, longitude__isnull=False)
    sql, params = located.order_by(geo.KnnDistance(52.211, 5.970))[:20].query.sql_with_params()

    with connection.cursor() as cursor:
        # Fifty rows (and the statistics earlier tests left) make scanning and sorting look
        # cheaper; forbid scans, bitmaps and sorts to see whether the index gives the order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert f"Index Scan using {geo.KNN_INDEX}" in plan
    assert "Order By" in plan
    assert "Sort" not in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
@pytest.mark.django_db
def test_near_me_on_postgresql_is_one_query_even_where_places_are_sparse(
    django_assert_num_queries,
):
    scattered_places(geo.SORT_ALL_BELOW + 50)
    lat, lon = 53.45, 7.2  # the Dollard's shore: no place within the first boxes
    expected = sorted(
        Locatie.objects.all(),
        key=lambda place: (distance_m(lat, lon, place.latitude, place.longitude), place.naam),
    )

    with django_assert_num_queries(1):
        found = nearest(Locatie.objects.openbaar(), lat=lat, lon=lon, limit=20)

    assert [place.pk for place in found] == [place.pk for place in expected[:20]]
