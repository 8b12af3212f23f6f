"""Benchmark: the coverage figures (dekking/dekking.py) and the dashboard /beheer/dekking/.

Two data sets, generated (seeded) in a throw-away database:

1. **A gemeente** of 120 buurten in 12 wijken (a town of 5 km radius cut into Voronoi cells)
   with 500 published places (a tenth sterlocaties, a few kernen, 30 just over the border in a
   neighbouring gemeente), opening hours, and activities with their stored dates. Timed: the
   whole dashboard request through Django's test client (signed in as the gemeente's officer),
   `dekking()` alone, and the XLSX export. Requirement: the dashboard under 1 s.
2. **The Netherlands** at scale: about 14 800 buurten in about 3 300 wijken and 342 gemeenten
   (Voronoi cells around 400 towns of very different sizes, the countryside in larger cells),
   10 000 places. Timed: the figures for all of it at once — fetching every wijk and buurt,
   the places, their hours, and all geometry — with `bereken()`. Requirement: under 10 s.

Boundaries get a vertex every 50 m along their edges (shapely.segmentize), so they weigh about
what CBS's generalised wijk- en buurtkaart weighs (tens to hundreds of vertices a buurt).
Occurrence rows are written in bulk for eight weeks, as activiteiten/occurrences.py would write
them for weekly activities (calling it per activity would take minutes and measures nothing here).

Run from the project folder (figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/dekking.py
    .venv/bin/python benchmarks/dekking.py --sqlite          # the embedded default

With PostgreSQL the script creates its own database beside the one DATABASE_URL names
(`ontmoeting_bench_dekking_<pid>`) and drops it afterwards, also when the run fails (--keep
leaves it); with --sqlite it uses a temporary file. Options: --runs (default 20), --seed,
--skip-nl.
"""

import argparse
import datetime as dt
import math
import os
import random
import statistics
import sys
import tempfile
import time

from harness import machine_line, on_throwaway_database, setup_django

# The Dutch mainland, roughly, as in benchmarks/near_me.py: (south, north, west, east).
LAND = [
    (51.25, 51.95, 3.85, 6.05),
    (50.80, 51.25, 5.65, 6.05),
    (51.85, 52.45, 4.20, 6.95),
    (52.45, 53.35, 4.70, 4.95),
    (52.45, 53.40, 5.85, 7.15),
]
SEGMENT_M = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--skip-nl", action="store_true", help="only the one gemeente")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def stats(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{len(ms)} | {statistics.median(ms):.0f} | {p95:.0f} | {ms[-1]:.0f}"


def main() -> int:
    args = parse_args()
    if args.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            return run(args, f"sqlite:///{folder}/bench.sqlite3")
    return on_throwaway_database(
        "ontmoeting_bench_dekking", lambda url: run(args, url), keep=args.keep
    )


# Data --------------------------------------------------------------------------------------


