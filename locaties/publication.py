"""The publication workflow of a Locatie: concept → ter beoordeling → gepubliceerd →
gearchiveerd, and back to concept with a reason. Who may take a step is decided in
partners/permissions.py; this module decides which steps exist and records them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from locaties.constants import LocatieStatus as S

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.CONCEPT: {S.TER_BEOORDELING, S.GEARCHIVEERD},
    S.TER_BEOORDELING: {S.GEPUBLICEERD, S.CONCEPT, S.GEARCHIVEERD},
    S.GEPUBLICEERD: {S.GEARCHIVEERD, S.CONCEPT},
    S.GEARCHIVEERD: {S.CONCEPT},
}

# Sending a record back to concept always says why, so the submitter knows what to fix.
NEEDS_REASON = {S.CONCEPT}


def publication_problems(locatie) -> list[str]:
    """What is missing before `locatie` can be published, in words for the person fixing it."""
    problems = []
    if locatie.latitude is None or locatie.longitude is None:
        problems.append(_("De locatie heeft nog geen coördinaten; zet haar op de kaart."))
    if not locatie.omschrijving.strip():
        problems.append(_("Er is nog geen omschrijving voor bewoners."))
    if not (locatie.telefoon or locatie.email or locatie.website):
        problems.append(_("Er is geen contactgegeven: telefoon, e-mail of website."))
    return problems


@transaction.atomic
def change_status(locatie, nieuwe_status: str, *, door=None, reden: str = "") -> None:
    """Move `locatie` to `nieuwe_status`, or raise ValidationError explaining why not.

    The change and its reason land in the record's history (who, when, why).
    """
    huidige = locatie.status
    # Lock the row and compare: two officers acting on the same record at once must not both
    # succeed against a status one of them no longer sees.
    stored = type(locatie).objects.select_for_update().values_list("status", flat=True)
    if stored.get(pk=locatie.pk) != huidige:
        raise ValidationError(
            _("Iemand anders heeft de status intussen gewijzigd. Laad de pagina opnieuw."),
            code="stale",
        )
    if nieuwe_status not in S.values:
        raise ValidationError(_("Onbekende status."), code="transition")
    if nieuwe_status not in ALLOWED_TRANSITIONS.get(huidige, set()):
        raise ValidationError(
            _("Van ‘%(van)s’ kan een locatie niet naar ‘%(naar)s’.")
            % {"van": S(huidige).label, "naar": S(nieuwe_status).label},
            code="transition",
        )
    reden = reden.strip()
    if nieuwe_status in NEEDS_REASON and not reden:
        raise ValidationError(
            _("Geef een reden, zodat de indiener weet wat er moet gebeuren."), code="reason"
        )
    if nieuwe_status == S.GEPUBLICEERD:
        problems = publication_problems(locatie)
        if problems:
            raise ValidationError(problems, code="incomplete")
        if locatie.gepubliceerd_op is None:
            locatie.gepubliceerd_op = timezone.now()
    locatie.status = nieuwe_status
    locatie._change_reason = reden or _("Status: %(status)s") % {"status": S(nieuwe_status).label}
    if door is not None:
        locatie._history_user = door
    locatie.save(update_fields=["status", "gepubliceerd_op", "gewijzigd_op"])
