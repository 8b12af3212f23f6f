"""Stored occurrences: an Activiteit's schedule expanded into Occurrence rows for a rolling
horizon (13 months by default), so that the agenda, "what is on near me" and the check for a
room booked twice are plain indexed queries.

Every change to a schedule goes through `regenerate`, which rewrites the activity's rows from
a date on (today, unless told otherwise) and leaves the past alone: ending a series keeps the
dates that were. `extend_horizon` is run daily (`manage.py verleng_agenda`) to add the dates
that came within the horizon, a batch of activities at a time.

A room held twice is refused here, naming the dates (`RuimteBezet`); on PostgreSQL an exclusion
constraint on the table (migration 0004) also refuses it when two saves race. The daily
extension does not refuse: a date that newly comes within the horizon and clashes (someone
booked the room that far ahead first) is stored without holding the room and reported, so
residents still see it and staff can sort it out; the next save of that activity names the
clash.
"""

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten import schedule
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Occurrence, Uitzondering
from locaties.models import Ruimte

logger = logging.getLogger(__name__)

# Only activities that may still take place hold their room.
HOLDS_ROOM = {ActiviteitStatus.CONCEPT, ActiviteitStatus.GEPUBLICEERD}
# A new activity whose first date lies in the past gets the dates of at most the past year:
# the agenda looks back that far.
HISTORY = dt.timedelta(days=366)
# A refusal names this many conflicting dates, then says how many more there are.
NAMED_CONFLICTS = 5
# The daily extension locks and expands this many activities at a time, in one transaction.
BATCH_SIZE = 500
# Rows per INSERT statement.
INSERT_BATCH = 1000
# Migration 0004 (PostgreSQL only).
EXCLUSION_CONSTRAINT = "occurrence_ruimte_no_overlap"


class RuimteBezet(ValidationError):
    """The activity would hold its room at a time another activity already holds it.
    `conflicts` are (planned occurrence, the other activity's occurrence) pairs."""

    def __init__(self, message, conflicts):
        super().__init__(message, code="ruimte_bezet")
        self.conflicts = conflicts


def horizon_end(today: dt.date | None = None) -> dt.date:
    """The last date stored for every activity: today plus OCCURRENCE_HORIZON_MONTHS."""
    today = today or timezone.localdate()
    return today + relativedelta(months=settings.OCCURRENCE_HORIZON_MONTHS)


def first_date(activiteit, today: dt.date) -> dt.date:
    """Where the stored dates of an activity never expanded begin: its first date, at most
    a year back."""
    return max(activiteit.startdatum, today - HISTORY)


class PlannedDate(NamedTuple):
    """One date of a schedule as it will be stored: the columns of Occurrence, in its order.
    The daily extension writes thousands of these without making model instances."""

    activiteit_id: int
    oorspronkelijke_datum: dt.date
    datum: dt.date
    begin: dt.datetime
    einde: dt.datetime
    uitzondering_id: int | None
    vervalt: bool
    ruimte_bezet_id: int | None


