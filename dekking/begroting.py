"""Financing as a budget for one gemeente: the amounts per place, per wijk, per source and per
funder, totals per calendar year, and the places whose money runs out within a horizon the
officer chooses.

What is counted (the page's "Hoe wordt dit berekend?" says the same in Dutch):

- **The places** are those of the register (dekking/risico.py, REGISTER: published and waiting
  for review) that `user` may see (partners.permissions.visible_locaties).
- A financing line **runs** on a day when its ingangsdatum (none: since always) is on or before
  that day and its einddatum (none: for good) on or after it.
- **Per jaar nu**: the bedrag_per_jaar of the lines running on the peildatum (today), split into
  structural and temporary lines.
- **Per calendar year**: each line's bedrag_per_jaar × the days of that year it runs / the days
  of the year. So a line of € 12 000 a year running 1 July to 31 December gives € 6 049 in a
  year of 365 days (184 days). Years: from this year up to the year the horizon ends in, at
  least this year and next.
- **Ends within the horizon**: temporary lines whose einddatum lies from today up to and
  including the day `horizon_maanden` months ahead; "op het spel" is their bedrag_per_jaar.
- A place **depends on money that ends** ("alleen tijdelijk geld") when it has no running
  structural financing (structureel, without an einddatum or one still to come: the same rule
  as the risk list) and its latest temporary einddatum lies within the horizon. These places
  come first, with their money at stake and the residents 65+ for whom the place is the only one
  within the walking distance (dekking.enige_plek_65_plus).
- A line without a bedrag_per_jaar counts in "regels zonder bedrag", never as zero euros.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from dekking import dekking as dekking_module
from dekking.risico import register_locaties
from locaties.constants import FinancieringBron
from locaties.models import Financiering

HORIZON_MIN, HORIZON_MAX = 3, 24
STANDAARD_HORIZON = 6
CENT = Decimal("0.01")


def kies_horizon(waarde) -> int | None:
    """The horizon in months of a request value ('12'), or None when it is not a whole number
    from HORIZON_MIN to HORIZON_MAX."""
    try:
        maanden = int(str(waarde).strip())
    except (TypeError, ValueError):
        return None
    return maanden if HORIZON_MIN <= maanden <= HORIZON_MAX else None


@dataclass
class Regel:
    """One financing line, as the budget reads it."""

    locatie_pk: int
    bron: str
    financier: str
    bedrag: Decimal | None
    structureel: bool
    ingang: dt.date | None
    einde: dt.date | None

    def loopt_op(self, dag: dt.date) -> bool:
        return (self.ingang is None or self.ingang <= dag) and (
            self.einde is None or self.einde >= dag
        )

    def in_jaar(self, jaar: int) -> Decimal:
        """The part of the yearly amount that falls in calendar year `jaar`, by days."""
        if self.bedrag is None:
            return Decimal(0)
        begin = max(self.ingang or dt.date.min, dt.date(jaar, 1, 1))
        eind = min(self.einde or dt.date.max, dt.date(jaar, 12, 31))
        if eind < begin:
            return Decimal(0)
        dagen = (eind - begin).days + 1
        return self.bedrag * dagen / (366 if calendar.isleap(jaar) else 365)


@dataclass
class Post:
    """The figures of a group of lines: a place, a wijk, a source, a funder or the total."""

    naam: str
    sleutel: str = ""
    per_jaar_nu: Decimal = Decimal(0)
    structureel_nu: Decimal = Decimal(0)
    tijdelijk_nu: Decimal = Decimal(0)
    afloop: Decimal = Decimal(0)  # yearly amount of temporary lines ending within the horizon
    jaren: dict[int, Decimal] = field(default_factory=dict)
    regels: int = 0
    zonder_bedrag: int = 0

    def tel(self, regel: Regel, *, vandaag: dt.date, horizon: dt.date, jaren: list[int]):
        self.regels += 1
        if regel.bedrag is None:
            self.zonder_bedrag += 1
            return
        if regel.loopt_op(vandaag):
            self.per_jaar_nu += regel.bedrag
            if regel.structureel:
                self.structureel_nu += regel.bedrag
            else:
                self.tijdelijk_nu += regel.bedrag
        if not regel.structureel and regel.einde and vandaag <= regel.einde <= horizon:
            self.afloop += regel.bedrag
        for jaar in jaren:
            self.jaren[jaar] = self.jaren.get(jaar, Decimal(0)) + regel.in_jaar(jaar)

    def afronden(self, jaren: list[int]):
        self.jaren = {jaar: self.jaren.get(jaar, Decimal(0)).quantize(CENT) for jaar in jaren}


@dataclass
class PlekPost(Post):
    """A place's figures, with whether it depends on money that ends within the horizon."""

    locatie: object = None
    wijk: str = ""
    heeft_structureel: bool = False
    einde_tijdelijk: dt.date | None = None
    alleen_tijdelijk: bool = False  # only temporary money, ending within the horizon
    ouderen_alleen_hier: float | None = None

    @property
    def kan_beheren(self) -> bool:
        """Whether the place's portal page is open to the person (register_locaties)."""
        return self.locatie.kan_beheren


