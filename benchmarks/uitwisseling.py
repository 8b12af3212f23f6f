"""Benchmark: importing 10 000 places with a room and two opening periods each
(uitwisseling/importeren.py), on the PostgreSQL database DATABASE_URL names (migrated first;
the benchmark's gemeente and its records are removed afterwards).

Measures, in one run: reading the XLSX file, the dry run, the import, the same file again
(nothing changes) and the export of all places; and the peak memory of the process
(resource.getrusage maxrss). The issue asks for under 30 s per step and under 500 MB.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wtimport \
        .venv/bin/python benchmarks/uitwisseling.py [--places 10000]
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
os.environ.setdefault("DEBUG", "true")


def _remove(gemeente) -> None:
    """The benchmark's records, without a history row per deleted record (raw deletes)."""
    from django.db import connection

    from locaties.models import Locatie, Openingstijd, Ruimte, Samenwerking, Wijk

    plekken = Locatie.objects.filter(gemeente=gemeente)
    for model in (Openingstijd, Ruimte, Samenwerking):
        model.history.filter(locatie__in=plekken.values("pk"))._raw_delete(connection.alias)
    Ruimte.voorzieningen.through.objects.filter(ruimte__locatie__gemeente=gemeente)._raw_delete(
        connection.alias
    )
    for model in (Openingstijd, Ruimte, Samenwerking):
        model.objects.filter(locatie__gemeente=gemeente)._raw_delete(connection.alias)
    for veld in ("doelgroepen", "voorzieningen"):
        getattr(Locatie, veld).through.objects.filter(locatie__gemeente=gemeente)._raw_delete(
            connection.alias
        )
    Locatie.history.filter(gemeente_id=gemeente.pk)._raw_delete(connection.alias)
    plekken._raw_delete(connection.alias)
    Wijk.objects.filter(gemeente=gemeente).delete()
    gemeente.delete()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=10_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at a PostgreSQL database.", file=sys.stderr)
        return 2

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from locaties.models import Locatie
    from partners.models import Gemeente
    from uitwisseling import exporteren, importeren, lezen
    from uitwisseling.kolommen import LOCATIES, OPENINGSTIJDEN, RUIMTEN

    gemeente, _created = Gemeente.objects.get_or_create(
        cbs_code="GM9990", defaults={"naam": "Benchmarkstad", "slug": "benchmarkstad"}
    )
    n = args.places

    def rij(blad, waarden):
        return [waarden.get(kolom.veld, "") for kolom in blad.kolommen]

    rijen = {LOCATIES.naam: [], RUIMTEN.naam: [], OPENINGSTIJDEN.naam: []}
    for i in range(n):
        sleutel = f"B{i:05d}"
        rijen[LOCATIES.naam].append(
            rij(LOCATIES, {
                "extern_id": sleutel, "gemeente": "GM9990", "naam": f"Ontmoetingsplek {i}",
                "soort": "buurthuis", "straat": "Benchmarkweg", "huisnummer": i + 1,
                "postcode": f"{1000 + i % 8999} AB", "plaats": "Benchmarkstad",
                "adres_openbaar": "ja", "latitude": 52.0 + (i % 100) / 1000,
                "longitude": 5.0 + (i // 100) / 1000, "doelgroepen": "iedereen, ouderen",
                "voorzieningen": "keuken", "rolstoeltoegankelijk": "ja",
            })
        )  # fmt: skip
        verwijzing = {"locatie_extern_id": sleutel}
        rijen[RUIMTEN.naam].append(
            rij(RUIMTEN, {**verwijzing, "naam": "Zaal", "capaciteit": 30, "verhuurbaar": "nee"})
        )
        for dag, van, tot in ((0, "09:00", "12:00"), (2, "13:00", "17:00")):
            rijen[OPENINGSTIJDEN.naam].append(
                rij(OPENINGSTIJDEN, {**verwijzing, "weekdag": ["maandag", "", "woensdag"][dag],
                                     "van": van, "tot": tot})
            )  # fmt: skip
    inhoud = exporteren.als_xlsx(rijen)
    rechten = importeren.rechten_voor_gemeente(gemeente)
    figures = []

    def timed(label, fn):
        start = time.perf_counter()
        result = fn()
        figures.append((label, time.perf_counter() - start))
        return result

    try:
        gelezen = timed("read XLSX", lambda: lezen.lees_bestand(inhoud, max_bytes=None))
        dry = timed("dry run", lambda: importeren.importeer(
            gelezen, rechten=rechten, bestandsnaam="bench.xlsx", proef=True))  # fmt: skip
        assert not dry.fouten, dry.fouten[:5]
        done = timed("import", lambda: importeren.importeer(
            gelezen, rechten=rechten, bestandsnaam="bench.xlsx", proef=False))  # fmt: skip
        assert done.uitgevoerd and Locatie.objects.filter(gemeente=gemeente).count() == n
        again = timed("same file again", lambda: importeren.importeer(
            lezen.lees_bestand(inhoud, max_bytes=None), rechten=rechten,
            bestandsnaam="bench.xlsx", proef=False))  # fmt: skip
        assert again.aantal_wijzigingen == 0
        timed("export XLSX", lambda: exporteren.als_xlsx(
            exporteren.export_rijen(Locatie.objects.filter(gemeente=gemeente))))  # fmt: skip
    finally:
        _remove(gemeente)

    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} places, {n} rooms, {2 * n} opening periods; file {len(inhoud) / 1e6:.1f} MB")
    print("| step | seconds |")
    print("| --- | ---: |")
    for label, seconds in figures:
        print(f"| {label} | {seconds:.1f} |")
    print(f"| peak memory (maxrss) | {maxrss_mb:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
