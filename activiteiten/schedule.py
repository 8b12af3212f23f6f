"""Dates of an Activiteit: its RFC 5545 recurrence rule expanded with python-dateutil.

Times are wall-clock times in Europe/Amsterdam: 10:00 every Tuesday stays 10:00 in summer
and winter, because the rule is expanded over local dates and made aware per occurrence.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Properties that the rule may not carry itself: the start comes from the activity's fields.
FORBIDDEN_IN_RULE = ("DTSTART", "TZID")


def parse_rule(herhaling: str, startdatum: dt.date) -> rrule.rrule:
    """The dateutil rrule for an RRULE text such as 'FREQ=WEEKLY;BYDAY=TU', or ValidationError."""
    text = herhaling.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if any(word in text.upper() for word in FORBIDDEN_IN_RULE):
        raise ValidationError(
            _("Zet de startdatum in het veld startdatum, niet in de herhaalregel."), code="rrule"
        )
    try:
        rule = rrule.rrulestr(text, dtstart=dt.datetime.combine(startdatum, dt.time()))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
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


def dates_between(activiteit, start: dt.date, end: dt.date, *, uitzonderingen=()) -> list[dt.date]:
    """The dates in [start, end] on which `activiteit` takes place, exceptions left out."""
    excluded = set(uitzonderingen)
    if not activiteit.herhaling:
        dates = [activiteit.startdatum] if start <= activiteit.startdatum <= end else []
    else:
        rule = parse_rule(activiteit.herhaling, activiteit.startdatum)
        window_start = dt.datetime.combine(max(start, activiteit.startdatum), dt.time())
        window_end = dt.datetime.combine(end, dt.time())
        dates = [moment.date() for moment in rule.between(window_start, window_end, inc=True)]
    return [day for day in dates if day not in excluded]


def aware(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment of `time` on `day` in Amsterdam, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=AMSTERDAM)
