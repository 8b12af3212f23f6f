"""What is due: the open signals of every person, or of one, in a fixed number of queries.

Four kinds (constants.Soort), each with its recipients decided by partners/permissions.py:
- ter_beoordeling: a place waits for review → the staff of its gemeente (who review it);
- bevestigen: a place's confirmation is REMINDER_AFTER_MONTHS old (locaties/currency.py) →
  the members of the organisations that edit it through a Samenwerking; a place without such
  an organisation → the staff of its gemeente, who edit every place there;
- samenwerking_loopt_af: a Samenwerking laid down in a written agreement ends within 3 months
  → the members of that partner and the gemeente's staff;
- financiering_loopt_af: temporary financing ends within 3 months, and no other line from the
  same source runs on after it (a renewal) → the members of the organisations that run the
  place (its editors) and the gemeente's staff. Not the financier as such: it knows its own
  grant, and may have no portal page of the place to go to.
Archived places give no signals. An end date gives a signal at 3 months and one at 1 month
before (DREMPELS_MAANDEN); a first run inside the last month gives only the 1-month one.

Each Signaal carries the moment it is about (the submission, the confirmation counted from,
the end date), so a new submission, confirmation or end date is a new signal, and the same
one is the same signal on every run (herinneringen/versturen.py records it once).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import DateTimeField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from herinneringen.constants import DREMPELS_MAANDEN, Soort
from locaties import currency
from locaties.constants import LocatieStatus
from locaties.models import Financiering, Locatie, Samenwerking
from partners import permissions

# Before any history: the start of "the last time the place was not under review".
_BEGIN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Signaal:
    soort: str
    user_id: int
    onderwerp_id: int
    moment: dt.datetime
    drempel_maanden: int = 0

    @property
    def sleutel(self) -> tuple:
        """What the unique constraint of Herinnering holds."""
        return (self.soort, self.user_id, self.onderwerp_id, self.moment, self.drempel_maanden)


@dataclass
class Signalen:
    """The due signals and the records they are about, by id."""

    signalen: list[Signaal]
    locaties: dict[int, Locatie]
    samenwerkingen: dict[int, Samenwerking]
    financieringen: dict[int, Financiering]

    def onderwerp(self, signaal: Signaal):
        if signaal.soort == Soort.SAMENWERKING_LOOPT_AF:
            return self.samenwerkingen[signaal.onderwerp_id]
        if signaal.soort == Soort.FINANCIERING_LOOPT_AF:
            return self.financieringen[signaal.onderwerp_id]
        return self.locaties[signaal.onderwerp_id]


def end_window(today: dt.date) -> dt.date:
    """End dates up to this day are reminded of."""
    return today + relativedelta(months=max(DREMPELS_MAANDEN))


def threshold(einddatum: dt.date, today: dt.date) -> int:
    """The smallest threshold (in months before `einddatum`) that `today` has reached."""
    return min(m for m in DREMPELS_MAANDEN if today >= einddatum - relativedelta(months=m))


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def submitted_locaties():
    """Places waiting for review, each with `ingediend_op`: when this round of review began
    (the first history row under review after the last one that was not; without history, the
    last change)."""
    Historie = Locatie.history.model
    laatst_anders = (
        Historie.objects.filter(id=OuterRef("pk"))
        .exclude(status=LocatieStatus.TER_BEOORDELING)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    eerste_ter_beoordeling = (
        Historie.objects.filter(
            id=OuterRef("pk"),
            status=LocatieStatus.TER_BEOORDELING,
            history_date__gt=Coalesce(
                OuterRef("laatst_anders"), Value(_BEGIN), output_field=DateTimeField()
            ),
        )
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return (
        Locatie.objects.filter(status=LocatieStatus.TER_BEOORDELING)
        .annotate(laatst_anders=Subquery(laatst_anders))
        .annotate(
            ingediend_op=Coalesce(
                Subquery(eerste_ter_beoordeling), F("gewijzigd_op"), output_field=DateTimeField()
            )
        )
    )


def ending_samenwerkingen(today: dt.date):
    """Samenwerkingen on paper that end between today and the end of the window."""
    return Samenwerking.objects.filter(
        schriftelijk_vastgelegd=True, einddatum__gte=today, einddatum__lte=end_window(today)
    ).exclude(locatie__status=LocatieStatus.GEARCHIVEERD)


def ending_financieringen(today: dt.date):
    """Temporary financing that ends between today and the end of the window, unless a line
    from the same source and financier runs on after it (it was renewed)."""
    renewed = Financiering.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gt=OuterRef("einddatum")),
        locatie=OuterRef("locatie"),
        bron=OuterRef("bron"),
    ).exclude(pk=OuterRef("pk"))
    return (
        Financiering.objects.filter(
            structureel=False, einddatum__gte=today, einddatum__lte=end_window(today)
        )
        .exclude(locatie__status=LocatieStatus.GEARCHIVEERD)
        .exclude(Exists(renewed))
    )


def due(*, now: dt.datetime | None = None, records: bool = True) -> Signalen:
    """Every signal due at `now`, with the records they are about (unless `records` is
    False), in a fixed number of queries however many places and people there are."""
    now = now or timezone.now()
    signalen: list[Signaal] = []

    # A place waits for review.
    ingediend = submitted_locaties()
    momenten = dict(ingediend.values_list("pk", "ingediend_op"))
    for locatie_id, user_id in permissions.gemeente_staff_pairs(ingediend):
        signalen.append(Signaal(Soort.TER_BEOORDELING, user_id, locatie_id, momenten[locatie_id]))

    # A place's confirmation is nearly a year old: its editing organisations, or when it has
    # none, its gemeente.
    te_bevestigen = currency.due_for_reminder(Locatie.objects.all(), now=now)
    momenten = dict(te_bevestigen.values_list("pk", "bevestigd_of_aangemaakt"))
    pairs = set(permissions.place_editor_pairs(te_bevestigen))
    with_editor = {locatie_id for locatie_id, _user_id in pairs}
    zonder_editor = te_bevestigen.filter(pk__in=set(momenten) - with_editor)
    pairs |= set(permissions.gemeente_staff_pairs(zonder_editor))
    for locatie_id, user_id in pairs:
        signalen.append(Signaal(Soort.BEVESTIGEN, user_id, locatie_id, momenten[locatie_id]))

    signalen += ending_signals(today=timezone.localdate(now))
    if not records:
        return Signalen(signalen=signalen, locaties={}, samenwerkingen={}, financieringen={})
    return with_records(signalen)


def ending(*, today: dt.date, user) -> Signalen:
    """The agreements and financing ending that `user` is told about (the start page)."""
    return with_records(ending_signals(today=today, user=user))


def ending_signals(*, today: dt.date, user=None) -> list[Signaal]:
    """Signals for agreements on paper and temporary financing that end, for everyone or
    for `user`, in seven queries."""
    signalen = []
    samenwerkingen = ending_samenwerkingen(today)
    # Moment and threshold once per record, not per recipient.
    einde = {
        pk: (_midnight(datum), threshold(datum, today))
        for pk, datum in samenwerkingen.values_list("pk", "einddatum")
    }
    pairs = set(permissions.partner_member_pairs(samenwerkingen, user=user))
    pairs |= set(permissions.gemeente_staff_pairs(samenwerkingen, locatie="locatie__", user=user))
    for samenwerking_id, user_id in pairs:
        moment, drempel = einde[samenwerking_id]
        signalen.append(
            Signaal(Soort.SAMENWERKING_LOOPT_AF, user_id, samenwerking_id, moment, drempel)
        )

    financieringen = ending_financieringen(today)
    regels = {
        pk: (locatie_id, _midnight(datum), threshold(datum, today))
        for pk, locatie_id, datum in financieringen.values_list("pk", "locatie_id", "einddatum")
    }
    pairs = set(permissions.gemeente_staff_pairs(financieringen, locatie="locatie__", user=user))
    editors = defaultdict(set)
    plekken = Locatie.objects.filter(pk__in={regel[0] for regel in regels.values()})
    for locatie_id, user_id in permissions.place_editor_pairs(plekken, user=user):
        editors[locatie_id].add(user_id)
    for pk, (locatie_id, _moment, _drempel) in regels.items():
        pairs |= {(pk, user_id) for user_id in editors[locatie_id]}
    for financiering_id, user_id in pairs:
        _locatie_id, moment, drempel = regels[financiering_id]
        signalen.append(
            Signaal(Soort.FINANCIERING_LOOPT_AF, user_id, financiering_id, moment, drempel)
        )
    return signalen


def with_records(signalen: list[Signaal]) -> Signalen:
    """The records the signals are about, three queries."""
    ids = defaultdict(set)
    for signaal in signalen:
        ids[signaal.soort].add(signaal.onderwerp_id)
    locatie_ids = ids[Soort.TER_BEOORDELING] | ids[Soort.BEVESTIGEN]
    signalen.sort(key=lambda s: (s.user_id, s.soort, s.moment, s.onderwerp_id))
    return Signalen(
        signalen=signalen,
        locaties=Locatie.objects.select_related("gemeente", "laatst_bevestigd_door").in_bulk(
            locatie_ids
        ),
        samenwerkingen=Samenwerking.objects.select_related(
            "locatie", "locatie__gemeente", "partner"
        ).in_bulk(ids[Soort.SAMENWERKING_LOOPT_AF]),
        financieringen=Financiering.objects.select_related(
            "locatie", "locatie__gemeente", "financier"
        ).in_bulk(ids[Soort.FINANCIERING_LOOPT_AF]),
    )
