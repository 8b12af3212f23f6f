"""Reading an uploaded file into tables of cells, or a clear Dutch reason why not.

CSV (the Locaties sheet only): UTF-8 with or without byte-order mark, else Windows-1252 as
Excel with Dutch settings saves it; ';' or ',' between the cells. XLSX through openpyxl in
read-only mode, after a look at the zip's directory: a file that would unpack to more than
MAX_UNPACKED_BYTES (a "zip bomb") is refused before openpyxl opens it.

Nothing here touches the database.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from uitwisseling.kolommen import BLADEN, LOCATIES, UITLEG, Blad

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_COLUMNS = 200

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format


class Bestandsfout(Exception):
    """The file as a whole cannot be read; `problemen` are sentences for the person."""

    def __init__(self, problemen: list[str]):
        super().__init__("; ".join(problemen))
        self.problemen = problemen


@dataclass
class Tabel:
    """One sheet: the known columns found, and per row its number in the file (as a
    spreadsheet counts, the header being row 1) and its cells by header."""

    blad: Blad
    koppen: list[str]
    rijen: list[tuple[int, dict]] = field(default_factory=list)


@dataclass
class Gelezen:
    tabellen: dict[str, Tabel]  # by Blad.naam
    waarschuwingen: list[str] = field(default_factory=list)

    @property
    def aantal_rijen(self) -> int:
        return sum(len(tabel.rijen) for tabel in self.tabellen.values())


def lees_bestand(inhoud: bytes, *, max_bytes: int | None = MAX_UPLOAD_BYTES) -> Gelezen:
    """The sheets of the file; `max_bytes` None for no limit (the command)."""
    if not inhoud or not inhoud.strip():
        raise Bestandsfout([_("Het bestand is leeg.")])
    if max_bytes is not None and len(inhoud) > max_bytes:
        raise Bestandsfout([te_groot(len(inhoud))])
    if inhoud.startswith(ZIP_MAGIC):
        return _lees_xlsx(inhoud)
    if inhoud.startswith(OLE_MAGIC):
        raise Bestandsfout(
            [_("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als CSV.")]
        )
    return _lees_csv(inhoud)


def te_groot(grootte: int) -> str:
    return _(
        "Het bestand is %(grootte)s MB; de grens is %(max)s MB. Splits het bestand, of laat "
        "de functioneel beheerder het inlezen met het commando importeer_locaties."
    ) % {"grootte": round(grootte / 1024 / 1024), "max": MAX_UPLOAD_BYTES // 1024 // 1024}


def _niet_leesbaar() -> Bestandsfout:
    return Bestandsfout(
        [_("Dit bestand is geen CSV- of Excel-bestand (.xlsx). Gebruik het sjabloon.")]
    )


# CSV -------------------------------------------------------------------------------------


def _decode(inhoud: bytes) -> str:
    if b"\x00" in inhoud[:4096]:
        raise _niet_leesbaar()
    if inhoud.startswith(b"\xef\xbb\xbf"):
        inhoud = inhoud[3:]
    try:
        return inhoud.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        tekst = inhoud.decode("cp1252")
    except UnicodeDecodeError:
        raise _niet_leesbaar() from None
    # Control characters other than line ends and tabs: not a text file.
    if any(ord(char) < 32 and char not in "\r\n\t" for char in tekst[:4096]):
        raise _niet_leesbaar()
    return tekst


def _lees_csv(inhoud: bytes) -> Gelezen:
    tekst = _decode(inhoud)
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste_regel.count(";") >= eerste_regel.count(",") else ","
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        rijen = [(reader.line_num, rij) for rij in reader]
    except csv.Error as error:
        raise Bestandsfout(
            [_("Het CSV-bestand is niet te lezen: %(fout)s") % {"fout": error}]
        ) from None
    return Gelezen({LOCATIES.naam: _tabel(LOCATIES, rijen, bron=_("het CSV-bestand"))})


# XLSX ------------------------------------------------------------------------------------


def _check_zip(inhoud: bytes) -> None:
    try:
        archief = zipfile.ZipFile(io.BytesIO(inhoud))
    except (zipfile.BadZipFile, ValueError):
        raise _niet_leesbaar() from None
    leden = archief.infolist()
    if len(leden) > MAX_ZIP_MEMBERS or sum(lid.file_size for lid in leden) > MAX_UNPACKED_BYTES:
        raise Bestandsfout(
            [
                _(
                    "Dit Excel-bestand is uitgepakt groter dan %(max)s MB. Dat lezen we niet "
                    "in; splits het bestand."
                )
                % {"max": MAX_UNPACKED_BYTES // 1024 // 1024}
            ]
        )
    if "xl/workbook.xml" not in archief.namelist():
        raise _niet_leesbaar()


def _lees_xlsx(inhoud: bytes) -> Gelezen:
    _check_zip(inhoud)
    from openpyxl import load_workbook

    try:
        werkboek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise _niet_leesbaar() from None
    bekend = {blad.naam.lower(): blad for blad in BLADEN}
    tabellen, waarschuwingen = {}, []
    try:
        for sheet in werkboek.worksheets:
            titel = sheet.title.strip()
            if titel.lower() == UITLEG.lower():
                continue
            blad = bekend.get(titel.lower())
            if blad is None:
                waarschuwingen.append(
                    _("Het blad ‘%(blad)s’ is overgeslagen: de bladen heten %(bladen)s.")
                    % {"blad": titel, "bladen": ", ".join(b.naam for b in BLADEN)}
                )
                continue
            rijen = (
                (nummer, list(rij))
                for nummer, rij in enumerate(
                    sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
                )
            )
            tabellen[blad.naam] = _tabel(
                blad, rijen, bron=_("het blad ‘%(blad)s’") % {"blad": titel}
            )
    except Bestandsfout:
        raise
    except Exception:
        raise _niet_leesbaar() from None
    finally:
        werkboek.close()
    if LOCATIES.naam not in tabellen:
        raise Bestandsfout([_("Het bestand heeft geen blad ‘Locaties’. Gebruik het sjabloon.")])
    return Gelezen(tabellen, waarschuwingen)


# Both ------------------------------------------------------------------------------------


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _tabel(blad: Blad, rijen, *, bron: str) -> Tabel:
    """Header and rows of one sheet; missing required and unknown columns are refused."""
    koppen = None
    tabel = None
    for nummer, cellen in rijen:
        if all(_leeg(cel) for cel in cellen):
            continue
        if koppen is None:
            koppen = [
                str(cel).strip().lstrip("\ufeff") if cel is not None else "" for cel in cellen
            ]
            _check_koppen(blad, koppen, bron)
            tabel = Tabel(blad, [kop for kop in koppen if kop])
            continue
        tabel.rijen.append(
            (
                nummer,
                {kop: cel for kop, cel in zip(koppen, cellen, strict=False) if kop},
            )
        )
    if tabel is None:
        raise Bestandsfout([_("In %(bron)s staat niets.") % {"bron": bron}])
    return tabel


def _check_koppen(blad: Blad, koppen: list[str], bron: str) -> None:
    bekend = {kop.lower(): kop for kop in blad.koppen}
    # Headers are matched without regard to capitals; the file's spelling is made ours.
    for index, kop in enumerate(koppen):
        if kop.lower() in bekend:
            koppen[index] = bekend[kop.lower()]
    onbekend = [kop for kop in koppen if kop and kop not in blad.koppen]
    dubbel = sorted({kop for kop in koppen if kop and koppen.count(kop) > 1})
    ontbreekt = [k.kop for k in blad.kolommen if k.verplicht and k.kop not in koppen]
    problemen = []
    if ontbreekt:
        problemen.append(
            _("In %(bron)s ontbreken de kolommen: %(kolommen)s.")
            % {"bron": bron, "kolommen": ", ".join(ontbreekt)}
        )
    if onbekend:
        problemen.append(
            _(
                "In %(bron)s staan onbekende kolommen: %(kolommen)s. "
                "Toegestaan zijn: %(toegestaan)s."
            )
            % {
                "bron": bron,
                "kolommen": ", ".join(onbekend[:20]),
                "toegestaan": ", ".join(blad.koppen),
            }
        )
    if dubbel:
        problemen.append(
            _("In %(bron)s staan kolommen twee keer: %(kolommen)s.")
            % {"bron": bron, "kolommen": ", ".join(dubbel)}
        )
    if problemen:
        raise Bestandsfout(problemen)
