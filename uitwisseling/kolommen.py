"""The columns of the import and export files, once: the template, the export and the import
read the same lists, so export → edit → import is a round trip.

Column headers are fixed Dutch words (a file format, not a page text): a file made with the
site in English reads the same. Choices are written as their code and read as code or label.
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.export import unsafe_text
from locaties.constants import (
    Beheervorm,
    DoelgroepCode,
    FinancieringBron,
    LocatieSoort,
    SamenwerkingRol,
    VoorzieningCode,
    Weekdag,
)
from locaties.validators import POSTCODE_RE, normalize_postcode

TEKST = "tekst"
GEHEEL = "geheel"  # whole number
DECIMAAL = "decimaal"  # Decimal (money, m²)
KOMMAGETAL = "kommagetal"  # float (coordinates)
JANEE = "janee"  # yes/no, empty is no
JANEE_ONBEKEND = "janee_onbekend"  # yes/no/not known (empty)
KEUZE = "keuze"
KEUZES = "keuzes"  # several codes separated by commas
DATUM = "datum"
TIJD = "tijd"
POSTCODE = "postcode"

JA = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NEE = {"nee", "n", "no", "false", "onwaar", "0"}


class Waardefout(ValueError):
    """A cell that cannot be read; the message says why, in Dutch."""


@dataclass(frozen=True)
class Kolom:
    kop: str  # the header in the file
    veld: str  # the model field (or a key such as "gemeente" or "partner")
    soort: str = TEKST
    keuzes: type[models.Choices] | None = None
    verplicht: bool = False
    uitleg: str = ""
    voorbeeld: object = ""

    def lees(self, waarde):
        """The cell's value as the model field takes it; Waardefout when it cannot be."""
        return lees_waarde(self, waarde)

    def schrijf(self, waarde):
        """A model value as the cell of an export: text, number, date or time."""
        if waarde is None:
            return ""
        if self.soort in (JANEE, JANEE_ONBEKEND):
            return "ja" if waarde else "nee"
        if self.soort == KEUZES:
            return ", ".join(sorted(waarde))
        if self.soort == KEUZE and self.keuzes is Weekdag:
            return str(Weekdag(waarde).label)
        if self.soort == TIJD:
            return waarde.strftime("%H:%M")
        return waarde

    def toegestane_waarden(self) -> str:
        if self.keuzes is None:
            return ""
        if self.keuzes is Weekdag:
            return ", ".join(str(label) for label in Weekdag.labels)
        return "; ".join(f"{value} ({label})" for value, label in self.keuzes.choices)


@dataclass(frozen=True)
class Blad:
    naam: str
    kolommen: list[Kolom]
    uitleg: str = ""
    sleutel: tuple[str, ...] = field(default_factory=tuple)

    @property
    def koppen(self) -> list[str]:
        return [kolom.kop for kolom in self.kolommen]

    def kolom(self, veld: str) -> Kolom:
        return next(kolom for kolom in self.kolommen if kolom.veld == veld)


@functools.lru_cache(maxsize=64)
def _keuze_lookup(keuzes: type[models.Choices], taal: str) -> dict:
    """Code and label (in the active language and in Dutch) → value, lower-cased."""
    lookup = {}
    for value, label in keuzes.choices:
        with translation.override("nl"):
            lookup[str(label).lower()] = value
        lookup[str(label).lower()] = value
        lookup[str(value).lower()] = value
    return lookup


def _keuze(kolom: Kolom, tekst: str):
    lowered = tekst.strip().lower()
    found = _keuze_lookup(kolom.keuzes, translation.get_language() or "nl").get(lowered)
    if found is not None:
        return found
    if kolom.keuzes is Weekdag:
        for value, label in kolom.keuzes.choices:
            if len(lowered) >= 2 and str(label).lower().startswith(lowered):
                return value
    raise Waardefout(
        _("‘%(waarde)s’ is geen toegestane waarde. Kies uit: %(keuzes)s.")
        % {"waarde": tekst, "keuzes": kolom.toegestane_waarden()}
    )


