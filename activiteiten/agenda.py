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
from locaties.constants import DoelgroepCode, WijkSoort
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


# --- Lines of the agenda page from one joined query ------------------------------------------


@dataclass(frozen=True, slots=True)
class Plek:
    naam: str
    slug: str
    plaats: str


@dataclass(frozen=True, slots=True)
class Wat:
    """What an agenda line says about its activity: the same on each of its dates, made once
    per activity and page (read by templatetags/agenda.py like an Activiteit)."""

    titel: str
    slug: str
    locatie: Plek
    kosten: object
    kosten_toelichting: str
    aanmelden_nodig: bool
    aanmelden_via: str
    alleen_voor_doelgroep: bool
    begintijd: dt.time
    eindtijd: dt.time
    doelgroepen: tuple[str, ...] = ()  # labels, only for activities only for a target group

    @property
    def is_gratis(self) -> bool:
        return not self.kosten


@dataclass(frozen=True, slots=True)
class Reden:
    reden: str


@dataclass(frozen=True, slots=True)
class Regel:
    """One date on the agenda page, read by the tag `agenda_regel` like an Occurrence."""

    activiteit_id: int
    activiteit: Wat
    datum: dt.date
    oorspronkelijke_datum: dt.date
    begin: dt.datetime
    einde: dt.datetime
    vervalt: bool
    uitzondering: Reden | None

    @property
    def is_verplaatst(self) -> bool:
        return self.datum != self.oorspronkelijke_datum or (
            self.uitzondering is not None and not self.vervalt
        )


# The columns of one line: the date's own, then its activity's and place's (joined).
REGEL_DATUM = ("activiteit_id", "datum", "oorspronkelijke_datum", "begin", "einde", "vervalt")
REGEL_ACTIVITEIT = (
    "uitzondering_id",
    "uitzondering__reden",
    "activiteit__titel",
    "activiteit__slug",
    "activiteit__kosten",
    "activiteit__kosten_toelichting",
    "activiteit__aanmelden_nodig",
    "activiteit__aanmelden_via",
    "activiteit__alleen_voor_doelgroep",
    "activiteit__begintijd",
    "activiteit__eindtijd",
    "activiteit__locatie__naam",
    "activiteit__locatie__slug",
    "activiteit__locatie__plaats",
)


class Regels:
    """The agenda lines (Regel) of `activiteiten` in [start, end], in the order of
    `occurrences`, as a sequence Django's Paginator can page through: `count()` is one
    query, a slice one joined `.values_list()` query (and one for the target groups of the
    activities only for a target group, when the slice has any). No model instance."""

    def __init__(self, activiteiten: QuerySet, start: dt.date, end: dt.date):
        self.dates = Occurrence.objects.filter(
            activiteit__in=activiteiten.values("pk"), datum__range=(start, end)
        )
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.dates.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Regels supports plain slices only")
        rows = self.dates.order_by("datum", "begin", "activiteit__titel", "activiteit_id")
        rows = rows.values_list(*REGEL_DATUM, *REGEL_ACTIVITEIT)[index]
        return _regels(list(rows))


def _regels(rows: list[tuple]) -> list[Regel]:
    width = len(REGEL_DATUM)
    alleen_voor_doelgroep = {row[0] for row in rows if row[width + 8]}
    doelgroepen = _doelgroep_labels(alleen_voor_doelgroep)
    wat: dict[int, Wat] = {}
    redenen: dict[int, Reden] = {}
    regels = []
    for row in rows:
        activiteit_id, datum, oorspronkelijke_datum, begin, einde, vervalt = row[:width]
        uitzondering_id, reden, *over = row[width:]
        activiteit = wat.get(activiteit_id)
        if activiteit is None:
            (titel, slug, kosten, toelichting, aanmelden, via, alleen, begintijd, eindtijd,
             plek_naam, plek_slug, plaats) = over  # fmt: skip
            activiteit = wat[activiteit_id] = Wat(
                titel=titel,
                slug=slug,
                locatie=Plek(plek_naam, plek_slug, plaats),
                kosten=kosten,
                kosten_toelichting=toelichting,
                aanmelden_nodig=aanmelden,
                aanmelden_via=via,
                alleen_voor_doelgroep=alleen,
                begintijd=begintijd,
                eindtijd=eindtijd,
                doelgroepen=doelgroepen.get(activiteit_id, ()),
            )
        uitzondering = None
        if uitzondering_id is not None:
            uitzondering = redenen.get(uitzondering_id)
            if uitzondering is None:
                uitzondering = redenen[uitzondering_id] = Reden(reden)
        regels.append(
            Regel(
                activiteit_id,
                activiteit,
                datum,
                oorspronkelijke_datum,
                begin,
                einde,
                vervalt,
                uitzondering,
            )
        )
    return regels


def _doelgroep_labels(activiteit_ids) -> dict[int, tuple[str, ...]]:
    """{activity id: its target groups' labels, by code}: one query, none without ids."""
    if not activiteit_ids:
        return {}
    through = Activiteit.doelgroepen.through.objects
    labels = dict(DoelgroepCode.choices)
    found: dict[int, list[str]] = {}
    pairs = (
        through.filter(activiteit_id__in=activiteit_ids)
        .order_by("doelgroep_id")
        .values_list("activiteit_id", "doelgroep_id")
    )
    for activiteit_id, code in pairs:
        found.setdefault(activiteit_id, []).append(str(labels.get(code, code)))
    return {pk: tuple(names) for pk, names in found.items()}


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
