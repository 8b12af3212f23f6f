"""The "klopt nog" link in a reminder: one click confirms that a place's details are correct.

The link carries a signed token (django.core.signing, salted for this use) naming the person it
was sent to, the place and the confirmation the reminder was about. It expires after
settings.KLOPT_NOG_GELDIG_DAGEN. Opening it shows a page with one button; only pressing that
(a POST) confirms, so a mail scanner that follows links changes nothing. The token is the proof,
as in a password reset link: the person need not sign in for this one action. It confirms as the
person it was sent to, and only while they may still edit the place (partners/permissions.py);
someone else signed in is refused. Once the place has been confirmed since, the link says so and
does nothing more.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404

from locaties import currency
from partners import permissions
from partners.models import User

SALT = "herinneringen.klopt-nog"


class LinkVerlopen(Exception):
    """The link was genuine but is too old."""


@dataclass
class KloptNog:
    user: User
    locatie: object
    bevestiging: str  # the confirmation the reminder was about, ISO format, "" for none

    @property
    def al_bevestigd(self) -> bool:
        """The place was confirmed after the reminder was sent (by anyone)."""
        huidig = self.locatie.laatst_bevestigd_op
        return huidig is not None and huidig.isoformat() != self.bevestiging


def make_token(*, user, locatie) -> str:
    bevestigd = locatie.laatst_bevestigd_op
    return signing.dumps(
        {"u": user.pk, "l": locatie.pk, "b": bevestigd.isoformat() if bevestigd else ""},
        salt=SALT,
        compress=True,
    )


def read_token(token: str) -> dict:
    """The token's contents; raises LinkVerlopen for an old link, signing.BadSignature for
    anything not made by make_token."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=dt.timedelta(days=settings.KLOPT_NOG_GELDIG_DAGEN)
        )
    except signing.SignatureExpired as error:
        raise LinkVerlopen from error
    if not isinstance(data, dict) or not {"u", "l", "b"} <= data.keys():
        raise signing.BadSignature("Not a klopt-nog token")
    return data


def resolve(data: dict) -> KloptNog:
    """The person and place of a token, or 404 when the person is gone or may no longer edit
    the place (someone else's place gives nothing away either)."""
    user = get_object_or_404(User, pk=data["u"], is_active=True)
    locatie = get_object_or_404(
        permissions.editable_locaties(user).select_related("laatst_bevestigd_door"), pk=data["l"]
    )
    return KloptNog(user=user, locatie=locatie, bevestiging=str(data["b"]))


def confirm(klopt_nog: KloptNog) -> None:
    """Confirm the place as the person the link was sent to, unless that happened already."""
    if not klopt_nog.al_bevestigd:
        currency.confirm_locatie(klopt_nog.locatie, door=klopt_nog.user)
