"""Scheduling, changing and cancelling activities from the staff portal. Who may do it is
decided in partners/permissions.py; these functions decide what a change means and record it
in the history (who, when, why)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten import occurrences, schedule
from activiteiten.constants import ActiviteitStatus as S
from activiteiten.models import Activiteit, Uitzondering
from ontmoeting.concurrency import save_unless_changed
from ontmoeting.slugs import unique_slug

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
    """Save a valid ActiviteitForm for an existing activity and store its new dates; raises
    StaleEdit (someone saved in between) or RuimteBezet, and then nothing is saved."""
    activiteit = save_unless_changed(form, user=door)
    occurrences.regenerate(activiteit)
    return activiteit


@transaction.atomic
def schedule_activiteit(*, form, door) -> Activiteit:
    """Save a new activity from a valid ActiviteitForm as a concept with a unique slug."""
    activiteit = form.save(commit=False)
    activiteit.slug = unique_slug(Activiteit, activiteit.titel, max_length=220)
    activiteit.status = S.CONCEPT
    activiteit._history_user = door
    activiteit.save()
    form.save_m2m()
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