def _getal(tekst: str) -> Decimal:
    compact = tekst.replace(" ", "").replace("€", "")
    if "," in compact and "." in compact:
        # 1.234,50 (Dutch) or 1,234.50 (English): the last separator is the decimal one.
        if compact.rfind(",") > compact.rfind("."):
            compact = compact.replace(".", "").replace(",", ".")
        else:
            compact = compact.replace(",", "")
    else:
        compact = compact.replace(",", ".")
    try:
        getal = Decimal(compact)
    except InvalidOperation:
        raise Waardefout(_("‘%(waarde)s’ is geen getal.") % {"waarde": tekst}) from None
    if not getal.is_finite():
        raise Waardefout(_("‘%(waarde)s’ is geen getal.") % {"waarde": tekst})
    return getal


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
TIME_RE = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])(?::[0-5][0-9])?")


def lees_waarde(kolom: Kolom, waarde):
    """Read one cell: XLSX cells come typed (int, float, datetime, time, bool), CSV cells as
    text. Empty is None (or False for a plain yes/no, '' for text)."""
    if isinstance(waarde, str):
        waarde = unsafe_text(waarde.strip())
    leeg = waarde is None or waarde == ""
    soort = kolom.soort
    if leeg:
        if soort == JANEE:
            return False
        if soort in (TEKST, POSTCODE):
            return ""
        if soort == KEUZES:
            return set()
        if soort == KEUZE and kolom.keuzes is not None and not kolom.verplicht:
            return ""
        return None
    if soort == TEKST:
        if isinstance(waarde, float) and waarde.is_integer():
            waarde = int(waarde)
        return str(waarde)
    if soort == POSTCODE:
        tekst = normalize_postcode(str(waarde))
        if not POSTCODE_RE.fullmatch(tekst):
            raise Waardefout(
                _("‘%(waarde)s’ is geen geldige postcode (4 cijfers en 2 letters, zoals 7311 AB).")
                % {"waarde": waarde}
            )
        return tekst
    if soort in (JANEE, JANEE_ONBEKEND):
        if isinstance(waarde, bool):
            return waarde
        tekst = str(waarde).strip().lower()
        if tekst in JA:
            return True
        if tekst in NEE:
            return False
        if soort == JANEE_ONBEKEND and tekst in ("onbekend", "?"):
            return None
        raise Waardefout(_("‘%(waarde)s’: vul ja of nee in.") % {"waarde": waarde})
    if soort == GEHEEL:
        if isinstance(waarde, bool):
            raise Waardefout(_("‘%(waarde)s’ is geen geheel getal.") % {"waarde": waarde})
        getal = Decimal(waarde) if isinstance(waarde, (int, float)) else _getal(str(waarde))
        if getal != getal.to_integral_value():
            raise Waardefout(_("‘%(waarde)s’ is geen geheel getal.") % {"waarde": waarde})
        if abs(getal) > 2**31:
            raise Waardefout(_("‘%(waarde)s’ is te groot.") % {"waarde": waarde})
        return int(getal)
    if soort in (DECIMAAL, KOMMAGETAL):
        if isinstance(waarde, bool):
            raise Waardefout(_("‘%(waarde)s’ is geen getal.") % {"waarde": waarde})
        if isinstance(waarde, (int, float)):
            getal = Decimal(str(waarde))
        else:
            getal = _getal(str(waarde))
        if abs(getal) > 10**12:
            raise Waardefout(_("‘%(waarde)s’ is te groot.") % {"waarde": waarde})
        return float(getal) if soort == KOMMAGETAL else getal
    if soort == KEUZE:
        if kolom.keuzes is Weekdag and isinstance(waarde, int) and not isinstance(waarde, bool):
            waarde = str(waarde)
        return _keuze(kolom, str(waarde))
    if soort == KEUZES:
        return {_keuze(kolom, deel) for deel in re.split(r"[,;]", str(waarde)) if deel.strip()}
    if soort == DATUM:
        if isinstance(waarde, dt.datetime):
            return waarde.date()
        if isinstance(waarde, dt.date):
            return waarde
        for formaat in DATE_FORMATS:
            try:
                return dt.datetime.strptime(str(waarde).strip(), formaat).date()
            except ValueError:
                continue
        raise Waardefout(
            _("‘%(waarde)s’ is geen datum; schrijf bijvoorbeeld 2025-03-31 of 31-03-2025.")
            % {"waarde": waarde}
        )
    if soort == TIJD:
        if isinstance(waarde, dt.datetime):
            return waarde.time().replace(second=0, microsecond=0)
        if isinstance(waarde, dt.time):
            return waarde.replace(second=0, microsecond=0)
        match = TIME_RE.fullmatch(str(waarde).strip())
        if not match:
            raise Waardefout(
                _("‘%(waarde)s’ is geen tijd; schrijf bijvoorbeeld 09:30.") % {"waarde": waarde}
            )
        return dt.time(int(match.group(1)), int(match.group(2)))
    raise AssertionError(soort)


