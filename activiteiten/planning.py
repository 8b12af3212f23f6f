"""Scheduling, changing and cancelling activities from the staff portal. Who may do it is
decided in partners/permissions.py; these functions decide what a change means and record it
in the history (who, when, why)."""

import datetime as dt
from dataclasses import dataclass, field

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten import herhaling, occurrences, schedule
from activiteiten.constants import ActiviteitStatus as S
from activiteiten.models import Activiteit, Occurrence, Uitzondering
from kern.concurrency import save_unless_changed, version_of
from kern.slugs import unique_slug

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.CONCEPT: {S.GEPUBLICEERD, S.GEARCHIVEERD},
    S.GEPUBLICEERD: {S.AFGELAST, S.CONCEPT, S.GEARCHIVEERD},
    S.AFGELAST: {S.GEPUBLICEERD, S.GEARCHIVEERD},
    S.GEARCHIVEERD: {S.CONCEPT},
}

# Calling an activity off is recorded with its reason, so colleagues can tell residents why.
NEEDS_REASON = {S.AFGELAST}
REASON_MAX = 100  # the length of simple_history's change reason


@transaction.atomic
def save_activiteit(*, form, door) -> Activiteit:
    """Save a valid ActiviteitForm for an existing activity, cancel the holidays ticked on it,
    and store its new dates; raises StaleEdit (someone saved in between) or RuimteBezet, and
    then nothing is saved."""
    activiteit = save_unless_changed(form, user=door)
    cancel_holidays(activiteit=activiteit, datums=form.cleaned_data.get("feestdagen"), door=door)
    occurrences.regenerate(activiteit)
    return activiteit


@transaction.atomic
def schedule_activiteit(*, form, door) -> Activiteit:
    """Save a new activity from a valid ActiviteitForm as a concept with a unique slug, with
    the holidays ticked on the form cancelled."""
    activiteit = form.save(commit=False)
    activiteit.slug = unique_slug(Activiteit, activiteit.titel, max_length=220)
    activiteit.status = S.CONCEPT
    activiteit._history_user = door
    activiteit.save()
    form.save_m2m()
    cancel_holidays(activiteit=activiteit, datums=form.cleaned_data.get("feestdagen"), door=door)
    occurrences.regenerate(activiteit)  # RuimteBezet rolls the whole save back
    return activiteit


def next_statuses(activiteit) -> list[tuple[str, str]]:
    """(value, label) of the statuses `activiteit` can move to, in the order of the choices."""
    allowed = ALLOWED_TRANSITIONS.get(activiteit.status, set())
    return [(value, label) for value, label in S.choices if value in allowed]


@transaction.atomic
def change_status(*, activiteit, status: str, door, reden: str = "", gezien: str = "") -> None:
    """Move `activiteit` to `status`, or raise ValidationError saying why not. `gezien` is the
    status the person saw on their page: when someone else changed it since, nothing happens.
    Nothing is deleted: an activity that is over is archived."""
    stored = Activiteit.objects.select_for_update().values_list("status", flat=True)
    huidige = stored.get(pk=activiteit.pk)
    if gezien and gezien != huidige:
        raise ValidationError(
            _("Iemand anders heeft de status intussen gewijzigd. Bekijk de activiteit opnieuw."),
            code="stale",
        )
    if status not in S.values:
        raise ValidationError(_("Onbekende status."), code="transition")
    if status not in ALLOWED_TRANSITIONS.get(huidige, set()):
        raise ValidationError(
            _("Van ‘%(van)s’ kan een activiteit niet naar ‘%(naar)s’.")
            % {"van": S(huidige).label, "naar": S(status).label},
            code="transition",
        )
    reden = reden.strip()
    if status in NEEDS_REASON and not reden:
        raise ValidationError(_("Zeg waarom de activiteit niet doorgaat."), code="reason")
    if len(reden) > REASON_MAX:
        raise ValidationError(
            _("Houd de reden kort: ten hoogste %(max)d tekens.") % {"max": REASON_MAX},
            code="reason",
        )
    activiteit.status = status
    activiteit._history_user = door
    activiteit._change_reason = reden
    activiteit.save(update_fields=["status", "gewijzigd_op"])
    # Whether its dates hold the room depends on the status.
    occurrences.regenerate(activiteit)


@transaction.atomic
def cancel_date(*, activiteit, datum: dt.date, reden: str, door) -> Uitzondering:
    """Leave one date of `activiteit` out, with the reason residents see; ValidationError when
    the activity does not take place that day, the day is past, or it is already cancelled."""
    Activiteit.objects.select_for_update().filter(pk=activiteit.pk).exists()
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": _("Zeg waarom deze datum vervalt; bewoners zien dat.")})
    if datum < timezone.localdate():
        raise ValidationError({"datum": _("Deze datum ligt in het verleden.")})
    if activiteit.uitzonderingen.filter(datum=datum).exists():
        raise ValidationError({"datum": _("Deze datum is al uitgezonderd.")})
    if not schedule.dates_between(activiteit, datum, datum):
        raise ValidationError(
            {"datum": _("Op deze datum vindt de activiteit niet plaats volgens haar schema.")}
        )
    uitzondering = Uitzondering(activiteit=activiteit, datum=datum, reden=reden)
    uitzondering._history_user = door
    uitzondering.full_clean()
    uitzondering.save()
    occurrences.regenerate(activiteit)
    return uitzondering


