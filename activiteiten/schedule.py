"""Dates of an Activiteit: its RFC 5545 recurrence rule expanded with python-dateutil.

Times are wall-clock times in Europe/Amsterdam: 10:00 every Tuesday stays 10:00 in summer
and winter, because the rule is expanded over local dates and made aware per occurrence.
"""

import datetime as dt
import re

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kern.timezones import AMSTERDAM

# Properties that the rule may not carry itself: the start comes from the activity's fields.
FORBIDDEN_IN_RULE = ("DTSTART", "TZID")
# An activity happens at most once a day at its begintijd: no hourly rules, no extra times.
SUB_DAILY_FREQ = {"SECONDLY", "MINUTELY", "HOURLY"}
TIME_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND"}


UNTIL_UTC = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)
UNTIL_DATE = re.compile(r"UNTIL=(\d{8})(?![\dT])", re.IGNORECASE)


def _until_as_local(text: str) -> str:
    """Rewrite UNTIL as Amsterdam wall-clock time, over which the rule is expanded.

    RFC 5545 writes UNTIL in UTC ('…Z') when the start has a time zone; a bare date means
    "up to and including that day", whatever time the activity starts.
    """

    def utc_to_local(match: re.Match) -> str:
        moment = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=dt.UTC)
        return "UNTIL=" + moment.astimezone(AMSTERDAM).strftime("%Y%m%dT%H%M%S")

    text = UNTIL_UTC.sub(utc_to_local, text)
    return UNTIL_DATE.sub(lambda match: f"UNTIL={match.group(1)}T235959", text)


def parse_rule(herhaling: str, startdatum: dt.date, begintijd: dt.time = dt.time()) -> rrule.rrule:
    """The dateutil rrule for an RRULE text such as 'FREQ=WEEKLY;BYDAY=TU', or ValidationError.

    The rule runs over naive Amsterdam wall-clock times starting at `begintijd` on `startdatum`.
    """
    text = herhaling.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if any(word in text.upper() for word in FORBIDDEN_IN_RULE):
        raise ValidationError(
            _("Zet de startdatum in het veld startdatum, niet in de herhaalregel."), code="rrule"
        )
    _check_parts(text)
    try:
        rule = rrule.rrulestr(
            _until_as_local(text), dtstart=dt.datetime.combine(startdatum, begintijd)
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
        raise ValidationError(
            _(
                "Deze herhaalregel is geen geldige RFC 5545 RRULE, bijvoorbeeld "
                "FREQ=WEEKLY;BYDAY=TU voor elke dinsdag."
            ),
            code="rrule",
        ) from None
    if not isinstance(rule, rrule.rrule):
        raise ValidationError(_("Geef één herhaalregel (RRULE)."), code="rrule")
    return rule


def _check_parts(text: str) -> None:
    """Refuse rules that dateutil accepts but that would run away (INTERVAL=0 never ends,
    FREQ=SECONDLY yields millions of dates) or that RFC 5545 forbids (COUNT with UNTIL).
    Text that is no rule at all is left to dateutil's parser."""
    parts = {}
    for part in filter(None, text.upper().split(";")):
        name, _sep, value = part.partition("=")
        parts[name.strip()] = value.strip()
    if parts.get("FREQ") in SUB_DAILY_FREQ:
        raise ValidationError(
            _(
                "Een activiteit herhaalt zich dagelijks, wekelijks, maandelijks of jaarlijks: "
                "FREQ=DAILY, WEEKLY, MONTHLY of YEARLY."
            ),
            code="rrule",
        )
    if TIME_PARTS & parts.keys():
        raise ValidationError(
            _(
                "De tijd komt uit de begintijd; BYHOUR, BYMINUTE en BYSECOND horen niet in "
                "de regel."
            ),
            code="rrule",
        )
    for name in ("INTERVAL", "COUNT"):
        if parts.get(name, "").isdigit() and not 1 <= int(parts[name]) <= 10_000:
            raise ValidationError(
                _("%(name)s moet een geheel getal van 1 tot 10 000 zijn.") % {"name": name},
                code="rrule",
            )
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(
            _("Geef een aantal keer (COUNT) of een einddatum (UNTIL), niet allebei."), code="rrule"
        )


def dates_between(activiteit, start: dt.date, end: dt.date, *, uitzonderingen=()) -> list[dt.date]:
    """The dates in [start, end] on which `activiteit` takes place, exceptions left out."""
    excluded = set(uitzonderingen)
    if not activiteit.herhaling:
        dates = [activiteit.startdatum] if start <= activiteit.startdatum <= end else []
    else:
        rule = parse_rule(activiteit.herhaling, activiteit.startdatum, activiteit.begintijd)
        window_start = dt.datetime.combine(start, dt.time.min)
        window_end = dt.datetime.combine(end, dt.time.max)
        dates = [moment.date() for moment in rule.between(window_start, window_end, inc=True)]
    return [day for day in dates if day not in excluded]


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment of `time` on `day` in Amsterdam, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=AMSTERDAM)