def planned_dates(activiteit, start: dt.date, end: dt.date, uitzonderingen) -> list[PlannedDate]:
    """The schedule's dates in [start, end], with the Uitzonderingen (cancelled or moved
    dates) applied. A moved date keeps its place in the schedule (`oorspronkelijke_datum`)
    and takes place on its new date and times. Raises ValidationError for an unusable rule."""
    by_date = {u.datum: u for u in uitzonderingen}
    holds_room = activiteit.ruimte_id is not None and activiteit.status in HOLDS_ROOM
    ruimte_id = activiteit.ruimte_id if holds_room else None
    rows = []
    for day in schedule.dates_between(activiteit, start, end):
        uitzondering = by_date.get(day)
        if uitzondering is None:
            rows.append(
                PlannedDate(
                    activiteit.pk,
                    day,
                    day,
                    schedule.aware(day, activiteit.begintijd),
                    schedule.aware(day, activiteit.eindtijd),
                    None,
                    False,
                    ruimte_id,
                )
            )
            continue
        if not uitzondering.is_verplaatst:
            rows.append(
                PlannedDate(
                    activiteit.pk,
                    day,
                    day,
                    schedule.aware(day, activiteit.begintijd),
                    schedule.aware(day, activiteit.eindtijd),
                    uitzondering.pk,
                    True,
                    None,  # a cancelled date frees the room
                )
            )
            continue
        datum = uitzondering.nieuwe_datum
        begintijd = uitzondering.nieuwe_begintijd or activiteit.begintijd
        eindtijd = uitzondering.nieuwe_eindtijd or activiteit.eindtijd
        if eindtijd <= begintijd:
            # Only a new begintijd, after the usual eindtijd: keep the usual length, within
            # the day.
            length = dt.datetime.combine(day, activiteit.eindtijd) - dt.datetime.combine(
                day, activiteit.begintijd
            )
            einde = dt.datetime.combine(datum, begintijd) + length
            eindtijd = einde.time() if einde.date() == datum else dt.time.max
        rows.append(
            PlannedDate(
                activiteit.pk,
                day,
                datum,
                schedule.aware(datum, begintijd),
                schedule.aware(datum, eindtijd),
                uitzondering.pk,
                False,
                ruimte_id,
            )
        )
    return rows


def planned(activiteit, start: dt.date, end: dt.date, uitzonderingen) -> list[Occurrence]:
    """Unsaved Occurrence rows for `planned_dates`, with their activity and exception."""
    uitzonderingen = list(uitzonderingen)
    by_pk = {u.pk: u for u in uitzonderingen}
    rows = []
    for date in planned_dates(activiteit, start, end, uitzonderingen):
        row = Occurrence(**date._asdict())
        row.activiteit = activiteit
        row.uitzondering = by_pk.get(date.uitzondering_id)
        rows.append(row)
    return rows


def insert(dates: list[PlannedDate]) -> None:
    """Store `dates` in as few statements as the database allows: PostgreSQL's COPY (no model
    instances, no SQL to build), elsewhere bulk INSERTs. Raises IntegrityError as any save."""
    if not dates:
        return
    if connection.vendor != "postgresql":
        Occurrence.objects.bulk_create(
            [Occurrence(**date._asdict()) for date in dates], batch_size=INSERT_BATCH
        )
        return
    columns = ", ".join(connection.ops.quote_name(name) for name in PlannedDate._fields)
    table = connection.ops.quote_name(Occurrence._meta.db_table)
    with connection.wrap_database_errors, connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for date in dates:
                copy.write_row(date)


def _planned_or_nothing(plan, activiteit, start, end, uitzonderingen) -> list:
    try:
        return plan(activiteit, start, end, uitzonderingen)
    except ValidationError:
        # An unusable rule (every form checks it; an import might not) leaves no dates
        # rather than a failed save or a failed nightly run.
        logger.warning("Activiteit %s has an unusable herhaling; no dates stored", activiteit.pk)
        return []


class Bezetting:
    """Who holds which room when, per (room, date), to check planned rows against. An activity
    takes place within one day, so two rows can only overlap when they share room and date."""

    def __init__(self):
        self._by_day = defaultdict(list)

    def add(self, ruimte_id, datum, begin, einde, holder) -> None:
        self._by_day[(ruimte_id, datum)].append((begin, einde, holder))

    def holder_at(self, row: Occurrence):
        """What holds `row`'s room at a time that overlaps `row`, or None."""
        for begin, einde, holder in self._by_day.get((row.ruimte_bezet_id, row.datum), ()):
            if row.begin < einde and begin < row.einde:
                return holder
        return None


