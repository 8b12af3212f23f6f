"""Benchmark: the open data API at 10 000 published places against bare queries (PostgreSQL).

Creates a throw-away PostgreSQL database beside the one DATABASE_URL names, migrates it, fills
it with 10 000 published places (and 1 000 concept ones) in 10 gemeenten, a beheerder for each
place, and 4 000 public activities (and 400 hidden ones) by 20 organisers, then measures side by
side in one run:

- (a) `/api/v1/hsds/services?per_page=100&page=N` through Django's test client (the whole
  request: rate limit, parameters, count, page, HSDS records, JSON rendering, ETag), for pages
  spread over the whole list; against the bare query serving the same rows: the count and the
  same 100 rows as `.values()` of the fields the list item shows, put through `json.dumps`;
  and against the same page built by PostgreSQL alone (`json_agg`);
- (b) the full GeoJSON `/api/v1/locaties.geojson` (every published place, streamed and read to
  the end); against the same rows as `.values()` through `json.dumps`, and against the whole
  FeatureCollection built by PostgreSQL (`json_build_object` / `json_agg`).

Run from the project folder (the figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/api.py

Options: --places (default 10000), --activities (default 4000), --runs (default 40 for the
service pages, a quarter of that for the GeoJSON), --seed, --keep (leave the database for
inspection). The database is dropped afterwards, also when the run fails.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from unittest import mock

from harness import on_throwaway_database, setup_django, summary

SERVICE_FIELDS = (
    "uuid",
    "organisator__uuid",
    "titel",
    "omschrijving",
    "slug",
    "aanmelden_nodig",
    "aanmelden_via",
    "kosten_toelichting",
    "gewijzigd_op",
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--activities", type=int, default=4_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    # The benchmark asks far more than a client may; the limit's counter stays in the request.
    os.environ["API_RATE_LIMIT"] = "1000000/minute"
    return on_throwaway_database(
        "ontmoeting_bench_api", lambda url: run(args, url), keep=args.keep
    )


def fill(args, rng):
    from django.utils import timezone

    from activiteiten.constants import ActiviteitStatus, Categorie
    from activiteiten.models import Activiteit
    from locaties.constants import LocatieSoort, LocatieStatus, SamenwerkingRol
    from locaties.models import Doelgroep, Locatie, Samenwerking
    from partners.constants import PartnerSoort
    from partners.models import Gemeente, Partner

    today = timezone.localdate()
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(naam=f"Benchmarkgemeente {g}", cbs_code=f"GM9{g:03d}", slug=f"bench-{g}")
        for g in range(10)
    )
    beheerders = Partner.objects.bulk_create(
        Partner(
            naam=f"Corporatie {n}", slug=f"corporatie-{n}", soort=PartnerSoort.WONINGCORPORATIE
        )
        for n in range(20)
    )
    organisatoren = Partner.objects.bulk_create(
        Partner(naam=f"Welzijn {n}", slug=f"welzijn-{n}", soort=PartnerSoort.WELZIJN)
        for n in range(20)
    )
    soorten = LocatieSoort.values
    hidden_places = args.places // 10
    locaties = Locatie.objects.bulk_create(
        (
            Locatie(
                naam=f"Ontmoetingsplek {n:05d}",
                slug=f"plek-{n}",
                soort=soorten[n % len(soorten)],
                status=(LocatieStatus.GEPUBLICEERD if n < args.places else LocatieStatus.CONCEPT),
                omschrijving="Een huiskamer in de buurt, met koffie en een krant.",
                straat="Dorpsstraat",
                huisnummer=1 + n % 300,
                huisnummer_toevoeging="A" if n % 7 == 0 else "",
                postcode=f"{1000 + n % 8999} AB",
                plaats="Ergens",
                gemeente=gemeenten[n % len(gemeenten)],
                latitude=52.0 + rng.random(),
                longitude=5.0 + rng.random(),
                adres_openbaar=n % 10 != 3,
                rolstoeltoegankelijk=n % 3 == 0,
                telefoon="012 345 67 89",
            )
            for n in range(args.places + hidden_places)
        ),
        batch_size=2000,
    )
    Samenwerking.objects.bulk_create(
        (
            Samenwerking(
                locatie=locatie,
                partner=beheerders[n % len(beheerders)],
                rol=SamenwerkingRol.BEHEERDER,
            )
            for n, locatie in enumerate(locaties)
        ),
        batch_size=2000,
    )
    published = locaties[: args.places]
    categorieen = Categorie.values
    hidden_activities = args.activities // 10
    activiteiten = Activiteit.objects.bulk_create(
        (
            Activiteit(
                titel=f"Activiteit {n:05d}",
                slug=f"activiteit-{n}",
                omschrijving="Samen koffie drinken en bijpraten.",
                locatie=published[rng.randrange(len(published))],
                organisator=organisatoren[n % len(organisatoren)],
                categorie=categorieen[n % len(categorieen)],
                kosten=(n % 4) * 0.5,
                aanmelden_nodig=n % 5 == 0,
                aanmelden_via="de balie" if n % 5 == 0 else "",
                startdatum=today - dt.timedelta(days=rng.randrange(0, 200)),
                begintijd=dt.time(10, 0),
                eindtijd=dt.time(11, 30),
                herhaling="FREQ=WEEKLY;BYDAY=TU",
                status=(
                    ActiviteitStatus.GEPUBLICEERD
                    if n < args.activities
                    else ActiviteitStatus.CONCEPT
                ),
            )
            for n in range(args.activities + hidden_activities)
        ),
        batch_size=2000,
    )
    doelgroepen = list(Doelgroep.objects.all())
    Activiteit.doelgroepen.through.objects.bulk_create(
        (
            Activiteit.doelgroepen.through(activiteit=a, doelgroep=rng.choice(doelgroepen))
            for a in activiteiten
            if rng.random() < 0.3
        ),
        batch_size=2000,
    )
    return len(locaties), len(activiteiten)


def run(args, url: str) -> int:
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from activiteiten.constants import ActiviteitStatus
    from activiteiten.models import Activiteit
    from api.views import OpenDataView
    from locaties.constants import LocatieStatus
    from locaties.models import Locatie
    from partners.models import Gemeente

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    rng = random.Random(args.seed)
    started = time.perf_counter()
    n_places, n_activities = fill(args, rng)
    print(
        f"Inserted {n_places} places and {n_activities} activities "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    client = Client(HTTP_HOST="localhost")
    public = Activiteit.objects.openbaar().order_by("pk")
    total = public.count()
    pages = max(1, -(-total // 100))
    page_numbers = [rng.randrange(1, pages + 1) for _ in range(args.runs)]

    def timed(call, index, into):
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            size = call(index)
            into[0].append(time.perf_counter() - begin)
        into[1].append(len(captured.captured_queries))
        into[2].append(size)

    # (a) One page of 100 services.
    def services_page(index):
        response = client.get(
            "/api/v1/hsds/services", {"per_page": 100, "page": page_numbers[index]}
        )
        assert response.status_code == 200, response.content[:300]
        body = json.loads(response.content)
        assert body["size"] == 100 or body["last_page"], body["size"]
        return len(response.content)

    def services_page_unthrottled(index):
        with mock.patch.object(OpenDataView, "throttle_classes", []):
            return services_page(index)

    def services_values(index):
        start = (page_numbers[index] - 1) * 100
        count = public.count()
        rows = list(public.values(*SERVICE_FIELDS)[start : start + 100])
        return len(json.dumps({"total_items": count, "contents": rows}, default=str))

    services_sql = """
        SELECT json_build_object(
            'total_items', (SELECT count(*) FROM {a} a JOIN {l} l ON l.id = a.locatie_id
                            WHERE a.status = %(a_status)s AND l.status = %(l_status)s),
            'contents', coalesce(json_agg(row_to_json(page) ORDER BY page.pk), '[]'::json)
        )::text
        FROM (
            SELECT a.id AS pk, a.uuid, o.uuid AS organization_id, a.titel, a.omschrijving,
                   a.slug, a.aanmelden_nodig, a.aanmelden_via, a.kosten_toelichting,
                   a.gewijzigd_op
            FROM {a} a JOIN {l} l ON l.id = a.locatie_id JOIN {p} o ON o.id = a.organisator_id
            WHERE a.status = %(a_status)s AND l.status = %(l_status)s
            ORDER BY a.id LIMIT 100 OFFSET %(offset)s
        ) page
    """.format(
        a=Activiteit._meta.db_table,
        l=Locatie._meta.db_table,
        p=Activiteit._meta.get_field("organisator").related_model._meta.db_table,
    )

    def services_json_agg(index):
        with connection.cursor() as cursor:
            cursor.execute(
                services_sql,
                {
                    "a_status": ActiviteitStatus.GEPUBLICEERD,
                    "l_status": LocatieStatus.GEPUBLICEERD,
                    "offset": (page_numbers[index] - 1) * 100,
                },
            )
            return len(cursor.fetchone()[0])

    # (b) The full GeoJSON.
    def geojson_full(index):
        response = client.get("/api/v1/locaties.geojson")
        assert response.status_code == 200, response.status_code
        body = b"".join(response.streaming_content)
        if index == 0:
            assert len(json.loads(body)["features"]) == args.places
        return len(body)

    geojson_fields = (
        "uuid",
        "naam",
        "slug",
        "soort",
        "straat",
        "huisnummer",
        "huisnummer_toevoeging",
        "postcode",
        "plaats",
        "adres_openbaar",
        "latitude",
        "longitude",
        "gemeente__slug",
        "rolstoeltoegankelijk",
        "is_sterlocatie",
        "gewijzigd_op",
    )

    def geojson_values(index):
        rows = list(Locatie.objects.openbaar().order_by("pk").values(*geojson_fields))
        return len(json.dumps({"type": "FeatureCollection", "features": rows}, default=str))

    geojson_sql = """
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'features', coalesce(json_agg(json_build_object(
                'type', 'Feature',
                'id', l.uuid,
                'geometry', CASE WHEN l.adres_openbaar AND l.latitude IS NOT NULL THEN
                    json_build_object('type', 'Point',
                                      'coordinates', json_build_array(l.longitude, l.latitude))
                    END,
                'properties', json_build_object(
                    'naam', l.naam, 'soort', l.soort, 'straat', l.straat,
                    'huisnummer', CASE WHEN l.adres_openbaar THEN l.huisnummer END,
                    'toevoeging', CASE WHEN l.adres_openbaar THEN l.huisnummer_toevoeging END,
                    'postcode', CASE WHEN l.adres_openbaar THEN l.postcode END,
                    'plaats', l.plaats, 'gemeente', g.slug,
                    'rolstoeltoegankelijk', l.rolstoeltoegankelijk,
                    'sterlocatie', l.is_sterlocatie, 'slug', l.slug,
                    'gewijzigd_op', l.gewijzigd_op)
            ) ORDER BY l.id), '[]'::json)
        )::text
        FROM {locaties} l JOIN {gemeenten} g ON g.id = l.gemeente_id
        WHERE l.status = %(l_status)s
    """.format(locaties=Locatie._meta.db_table, gemeenten=Gemeente._meta.db_table)  # noqa: UP032

    def geojson_json_agg(index):
        with connection.cursor() as cursor:
            cursor.execute(geojson_sql, {"l_status": LocatieStatus.GEPUBLICEERD})
            text = cursor.fetchone()[0]
        if index == 0:
            assert len(json.loads(text)["features"]) == args.places
        return len(text)

    # Warm up every path once.
    for call in (services_page, services_page_unthrottled, services_values, services_json_agg):
        call(0)
    for call in (geojson_full, geojson_values, geojson_json_agg):
        call(0)

    # Interleaved in rounds, so that a burst of load elsewhere hits all three alike.
    results = {name: ([], [], []) for name in ("sp", "su", "sv", "sj", "gf", "gv", "gj")}
    geo_runs = max(3, args.runs // 4)
    services = (
        ("sp", services_page),
        ("su", services_page_unthrottled),
        ("sv", services_values),
        ("sj", services_json_agg),
    )
    geojsons = (("gf", geojson_full), ("gv", geojson_values), ("gj", geojson_json_agg))
    for index in range(args.runs):
        for name, call in services:
            timed(call, index, results[name])
        if index < geo_runs:
            for name, call in geojsons:
                timed(call, index, results[name])

    def median_ms(name):
        return statistics.median(results[name][0]) * 1000

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    print()
    print(
        f"PostgreSQL {version}; {args.places} published places (+{n_places - args.places} "
        f"concept), {total} public activities (+{n_activities - total} hidden), "
        f"{pages} pages of 100;"
    )
    print(f"{os.cpu_count()} CPUs; load average at the end {os.getloadavg()[0]:.1f}")
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rows = [
        ("sp", "`/api/v1/hsds/services?per_page=100&page=N` (whole request)"),
        ("su", "the same request without the rate limit's counter"),
        ("sv", "bare: count + 100 rows `.values()` → `json.dumps`"),
        ("sj", "bare: count + 100 rows `json_agg` in PostgreSQL"),
        ("gf", "`/api/v1/locaties.geojson` (whole request, streamed, read to the end)"),
        ("gv", f"bare: {args.places} rows `.values()` → `json.dumps`"),
        ("gj", "bare: whole FeatureCollection `json_agg` in PostgreSQL"),
    ]
    for name, label in rows:
        print(summary(label, results[name][0], results[name][1]))
    print()
    print("| response | median size (bytes) |")
    print("| --- | --- |")
    for name, label in rows:
        print(f"| {label} | {statistics.median(results[name][2]):,.0f} |")
    print()
    print("Ratios of medians (endpoint / bare):")
    print(
        f"- services page: {median_ms('sp') / median_ms('sv'):.1f}× `.values()`, "
        f"{median_ms('sp') / median_ms('sj'):.1f}× `json_agg`; without the rate limit's "
        f"counter {median_ms('su') / median_ms('sv'):.1f}× `.values()`, "
        f"{median_ms('su') / median_ms('sj'):.1f}× `json_agg`"
    )
    print(
        f"- GeoJSON: {median_ms('gf') / median_ms('gv'):.1f}× `.values()`, "
        f"{median_ms('gf') / median_ms('gj'):.1f}× `json_agg`"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
