"""Benchmark: the week grid (dekking/week.py) and a what-if run (dekking/scenario.py), for one
gemeente and for the whole country.

The data come from benchmarks/dekking.py's builders (the same seeded towns and country):

1. **A gemeente** of 120 buurten in 12 wijken with 500 published places (30 in a neighbour).
   Timed: the week page /beheer/dekking/week/ and the what-if page /beheer/dekking/wat-als/
   (5 concept places and 3 points added, 5 published places taken away) through Django's test
   client, signed in as the gemeente's officer, and week()/wat_als() alone. Requirement:
   each under 1 s.
2. **The Netherlands**: about 14 800 buurten, 3 300 wijken, 342 gemeenten, 10 000 places.
   Timed: the week grid and a what-if run (50 places taken away, 50 points added) for all of
   it at once, fetching included. Requirement: under 10 s.

benchmarks/dekking.py's places are open on weekdays from 9:00 only; here a third of them also
get an evening (19:00–21:30), a fifth a Saturday (10:00–16:00), and a tenth a closure on one
day of the week, so that the cells of the grid differ.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/besluit.py
    .venv/bin/python benchmarks/besluit.py --sqlite

Options: --runs (default 10), --seed, --skip-nl, --keep (PostgreSQL: keep the database),
--in-place (PostgreSQL: the empty database DATABASE_URL names, left filled afterwards),
--reuse (PostgreSQL: the database DATABASE_URL names, filled by an earlier --in-place run;
nothing is made, so a run takes minutes less), --profile (one country run of each under
cProfile: where the time goes).
"""

import argparse
import datetime as dt
import importlib.util
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from harness import machine_line, on_throwaway_database, setup_django

# benchmarks/dekking.py under another name: "dekking" is the app.
_spec = importlib.util.spec_from_file_location(
    "bench_dekking", Path(__file__).with_name("dekking.py")
)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-nl", action="store_true", help="only the one gemeente")
    parser.add_argument(
        "--skip-week-nl", action="store_true", help="not the week grid of the whole country"
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the PostgreSQL database DATABASE_URL names, filled by an --in-place run",
    )
    parser.add_argument(
        "--profile", action="store_true", help="where the country's time goes (cProfile)"
    )
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
    if args.in_place or args.reuse:
        return run(args, os.environ["DATABASE_URL"])
    return on_throwaway_database(
        "ontmoeting_bench_besluit", lambda url: run(args, url), keep=args.keep
    )


def meer_tijden(rng: random.Random, maandag: dt.date) -> None:
    """Evenings, Saturdays and closures on top of benchmarks/dekking.py's weekday hours."""
    from locaties.models import Locatie, Openingstijd, Sluiting

    tijden, sluitingen = [], []
    for pk in Locatie.objects.values_list("pk", flat=True).order_by("pk"):
        if rng.random() < 1 / 3:
            tijden.append(
                Openingstijd(
                    locatie_id=pk, weekdag=rng.randrange(5), van=dt.time(19), tot=dt.time(21, 30)
                )
            )
        if rng.random() < 1 / 5:
            tijden.append(Openingstijd(locatie_id=pk, weekdag=5, van=dt.time(10), tot=dt.time(16)))
        if rng.random() < 1 / 10:
            dag = maandag + dt.timedelta(days=rng.randrange(7))
            sluitingen.append(Sluiting(locatie_id=pk, van=dag, tot=dag))
    Openingstijd.objects.bulk_create(tijden, batch_size=5000)
    Sluiting.objects.bulk_create(sluitingen, batch_size=5000, ignore_conflicts=True)


