"""Joining an organisation by invitation: the only way to get a staff account.

An organisation's beheerder (or the gemeente's staff) invites a colleague by e-mail address
with a role. The e-mail holds a link with a secret token; only its SHA-256 hash is stored. The
link expires after settings.INVITATION_VALID_DAYS and works once. Accepting it creates the
account when the address has none (the person sets a password; the click proves the address,
so it is verified), or, for an existing account, adds the membership once that person is signed
in. Who may invite is decided by partners/permissions.py, not here.
"""

import datetime as dt
import hashlib
import logging
import secrets
import smtplib

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import authlog
from partners.constants import LidmaatschapRol
from partners.models import Lidmaatschap, Partner, Uitnodiging, User

logger = logging.getLogger(__name__)


class InvitationUnusable(Exception):
    """The link does not lead to an invitation that can still be accepted."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def find(token: str) -> Uitnodiging | None:
    """The invitation a link's token belongs to, whatever its state."""
    if not token or len(token) > 100:
        return None
    return (
        Uitnodiging.objects.select_related("partner", "uitgenodigd_door")
        .filter(token_hash=hash_token(token))
        .first()
    )


def check_usable(uitnodiging: Uitnodiging | None) -> None:
    """Raise InvitationUnusable with a Dutch explanation unless the invitation can be accepted."""
    if uitnodiging is None:
        raise InvitationUnusable(_("Deze uitnodigingslink bestaat niet (meer)."))
    if uitnodiging.geaccepteerd_op is not None:
        raise InvitationUnusable(_("Deze uitnodiging is al gebruikt. Een link werkt één keer."))
    if uitnodiging.ingetrokken_op is not None:
        raise InvitationUnusable(_("Deze uitnodiging is ingetrokken."))
    if uitnodiging.is_verlopen:
        raise InvitationUnusable(
            _("Deze uitnodiging is verlopen. Vraag wie je uitnodigde om een nieuwe.")
        )


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _expiry(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=settings.INVITATION_VALID_DAYS)


