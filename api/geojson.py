"""The published places as GeoJSON (RFC 7946), for the whole registry or one gemeente, built
from `.values()` rows and streamed: no model instance per place. A place whose full address
is not public shows only its street, and the rounded centre of its buurt or wijk as its point
(or no geometry): locaties.geo.public_points, the one rule of every public channel."""

import json

from django.urls import reverse

from locaties import geo
from locaties.constants import LocatieSoort
from locaties.models import Locatie

LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
FIELDS = (
    "uuid",
    "naam",
    "slug",
    "soort",
    "straat",
    "huisnummer",
    "huisnummer_toevoeging",
    "postcode",
    "plaats",
    "adres_openbaar",
    "latitude",
    "longitude",
    "buurt_id",
    "wijk_id",
    "gemeente__slug",
    "rolstoeltoegankelijk",
    "is_sterlocatie",
    "gewijzigd_op",
)
CHUNK = 2000


def places(gemeente_id=None):
    queryset = Locatie.objects.openbaar()
    if gemeente_id is not None:
        queryset = queryset.filter(gemeente_id=gemeente_id)
    return queryset.order_by("pk")


def _address(row) -> str:
    if not row["adres_openbaar"]:
        return f"{row['straat']}, {row['plaats']}"
    toevoeging = row["huisnummer_toevoeging"].strip()
    number = f"{row['huisnummer']}{'' if len(toevoeging) == 1 and toevoeging.isalpha() else '-'}"
    number = f"{number}{toevoeging}" if toevoeging else str(row["huisnummer"])
    return f"{row['straat']} {number}, {row['postcode']} {row['plaats']}"


class _Context:
    """What every feature of one answer shares, worked out once: the place page's address
    around its slug (reversing a URL per place was most of the time at 10 000 places) and
    the labels of the kinds of place in the active language."""

    MARKER = "slug-0"

    def __init__(self, base: str):
        prefix, _, suffix = reverse("publiek:locatie", args=[self.MARKER]).rpartition(self.MARKER)
        self.url_prefix = base + prefix
        self.url_suffix = suffix
        self.labels = {value: str(label) for value, label in LocatieSoort.choices}


def feature(row, context: _Context, point: geo.PublicPoint | None) -> dict:
    return {
        "type": "Feature",
        "id": str(row["uuid"]),
        "geometry": (
            {"type": "Point", "coordinates": [point.longitude, point.latitude]}
            if point is not None
            else None
        ),
        "properties": {
            "naam": row["naam"],
            "soort": row["soort"],
            "soort_label": context.labels[row["soort"]],
            "adres": _address(row),
            "gemeente": row["gemeente__slug"],
            "rolstoeltoegankelijk": row["rolstoeltoegankelijk"],
            "sterlocatie": row["is_sterlocatie"],
            "url": context.url_prefix + row["slug"] + context.url_suffix,
            "gewijzigd_op": row["gewijzigd_op"].isoformat(),
            "exact": point is not None and point.exact,
        },
    }


def stream(queryset, base: str, attribution: str):
    """The FeatureCollection as text pieces: the head, the features a chunk at a time, the
    tail."""
    context = _Context(base)
    head = {
        "type": "FeatureCollection",
        "licence": LICENCE,
        "attribution": attribution,
    }
    text = json.dumps(head, ensure_ascii=False)
    yield text[:-1] + ', "features": ['
    separator = ""
    for rows in _chunks(queryset.values("id", *FIELDS).iterator(chunk_size=CHUNK)):
        points = geo.public_points(rows)  # one query per chunk, for hidden addresses only
        pieces = []
        for row in rows:
            pieces.append(
                separator
                + json.dumps(feature(row, context, points[row["id"]]), ensure_ascii=False)
            )
            separator = ","
        yield "".join(pieces)
    yield "]}"


def _chunks(rows):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