# The sheets ------------------------------------------------------------------------------

T = gettext_lazy

LOCATIE_SLEUTEL = [
    Kolom(
        "Extern ID",
        "extern_id",
        uitleg=T(
            "De code van de locatie in je eigen systeem. Hiermee herkent de import een locatie "
            "bij een volgende keer. Leeg: de locatie wordt herkend aan gemeente, postcode, "
            "huisnummer en toevoeging."
        ),
        voorbeeld="APD-017",
    ),
]

LOCATIES = Blad(
    "Locaties",
    [
        *LOCATIE_SLEUTEL,
        Kolom(
            "Gemeente",
            "gemeente",
            verplicht=True,
            uitleg=T("De CBS-code van de gemeente, zoals GM0200 (Apeldoorn)."),
            voorbeeld="GM0200",
        ),
        Kolom("Naam", "naam", verplicht=True, uitleg=T("De naam van de plek."),
              voorbeeld="Buurthuiskamer De Linde"),
        Kolom("Soort", "soort", KEUZE, LocatieSoort, verplicht=True,
              uitleg=T("Wat voor plek het is."), voorbeeld=LocatieSoort.PLUS_PUNT),
        Kolom("Omschrijving", "omschrijving", uitleg=T("Wat bewoners er kunnen doen."),
              voorbeeld="Koffie, een krant en een praatje."),
        Kolom("Straat", "straat", verplicht=True, voorbeeld="Lindelaan"),
        Kolom("Huisnummer", "huisnummer", GEHEEL, verplicht=True, voorbeeld=12),
        Kolom("Toevoeging", "huisnummer_toevoeging", uitleg=T("Bijvoorbeeld A of 2-hoog."),
              voorbeeld=""),
        Kolom("Postcode", "postcode", POSTCODE, verplicht=True,
              uitleg=T("4 cijfers en 2 letters."), voorbeeld="7311 AB"),
        Kolom("Plaats", "plaats", verplicht=True, voorbeeld="Apeldoorn"),
        Kolom("Adres openbaar", "adres_openbaar", JANEE,
              uitleg=T("nee: bewoners zien alleen de straat en de wijk."), voorbeeld="ja"),
        Kolom("Breedtegraad", "latitude", KOMMAGETAL,
              uitleg=T("WGS84, zoals 52.2112. Leeg: het adres wordt opgezocht bij PDOK."),
              voorbeeld=52.2112),
        Kolom("Lengtegraad", "longitude", KOMMAGETAL, uitleg=T("WGS84, zoals 5.9699."),
              voorbeeld=5.9699),
        Kolom("Telefoon", "telefoon", voorbeeld="055 123 45 67"),
        Kolom("E-mail", "email", voorbeeld="info@example.org"),
        Kolom("Website", "website", voorbeeld="https://example.org"),
        Kolom("Doelgroepen", "doelgroepen", KEUZES, DoelgroepCode,
              uitleg=T("Codes, gescheiden door komma's."), voorbeeld="iedereen, ouderen"),
        Kolom("Voorzieningen", "voorzieningen", KEUZES, VoorzieningCode,
              uitleg=T("Codes, gescheiden door komma's."), voorbeeld="keuken, wifi"),
        Kolom("Rolstoeltoegankelijk", "rolstoeltoegankelijk", JANEE_ONBEKEND,
              uitleg=T("ja, nee, of leeg als het niet bekend is."), voorbeeld="ja"),
        Kolom("Aangepast toilet", "aangepast_toilet", JANEE_ONBEKEND, voorbeeld="ja"),
        Kolom("Ringleiding", "ringleiding", JANEE_ONBEKEND, voorbeeld=""),
        Kolom("Prikkelarme ruimte", "prikkelarme_ruimte", JANEE_ONBEKEND, voorbeeld=""),
        Kolom("Gehandicaptenparkeerplaats", "gehandicaptenparkeerplaats", JANEE_ONBEKEND,
              voorbeeld="nee"),
        Kolom("Toelichting toegankelijkheid", "toegankelijkheid_toelichting", voorbeeld=""),
        Kolom("Beheervorm", "beheervorm", KEUZE, Beheervorm, voorbeeld=Beheervorm.BEWONERS),
        Kolom("Community builder", "heeft_community_builder", JANEE,
              uitleg=T("ja als er een community builder of bewonerscoach is."),
              voorbeeld="nee"),
        Kolom("Dagbesteding", "biedt_dagbesteding", JANEE, voorbeeld="nee"),
        Kolom("Sterlocatie", "is_sterlocatie", JANEE,
              uitleg=T("ja: er is professionele begeleiding; vul dan ook ten minste één "
                       "soort begeleiding in."), voorbeeld="nee"),
        Kolom("Begeleiding lichamelijk", "begeleiding_lichamelijk", JANEE, voorbeeld="nee"),
        Kolom("Begeleiding verstandelijk", "begeleiding_verstandelijk", JANEE, voorbeeld="nee"),
        Kolom("Begeleiding psychiatrie", "begeleiding_psychiatrie", JANEE, voorbeeld="nee"),
    ],
    uitleg=T(
        "Eén rij per locatie. Nieuwe locaties komen binnen als concept; de import publiceert "
        "nooit. Een bestaande locatie wordt bijgewerkt; een lege externe code of lege "
        "coördinaten laten de bestaande waarde staan."
    ),
)  # fmt: skip