def room_conflicts(
    activiteit, rows: list[Occurrence], *, vanaf: dt.date | None = None
) -> list[tuple[Occurrence, Occurrence]]:
    """(planned row, row that holds the room then) for each planned row that would hold the
    room while something else does: another activity, or a date of this one that is not
    being rewritten from `vanaf` on (a date moved onto another; without `vanaf`, all of this
    activity's stored dates are taken as rewritten). One query, whatever the number of
    rows."""
    held = [row for row in rows if row.ruimte_bezet_id]
    if not held:
        return []
    others = (
        Occurrence.objects.filter(
            ruimte_bezet_id=activiteit.ruimte_id,
            begin__lt=max(row.einde for row in held),
            einde__gt=min(row.begin for row in held),
        )
        # This activity's rows from `vanaf` on are the ones being replaced.
        .exclude(activiteit_id=activiteit.pk, oorspronkelijke_datum__gte=vanaf or dt.date.min)
        .select_related("activiteit")
        .order_by("begin")
    )
    bezetting = Bezetting()
    for other in others:
        bezetting.add(other.ruimte_bezet_id, other.datum, other.begin, other.einde, other)
    conflicts = []
    for row in held:
        other = bezetting.holder_at(row)
        if other is None:
            bezetting.add(row.ruimte_bezet_id, row.datum, row.begin, row.einde, row)
        else:
            conflicts.append((row, other))
    return conflicts


def conflict_message(activiteit, conflicts) -> str:
    """'De ruimte Zaal is dan al bezet: di 12-1-2027 10:00–12:00 (Computerles); … en nog 3
    datums.'"""
    named = []
    for row, other in conflicts[:NAMED_CONFLICTS]:
        begin = timezone.localtime(other.begin)
        einde = timezone.localtime(other.einde)
        named.append(
            _("%(datum)s %(begin)s–%(einde)s (%(titel)s)")
            % {
                "datum": formats.date_format(row.datum, "D j-n-Y"),
                "begin": begin.strftime("%H:%M"),
                "einde": einde.strftime("%H:%M"),
                "titel": other.activiteit.titel,
            }
        )
    message = _("De ruimte %(ruimte)s is dan al bezet: %(datums)s") % {
        "ruimte": activiteit.ruimte.naam,
        "datums": "; ".join(named),
    }
    more = len(conflicts) - len(named)
    if more:
        message += " " + ngettext("en nog %(n)d datum.", "en nog %(n)d datums.", more) % {
            "n": more
        }
    else:
        message += "."
    return message


def _refuse_conflicts(activiteit, rows, vanaf) -> None:
    conflicts = room_conflicts(activiteit, rows, vanaf=vanaf)
    if conflicts:
        raise RuimteBezet(conflict_message(activiteit, conflicts), conflicts)


def _lock_rooms(rows) -> None:
    """Hold the rows' rooms until commit, so two saves booking one room insert their dates one
    after the other. Without it both inserts can each wait on the other's uncommitted dates
    in the exclusion check, and PostgreSQL ends one with a deadlock instead of the named
    refusal. One query, only when dates hold a room."""
    rooms = sorted({row.ruimte_bezet_id for row in rows if row.ruimte_bezet_id})
    if rooms:
        list(Ruimte.objects.select_for_update().filter(pk__in=rooms).order_by("pk").values("pk"))


def is_room_overlap(error: IntegrityError) -> bool:
    """Whether `error` is PostgreSQL refusing a room held twice (migration 0004)."""
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == EXCLUSION_CONSTRAINT


