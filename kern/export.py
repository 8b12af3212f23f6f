"""Tables as downloadable files: CSV (for any spreadsheet) and XLSX (openpyxl).

Each file says what it holds before the figures: the title and the facts a reader needs to
trust it later, such as the gemeente, the date and the walking distance. Text that partners
typed (a place's name) can start with '=' or '+': it is written as text, never as a formula,
so opening the file cannot run anything (CSV/formula injection).
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import formats
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell that starts with one of these is read as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet name


@dataclass
class Tabel:
    """One table of a file: `kenmerken` are (label, value) lines above it, such as
    ("Gemeente", "Zeist"); `rijen` hold str, int, float, Decimal, date or None."""

    titel: str
    kolommen: list[str]
    rijen: list[list]
    kenmerken: list[tuple[str, str]] = field(default_factory=list)


def safe_text(value: str) -> str:
    """`value` with a quote in front when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def unsafe_text(value: str) -> str:
    """The text `safe_text` was given: the quote in front of a formula character removed, so
    that a file exported and read back in gives the same text."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


_safe_text = safe_text


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return formats.localize(value)
    if isinstance(value, (int, float, Decimal)):
        # In the active language's notation: a decimal comma for Dutch spreadsheets.
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _safe_text(str(value))


def as_csv(tabellen: list[Tabel]) -> bytes:
    """The tables one after another, separated by an empty line. Semicolons and a byte-order
    mark, so that Excel with Dutch settings opens it in columns with the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for index, tabel in enumerate(tabellen):
        if index:
            writer.writerow([])
        writer.writerow([_safe_text(tabel.titel)])
        for label, value in tabel.kenmerken:
            writer.writerow([_safe_text(label), _csv_value(value)])
        writer.writerow([])
        writer.writerow([_safe_text(name) for name in tabel.kolommen])
        for rij in tabel.rijen:
            writer.writerow([_csv_value(value) for value in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(tabellen: list[Tabel]) -> bytes:
    """One sheet per table: title and facts on top, then the header row in bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used_titles = set()
    for tabel in tabellen:
        sheet = workbook.create_sheet(_sheet_title(tabel.titel, used_titles))
        sheet.append([str(tabel.titel)])
        sheet["A1"].font = Font(bold=True, size=13)
        for label, value in tabel.kenmerken:
            sheet.append([_xlsx_value(label), _xlsx_value(value)])
        sheet.append([])
        header_row = sheet.max_row + 1
        sheet.append([_xlsx_value(name) for name in tabel.kolommen])
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        for rij in tabel.rijen:
            sheet.append([_xlsx_value(value) for value in rij])
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        for column, name in enumerate(tabel.kolommen, start=1):
            width = max(
                [len(str(name))] + [len(str(rij[column - 1] or "")) for rij in tabel.rijen]
            )
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 8) + 2, 60)
        # Text cells are written as text whatever they start with.
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (str, Promise)):  # Promise: a lazily translated label
        return _safe_text(str(value))
    return value


def _sheet_title(titel: str, used: set[str]) -> str:
    base = "".join(" " if char in "[]:*?/\\" else char for char in titel)[:SHEET_TITLE_MAX]
    title, number = base or "Blad", 2
    while title in used:
        suffix = f" ({number})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title


def download(tabellen: list[Tabel], bestandsnaam: str, formaat: str) -> HttpResponse:
    """The tables as an attachment `bestandsnaam`.csv or .xlsx (`formaat` 'csv' or 'xlsx')."""
    if formaat == "xlsx":
        response = HttpResponse(as_xlsx(tabellen), content_type=XLSX_TYPE)
    else:
        formaat = "csv"
        response = HttpResponse(as_csv(tabellen), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    response["Cache-Control"] = "private, no-store"
    return response