class Maker:
    """Writes gemeenten, wijken, buurten, places, hours and activities in bulk."""

    def __init__(self, rng: random.Random, peildatum: dt.date):
        import shapely
        from pyproj import Transformer

        from partners.constants import PartnerSoort
        from partners.models import Partner

        self.shapely = shapely
        self.rng = rng
        self.peildatum = peildatum
        self.to_wgs = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
        self.to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
        self.organisator = Partner.objects.create(
            naam="Welzijn Benchmark", slug="welzijn-benchmark", soort=PartnerSoort.WELZIJN
        )
        self.places = 0

    def wgs(self, geometries):
        import numpy as np

        def transform(coords):
            x, y = self.to_wgs.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([x, y])

        return self.shapely.transform(geometries, transform)

    def geojson(self, geometries) -> list[str]:
        """Segmentized RD geometries as WGS84 GeoJSON texts (rounded to 6 decimals, ~0.1 m)."""
        shapely = self.shapely
        dense = self.wgs(shapely.segmentize(geometries, SEGMENT_M))
        dense = shapely.set_precision(dense, 1e-6)
        return list(shapely.to_geojson(dense))

    def gebieden(self, gemeente, wijken: list, buurten: list) -> None:
        """`wijken`: [(RD geometry, [indexes into buurten])]; `buurten`: [(RD geometry,
        inwoners, aandeel_65_plus)]. CBS codes from the gemeente's code."""
        import json

        import numpy as np

        from locaties.constants import WijkSoort
        from locaties.models import Wijk

        cijfers = gemeente.cbs_code[2:]
        wijk_geojson = self.geojson(np.array([w[0] for w in wijken], dtype=object))
        wijk_rows = Wijk.objects.bulk_create(
            [
                Wijk(
                    gemeente=gemeente,
                    cbs_code=f"WK{cijfers}{n:02d}",
                    naam=f"Wijk {gemeente.naam} {n}",
                    slug=f"wk{cijfers}{n:02d}",
                    soort=WijkSoort.WIJK,
                    grens=json.loads(wijk_geojson[n]),
                )
                for n in range(len(wijken))
            ]
        )
        buurt_geojson = self.geojson(np.array([b[0] for b in buurten], dtype=object))
        rows = []
        for n, (_geometry, members) in enumerate(wijken):
            for m, index in enumerate(members):
                _g, inwoners, aandeel = buurten[index]
                rows.append(
                    Wijk(
                        gemeente=gemeente,
                        cbs_code=f"BU{cijfers}{n:02d}{m:02d}",
                        naam=f"Buurt {cijfers}-{n}-{m}",
                        slug=f"bu{cijfers}{n:02d}{m:02d}",
                        soort=WijkSoort.BUURT,
                        wijk=wijk_rows[n],
                        grens=json.loads(buurt_geojson[index]),
                        inwoners=inwoners,
                        aandeel_65_plus=aandeel,
                    )
                )
        Wijk.objects.bulk_create(rows, batch_size=2000)

    def plekken(self, gemeente, punten_rd: list[tuple[float, float]]) -> None:
        """Published places at RD points, with opening hours and activities."""
        from django.utils import timezone

        from activiteiten.constants import ActiviteitStatus, Categorie
        from activiteiten.models import Activiteit, Occurrence
        from locaties.constants import LocatieSoort, LocatieStatus
        from locaties.models import Locatie, Openingstijd

        rng = self.rng
        xs = [p[0] for p in punten_rd]
        ys = [p[1] for p in punten_rd]
        lons, lats = self.to_wgs.transform(xs, ys)
        locaties = []
        for lat, lon in zip(lats, lons, strict=True):
            n = self.places
            self.places += 1
            ster = rng.random() < 0.1
            locaties.append(
                Locatie(
                    naam=f"Ontmoetingsplek {n:05d}",
                    slug=f"plek-{n}",
                    soort=LocatieSoort.STEUNPUNT
                    if rng.random() < 0.03
                    else LocatieSoort.PLUS_PUNT,
                    status=LocatieStatus.GEPUBLICEERD,
                    straat="Dorpsstraat",
                    huisnummer=1 + n % 200,
                    postcode="1234 AB",
                    plaats="Ergens",
                    gemeente=gemeente,
                    latitude=round(lat, 6),
                    longitude=round(lon, 6),
                    is_sterlocatie=ster,
                    begeleiding_verstandelijk=ster,
                )
            )
        locaties = Locatie.objects.bulk_create(locaties, batch_size=2000)
        tijden, activiteiten = [], []
        for locatie in locaties:
            for dag in rng.sample(range(5), rng.randint(1, 4)):
                tijden.append(
                    Openingstijd(
                        locatie=locatie,
                        weekdag=dag,
                        van=dt.time(9),
                        tot=dt.time(rng.choice([12, 13, 17])),
                    )
                )
            for k in range(rng.randint(0, 3)):
                activiteiten.append(
                    Activiteit(
                        titel=f"Activiteit {locatie.pk}-{k}",
                        slug=f"activiteit-{locatie.pk}-{k}",
                        locatie=locatie,
                        organisator=self.organisator,
                        categorie=rng.choice(Categorie.values),
                        startdatum=self.peildatum,
                        begintijd=dt.time(10),
                        eindtijd=dt.time(rng.choice([11, 12, 13])),
                        herhaling="FREQ=WEEKLY",
                        status=ActiviteitStatus.GEPUBLICEERD,
                    )
                )
        Openingstijd.objects.bulk_create(tijden, batch_size=5000)
        activiteiten = Activiteit.objects.bulk_create(activiteiten, batch_size=5000)
        occurrences = []
        for activiteit in activiteiten:
            eerste = self.peildatum + dt.timedelta(days=rng.randrange(7))
            for week in range(8):  # the period and the four weeks after it
                datum = eerste + dt.timedelta(weeks=week)
                begin = timezone.make_aware(dt.datetime.combine(datum, activiteit.begintijd))
                einde = timezone.make_aware(dt.datetime.combine(datum, activiteit.eindtijd))
                occurrences.append(
                    Occurrence(
                        activiteit=activiteit,
                        oorspronkelijke_datum=datum,
                        datum=datum,
                        begin=begin,
                        einde=einde,
                        vervalt=week == 2 and activiteit.pk % 5 == 0,
                    )
                )
        Occurrence.objects.bulk_create(occurrences, batch_size=5000)