@transaction.atomic
def regenerate(activiteit, *, vanaf: dt.date | None = None, tot: dt.date | None = None) -> int:
    """Rewrite `activiteit`'s stored dates from `vanaf` (default: today, or for an activity
    never expanded its first date, at most a year back) up to `tot` (default: the horizon).
    Raises RuimteBezet, changing nothing, when the activity would hold its room at a time
    another activity holds it. Returns the number of rows written.

    Queries: the lock, the exceptions in the window, the room check and the room's lock (with a
    room), the delete, the insert and the new `uitgerold_tot` — a handful, whatever the number
    of dates."""
    today = timezone.localdate()
    # One regeneration of an activity at a time; the row lock also orders racing saves.
    stored = Activiteit.objects.select_for_update().filter(pk=activiteit.pk)
    uitgerold_tot = stored.values_list("uitgerold_tot", flat=True).first()
    tot = tot or horizon_end(today)
    if vanaf is None:
        vanaf = today if uitgerold_tot else first_date(activiteit, today)
    uitzonderingen = activiteit.uitzonderingen.filter(datum__range=(vanaf, tot))
    rows = _planned_or_nothing(planned, activiteit, vanaf, tot, uitzonderingen)
    _refuse_conflicts(activiteit, rows, vanaf)
    _lock_rooms(rows)
    activiteit.occurrences.filter(oorspronkelijke_datum__gte=vanaf).delete()
    try:
        with transaction.atomic():
            Occurrence.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    except IntegrityError as error:
        if not is_room_overlap(error):
            raise
        # Another save took the room after our check. PostgreSQL waited for it to commit
        # before refusing our rows, so checking again now finds and names its dates.
        _refuse_conflicts(activiteit, rows, vanaf)
        raise RuimteBezet(
            _(
                "De ruimte %(ruimte)s is net door iemand anders bezet voor een van deze "
                "datums. Kies een andere ruimte of tijd."
            )
            % {"ruimte": activiteit.ruimte.naam if activiteit.ruimte_id else ""},
            [],
        ) from error
    # Rows after `tot` were deleted with the rest, so the schedule is now stored up to `tot`.
    stored.update(uitgerold_tot=tot)
    activiteit.uitgerold_tot = tot
    build_feeds_after_commit([activiteit.pk])
    return len(rows)


def build_feeds_after_commit(activiteit_ids: list[int]) -> None:
    """Once the transaction commits, build the feeds holding these activities again in the
    background (activiteiten.tasks.bouw_feeds_vooruit; in-process without a broker)."""
    from activiteiten.tasks import bouw_feeds_vooruit  # the tasks module imports this one

    transaction.on_commit(lambda: bouw_feeds_vooruit.delay(list(activiteit_ids)))


# The daily extension --------------------------------------------------------------------


@dataclass
class Overlap:
    """A date stored without holding its room, because something else holds it then."""

    titel: str  # of the activity whose date it is
    datum: PlannedDate
    bezet_door: str  # the title of what holds the room


@dataclass
class Verlenging:
    """What `extend_horizon` did."""

    tot: dt.date
    activiteiten: int = 0  # activities whose dates now reach `tot`
    nieuw: int = 0  # of which never expanded before
    datums: int = 0  # rows written
    overlappingen: list[Overlap] = field(default_factory=list)
    # Activities left for the next run: a portal save took a room while they were extended.
    overgeslagen: list[int] = field(default_factory=list)

    def add(self, other: "Verlenging") -> None:
        self.activiteiten += other.activiteiten
        self.nieuw += other.nieuw
        self.datums += other.datums
        self.overlappingen += other.overlappingen


def _to_extend(tot: dt.date) -> Q:
    """Activities whose stored dates do not reach `tot` yet and may gain some: not archived,
    and not a one-off activity whose date is already stored."""
    expanded_one_off = Q(herhaling="", startdatum__lte=F("uitgerold_tot"))
    return ~Q(status=ActiviteitStatus.GEARCHIVEERD) & (
        Q(uitgerold_tot__isnull=True) | (Q(uitgerold_tot__lt=tot) & ~expanded_one_off)
    )


