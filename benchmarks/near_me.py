"""Benchmark: "near me" over 100 000 places on PostgreSQL, against the raw SQL and a bare view.

Creates a throw-away PostgreSQL database beside the one DATABASE_URL names, migrates it, fills
it with published places spread over the Netherlands the way people live (clustered around
towns, with a sprinkling in the countryside), then measures, interleaved in rounds so that
load from elsewhere hits every variant alike, for many search points:

- the app's query: `locaties.geo.nearest` for the 20 nearest public places, with the columns
  the place list reads (one query on the GiST nearest-neighbour index, then the exact order);
- the best raw indexed SQL for the same rows: the same columns and haversine distance in the
  index's order, `LIMIT 20`, through a bare cursor (benchmarks/bare_urls.py RAW_NEAREST);
- the whole place list page, /locaties/?lat=…&lon=…, through Django's test client;
- a bare view returning the same 20 places (`/bare/dichtbij/`, the raw SQL written out as
  HTML without a template), through the same client and middleware.

It checks that the app and the raw SQL return the same places, and, for a sample, that they
are the places an exact sort of every public place gives.

Run from the project folder (the figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/near_me.py

Options: --places (default 100000), --searches (default 300), --seed, --keep (leave the
database for inspection), --reuse NAME (use that database, fill it only when it is empty,
keep it: a second run skips the minute of inserting). Without --keep/--reuse the database is
dropped afterwards, also when the run fails.
"""

import argparse
import os
import random
import statistics
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
    parser.add_argument("--map-runs", type=int, default=40)
    parser.add_argument("--reuse", default="", help="database to use and keep (filled once)")
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
    return on_throwaway_database(
        "ontmoeting_bench", lambda url: run(args, url), keep=args.keep, reuse=args.reuse
    )


def fill(args, rng: random.Random, centres) -> None:
    from django.db import connection

    from locaties.constants import LocatieSoort, LocatieStatus
    from locaties.models import Locatie
    from partners.models import Gemeente

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
    print(f"Inserted {args.places} places in {time.perf_counter() - started:.0f} s", flush=True)


