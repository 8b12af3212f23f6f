"""Stored occurrences: an Activiteit's schedule expanded into Occurrence rows for a rolling
horizon (13 months by default), so that the agenda, "what is on near me" and the check for a
room booked twice are plain indexed queries.

Every change to a schedule goes through `regenerate`, which rewrites the activity's rows from
a date on (today, unless told otherwise) and leaves the past alone: ending a series keeps the
dates that were. `extend_horizon` is run daily (`manage.py verleng_agenda`) to add the dates
that came within the horizon.

A room held twice is refused here, naming the dates (`RuimteBezet`); on PostgreSQL an exclusion
constraint on the table (migration 0004) also refuses it when two saves race.
"""

import datetime as dt
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten import schedule
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Occurrence

# Only activities that may still take place hold their room.
HOLDS_ROOM = {ActiviteitStatus.CONCEPT, ActiviteitStatus.GEPUBLICEERD}
# A new activity whose first date lies in the past gets the dates of at most the past year:
# the agenda looks back that far.
HISTORY = dt.timedelta(days=366)
# A refusal names this many conflicting dates, then says how many more there are.
NAMED_CONFLICTS = 5


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


def planned(activiteit, start: dt.date, end: dt.date, uitzonderingen) -> list[Occurrence]:
    """Unsaved Occurrence rows for the schedule's dates in [start, end], with the
    Uitzonderingen (cancelled or moved dates) applied."""
    by_date = {u.datum: u for u in uitzonderingen}
    holds_room = activiteit.ruimte_id is not None and activiteit.status in HOLDS_ROOM
    rows = []
    for day in schedule.dates_between(activiteit, start, end):
        uitzondering = by_date.get(day)
        datum, begintijd, eindtijd = day, activiteit.begintijd, activiteit.eindtijd
        vervalt = uitzondering is not None and not uitzondering.is_verplaatst
        if uitzondering is not None and uitzondering.is_verplaatst:
            datum = uitzondering.nieuwe_datum
            begintijd = uitzondering.nieuwe_begintijd or begintijd
            eindtijd = uitzondering.nieuwe_eindtijd or eindtijd
        rows.append(
            Occurrence(
                activiteit=activiteit,
                oorspronkelijke_datum=day,
                datum=datum,
                begin=schedule.aware(datum, begintijd),
                einde=schedule.aware(datum, eindtijd),
                uitzondering=uitzondering,
                vervalt=vervalt,
                ruimte_bezet_id=activiteit.ruimte_id if holds_room and not vervalt else None,
            )
        )
    return rows


def room_conflicts(activiteit, rows: list[Occurrence]) -> list[tuple[Occurrence, Occurrence]]:
    """(planned row, other activity's row) for each planned row that holds the room while
    another activity holds it. One query, whatever the number of rows."""
    held = [row for row in rows if row.ruimte_bezet_id]
    if not held:
        return []
    others = (
        Occurrence.objects.filter(
            ruimte_bezet_id=activiteit.ruimte_id,
            begin__lt=max(row.einde for row in held),
            einde__gt=min(row.begin for row in held),
        )
        .exclude(activiteit_id=activiteit.pk)
        .select_related("activiteit")
        .order_by("begin")
    )
    others_by_date = defaultdict(list)
    for other in others:
        others_by_date[other.begin.astimezone(schedule.AMSTERDAM).date()].append(other)
    conflicts = []
    for row in held:
        for other in others_by_date.get(row.datum, ()):
            if row.begin < other.einde and other.begin < row.einde:
                conflicts.append((row, other))
                break
    return conflicts


def conflict_message(activiteit, conflicts) -> str:
    """'De ruimte Zaal is dan al bezet: di 12-01-2027 10:00–12:00 (Computerles), … en nog 3
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


@transaction.atomic
def regenerate(activiteit, *, vanaf: dt.date | None = None, tot: dt.date | None = None) -> int:
    """Rewrite `activiteit`'s stored dates from `vanaf` (default: today, or for an activity
    never expanded its first date, at most a year back) up to `tot` (default: the horizon).
    Raises RuimteBezet, changing nothing, when the activity would hold its room at a time
    another activity holds it. Returns the number of rows written."""
    today = timezone.localdate()
    # One regeneration of an activity at a time; the row lock also orders racing saves.
    stored = Activiteit.objects.select_for_update().filter(pk=activiteit.pk)
    uitgerold_tot = stored.values_list("uitgerold_tot", flat=True).first()
    tot = tot or horizon_end(today)
    if vanaf is None:
        vanaf = today if uitgerold_tot else max(activiteit.startdatum, today - HISTORY)
    uitzonderingen = activiteit.uitzonderingen.filter(datum__range=(vanaf, tot))
    try:
        rows = planned(activiteit, vanaf, tot, uitzonderingen)
    except ValidationError:
        rows = []  # an unusable rule (checked on every form) leaves no dates rather than a 500
    conflicts = room_conflicts(activiteit, rows)
    if conflicts:
        raise RuimteBezet(conflict_message(activiteit, conflicts), conflicts)
    activiteit.occurrences.filter(oorspronkelijke_datum__gte=vanaf).delete()
    try:
        with transaction.atomic():
            Occurrence.objects.bulk_create(rows)
    except IntegrityError as error:
        # PostgreSQL's exclusion constraint: another save took the room after our check.
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
    return len(rows)


def extend_horizon(tot: dt.date | None = None) -> int:
    """Store the dates of every activity up to `tot` (default: the horizon from today); for the
    daily `verleng_agenda` command. Archived activities are left as they are. Returns the
    number of activities extended."""
    tot = tot or horizon_end()
    todo = Activiteit.objects.exclude(status=ActiviteitStatus.GEARCHIVEERD).exclude(
        uitgerold_tot__gte=tot
    )
    count = 0
    for activiteit in todo.iterator():
        vanaf = None
        if activiteit.uitgerold_tot:
            vanaf = activiteit.uitgerold_tot + dt.timedelta(days=1)
        try:
            regenerate(activiteit, vanaf=vanaf, tot=tot)
        except RuimteBezet:
            # A date that comes within the horizon and clashes is left out for now; the
            # activity's page in the portal shows the clash when someone next saves it.
            continue
        count += 1
    return count
