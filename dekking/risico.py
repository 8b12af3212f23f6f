"""Risk lists for one gemeente: the places whose money runs out, the cooperation that is not on
paper, and the records nobody has confirmed for a year.

The lists cover the places of the register: published, and those waiting for review (they are
about to be published; their risks are known now). What a person sees is narrowed by
partners.permissions.visible_locaties, so nobody learns of a place under review that is not
theirs.

Financing. A place is at risk when
- no financing is recorded at all;
- it has no running structural financing (structureel, without an einddatum or one still to
  come) and its temporary financing ends within RISK_MONTHS months, on the day itself
  included, or has ended already;
- it has running structural financing and a temporary part that ends between today and that
  day: the place goes on, but with less money. Temporary money of a structurally financed
  place that ended before today is history, not a risk.
"Ends" is the latest einddatum of its temporary lines: a grant renewed by a new line that runs
on takes the place off the list.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from locaties import currency
from locaties.constants import FinancieringBron, LocatieStatus
from locaties.models import Financiering, LocatieQuerySet, Samenwerking
from partners import permissions

RISK_MONTHS = 6
# The register: public places and those waiting for review.
REGISTER = LocatieQuerySet.openbaar_q() | Q(status=LocatieStatus.TER_BEOORDELING)


def financing_horizon(today: dt.date) -> dt.date:
    """Temporary financing that ends on or before this day puts a place at risk."""
    return today + relativedelta(months=RISK_MONTHS)


def register_locaties(gemeente, user) -> QuerySet:
    """The places of `gemeente` the lists are about, as far as `user` may see them, with
    `kan_beheren`: whether their portal page is open to `user`."""
    return (
        permissions.visible_locaties(user)
        .filter(REGISTER, gemeente=gemeente)
        .annotate(kan_beheren=Exists(permissions.portal_locaties(user).filter(pk=OuterRef("pk"))))
    )


def financing_at_risk(locaties: QuerySet, *, today: dt.date) -> list:
    """The places of `locaties` at risk for their financing (see the module's docstring),
    those whose money ran out or runs out first on top, then those without any financing.
    Each has `reden` (why, in a sentence), `toestand` (in a few words), `einde` (the end of
    its temporary money or None), `structureel` (running structural financing) and
    `bron`/`einde_financier` of the line that ends.
    """
    horizon = financing_horizon(today)
    lines = Financiering.objects.filter(locatie=OuterRef("pk"))
    temporary = lines.filter(structureel=False).order_by("-einddatum", "-pk")
    running_structural = lines.filter(structureel=True).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=today)
    )
    rows = (
        locaties.annotate(
            heeft_financiering=Exists(lines),
            structureel=Exists(running_structural),
            einde=Subquery(temporary.values("einddatum")[:1]),
            einde_bron=Subquery(temporary.values("bron")[:1]),
            einde_financier=Subquery(temporary.values("financier__naam")[:1]),
        )
        .filter(
            Q(heeft_financiering=False)
            | Q(structureel=False) & (Q(einde__isnull=True) | Q(einde__lte=horizon))
            | Q(structureel=True, einde__gte=today, einde__lte=horizon)
        )
        .order_by(F("einde").asc(nulls_last=True), "heeft_financiering", "naam", "pk")
    )
    rows = list(rows)
    for row in rows:
        row.reden = _financing_reason(row, today)
        row.toestand = _financing_state(row, today)
        row.bron = str(FinancieringBron(row.einde_bron).label) if row.einde_bron else ""
    return rows


def _financing_state(row, today: dt.date) -> str:
    """A few words for the table; `reden` says it in full."""
    if not row.heeft_financiering:
        return _("geen financiering vastgelegd")
    if row.einde is None:
        return _("structurele financiering beëindigd")
    if row.structureel:
        return _("tijdelijk deel loopt af")
    if row.einde < today:
        return _("afgelopen")
    return _("loopt af")


def _financing_reason(row, today: dt.date) -> str:
    if not row.heeft_financiering:
        return _("Geen financiering vastgelegd")
    if row.einde is None:
        return _("Geen lopende financiering: de structurele financiering is beëindigd")
    datum = formats.date_format(row.einde, "j F Y")
    if row.structureel:
        return _(
            "Tijdelijke financiering loopt af op %(datum)s; de structurele financiering loopt door"
        ) % {"datum": datum}
    if row.einde < today:
        return _("Tijdelijke financiering is afgelopen op %(datum)s") % {"datum": datum}
    return _("Tijdelijke financiering loopt af op %(datum)s") % {"datum": datum}


def unwritten_samenwerkingen(locaties: QuerySet, *, today: dt.date, user) -> QuerySet:
    """Running Samenwerkingen at `locaties` that are not laid down in a written agreement,
    each with `kan_beheren` for its place."""
    return (
        Samenwerking.objects.filter(
            locatie__in=locaties.values("pk"), schriftelijk_vastgelegd=False
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=today))
        .select_related("locatie", "partner")
        .annotate(
            kan_beheren=Exists(permissions.portal_locaties(user).filter(pk=OuterRef("locatie_id")))
        )
        .order_by("locatie__naam", "locatie_id", "partner__naam", "rol")
    )


def unconfirmed_locaties(locaties: QuerySet, *, now: dt.datetime) -> QuerySet:
    """Places of `locaties` not confirmed as correct for a year (locaties/currency.py)."""
    return currency.unconfirmed(locaties, now=now).select_related("laatst_bevestigd_door")


@dataclass
class Risicos:
    peildatum: dt.date
    horizon: dt.date
    financiering: list
    samenwerkingen: list
    onbevestigd: list

    @property
    def totaal(self) -> int:
        return len(self.financiering) + len(self.samenwerkingen) + len(self.onbevestigd)


def risks(gemeente, user, *, now: dt.datetime | None = None) -> Risicos:
    """The three risk lists of `gemeente`, as `user` may see them, in three queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    locaties = register_locaties(gemeente, user)
    return Risicos(
        peildatum=today,
        horizon=financing_horizon(today),
        financiering=financing_at_risk(locaties, today=today),
        samenwerkingen=list(unwritten_samenwerkingen(locaties, today=today, user=user)),
        onbevestigd=list(unconfirmed_locaties(locaties, now=now)),
    )
