"""The export and the template: every sheet of uitwisseling/kolommen.py with a header row on
top, so that the file can be edited and imported again. Text that a spreadsheet would take
for a formula gets a quote in front (kern.export.safe_text); the import takes it off again.
"""

import csv
import io
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from kern.export import safe_text
from locaties.models import Financiering, Locatie, Ruimte, Samenwerking
from uitwisseling.kolommen import (
    BLADEN,
    FINANCIERING,
    LOCATIES,
    OPENINGSTIJDEN,
    RUIMTEN,
    SAMENWERKINGEN,
    UITLEG,
    Blad,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def _verwijzing(locatie: Locatie) -> list:
    return [locatie.extern_id, locatie.postcode, locatie.huisnummer, locatie.huisnummer_toevoeging]


def _locatie_rij(locatie: Locatie) -> list:
    waarden = []
    for kolom in LOCATIES.kolommen:
        if kolom.veld == "gemeente":
            waarde = locatie.gemeente.cbs_code
        elif kolom.veld in ("doelgroepen", "voorzieningen"):
            waarde = {item.pk for item in getattr(locatie, kolom.veld).all()}
        else:
            waarde = getattr(locatie, kolom.veld)
        waarden.append(kolom.schrijf(waarde))
    return waarden


def _kind_rij(blad: Blad, obj, locatie, extra: dict) -> list:
    rij = _verwijzing(locatie)
    for kolom in blad.kolommen[4:]:
        if kolom.veld in extra:
            waarde = extra[kolom.veld]
        else:
            waarde = getattr(obj, kolom.veld)
        rij.append(kolom.schrijf(waarde))
    return rij


def export_rijen(locaties) -> dict[str, list[list]]:
    """The rows of every sheet for the places of `locaties`: five queries for the places and
    their records, and one per many-to-many field, whatever their number."""
    locaties = list(
        locaties.select_related("gemeente")
        .prefetch_related(
            "doelgroepen",
            "voorzieningen",
            Prefetch("ruimten", queryset=Ruimte.objects.prefetch_related("voorzieningen")),
            "openingstijden",
            Prefetch("samenwerkingen", queryset=Samenwerking.objects.select_related("partner")),
            Prefetch("financieringen", queryset=Financiering.objects.select_related("financier")),
        )
        .order_by("gemeente__cbs_code", "naam", "pk")
    )
    rijen = {blad.naam: [] for blad in BLADEN}
    for locatie in locaties:
        rijen[LOCATIES.naam].append(_locatie_rij(locatie))
        for ruimte in locatie.ruimten.all():
            codes = {v.pk for v in ruimte.voorzieningen.all()}
            rijen[RUIMTEN.naam].append(
                _kind_rij(RUIMTEN, ruimte, locatie, {"voorzieningen": codes})
            )
        for tijd in locatie.openingstijden.all():
            rijen[OPENINGSTIJDEN.naam].append(_kind_rij(OPENINGSTIJDEN, tijd, locatie, {}))
        for sw in locatie.samenwerkingen.all():
            rijen[SAMENWERKINGEN.naam].append(
                _kind_rij(SAMENWERKINGEN, sw, locatie, {"partner": sw.partner.naam})
            )
        for fin in locatie.financieringen.all():
            naam = fin.financier.naam if fin.financier else ""
            rijen[FINANCIERING.naam].append(
                _kind_rij(FINANCIERING, fin, locatie, {"financier": naam})
            )
    return rijen


def _xlsx_cel(sheet, waarde, *, vet=False):
    if isinstance(waarde, Decimal):
        waarde = float(waarde)
    if isinstance(waarde, (str, Promise)):  # Promise: a lazily translated label
        waarde = safe_text(str(waarde))
    cel = WriteOnlyCell(sheet, value=waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # text stays text, whatever it starts with
    if vet:
        cel.font = Font(bold=True)
    return cel


def als_xlsx(rijen: dict[str, list[list]], *, uitleg: bool = False) -> bytes:
    """A workbook with a sheet per kind (header row on top), and with `uitleg` a sheet that
    explains every column and its allowed values."""
    werkboek = Workbook(write_only=True)
    for blad in BLADEN:
        sheet = werkboek.create_sheet(blad.naam)
        sheet.freeze_panes = "A2"
        sheet.append([_xlsx_cel(sheet, kop, vet=True) for kop in blad.koppen])
        for rij in rijen.get(blad.naam, []):
            sheet.append([_xlsx_cel(sheet, waarde) for waarde in rij])
    if uitleg:
        sheet = werkboek.create_sheet(UITLEG)
        koppen = [_("Blad"), _("Kolom"), _("Verplicht"), _("Uitleg"), _("Toegestane waarden")]
        sheet.append([_xlsx_cel(sheet, kop, vet=True) for kop in koppen])
        for blad in BLADEN:
            sheet.append([_xlsx_cel(sheet, blad.naam, vet=True), "", "", str(blad.uitleg), ""])
            for kolom in blad.kolommen:
                sheet.append(
                    [
                        _xlsx_cel(sheet, blad.naam),
                        _xlsx_cel(sheet, kolom.kop),
                        _("ja") if kolom.verplicht else "",
                        _xlsx_cel(sheet, str(kolom.uitleg)),
                        _xlsx_cel(sheet, kolom.toegestane_waarden()),
                    ]
                )
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def _csv_waarde(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, (float, Decimal)):
        return str(waarde).replace(".", ",")  # Excel with Dutch settings reads a comma
    if isinstance(waarde, (int, Promise)):
        return str(waarde)
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    return safe_text(str(waarde))


def als_csv(rijen: dict[str, list[list]]) -> bytes:
    """The Locaties sheet as CSV: semicolons and a byte-order mark, as Excel with Dutch
    settings opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(LOCATIES.koppen)
    for rij in rijen[LOCATIES.naam]:
        writer.writerow([_csv_waarde(waarde) for waarde in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sjabloon() -> bytes:
    """The template: each sheet with its example row, and the sheet Uitleg."""
    rijen = {blad.naam: [[kolom.voorbeeld for kolom in blad.kolommen]] for blad in BLADEN}
    return als_xlsx(rijen, uitleg=True)
