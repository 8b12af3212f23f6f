"""Benchmark: search by word over 100 000 places and 50 000 activities on PostgreSQL.

Fills a database with published places (names, kinds, descriptions, a facility, a partner)
and activities (titles and categories from the demo's vocabulary, four stored dates to come
each), then times, for a set of residents' queries (a word, a place name, a facility, a word
with a town or a postcode, a typo):

- the search as the place list runs it (publiek/zoeken.py: reading the line, the first page of
  20 places with the count, and the first 10 activities with their next date), in the app
  process, so Python and the ORM count;
- the same answer in hand-written SQL on the same indexes (places page, count, activities),
  as the floor to compare with: the ratio says what the ORM and the Python around it cost;
- the whole /locaties/?q=… page through Django's test client.

Run from the project folder (figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/search.py

By default a throw-away database beside the one DATABASE_URL names is created and dropped
afterwards; `--in-place` uses the named database itself (it is migrated and filled: use an
empty one). Options: --places (100 000), --activities (50 000), --runs (per query, 15), --seed.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
import uuid

from harness import on_throwaway_database, setup_django

TOWNS = [
    ("Apeldoorn", "GM0200", 52.211, 5.970, "73"),
    ("Zeist", "GM0355", 52.091, 5.233, "37"),
    ("Purmerend", "GM0439", 52.505, 4.960, "14"),
    ("Deventer", "GM0150", 52.255, 6.163, "74"),
    ("Amersfoort", "GM0307", 52.156, 5.387, "38"),
    ("Zwolle", "GM0193", 52.516, 6.083, "80"),
    ("Ede", "GM0228", 52.040, 5.665, "67"),
    ("Hilversum", "GM0402", 52.223, 5.176, "12"),
    ("Almere", "GM0034", 52.350, 5.264, "13"),
    ("Leiden", "GM0546", 52.160, 4.497, "23"),
]
PLACE_WORDS = [
    "De Linde", "Het Anker", "De Mheen", "De Bolder", "Noord", "Zuid", "De Eik", "Het Baken",
    "De Kroon", "Het Plein", "De Brug", "De Horst", "Kristal", "De Sprengen", "Het Rondeel",
]  # fmt: skip
PLACE_KINDS = [
    ("plus_punt", "+Punt"),
    ("wijkservicepunt", "Wijkservicepunt"),
    ("buurthuis", "Buurthuis"),
    ("ontmoetingsruimte", "Huiskamer"),
    ("woonzorglocatie", "Woonzorglocatie"),
    ("steunpunt", "Steunpunt"),
]
# Descriptions are two sentences out of sixty, so a word such as "computerles" is in about
# one place in thirty, as in a registry where places describe themselves in their own words.
SENTENCES = [
    "Een huiskamer in de buurt met koffie en een praatje.",
    "Wijkcentrum met een grote zaal, een keuken en een tuin.",
    "Ontmoetingsruimte in het wooncomplex, open voor de hele buurt.",
    "Elke dag een verse maaltijd.",
    "Computerles voor beginners op dinsdag.",
    "Hulp bij formulieren en een boekenkast.",
    "Dagbesteding voor mensen met een beperking.",
    "Een winkel met tweedehands spullen.",
] + [f"Vrijwilligers van project {n} helpen elkaar en de buurt." for n in range(52)]
# Ten kinds of activity as the demo has them, and fifty of a place's own.
ACTIVITIES = [
    ("Koffieochtend", "koffie"),
    ("Samen eten", "maaltijd"),
    ("Maaltijd op woensdag", "maaltijd"),
    ("Klaverjassen", "spelletjes"),
    ("Computerles voor beginners", "computerles"),
    ("Spreekuur sociaal wijkteam", "spreekuur"),
    ("Wandelen in het park", "bewegen"),
    ("Breiclub", "creatief"),
    ("Klussen in de wijk", "klussen"),
    ("Taalcafé", "cursus"),
] + [(f"Buurtproject {n}", "overig") for n in range(50)]
QUERIES = [
    "computerles",
    "maaltijd",
    "rolstoel",
    "breien Zeist",
    "spreekuur 7311",
    "Heel Europa",
    "koffie",
    "computreles",
    "PostNL",
    "Stimenz",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--in-place", action="store_true", help="use DATABASE_URL's database")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if args.in_place:
        return run(args, os.environ["DATABASE_URL"])
    return on_throwaway_database("ontmoeting_zoek", lambda url: run(args, url), keep=args.keep)


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    """COPY rows (tuples of str/int/float/None) into `table`."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        while data := buffer.read(1 << 20):
            copy.write(data)


