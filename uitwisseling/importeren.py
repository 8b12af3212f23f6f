"""The import: check every row of a file (the dry run), and when nothing is wrong and the
person confirms, write it all in one transaction.

`importeer(gelezen, rechten=…, …)` is one plain function for the portal, the command and the
background jobs of large files (uitwisseling/tasks.py); `voortgang(gedaan, totaal)` is called
as it goes. Rows are checked with the models' own validation (full_clean: field validators
such as the postcode and the coordinates in the Netherlands, and each model's clean()) plus
the forms' rules that live in forms (a room's rent only when it is let, overlapping hours,
partners working in the gemeente).

Matching, so that importing the same file twice changes nothing: a place by its extern_id
within its gemeente, else by gemeente + postcode + huisnummer + toevoeging; a room by place and
name; a samenwerking by place, partner and role; financing by place, source, financier and
start date; opening hours as the set of a place's periods. Existing records are fetched in
bulk (a query per kind, in chunks), never per row. What is not in the file stays as it is.
"""

import functools
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from activiteiten import herhaling, planning
from activiteiten.forms import SCHEDULE_FIELDS, ActiviteitForm
from activiteiten.herhaling import Patroon
from activiteiten.models import Activiteit
from activiteiten.occurrences import RuimteBezet
from kern.concurrency import StaleEdit, version_of
from kern.slugs import free_slug
from locaties import geocoding, wijkimport
from locaties.constants import LocatieStatus
from locaties.models import Financiering, Locatie, Openingstijd, Ruimte, Samenwerking
from partners import permissions
from partners.constants import PartnerSoort
from partners.models import Gemeente, Partner
from uitwisseling.kolommen import (
    ACTIVITEITEN,
    FINANCIERING,
    LOCATIES,
    OPENINGSTIJDEN,
    RUIMTEN,
    SAMENWERKINGEN,
    VERWIJZING,
    Blad,
    Waardefout,
)
from uitwisseling.lezen import Gelezen

CHUNK = 2000
NIEUW, GEWIJZIGD, ONGEWIJZIGD, GEWEIGERD = "nieuw", "gewijzigd", "ongewijzigd", "geweigerd"
LOCATIE_M2M = ("doelgroepen", "voorzieningen")
VERWIJZING_VELDEN = {kolom.veld for kolom in VERWIJZING}


# The report --------------------------------------------------------------------------------


@dataclass
class Melding:
    blad: str
    rij: int | None
    kolom: str | None
    tekst: str

    def __str__(self):
        plaats = []
        if self.rij is not None:
            plaats.append(_("Rij %(rij)s") % {"rij": self.rij})
        if self.kolom:
            plaats.append(_("kolom %(kolom)s") % {"kolom": self.kolom})
        return f"{', '.join(plaats)}: {self.tekst}" if plaats else self.tekst


@dataclass
class Rijuitkomst:
    blad: str
    rij: int
    actie: str
    naam: str
    velden: list[str] = field(default_factory=list)  # the columns that change


@dataclass
class Verslag:
    bestandsnaam: str
    proef: bool
    fouten: list[Melding] = field(default_factory=list)
    waarschuwingen: list[Melding] = field(default_factory=list)
    rijen: list[Rijuitkomst] = field(default_factory=list)
    uitgevoerd: bool = False

    def fout(self, blad: Blad, rij, kolom, tekst):
        self.fouten.append(Melding(blad.naam, rij, kolom, str(tekst)))

    def waarschuwing(self, blad: Blad, rij, kolom, tekst):
        self.waarschuwingen.append(Melding(blad.naam, rij, kolom, str(tekst)))

    @property
    def tellingen(self) -> dict[str, dict[str, int]]:
        """Per sheet, the number of rows per outcome."""
        tellingen = {}
        for uitkomst in self.rijen:
            per_blad = tellingen.setdefault(
                uitkomst.blad, {NIEUW: 0, GEWIJZIGD: 0, ONGEWIJZIGD: 0, GEWEIGERD: 0}
            )
            per_blad[uitkomst.actie] += 1
        return tellingen

    @property
    def aantal_wijzigingen(self) -> int:
        return sum(1 for uitkomst in self.rijen if uitkomst.actie in (NIEUW, GEWIJZIGD))

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Verslag":
        return cls(
            bestandsnaam=data["bestandsnaam"],
            proef=data["proef"],
            fouten=[Melding(**m) for m in data["fouten"]],
            waarschuwingen=[Melding(**m) for m in data["waarschuwingen"]],
            rijen=[Rijuitkomst(**r) for r in data["rijen"]],
            uitgevoerd=data.get("uitgevoerd", False),
        )


# Who may do what -----------------------------------------------------------------------------


@dataclass
class Rechten:
    """What an import may touch. `bewerkbaar(pks)` answers which of the places may be edited
    (one query); new places may be registered in `nieuw_in` (gemeente pks), on behalf of
    `partner` (who gets the role registration_role gives it), by `door`."""

    bewerkbaar: Callable[[list[int]], set[int]]
    nieuw_in: set[int]
    door: object = None
    partner: Partner | None = None
    # Activities, as in the portal: which of these may be changed; at which of these places
    # activities may be planned; whom one may name as organiser of a new one at a place.
    activiteiten_bewerkbaar: Callable[[list[int]], set[int]] = lambda pks: set()
    plannen_op: Callable[[list[int]], set[int]] = lambda pks: set()
    organisatoren: Callable[[Locatie], QuerySet] = lambda locatie: Partner.objects.none()


def mag_importeren(user) -> bool:
    """Whether the person may use the portal's import at all: register places on behalf of
    some organisation, or edit some place."""
    return (
        permissions.registering_partners(user).exists()
        or permissions.editable_locaties(user).exists()
    )


def rechten_van(user, partner: Partner | None) -> Rechten:
    """The rights of a person in the portal, under the same rules as the forms: edit the
    places of editable_locaties; register new ones on behalf of one of registering_partners,
    in a gemeente that organisation works in."""
    nieuw_in = set()
    if partner is not None:
        if not permissions.registering_partners(user).filter(pk=partner.pk).exists():
            partner = None
        else:
            nieuw_in = set(partner.werkgebied.values_list("pk", flat=True))
            if partner.gemeente_id:
                nieuw_in.add(partner.gemeente_id)

    def bewerkbaar(pks):
        return set(
            permissions.editable_locaties(user).filter(pk__in=pks).values_list("pk", flat=True)
        )

    def activiteiten_bewerkbaar(pks):
        mag = permissions.editable_activiteiten(user).filter(pk__in=pks)
        return set(mag.values_list("pk", flat=True))

    def plannen_op(pks):
        mag = permissions.portal_locaties(user).filter(pk__in=pks)
        return set(mag.values_list("pk", flat=True))

    return Rechten(
        bewerkbaar=bewerkbaar,
        nieuw_in=nieuw_in,
        door=user,
        partner=partner,
        activiteiten_bewerkbaar=activiteiten_bewerkbaar,
        plannen_op=plannen_op,
        organisatoren=lambda locatie: permissions.organising_partners(user, locatie),
    )