def voronoi(seeds, area):
    """The Voronoi cells of `seeds` (RD points) cut to `area`, in the order of the seeds."""
    import numpy as np
    import shapely

    points = shapely.points(np.asarray(seeds))
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(points), extend_to=area)
    )
    # voronoi_polygons does not keep the order: match each cell to the seed inside it.
    seed_idx, cell_idx = shapely.STRtree(cells).query(points, predicate="within")
    ordered = np.empty(len(seeds), dtype=object)
    ordered[seed_idx] = cells[cell_idx]
    return shapely.make_valid(shapely.intersection(ordered, area))


def groups(seeds, group_seeds) -> list[list[int]]:
    """For each group seed, the indexes of the seeds nearest to it."""
    import numpy as np
    import shapely

    tree = shapely.STRtree(shapely.points(np.asarray(group_seeds)))
    _s, nearest = tree.query_nearest(shapely.points(np.asarray(seeds)), all_matches=False)
    members = [[] for _ in group_seeds]
    for index, group in enumerate(nearest.tolist()):
        members[group].append(index)
    return members


def bevolking(rng: random.Random, area_m2: float, stedelijk: bool):
    """(inwoners, aandeel_65_plus) of a buurt: a few without residents, a few suppressed."""
    roll = rng.random()
    if roll < 0.03:
        return 0, None  # industrial estate, water, park
    if roll < 0.05:
        return None, None  # CBS's suppressed figure, stored as null
    dichtheid = rng.uniform(1000, 4000) if stedelijk else rng.uniform(20, 120)  # per km²
    inwoners = max(20, round(dichtheid * area_m2 / 1e6 / 5) * 5)
    return inwoners, round(rng.uniform(10, 32), 1)


def make_gemeente(maker: "Maker", rng: random.Random):
    """Gemeente A: 120 buurten in 12 wijken, 500 places (30 of them in neighbour B)."""
    import shapely

    from partners.models import Gemeente

    centre = (155_000.0, 463_000.0)  # Amersfoort, in RD New
    town = shapely.Point(centre).buffer(5000, quad_segs=32)
    seeds = []
    while len(seeds) < 120:
        x, y = rng.uniform(-5000, 5000), rng.uniform(-5000, 5000)
        if x * x + y * y < 4900**2:
            seeds.append((centre[0] + x, centre[1] + y))
    cells = voronoi(seeds, town)
    members = groups(seeds, seeds[:12])
    wijken = [(shapely.union_all(cells[m]), m) for m in members]
    buurten = [(cell, *bevolking(rng, cell.area, True)) for cell in cells]
    gemeente = Gemeente.objects.create(
        naam="Benchmarkstad", cbs_code="GM0901", slug="benchmarkstad"
    )
    buurman = Gemeente.objects.create(naam="Buurgemeente", cbs_code="GM0902", slug="buurgemeente")
    maker.gebieden(gemeente, wijken, buurten)
    binnen = []
    while len(binnen) < 470:
        r = abs(rng.gauss(0, 2500))
        if r < 4950:
            hoek = rng.uniform(0, 2 * math.pi)
            binnen.append((centre[0] + r * math.cos(hoek), centre[1] + r * math.sin(hoek)))
    maker.plekken(gemeente, binnen)
    buiten = []
    for _ in range(30):
        r, hoek = rng.uniform(5050, 6500), rng.uniform(0, 2 * math.pi)
        buiten.append((centre[0] + r * math.cos(hoek), centre[1] + r * math.sin(hoek)))
    maker.plekken(buurman, buiten)
    return gemeente