def _send(*, uitnodiging: Uitnodiging, token: str, base_url: str) -> None:
    link = base_url.rstrip("/") + reverse("partners:uitnodiging_accepteren", args=[token])
    context = {
        "uitnodiging": uitnodiging,
        "link": link,
        "dagen": settings.INVITATION_VALID_DAYS,
        "SITE_NAME": settings.SITE_NAME,
    }
    subject = _("Uitnodiging voor %(partner)s op %(site)s") % {
        "partner": uitnodiging.partner.naam,
        "site": settings.SITE_NAME,
    }
    body = render_to_string("partners/email/uitnodiging.txt", context)
    try:
        send_mail(subject, body, None, [uitnodiging.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Invitation %s: the e-mail could not be sent", uitnodiging.pk)
        raise InvitationUnusable(
            _(
                "De e-mail met de uitnodiging kon niet worden verstuurd. Er is niets "
                "opgeslagen; probeer het over een paar minuten opnieuw."
            )
        ) from None


def invite(
    *, partner: Partner, email: str, rol: str, uitgenodigd_door: User, base_url: str
) -> Uitnodiging:
    """Invite `email` to join `partner` with `rol` and send the link; `base_url` is the site's
    address (scheme and host) the link starts with. Raises ValidationError (with the field
    it concerns) when the person is already a member or already has an open invitation."""
    email = normalize_email(email)
    if rol not in LidmaatschapRol.values:
        raise ValidationError({"rol": _("Kies een rol.")})
    if Lidmaatschap.objects.filter(partner=partner, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van deze organisatie.")})
    now = timezone.now()
    token, token_hash = _new_token()
    try:
        with transaction.atomic():
            # An open invitation that has expired makes way for the new one.
            Uitnodiging.objects.filter(
                partner=partner,
                email=email,
                geaccepteerd_op__isnull=True,
                ingetrokken_op__isnull=True,
                verloopt_op__lte=now,
            ).update(ingetrokken_op=now)
            uitnodiging = Uitnodiging.objects.create(
                partner=partner,
                email=email,
                rol=rol,
                token_hash=token_hash,
                uitgenodigd_door=uitgenodigd_door,
                aangemaakt_op=now,
                verzonden_op=now,
                verloopt_op=_expiry(now),
            )
            # Inside the transaction: an invitation whose e-mail did not go out is not kept.
            _send(uitnodiging=uitnodiging, token=token, base_url=base_url)
    except IntegrityError:
        raise ValidationError(
            {
                "email": _(
                    "Er staat al een uitnodiging open voor dit e-mailadres. Stuur die opnieuw "
                    "als de link kwijt is."
                )
            }
        ) from None
    except InvitationUnusable as error:
        raise ValidationError({"email": error.message}) from None
    return uitnodiging


@transaction.atomic
def resend(*, uitnodiging: Uitnodiging, base_url: str) -> Uitnodiging:
    """Send an open invitation again with a fresh link and a fresh expiry date; the old link
    stops working (only the hash of the newest token is kept). When the e-mail cannot be sent,
    nothing changes and InvitationUnusable explains."""
    if not uitnodiging.is_open:
        raise InvitationUnusable(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    now = timezone.now()
    token, token_hash = _new_token()
    updated = Uitnodiging.objects.filter(
        pk=uitnodiging.pk, geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True
    ).update(token_hash=token_hash, verzonden_op=now, verloopt_op=_expiry(now))
    if not updated:
        raise InvitationUnusable(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    uitnodiging.refresh_from_db()
    _send(uitnodiging=uitnodiging, token=token, base_url=base_url)
    return uitnodiging


def revoke(*, uitnodiging: Uitnodiging, door: User | None = None, request=None) -> None:
    """Withdraw an open invitation: its link stops working, and who withdrew it (`door`) is
    recorded and logged. Revoking twice changes nothing."""
    revoked = Uitnodiging.objects.filter(
        pk=uitnodiging.pk, geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True
    ).update(ingetrokken_op=timezone.now(), ingetrokken_door=door)
    uitnodiging.refresh_from_db()
    if revoked:
        authlog.log_event(
            "invitation_revoked",
            request=request,
            user=door,
            uitnodiging=uitnodiging.pk,
            partner=uitnodiging.partner.slug,
            invited=uitnodiging.email,
        )


def existing_account(uitnodiging: Uitnodiging) -> User | None:
    """The account the invited address belongs to: as its login, or as another verified
    address of that account (allauth's e-mail management)."""
    return (
        User.objects.filter(
            Q(email__iexact=uitnodiging.email)
            | Q(emailaddress__email__iexact=uitnodiging.email, emailaddress__verified=True)
        )
        .distinct()
        .first()
    )


def is_addressed_to(uitnodiging: Uitnodiging, user: User) -> bool:
    """Whether `user` may accept: the invitation went to their login or a verified address."""
    if normalize_email(user.email) == uitnodiging.email:
        return True
    return EmailAddress.objects.filter(
        user=user, email__iexact=uitnodiging.email, verified=True
    ).exists()


@transaction.atomic
def accept(
    *,
    uitnodiging: Uitnodiging,
    user: User | None = None,
    naam: str = "",
    password: str = "",
) -> Lidmaatschap:
    """Accept an invitation: as the signed-in `user` whose address it was sent to, or (no
    account yet) by creating the account with `naam` and `password`. Creates the membership
    with the invited role and marks the address verified. Raises InvitationUnusable when the
    link was used, revoked or expired — including by a simultaneous acceptance."""
    now = timezone.now()
    if user is not None and not is_addressed_to(uitnodiging, user):
        raise InvitationUnusable(
            _(
                "Deze uitnodiging is voor %(email)s. Log uit en open de link opnieuw, of vraag "
                "een uitnodiging voor je eigen e-mailadres."
            )
            % {"email": uitnodiging.email}
        )
    # Single use, decided by the database: only one UPDATE can see geaccepteerd_op empty.
    claimed = Uitnodiging.objects.filter(
        Q(pk=uitnodiging.pk)
        & Q(geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True)
        & Q(verloopt_op__gt=now)
    ).update(geaccepteerd_op=now)
    if not claimed:
        uitnodiging.refresh_from_db()
        check_usable(uitnodiging)
        raise InvitationUnusable(_("Deze uitnodiging kan niet meer worden gebruikt."))

    if user is None:
        if existing_account(uitnodiging) is not None:
            raise InvitationUnusable(
                _(
                    "Er bestaat al een account voor %(email)s. Log in om de uitnodiging aan "
                    "te nemen."
                )
                % {"email": uitnodiging.email}
            )
        user = User.objects.create_user(uitnodiging.email, password, naam=naam.strip())
    # The click on the link proves the address.
    address = EmailAddress.objects.filter(user=user, email__iexact=uitnodiging.email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user, email=uitnodiging.email, verified=True, primary=True
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    lidmaatschap = Lidmaatschap.objects.filter(user=user, partner=uitnodiging.partner).first()
    if lidmaatschap is None:
        lidmaatschap = Lidmaatschap(user=user, partner=uitnodiging.partner, rol=uitnodiging.rol)
        lidmaatschap._history_user = user
        lidmaatschap._change_reason = _("Uitnodiging aangenomen")
        lidmaatschap.save()
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(geaccepteerd_door=user)
    uitnodiging.refresh_from_db()
    authlog.log_event(
        "invitation_accepted",
        user=user,
        uitnodiging=uitnodiging.pk,
        partner=uitnodiging.partner.slug,
        rol=uitnodiging.rol,
    )
    return lidmaatschap
