"""Free hours of rooms in a week: the time a room's place is open and the room is neither let
(Verhuur) nor held by a date of an activity (Occurrence.ruimte_bezet).

- Opening hours are wall-clock times in Europe/Amsterdam (locaties/opening.py); a closure
  (Sluiting) takes out its whole days, and so does a room taken out of use from its date on.
- A Verhuur has dates, not hours: the tenant has the room for the whole of every day from
  ingangsdatum to einddatum, so a let day has no free hours.
- An activity's date holds the room from its begin to its end; only the part inside the
  opening hours counts against them.
- Hours are real hours: every block is turned into UTC before anything is compared or
  subtracted, so an evening in the week the clocks change counts what it lasts.

`free_blocks` and `open_blocks` are plain functions over rows already fetched; `rooms_week`
fetches the rows of many rooms in a fixed number of queries and gives one `RuimteWeek` each.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext as _

from activiteiten.models import Occurrence
from kern.export import Tabel
from kern.timezones import AMSTERDAM
from locaties.models import Sluiting, Verhuur
from locaties.opening import closure_on, periods_by_weekday

DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class Blok:
    """A period of time, begin and end in UTC."""

    begin: dt.datetime
    einde: dt.datetime

    @property
    def uren(self) -> float:
        return (self.einde - self.begin).total_seconds() / 3600

    @property
    def text(self) -> str:
        """'di 13:00–17:00' in the active language, on the Amsterdam clock."""
        begin, einde = self.begin.astimezone(AMSTERDAM), self.einde.astimezone(AMSTERDAM)
        dag = formats.date_format(begin, "D")
        if einde.date() != begin.date() and einde.time() != dt.time(0):
            return f"{dag} {begin:%H:%M}–{formats.date_format(einde, 'D')} {einde:%H:%M}"
        eind = "24:00" if einde.time() == dt.time(0) and einde > begin else f"{einde:%H:%M}"
        return f"{dag} {begin:%H:%M}–{eind}"


def _utc(day: dt.date, time: dt.time) -> dt.datetime:
    # zoneinfo resolves a wall-clock time on the day the clocks change (fold=0: the first).
    return dt.datetime.combine(day, time, tzinfo=AMSTERDAM).astimezone(dt.UTC)


def _whole_days(first: dt.date, last: dt.date) -> Blok:
    """From the start of `first` to the start of the day after `last`, on the Amsterdam clock."""
    return Blok(_utc(first, dt.time(0)), _utc(last + dt.timedelta(days=1), dt.time(0)))


def open_blocks(
    *,
    openingstijden,
    sluitingen,
    monday: dt.date,
    buiten_gebruik_sinds: dt.date | None = None,
) -> list[Blok]:
    """The periods of the week from `monday` when the place is open for this room: its opening
    hours, without closure days and without the days from `buiten_gebruik_sinds` on."""
    by_day = periods_by_weekday(openingstijden)
    sluitingen = list(sluitingen)
    blocks = []
    for offset in range(DAYS_IN_WEEK):
        day = monday + dt.timedelta(days=offset)
        if buiten_gebruik_sinds is not None and day >= buiten_gebruik_sinds:
            break
        if closure_on(sluitingen, day) is not None:
            continue
        for van, tot in by_day.get(day.weekday(), []):
            blocks.append(Blok(_utc(day, van), _utc(day, tot)))
    return blocks


def subtract(blocks: list[Blok], busy: list[Blok]) -> list[Blok]:
    """What remains of `blocks` (sorted, not overlapping) outside every period of `busy`."""
    busy = sorted(busy, key=lambda b: b.begin)
    remaining = []
    for block in blocks:
        start = block.begin
        for taken in busy:
            if taken.einde <= start or taken.begin >= block.einde:
                continue
            if taken.begin > start:
                remaining.append(Blok(start, taken.begin))
            start = max(start, taken.einde)
            if start >= block.einde:
                break
        if start < block.einde:
            remaining.append(Blok(start, block.einde))
    return remaining


def letting_blocks(verhuringen, monday: dt.date) -> list[Blok]:
    """The whole days of the week from `monday` on which the room is let."""
    sunday = monday + dt.timedelta(days=DAYS_IN_WEEK - 1)
    blocks = []
    for verhuur in verhuringen:
        first = max(verhuur.ingangsdatum, monday)
        last = min(verhuur.einddatum or sunday, sunday)
        if first <= last:
            blocks.append(_whole_days(first, last))
    return blocks


def free_blocks(
    *,
    openingstijden,
    sluitingen,
    verhuringen,
    bezet,
    monday: dt.date,
    buiten_gebruik_sinds: dt.date | None = None,
) -> list[Blok]:
    """The free periods of a room in the week from `monday`: open (open_blocks), not let
    (`verhuringen`: Verhuur rows) and not held (`bezet`: (begin, einde) pairs, aware)."""
    opened = open_blocks(
        openingstijden=openingstijden,
        sluitingen=sluitingen,
        monday=monday,
        buiten_gebruik_sinds=buiten_gebruik_sinds,
    )
    busy = letting_blocks(verhuringen, monday) + [
        Blok(begin.astimezone(dt.UTC), einde.astimezone(dt.UTC)) for begin, einde in bezet
    ]
    return subtract(opened, busy)


def total_hours(blocks: list[Blok]) -> float:
    return sum(block.uren for block in blocks)


# Many rooms at once --------------------------------------------------------------------------


def hours(value: float) -> int | float:
    """Hours as shown: to a quarter of an hour, a whole number without decimals."""
    rounded = round(value * 4) / 4
    return int(rounded) if rounded.is_integer() else rounded


@dataclass
class RuimteWeek:
    """One room in one week: the room (with its place, and `voorzieningen_lijst`), its
    lettings now and later, the dates of activities that hold it in the week, and its open and
    free periods."""

    ruimte: object
    verhuringen: list = field(default_factory=list)  # current and coming, first first
    occurrences: list = field(default_factory=list)  # in the week, first first
    open: list[Blok] = field(default_factory=list)
    vrij: list[Blok] = field(default_factory=list)
    verhuurd_in_week: bool = False

    @property
    def open_uren(self) -> int | float:
        return hours(total_hours(self.open))

    @property
    def vrije_uren(self) -> int | float:
        return hours(total_hours(self.vrij))

    @property
    def bezette_uren(self) -> int | float:
        return hours(total_hours(self.open) - total_hours(self.vrij))


def rooms_week(ruimten, *, monday: dt.date, today: dt.date) -> list[RuimteWeek]:
    """A RuimteWeek for each room of the queryset `ruimten`, in its order, in five queries
    whatever the number of rooms: the rooms with their places, their facilities, the lettings
    that matter (in force in the week, now or later), the places' opening hours and closures
    in the week, and the activities' dates in the week."""
    sunday = monday + dt.timedelta(days=DAYS_IN_WEEK - 1)
    vanaf = min(monday, today)
    # to_attr: plain lists, so reading them per room builds no queryset.
    rooms = list(
        ruimten.select_related("locatie").prefetch_related(
            Prefetch("voorzieningen", to_attr="voorzieningen_lijst"),
            Prefetch(
                "verhuringen",
                queryset=Verhuur.objects.filter(
                    Q(einddatum__isnull=True) | Q(einddatum__gte=vanaf)
                )
                .select_related("huurder")
                .order_by("ingangsdatum"),
                to_attr="verhuringen_lijst",
            ),
            Prefetch("locatie__openingstijden", to_attr="openingstijden_lijst"),
            Prefetch(
                "locatie__sluitingen",
                queryset=Sluiting.objects.filter(van__lte=sunday, tot__gte=monday),
                to_attr="sluitingen_lijst",
            ),
        )
    )
    week = _whole_days(monday, sunday)
    by_room = defaultdict(list)
    if rooms:
        dates = (
            Occurrence.objects.filter(
                ruimte_bezet__in=ruimten.values("pk"), begin__lt=week.einde, einde__gt=week.begin
            )
            .select_related("activiteit__organisator")
            .order_by("begin", "activiteit_id")
        )
        for occurrence in dates:
            by_room[occurrence.ruimte_bezet_id].append(occurrence)
    result = []
    for ruimte in rooms:
        verhuringen = ruimte.verhuringen_lijst
        occurrences = by_room[ruimte.pk]
        locatie = ruimte.locatie
        opened = open_blocks(
            openingstijden=locatie.openingstijden_lijst,
            sluitingen=locatie.sluitingen_lijst,
            monday=monday,
            buiten_gebruik_sinds=ruimte.buiten_gebruik_sinds,
        )
        busy = letting_blocks(verhuringen, monday) + [
            Blok(o.begin.astimezone(dt.UTC), o.einde.astimezone(dt.UTC)) for o in occurrences
        ]
        result.append(
            RuimteWeek(
                ruimte=ruimte,
                verhuringen=[v for v in verhuringen if not v.einddatum or v.einddatum >= today],
                occurrences=occurrences,
                open=opened,
                vrij=subtract(opened, busy),
                verhuurd_in_week=bool(letting_blocks(verhuringen, monday)),
            )
        )
    return result