def make_nederland(maker: "Maker", rng: random.Random) -> int:
    """About 14 800 buurten, 3 300 wijken, 342 gemeenten and 10 000 places over the land."""
    import numpy as np
    import shapely

    from partners.models import Gemeente

    boxes = [
        shapely.box(*maker.to_rd.transform(w, s), *maker.to_rd.transform(e, n))
        for s, n, w, e in LAND
    ]
    land = shapely.union_all(boxes)
    min_x, min_y, max_x, max_y = land.bounds
    towns = []
    while len(towns) < 400:
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if land.contains(shapely.Point(x, y)):
            towns.append((x, y, rng.paretovariate(1.2)))
    weights = [t[2] for t in towns]

    def punten(count: int, spread: float, countryside: float) -> list[tuple[float, float]]:
        result = []
        while len(result) < count:
            if rng.random() < countryside:
                x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
            else:
                tx, ty, _w = rng.choices(towns, weights)[0]
                x, y = rng.gauss(tx, spread), rng.gauss(ty, spread)
            if land.contains(shapely.Point(x, y)):
                result.append((x, y))
        return result

    seeds = punten(14_800, 2500, 0.25)
    # Two seeds at one point would share a cell.
    seeds = list(dict.fromkeys((round(x), round(y)) for x, y in seeds))
    cells = voronoi(seeds, land)
    areas = shapely.area(cells)
    wijk_seeds = rng.sample(range(len(seeds)), 3300)
    wijk_members = groups(seeds, [seeds[i] for i in wijk_seeds])
    wijk_centres = [seeds[i] for i in wijk_seeds]
    gemeente_members = groups(wijk_centres, rng.sample(wijk_centres, 342))
    buurten_totaal = 0
    for g, wijk_indexes in enumerate(gemeente_members):
        if not wijk_indexes:
            continue
        gemeente = Gemeente.objects.create(
            naam=f"Gemeente {g}", cbs_code=f"GM{1000 + g:04d}", slug=f"gemeente-{g}"
        )
        wijken, buurten = [], []
        for w in wijk_indexes[:99]:
            leden = wijk_members[w][:99]
            if not leden:
                continue
            index = list(range(len(buurten), len(buurten) + len(leden)))
            for b in leden:
                buurten.append((cells[b], *bevolking(rng, areas[b], areas[b] < 3e6)))
            wijken.append((shapely.union_all(cells[np.array(leden)]), index))
        maker.gebieden(gemeente, wijken, buurten)
        buurten_totaal += len(buurten)
    plekken = punten(10_000, 3000, 0.1)
    gemeente = Gemeente.objects.get(slug="gemeente-0")
    maker.plekken(gemeente, plekken)
    return buurten_totaal


# Measuring ---------------------------------------------------------------------------------


