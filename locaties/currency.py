"""Confirmation of currency: someone who may edit a place says its details are still right.

The rule lives here and nowhere else: a place whose last confirmation (or, when never
confirmed, its registration) is more than CONFIRMATION_VALID_MONTHS old is overdue, unless it
is archived. Start pages list the overdue places of the people who can fix them.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from locaties.constants import LocatieStatus

CONFIRMATION_VALID_MONTHS = 12
# A month before a confirmation runs out, the place's editors are reminded (herinneringen) and
# the portal's start page lists the place.
REMINDER_AFTER_MONTHS = 11


def confirmation_cutoff(
    now: dt.datetime | None = None, *, months: int = CONFIRMATION_VALID_MONTHS
) -> dt.datetime:
    """Confirmations older than this moment no longer count (with `months`: are that old)."""
    return (now or timezone.now()) - relativedelta(months=months)


def unconfirmed(
    queryset: QuerySet, *, now: dt.datetime | None = None, months: int = CONFIRMATION_VALID_MONTHS
) -> QuerySet:
    """The places of `queryset` that wait for a confirmation, longest waiting first; each with
    `bevestigd_of_aangemaakt`, the moment the rule counts from. With `months`
    (REMINDER_AFTER_MONTHS), those whose confirmation is at least that old."""
    return (
        queryset.exclude(status=LocatieStatus.GEARCHIVEERD)
        .annotate(
            bevestigd_of_aangemaakt=Coalesce(
                "laatst_bevestigd_op", "aangemaakt_op", output_field=DateTimeField()
            )
        )
        .filter(bevestigd_of_aangemaakt__lt=confirmation_cutoff(now, months=months))
        .order_by(F("laatst_bevestigd_op").asc(nulls_first=True), "aangemaakt_op", "naam")
    )


def due_for_reminder(queryset: QuerySet, *, now: dt.datetime | None = None) -> QuerySet:
    """The places of `queryset` whose confirmation runs out within a month or has run out."""
    return unconfirmed(queryset, now=now, months=REMINDER_AFTER_MONTHS)


def last_checked(locatie) -> dt.datetime:
    """When someone last vouched for the place's details: its last confirmation, or when never
    confirmed its registration (the moment the rule above counts from)."""
    return locatie.laatst_bevestigd_op or locatie.aangemaakt_op


def is_overdue(locatie, *, now: dt.datetime | None = None) -> bool:
    """Whether `locatie` waits for a confirmation (the same rule as unconfirmed())."""
    if locatie.status == LocatieStatus.GEARCHIVEERD:
        return False
    moment = locatie.laatst_bevestigd_op or locatie.aangemaakt_op
    return moment is not None and moment < confirmation_cutoff(now)


@transaction.atomic
def confirm_locatie(locatie, *, door, now: dt.datetime | None = None) -> None:
    """Record that `door` confirmed `locatie` as correct; the history shows who and when."""
    locatie.laatst_bevestigd_op = now or timezone.now()
    locatie.laatst_bevestigd_door = door
    locatie._history_user = door
    locatie._change_reason = _("Bevestigd als actueel")
    locatie.save(update_fields=["laatst_bevestigd_op", "laatst_bevestigd_door", "gewijzigd_op"])
