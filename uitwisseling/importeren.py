"""The import: check every row of a file (the dry run), and when nothing is wrong and the
person confirms, write it all in one transaction.

`importeer(gelezen, rechten=…, …)` is one plain function for the portal, the command and a
future background job; `voortgang(gedaan, totaal)` is called as it goes. Rows are checked with
the models' own validation (full_clean: field validators such as the postcode and the
coordinates in the Netherlands, and each model's clean()) plus the forms' rules that live in
forms (a room's rent only when it is let, overlapping hours, partners working in the gemeente).

Matching, so that importing the same file twice changes nothing: a place by its extern_id
within its gemeente, else by gemeente + postcode + huisnummer + toevoeging; a room by place and
name; a samenwerking by place, partner and role; financing by place, source, financier and
start date; opening hours as the set of a place's periods. Existing records are fetched in
bulk (a query per kind, in chunks), never per row. What is not in the file stays as it is.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.slugs import free_slug
from locaties import geocoding, wijkimport
from locaties.constants import LocatieStatus
from locaties.models import Financiering, Locatie, Openingstijd, Ruimte, Samenwerking
from partners import permissions
from partners.models import Gemeente, Partner
from uitwisseling.kolommen import (
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

    return Rechten(bewerkbaar=bewerkbaar, nieuw_in=nieuw_in, door=user, partner=partner)


def rechten_voor_gemeente(gemeente: Gemeente) -> Rechten:
    """The command's rights: every place of one gemeente, as the system."""

    def bewerkbaar(pks):
        return set(
            Locatie.objects.filter(pk__in=pks, gemeente=gemeente).values_list("pk", flat=True)
        )

    return Rechten(bewerkbaar=bewerkbaar, nieuw_in={gemeente.pk})


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


def importeer(
    gelezen: Gelezen,
    *,
    rechten: Rechten,
    bestandsnaam: str,
    proef: bool,
    status_nieuw: str = LocatieStatus.CONCEPT,
    voortgang: Callable[[int, int], None] | None = None,
) -> Verslag:
    """Check every row; when `proef` is False and nothing is wrong, write everything in one
    transaction. Returns the report either way; nothing is written when it holds errors."""
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
    kinderen = _Kinderen(gelezen, plekken, verslag, stap)
    if proef or verslag.fouten:
        return verslag
    reden = _("Import %(bestand)s") % {"bestand": bestandsnaam}
    try:
        with transaction.atomic():
            _schrijf(plekken, kinderen, rechten=rechten, reden=reden)
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
        if locatie is not None and locatie.pk not in bewerkbaar:
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
        if not plek.goed or locatie.latitude is not None:
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


# Records of a place ------------------------------------------------------------------------


class _Kinderen:
    """The rows of the other sheets, checked against the places of the Locaties sheet."""

    def __init__(self, gelezen: Gelezen, plekken: list[_Plek], verslag: Verslag, stap):
        self.verslag = verslag
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
