"""The daily run: one e-mail per person with everything newly due for them.

`stuur_herinneringen()` is called by the command of the same name and by Celery beat
(herinneringen/tasks.py). It collects what is due (herinneringen/signalen.py), leaves out what
was recorded before and what the person switched off (Voorkeur), and per person:

1. claims the items: inserts their Herinnering rows and commits. The unique constraint means
   a second run, or two runs at once, cannot claim the same item again;
2. sends one e-mail in the person's language with the claimed items;
3. marks the rows as sent, or when sending fails deletes them again, so the next run retries.

So an item is e-mailed at most once. Only a crash between 2 and 3 leaves rows without
`verstuurd_op`; those are not sent again (the e-mail may well have gone out) and the command
reports them. Nothing is lost to the person: the portal's start page shows the same open
signals every day.

Queries: a fixed number whatever the number of places or people (the signals and their
recipients, what was recorded before, the people and their choices, the records to show);
after that, per person e-mailed, the claim (an insert in a transaction) and the mark.
Items of a kind a person switched off are not recorded: switched on again, what is due then
is sent.
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from herinneringen import kloptnog, signalen
from herinneringen.constants import Soort
from herinneringen.models import Herinnering, Voorkeur
from partners.models import User

logger = logging.getLogger(__name__)


@dataclass
class Resultaat:
    emails: int = 0
    items: int = 0
    mislukt: int = 0
    overgeslagen_voorkeur: int = 0
    # Rows claimed by an earlier run that never got marked as sent (a crash while sending).
    onbevestigd: int = 0
    per_persoon: dict = field(default_factory=dict)


def _site_url() -> str:
    url = settings.SITE_URL.rstrip("/")
    if not url:
        raise ImproperlyConfigured(
            "SITE_URL is not set: the reminders need the site's address for their links."
        )
    return url


def new_signals(due: list[signalen.Signaal]) -> list[signalen.Signaal]:
    """The signals of `due` not recorded before, in one query."""
    ids = defaultdict(set)
    for signaal in due:
        ids[signaal.soort].add(signaal.onderwerp_id)
    if not ids:
        return []
    recorded = set(
        Herinnering.objects.filter(
            reduce(or_, (Q(soort=soort, onderwerp_id__in=pks) for soort, pks in ids.items()))
        ).values_list("soort", "user_id", "onderwerp_id", "moment", "drempel_maanden")
    )
    return [s for s in due if s.sleutel not in recorded]


def stuur_herinneringen(*, now: dt.datetime | None = None, dry_run: bool = False) -> Resultaat:
    """Send what is newly due (see the module's docstring). With `dry_run` nothing is recorded
    or sent; the result says what would be."""
    now = now or timezone.now()
    site_url = _site_url()
    nieuw = new_signals(signalen.due(now=now, records=False).signalen)
    resultaat = Resultaat(
        onbevestigd=Herinnering.objects.filter(verstuurd_op__isnull=True).count()
    )
    per_user = defaultdict(list)
    for signaal in nieuw:
        per_user[signaal.user_id].append(signaal)
    users = User.objects.filter(pk__in=per_user, is_active=True).in_bulk()
    voorkeuren = {v.user_id: v for v in Voorkeur.objects.filter(user_id__in=per_user)}
    gewild = {}
    for user_id, items in per_user.items():
        user = users.get(user_id)
        if user is None:
            continue
        voorkeur = voorkeuren.get(user_id) or Voorkeur(user=user)
        gewild[user] = (voorkeur.taal, [s for s in items if voorkeur.wil(s.soort)])
        resultaat.overgeslagen_voorkeur += len(items) - len(gewild[user][1])
    # The records (places, agreements, financing) are read for what will be sent only: a day
    # with nothing new reads none.
    due = signalen.with_records([s for _taal, items in gewild.values() for s in items])
    for user, (taal, items) in gewild.items():
        if not items:
            continue
        resultaat.per_persoon[user.email] = len(items)
        if dry_run or _claim_and_send(
            user=user, taal=taal, items=items, due=due, site_url=site_url
        ):
            resultaat.emails += 1
            resultaat.items += len(items)
        else:
            resultaat.mislukt += 1
    return resultaat


def _claim_and_send(*, user, taal: str, items, due, site_url: str) -> bool:
    """Claim, send, mark (steps 1–3 of the module's docstring); whether the e-mail went."""
    try:
        with transaction.atomic():
            ids = [
                row.pk
                for row in Herinnering.objects.bulk_create(
                    [
                        Herinnering(
                            soort=s.soort,
                            user=user,
                            onderwerp_id=s.onderwerp_id,
                            moment=s.moment,
                            drempel_maanden=s.drempel_maanden,
                        )
                        for s in items
                    ]
                )
            ]
    except IntegrityError:
        # Another run claimed (some of) these just now; that run sends them.
        logger.info("Reminders for user %s were claimed by another run", user.pk)
        return False
    try:
        build_email(user=user, taal=taal, items=items, due=due, site_url=site_url).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Reminders for user %s could not be sent; retried next run", user.pk)
        Herinnering.objects.filter(pk__in=ids).delete()
        return False
    Herinnering.objects.filter(pk__in=ids).update(verstuurd_op=timezone.now())
    return True


# An e-mail lists at most this many items of a kind and says how many more there are; the
# start page lists them all. (A first run on a full register would otherwise send a gemeente
# officer thousands of lines.)
MAX_PER_SECTIE = 25

SECTIES = [
    (Soort.TER_BEOORDELING, "ter_beoordeling"),
    (Soort.BEVESTIGEN, "bevestigen"),
    (Soort.SAMENWERKING_LOOPT_AF, "samenwerkingen"),
    (Soort.FINANCIERING_LOOPT_AF, "financieringen"),
]


def build_email(*, user, taal: str, items, due, site_url: str) -> EmailMessage:
    """The reminder e-mail for `user` in `taal`, plain text with absolute links."""
    with translation.override(taal):
        context = {
            "user": user,
            "SITE_NAME": settings.SITE_NAME,
            "klopt_nog_dagen": settings.KLOPT_NOG_GELDIG_DAGEN,
        }
        for soort, naam in SECTIES:
            van_soort = [s for s in items if s.soort == soort]
            context[naam] = [
                _item(s, due.onderwerp(s), user=user, site_url=site_url)
                for s in van_soort[:MAX_PER_SECTIE]
            ]
            context[f"{naam}_meer"] = max(0, len(van_soort) - MAX_PER_SECTIE)
        context["voorkeuren_url"] = site_url + reverse("beheer:herinneringen_voorkeuren")
        context["start_url"] = site_url + reverse("beheer:start")
        subject = ngettext(
            "%(site)s: %(aantal)s herinnering",
            "%(site)s: %(aantal)s herinneringen",
            len(items),
        ) % {"site": settings.SITE_NAME, "aantal": len(items)}
        body = render_to_string("herinneringen/email/herinneringen.txt", context)
    message = EmailMessage(subject, body, None, [user.email])
    message.extra_headers["Content-Language"] = taal
    return message


def _item(signaal, onderwerp, *, user, site_url: str) -> dict:
    locatie = getattr(onderwerp, "locatie", onderwerp)
    item = {
        "signaal": signaal,
        "onderwerp": onderwerp,
        "locatie": locatie,
        "url": site_url + reverse("beheer:locatie", args=[locatie.slug]),
    }
    if signaal.soort == Soort.BEVESTIGEN:
        token = kloptnog.make_token(user=user, locatie=locatie)
        item["klopt_nog_url"] = site_url + reverse("beheer:klopt_nog", args=[token])
        item["bewerken_url"] = site_url + reverse("beheer:locatie_bewerken", args=[locatie.slug])
    if signaal.drempel_maanden:
        item["einddatum"] = onderwerp.einddatum
    return item