def vorige_aandeel_open(grenzen, punten, open_, straal):
    """The week grid's shares as dekking/week.py computed them before (commit ca312f9): per
    distinct set of open places, the union of all their circles over the whole area, cut into
    its parts, each part intersected with the buurten it meets. Kept here to time the new
    aandeel_open against in one run, and to check that both give the same numbers."""
    import numpy as np
    import shapely

    from dekking.dekking import CIRKEL_SEGMENTEN

    n, cellen = len(grenzen), open_.shape[1]
    aandeel = np.zeros((n, cellen))
    zonder = shapely.is_missing(grenzen)
    aandeel[zonder] = np.nan
    cirkels = shapely.buffer(punten, straal, quad_segs=CIRKEL_SEGMENTEN)
    oppervlak = shapely.area(grenzen)
    boom = shapely.STRtree(grenzen)
    shapely.prepare(grenzen)
    sets, welke = np.unique(open_.T, axis=0, return_inverse=True)
    for s, open_nu in enumerate(sets):
        if not open_nu.any():
            continue
        delen = shapely.get_parts(shapely.union_all(cirkels[open_nu]))
        shapely.prepare(delen)
        d_idx, b_idx = boom.query(delen, predicate="intersects")
        heel = shapely.contains(delen[d_idx], grenzen[b_idx])
        gedekt_paar = np.where(heel, oppervlak[b_idx], 0.0)
        binnen = ~heel & shapely.contains(grenzen[b_idx], delen[d_idx])
        gedekt_paar[binnen] = shapely.area(delen[d_idx[binnen]])
        rest = ~heel & ~binnen
        if rest.any():
            gedekt_paar[rest] = shapely.area(
                shapely.intersection(grenzen[b_idx[rest]], delen[d_idx[rest]])
            )
        gedekt = np.bincount(b_idx, weights=gedekt_paar, minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            waarde = np.clip(gedekt / oppervlak, 0.0, 1.0)
        waarde[zonder] = np.nan
        aandeel[:, welke.reshape(-1) == s] = waarde[:, None]
    return aandeel


def vergelijk(gebieden, maandag, runs: int) -> list[str]:
    """The shares of the week grid of the country at 800 m, the new way and the previous
    way, and one dashboard share (every place open), alternately in one run: table rows, and
    the largest difference between the two week grids."""
    import numpy as np
    import shapely
    from django.db.models import Q

    from dekking import dekking, week
    from kern import projections

    _wijken, eenheden = dekking._eenheden(gebieden)
    grenzen_wgs = dekking._grenzen([row[5] for row in eenheden])
    punten_wgs, open_ = week.open_plekken(
        grenzen_wgs[~shapely.is_missing(grenzen_wgs)], Q(gemeente__isnull=False), maandag
    )
    grenzen, punten = projections.to_rd(grenzen_wgs), projections.to_rd(punten_wgs)
    oppervlak = shapely.area(grenzen)
    calls = {
        "new": lambda: week.aandeel_open(grenzen, punten, open_, 800),
        "previous": lambda: vorige_aandeel_open(grenzen, punten, open_, 800),
        "dashboard": lambda: dekking._aandeel_binnen(grenzen, oppervlak, punten, 800),
    }
    wall = {naam: [] for naam in calls}
    cpu = {naam: [] for naam in calls}
    uitkomst = {}
    for _ in range(runs):
        for naam, call in calls.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            uitkomst[naam] = call()
            wall[naam].append(time.perf_counter() - started)
            cpu[naam].append(time.process_time() - started_cpu)
    verschil = np.nanmax(np.abs(uitkomst["new"] - uitkomst["previous"]))
    labels = {
        "new": "week grid's shares, `week.aandeel_open` (800 m)",
        "previous": "the same, the previous way (one union per set of open places)",
        "dashboard": "one dashboard share, every place open (`_aandeel_binnen`)",
    }
    regels = []
    for naam in calls:
        regels.append(f"| {labels[naam]} | {bench.stats(wall[naam])} |")
        regels.append(f"| the same, CPU time of this process | {bench.stats(cpu[naam])} |")
    middel = {naam: sorted(w)[len(w) // 2] for naam, w in wall.items()}
    regels.append("")
    regels.append(
        f"Previous / new: {middel['previous'] / middel['new']:.1f}; new / one dashboard "
        f"share: {middel['new'] / middel['dashboard']:.1f}; largest difference between the two "
        f"week grids: {verschil:.1e}"
    )
    return regels


def profiel(call) -> None:
    """The functions that take the most time in `call()`, by their own time and with the
    functions they call."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(25)


def timed(runs: int, call, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock seconds of `runs` calls; with `cpu`, their CPU time of this process (all its
    threads; not the database server's) is appended to it."""
    seconds = []
    for n in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call(n)
        seconds.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - started_cpu)
    return seconds


def run(args, url: str) -> int:
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from dekking import dekking, scenario, week
    from locaties.constants import LocatieStatus
    from locaties.models import Locatie, Wijk
    from partners.constants import PartnerSoort
    from partners.models import Lidmaatschap, Partner, User

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rng = random.Random(args.seed)
    peildatum = timezone.localdate()
    maandag = peildatum - dt.timedelta(days=peildatum.weekday())
    from partners.models import Gemeente

    if args.reuse:
        maker = None
        gemeente = Gemeente.objects.get(slug="benchmarkstad")
        officer = User.objects.get(email="ambtenaar@example.org")
    else:
        maker = bench.Maker(rng, peildatum)
        started = time.perf_counter()
        gemeente = bench.make_gemeente(maker, rng)
        meer_tijden(rng, maandag)
    # Five of the gemeente's places become concepts (to add), five stay published (to remove).
    plekken = list(Locatie.objects.filter(gemeente=gemeente).order_by("pk"))
    concept = [p.slug for p in plekken[:5]]
    weg = [p.slug for p in plekken[100:105]]
    if not args.reuse:
        Locatie.objects.filter(slug__in=concept).update(status=LocatieStatus.CONCEPT)
        print(f"Gemeente made in {time.perf_counter() - started:.0f} s", flush=True)
        bench.vacuum(connection)
        officer = User.objects.create_user(
            "ambtenaar@example.org", "een-lang-wachtwoord-voor-tests"
        )
        partner = Partner.objects.create(
            naam="Gemeente Benchmarkstad", slug="gemeente-benchmarkstad",
            soort=PartnerSoort.GEMEENTE, gemeente=gemeente,
        )  # fmt: skip
        partner.werkgebied.add(gemeente)
        Lidmaatschap.objects.create(user=officer, partner=partner)
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    wat_als_query = {
        "straal": "800",
        "erbij": concept,
        "punten": "52.15, 5.38\n52.16, 5.39\n52.14, 5.37",
        "eraf": weg,
    }

    for _ in range(2):  # warm: imports, the projection
        assert client.get("/beheer/dekking/week/").status_code == 200
        assert client.get("/beheer/dekking/wat-als/", wat_als_query).status_code == 200
    queries = {}

    def pagina(pad, **query):
        def call(n):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(pad, {**query, "straal": dekking.STRALEN[n % 3]})
            assert response.status_code == 200, response.status_code
            queries[pad] = len(captured.captured_queries)

        return call

    week_page = timed(args.runs, pagina("/beheer/dekking/week/"))
    wat_als_page = timed(args.runs, pagina("/beheer/dekking/wat-als/", **wat_als_query))
    erbij_pks = list(Locatie.objects.filter(slug__in=concept).values_list("pk", flat=True))
    weg_pks = list(Locatie.objects.filter(slug__in=weg).values_list("pk", flat=True))
    week_alone = timed(args.runs, lambda n: week.week(gemeente, straal=dekking.STRALEN[n % 3]))
    wat_als_alone = timed(
        args.runs,
        lambda n: scenario.wat_als(
            gemeente,
            straal=dekking.STRALEN[n % 3],
            erbij=erbij_pks,
            punten=[(52.15, 5.38), (52.16, 5.39), (52.14, 5.37)],
            eraf=weg_pks,
        ),
    )
    grid = week.week(gemeente)

    print()
    print(machine_line())
    print()
    print(
        f"Gemeente: {len(grid.buurten)} buurten in {len(grid.wijken)} wijken, "
        f"{grid.plekken} places in the grid; queries a page: week "
        f"{queries['/beheer/dekking/week/']}, what-if {queries['/beheer/dekking/wat-als/']}"
    )
    print()
    print("| what | runs | median | p95 | max |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| week page `/beheer/dekking/week/` (400/800/1200 m) | {bench.stats(week_page)} |")
    print(f"| `week.week()` alone | {bench.stats(week_alone)} |")
    print(f"| what-if page `/beheer/dekking/wat-als/` | {bench.stats(wat_als_page)} |")
    print(f"| `scenario.wat_als()` alone | {bench.stats(wat_als_alone)} |")

    if args.skip_nl:
        return 0
    if args.reuse:
        if not Gemeente.objects.filter(slug="gemeente-0").exists():
            print("\nNo country in this database: run with --in-place first.")
            return 1
    else:
        started = time.perf_counter()
        buurten = bench.make_nederland(maker, rng)
        meer_tijden(rng, maandag)
        print(
            f"\nThe Netherlands made in {time.perf_counter() - started:.0f} s: {buurten} buurten",
            flush=True,
        )
        bench.vacuum(connection)
    # The scenario's places and points from a generator of their own, so that a --reuse run
    # takes the same ones as the run that made the data.
    keus = random.Random(args.seed + 1)
    alle_plekken = list(Locatie.objects.order_by("pk").values_list("pk", "latitude", "longitude"))
    weg_nl = [row[0] for row in keus.sample(alle_plekken, 50)]
    erbij_nl = [
        (row[1] + keus.uniform(-0.02, 0.02), row[2] + keus.uniform(-0.03, 0.03))
        for row in keus.sample(alle_plekken, 50)
    ]

    def gebieden():
        return list(dekking.met_grenstekst(Wijk.objects.all()).values_list(*dekking.GEBIED_VELDEN))

    def week_nl(n):
        return week.bereken_week(
            "Nederland",
            gebieden=gebieden(),
            eigen_plekken=Q(gemeente__isnull=False),
            straal=dekking.STRALEN[n % 3],
            maandag=maandag,
        )

    def wat_als_nl(n):
        return scenario.bereken_scenario(
            "Nederland",
            gebieden=gebieden(),
            eigen_plekken=Q(gemeente__isnull=False),
            straal=dekking.STRALEN[n % 3],
            punten=erbij_nl,
            eraf=weg_nl,
        )

    if args.profile:
        for naam, call in (("week grid", week_nl), ("what-if", wat_als_nl)):
            if naam == "week grid" and args.skip_week_nl:
                continue
            print(f"\nWhere the time goes: the country's {naam} at 800 m (cProfile)\n")
            profiel(lambda call=call: call(1))

    print(f"\nLoad average before the country's runs: {os.getloadavg()[0]:.1f}", flush=True)
    runs = max(3, args.runs // 3)
    week_cpu, wat_als_cpu = [], []
    week_times = [] if args.skip_week_nl else timed(runs, week_nl, week_cpu)
    wat_als_times = timed(runs, wat_als_nl, wat_als_cpu)
    result = wat_als_nl(1)
    print(f"\nNederland: {len(result.buurten)} buurten, {len(result.wijken)} wijken")
    print()
    print("| what | runs | median | p95 | max |")
    print("| --- | --- | --- | --- | --- |")
    if week_times:
        print(
            f"| week grid of all of the Netherlands (400/800/1200 m) | {bench.stats(week_times)} |"
        )
        print(f"| the same, CPU time of this process | {bench.stats(week_cpu)} |")
    print(
        f"| what-if for all of the Netherlands (50 places off, 50 points on) | "
        f"{bench.stats(wat_als_times)} |"
    )
    print(f"| the same, CPU time of this process | {bench.stats(wat_als_cpu)} |")
    if not args.skip_week_nl:
        print("\nThe week grid's shares alone, side by side (same inputs, alternately):\n")
        print("| what | runs | median | p95 | max |")
        print("| --- | --- | --- | --- | --- |")
        for regel in vergelijk(gebieden(), maandag, runs):
            print(regel)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
