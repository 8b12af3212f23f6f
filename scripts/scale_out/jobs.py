"""Helpers of scripts/scale_out.sh that need Django: prepare the data, start the background
jobs, and check afterwards that no job was lost or done twice and no edit was lost.

    jobs.py prepare DATA_JSON GEOJSON   place slugs, the staff login, a wijk file for the jobs
    jobs.py start N GEOJSON RUN         N wijk import jobs, each sent twice (same key)
    jobs.py status RUN                  jobs of this run per status (JSON)
    jobs.py report RUN EDITS_JSON LOG…  the final check (JSON)
"""

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from kern import taken  # noqa: E402
from kern.models import Taak  # noqa: E402
from locaties.models import Locatie  # noqa: E402
from locaties.tasks import importeer_wijken  # noqa: E402
from partners import permissions  # noqa: E402
from partners.models import Gemeente, User  # noqa: E402

LOGIN = "gemeente@demo.example"
PASSWORD = "ontmoeten-demo-2026"
START_TEXT = "Scale-out."


def _wijkkaart(gemeente: Gemeente, size: int = 30) -> dict:
    """A wijk- en buurtkaart of `size` × `size` buurten in `size` wijken around Apeldoorn."""
    lat0, lon0, step = 52.15, 5.88, 0.005
    features = []
    for i in range(size):
        wijkcode = f"WK{gemeente.cbs_code[2:]}{60 + i:02d}"
        ring = [
            [lon0, lat0 + i * step],
            [lon0 + size * step, lat0 + i * step],
            [lon0 + size * step, lat0 + (i + 1) * step],
            [lon0, lat0 + (i + 1) * step],
        ]
        features.append(
            _feature({"WK_CODE": wijkcode, "WK_NAAM": f"Proefwijk {i}"}, ring, gemeente)
        )
        for j in range(size):
            x, y = lon0 + j * step, lat0 + i * step
            ring = [[x, y], [x + step, y], [x + step, y + step], [x, y + step]]
            props = {
                "BU_CODE": f"BU{gemeente.cbs_code[2:]}{60 + i:02d}{j:02d}",
                "BU_NAAM": f"Proefbuurt {i}-{j}",
                "WK_CODE": wijkcode,
                "AANT_INW": 100 + i * j,
            }
            features.append(_feature(props, ring, gemeente))
    return {"type": "FeatureCollection", "features": features}


def _feature(props, ring, gemeente):
    props = {**props, "GM_CODE": gemeente.cbs_code, "GM_NAAM": gemeente.naam, "WATER": "NEE"}
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]},
    }


def prepare(data_path, geojson_path):
    user = User.objects.get(email=LOGIN)
    apeldoorn = Gemeente.objects.get(cbs_code="GM0200")
    lezen = list(Locatie.objects.openbaar().order_by("pk").values_list("slug", flat=True)[:40])
    bewerken = list(
        permissions.editable_locaties(user)
        .filter(gemeente=apeldoorn)
        .order_by("pk")
        .values_list("slug", flat=True)[:3]
    )
    Locatie.objects.filter(slug__in=bewerken).update(omschrijving=START_TEXT)
    Path(data_path).write_text(
        json.dumps(
            {
                "lezen": lezen,
                "bewerken": bewerken,
                "login": LOGIN,
                "password": PASSWORD,
                "staff": 8,
            }
        )
    )
    Path(geojson_path).write_text(json.dumps(_wijkkaart(apeldoorn)))
    print(f"{len(lezen)} places to read, {len(bewerken)} to edit: {', '.join(bewerken)}")


def start(n, geojson_path, run):
    user = User.objects.get(email=LOGIN)
    apeldoorn = Gemeente.objects.get(cbs_code="GM0200")
    inhoud = Path(geojson_path).read_bytes()
    for i in range(int(n)):
        for _ in range(2):  # a double submission: the same key gives the same job
            with transaction.atomic():
                taak = taken.nieuwe_taak(
                    "wijkimport", door=user, sleutel=f"{run}-{i}", invoer=inhoud
                )
                transaction.on_commit(
                    lambda pk=taak.pk: importeer_wijken.delay(pk, [apeldoorn.pk], False)
                )
    print(f"{n} jobs started, each sent twice")


def _status(run):
    return dict(
        Counter(
            Taak.objects.filter(sleutel__startswith=f"{run}-").values_list("status", flat=True)
        )
    )


def status(run):
    print(json.dumps(_status(run)))


def report(run, edits_path, *logs):
    jobs = Taak.objects.filter(sleutel__startswith=f"{run}-")
    commits = Counter()
    for log in logs:
        for line in Path(log).read_text(errors="replace").splitlines():
            found = re.search(r"taak (\d+): wijkimport committed", line)
            if found:
                commits[int(found.group(1))] += 1
    ids = set(jobs.values_list("pk", flat=True))
    edits = json.loads(Path(edits_path).read_text())
    texts = dict(
        Locatie.objects.filter(slug__in={e["slug"] for e in edits["saved"]}).values_list(
            "slug", "omschrijving"
        )
    )
    lost = [e for e in edits["saved"] if e["token"] not in texts.get(e["slug"], "")]
    print(
        json.dumps(
            {
                "jobs": len(ids),
                "jobs_by_status": _status(run),
                "jobs_not_finished": jobs.exclude(status=Taak.Status.KLAAR).count(),
                "attempts": dict(Counter(jobs.values_list("pogingen", flat=True))),
                "jobs_committed_once": sum(1 for pk in ids if commits[pk] == 1),
                "jobs_committed_more_than_once": sum(1 for pk in ids if commits[pk] > 1),
                "edits_saved": len(edits["saved"]),
                "edits_refused_as_stale": len(edits["refused"]),
                "edits_lost": len(lost),
            }
        )
    )


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"prepare": prepare, "start": start, "status": status, "report": report}[command](*args)
