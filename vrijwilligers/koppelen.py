"""What happens to volunteers' records: a resident answers or posts a request, staff hear of
it, review, match, follow up and close. Every write is a named function called from a view."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import permissions
from vrijwilligers import privacy
from vrijwilligers.constants import HulpvraagStatus, ReactieStatus, VacatureStatus
from vrijwilligers.models import Hulpvraag, Koppeling, Reactie, Vacature

logger = logging.getLogger(__name__)


def _send(message: EmailMessage, what: str) -> bool:
    """A mail server that is down costs the e-mail, never the resident's answer."""
    try:
        message.send()
    except OSError:
        logger.exception("Could not send %s", what)
        return False
    return True


def save_vacature(*, vacature: Vacature, door) -> Vacature:
    if vacature.pk is None:
        vacature.aangemaakt_door = door
    vacature.full_clean()
    vacature.save()
    return vacature


@transaction.atomic
def answer(
    *,
    onderwerp: Vacature | Hulpvraag,
    naam: str,
    telefoon: str = "",
    email: str = "",
    bericht: str = "",
    site_url: str = "",
) -> Reactie:
    """Save a resident's answer to a public vacature or request; once committed, the place's
    staff hear of it and the resident gets a confirmation with the erasure link."""
    reactie = Reactie(
        locatie=onderwerp.locatie,
        naam=naam,
        telefoon=telefoon,
        email=email,
        bericht=bericht,
        **(
            {"vacature": onderwerp}
            if isinstance(onderwerp, Vacature)
            else {"hulpvraag": onderwerp}
        ),
    )
    reactie.full_clean()
    reactie.save()
    transaction.on_commit(lambda: notify_staff(reactie, site_url=site_url))
    transaction.on_commit(lambda: confirm_to_resident(reactie, site_url=site_url))
    return reactie


@transaction.atomic
def post_hulpvraag(
    *,
    locatie,
    soort: str,
    tekst: str,
    naam: str,
    telefoon: str = "",
    email: str = "",
    site_url: str = "",
) -> Hulpvraag:
    """Save a resident's request or offer, to be reviewed by the place's staff before it is
    shown; the resident gets a confirmation with the erasure link."""
    hulpvraag = Hulpvraag(
        locatie=locatie, soort=soort, tekst=tekst, naam=naam, telefoon=telefoon, email=email
    )
    hulpvraag.full_clean()
    hulpvraag.save()
    transaction.on_commit(lambda: notify_staff(hulpvraag, site_url=site_url))
    transaction.on_commit(lambda: confirm_to_resident(hulpvraag, site_url=site_url))
    return hulpvraag


def notify_staff(record: Reactie | Hulpvraag, *, site_url: str = "") -> int:
    """E-mail the place's volunteer staff that something came in; returns how many. The
    resident's name and details stay in the portal, behind the login."""
    recipients = sorted(
        {user.email for user in permissions.vrijwilligers_handlers(record.locatie)}
    )
    if not recipients:
        return 0
    if isinstance(record, Reactie):
        url = reverse("beheer:vrijwilligers_reactie", args=[record.pk])
        subject = _("Nieuwe reactie van een vrijwilliger bij %(plek)s")
    else:
        url = reverse("beheer:vrijwilligers_hulpvraag", args=[record.pk])
        subject = _("Nieuwe vraag of aanbod van een bewoner bij %(plek)s")
    message = EmailMessage(
        subject=subject % {"plek": record.locatie.naam},
        body=_("Bekijk het in het beheer:\n%(url)s\n") % {"url": site_url.rstrip("/") + url},
        from_email=settings.DEFAULT_FROM_EMAIL,
        bcc=recipients,
    )
    return len(recipients) if _send(message, f"the notification of {record!r}") else 0


def confirm_to_resident(record: Reactie | Hulpvraag, *, site_url: str = "") -> bool:
    """The resident's confirmation, with the link through which they can have their details
    erased at once. Sent only when they gave an e-mail address."""
    if not record.email:
        return False
    link = site_url.rstrip("/") + reverse(
        "vrijwilligers:wissen", args=[privacy.erasure_token(record)]
    )
    message = EmailMessage(
        subject=_("Bedankt voor je bericht aan %(plek)s") % {"plek": record.locatie.naam},
        body=_(
            "Hallo %(naam)s,\n\n"
            "Je bericht is aangekomen bij %(plek)s. Iemand van de plek neemt contact met je "
            "op.\n\n"
            "We bewaren je naam en contactgegevens alleen zo lang als nodig om je te "
            "koppelen. Wil je dat we ze nu al wissen? Gebruik dan deze link:\n%(link)s\n"
        )
        % {"naam": record.naam, "plek": record.locatie.naam, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[record.email],
    )
    return _send(message, f"the confirmation of {record!r}")


def review_hulpvraag(*, hulpvraag: Hulpvraag, tonen: bool) -> Hulpvraag:
    """Show a resident's request on the public pages, or close it."""
    if tonen:
        hulpvraag.status = HulpvraagStatus.ZICHTBAAR
        hulpvraag.gesloten_op = None
    else:
        hulpvraag.status = HulpvraagStatus.GESLOTEN
        hulpvraag.gesloten_op = timezone.now()
    hulpvraag.save(update_fields=["status", "gesloten_op"])
    return hulpvraag


def _locked(reactie: Reactie) -> Reactie:
    locked = Reactie.objects.select_for_update().get(pk=reactie.pk)
    if locked.gewist_op or locked.status == ReactieStatus.GESLOTEN:
        raise ValidationError(_("Deze reactie is al gesloten."), code="closed")
    return locked


@transaction.atomic
def take_up(*, reactie: Reactie) -> Reactie:
    """Mark an answer as being handled (someone is calling the resident)."""
    locked = _locked(reactie)
    if locked.status == ReactieStatus.NIEUW:
        locked.status = ReactieStatus.IN_BEHANDELING
        locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def match(*, reactie: Reactie, door, notitie: str = "") -> Koppeling:
    """Record that the resident of `reactie` is matched with what they answered. Refused when
    the answer is closed or already matched."""
    locked = _locked(reactie)
    if Koppeling.objects.filter(reactie=locked).exists():
        raise ValidationError(_("Deze reactie is al gekoppeld."), code="matched")
    locked.status = ReactieStatus.GEKOPPELD
    locked.save(update_fields=["status"])
    return Koppeling.objects.create(
        reactie=locked, locatie_id=locked.locatie_id, gekoppeld_door=door, notitie=notitie.strip()
    )


def follow_up(*, koppeling: Koppeling, notitie: str) -> Koppeling:
    if koppeling.gesloten_op or koppeling.reactie.gewist_op:
        raise ValidationError(_("Deze koppeling is al gesloten."), code="closed")
    koppeling.notitie = notitie.strip()
    koppeling.save(update_fields=["notitie"])
    return koppeling


@transaction.atomic
def close(*, reactie: Reactie) -> Reactie:
    """Close an answer (and its match, if any). The retention period starts now."""
    locked = _locked(reactie)
    now = timezone.now()
    locked.status = ReactieStatus.GESLOTEN
    locked.gesloten_op = now
    locked.save(update_fields=["status", "gesloten_op"])
    Koppeling.objects.filter(reactie=locked, gesloten_op__isnull=True).update(gesloten_op=now)
    return locked


def vacature_is_open(vacature: Vacature) -> bool:
    return vacature.status == VacatureStatus.OPEN