def run(args, url: str) -> int:
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from dekking import dekking
    from locaties.models import Locatie, Wijk
    from partners.constants import PartnerSoort
    from partners.models import Lidmaatschap, Partner, User

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rng = random.Random(args.seed)
    peildatum = timezone.localdate()
    maker = Maker(rng, peildatum)

    started = time.perf_counter()
    gemeente = make_gemeente(maker, rng)
    print(f"Gemeente made in {time.perf_counter() - started:.0f} s", flush=True)
    vacuum(connection)

    officer = User.objects.create_user("ambtenaar@example.org", "een-lang-wachtwoord-voor-tests")
    partner = Partner.objects.create(
        naam="Gemeente Benchmarkstad", slug="gemeente-benchmarkstad", soort=PartnerSoort.GEMEENTE,
        gemeente=gemeente,
    )  # fmt: skip
    partner.werkgebied.add(gemeente)
    Lidmaatschap.objects.create(user=officer, partner=partner)
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)

    figures = dekking.dekking(gemeente)  # warm: imports, the projection
    for _ in range(3):
        assert client.get("/beheer/dekking/").status_code == 200
    pages, page_queries, figure_times, figure_cpu, exports = [], [], [], [], []
    for n in range(args.runs):
        straal = dekking.STRALEN[n % 3]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/beheer/dekking/", {"straal": straal})
            pages.append(time.perf_counter() - started)
        page_queries.append(len(captured.captured_queries))
        assert response.status_code == 200
        started, cpu = time.perf_counter(), time.process_time()
        figures = dekking.dekking(gemeente, straal=straal)
        figure_times.append(time.perf_counter() - started)
        figure_cpu.append(time.process_time() - cpu)
    for _ in range(max(3, args.runs // 4)):
        started = time.perf_counter()
        assert client.get("/beheer/dekking/export.xlsx").status_code == 200
        exports.append(time.perf_counter() - started)
    figures = dekking.dekking(gemeente)
    page_size = len(client.get("/beheer/dekking/").content)

    print()
    print(machine_line())
    print()
    print(
        f"Gemeente: {len(figures.buurten)} buurten in {len(figures.wijken)} wijken, "
        f"{figures.totaal.inwoners} inwoners; {len(figures.plekken)} places on the map "
        f"({figures.totaal.plekken} inside); page {page_size / 1024:.0f} KB; "
        f"{statistics.mean(page_queries):.0f} queries a page; "
        f"at 800 m {100 * figures.totaal.aandeel_plek:.1f} % within reach"
    )
    print()
    print("| what | runs | median | p95 | max |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| dashboard page `/beheer/dekking/` (400/800/1200 m in turn) | {stats(pages)} |")
    print(f"| `dekking.dekking()` alone | {stats(figure_times)} |")
    print(f"| `dekking.dekking()`, CPU time of this process | {stats(figure_cpu)} |")
    print(f"| export `/beheer/dekking/export.xlsx` | {stats(exports)} |")

    if args.skip_nl:
        return 0
    started = time.perf_counter()
    buurten = make_nederland(maker, rng)
    print(
        f"\nThe Netherlands made in {time.perf_counter() - started:.0f} s: {buurten} buurten",
        flush=True,
    )
    vacuum(connection)

    def alles(straal: int):
        """Every wijk and buurt of the country and every place: one computation."""
        gebieden = list(
            dekking.met_grenstekst(Wijk.objects.all()).values_list(*dekking.GEBIED_VELDEN)
        )
        return dekking.bereken(
            "Nederland",
            gebieden=gebieden,
            eigen_plekken=Q(gemeente__isnull=False),
            straal=straal,
            peildatum=peildatum,
        )

    national, national_cpu, national_queries = [], [], []
    for n in range(max(3, args.runs // 5)):
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            result = alles(dekking.STRALEN[n % 3])
            national.append(time.perf_counter() - started)
            national_cpu.append(time.process_time() - cpu)
        national_queries.append(len(captured.captured_queries))
    phases = profile(alles)
    totaal = result.totaal
    print(
        f"\nNederland: {len(result.buurten)} buurten, {len(result.wijken)} wijken, "
        f"{Locatie.objects.count()} places, {totaal.inwoners} inwoners; "
        f"{statistics.mean(national_queries):.0f} queries"
    )
    print()
    print("| what | runs | median | p95 | max |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| figures for all of the Netherlands (400/800/1200 m) | {stats(national)} |")
    print(f"| the same, CPU time of this process (no database server) | {stats(national_cpu)} |")
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    print()
    print("Where the time goes (one run at 800 m, cProfile, cumulative seconds):")
    print()
    for line in phases:
        print(line)
    return 0


def profile(alles) -> list[str]:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    alles(800)
    profiler.disable()
    stats_ = pstats.Stats(profiler)
    wanted = [
        "values_list",
        "_plekken",
        "_grenzen",
        "to_rd",
        "_centra",
        "_afstand_tot",
        "_aandeel_binnen",
        "_buurt_cijfers",
        "_samen",
        "bereken",
    ]
    lines = []
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats_.stats.items():
        if name in wanted and (
            "dekking" in filename or "projections" in filename or name == "bereken"
        ):
            lines.append((ct, f"- `{name}`: {ct:.2f} s"))
    return [text for _ct, text in sorted(lines, reverse=True)]


def vacuum(connection) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    sys.exit(main())