def fill(args, rng: random.Random) -> None:
    """Places, partners, activities and their stored dates, by COPY."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from partners.models import Gemeente, Partner
    from publiek import zoekdocument

    gemeenten = [
        Gemeente.objects.create(naam=naam, cbs_code=code, slug=naam.lower())
        for naam, code, *_ in TOWNS
    ]
    partners = [
        Partner.objects.create(naam=naam, slug=f"partner-{n}", soort="welzijn")
        for n, naam in enumerate(
            ["Stimenz", "Kwintes", "Abrona", "Leviaan", "De Woonmensen"]
            + [f"Stichting Buurtwerk {n}" for n in range(195)]
        )
    ]
    now = timezone.now().isoformat()
    today = timezone.localdate()
    place_rows = []
    for n in range(args.places):
        town = n % len(TOWNS)
        naam, _code, lat, lon, pc = TOWNS[town]
        kind, label = PLACE_KINDS[n % len(PLACE_KINDS)]
        name = "Heel Europa" if n == 4242 else f"{label} {rng.choice(PLACE_WORDS)} {n}"
        place_rows.append(
            (
                n + 1, name, f"plek-{n}", kind,
                "concept" if n % 20 == 0 else "gepubliceerd",
                " ".join(rng.sample(SENTENCES, 2)), "Dorpsstraat", 1 + n % 200, "",
                f"{pc}{n % 100:02d} AB", naam, True, gemeenten[town].pk,
                round(lat + rng.uniform(-0.05, 0.05), 6), round(lon + rng.uniform(-0.08, 0.08), 6),
                "012 345 67 89", [True, False, None][n % 3], "", "", False, False, False,
                False, False, False, False, "", "", now, now,
                uuid.UUID(int=rng.getrandbits(128)), "",
            )
        )  # fmt: skip
    with connection.cursor() as cursor:
        # The search documents' triggers (publiek/zoekdocument.py) would recompute a place
        # for each of its facilities, partners and activities as they are copied in: off
        # while copying (the server's superuser), then every document computed once.
        cursor.execute("SET session_replication_role = replica")
        copy_rows(
            cursor.cursor,
            "locaties_locatie",
            "id naam slug soort status omschrijving straat huisnummer huisnummer_toevoeging "
            "postcode plaats adres_openbaar gemeente_id latitude longitude telefoon "
            "rolstoeltoegankelijk toegankelijkheid_toelichting beheervorm "
            "heeft_community_builder biedt_dagbesteding is_sterlocatie begeleiding_lichamelijk "
            "begeleiding_verstandelijk begeleiding_psychiatrie is_demo email website "
            "aangemaakt_op gewijzigd_op uuid extern_id".split(),
            place_rows,
        )
        voorzieningen = ["keuken", "maaltijden", "postnl_punt", "computers", "wifi"]
        copy_rows(
            cursor.cursor,
            "locaties_locatie_voorzieningen",
            ["locatie_id", "voorziening_id"],
            ((n + 1, voorzieningen[n % len(voorzieningen)]) for n in range(args.places)),
        )
        copy_rows(
            cursor.cursor,
            "locaties_samenwerking",
            ["locatie_id", "partner_id", "rol", "schriftelijk_vastgelegd", "toelichting"],
            (
                (n + 1, partners[(7 * n) % len(partners)].pk, "beheerder", False, "")
                for n in range(args.places)
            ),
        )
        activity_rows, date_rows = [], []
        for n in range(args.activities):
            titel, categorie = rng.choice(ACTIVITIES)
            place = rng.randrange(args.places) + 1
            activity_rows.append(
                (
                    n + 1, f"{titel}", f"act-{n}", "", place, partners[n % len(partners)].pk,
                    categorie, False, 0, "", False, "", today.isoformat(), "10:00", "12:00",
                    "FREQ=WEEKLY", "afgelast" if n % 25 == 0 else "gepubliceerd", False,
                    now, now, uuid.UUID(int=rng.getrandbits(128)),
                )
            )  # fmt: skip
            for week in range(4):
                day = today + dt.timedelta(days=1 + 7 * week + n % 7)
                begin = dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC).isoformat()
                einde = dt.datetime.combine(day, dt.time(11, 0), tzinfo=dt.UTC).isoformat()
                date_rows.append((n + 1, day.isoformat(), day.isoformat(), begin, einde, False))
        copy_rows(
            cursor.cursor,
            "activiteiten_activiteit",
            "id titel slug omschrijving locatie_id organisator_id categorie "
            "alleen_voor_doelgroep kosten kosten_toelichting aanmelden_nodig aanmelden_via "
            "startdatum begintijd eindtijd herhaling status is_demo aangemaakt_op "
            "gewijzigd_op uuid".split(),
            activity_rows,
        )
        copy_rows(
            cursor.cursor,
            "activiteiten_occurrence",
            ["activiteit_id", "oorspronkelijke_datum", "datum", "begin", "einde", "vervalt"],
            date_rows,
        )
        for table in ("locaties_locatie", "activiteiten_activiteit"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) "
                f"FROM {table}))"
            )
        cursor.execute("SET session_replication_role = DEFAULT")
        zoekdocument.vernieuw_alles(cursor)
        # Writing every document leaves a dead copy of every row: compact the two tables.
        cursor.execute("VACUUM FULL locaties_locatie")
        cursor.execute("VACUUM FULL activiteiten_activiteit")
        cursor.execute("VACUUM ANALYZE")


RAW_PLACES = """
WITH woord AS (SELECT to_tsquery('ontmoeting_nl', %(tsquery)s) AS q)
SELECT l.id, l.naam FROM locaties_locatie l, woord
WHERE l.status = 'gepubliceerd' AND l.id IN (
    SELECT id FROM locaties_locatie
    WHERE to_tsvector('ontmoeting_nl', COALESCE(naam, '') || ' ' || COALESCE(omschrijving, ''))
        @@ woord.q
    UNION
    SELECT locatie_id FROM activiteiten_activiteit
    WHERE status = 'gepubliceerd' AND to_tsvector('ontmoeting_nl',
        COALESCE(titel, '') || ' ' || COALESCE(omschrijving, '')) @@ woord.q
)
ORDER BY l.naam LIMIT 20
"""
RAW_ACTIVITIES = """
SELECT a.id, a.titel, (SELECT o.begin FROM activiteiten_occurrence o
    WHERE o.activiteit_id = a.id AND o.datum >= CURRENT_DATE AND NOT o.vervalt
    ORDER BY o.datum, o.begin LIMIT 1)
