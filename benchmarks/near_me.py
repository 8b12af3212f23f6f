"""Benchmark: "near me" over 100 000 places on PostgreSQL.

Creates a throw-away PostgreSQL database beside the one DATABASE_URL names, migrates it, fills
it with published places spread over the Netherlands the way people live (clustered around
towns, with a sprinkling in the countryside), then measures the server time of the 20 nearest
places for many search points:

- `locaties.geo.nearest` (bounding-box prefilter on the (latitude, longitude) index, then the
  exact great-circle distance), the function behind the place list and the home page;
- the same without the box (exact distance of every place, sorted), for comparison;
- the whole place list page, /locaties/?lat=…&lon=…, through Django's test client.

Run from the project folder (the figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/near_me.py

Options: --places (default 100000), --searches (default 300), --seed, --keep (leave the
database for inspection). The database is dropped afterwards, also when the run fails.
"""

import argparse
import os
import random
import sys
import time

from harness import on_throwaway_database, setup_django, summary

# The Dutch mainland, roughly: (south, north, west, east). Towns are drawn from a few boxes
# that stay on land, so points do not end up in the North Sea or the IJsselmeer.
LAND = [
    (51.25, 51.95, 3.85, 6.05),  # Zeeland (north), Brabant, Limburg's north
    (50.80, 51.25, 5.65, 6.05),  # Zuid-Limburg
    (51.85, 52.45, 4.20, 6.95),  # Randstad, Utrecht, Gelderland, Twente
    (52.45, 53.35, 4.70, 4.95),  # Noord-Holland
    (52.45, 53.40, 5.85, 7.15),  # Overijssel, Drenthe, Groningen, Friesland's east
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def towns(rng: random.Random, count: int) -> list[tuple[float, float, float]]:
    """(lat, lon, weight) of invented towns; a few large, many small."""
    result = []
    for _ in range(count):
        south, north, west, east = rng.choice(LAND)
        result.append((rng.uniform(south, north), rng.uniform(west, east), rng.paretovariate(1.2)))
    return result


def place_points(rng: random.Random, count: int, centres) -> list[tuple[float, float]]:
    weights = [weight for _, _, weight in centres]
    points = []
    for _ in range(count):
        if rng.random() < 0.1:  # the countryside
            south, north, west, east = rng.choice(LAND)
            points.append((rng.uniform(south, north), rng.uniform(west, east)))
            continue
        lat, lon, _ = rng.choices(centres, weights)[0]
        # About 3 km spread around the town centre (0.027° latitude, 0.044° longitude).
        points.append((rng.gauss(lat, 0.027), rng.gauss(lon, 0.044)))
    return points


def main() -> int:
    args = parse_args()
    return on_throwaway_database("ontmoeting_bench", lambda url: run(args, url), keep=args.keep)


def run(args, url: str) -> int:
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from locaties import geo
    from locaties.constants import LocatieSoort, LocatieStatus
    from locaties.models import Locatie
    from partners.models import Gemeente

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    rng = random.Random(args.seed)
    centres = towns(rng, 400)
    points = place_points(rng, args.places, centres)
    gemeente = Gemeente.objects.create(naam="Benchmarkgemeente", cbs_code="GM9999", slug="bench")
    soorten = LocatieSoort.values
    started = time.perf_counter()
    batch = []
    for n, (lat, lon) in enumerate(points):
        batch.append(
            Locatie(
                naam=f"Ontmoetingsplek {n:06d}",
                slug=f"plek-{n}",
                soort=soorten[n % len(soorten)],
                # One place in twenty is not published: the filter is part of the query.
                status=LocatieStatus.CONCEPT if n % 20 == 0 else LocatieStatus.GEPUBLICEERD,
                omschrijving="Een huiskamer in de buurt.",
                straat="Dorpsstraat",
                huisnummer=1 + n % 200,
                postcode=f"{1000 + n % 8999} AB",
                plaats="Ergens",
                gemeente=gemeente,
                latitude=round(lat, 6),
                longitude=round(lon, 6),
                telefoon="012 345 67 89",
            )
        )
        if len(batch) == 5000:
            Locatie.objects.bulk_create(batch)
            batch = []
    Locatie.objects.bulk_create(batch)
    # The state autovacuum keeps a live table in: statistics, and a visibility map so that
    # counting the published places can read the index alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE locaties_locatie")
    published = Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)
    print(
        f"Inserted {args.places} places ({published.count()} published) in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )

    # Where residents search: near where places are (homes are where towns are), and a
    # share of points anywhere on land, where the box has to grow.
    searches = []
    for n in range(args.searches):
        if n % 5 == 4:
            south, north, west, east = rng.choice(LAND)
            searches.append((rng.uniform(south, north), rng.uniform(west, east)))
        else:
            lat, lon, _ = rng.choice(centres)
            searches.append((rng.gauss(lat, 0.03), rng.gauss(lon, 0.05)))

    for lat, lon in searches[:20]:  # warm the caches
        geo.nearest(published, lat=lat, lon=lon, limit=20)

    boxed, boxed_queries = [], []
    for lat, lon in searches:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            found = geo.nearest(published, lat=lat, lon=lon, limit=20)
            boxed.append(time.perf_counter() - started)
        boxed_queries.append(len(captured.captured_queries))
        assert len(found) == 20

    sorted_all = []
    for lat, lon in searches[: max(20, args.searches // 5)]:
        started = time.perf_counter()
        list(
            published.annotate(afstand_m=geo.distance_expression(lat, lon)).order_by(
                "afstand_m", "naam", "pk"
            )[:20]
        )
        sorted_all.append(time.perf_counter() - started)

    # The same answers both ways, for a sample.
    for lat, lon in searches[:25]:
        exact = published.annotate(afstand_m=geo.distance_expression(lat, lon)).order_by(
            "afstand_m", "naam", "pk"
        )[:20]
        boxed_ids = [p.pk for p in geo.nearest(published, lat=lat, lon=lon, limit=20)]
        assert boxed_ids == [p.pk for p in exact], "the box changed the answer"

    client = Client(HTTP_HOST="localhost")
    pages, page_queries = [], []
    for lat, lon in searches[: max(20, args.searches // 3)]:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/locaties/", {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
            pages.append(time.perf_counter() - started)
        page_queries.append(len(captured.captured_queries))
        assert response.status_code == 200, response.status_code

    lat, lon = searches[0]
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, geo.SEARCH_RADII_M[0])
    # The query `geo.nearest` sends for the first box.
    first_box = (
        published.filter(
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
        )
        .annotate(afstand_m=geo.distance_expression(lat, lon))
        .order_by("afstand_m", "naam", "pk")[:20]
    )
    plan = first_box.explain(analyze=True)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    print()
    print(f"PostgreSQL {version}; {args.places} places; {args.searches} search points;")
    print(f"radii {geo.SEARCH_RADII_M} m; times in ms (wall clock, Python + database)")
    print(f"{os.cpu_count()} CPUs; load average at the end {os.getloadavg()[0]:.1f}")
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(summary("20 nearest: `geo.nearest` (box, then exact distance)", boxed, boxed_queries))
    print(summary("20 nearest: exact distance of every place, sorted", sorted_all))
    print(summary("place list page `/locaties/?lat=…&lon=…`", pages, page_queries))
    print()
    print("Plan of the first box for one search point:")
    print()
    print("```")
    print(plan)
    print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
