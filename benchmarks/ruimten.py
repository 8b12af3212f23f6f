"""Benchmark: the rooms overview (/beheer/ruimten/, activiteiten/vrije_uren.py) of a corporatie
with 200 and with 2 000 rooms, against the same work without the page around it.

Data: a corporatie that owns N/2 places with two rooms each; every place is open Monday to
Friday 9:00–12:30 and 13:30–17:00, a tenth of them closed one day of the week; every room has
two facilities, a third of the rooms a letting that starts mid-week, and every room four
dates of activities in the week (one over lunch, one across closing time).

Timed, side by side in one run, signed in as the corporatie's staff member:

- the page /beheer/ruimten/?week=… through Django's test client (middleware, session, the
  menu's question, the template);
- the CSV export of the same rows;
- `rooms_week()` alone: the five queries and the free-hours computation, no template;
- the fetch alone: the same five queries read into lists, nothing computed.

The ratios say where the time goes: page / rooms_week is what the template and the request
cost; rooms_week / fetch what the free-hours computation costs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/ruimten.py
    .venv/bin/python benchmarks/ruimten.py --sqlite

Options: --runs (default 10), --sizes (default 200,2000), --keep (PostgreSQL: keep the
database), --in-place (PostgreSQL: the empty database DATABASE_URL names, left filled).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time

from harness import machine_line, on_throwaway_database, setup_django, summary


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="use the (empty) PostgreSQL database DATABASE_URL names itself, not a new one",
    )
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if args.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            return run(args, f"sqlite:///{folder}/bench.sqlite3")
    if args.in_place:
        return run(args, os.environ["DATABASE_URL"])
    return on_throwaway_database("corporatie_bench", lambda url: run(args, url), keep=args.keep)


def build(n_rooms: int, *, monday: dt.date, index: int):
    """A corporatie with n_rooms rooms over n_rooms/2 places, and its staff member."""
    from activiteiten.constants import ActiviteitStatus, Categorie
    from activiteiten.models import Activiteit, Occurrence
    from kern.timezones import AMSTERDAM
    from locaties.constants import LocatieSoort, LocatieStatus, SamenwerkingRol
    from locaties.models import (
        Locatie,
        Openingstijd,
        Ruimte,
        Samenwerking,
        Sluiting,
        Verhuur,
        Voorziening,
    )
    from partners.constants import PartnerSoort
    from partners.models import Gemeente, Lidmaatschap, Partner, User

    gemeente = Gemeente.objects.create(
        naam=f"Benchmarkstad {index}", cbs_code=f"GM9{index:03d}", slug=f"benchmarkstad-{index}"
    )
    corporatie = Partner.objects.create(
        naam=f"Woonbench {index}", slug=f"woonbench-{index}", soort=PartnerSoort.WONINGCORPORATIE
    )
    corporatie.werkgebied.add(gemeente)
    huurder = Partner.objects.create(naam=f"Stichting Huur {index}", slug=f"huur-{index}")
    user = User.objects.create_user(f"corporatie{index}@example.org", "een-lang-wachtwoord")
    Lidmaatschap.objects.create(user=user, partner=corporatie)
    places = Locatie.objects.bulk_create(
        Locatie(
            naam=f"Plek {index}-{i:04d}", slug=f"plek-{index}-{i:04d}",
            soort=LocatieSoort.PLUS_PUNT, status=LocatieStatus.GEPUBLICEERD,
            straat="Hoofdstraat", huisnummer=1 + i, postcode="7311 AB", plaats="Benchmarkstad",
            gemeente=gemeente,
        )
        for i in range(n_rooms // 2)
    )  # fmt: skip
    Samenwerking.objects.bulk_create(
        Samenwerking(locatie=p, partner=corporatie, rol=SamenwerkingRol.EIGENAAR) for p in places
    )
    Openingstijd.objects.bulk_create(
        Openingstijd(locatie=p, weekdag=day, van=dt.time(*van), tot=dt.time(*tot))
        for p in places
        for day in range(5)
        for van, tot in (((9, 0), (12, 30)), ((13, 30), (17, 0)))
    )
    Sluiting.objects.bulk_create(
        Sluiting(locatie=p, van=day, tot=day)
        for i, p in enumerate(places)
        if i % 10 == 0
        for day in [monday + dt.timedelta(days=i % 5)]
    )
    rooms = Ruimte.objects.bulk_create(
        Ruimte(locatie=p, naam=f"Zaal {k}", capaciteit=20, verhuurbaar=True)
        for p in places
        for k in range(2)
    )
    voorzieningen = list(Voorziening.objects.all()[:2])
    Ruimte.voorzieningen.through.objects.bulk_create(
        Ruimte.voorzieningen.through(ruimte=r, voorziening=v) for r in rooms for v in voorzieningen
    )
    Verhuur.objects.bulk_create(
        Verhuur(ruimte=r, huurder=huurder, ingangsdatum=monday + dt.timedelta(days=3), doel="x")
        for i, r in enumerate(rooms)
        if i % 3 == 0
    )
    activiteiten = Activiteit.objects.bulk_create(
        Activiteit(
            titel=f"Activiteit {r.pk}-{k}", slug=f"act-{r.pk}-{k}", locatie_id=r.locatie_id,
            ruimte=r, organisator=huurder, categorie=Categorie.KOFFIE, startdatum=monday,
            begintijd=dt.time(10), eindtijd=dt.time(12), status=ActiviteitStatus.GEPUBLICEERD,
        )
        for r in rooms
        for k in range(4)
    )  # fmt: skip
    slots = [
        (0, (12, 0), (13, 0)),
        (1, (16, 0), (18, 0)),
        (2, (10, 0), (11, 30)),
        (4, (9, 0), (10, 0)),
    ]  # noqa: E501
    occurrences = []
    for a in activiteiten:
        day, van, tot = slots[int(a.slug.rsplit("-", 1)[1])]
        datum = monday + dt.timedelta(days=day)
        begin = dt.datetime.combine(datum, dt.time(*van), tzinfo=AMSTERDAM)
        einde = dt.datetime.combine(datum, dt.time(*tot), tzinfo=AMSTERDAM)
        occurrences.append(
            Occurrence(
                activiteit=a,
                oorspronkelijke_datum=datum,
                datum=datum,
                begin=begin,
                einde=einde,
                ruimte_bezet_id=a.ruimte_id,
            )  # fmt: skip
        )
    Occurrence.objects.bulk_create(occurrences, batch_size=1000)
    return user


def timed(runs: int, call) -> list[float]:
    seconds = []
    for n in range(runs):
        started = time.perf_counter()
        call(n)
        seconds.append(time.perf_counter() - started)
    return seconds


def measure(args, size: int, *, index: int, monday: dt.date) -> tuple[dict, dict]:
    """Build `size` rooms and time the four ways of reading them; ({name: seconds},
    {name: queries})."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from activiteiten import vrije_uren
    from activiteiten.agenda import week_param
    from activiteiten.models import Occurrence
    from partners import permissions

    week = week_param(monday)
    started = time.perf_counter()
    user = build(size, monday=monday, index=index)
    print(f"{size} rooms made in {time.perf_counter() - started:.1f} s", flush=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    queries = {}

    def page(path, name):
        def call(n):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, {"week": week})
            assert response.status_code == 200, response.status_code
            queries[name] = len(captured.captured_queries)

        return call

    ruimten = permissions.managed_ruimten(user).order_by("locatie__naam", "locatie_id", "naam")

    def alone(n):
        weeks = vrije_uren.rooms_week(ruimten, monday=monday, today=timezone.localdate())
        assert len(weeks) == size

    def fetch(n):
        rooms = list(
            ruimten.select_related("locatie").prefetch_related(
                "voorzieningen", "verhuringen__huurder", "locatie__openingstijden",
                "locatie__sluitingen",
            )
        )  # fmt: skip
        list(
            Occurrence.objects.filter(
                ruimte_bezet__in=ruimten.values("pk"), datum__gte=monday
            ).select_related("activiteit__organisator")
        )
        assert len(rooms) == size

    for warm in (page("/beheer/ruimten/", "page"), alone):
        warm(0)
    results = {
        "page": timed(args.runs, page("/beheer/ruimten/", "page")),
        "csv": timed(args.runs, page("/beheer/ruimten/export.csv", "csv")),
        "rooms_week": timed(args.runs, alone),
        "fetch": timed(args.runs, fetch),
    }
    return results, queries


def run(args, url: str) -> int:
    setup_django(url)
    from django.core.management import call_command
    from django.utils import timezone

    from activiteiten.agenda import monday_of

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    monday = monday_of(timezone.localdate()) + dt.timedelta(days=7)
    rows = []
    for index, size in enumerate(int(s) for s in args.sizes.split(",")):
        rows.append((size, *measure(args, size, index=index, monday=monday)))

    print()
    print(machine_line())
    print()
    print("| what | runs | median | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size, results, queries in rows:
        for name, seconds in results.items():
            count = [queries[name]] if name in queries else None
            print(summary(f"{name}, {size} rooms", seconds, count))
    print()
    print("| rooms | page / rooms_week | csv / rooms_week | rooms_week / fetch |")
    print("| --- | --- | --- | --- |")
    for size, results, _queries in rows:
        med = {name: statistics.median(seconds) for name, seconds in results.items()}
        print(
            f"| {size} | {med['page'] / med['rooms_week']:.2f} | "
            f"{med['csv'] / med['rooms_week']:.2f} | {med['rooms_week'] / med['fetch']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