@transaction.atomic
def restore_date(*, uitzondering, door) -> None:
    """Undo the cancellation of one date: the activity takes place that day after all. The
    history of Uitzondering keeps who cancelled and who restored it."""
    if uitzondering.datum < timezone.localdate():
        raise ValidationError(_("Deze datum ligt in het verleden."), code="past")
    uitzondering._history_user = door
    activiteit = uitzondering.activiteit
    uitzondering.delete()
    occurrences.regenerate(activiteit)  # the date holds its room again, if it is free


# Previewing, holidays, moving a date and ending a series ----------------------------------

PREVIEW_DATES = 10  # "Bekijk de data" lists this many of the next dates
UPCOMING_CHOICES = 26  # the date pickers offer this many of the next dates (half a year weekly)


@dataclass
class Voorbeeld:
    """What "Bekijk de data" shows: the next dates as they would be stored (cancelled and
    moved ones marked), the holiday on each date, and the room's refusal if it is taken."""

    rows: list[Occurrence]
    feestdagen: dict[dt.date, str]
    conflict: str = ""
    conflict_dates: set[dt.date] = field(default_factory=set)


def dutch_holidays(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Dutch public holidays in [start, end] with their Dutch names (‘Koningsdag’)."""
    years = range(start.year, end.year + 1)
    calendar = holidays.country_holidays("NL", years=years, language="nl")
    return {day: name for day, name in sorted(calendar.items()) if start <= day <= end}


def holidays_in_series(activiteit, *, uitzonderingen=()) -> list[tuple[dt.date, str]]:
    """(date, holiday name) for each Dutch public holiday from today up to the horizon on
    which `activiteit` takes place and that is not cancelled or moved yet. The activity need
    not be saved: the form's unsaved instance is asked the same way."""
    start = max(timezone.localdate(), activiteit.startdatum)
    end = occurrences.horizon_end()
    try:
        dates = set(schedule.dates_between(activiteit, start, end, uitzonderingen=uitzonderingen))
    except ValidationError:
        return []
    return [(day, name) for day, name in dutch_holidays(start, end).items() if day in dates]


def preview(activiteit, *, uitzonderingen=(), count: int = PREVIEW_DATES) -> Voorbeeld:
    """The next `count` dates of the (unsaved) `activiteit` from today, and whether its room is
    free on every date up to the horizon. Reads only; saves nothing."""
    start = max(timezone.localdate(), activiteit.startdatum)
    end = occurrences.horizon_end()
    rows = occurrences.planned(activiteit, start, end, uitzonderingen)
    conflicts = occurrences.room_conflicts(activiteit, rows)
    shown = rows[:count]
    return Voorbeeld(
        rows=shown,
        feestdagen=dutch_holidays(shown[0].datum, shown[-1].datum) if shown else {},
        conflict=occurrences.conflict_message(activiteit, conflicts) if conflicts else "",
        conflict_dates={row.oorspronkelijke_datum for row, _other in conflicts},
    )


def cancel_holidays(*, activiteit, datums, door) -> list[Uitzondering]:
    """Cancel the Dutch public holidays among `datums` on which `activiteit` takes place, each
    with the holiday's name as the reason residents see. Dates that are no holiday, not a date
    of the series (the schedule changed since they were offered), or already cancelled are
    passed over. Does not regenerate: the caller does, in the same transaction."""
    if not datums:
        return []
    offered = dict(
        holidays_in_series(
            activiteit, uitzonderingen=activiteit.uitzonderingen.values_list("datum", flat=True)
        )
    )
    created = []
    for datum in sorted(set(datums)):
        if datum in offered:
            uitzondering = Uitzondering(activiteit=activiteit, datum=datum, reden=offered[datum])
            uitzondering._history_user = door
            uitzondering.save()
            created.append(uitzondering)
    return created


def upcoming_dates(activiteit, *, limit: int = UPCOMING_CHOICES) -> list[Occurrence]:
    """The next stored dates of `activiteit` that still go ahead as planned: the dates one
    may cancel, move or stop the series from. One query."""
    return list(
        activiteit.occurrences.filter(
            oorspronkelijke_datum__gte=timezone.localdate(),
            uitzondering__isnull=True,
            vervalt=False,
        ).order_by("oorspronkelijke_datum")[:limit]
    )


@transaction.atomic
def move_date(
    *,
    activiteit,
    datum: dt.date,
    nieuwe_datum: dt.date,
    reden: str,
    door,
    nieuwe_begintijd: dt.time | None = None,
    nieuwe_eindtijd: dt.time | None = None,
) -> Uitzondering:
    """Move one date of `activiteit` to `nieuwe_datum` (and other times, if given), with the
    reason residents see. ValidationError, by field, when the date is not one of the series,
    past or already changed, when the new moment is past or the same, or when the room is taken
    then (RuimteBezet, naming the dates); nothing is saved then. restore_date undoes it."""
    Activiteit.objects.select_for_update().filter(pk=activiteit.pk).exists()
    today = timezone.localdate()
    reden = reden.strip()
    errors = {}
    if not reden:
        errors["reden"] = _("Zeg waarom deze datum verschuift; bewoners zien dat.")
    if datum < today:
        errors["datum"] = _("Deze datum ligt in het verleden.")
    elif activiteit.uitzonderingen.filter(datum=datum).exists():
        errors["datum"] = _("Deze datum is al verplaatst of vervalt. Maak dat eerst ongedaan.")
    elif not schedule.dates_between(activiteit, datum, datum):
        errors["datum"] = _("Op deze datum vindt de activiteit niet plaats volgens haar schema.")
    begintijd = nieuwe_begintijd or activiteit.begintijd
    eindtijd = nieuwe_eindtijd or activiteit.eindtijd
    if nieuwe_datum < today:
        errors["nieuwe_datum"] = _("De nieuwe datum ligt in het verleden.")
    elif nieuwe_datum != datum and schedule.dates_between(
        activiteit,
        nieuwe_datum,
        nieuwe_datum,
        uitzonderingen=activiteit.uitzonderingen.values_list("datum", flat=True),
    ):
        errors["nieuwe_datum"] = _(
            "Op die dag is de activiteit al volgens haar schema. Kies een andere dag, of laat "
            "deze datum vervallen."
        )
    elif (nieuwe_datum, begintijd, eindtijd) == (datum, activiteit.begintijd, activiteit.eindtijd):
        errors["nieuwe_datum"] = _("Kies een andere datum of andere tijden.")
    if eindtijd <= begintijd:
        errors["nieuwe_eindtijd"] = _("De eindtijd moet na de begintijd liggen.")
    if errors:
        raise ValidationError(errors)
    uitzondering = Uitzondering(
        activiteit=activiteit,
        datum=datum,
        reden=reden,
        nieuwe_datum=nieuwe_datum,
        nieuwe_begintijd=nieuwe_begintijd if begintijd != activiteit.begintijd else None,
        nieuwe_eindtijd=nieuwe_eindtijd if eindtijd != activiteit.eindtijd else None,
    )
    uitzondering._history_user = door
    uitzondering.full_clean()
    uitzondering.save()
    occurrences.regenerate(activiteit)  # RuimteBezet rolls the move back
    return uitzondering


@transaction.atomic
def end_series(*, activiteit, vanaf: dt.date, reden: str, door, versie: str = "") -> Activiteit:
    """Stop the series of `activiteit` from `vanaf` on: its rule gets UNTIL the day before, so
    the dates before stay as they were, stored dates of the past included. Recorded in the
    history with who and why. ValidationError for a one-off activity, a date in the past or
    at the first date (archive the activity instead), a series that ends before then anyway,
    or when someone else changed the activity since `versie` (the version the person saw)."""
    Activiteit.objects.select_for_update().filter(pk=activiteit.pk).exists()
    if versie and versie != version_of(activiteit):
        raise ValidationError(
            _("Iemand anders heeft de activiteit intussen gewijzigd. Bekijk haar opnieuw."),
            code="stale",
        )
    reden = reden.strip()
    errors = {}
    if not reden:
        errors["reden"] = _("Zeg waarom de reeks stopt; dat komt in de geschiedenis.")
    elif len(reden) > REASON_MAX:
        errors["reden"] = _("Houd de reden kort: ten hoogste %(max)d tekens.") % {
            "max": REASON_MAX
        }
    if not activiteit.herhaling:
        errors["vanaf"] = _(
            "Deze activiteit is eenmalig. Gaat ze niet door, afgelast of archiveer haar dan."
        )
    elif vanaf < timezone.localdate():
        errors["vanaf"] = _("Deze datum ligt in het verleden; wat geweest is, blijft staan.")
    elif vanaf <= activiteit.startdatum:
        errors["vanaf"] = _(
            "Dit is de eerste datum of eerder: dan blijft er niets over. Archiveer de "
            "activiteit als ze helemaal niet doorgaat."
        )
    else:
        rule = schedule.parse_rule(
            activiteit.herhaling, activiteit.startdatum, activiteit.begintijd
        )
        if rule.after(dt.datetime.combine(vanaf, dt.time.min), inc=True) is None:
            errors["vanaf"] = _("De reeks heeft vanaf deze datum al geen datums meer.")
    if errors:
        raise ValidationError(errors)
    activiteit.herhaling = herhaling.with_until(activiteit.herhaling, vanaf - dt.timedelta(days=1))
    activiteit._history_user = door
    activiteit._change_reason = reden
    activiteit.save(update_fields=["herhaling", "gewijzigd_op"])
    occurrences.regenerate(activiteit)
    return activiteit
