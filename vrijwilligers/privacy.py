"""Erasure of residents' details (AVG): on request through the signed link in their
confirmation, and VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN months after closing by the daily command
`wis_vrijwilligersgegevens`. Erasing empties the name, contact details and free text and sets
`gewist_op`; the row stays, without anything personal, so the counts per place and month hold.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from vrijwilligers.constants import HulpvraagStatus, ReactieStatus
from vrijwilligers.models import Hulpvraag, Koppeling, Reactie

TOKEN_SALT = "vrijwilligers.wissen"
KINDS = {"r": Reactie, "h": Hulpvraag}


def erasure_token(record: Reactie | Hulpvraag) -> str:
    """A signed reference to one record; it does not expire (erasure is always welcome)."""
    kind = "r" if isinstance(record, Reactie) else "h"
    return signing.dumps([kind, record.pk], salt=TOKEN_SALT, compress=True)


def record_for_token(token: str) -> Reactie | Hulpvraag | None:
    """The record a link names, or None for a link that is not ours or whose record is gone."""
    try:
        kind, pk = signing.loads(token, salt=TOKEN_SALT)
        model = KINDS[kind]
        return model.objects.select_related("locatie").filter(pk=int(pk)).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _erase_reacties(reacties, now) -> int:
    ids = list(reacties.values_list("pk", flat=True))
    Koppeling.objects.filter(reactie__in=ids).update(notitie="")
    Koppeling.objects.filter(reactie__in=ids, gesloten_op__isnull=True).update(gesloten_op=now)
    Reactie.objects.filter(pk__in=ids, gesloten_op__isnull=True).update(gesloten_op=now)
    return Reactie.objects.filter(pk__in=ids).update(
        naam="", telefoon="", email="", bericht="", status=ReactieStatus.GESLOTEN, gewist_op=now
    )


def _erase_hulpvragen(hulpvragen, now) -> int:
    ids = list(hulpvragen.values_list("pk", flat=True))
    Hulpvraag.objects.filter(pk__in=ids, gesloten_op__isnull=True).update(gesloten_op=now)
    return Hulpvraag.objects.filter(pk__in=ids).update(
        naam="", telefoon="", email="", tekst="", status=HulpvraagStatus.GESLOTEN, gewist_op=now
    )


@transaction.atomic
def erase(record: Reactie | Hulpvraag) -> None:
    """Erase one resident's details now (their request). A request's answers go with it: they
    were written to that resident."""
    now = timezone.now()
    if isinstance(record, Reactie):
        _erase_reacties(Reactie.objects.filter(pk=record.pk, gewist_op__isnull=True), now)
    else:
        _erase_hulpvragen(Hulpvraag.objects.filter(pk=record.pk, gewist_op__isnull=True), now)
        _erase_reacties(Reactie.objects.filter(hulpvraag=record.pk, gewist_op__isnull=True), now)


@transaction.atomic
def erase_expired(*, now=None) -> dict[str, int]:
    """Erase what was closed more than the retention period ago. Idempotent: what is erased
    is not touched again."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN)
    return {
        "reacties": _erase_reacties(
            Reactie.objects.filter(gesloten_op__lt=cutoff, gewist_op__isnull=True), now
        ),
        "hulpvragen": _erase_hulpvragen(
            Hulpvraag.objects.filter(gesloten_op__lt=cutoff, gewist_op__isnull=True), now
        ),
    }
