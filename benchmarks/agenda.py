"""Benchmark: the stored agenda with 5 000 recurring activities across 500 places (PostgreSQL).

Creates a throw-away PostgreSQL database beside the one DATABASE_URL names, migrates it, fills
it with 500 published places in 10 gemeenten (two rooms each) and 5 000 published recurring
activities with a mix of rules (weekly, every other week, monthly on the Nth weekday, every
weekday) and some cancelled and moved dates, expands every activity's dates from scratch up
to the horizon ((a), timed, only when it fills), then measures, interleaved:

- (b) one gemeente's week: the app's agenda lines (`agenda.Regels`, one joined `.values()`
  query, written by the `agenda_regel` tag) against one raw SQL query joined into the same
  lines with f-strings; and the whole page `/activiteiten/?gemeente=…&week=…` (its first page
  of 100 lines) through Django's test client; the weight of the unfiltered agenda's page;
- (c) a cold organisation feed (the organiser with the most dates in the window, about
  7 500 events): building it (`feeds.build`), the whole request with an empty cache, and
  the request served from the cache; the body is checked to parse with icalendar.

Run from the project folder (the figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/agenda.py

Options: --places (default 500), --activities (default 5000), --gemeenten (default 10),
--requests (default 200), --feed-runs (default 10), --seed, --keep (leave the database for
inspection), --reuse NAME (use that database, fill it only when empty, keep it). Without
--keep/--reuse the database is dropped afterwards, also when the run fails.
"""

import argparse
import dataclasses
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
    parser.add_argument("--feed-runs", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--reuse", default="", help="database to use and keep (filled once)")
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
        "ontmoeting_bench_agenda", lambda url: run(args, url), keep=args.keep, reuse=args.reuse
    )


def fill(args, rng: random.Random, today: dt.date) -> None:
    """The places, activities and exceptions, then every date expanded (timed: (a))."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from activiteiten import occurrences, schedule
    from activiteiten.constants import ActiviteitStatus, Categorie
    from activiteiten.models import Activiteit, Occurrence, Uitzondering
    from locaties.constants import LocatieSoort, LocatieStatus
    from locaties.models import Doelgroep, Locatie, Ruimte
    from partners.constants import PartnerSoort
    from partners.models import Gemeente, Partner

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
                omschrijving="Samen koffie drinken, een praatje maken; iedereen is welkom.",
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
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = occurrences.extend_horizon()
        expand_s = time.perf_counter() - started
    rows = Occurrence.objects.count()
    assert result.activiteiten == len(activiteiten), result
    assert not result.overlappingen, result.overlappingen[:3]
    print(
        f"(a) expanded {result.activiteiten} activities into {rows} dates up to {result.tot} "
        f"in {expand_s:.1f} s ({len(captured.captured_queries)} queries)",
        flush=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# The agenda lines of one gemeente's week in one joined query, written out as the lines'
# text (time, title, place, cost) without Django: what the page's lines cost at the least.
RAW_LINES = """
SELECT o.begin, o.einde, o.vervalt, u.reden, a.titel, a.slug, a.kosten, a.aanmelden_nodig,
       l.naam, l.slug, l.plaats
FROM activiteiten_occurrence o
JOIN activiteiten_activiteit a ON a.id = o.activiteit_id
JOIN locaties_locatie l ON l.id = a.locatie_id
JOIN partners_gemeente g ON g.id = l.gemeente_id
LEFT JOIN activiteiten_uitzondering u ON u.id = o.uitzondering_id
WHERE g.slug = %s AND o.datum BETWEEN %s AND %s
  AND a.status = 'gepubliceerd' AND l.status = 'gepubliceerd'