def extend_horizon(tot: dt.date | None = None, *, batch_size: int = BATCH_SIZE) -> Verlenging:
    """Store the dates of every activity up to `tot` (default: the horizon from today), and
    expand the activities never expanded; for the daily `verleng_agenda` command.

    Works through the activities `batch_size` at a time, each batch in one transaction of a
    fixed number of queries (lock, exceptions, the rooms' bookings, insert, update) whatever
    its size; the dates go in as tuples (`insert`: COPY on PostgreSQL), without a model
    instance each. Archived activities are left as they are."""
    today = timezone.localdate()
    tot = tot or horizon_end(today)
    result = Verlenging(tot=tot)
    ids = list(
        Activiteit.objects.filter(_to_extend(tot)).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        try:
            result.add(_extend_batch(batch, tot, today))
        except IntegrityError as error:
            if not is_room_overlap(error):
                raise
            # A portal save took a room between our check and our insert. One by one, so
            # only the activity concerned waits for the next run.
            for pk in batch:
                try:
                    result.add(_extend_batch([pk], tot, today))
                except IntegrityError as error:
                    if not is_room_overlap(error):
                        raise
                    logger.warning("Activiteit %s not extended: room taken meanwhile", pk)
                    result.overgeslagen.append(pk)
    return result


def _extend_batch(ids: list[int], tot: dt.date, today: dt.date) -> Verlenging:
    result = Verlenging(tot=tot)
    with transaction.atomic():
        # Locked and read again: a portal save may have regenerated some meanwhile.
        activiteiten = list(
            Activiteit.objects.select_for_update()
            .filter(_to_extend(tot), pk__in=ids)
            .order_by("pk")
        )
        if not activiteiten:
            return result
        vanaf = {
            a.pk: a.uitgerold_tot + dt.timedelta(days=1)
            if a.uitgerold_tot
            else first_date(a, today)
            for a in activiteiten
        }
        nieuw = [a.pk for a in activiteiten if a.uitgerold_tot is None]
        if nieuw:
            # Never expanded, so nothing is stored as a rule; an import may have left rows.
            Occurrence.objects.filter(activiteit_id__in=nieuw).delete()
        uitzonderingen = defaultdict(list)
        for uitzondering in Uitzondering.objects.filter(
            activiteit_id__in=vanaf, datum__range=(min(vanaf.values()), tot)
        ):
            if uitzondering.datum >= vanaf[uitzondering.activiteit_id]:
                uitzonderingen[uitzondering.activiteit_id].append(uitzondering)
        rows = {
            a.pk: _planned_or_nothing(planned_dates, a, vanaf[a.pk], tot, uitzonderingen[a.pk])
            for a in activiteiten
        }
        held = [
            row for planned_rows in rows.values() for row in planned_rows if row.ruimte_bezet_id
        ]
        bezetting = Bezetting()
        if held:
            booked = Occurrence.objects.filter(
                ruimte_bezet_id__in={row.ruimte_bezet_id for row in held},
                begin__lt=max(row.einde for row in held),
                einde__gt=min(row.begin for row in held),
            ).values_list("ruimte_bezet_id", "datum", "begin", "einde", "activiteit__titel")
            for ruimte_id, datum, begin, einde, titel in booked:
                bezetting.add(ruimte_id, datum, begin, einde, titel)
        new_rows = []
        for activiteit in activiteiten:
            for row in rows[activiteit.pk]:
                if row.ruimte_bezet_id:
                    holder = bezetting.holder_at(row)
                    if holder is None:
                        bezetting.add(
                            row.ruimte_bezet_id, row.datum, row.begin, row.einde, activiteit.titel
                        )
                    else:
                        row = row._replace(ruimte_bezet_id=None)
                        result.overlappingen.append(Overlap(activiteit.titel, row, holder))
                new_rows.append(row)
        insert(new_rows)
        Activiteit.objects.filter(pk__in=vanaf).update(uitgerold_tot=tot)
    for overlap in result.overlappingen:
        logger.warning(
            "Activiteit %s on %s stored without its room: %s holds it",
            overlap.datum.activiteit_id,
            overlap.datum.datum,
            overlap.bezet_door,
        )
    result.activiteiten = len(activiteiten)
    result.nieuw = len(nieuw)
    result.datums = len(new_rows)
    return result