# The export ----------------------------------------------------------------------------------


def _period(verhuur) -> str:
    van = formats.date_format(verhuur.ingangsdatum, "j-n-Y")
    if verhuur.einddatum is None:
        return _("vanaf %(van)s") % {"van": van}
    return f"{van} – {formats.date_format(verhuur.einddatum, 'j-n-Y')}"


def letting_text(verhuur) -> str:
    """'Stichting Buurtkracht, 1-1-2027 – 31-12-2027'."""
    return f"{verhuur.huurder}, {_period(verhuur)}"


def occurrence_text(occurrence) -> str:
    """'Koffieochtend, di 10:00–12:00'."""
    block = Blok(occurrence.begin, occurrence.einde)
    return f"{occurrence.activiteit.titel}, {block.text}"


def as_tabel(weeks: list[RuimteWeek], *, kenmerken: list[tuple[str, str]]) -> Tabel:
    """The overview's rows as a table for kern/export.py: one row a room."""
    kolommen = [
        _("Locatie"),
        _("Ruimte"),
        _("Capaciteit (personen)"),
        _("Oppervlakte (m²)"),
        _("Voorzieningen"),
        _("Te huur"),
        _("Verhuur nu en later"),
        _("Activiteiten deze week"),
        _("Open (uren)"),
        _("Bezet (uren)"),
        _("Vrij (uren)"),
        _("Vrije tijden"),
    ]
    rijen = []
    for week in weeks:
        ruimte = week.ruimte
        rijen.append(
            [
                ruimte.locatie.naam,
                ruimte.naam,
                ruimte.capaciteit,
                ruimte.oppervlakte_m2,
                ", ".join(str(v) for v in ruimte.voorzieningen_lijst),
                ruimte.verhuurbaar,
                "; ".join(letting_text(v) for v in week.verhuringen),
                "; ".join(occurrence_text(o) for o in week.occurrences),
                week.open_uren,
                week.bezette_uren,
                week.vrije_uren,
                "; ".join(block.text for block in week.vrij),
            ]
        )
    return Tabel(titel=_("Ruimten"), kolommen=kolommen, rijen=rijen, kenmerken=kenmerken)