@dataclass
class Begroting:
    peildatum: dt.date
    horizon_maanden: int
    horizon: dt.date
    straal: int
    jaren: list[int]
    plekken: list[PlekPost]
    wijken: list[Post]
    bronnen: list[Post]
    financiers: list[Post]
    totaal: Post

    @property
    def in_gevaar(self) -> list[PlekPost]:
        return [p for p in self.plekken if p.alleen_tijdelijk]


def begroting(
    gemeente,
    user,
    *,
    horizon_maanden: int = STANDAARD_HORIZON,
    straal: int = dekking_module.STANDAARD_STRAAL,
    vandaag: dt.date | None = None,
) -> Begroting:
    """The budget of `gemeente` as `user` may see it. Four queries: the places, their lines,
    and (only when some place depends on money that ends) the buurten and the places around
    them for the residents 65+ at stake."""
    vandaag = vandaag or timezone.localdate()
    horizon = vandaag + relativedelta(months=horizon_maanden)
    jaren = list(range(vandaag.year, max(vandaag.year + 1, horizon.year) + 1))
    locaties = list(
        register_locaties(gemeente, user).select_related("wijk").order_by("naam", "pk")
    )
    regels = [
        Regel(pk, bron, financier or "", bedrag, structureel, ingang, einde)
        for pk, bron, financier, bedrag, structureel, ingang, einde in Financiering.objects.filter(
            locatie__in=[locatie.pk for locatie in locaties]
        )
        .order_by("pk")
        .values_list(
            "locatie_id",
            "bron",
            "financier__naam",
            "bedrag_per_jaar",
            "structureel",
            "ingangsdatum",
            "einddatum",
        )
    ]
    tel = {"vandaag": vandaag, "horizon": horizon, "jaren": jaren}

    plekken = {
        locatie.pk: PlekPost(
            naam=locatie.naam,
            sleutel=locatie.slug,
            locatie=locatie,
            wijk=locatie.wijk.naam if locatie.wijk_id else "",
        )
        for locatie in locaties
    }
    zonder_wijk = _("Zonder wijk")
    wijken: dict[str, Post] = {}
    bronnen: dict[str, Post] = {}
    financiers: dict[str, Post] = {}
    totaal = Post(naam=_("Totaal"))
    bron_labels = dict(FinancieringBron.choices)
    for regel in regels:
        plek = plekken[regel.locatie_pk]
        plek.tel(regel, **tel)
        wijk = plek.wijk or zonder_wijk
        wijken.setdefault(wijk, Post(naam=wijk)).tel(regel, **tel)
        bron = str(bron_labels.get(regel.bron, regel.bron))
        bronnen.setdefault(regel.bron, Post(naam=bron, sleutel=regel.bron)).tel(regel, **tel)
        financier = regel.financier or _("Geen financier vastgelegd")
        financiers.setdefault(financier, Post(naam=financier)).tel(regel, **tel)
        totaal.tel(regel, **tel)
        if regel.structureel and (regel.einde is None or regel.einde >= vandaag):
            plek.heeft_structureel = True
        if not regel.structureel and regel.einde:
            plek.einde_tijdelijk = max(plek.einde_tijdelijk or regel.einde, regel.einde)

    for plek in plekken.values():
        plek.alleen_tijdelijk = (
            not plek.heeft_structureel
            and plek.einde_tijdelijk is not None
            and vandaag <= plek.einde_tijdelijk <= horizon
        )
    in_gevaar = [pk for pk, plek in plekken.items() if plek.alleen_tijdelijk]
    if in_gevaar:
        ouderen = dekking_module.enige_plek_65_plus(gemeente, in_gevaar, straal=straal)
        for pk in in_gevaar:
            plekken[pk].ouderen_alleen_hier = ouderen[pk]

    alle = [*plekken.values(), *wijken.values(), *bronnen.values(), *financiers.values(), totaal]
    for post in alle:
        post.afronden(jaren)
    # Places depending on money that ends first, the first to end on top; then the rest.
    geordend = sorted(
        plekken.values(),
        key=lambda p: (
            not p.alleen_tijdelijk,
            p.einde_tijdelijk if p.alleen_tijdelijk else dt.date.max,
        ),
    )
    bron_volgorde = [code for code, _label in FinancieringBron.choices]
    return Begroting(
        peildatum=vandaag,
        horizon_maanden=horizon_maanden,
        horizon=horizon,
        straal=straal,
        jaren=jaren,
        plekken=geordend,
        wijken=sorted(wijken.values(), key=lambda p: (p.naam == zonder_wijk, p.naam.casefold())),
        bronnen=sorted(bronnen.values(), key=lambda p: bron_volgorde.index(p.sleutel)),
        financiers=sorted(financiers.values(), key=lambda p: p.naam.casefold()),
        totaal=totaal,
    )
