"""Benchmark: importing a wijk- en buurtkaart of the whole country (locaties/wijkimport.py).

Builds a file shaped like CBS's national wijk- en buurtkaart in RD New with the older
upper-case columns: 342 gemeenten, 3 420 wijken and about 14 800 buurten (1 in 100 water), each
boundary a rectangle with a vertex every `--spacing` metres, plus the 30-odd other columns CBS
writes; and 10 000 places spread over the gemeenten. Then it measures, in a throw-away test
database (in memory for SQLite, `test_<name>` for PostgreSQL):

- reading the file: JSON, columns, geometries, projection (`read_file`);
- the first import of everything, places included (`import_wijken`);
- the point-in-polygon assignment of the places alone (`assign_wijken`, nothing to change);
- a re-import of the same file (everything unchanged, compared in place).

Run from the project folder (the figures go in docs/benchmarks.md):

    .venv/bin/python benchmarks/wijkimport.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/wijkimport.py

Options: --spacing (metres between boundary vertices, default 100), --places (default 10000),
--seed.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import django

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")

GRID = (18, 19)  # gemeenten in columns × rows: 342
WIJKEN_PER_GEMEENTE = (2, 5)  # columns × rows
X_RANGE = (30_000, 260_000)  # RD New metres, inside the Netherlands' WGS84 box
Y_RANGE = (320_000, 600_000)
EXTRA_COLUMNS = [
    "IND_WBI", "AANT_MAN", "AANT_VROUW", "P_00_14_JR", "P_15_24_JR", "P_25_44_JR",
    "P_45_64_JR", "P_ONGEHUWD", "P_GEHUWD", "P_GESCHEID", "P_VERWEDUW", "BEV_DICHTH",
    "AANTAL_HH", "P_EENP_HH", "P_HH_Z_K", "P_HH_M_K", "GEM_HH_GR", "P_WEST_AL", "P_N_W_AL",
    "WONINGEN", "WOZ", "P_KOOPWON", "P_HUURWON", "OPP_TOT", "OPP_LAND", "OPP_WATER",
]  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spacing", type=float, default=100.0)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def ring(x0, y0, x1, y1, spacing):
    """A rectangle's ring with a vertex every `spacing` metres."""
    points = []
    for (ax, ay), (bx, by) in [
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ]:
        steps = max(1, round(max(abs(bx - ax), abs(by - ay)) / spacing))
        points += [
            [round(ax + (bx - ax) * i / steps, 3), round(ay + (by - ay) * i / steps, 3)]
            for i in range(steps)
        ]
    return points + [points[0]]