def run(args, url: str) -> int:
    setup_django(url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from locaties import geo
    from locaties.models import Locatie

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    settings.ROOT_URLCONF = "bare_urls"
    # What a page costs to make, not the app's copy of it for visitors without cookies.
    settings.PUBLIC_PAGE_CACHE = False
    from bare_urls import RAW_MAP, RAW_NEAREST, raw_nearest_params

    rng = random.Random(args.seed)
    centres = towns(rng, 400)
    if not Locatie.objects.exists():
        fill(args, rng, centres)
    public = Locatie.objects.openbaar()
    print(f"{Locatie.objects.count()} places, {public.count()} public", flush=True)

    # Where residents search: near where places are (homes are where towns are), and a
    # share of points anywhere on land.
    searches = []
    for n in range(args.searches):
        if n % 5 == 4:
            south, north, west, east = rng.choice(LAND)
            searches.append((rng.uniform(south, north), rng.uniform(west, east)))
        else:
            lat, lon, _ = rng.choice(centres)
            searches.append((rng.gauss(lat, 0.03), rng.gauss(lon, 0.05)))

    # The place list's queryset: public places without the two long texts.
    listed = public.defer("omschrijving", "toegankelijkheid_toelichting")
    columns = ", ".join(
        f.column
        for f in Locatie._meta.concrete_fields
        if f.name not in ("omschrijving", "toegankelijkheid_toelichting")
    )
    raw_sql = RAW_NEAREST.format(columns=columns)

    def app(lat, lon):
        return geo.nearest(listed, lat=lat, lon=lon, limit=20)

    def raw(lat, lon):
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, raw_nearest_params(lat, lon))
            return cursor.fetchall()

    client = Client(HTTP_HOST="localhost")

    def page(lat, lon):
        response = client.get("/locaties/", {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
        assert response.status_code == 200, response.status_code

    def bare(lat, lon):
        response = client.get("/bare/dichtbij/", {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}"})
        assert response.status_code == 200, response.status_code

    # The same places both ways, and for a sample the exact sort of every public place.
    for n, (lat, lon) in enumerate(searches):
        found = [place.pk for place in app(lat, lon)]
        assert found == [row[0] for row in raw(lat, lon)], "app and raw SQL differ"
        if n < 25:
            exact = public.annotate(afstand_m=geo.distance_expression(lat, lon)).order_by(
                "afstand_m", "naam", "pk"
            )[:20]
            assert found == [p.pk for p in exact], "the index changed the answer"

    variants = {"app": app, "app_sql": None, "raw": raw, "page": page, "bare": bare}
    times = {name: [] for name in variants}
    queries = {name: [] for name in variants}
    for lat, lon in searches[:20]:  # warm the caches
        for call in variants.values():
            if call is not None:
                call(lat, lon)
    for n, (lat, lon) in enumerate(searches):
        for name, call in variants.items():
            if name in ("page", "bare") and n % 3:
                continue  # a third of the points for the whole pages
            if name == "app_sql":  # compiled outside the timing: the database's share only
                located = listed.filter(latitude__isnull=False, longitude__isnull=False)
                sql, params = (
                    located.annotate(afstand_m=geo.distance_expression(lat, lon))
                    .order_by(geo.KnnDistance(lat, lon))[: 20 + geo.KNN_SPARE]
                    .query.sql_with_params()
                )

                def call(lat, lon, sql=sql, params=params):
                    with connection.cursor() as cursor:
                        cursor.execute(sql, params)
                        return cursor.fetchall()

            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                call(lat, lon)
                times[name].append(time.perf_counter() - started)
            queries[name].append(len(captured.captured_queries))

    # The map's data: the first 2 000 public places by name, the app's view against the
    # whole FeatureCollection built by PostgreSQL (json_agg), interleaved.
    def kaart():
        response = client.get("/locaties/kaart.geojson")
        assert response.status_code == 200, response.status_code
        return response.content

    def kaart_raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_MAP)
            return cursor.fetchone()[0]

    def kaart_bare():
        return client.get("/bare/kaart/").content

    import json

    app_features = json.loads(kaart())["features"]
    raw_features = json.loads(kaart_raw())["features"]
    assert [f["properties"]["url"] for f in app_features] == [
        f["properties"]["url"] for f in raw_features
    ], "the map data and json_agg differ"
    map_variants = {"kaart": kaart, "kaart_raw": kaart_raw, "kaart_bare": kaart_bare}
    for name, call in map_variants.items():
        call()
        times[name], queries[name] = [], []
    sizes = {name: len(call()) for name, call in map_variants.items()}
    for _ in range(args.map_runs):
        for name, call in map_variants.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                call()
                times[name].append(time.perf_counter() - started)
            queries[name].append(len(captured.captured_queries))

    lat, lon = searches[0]
    plan = (
        listed.filter(latitude__isnull=False, longitude__isnull=False)
        .annotate(afstand_m=geo.distance_expression(lat, lon))
        .order_by(geo.KnnDistance(lat, lon))[: 20 + geo.KNN_SPARE]
        .explain(analyze=True)
    )

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    median = {name: statistics.median(values) for name, values in times.items() if values}
    print()
    print(f"PostgreSQL {version}; {args.places} places; {args.searches} search points;")
    print("times in ms (wall clock in the app process, Python + database)")
    print(f"{os.cpu_count()} CPUs; load average at the end {os.getloadavg()[0]:.1f}")
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    labels = {
        "app": "20 nearest: `geo.nearest` (index, then exact order), whole call",
        "app_sql": "20 nearest: the SQL `geo.nearest` sends, on a cursor",
        "raw": "20 nearest: raw indexed SQL, same columns (cursor)",
        "page": "place list page `/locaties/?lat=…&lon=…`",
        "bare": "bare view, same 20 places (`/bare/dichtbij/`)",
        "kaart": f"map data `/locaties/kaart.geojson` ({sizes['kaart']:,} bytes)",
        "kaart_raw": f"raw json_agg of the same features, cursor ({sizes['kaart_raw']:,} bytes)",
        "kaart_bare": "bare view returning that json_agg text (`/bare/kaart/`)",
    }
    for name, label in labels.items():
        print(summary(label, times[name], queries[name]))
    print()
    print(f"query: the app's SQL / raw SQL = {median['app_sql'] / median['raw']:.2f}×")
    print(f"query: the whole `geo.nearest` call / raw SQL = {median['app'] / median['raw']:.2f}×")
    print(f"page: whole page / bare view = {median['page'] / median['bare']:.2f}×")
    print(f"map data: view / raw json_agg = {median['kaart'] / median['kaart_raw']:.2f}×")
    print(f"map data: view / bare json_agg view = {median['kaart'] / median['kaart_bare']:.2f}×")
    print()
    print("Plan of the app's query for one search point:")
    print()
    print("```")
    print(plan)
    print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