def rechten_voor_gemeente(gemeente: Gemeente) -> Rechten:
    """The command's rights: every place of one gemeente, as the system."""

    def bewerkbaar(pks):
        return set(
            Locatie.objects.filter(pk__in=pks, gemeente=gemeente).values_list("pk", flat=True)
        )

    def activiteiten_bewerkbaar(pks):
        mag = Activiteit.objects.filter(pk__in=pks, locatie__gemeente=gemeente)
        return set(mag.values_list("pk", flat=True))

    def organisatoren(locatie):
        # As for the gemeente's own staff: a partner working at the place, or the gemeente.
        return Partner.objects.filter(
            Q(samenwerkingen__locatie=locatie)
            | Q(gemeente=locatie.gemeente_id, soort=PartnerSoort.GEMEENTE)
        ).distinct()

    return Rechten(
        bewerkbaar=bewerkbaar,
        nieuw_in={gemeente.pk},
        activiteiten_bewerkbaar=activiteiten_bewerkbaar,
        plannen_op=bewerkbaar,
        organisatoren=organisatoren,
    )


# Reading rows --------------------------------------------------------------------------------


def _waarden(blad: Blad, koppen: list[str], rij: int, cellen: dict, verslag: Verslag):
    """The row's values by field, for the columns the file has; None when a cell is wrong
    (its error is in the report)."""
    waarden, goed = {}, True
    for kolom in blad.kolommen:
        if kolom.kop not in koppen:
            continue
        try:
            waarde = kolom.lees(cellen.get(kolom.kop))
        except Waardefout as fout:
            verslag.fout(blad, rij, kolom.kop, str(fout))
            goed = False
            continue
        if kolom.verplicht and waarde in (None, "", set()):
            verslag.fout(blad, rij, kolom.kop, _("Vul dit in."))
            goed = False
            continue
        waarden[kolom.veld] = waarde
    return waarden if goed else None


def _adres(postcode, huisnummer, toevoeging) -> tuple:
    return (postcode, huisnummer, (toevoeging or "").strip().lower())


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _errors_to_report(error: ValidationError, blad: Blad, rij: int, verslag: Verslag, naar_kop):
    if hasattr(error, "error_dict"):
        for veld, fouten in error.message_dict.items():
            kop = None if veld == NON_FIELD_ERRORS else naar_kop.get(veld, veld)
            for tekst in fouten:
                verslag.fout(blad, rij, kop, tekst)
    else:
        for tekst in error.messages:
            verslag.fout(blad, rij, None, tekst)


@dataclass
class _Plek:
    """A row of the Locaties sheet on its way in."""

    rij: int
    locatie: Locatie
    nieuw: bool
    m2m: dict = field(default_factory=dict)
    velden: list[str] = field(default_factory=list)
    goed: bool = True
    concept_afgedwongen: bool = False
    alleen_lezen: bool = False  # one may not edit it: only activities may name it


def importeer(
    gelezen: Gelezen,
    *,
    rechten: Rechten,
    bestandsnaam: str,
    proef: bool,
    status_nieuw: str = LocatieStatus.CONCEPT,
    voortgang: Callable[[int, int], None] | None = None,
    bij_opslaan: Callable[[Verslag], None] | None = None,
) -> Verslag:
    """Check every row; when `proef` is False and nothing is wrong, write everything in one
    transaction. Returns the report either way; nothing is written when it holds errors.

    `bij_opslaan(verslag)` is called inside that transaction once everything is written (not
    on a dry run), so that a background job's "done" commits together with the work; an
    exception it raises rolls everything back and is passed on."""
    if status_nieuw not in (LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING):
        status_nieuw = LocatieStatus.CONCEPT
    verslag = Verslag(bestandsnaam=bestandsnaam, proef=proef)
    for tekst in gelezen.waarschuwingen:
        verslag.waarschuwingen.append(Melding("", None, None, tekst))
    totaal = gelezen.aantal_rijen
    teller = {"gedaan": 0}

    def stap(aantal=1):
        teller["gedaan"] += aantal
        if voortgang and (teller["gedaan"] % 500 == 0 or teller["gedaan"] == totaal):
            voortgang(teller["gedaan"], totaal)

    plekken = _locaties(gelezen, rechten, verslag, status_nieuw, stap)
    kinderen = _Kinderen(gelezen, plekken, verslag, stap, rechten)
    if verslag.fouten or (proef and not kinderen.te_plannen):
        return verslag
    reden = _("Import %(bestand)s") % {"bestand": bestandsnaam}
    try:
        # Activities are checked by the portal's own form and saved by its own functions,
        # which need the places and rooms in the database: a dry run with activities to plan
        # writes everything and rolls it back.
        with transaction.atomic():
            _schrijf(plekken, kinderen, rechten=rechten, reden=reden)
            _plan_activiteiten(kinderen, rechten=rechten, reden=reden)
            if proef or verslag.fouten:
                raise _Terugdraaien
            if bij_opslaan is not None:
                verslag.uitgevoerd = True
                try:
                    bij_opslaan(verslag)
                except BaseException:
                    verslag.uitgevoerd = False
                    raise
    except _Terugdraaien:
        return verslag
    except IntegrityError:
        # Two rows that the checks took for different records are one after all (or someone
        # saved the same record meanwhile): nothing is written.
        verslag.fouten.append(
            Melding(
                "", None, None,
                _("Het bestand botst met gegevens die net zijn opgeslagen, of noemt dezelfde "
                  "locatie twee keer. Er is niets opgeslagen; probeer het opnieuw."),
            )
        )  # fmt: skip
        return verslag
    verslag.uitgevoerd = True
    return verslag


class _Terugdraaien(Exception):
    """Raised to roll the transaction back: a dry run, or an activity refused while saving."""


# Places ------------------------------------------------------------------------------------