def national_file(rng, spacing):
    columns, rows = GRID
    width = (X_RANGE[1] - X_RANGE[0]) / columns
    height = (Y_RANGE[1] - Y_RANGE[0]) / rows
    features, gemeenten, vertices = [], [], 0

    def properties(**values):
        extra = {name: rng.choice([rng.randint(0, 5000), -99997]) for name in EXTRA_COLUMNS}
        return {**extra, **values}

    number = 0
    for column in range(columns):
        for row in range(rows):
            number += 1
            code = f"{number:04d}"
            gx, gy = X_RANGE[0] + column * width, Y_RANGE[0] + row * height
            gemeenten.append((code, (gx, gy, gx + width, gy + height)))
            wc, wr = WIJKEN_PER_GEMEENTE
            for w in range(wc * wr):
                wx = gx + (w % wc) * width / wc
                wy = gy + (w // wc) * height / wr
                wcode = f"WK{code}{w:02d}"
                box = (wx, wy, wx + width / wc, wy + height / wr)
                shape = ring(*box, spacing)
                vertices += len(shape)
                features.append(
                    {
                        "type": "Feature",
                        "properties": properties(
                            WK_CODE=wcode, WK_NAAM=f"Wijk {w} van {code}", GM_CODE=f"GM{code}",
                            GM_NAAM=f"Gemeente {code}", WATER="NEE",
                            AANT_INW=rng.randint(500, 20_000), P_65_EO_JR=rng.randint(5, 40),
                        ),
                        "geometry": {"type": "Polygon", "coordinates": [shape]},
                    }
                )  # fmt: skip
                buurten = 4 if (number + w) % 3 else 5  # 4.33 on average
                for b in range(buurten):
                    bx = box[0] + b * (box[2] - box[0]) / buurten
                    shape = ring(bx, box[1], bx + (box[2] - box[0]) / buurten, box[3], spacing)
                    vertices += len(shape)
                    features.append(
                        {
                            "type": "Feature",
                            "properties": properties(
                                BU_CODE=f"BU{code}{w:02d}{b:02d}", BU_NAAM=f"Buurt {w}.{b}",
                                WK_CODE=wcode, GM_CODE=f"GM{code}", GM_NAAM=f"Gemeente {code}",
                                WATER="JA" if rng.random() < 0.01 else "NEE",
                                AANT_INW=rng.choice([rng.randint(0, 6000), -99997]),
                                P_65_EO_JR=rng.choice([rng.randint(5, 40), -99997]),
                            ),
                            "geometry": {"type": "Polygon", "coordinates": [shape]},
                        }
                    )  # fmt: skip
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
    return json.dumps(collection).encode(), gemeenten, vertices


def create_world(gemeenten, places, rng):
    from pyproj import Transformer

    from locaties.constants import LocatieSoort, LocatieStatus
    from locaties.models import Locatie
    from partners.models import Gemeente

    rows = Gemeente.objects.bulk_create(
        Gemeente(naam=f"Gemeente {code}", cbs_code=f"GM{code}", slug=f"gemeente-{code}")
        for code, _box in gemeenten
    )
    to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
    locaties = []
    for n in range(places):
        index = rng.randrange(len(gemeenten))
        x0, y0, x1, y1 = gemeenten[index][1]
        lon, lat = to_wgs84.transform(rng.uniform(x0, x1), rng.uniform(y0, y1))
        locaties.append(
            Locatie(
                naam=f"Plek {n}", slug=f"plek-{n}", soort=LocatieSoort.PLUS_PUNT,
                status=LocatieStatus.GEPUBLICEERD, straat="Dorpsstraat", huisnummer=1,
                postcode="1234 AB", plaats="Ergens", gemeente=rows[index],
                latitude=lat, longitude=lon,
            )
        )  # fmt: skip
    Locatie.objects.bulk_create(locaties, batch_size=1000)
    return list(Gemeente.objects.all())


def timed(label, function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    print(f"| {label} | {seconds:.2f} |", flush=True)
    return result


def main() -> int:
    args = parse_args()
    django.setup()
    from django.db import connection

    from locaties import wijkimport
    from locaties.models import Locatie, Wijk

    rng = random.Random(args.seed)
    inhoud, gemeenten, vertices = national_file(rng, args.spacing)
    features = inhoud.count(b'"Feature"')
    print(
        f"File: {len(inhoud) / 1e6:.0f} MB, {features} features, {vertices} vertices "
        f"({args.spacing:g} m apart); {args.places} places; {connection.vendor}",
        flush=True,
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        registered = create_world(gemeenten, args.places, rng)
        print("| step | seconds |\n| --- | --- |")
        timed(
            "read the file (JSON, columns, shapes, projection)",
            lambda: wijkimport.read_file(inhoud),
        )
        verslag = timed(
            "first import, places included",
            lambda: wijkimport.import_wijken(inhoud, gemeenten=registered),
        )
        timed(
            "places alone (point in polygon, nothing to change)",
            lambda: wijkimport.assign_wijken(registered),
        )
        again = timed(
            "re-import of the same file",
            lambda: wijkimport.import_wijken(inhoud, gemeenten=registered),
        )
        print()
        for regel in verslag.regels():
            print(regel)
        unchanged, updated = sum(again.ongewijzigd.values()), sum(again.bijgewerkt.values())
        print(f"Re-import: {unchanged} unchanged, {updated} updated")
        in_buurt = Locatie.objects.filter(buurt__isnull=False).count()
        print(f"Places with a buurt: {in_buurt} of {args.places}; wijken and buurten: "
              f"{Wijk.objects.count()}")  # fmt: skip
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
