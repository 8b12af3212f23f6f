"""Benchmark: the stored agenda with 5 000 recurring activities across 500 places (PostgreSQL).

Creates a throw-away PostgreSQL database beside the one DATABASE_URL names, migrates it, fills
it with 500 published places in 10 gemeenten (two rooms each) and 5 000 published recurring
activities with a mix of rules (weekly, every other week, monthly on the Nth weekday, every
weekday) and some cancelled and moved dates, then measures:

- (a) expanding every activity's dates from scratch up to the horizon (`verleng_agenda` on a
  database where nothing is stored yet: `occurrences.extend_horizon`), with the check for
  rooms booked twice; then one day's extension, as the daily cron does it; and saving one
  activity's schedule again (`occurrences.regenerate`, what every portal save runs);
- (b) the public agenda for one week in one gemeente: the whole request
  `/activiteiten/?gemeente=…&week=…` through Django's test client (server time: Python,
  template and database), for weeks spread over the stored year and every gemeente; and the
  query behind it (`agenda.occurrences`) on its own.

Run from the project folder (the figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/agenda.py

Options: --places (default 500), --activities (default 5000), --gemeenten (default 10),
--requests (default 200), --seed, --keep (leave the database for inspection). The database is
dropped afterwards, also when the run fails.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

from harness import on_throwaway_database, setup_django, summary

# (share, rules): the kinds of schedule in the seeds, drawn in these proportions.
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
RULES = [
    (
        0.40,
        lambda rng: (
            "FREQ=WEEKLY;BYDAY=" + ",".join(sorted(rng.sample(WEEKDAYS, rng.choice((1, 1, 2)))))
        ),
    ),
    (0.25, lambda rng: f"FREQ=WEEKLY;INTERVAL=2;BYDAY={rng.choice(WEEKDAYS)}"),
    (
        0.25,
        lambda rng: (
            f"FREQ=MONTHLY;BYDAY={rng.choice(('1', '2', '3', '-1'))}{rng.choice(WEEKDAYS)}"
        ),
    ),
    (0.10, lambda rng: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
]
# Ten slots a day per place (two rooms × five times), so the generated schedules never hold a
# room twice and every date goes through the check.
TIMES = [
    (dt.time(9, 0), dt.time(10, 30)),
    (dt.time(10, 45), dt.time(12, 15)),
    (dt.time(13, 0), dt.time(14, 30)),
    (dt.time(14, 45), dt.time(16, 15)),
    (dt.time(19, 0), dt.time(21, 0)),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=500)
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--gemeenten", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def rule(rng: random.Random) -> str:
    draw = rng.random()
    for share, make in RULES:
        if draw < share:
            return make(rng)
        draw -= share
    return RULES[-1][1](rng)


def main() -> int:
    args = parse_args()
    return on_throwaway_database(
        "ontmoeting_bench_agenda", lambda url: run(args, url), keep=args.keep
    )


def run(args, url: str) -> int:
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from activiteiten import agenda, occurrences, schedule
    from activiteiten.constants import ActiviteitStatus, Categorie
    from activiteiten.models import Activiteit, Occurrence, Uitzondering
    from locaties.constants import LocatieSoort, LocatieStatus
    from locaties.models import Doelgroep, Locatie, Ruimte
    from partners.constants import PartnerSoort
    from partners.models import Gemeente, Partner

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    rng = random.Random(args.seed)
    today = timezone.localdate()
    started = time.perf_counter()
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(naam=f"Benchmarkgemeente {g}", cbs_code=f"GM9{g:03d}", slug=f"bench-{g}")
        for g in range(args.gemeenten)
    )
    organisatoren = Partner.objects.bulk_create(
        Partner(naam=f"Welzijn {n}", slug=f"welzijn-{n}", soort=PartnerSoort.WELZIJN)
        for n in range(20)
    )
    soorten = LocatieSoort.values
    locaties = Locatie.objects.bulk_create(
        Locatie(
            naam=f"Ontmoetingsplek {n:04d}",
            slug=f"plek-{n}",
            soort=soorten[n % len(soorten)],
            status=LocatieStatus.GEPUBLICEERD,
            omschrijving="Een huiskamer in de buurt.",
            straat="Dorpsstraat",
            huisnummer=1 + n,
            postcode=f"{1000 + n % 8999} AB",
            plaats="Ergens",
            gemeente=gemeenten[n % len(gemeenten)],
            latitude=52.0 + rng.random(),
            longitude=5.0 + rng.random(),
            telefoon="012 345 67 89",
        )
        for n in range(args.places)
    )
    ruimten = Ruimte.objects.bulk_create(
        Ruimte(locatie=locatie, naam=f"Zaal {r + 1}", capaciteit=20)
        for locatie in locaties
        for r in range(2)
    )
    categorieen = Categorie.values
    activiteiten = []
    for n in range(args.activities):
        place = n % args.places
        slot = (n // args.places) % (2 * len(TIMES))
        begintijd, eindtijd = TIMES[slot % len(TIMES)]
        activiteiten.append(
            Activiteit(
                titel=f"Activiteit {n:05d}",
                slug=f"activiteit-{n}",
                locatie=locaties[place],
                ruimte=ruimten[2 * place + slot // len(TIMES)],
                organisator=organisatoren[n % len(organisatoren)],
                categorie=categorieen[n % len(categorieen)],
                kosten=(n % 4) * 0.5,
                alleen_voor_doelgroep=n % 10 == 0,
                startdatum=today - dt.timedelta(days=rng.randrange(0, 200)),
                begintijd=begintijd,
                eindtijd=eindtijd,
                herhaling=rule(rng),
                status=ActiviteitStatus.GEPUBLICEERD,
            )
        )
    activiteiten = Activiteit.objects.bulk_create(activiteiten, batch_size=1000)
    doelgroepen = list(Doelgroep.objects.all())
    Activiteit.doelgroepen.through.objects.bulk_create(
        Activiteit.doelgroepen.through(activiteit=a, doelgroep=rng.choice(doelgroepen))
        for a in activiteiten
        if a.alleen_voor_doelgroep or rng.random() < 0.2
    )
    # One activity in ten has a cancelled date in the coming weeks, one in twenty a moved one.
    uitzonderingen = []
    for n, activiteit in enumerate(activiteiten):
        if n % 10 and n % 20 != 5:
            continue
        dates = schedule.dates_between(activiteit, today, today + dt.timedelta(days=90))
        if len(dates) < 2:
            continue
        moved = n % 20 == 5
        uitzonderingen.append(
            Uitzondering(
                activiteit=activiteit,
                datum=dates[1],
                reden="Zaal in gebruik" if moved else "Vervalt: vakantie",
                # To the Saturday of that week, when the generated rules have no dates.
                nieuwe_datum=dates[1] + dt.timedelta(days=5 - dates[1].weekday())
                if moved
                else None,
            )
        )
    Uitzondering.objects.bulk_create(uitzonderingen)
    print(
        f"Inserted {len(gemeenten)} gemeenten, {len(locaties)} places, {len(ruimten)} rooms, "
        f"{len(activiteiten)} activities, {len(uitzonderingen)} exceptions in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )

    # (a) Expanding the whole horizon from scratch.
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = occurrences.extend_horizon()
        expand_s = time.perf_counter() - started
    expand_queries = len(captured.captured_queries)
    rows = Occurrence.objects.count()
    assert result.activiteiten == len(activiteiten), result
    assert not result.overlappingen, result.overlappingen[:3]
    print(
        f"Expanded {result.activiteiten} activities into {rows} dates up to {result.tot} in "
        f"{expand_s:.1f} s ({expand_queries} queries)",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

    # One day's extension, as the daily cron does it the next morning.
    started = time.perf_counter()
    daily = occurrences.extend_horizon(result.tot + dt.timedelta(days=1))
    daily_s = time.perf_counter() - started

    # Saving one activity's schedule again (every portal save ends in this).
    sample = rng.sample(activiteiten, 60)
    regenerations = []
    for activiteit in sample:
        started = time.perf_counter()
        occurrences.regenerate(activiteit)
        regenerations.append(time.perf_counter() - started)

    # (b) The public agenda: one week in one gemeente.
    first_monday = agenda.monday_of(today)
    weeks = [first_monday + dt.timedelta(weeks=w) for w in range(52)]
    requests = [
        (rng.choice(gemeenten).slug, agenda.week_param(rng.choice(weeks)))
        for _ in range(args.requests)
    ]
    client = Client(HTTP_HOST="localhost")
    for gemeente, week in requests[:20]:  # warm the caches
        client.get("/activiteiten/", {"gemeente": gemeente, "week": week})
    pages, page_queries = [], []
    for gemeente, week in requests:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/activiteiten/", {"gemeente": gemeente, "week": week})
            pages.append(time.perf_counter() - started)
        page_queries.append(len(captured.captured_queries))
        assert response.status_code == 200, response.status_code

    published = agenda.published_activiteiten()
    bare, bare_queries, lines = [], [], []
    for gemeente, week in requests[: args.requests // 2]:
        monday = agenda.parse_week(week, today)[0]
        in_gemeente = published.filter(locatie__gemeente__slug=gemeente)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            found = agenda.occurrences(in_gemeente, monday, monday + dt.timedelta(days=6))
            bare.append(time.perf_counter() - started)
        lines.append(len(found))
        bare_queries.append(len(captured.captured_queries))

    gemeente, week = requests[0]
    monday = agenda.parse_week(week, today)[0]
    query = Occurrence.objects.filter(
        activiteit__in=published.filter(locatie__gemeente__slug=gemeente).values("pk"),
        datum__range=(monday, monday + dt.timedelta(days=6)),
    ).order_by("datum", "begin", "activiteit__titel", "activiteit_id")
    plan = query.explain(analyze=True)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    print()
    print(
        f"PostgreSQL {version}; {len(gemeenten)} gemeenten, {len(locaties)} places, "
        f"{len(activiteiten)} recurring activities, {rows} stored dates up to {result.tot};"
    )
    print(f"{os.cpu_count()} CPUs; load average at the end {os.getloadavg()[0]:.1f}")
    print()
    print(
        f"(a) expanding every activity from scratch: {expand_s:.1f} s for {rows} dates "
        f"({rows / expand_s:,.0f} dates/s, {expand_queries} queries); one day's extension "
        f"of all {daily.activiteiten} activities: {daily_s:.2f} s ({daily.datums} dates)"
    )
    print(
        f"(b) agenda lines per gemeente-week: median {statistics.median(lines):.0f}, "
        f"min {min(lines)}, max {max(lines)}"
    )
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(summary("saving one activity's schedule again (`regenerate`)", regenerations))
    print(summary("`agenda.occurrences` for one gemeente-week", bare, bare_queries))
    print(summary("agenda page `/activiteiten/?gemeente=…&week=…`", pages, page_queries))
    print()
    print("Plan of the occurrences query for one gemeente-week:")
    print()
    print("```")
    print(plan)
    print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
