"""The query parameters of the open data endpoints, checked before any query runs: an unknown
parameter, a value of the wrong form or a NUL byte is a 400 with a Dutch reason per parameter
(application/problem+json), never a 500 and never silently ignored."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from kern.timezones import AMSTERDAM

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PROXIMITY_M = 100_000
MAX_SEARCH_CHARS = 200
POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


class InvalidParams(Exception):
    """Raised with {parameter: reason}; the API answers 400 problem+json."""

    def __init__(self, reasons: dict[str, str]):
        super().__init__(reasons)
        self.reasons = reasons


@dataclass
class Params:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    ndjson: bool = False
    search: str = ""
    postcode: str = ""
    proximity: int | None = None
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: dt.datetime | None = None
    extra: dict = field(default_factory=dict)


def _positive_int(value: str, name: str, reasons: dict, *, maximum: int) -> int | None:
    if not value.isdigit() or int(value) < 1:
        reasons[name] = "Geef een heel getal van 1 of meer."
        return None
    if int(value) > maximum:
        reasons[name] = f"Het hoogste toegestane getal is {maximum}."
        return None
    return int(value)


def _uuid(value: str, name: str, reasons: dict) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        reasons[name] = "Dit is geen geldige id (een UUID)."
        return ""


def _moment(value: str, reasons: dict) -> dt.datetime | None:
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = dt.datetime.combine(day, dt.time())
    except ValueError:
        moment = None
    if moment is None:
        reasons["modified_after"] = (
            "Geef een datum of tijdstip volgens ISO 8601, zoals 2026-01-31 of "
            "2026-01-31T09:00:00+01:00."
        )
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def parse(query, allowed: set[str], *, extra: dict | None = None) -> Params:
    """The checked parameters of `query` (a QueryDict) for an endpoint that takes `allowed`;
    `extra` maps further allowed names to a function (value, reasons) -> parsed value."""
    extra = extra or {}
    known = allowed | {"page", "per_page", "format"} | set(extra)
    reasons: dict[str, str] = {}
    params = Params()
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            reasons[name.replace("\x00", "")] = "Deze parameter bevat een ongeldig teken."
            continue
        if name not in known:
            reasons[name] = "Deze parameter bestaat niet voor dit adres."
            continue
        if len(values) > 1:
            reasons[name] = "Geef deze parameter één keer."
            continue
        value = values[0].strip()
        if name == "page":
            params.page = _positive_int(value, name, reasons, maximum=10**6) or 1
        elif name == "per_page":
            params.per_page = (
                _positive_int(value, name, reasons, maximum=MAX_PER_PAGE) or DEFAULT_PER_PAGE
            )
        elif name == "format":
            if value not in ("json", "ndjson"):
                reasons[name] = "Kies json of ndjson."
            params.ndjson = value == "ndjson"
        elif name == "search":
            if len(value) > MAX_SEARCH_CHARS:
                reasons[name] = f"Zoek met ten hoogste {MAX_SEARCH_CHARS} tekens."
            params.search = value
        elif name == "postcode":
            match = POSTCODE.match(value)
            if not match:
                reasons[name] = "Geef een postcode, zoals 7311 AB of 7311."
            else:
                params.postcode = match.group(1) + (
                    f" {match.group(2).upper()}" if match.group(2) else ""
                )
        elif name == "proximity":
            params.proximity = _positive_int(value, name, reasons, maximum=MAX_PROXIMITY_M)
        elif name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
            setattr(params, name, _uuid(value, name, reasons))
        elif name == "modified_after":
            params.modified_after = _moment(value, reasons)
        elif name in extra:
            params.extra[name] = extra[name](value, reasons)
    if params.proximity is not None and not params.postcode and "proximity" not in reasons:
        reasons["proximity"] = "Geef bij proximity ook een postcode: de afstand geldt vanaf daar."
    if reasons:
        raise InvalidParams(reasons)
    return params