ORDER BY o.datum, o.begin, a.titel, o.activiteit_id
"""


def lines_on(html: bytes) -> int:
    """The number of lines of the week the page says it has ("620 activiteiten deze week")."""
    import re

    found = re.search(rb"(\d+) activiteiten? deze week", html)
    return int(found.group(1)) if found else 0


def run(args, url: str) -> int:
    setup_django(url)

    from html import escape

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.template import Context, Template
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from icalendar import Calendar

    from activiteiten import agenda, feeds
    from activiteiten.models import Activiteit, Occurrence
    from kern.timezones import AMSTERDAM
    from partners.models import Gemeente, Partner

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # What a page costs to make, and the feed's own cache, not the app's copy of whole
    # responses for visitors without cookies.
    settings.PUBLIC_PAGE_CACHE = False

    rng = random.Random(args.seed)
    today = timezone.localdate()
    if not Activiteit.objects.exists():
        fill(args, rng, today)
    gemeenten = list(Gemeente.objects.filter(slug__startswith="bench-"))
    published = Activiteit.objects.openbaar()
    print(f"{published.count()} activities, {Occurrence.objects.count()} dates", flush=True)

    # (b) One gemeente's week: the app's lines against the raw query joined into lines.
    first_monday = agenda.monday_of(today)
    weeks = [first_monday + dt.timedelta(weeks=w) for w in range(1, 40)]
    requests = [(rng.choice(gemeenten).slug, rng.choice(weeks)) for _ in range(args.requests)]
    lines_template = Template("{% load agenda %}{% agenda_regels items %}")

    def app_lines(gemeente, monday):
        regels = agenda.Regels(
            published.filter(locatie__gemeente__slug=gemeente),
            monday,
            monday + dt.timedelta(days=6),
        )[:]
        return lines_template.render(Context({"items": regels})), len(regels)

    def raw_lines(gemeente, monday):
        with connection.cursor() as cursor:
            cursor.execute(RAW_LINES, [gemeente, monday, monday + dt.timedelta(days=6)])
            rows = cursor.fetchall()
        html = []
        for (
            begin,
            einde,
            vervalt,
            reden,
            titel,
            slug,
            kosten,
            aanmelden,
            naam,
            plek,
            plaats,
        ) in rows:
            begin, einde = begin.astimezone(AMSTERDAM), einde.astimezone(AMSTERDAM)
            html.append(
                f'<li><time datetime="{begin.isoformat()}">{begin:%H:%M}–{einde:%H:%M}</time>'
                f"{escape(reden or '') if vervalt else ''}"
                f'<a href="/activiteiten/{slug}/">{escape(titel)}</a>'
                f'<a href="/locaties/{plek}/">{escape(naam)}</a>, {escape(plaats)} '
                f"{kosten} {'aanmelden' if aanmelden else ''}</li>"
            )
        return "".join(html), len(rows)

    client = Client(HTTP_HOST="localhost")

    def page(gemeente, monday):
        response = client.get(
            "/activiteiten/", {"gemeente": gemeente, "week": agenda.week_param(monday)}
        )
        assert response.status_code == 200, response.status_code
        return response.content, lines_on(response.content)

    for gemeente, monday in requests[:10]:  # warm the caches; the same lines both ways
        lines = app_lines(gemeente, monday)[1]
        assert lines == raw_lines(gemeente, monday)[1] == page(gemeente, monday)[1]
    variants = {"app": app_lines, "raw": raw_lines, "page": page}
    times = {name: [] for name in variants}
    queries = {name: [] for name in variants}
    counts = []
    for gemeente, monday in requests:
        for name, call in variants.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                _body, count = call(gemeente, monday)
                times[name].append(time.perf_counter() - started)
            queries[name].append(len(captured.captured_queries))
            if name == "app":
                counts.append(count)

    # The unfiltered agenda of a week (every gemeente): its first page and its weight.
    monday = weeks[0]
    everything = client.get("/activiteiten/", {"week": agenda.week_param(monday)})
    unfiltered = (len(everything.content), lines_on(everything.content))

    # (c) A cold organisation feed: the organiser with the most dates in the window.
    start, end = feeds.window(today)
    organisatie = max(
        Partner.objects.filter(slug__startswith="welzijn-"),
        key=lambda p: feeds.voor_organisatie(p).occurrences(start, end).count(),
    )
    feed = feeds.voor_organisatie(organisatie)
    variant = feeds.Variant("https", "localhost", "nl")
    body = feeds.build(feed, variant, start, end)
    events = len(Calendar.from_ical(body).walk("VEVENT"))
    feed_url = f"/organisaties/{organisatie.slug}/agenda.ics"
    cold_build, cold_request = [], []
    for _ in range(args.feed_runs):
        started = time.perf_counter()
        feeds.build(feed, variant, start, end)
        cold_build.append(time.perf_counter() - started)
        cache.clear()
        started = time.perf_counter()
        response = client.get(feed_url)
        cold_request.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    # The size: the same organisation's feed cut to its first activities, so that it
    # holds about 7 500 events.
    ids = list(
        Activiteit.objects.filter(organisator=organisatie)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    per_activity = feed.occurrences(start, end).count() / len(ids)
    cut = dataclasses.replace(
        feed, filters={"organisator": organisatie, "pk__in": ids[: round(7500 / per_activity)]}
    )
    cut_events = cut.occurrences(start, end).count()
    cut_build = []
    for _ in range(args.feed_runs):
        started = time.perf_counter()
        feeds.build(cut, variant, start, end)
        cut_build.append(time.perf_counter() - started)
    warm = []
    for _ in range(args.feed_runs):
        started = time.perf_counter()
        client.get(feed_url)
        warm.append(time.perf_counter() - started)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]

    median = {name: statistics.median(values) for name, values in times.items()}
    print()
    print(
        f"PostgreSQL {version}; {len(gemeenten)} gemeenten, {published.count()} activities, "
        f"{Occurrence.objects.count()} stored dates;"
    )
    print(f"{os.cpu_count()} CPUs; load average at the end {os.getloadavg()[0]:.1f}")
    print(
        f"(b) lines per gemeente-week: median {statistics.median(counts):.0f}, "
        f"min {min(counts)}, max {max(counts)}"
    )
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    labels = {
        "app": "the app's lines of a gemeente-week (`agenda.Regels` + `agenda_regels`)",
        "raw": "raw: one joined query, lines written with f-strings",
        "page": "agenda page `/activiteiten/?gemeente=…&week=…` (first 100 lines)",
    }
    for name, label in labels.items():
        print(summary(label, times[name], queries[name]))
    print(summary(f"cold feed of {cut_events} events: `feeds.build`", cut_build))
    print(summary(f"cold feed of {events} events: `feeds.build`", cold_build))
    print(summary("cold feed: whole request, empty cache", cold_request))
    print(summary("the same feed from the cache", warm))
    print()
    print(f"lines: app / raw = {median['app'] / median['raw']:.2f}×")
    print(
        f"unfiltered agenda of a week: {unfiltered[1]} lines, first page "
        f"{unfiltered[0] / 1024:.0f} KB; feed {len(body) / 1024:.0f} KB, {events} events"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
