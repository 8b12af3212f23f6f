"""What is on when: activities expanded into dated occurrences for the agenda, a place's page
and a wijk's page.

The interface is small on purpose (`occurrences(activiteiten, start, end)`): a later version
reads stored occurrences instead of expanding the recurrence rules here, and its callers
need not change.
"""

import datetime as dt
import logging
import re
from itertools import groupby
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Uitzondering
from activiteiten.schedule import AMSTERDAM, dates_between
from locaties.constants import LocatieStatus, WijkSoort

logger = logging.getLogger(__name__)

ISO_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
# The agenda looks back a year and ahead two: enough for a resident, and it bounds the work
# of expanding recurrence rules for a week someone typed into the address bar.
YEARS_BACK, YEARS_AHEAD = 1, 2


class Occurrence(NamedTuple):
    """One date of an Activiteit; `uitzondering` is set when that date is cancelled."""

    datum: dt.date
    activiteit: Activiteit
    uitzondering: Uitzondering | None

    @property
    def vervalt(self) -> bool:
        return self.uitzondering is not None

    @property
    def begin(self) -> dt.datetime:
        return dt.datetime.combine(self.datum, self.activiteit.begintijd, tzinfo=AMSTERDAM)

    @property
    def einde(self) -> dt.datetime:
        return dt.datetime.combine(self.datum, self.activiteit.eindtijd, tzinfo=AMSTERDAM)


def published_activiteiten() -> QuerySet:
    """Published activities at published places, with what an agenda line shows."""
    return (
        Activiteit.objects.filter(
            status=ActiviteitStatus.GEPUBLICEERD, locatie__status=LocatieStatus.GEPUBLICEERD
        )
        .select_related("locatie", "locatie__gemeente", "organisator")
        .prefetch_related("doelgroepen")
    )


def in_locatie(activiteiten: QuerySet, locatie) -> QuerySet:
    return activiteiten.filter(locatie=locatie)


def in_wijk(activiteiten: QuerySet, wijk) -> QuerySet:
    """Activities at places in `wijk`: a wijk includes its buurten's places, a buurt its own."""
    if wijk.soort == WijkSoort.WIJK:
        return activiteiten.filter(locatie__wijk=wijk)
    return activiteiten.filter(locatie__buurt=wijk)


def occurrences(activiteiten: QuerySet, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every date in [start, end] (inclusive) of the given activities, cancelled dates
    included and marked, sorted by date, time and title. Runs a fixed number of queries:
    the activities and their exceptions in the window (plus the caller's prefetches)."""
    window = activiteiten.filter(startdatum__lte=end).exclude(
        Q(herhaling="") & Q(startdatum__lt=start)
    )
    window = window.prefetch_related(
        Prefetch(
            "uitzonderingen",
            queryset=Uitzondering.objects.filter(datum__range=(start, end)),
            to_attr="uitzonderingen_in_window",
        )
    )
    result = []
    for activiteit in window:
        try:
            dates = dates_between(activiteit, start, end)
        except ValidationError:
            # A rule that got in without validation (an import, say) costs one activity,
            # not the page.
            logger.warning("Activiteit %s has an unusable herhaling; skipped", activiteit.pk)
            continue
        cancelled = {u.datum: u for u in activiteit.uitzonderingen_in_window}
        result.extend(Occurrence(day, activiteit, cancelled.get(day)) for day in dates)
    result.sort(
        key=lambda o: (o.datum, o.activiteit.begintijd, o.activiteit.titel, o.activiteit.pk)
    )
    return result


def by_day(items: list[Occurrence]) -> list[tuple[dt.date, list[Occurrence]]]:
    """[(date, occurrences of that date)] for the dates that have any, in order."""
    return [(day, list(group)) for day, group in groupby(items, key=lambda o: o.datum)]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last Monday the agenda can show around `today`."""
    first = monday_of(dt.date(today.year - YEARS_BACK, 1, 4))  # 4 January is in week 1
    last = monday_of(dt.date(today.year + YEARS_AHEAD, 12, 28))  # 28 December in the last
    return first, last


def parse_week(value: str | None, today: dt.date) -> tuple[dt.date, str]:
    """The Monday of the ISO week in `value` ('2026-W48'), and '' — or the Monday of this
    week and a Dutch message saying why `value` was not used."""
    this_week = monday_of(today)
    if value is None or not value.strip():
        return this_week, ""
    match = ISO_WEEK.match(value[:20])
    if not match:
        return this_week, _(
            "‘%(waarde)s’ is geen week. Schrijf een week als 2026-W48 (jaar, W, weeknummer); "
            "je ziet nu deze week."
        ) % {"waarde": value[:20]}
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return this_week, _("%(jaar)s heeft geen week %(week)s. Je ziet nu deze week.") % {
            "jaar": year,
            "week": week,
        }
    first, last = week_bounds(today)
    if not first <= monday <= last:
        return this_week, _(
            "De agenda toont weken van %(van)s tot en met %(tot)s. Je ziet nu deze week."
        ) % {"van": first.isocalendar().year, "tot": last.isocalendar().year}
    return monday, ""


def week_param(monday: dt.date) -> str:
    """'2026-W48' for the week starting on `monday`."""
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"
