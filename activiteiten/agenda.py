"""What is on when: the stored dates (Occurrence rows, see activiteiten/occurrences.py) of a
set of activities in a period, for the agenda, a place's page and a wijk's page.

`occurrences(activiteiten, start, end)` is one indexed query on the stored dates, whatever the
number of activities; no recurrence rule is expanded while a page is served. Dates are stored
up to a rolling horizon (`occurrences.horizon_end`); `horizon_notice` says so for a week past it.
"""

import datetime as dt
import re
from dataclasses import dataclass
from itertools import groupby

from django.db.models import QuerySet, prefetch_related_objects
from django.utils import formats
from django.utils.translation import gettext as _

from activiteiten.models import Activiteit, Occurrence
from activiteiten.occurrences import horizon_end
from locaties.constants import WijkSoort
from locaties.models import Locatie

ISO_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
# The agenda looks back a year and ahead two. Dates are stored for the coming 13 months
# (settings.OCCURRENCE_HORIZON_MONTHS); a week past that says so instead of looking empty.
YEARS_BACK, YEARS_AHEAD = 1, 2


MAX_WEKEN = 8


@dataclass(frozen=True)
class Programma:
    """The dates of a set of activities from `start` to `end`, for a place's or a wijk's page."""

    start: dt.date
    end: dt.date
    today: dt.date
    items: list[Occurrence]

    @property
    def days(self):
        return by_day(self.items)

    @property
    def weeks(self) -> list[tuple[dt.date, dt.date, list]]:
        """[(first, last, days)]: the coming seven days, then the rest per calendar week
        (Monday to Sunday), for a long programme that shows the first week and folds the rest.
        `first` and `last` are the dates the group covers, within the programme's window."""
        groups = []
        week_end = self.start + dt.timedelta(days=6)
        for day, items in self.days:
            if day <= week_end:
                first, last = self.start, week_end
            else:
                monday = monday_of(day)
                first = max(monday, week_end + dt.timedelta(days=1))
                last = min(monday + dt.timedelta(days=6), self.end)
            if not groups or groups[-1][0] != first:
                groups.append((first, last, []))
            groups[-1][2].append((day, items))
        return groups


def programma(activiteiten: QuerySet, *, today: dt.date, weken: int = 1) -> Programma:
    """The dates of `activiteiten` from `today` for `weken` weeks (1 to MAX_WEKEN): four
    queries at most (see `occurrences`), whatever the number of activities or dates."""
    weken = max(1, min(int(weken), MAX_WEKEN))
    end = today + dt.timedelta(days=7 * weken - 1)
    return Programma(
        start=today, end=end, today=today, items=occurrences(activiteiten, today, end)
    )


def in_locatie(activiteiten: QuerySet, locatie) -> QuerySet:
    return activiteiten.filter(locatie=locatie)


def in_wijk(activiteiten: QuerySet, wijk) -> QuerySet:
    """Activities at places in `wijk`: a wijk includes its buurten's places, a buurt its own."""
    if wijk.soort == WijkSoort.WIJK:
        return activiteiten.filter(locatie__wijk=wijk)
    return activiteiten.filter(locatie__buurt=wijk)


def occurrences(activiteiten: QuerySet, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The stored dates in [start, end] (inclusive) of the given activities, cancelled dates
    included (`vervalt`) and moved dates on the day they take place, sorted by date, time and
    title. Four queries at most, whatever the number of activities or dates: the dates (on
    the index on `datum`) with their exception, then `with_activiteit`."""
    rows = list(
        Occurrence.objects.filter(
            activiteit__in=activiteiten.values("pk"), datum__range=(start, end)
        )
        .select_related("uitzondering")
        .order_by("datum", "begin", "activiteit__titel", "activiteit_id")
    )
    with_activiteit(rows)
    return rows


def with_activiteit(rows: list[Occurrence]) -> None:
    """Give each row its activity with its organiser, place (and gemeente), and the target
    groups of activities only for a target group (the lines that name them): three queries
    at most, and one instance of each activity and place however many dates share it (a
    gemeente's week has hundreds of lines)."""
    ids = {row.activiteit_id for row in rows}
    if not ids:
        return
    activiteiten = {
        a.pk: a for a in Activiteit.objects.filter(pk__in=ids).select_related("organisator")
    }
    locaties = Locatie.objects.filter(
        pk__in={a.locatie_id for a in activiteiten.values()}
    ).select_related("gemeente")
    locaties = {locatie.pk: locatie for locatie in locaties}
    prefetch_related_objects(
        [a for a in activiteiten.values() if a.alleen_voor_doelgroep], "doelgroepen"
    )
    set_locatie = Activiteit._meta.get_field("locatie").set_cached_value
    for activiteit in activiteiten.values():
        set_locatie(activiteit, locaties[activiteit.locatie_id])
    set_activiteit = Occurrence._meta.get_field("activiteit").set_cached_value
    for row in rows:
        set_activiteit(row, activiteiten[row.activiteit_id])


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


def horizon_notice(monday: dt.date, today: dt.date) -> str:
    """A Dutch sentence for a week that lies (partly) past the stored horizon, else ''."""
    last = horizon_end(today)
    sunday = monday + dt.timedelta(days=6)
    if sunday <= last:
        return ""
    if monday > last:
        return _(
            "De agenda loopt tot en met %(datum)s. Voor deze week staan nog geen activiteiten "
            "klaar: ze komen er dagelijks bij. Kijk later nog eens."
        ) % {"datum": formats.date_format(last, "j F Y")}
    return _(
        "De agenda loopt tot en met %(datum)s; activiteiten op latere dagen van deze week "
        "staan er nog niet in."
    ) % {"datum": formats.date_format(last, "l j F Y")}