FROM activiteiten_activiteit a JOIN locaties_locatie l ON l.id = a.locatie_id
WHERE a.status = 'gepubliceerd' AND l.status = 'gepubliceerd'
  AND to_tsvector('ontmoeting_nl', COALESCE(a.titel, '') || ' ' || COALESCE(a.omschrijving, ''))
    @@ to_tsquery('ontmoeting_nl', %(tsquery)s)
ORDER BY a.titel LIMIT 10
"""

# The same answer read from the stored search documents (publiek/zoekdocument.py), by hand:
# the capped count, the first 20 public places by name, the first 10 activities by title
# with their next date. What the search now does, without Python, the ORM or relevance.
DOC_COUNT = """
SELECT count(*) FROM (SELECT 1 FROM locaties_locatie
    WHERE status = 'gepubliceerd' AND zoekdocument @@ to_tsquery('ontmoeting_nl', %(tsquery)s)
    LIMIT 501) AS gevonden
"""
DOC_PLACES = """
SELECT id, naam FROM locaties_locatie
WHERE status = 'gepubliceerd' AND zoekdocument @@ to_tsquery('ontmoeting_nl', %(tsquery)s)
ORDER BY naam, id LIMIT 20
"""
DOC_ACTIVITIES = """
SELECT a.id, a.titel, (SELECT o.begin FROM activiteiten_occurrence o
    WHERE o.activiteit_id = a.id AND o.datum >= CURRENT_DATE AND NOT o.vervalt
    ORDER BY o.datum, o.begin LIMIT 1) AS begin
FROM activiteiten_activiteit a JOIN locaties_locatie l ON l.id = a.locatie_id
WHERE a.status = 'gepubliceerd' AND l.status = 'gepubliceerd'
  AND a.zoekdocument @@ to_tsquery('ontmoeting_nl', %(tsquery)s)
  AND EXISTS (SELECT 1 FROM activiteiten_occurrence o
    WHERE o.activiteit_id = a.id AND o.datum >= CURRENT_DATE AND NOT o.vervalt)