# Child sheets name their place by the place's key columns.
VERWIJZING = [
    Kolom("Locatie extern ID", "locatie_extern_id", voorbeeld="APD-017",
          uitleg=T("De externe code van de locatie op het blad Locaties, of leeg.")),
    Kolom("Locatie postcode", "locatie_postcode", POSTCODE, voorbeeld="7311 AB",
          uitleg=T("Zonder externe code: postcode, huisnummer en toevoeging van de locatie "
                   "op het blad Locaties.")),
    Kolom("Locatie huisnummer", "locatie_huisnummer", GEHEEL, voorbeeld=12),
    Kolom("Locatie toevoeging", "locatie_toevoeging", voorbeeld=""),
]  # fmt: skip

RUIMTEN = Blad(
    "Ruimten",
    [
        *VERWIJZING,
        Kolom("Naam", "naam", verplicht=True, uitleg=T("Uniek binnen de locatie."),
              voorbeeld="Grote zaal"),
        Kolom("Capaciteit", "capaciteit", GEHEEL, uitleg=T("Aantal personen."), voorbeeld=40),
        Kolom("Oppervlakte m2", "oppervlakte_m2", DECIMAAL, voorbeeld="65,5"),
        Kolom("Voorzieningen", "voorzieningen", KEUZES, VoorzieningCode, voorbeeld="beamer"),
        Kolom("Te huur", "verhuurbaar", JANEE, voorbeeld="ja"),
        Kolom("Huurprijs per dagdeel", "huurprijs_per_dagdeel", DECIMAAL,
              uitleg=T("In euro's; alleen bij een ruimte die te huur is."), voorbeeld="25,00"),
        Kolom("Huurvoorwaarden", "huurvoorwaarden", voorbeeld=""),
        Kolom("Buiten gebruik sinds", "buiten_gebruik_sinds", DATUM, voorbeeld=""),
    ],
    uitleg=T("Een ruimte wordt herkend aan locatie en naam. Ruimten worden nooit verwijderd."),
)  # fmt: skip

