"""What happens to a resident's report: it is filed, its editors hear of it, and it is handled,
which erases the reporter's e-mail address in the same transaction."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meldingen.models import Melding
from partners import permissions

logger = logging.getLogger(__name__)


@transaction.atomic
def file_melding(
    *, locatie, activiteit=None, omschrijving: str, email: str = "", site_url: str = ""
) -> Melding:
    """Save a report from the public form and, once committed, tell the people who handle it.
    `site_url` (such as 'https://ontmoeten.example.nl') makes the link in that e-mail absolute.
    """
    melding = Melding(
        locatie=locatie, activiteit=activiteit, omschrijving=omschrijving, email=email
    )
    melding.full_clean()
    melding.save()
    transaction.on_commit(lambda: notify_handlers(melding, site_url=site_url))
    return melding


def notify_handlers(melding: Melding, *, site_url: str = "") -> int:
    """E-mail the people who may handle `melding` that it is there; returns how many. The
    message names the place and links to the portal; the report itself and the reporter's
    address stay in the portal, behind the login. A mail server that is down costs the
    notification, never the resident's report."""
    recipients = sorted({user.email for user in permissions.melding_handlers(melding)})
    if not recipients:
        return 0
    onderwerp = melding.activiteit or melding.locatie
    url = site_url.rstrip("/") + reverse("beheer:melding", args=[melding.pk])
    message = EmailMessage(
        subject=_("Nieuwe melding over %(onderwerp)s") % {"onderwerp": onderwerp},
        body=_(
            "Een bewoner meldt dat er iets niet klopt over %(onderwerp)s.\n\n"
            "Bekijk en behandel de melding in het beheer:\n%(url)s\n"
        )
        % {"onderwerp": onderwerp, "url": url},
        from_email=settings.DEFAULT_FROM_EMAIL,
        bcc=recipients,
    )
    try:
        message.send()
    except OSError:
        logger.exception("Could not send the notification of melding %s", melding.pk)
        return 0
    return len(recipients)


@transaction.atomic
def handle_melding(*, melding: Melding, door, afhandeling: str) -> Melding:
    """Mark `melding` handled by `door` with a note, and erase the reporter's e-mail address.
    Refused (ValidationError) when someone else handled it in the meantime."""
    locked = Melding.objects.select_for_update().get(pk=melding.pk)
    if locked.is_afgehandeld:
        raise ValidationError(
            _("Deze melding is intussen al afgehandeld door %(wie)s.")
            % {"wie": locked.afgehandeld_door or _("iemand anders")},
            code="handled",
        )
    locked.afgehandeld_op = timezone.now()
    locked.afgehandeld_door = door
    locked.afhandeling = afhandeling.strip()
    locked.email = ""
    locked.save(update_fields=["afgehandeld_op", "afgehandeld_door", "afhandeling", "email"])
    return locked