def _locaties(gelezen, rechten, verslag, status_nieuw, stap) -> list[_Plek]:
    tabel = gelezen.tabellen[LOCATIES.naam]
    naar_kop = {kolom.veld: kolom.kop for kolom in LOCATIES.kolommen}
    gelezen_rijen = []
    for rij, cellen in tabel.rijen:
        gelezen_rijen.append((rij, _waarden(LOCATIES, tabel.koppen, rij, cellen, verslag)))

    codes = {w["gemeente"].upper() for _rij, w in gelezen_rijen if w and w.get("gemeente")}
    gemeenten = {g.cbs_code.upper(): g for g in Gemeente.objects.filter(cbs_code__in=codes)}
    bestaande = _bestaande_locaties(gelezen_rijen, gemeenten)
    bewerkbaar = set()
    for pks in _chunks({loc.pk for loc in bestaande}):
        bewerkbaar |= rechten.bewerkbaar(pks)
    op_extern = {(loc.gemeente_id, loc.extern_id): loc for loc in bestaande if loc.extern_id}
    op_adres = defaultdict(list)
    for loc in bestaande:
        op_adres[
            (loc.gemeente_id, *_adres(loc.postcode, loc.huisnummer, loc.huisnummer_toevoeging))
        ].append(loc)  # noqa: E501

    plekken, gezien = [], {}
    for rij, waarden in gelezen_rijen:
        stap()
        if waarden is None:
            continue
        gemeente = gemeenten.get(waarden["gemeente"].upper())
        if gemeente is None:
            verslag.fout(
                LOCATIES, rij, "Gemeente",
                _("‘%(code)s’ is geen gemeente in dit register. Vul de CBS-code in, zoals GM0200.")
                % {"code": waarden["gemeente"]},
            )  # fmt: skip
            continue
        adres = _adres(
            waarden.get("postcode"),
            waarden.get("huisnummer"),
            waarden.get("huisnummer_toevoeging"),
        )
        extern = waarden.get("extern_id", "")
        sleutel = (gemeente.pk, "extern", extern) if extern else (gemeente.pk, "adres", *adres)
        if sleutel in gezien:
            verslag.fout(
                LOCATIES, rij, "Extern ID" if extern else "Postcode",
                _("Deze locatie staat al op rij %(rij)s.") % {"rij": gezien[sleutel]},
            )  # fmt: skip
            continue
        gezien[sleutel] = rij

        locatie, probleem = None, None
        if extern:
            locatie = op_extern.get((gemeente.pk, extern))
        if locatie is None:
            kandidaten = op_adres.get((gemeente.pk, *adres), [])
            if extern:
                kandidaten = [loc for loc in kandidaten if not loc.extern_id]
            if len(kandidaten) == 1:
                locatie = kandidaten[0]
            elif len(kandidaten) > 1:
                probleem = _(
                    "Op dit adres staan meer locaties. Vul de externe code in om te zeggen "
                    "welke je bedoelt."
                )
        if probleem:
            verslag.fout(LOCATIES, rij, "Postcode", probleem)
            continue
        naam = waarden.get("naam") or (locatie.naam if locatie else "")
        alleen_lezen = locatie is not None and locatie.pk not in bewerkbaar
        if alleen_lezen:
            # A place one may not edit, named unchanged: its row stands for the activities
            # on that sheet (welzijn staff plan where they do not manage the place).
            plek = _plek(rij, waarden, locatie, gemeente, status_nieuw, naar_kop, verslag)
            if plek.goed and not plek.velden:
                plek.alleen_lezen = True
                plekken.append(plek)
                continue
            locatie.refresh_from_db()
            verslag.fouten = [m for m in verslag.fouten if m.rij != rij or m.blad != LOCATIES.naam]
            verslag.fout(
                LOCATIES, rij, None,
                _("Je mag de locatie op dit adres (%(naam)s) niet bewerken; deze rij is "
                  "geweigerd.") % {"naam": locatie.naam},
            )  # fmt: skip
            verslag.rijen.append(Rijuitkomst(LOCATIES.naam, rij, GEWEIGERD, naam))
            continue
        if locatie is None and gemeente.pk not in rechten.nieuw_in:
            verslag.fout(
                LOCATIES, rij, "Gemeente",
                _("Je mag in %(gemeente)s geen nieuwe locaties registreren; deze rij is "
                  "geweigerd.") % {"gemeente": gemeente.naam},
            )  # fmt: skip
            verslag.rijen.append(Rijuitkomst(LOCATIES.naam, rij, GEWEIGERD, naam))
            continue

        plek = _plek(rij, waarden, locatie, gemeente, status_nieuw, naar_kop, verslag)
        plekken.append(plek)
    _geocode(plekken, verslag)
    for plek in plekken:
        if not plek.goed:
            continue
        if plek.nieuw:
            actie = NIEUW
        else:
            actie = GEWIJZIGD if plek.velden else ONGEWIJZIGD
        verslag.rijen.append(
            Rijuitkomst(LOCATIES.naam, plek.rij, actie, plek.locatie.naam, plek.velden)
        )
    return plekken


def _bestaande_locaties(gelezen_rijen, gemeenten) -> list[Locatie]:
    externe = {w["extern_id"] for _r, w in gelezen_rijen if w and w.get("extern_id")}
    postcodes = {w["postcode"] for _r, w in gelezen_rijen if w and w.get("postcode")}
    if not gemeenten:
        return []
    found = {}
    basis = (
        Locatie.objects.filter(gemeente__in=list(gemeenten.values()))
        .select_related("wijk", "buurt")
        .prefetch_related("doelgroepen", "voorzieningen")
    )
    for deel in _chunks(externe):
        found.update({loc.pk: loc for loc in basis.filter(extern_id__in=deel)})
    for deel in _chunks(postcodes):
        found.update({loc.pk: loc for loc in basis.filter(postcode__in=deel)})
    return list(found.values())


