"""Benchmark: the daily reminders (herinneringen/) over 10 000 places.

A generated (seeded) gemeente with --places places (default 10 000), each owned by one of 100
corporaties (three members each, so about 300 editors) and reviewed by the gemeente's five
officers. Every place has a written agreement and temporary financing whose end dates spread
over the next 12 months, its last confirmation spreads over the last 24 months, and one in 20
waits for review. So about a quarter of the agreements and of the money ends within the
3-month window, and about half the places are due for confirmation.

Timed side by side in one run:
- `due`: herinneringen.signalen.due(), every signal with its recipients and records;
- `bare`: the records alone with the same filters, without any recipient (ids of the places
  under review and due, of the agreements and financing ending): what any implementation
  must read at least;
- `first run`: stuur_herinneringen() on an empty record (claims, renders and sends every
  e-mail, to Django's in-memory mail backend), once;
- `second run`: stuur_herinneringen() again, which sends nothing: the daily cost once
  everything due was sent.

Run from the project folder (figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/herinneringen.py

The script creates `notify_bench_<pid>` beside the database DATABASE_URL names and drops it
afterwards (--keep leaves it). Options: --places, --runs (default 5), --seed.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

from harness import on_throwaway_database, setup_django, summary


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    return on_throwaway_database("notify_bench", lambda url: run(args, url), keep=args.keep)


def fill(n: int, rng: random.Random) -> None:
    from django.utils import timezone

    from locaties.constants import LocatieSoort, LocatieStatus, SamenwerkingRol
    from locaties.models import Financiering, Locatie, Samenwerking
    from partners.constants import PartnerSoort
    from partners.models import Gemeente, Lidmaatschap, Partner, User

    gemeente = Gemeente.objects.create(naam="Benchstad", cbs_code="GM9999", slug="benchstad")
    officers = Partner.objects.create(
        naam="Gemeente Benchstad",
        slug="gemeente-benchstad",
        soort=PartnerSoort.GEMEENTE,
        gemeente=gemeente,
    )
    corporaties = Partner.objects.bulk_create(
        Partner(
            naam=f"Corporatie {i}", slug=f"corporatie-{i}", soort=PartnerSoort.WONINGCORPORATIE
        )
        for i in range(100)
    )
    users = User.objects.bulk_create(
        User(email=f"medewerker{i}@example.org", naam=f"Medewerker {i}") for i in range(305)
    )
    Lidmaatschap.objects.bulk_create(
        [Lidmaatschap(user=users[i], partner=officers) for i in range(5)]
        + [Lidmaatschap(user=users[5 + i], partner=corporaties[i // 3]) for i in range(300)]
    )
    today = timezone.localdate()
    now = timezone.now()
    Locatie.objects.bulk_create(
        Locatie(
            naam=f"Plek {i:05d}",
            slug=f"plek-{i:05d}",
            soort=LocatieSoort.PLUS_PUNT,
            status=LocatieStatus.TER_BEOORDELING if i % 20 == 0 else LocatieStatus.GEPUBLICEERD,
            straat="Hoofdstraat",
            huisnummer=1 + i % 999,
            postcode="7311 AB",
            plaats="Benchstad",
            gemeente=gemeente,
        )
        for i in range(n)
    )
    locaties = list(Locatie.objects.order_by("pk").values_list("pk", flat=True))
    Locatie.objects.update(aangemaakt_op=now - dt.timedelta(days=730))
    for start in range(0, n, 2000):
        chunk = locaties[start : start + 2000]
        Locatie.objects.filter(pk__in=chunk).update(
            laatst_bevestigd_op=now - dt.timedelta(days=rng.randrange(0, 730))
        )
    Samenwerking.objects.bulk_create(
        Samenwerking(
            locatie_id=pk,
            partner=corporaties[i % 100],
            rol=SamenwerkingRol.EIGENAAR,
            schriftelijk_vastgelegd=True,
            einddatum=today + dt.timedelta(days=rng.randrange(0, 365)),
        )
        for i, pk in enumerate(locaties)
    )
    Financiering.objects.bulk_create(
        Financiering(
            locatie_id=pk,
            bron="wmo",
            structureel=False,
            einddatum=today + dt.timedelta(days=rng.randrange(0, 365)),
        )
        for pk in locaties
    )


def bare():
    """The records the signals are about, without recipients."""
    from django.utils import timezone

    from herinneringen import signalen
    from locaties import currency
    from locaties.constants import LocatieStatus
    from locaties.models import Locatie

    today = timezone.localdate()
    return (
        list(Locatie.objects.filter(status=LocatieStatus.TER_BEOORDELING).values_list("pk")),
        list(currency.due_for_reminder(Locatie.objects.all()).values_list("pk")),
        list(signalen.ending_samenwerkingen(today).values_list("pk")),
        list(signalen.ending_financieringen(today).values_list("pk")),
    )


def timed(function, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            result = function()
            seconds.append(time.perf_counter() - start)
        queries.append(len(context))
    return seconds, queries, result


def run(args, url: str) -> int:
    setup_django(url)
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    from herinneringen import signalen
    from herinneringen.versturen import stuur_herinneringen

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://ontmoeten.example.nl"
    mail.outbox = []
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    start = time.perf_counter()
    fill(args.places, rng)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Filled {args.places} places in {time.perf_counter() - start:.1f} s", flush=True)

    due_s, due_q, due = timed(lambda: signalen.due(), args.runs)
    bare_s, bare_q, records = timed(bare, args.runs)
    first_s, first_q, first = timed(stuur_herinneringen, 1)
    second_s, second_q, second = timed(stuur_herinneringen, args.runs)

    print(f"\nload average {os.getloadavg()[0]:.2f}, {dt.date.today()}, {args.places} places")
    print(
        f"signals {len(due.signalen)}; records: review {len(records[0])}, confirm "
        f"{len(records[1])}, agreements {len(records[2])}, financing {len(records[3])}"
    )
    print(
        f"first run: {first.emails} e-mails with {first.items} items "
        f"({len(mail.outbox)} in the outbox); second run: {second.emails} e-mails"
    )
    print("| what | runs | median ms | p95 | max | queries (mean) | queries (max) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(summary("due (signals, recipients, records)", due_s, due_q))
    print(summary("bare (the records' ids only)", bare_s, bare_q))
    print(summary("first run (claim, render, send)", first_s, first_q))
    print(summary("second run (sends nothing)", second_s, second_q))
    ratio = statistics.median(due_s) / statistics.median(bare_s)
    print(f"\ndue / bare: {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