OPENINGSTIJDEN = Blad(
    "Openingstijden",
    [
        *VERWIJZING,
        Kolom("Dag", "weekdag", KEUZE, Weekdag, verplicht=True, voorbeeld="maandag"),
        Kolom("Van", "van", TIJD, verplicht=True, voorbeeld="09:00"),
        Kolom("Tot", "tot", TIJD, verplicht=True, voorbeeld="12:00"),
    ],
    uitleg=T(
        "Staat een locatie op dit blad, dan vervangen deze tijden al haar openingstijden. "
        "Locaties die hier niet staan, houden hun tijden."
    ),
)

SAMENWERKINGEN = Blad(
    "Samenwerkingen",
    [
        *VERWIJZING,
        Kolom("Partner", "partner", verplicht=True,
              uitleg=T("De naam van de organisatie, zoals die in het register staat."),
              voorbeeld="Stimenz"),
        Kolom("Rol", "rol", KEUZE, SamenwerkingRol, verplicht=True,
              voorbeeld=SamenwerkingRol.WELZIJNSPARTNER),
        Kolom("Schriftelijk vastgelegd", "schriftelijk_vastgelegd", JANEE, voorbeeld="ja"),
        Kolom("Ingangsdatum", "ingangsdatum", DATUM, voorbeeld="2024-01-01"),
        Kolom("Einddatum", "einddatum", DATUM, voorbeeld=""),
        Kolom("Toelichting", "toelichting", voorbeeld=""),
    ],
    uitleg=T(
        "Een samenwerking wordt herkend aan locatie, partner en rol. Samenwerkingen worden "
        "niet verwijderd: vul een einddatum in als zij stopt."
    ),
)  # fmt: skip

FINANCIERING = Blad(
    "Financiering",
    [
        *VERWIJZING,
        Kolom("Bron", "bron", KEUZE, FinancieringBron, verplicht=True,
              voorbeeld=FinancieringBron.WMO),
        Kolom("Financier", "financier", uitleg=T("De naam van de organisatie, of leeg."),
              voorbeeld=""),
        Kolom("Bedrag per jaar", "bedrag_per_jaar", DECIMAAL, voorbeeld="12000"),
        Kolom("Structureel", "structureel", JANEE,
              uitleg=T("nee: tijdelijk geld; vul dan een einddatum in."), voorbeeld="nee"),
        Kolom("Ingangsdatum", "ingangsdatum", DATUM, voorbeeld="2025-01-01"),
        Kolom("Einddatum", "einddatum", DATUM, voorbeeld="2026-12-31"),
        Kolom("Toelichting", "toelichting", voorbeeld=""),
    ],
    uitleg=T(
        "Financiering wordt herkend aan locatie, bron, financier en ingangsdatum. Er wordt "
        "niets verwijderd."
    ),
)  # fmt: skip

BLADEN = [LOCATIES, RUIMTEN, OPENINGSTIJDEN, SAMENWERKINGEN, FINANCIERING]
UITLEG = "Uitleg"