def _plek(rij, waarden, locatie, gemeente, status_nieuw, naar_kop, verslag) -> _Plek:
    nieuw = locatie is None
    if nieuw:
        locatie = Locatie(gemeente=gemeente, status=status_nieuw)
        voor = {}
    else:
        voor = {
            naam: getattr(locatie, naam)
            for naam in waarden
            if naam not in LOCATIE_M2M and naam != "gemeente"
        }
    plek = _Plek(rij=rij, locatie=locatie, nieuw=nieuw)
    for veld, waarde in waarden.items():
        if veld == "gemeente":
            continue
        if veld in LOCATIE_M2M:
            plek.m2m[veld] = waarde
            if not nieuw:
                oud = {item.pk for item in getattr(locatie, veld).all()}
                if oud != waarde:
                    plek.velden.append(naar_kop[veld])
            continue
        if not nieuw and veld in ("extern_id", "latitude", "longitude") and waarde in ("", None):
            continue  # empty: keep what is known
        if veld == "latitude" and not nieuw and waarden.get("longitude") in (None, ""):
            continue
        if veld == "longitude" and not nieuw and waarden.get("latitude") in (None, ""):
            continue
        setattr(locatie, veld, waarde)
        if not nieuw and voor.get(veld) != waarde:
            plek.velden.append(naar_kop[veld])
    # The address moved and no new coordinates were given: look it up again.
    adres_gewijzigd = {"straat", "huisnummer", "huisnummer_toevoeging", "postcode", "plaats"}
    coordinaten = waarden.get("latitude") not in (None, "")
    if not nieuw and not coordinaten and any(naar_kop[v] in plek.velden for v in adres_gewijzigd):
        locatie.latitude = locatie.longitude = None
    try:
        locatie.full_clean(
            exclude=["slug", "gemeente", "wijk", "buurt", "laatst_bevestigd_door"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        _errors_to_report(error, LOCATIES, rij, verslag, naar_kop)
        plek.goed = False
    return plek


def _geocode(plekken: list[_Plek], verslag: Verslag) -> None:
    """Places without coordinates are looked up at PDOK; unreachable or not found is a
    warning and the place stays (or becomes) concept without coordinates."""
    for plek in plekken:
        locatie = plek.locatie
        if not plek.goed or plek.alleen_lezen or locatie.latitude is not None:
            continue
        tekst = geocoding.locate_address(locatie, changed_fields=geocoding.ADDRESS_FIELDS)
        if locatie.latitude is not None:
            if not plek.nieuw:
                plek.velden += ["Breedtegraad", "Lengtegraad"]
            continue
        if plek.nieuw:
            locatie.status = LocatieStatus.CONCEPT
            gevolg = _("De locatie komt binnen als concept, zonder plek op de kaart.")
        else:
            gevolg = _("De locatie staat niet op de kaart.")
        verslag.waarschuwing(LOCATIES, plek.rij, "Breedtegraad", f"{tekst} {gevolg}")


# Activities ----------------------------------------------------------------------------------

ACTIVITEIT_VELDEN = {
    "titel", "categorie", "omschrijving", "startdatum", "begintijd", "eindtijd", "herhaling",
    "alleen_voor_doelgroep", "kosten", "kosten_toelichting", "aanmelden_nodig", "aanmelden_via",
}  # fmt: skip


@dataclass
class _Plan:
    """A row of the Activiteiten sheet on its way in."""

    rij: int
    plek: "_Plek"
    activiteit: Activiteit | None
    actie: str
    velden: list[str]
    waarden: dict
    ruimte: str | None  # the room's name; None: the file has no Ruimte column
    organisator: Partner
    doelgroepen: set | None
    uitkomst: Rijuitkomst | None = None


def _regel(tekst: str) -> str:
    """The RRULE for a Herhaling cell: the portal's plain choices in words (as
    activiteiten/herhaling.py describes them), or a rule as typed; '' for once."""
    tekst = (tekst or "").strip()
    if "FREQ=" in tekst.upper().replace(" ", ""):
        return "".join(tekst.split()).upper().removeprefix("RRULE:")
    keuze = herhaling.from_text(tekst)
    if keuze is None:
        raise Waardefout(
            _("‘%(waarde)s’ is geen herhaling die de import kent. Schrijf bijvoorbeeld ‘elke "
              "week op dinsdag’, ‘om de week op woensdag’, ‘elke eerste maandag van de maand’, "
              "‘elke werkdag’ of ‘eenmalig’, of een herhaalregel zoals FREQ=WEEKLY;BYDAY=TU.")
            % {"waarde": tekst}
        )  # fmt: skip
    return herhaling.to_rule(keuze)


def _partners_op_naam_of_slug(tabel) -> dict[str, list[Partner]]:
    """Partners by lower-case slug and name, for the names in the Organisator column."""
    namen = {
        cellen["Organisator"].strip().lower()
        for _rij, cellen in tabel.rijen
        if isinstance(cellen.get("Organisator"), str) and cellen["Organisator"].strip()
    }
    gevonden = defaultdict(list)
    for deel in _chunks(namen):
        for partner in Partner.objects.annotate(naam_klein=Lower("naam")).filter(
            Q(naam_klein__in=deel) | Q(slug__in=deel)
        ):
            if partner.slug in deel:
                gevonden[partner.slug].append(partner)
            if partner.naam_klein in deel and partner.naam_klein != partner.slug:
                gevonden[partner.naam_klein].append(partner)
    return gevonden


# Records of a place ------------------------------------------------------------------------


class _Kinderen:
    """The rows of the other sheets, checked against the places of the Locaties sheet."""

    def __init__(self, gelezen: Gelezen, plekken: list[_Plek], verslag: Verslag, stap, rechten):
        self.verslag = verslag
        self.rechten = rechten
        self.stap = stap
        self.plek_op_extern = {}
        self.plek_op_adres = {}
        for plek in plekken:
            loc = plek.locatie
            if loc.extern_id:
                self.plek_op_extern.setdefault(loc.extern_id, []).append(plek)
            sleutel = _adres(loc.postcode, loc.huisnummer, loc.huisnummer_toevoeging)
            self.plek_op_adres.setdefault(sleutel, []).append(plek)
        self.bestaand_ids = [p.locatie.pk for p in plekken if not p.nieuw]
        self.ruimten_nieuw, self.ruimten_gewijzigd = [], []
        self.tijden = {}  # plek -> list of Openingstijd, for places whose hours change
        self.samenwerkingen_nieuw, self.samenwerkingen_gewijzigd = [], []
        self.financiering_nieuw, self.financiering_gewijzigd = [], []
        self.te_plannen: list[_Plan] = []  # activities to create or change
        tabellen = gelezen.tabellen
        partners = self._partners(tabellen)
        if RUIMTEN.naam in tabellen:
            self._ruimten(tabellen[RUIMTEN.naam])
        if OPENINGSTIJDEN.naam in tabellen:
            self._openingstijden(tabellen[OPENINGSTIJDEN.naam])
        if SAMENWERKINGEN.naam in tabellen:
            self._samenwerkingen(tabellen[SAMENWERKINGEN.naam], partners)
        if FINANCIERING.naam in tabellen:
            self._financiering(tabellen[FINANCIERING.naam], partners)
        if ACTIVITEITEN.naam in tabellen:
            self._activiteiten(tabellen[ACTIVITEITEN.naam])

    def _partners(self, tabellen) -> dict[str, list[Partner]]:
        namen = set()
        for blad, veld in ((SAMENWERKINGEN, "Partner"), (FINANCIERING, "Financier")):
            if blad.naam in tabellen:
                for _rij, cellen in tabellen[blad.naam].rijen:
                    if isinstance(cellen.get(veld), str) and cellen[veld].strip():
                        namen.add(cellen[veld].strip().lower())
        gevonden = defaultdict(list)
        for deel in _chunks(namen):
            for partner in (
                Partner.objects.annotate(naam_klein=Lower("naam"))
                .filter(naam_klein__in=deel)
                .prefetch_related("werkgebied")
            ):
                gevonden[partner.naam_klein].append(partner)
        return gevonden

    def _rijen(self, tabel, naar_kop):
        """(row, values, place) for each readable row that names a place of the file."""
        blad = tabel.blad
        for rij, cellen in tabel.rijen:
            self.stap()
            waarden = _waarden(blad, tabel.koppen, rij, cellen, self.verslag)
            if waarden is None:
                continue
            plek = self._plek_van(blad, rij, waarden)
            if plek is None:
                continue
            if plek.alleen_lezen and blad is not ACTIVITEITEN:
                self.verslag.fout(
                    blad, rij, None,
                    _("Je mag deze locatie (%(naam)s) niet bewerken; deze rij is geweigerd.")
                    % {"naam": plek.locatie.naam},
                )  # fmt: skip
                continue
            yield rij, {k: v for k, v in waarden.items() if k not in VERWIJZING_VELDEN}, plek

    def _plek_van(self, blad, rij, waarden):
        extern = waarden.get("locatie_extern_id", "")
        if extern:
            kandidaten = self.plek_op_extern.get(extern, [])
        elif waarden.get("locatie_postcode") and waarden.get("locatie_huisnummer"):
            kandidaten = self.plek_op_adres.get(
                _adres(
                    waarden["locatie_postcode"],
                    waarden["locatie_huisnummer"],
                    waarden.get("locatie_toevoeging"),
                ),
                [],
            )
        else:
            self.verslag.fout(
                blad, rij, "Locatie extern ID",
                _("Vul de externe code van de locatie in, of haar postcode en huisnummer."),
            )  # fmt: skip
            return None
        if len(kandidaten) != 1:
            self.verslag.fout(
                blad, rij, "Locatie extern ID" if extern else "Locatie postcode",
                _("Deze locatie staat niet (of niet goed) op het blad Locaties.")
                if not kandidaten
                else _("Deze verwijzing past op meer locaties; vul de externe code in."),
            )  # fmt: skip
            return None
        plek = kandidaten[0]
        return plek if plek.goed else None

    def _partner(self, blad, rij, kop, naam, partners, plek):
        """The partner named `naam`, who must work in the place's gemeente (as in the form)."""
        kandidaten = [
            p
            for p in partners.get(naam.strip().lower(), [])
            if p.gemeente_id == plek.locatie.gemeente_id
            or any(g.pk == plek.locatie.gemeente_id for g in p.werkgebied.all())
        ]
        if len(kandidaten) == 1:
            return kandidaten[0]
        self.verslag.fout(
            blad, rij, kop,
            _("‘%(naam)s’ is geen organisatie die in %(gemeente)s werkt.")
            % {"naam": naam, "gemeente": plek.locatie.gemeente.naam}
            if not kandidaten
            else _("Er zijn meer organisaties die ‘%(naam)s’ heten.") % {"naam": naam},
        )  # fmt: skip
        return None

    def _check(self, obj, blad, rij, naar_kop, exclude=("locatie",)):
        try:
            obj.full_clean(
                exclude=list(exclude), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            _errors_to_report(error, blad, rij, self.verslag, naar_kop)
            return False
        return True

    def _uitkomst(self, blad, rij, actie, naam, velden=()):
        self.verslag.rijen.append(Rijuitkomst(blad.naam, rij, actie, naam, list(velden)))

    # Ruimten
    def _ruimten(self, tabel):
        naar_kop = {kolom.veld: kolom.kop for kolom in RUIMTEN.kolommen}
        bestaand = {}
        for deel in _chunks(self.bestaand_ids):
            for ruimte in Ruimte.objects.filter(locatie__in=deel).prefetch_related(
                "voorzieningen"
            ):
                bestaand[(ruimte.locatie_id, ruimte.naam.lower())] = ruimte
        gezien = {}
        for rij, waarden, plek in self._rijen(tabel, naar_kop):
            naam = waarden["naam"].strip()
            sleutel = (id(plek), naam.lower())
            if sleutel in gezien:
                self.verslag.fout(RUIMTEN, rij, "Naam",
                                  _("Deze ruimte staat al op rij %(rij)s.") % {"rij": gezien[sleutel]})  # fmt: skip  # noqa: E501
                continue
            gezien[sleutel] = rij
            voorzieningen = waarden.pop("voorzieningen", None)
            ruimte = None if plek.nieuw else bestaand.get((plek.locatie.pk, naam.lower()))
            velden = []
            if ruimte is None:
                ruimte = Ruimte(**waarden)
            else:
                for veld, waarde in waarden.items():
                    if getattr(ruimte, veld) != waarde:
                        velden.append(naar_kop[veld])
                        setattr(ruimte, veld, waarde)
                if voorzieningen is not None and voorzieningen != {
                    v.pk for v in ruimte.voorzieningen.all()
                }:
                    velden.append(naar_kop["voorzieningen"])
            goed = self._check(ruimte, RUIMTEN, rij, naar_kop)
            if ruimte.huurprijs_per_dagdeel is not None and not ruimte.verhuurbaar:
                self.verslag.fout(RUIMTEN, rij, "Te huur",
                                  _("Een huurprijs hoort bij een ruimte die te huur is: vul ja in."))  # fmt: skip  # noqa: E501
                goed = False
            if not goed:
                continue
            if ruimte.pk is None:
                self.ruimten_nieuw.append((plek, ruimte, voorzieningen or set()))
                self._uitkomst(RUIMTEN, rij, NIEUW, naam)
            elif velden:
                self.ruimten_gewijzigd.append((ruimte, voorzieningen, velden))
                self._uitkomst(RUIMTEN, rij, GEWIJZIGD, naam, velden)
            else:
                self._uitkomst(RUIMTEN, rij, ONGEWIJZIGD, naam)

    # Openingstijden
    def _openingstijden(self, tabel):
        naar_kop = {kolom.veld: kolom.kop for kolom in OPENINGSTIJDEN.kolommen}
        bestaand = defaultdict(set)
        for deel in _chunks(self.bestaand_ids):
            for locatie_id, weekdag, van, tot in Openingstijd.objects.filter(
                locatie__in=deel
            ).values_list("locatie_id", "weekdag", "van", "tot"):
                bestaand[locatie_id].add((weekdag, van, tot))
        per_plek = defaultdict(list)
        fout_bij = set()
        for rij, waarden, plek in self._rijen(tabel, naar_kop):
            tijd = Openingstijd(**waarden)
            if not self._check(tijd, OPENINGSTIJDEN, rij, naar_kop):
                fout_bij.add(id(plek))
                continue
            for ander_rij, ander in per_plek[id(plek)]:
                if ander.weekdag == tijd.weekdag and tijd.van < ander.tot and tijd.tot > ander.van:
                    self.verslag.fout(
                        OPENINGSTIJDEN, rij, "Van",
                        _("Dit tijdvak overlapt met rij %(rij)s (%(ander)s).")
                        % {"rij": ander_rij, "ander": ander},
                    )  # fmt: skip
                    fout_bij.add(id(plek))
                    break
            else:
                per_plek[id(plek)].append((rij, tijd))
        plekken = {id(p): p for lijst in self.plek_op_adres.values() for p in lijst}
        for sleutel, tijden in per_plek.items():
            plek = plekken[sleutel]
            if sleutel in fout_bij:
                continue
            nieuw = {(t.weekdag, t.van, t.tot) for _r, t in tijden}
            ongewijzigd = not plek.nieuw and nieuw == bestaand.get(plek.locatie.pk, set())
            if not ongewijzigd:
                self.tijden[sleutel] = (plek, [t for _r, t in tijden])
            for rij, tijd in tijden:
                self._uitkomst(OPENINGSTIJDEN, rij, ONGEWIJZIGD if ongewijzigd else NIEUW,
                               f"{plek.locatie.naam}: {tijd}")  # fmt: skip

    # Samenwerkingen
    def _samenwerkingen(self, tabel, partners):
        naar_kop = {kolom.veld: kolom.kop for kolom in SAMENWERKINGEN.kolommen}
        bestaand = {}
        for deel in _chunks(self.bestaand_ids):
            for sw in Samenwerking.objects.filter(locatie__in=deel):
                bestaand[(sw.locatie_id, sw.partner_id, sw.rol)] = sw
        gezien = {}
        for rij, waarden, plek in self._rijen(tabel, naar_kop):
            partner = self._partner(SAMENWERKINGEN, rij, "Partner", waarden.pop("partner"),
                                    partners, plek)  # fmt: skip
            if partner is None:
                continue
            sleutel = (id(plek), partner.pk, waarden["rol"])
            if sleutel in gezien:
                self.verslag.fout(SAMENWERKINGEN, rij, "Rol",
                                  _("Deze samenwerking staat al op rij %(rij)s.") % {"rij": gezien[sleutel]})  # fmt: skip  # noqa: E501
                continue
            gezien[sleutel] = rij
            sw = (
                None if plek.nieuw else bestaand.get((plek.locatie.pk, partner.pk, waarden["rol"]))
            )
            naam = f"{partner.naam} — {plek.locatie.naam}"
            self._bijwerken(SAMENWERKINGEN, rij, naar_kop, sw, Samenwerking, waarden, plek,
                            naam, self.samenwerkingen_nieuw, self.samenwerkingen_gewijzigd,
                            partner=partner)  # fmt: skip

    # Financiering
    def _financiering(self, tabel, partners):
        naar_kop = {kolom.veld: kolom.kop for kolom in FINANCIERING.kolommen}
        bestaand = {}
        for deel in _chunks(self.bestaand_ids):
            for fin in Financiering.objects.filter(locatie__in=deel):
                bestaand[(fin.locatie_id, fin.bron, fin.financier_id, fin.ingangsdatum)] = fin
        gezien = {}
        for rij, waarden, plek in self._rijen(tabel, naar_kop):
            naam_financier = waarden.pop("financier", "")
            financier = None
            if naam_financier:
                financier = self._partner(FINANCIERING, rij, "Financier", naam_financier,
                                          partners, plek)  # fmt: skip
                if financier is None:
                    continue
            sleutel = (id(plek), waarden["bron"], financier and financier.pk,
                       waarden.get("ingangsdatum"))  # fmt: skip
            if sleutel in gezien:
                self.verslag.fout(FINANCIERING, rij, "Bron",
                                  _("Deze financiering staat al op rij %(rij)s.") % {"rij": gezien[sleutel]})  # fmt: skip  # noqa: E501
                continue
            gezien[sleutel] = rij
            fin = None
            if not plek.nieuw:
                fin = bestaand.get((plek.locatie.pk, *sleutel[1:]))
            naam = f"{plek.locatie.naam}: {waarden['bron']}"
            self._bijwerken(FINANCIERING, rij, naar_kop, fin, Financiering, waarden, plek, naam,
                            self.financiering_nieuw, self.financiering_gewijzigd,
                            financier=financier)  # fmt: skip

    # Activiteiten
    def _activiteiten(self, tabel):
        """Check the cells, find the activity each row means and what would change. The rights
        to change an existing activity are checked here; the rest (the organiser, the form's
        rules, the room being free) when planning, by the portal's own form and functions."""
        naar_kop = {kolom.veld: kolom.kop for kolom in ACTIVITEITEN.kolommen}
        bestaand = list(
            Activiteit.objects.filter(locatie__in=self.bestaand_ids)
            .select_related("ruimte", "organisator")
            .prefetch_related("doelgroepen")
        ) if self.bestaand_ids else []  # fmt: skip
        op_uuid = {act.uuid: act for act in bestaand}
        op_titel = {
            (act.locatie_id, act.titel.strip().lower(), act.startdatum): act for act in bestaand
        }
        ruimten = defaultdict(set)  # place → lower-case room names, in the register or the file
        for deel in _chunks(self.bestaand_ids):
            for locatie_id, naam in Ruimte.objects.filter(locatie__in=deel).values_list(
                "locatie_id", "naam"
            ):
                ruimten[("pk", locatie_id)].add(naam.lower())
        for plek, ruimte, _v in self.ruimten_nieuw:
            ruimten[("plek", id(plek))].add(ruimte.naam.lower())
        organisatoren = _partners_op_naam_of_slug(tabel)
        plannen, gezien = [], {}
        for rij, waarden, plek in self._rijen(tabel, naar_kop):
            plan = self._activiteit(rij, waarden, plek, naar_kop, op_uuid, op_titel, ruimten,
                                    organisatoren, gezien)  # fmt: skip
            if plan is not None:
                plannen.append(plan)
        wijzigen = [plan.activiteit.pk for plan in plannen if plan.actie == GEWIJZIGD]
        mag = set()
        for deel in _chunks(wijzigen):
            mag |= self.rechten.activiteiten_bewerkbaar(deel)
        for plan in plannen:
            if plan.actie == GEWIJZIGD and plan.activiteit.pk not in mag:
                self.verslag.fout(ACTIVITEITEN, plan.rij, None,
                                  _("Je mag deze activiteit niet wijzigen; deze rij is geweigerd."))  # fmt: skip  # noqa: E501
                plan.actie = GEWEIGERD
            plan.uitkomst = Rijuitkomst(ACTIVITEITEN.naam, plan.rij, plan.actie,
                                        plan.waarden["titel"], plan.velden)  # fmt: skip
            self.verslag.rijen.append(plan.uitkomst)
            if plan.actie in (NIEUW, GEWIJZIGD):
                self.te_plannen.append(plan)

    def _activiteit(self, rij, waarden, plek, naar_kop, op_uuid, op_titel, ruimten,
                    organisatoren, gezien):  # fmt: skip
        fout = functools.partial(self.verslag.fout, ACTIVITEITEN, rij)
        goed = True
        try:
            waarden["herhaling"] = _regel(waarden.get("herhaling", ""))
        except Waardefout as error:
            fout("Herhaling", str(error))
            goed = False
        if waarden.get("kosten") is None:
            waarden["kosten"] = 0
        code = waarden.pop("uuid", "")
        activiteit = None
        if code:
            try:
                activiteit = op_uuid.get(uuid.UUID(code.strip()))
            except ValueError:
                pass
            if activiteit is None or plek.nieuw or activiteit.locatie_id != plek.locatie.pk:
                fout("Activiteit ID", _("‘%(code)s’ is geen activiteit van deze locatie. Laat "
                                        "de code leeg voor een nieuwe activiteit.") % {"code": code})  # fmt: skip  # noqa: E501
                return None
        elif not plek.nieuw:
            activiteit = op_titel.get(
                (plek.locatie.pk, waarden["titel"].strip().lower(), waarden["startdatum"])
            )
        sleutel = activiteit.pk if activiteit else (
            id(plek), waarden["titel"].strip().lower(), waarden["startdatum"]
        )  # fmt: skip
        if sleutel in gezien:
            fout("Titel", _("Deze activiteit staat al op rij %(rij)s.") % {"rij": gezien[sleutel]})
            return None
        gezien[sleutel] = rij

        naam_ruimte = waarden.pop("ruimte", None)
        if naam_ruimte:
            plaats = ("plek", id(plek)) if plek.nieuw else ("pk", plek.locatie.pk)
            bekend = ruimten[plaats] | ruimten[("plek", id(plek))]
            if naam_ruimte.strip().lower() not in bekend:
                fout("Ruimte", _("‘%(naam)s’ is geen ruimte van deze locatie. Zet de ruimte op "
                                 "het blad Ruimten, of laat dit leeg.") % {"naam": naam_ruimte})  # fmt: skip  # noqa: E501
                goed = False
        organisator = None
        naam_org = waarden.pop("organisator")
        kandidaten = organisatoren.get(naam_org.strip().lower(), [])
        if len(kandidaten) == 1:
            organisator = kandidaten[0]
        else:
            fout("Organisator",
                 _("‘%(naam)s’ is geen organisatie in het register.") % {"naam": naam_org}
                 if not kandidaten else
                 _("Er zijn meer organisaties die ‘%(naam)s’ heten; vul de korte naam uit het "
                   "webadres in.") % {"naam": naam_org})  # fmt: skip
            goed = False
        doelgroepen = waarden.pop("doelgroepen", None)

        # The model's own checks (end after start, the rule, lengths); the form checks again.
        proef = Activiteit(**{k: v for k, v in waarden.items() if k in ACTIVITEIT_VELDEN})
        if not self._check(proef, ACTIVITEITEN, rij, naar_kop,
                           exclude=("slug", "locatie", "ruimte", "organisator")):  # fmt: skip
            goed = False
        if not goed:
            return None

        velden = []
        if activiteit is not None:
            for veld, waarde in waarden.items():
                if getattr(activiteit, veld) != waarde:
                    velden.append(naar_kop[veld])
            if naam_ruimte is not None and (naam_ruimte.strip().lower()) != (
                activiteit.ruimte.naam.lower() if activiteit.ruimte else ""
            ):
                velden.append(naar_kop["ruimte"])
            if organisator.pk != activiteit.organisator_id:
                velden.append(naar_kop["organisator"])
            if doelgroepen is not None and doelgroepen != {
                d.pk for d in activiteit.doelgroepen.all()
            }:
                velden.append(naar_kop["doelgroepen"])
        actie = NIEUW if activiteit is None else (GEWIJZIGD if velden else ONGEWIJZIGD)
        return _Plan(rij=rij, plek=plek, activiteit=activiteit, actie=actie, velden=velden,
                     waarden=waarden, ruimte=naam_ruimte, organisator=organisator,
                     doelgroepen=doelgroepen)  # fmt: skip

    def _bijwerken(self, blad, rij, naar_kop, obj, model, waarden, plek, naam, nieuw, gewijzigd,
                   **vast):  # fmt: skip
        velden = []
        if obj is None:
            obj = model(**waarden, **vast)
        else:
            for veld, waarde in waarden.items():
                if getattr(obj, veld) != waarde:
                    velden.append(naar_kop[veld])
                    setattr(obj, veld, waarde)
        if not self._check(obj, blad, rij, naar_kop, exclude=("locatie", *vast)):
            return
        if obj.pk is None:
            nieuw.append((plek, obj))
            self._uitkomst(blad, rij, NIEUW, naam)
        elif velden:
            gewijzigd.append(obj)
            self._uitkomst(blad, rij, GEWIJZIGD, naam, velden)
        else:
            self._uitkomst(blad, rij, ONGEWIJZIGD, naam)


# Writing -----------------------------------------------------------------------------------


def _met_geschiedenis(model, objs, *, door, reden, nu):
    """bulk_create the records and their history rows ('aangemaakt', by `door`)."""
    if not objs:
        return []
    created = model.objects.bulk_create(objs, batch_size=500)
    model.history.bulk_history_create(
        created, batch_size=500, default_user=door, default_change_reason=reden, default_date=nu
    )
    return created


def _save(obj, *, door, reden):
    obj._history_user = door
    obj._change_reason = reden
    obj.save()


def _schrijf(plekken: list[_Plek], kinderen: _Kinderen, *, rechten: Rechten, reden: str):
    door, nu = rechten.door, timezone.now()
    nieuw = [plek for plek in plekken if plek.nieuw]
    if nieuw:
        taken = set(Locatie.objects.values_list("slug", flat=True))
        for plek in nieuw:
            plek.locatie.slug = free_slug(plek.locatie.naam, taken, max_length=220)
            taken.add(plek.locatie.slug)
        _met_geschiedenis(Locatie, [p.locatie for p in nieuw], door=door, reden=reden, nu=nu)
        rol = permissions.registration_role(rechten.partner) if rechten.partner else None
        if rol:
            _met_geschiedenis(
                Samenwerking,
                [Samenwerking(locatie=p.locatie, partner=rechten.partner, rol=rol) for p in nieuw],
                door=door, reden=reden, nu=nu,
            )  # fmt: skip
    for plek in plekken:
        if not plek.nieuw and plek.velden:
            _save(plek.locatie, door=door, reden=reden)
    _m2m(Locatie, plekken, lambda plek: (plek.locatie, plek.m2m))

    ruimten = []
    for plek, ruimte, _v in kinderen.ruimten_nieuw:
        ruimte.locatie = plek.locatie
        ruimten.append(ruimte)
    _met_geschiedenis(Ruimte, ruimten, door=door, reden=reden, nu=nu)
    for ruimte, _v, _velden in kinderen.ruimten_gewijzigd:
        _save(ruimte, door=door, reden=reden)
    _m2m(
        Ruimte,
        [(r, {"voorzieningen": v}) for _p, r, v in kinderen.ruimten_nieuw]
        + [(r, {"voorzieningen": v}) for r, v, _velden in kinderen.ruimten_gewijzigd
           if v is not None],
        lambda paar: paar,
    )  # fmt: skip

    oude = [p.locatie.pk for p, _t in kinderen.tijden.values() if not p.nieuw]
    for deel in _chunks(oude):
        # One by one, so that each removed period gets its history row.
        for tijd in Openingstijd.objects.filter(locatie__in=deel):
            tijd._history_user = door
            tijd._change_reason = reden
            tijd.delete()
    tijden = []
    for plek, lijst in kinderen.tijden.values():
        for tijd in lijst:
            tijd.locatie = plek.locatie
            tijden.append(tijd)
    _met_geschiedenis(Openingstijd, tijden, door=door, reden=reden, nu=nu)

    for model, nieuwe, gewijzigde in (
        (Samenwerking, kinderen.samenwerkingen_nieuw, kinderen.samenwerkingen_gewijzigd),
        (Financiering, kinderen.financiering_nieuw, kinderen.financiering_gewijzigd),
    ):
        objs = []
        for plek, obj in nieuwe:
            obj.locatie = plek.locatie
            objs.append(obj)
        _met_geschiedenis(model, objs, door=door, reden=reden, nu=nu)
        for obj in gewijzigde:
            _save(obj, door=door, reden=reden)

    geplaatst = [p.locatie for p in plekken if (p.nieuw or p.velden) and p.locatie.latitude]
    per_gemeente = defaultdict(list)
    for locatie in geplaatst:
        per_gemeente[locatie.gemeente_id].append(locatie.pk)
    for gemeente_id, pks in per_gemeente.items():
        wijkimport.assign_wijken(
            Gemeente.objects.filter(pk=gemeente_id), door=door, only=pks, reason=reden
        )


def _m2m(model, items, paar):
    """Set the many-to-many codes of the records in `items` (`paar(item)` gives the record and
    {field: codes}) that changed: delete and bulk-insert rows of the through tables."""
    per_veld = defaultdict(dict)
    for item in items:
        obj, velden = paar(item)
        for veld, codes in velden.items():
            per_veld[veld][obj.pk] = codes
    for veld, wanted in per_veld.items():
        through = getattr(model, veld).through
        eigen = f"{model._meta.model_name}_id"
        ander = f"{getattr(model, veld).rel.model._meta.model_name}_id"
        bestaand = defaultdict(set)
        for deel in _chunks(wanted):
            for pk, code in through.objects.filter(**{f"{eigen}__in": deel}).values_list(
                eigen, ander
            ):
                bestaand[pk].add(code)
        weg, erbij = [], []
        for pk, codes in wanted.items():
            if codes != bestaand[pk]:
                weg.append(pk)
                erbij += [through(**{eigen: pk, ander: code}) for code in codes]
        for deel in _chunks(weg):
            through.objects.filter(**{f"{eigen}__in": deel}).delete()
        through.objects.bulk_create(erbij, batch_size=1000)


# Planning activities ---------------------------------------------------------------------

# Form fields that a file names with another column.
FORM_KOP = dict.fromkeys(SCHEDULE_FIELDS, "Herhaling") | {
    "startdatum": "Startdatum",
    "begintijd": "Begintijd",
    "eindtijd": "Eindtijd",
    "ruimte": "Ruimte",
    "versie": None,
    "feestdagen": None,
}


def _plan_activiteiten(kinderen: _Kinderen, *, rechten: Rechten, reden: str) -> None:
    """Create and change the activities of the file through the portal's own form
    (ActiviteitForm) and write functions (planning.schedule_activiteit and save_activiteit,
    which store the dates and refuse a room that is taken); rows refused are reported, and the
    caller then rolls everything back. Runs after the places and rooms are written."""
    plannen = kinderen.te_plannen
    if not plannen:
        return
    verslag = kinderen.verslag
    naar_kop = {kolom.veld: kolom.kop for kolom in ACTIVITEITEN.kolommen}
    nieuw_op = {plan.plek.locatie.pk for plan in plannen if plan.activiteit is None}
    mag_plannen = set()
    for deel in _chunks(nieuw_op):
        mag_plannen |= rechten.plannen_op(deel)
    ruimten = {}
    for deel in _chunks({plan.plek.locatie.pk for plan in plannen}):
        for ruimte in Ruimte.objects.filter(locatie__in=deel):
            ruimten[(ruimte.locatie_id, ruimte.naam.lower())] = ruimte
    for plan in plannen:
        locatie = plan.plek.locatie
        if plan.activiteit is None and locatie.pk not in mag_plannen:
            _weiger(plan, verslag, None, _("Je mag op deze locatie geen activiteiten plannen; "
                                           "deze rij is geweigerd."))  # fmt: skip
            continue
        form = ActiviteitForm(
            _formdata(plan, ruimten),
            instance=plan.activiteit,
            user=rechten.door,
            locatie=locatie,
        )
        if rechten.door is None:  # the command: no person, the gemeente's rules
            huidige = Q(pk=plan.activiteit.organisator_id) if plan.activiteit else Q(pk=None)
            form.fields["organisator"].queryset = Partner.objects.filter(
                Q(pk__in=rechten.organisatoren(locatie).values("pk")) | huidige
            )
        if not form.is_valid():
            for veld, fouten in form.errors.items():
                kop = FORM_KOP.get(veld, naar_kop.get(veld)) if veld != NON_FIELD_ERRORS else None
                for tekst in fouten:
                    _weiger(plan, verslag, kop, tekst)
            continue
        form.instance._change_reason = reden
        try:
            if plan.activiteit is None:
                planning.schedule_activiteit(form=form, door=rechten.door)
            else:
                planning.save_activiteit(form=form, door=rechten.door)
        except RuimteBezet as bezet:
            _weiger(plan, verslag, "Ruimte", bezet.messages[0])
        except StaleEdit:
            _weiger(plan, verslag, None, _("Iemand anders heeft deze activiteit net gewijzigd. "
                                           "Probeer het opnieuw."))  # fmt: skip


def _weiger(plan: _Plan, verslag: Verslag, kop, tekst) -> None:
    verslag.fout(ACTIVITEITEN, plan.rij, kop, tekst)
    if plan.uitkomst is not None:
        plan.uitkomst.actie = GEWEIGERD


def _formdata(plan: _Plan, ruimten: dict) -> dict:
    """What the portal's form would post: the activity as it is, with the file's values."""
    act = plan.activiteit
    data = {}
    if act is not None:
        data = {veld: getattr(act, veld) for veld in ACTIVITEIT_VELDEN}
        data["ruimte"] = act.ruimte_id or ""
        data["doelgroepen"] = [d.pk for d in act.doelgroepen.all()]
        data["versie"] = version_of(act)
    data.update(plan.waarden)
    if plan.ruimte is not None:
        ruimte = ruimten.get((plan.plek.locatie.pk, plan.ruimte.strip().lower()))
        data["ruimte"] = ruimte.pk if ruimte else ""
    data["organisator"] = plan.organisator.pk
    if plan.doelgroepen is not None:
        data["doelgroepen"] = sorted(plan.doelgroepen)
    data["patroon"] = Patroon.GEAVANCEERD if data.get("herhaling") else Patroon.EENMALIG
    for veld in ("startdatum",):
        data[veld] = data[veld].isoformat()
    for veld in ("begintijd", "eindtijd"):
        data[veld] = data[veld].strftime("%H:%M")
    return data