ORDER BY a.titel, a.id LIMIT 10
"""


def run(args, url: str) -> int:
    setup_django(url)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from locaties import geocoding
    from locaties.models import Locatie
    from publiek import views, zoeken

    # The page column measures making the page, not the app's page cache for anonymous
    # visitors (ontmoeting/caching.py), which would answer every repeat from memory.
    settings.PUBLIC_PAGE_CACHE = False
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Locatie.objects.exists():
        started = time.perf_counter()
        fill(args, random.Random(args.seed))
        print(
            f"Filled {args.places} places and {args.activities} activities in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )

    # No network: PDOK is "unreachable", so a town or postcode is found in the registry.
    def offline(text):
        raise geocoding.PdokUnavailable

    geocoding.pdok_point = offline

    def search(q):
        zoekopdracht = zoeken.zoek(q=q)
        places = views.searched_locaties(
            Locatie.objects.openbaar().defer("omschrijving", "toegankelijkheid_toelichting"),
            zoekopdracht,
        )
        count = places.count()  # at most zoeken.MAX_AANTAL without a point
        first = list(places[:20])
        activities = (
            zoeken.gevonden_activiteiten(
                zoekopdracht.woorden, today=timezone.localdate(), point=zoekopdracht.point
            )
            if zoekopdracht.woorden
            else []
        )
        return count, first, activities, places

    def raw(q):
        words = zoeken.lees(q).woorden or tuple(zoeken.woorden_van(q))
        tsquery = " & ".join(f"{w}:*" for w in words)
        with connection.cursor() as cursor:
            cursor.execute(RAW_PLACES, {"tsquery": tsquery})
            cursor.fetchall()
            cursor.execute(RAW_ACTIVITIES, {"tsquery": tsquery})
            cursor.fetchall()

    def document_query(q):
        """The tsquery of the words the search looks for (after typo correction)."""
        words = zoeken.zoek(q=q).woorden or tuple(zoeken.woorden_van(q))
        return " & ".join(f"{w}:*" if len(w) >= zoeken.PREFIX_FROM else w for w in words)

    def raw_documents(tsquery):
        with connection.cursor() as cursor:
            for sql in (DOC_COUNT, DOC_PLACES, DOC_ACTIVITIES):
                cursor.execute(sql, {"tsquery": tsquery})
                cursor.fetchall()

    client = Client(HTTP_HOST="localhost")
    print(f"Load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "\n| query | places found | search (ms, median) | raw SQL (ms, median) | ratio | "
        "raw SQL on documents (ms, median) | ratio | page (ms, median) | queries |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    all_search, all_raw, all_documents = [], [], []
    for q in QUERIES:
        search(q)  # warm the caches, as a running site has them
        tsquery = document_query(q)
        timings, raw_timings, document_timings, page_timings = [], [], [], []
        # Interleaved, so that the load of the moment falls on all three alike.
        for _ in range(args.runs):
            started = time.perf_counter()
            count, _first, _activities, places = search(q)
            timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw(q)
            raw_timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw_documents(tsquery)
            document_timings.append(time.perf_counter() - started)
        for _ in range(max(3, args.runs // 3)):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/locaties/", {"q": q})
                page_timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        median = statistics.median(timings) * 1000
        raw_median = statistics.median(raw_timings) * 1000
        document_median = statistics.median(document_timings) * 1000
        all_search.extend(timings)
        all_raw.extend(raw_timings)
        all_documents.extend(document_timings)
        found = f"> {count}" if getattr(places, "afgekapt", False) else str(count)
        print(
            f"| {q} | {found} | {median:.1f} | {raw_median:.1f} | {median / raw_median:.1f} | "
            f"{document_median:.1f} | {median / document_median:.1f} | "
            f"{statistics.median(page_timings) * 1000:.1f} | {len(queries)} |",
            flush=True,
        )
    medians = [statistics.median(t) * 1000 for t in (all_search, all_raw, all_documents)]
    print(
        f"\nAll queries ({len(all_search)} runs each): search median {medians[0]:.1f} ms, "
        f"raw SQL {medians[1]:.1f} ms, raw SQL on documents {medians[2]:.1f} ms"
    )
    print(f"Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
