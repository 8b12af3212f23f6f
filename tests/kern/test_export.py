"""Tables as CSV and XLSX files (kern/export.py)."""

import datetime as dt
import io
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook

from kern.export import Tabel, as_csv, as_xlsx, download

TABEL = Tabel(
    titel="Dekking per buurt",
    kenmerken=[("Gemeente", "Zeist"), ("Datum", dt.date(2026, 11, 23)), ("Loopafstand", "800 m")],
    kolommen=["Buurt", "Inwoners", "Aandeel binnen bereik (%)"],
    rijen=[["Centrum", 1200, Decimal("87.5")], ['=HYPERLINK("x")', None, 0.0]],
)


def test_csv_says_what_it_holds_and_writes_numbers_the_dutch_way():
    with translation.override("nl"):
        text = as_csv([TABEL]).decode("utf-8")
    assert text.startswith("\ufeffDekking per buurt\r\n")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert "Gemeente;Zeist" in lines
    assert "Datum;2026-11-23" in lines
    assert "Buurt;Inwoners;Aandeel binnen bereik (%)" in lines
    assert "Centrum;1200;87,5" in lines


def test_text_that_looks_like_a_formula_stays_text():
    text = as_csv([TABEL]).decode("utf-8")
    assert "'=HYPERLINK" in text
    sheet = load_workbook(io.BytesIO(as_xlsx([TABEL])))["Dekking per buurt"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("x")' in values
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers():
    other = Tabel(titel="Dekking per buurt", kolommen=["A"], rijen=[[1]])
    workbook = load_workbook(io.BytesIO(as_xlsx([TABEL, other])))
    assert workbook.sheetnames == ["Dekking per buurt", "Dekking per buurt (2)"]
    sheet = workbook["Dekking per buurt"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Dekking per buurt"
    assert ("Gemeente", "Zeist") == rows[1][:2]
    header = rows.index(("Buurt", "Inwoners", "Aandeel binnen bereik (%)"))
    assert rows[header + 1] == ("Centrum", 1200, 87.5)


def test_download_names_the_file_and_is_not_cached():
    response = download([TABEL], "dekking-zeist-2026-11-23", "xlsx")
    assert (
        response["Content-Disposition"] == 'attachment; filename="dekking-zeist-2026-11-23.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert download([TABEL], "x", "iets-anders")["Content-Type"].startswith("text/csv")


def test_lazily_translated_labels_are_written_as_text():
    from django.utils.translation import gettext_lazy

    tabel = Tabel(
        titel=gettext_lazy("Risico’s"),
        kenmerken=[(gettext_lazy("Gemeente"), "Zeist")],
        kolommen=[gettext_lazy("Status")],
        rijen=[[gettext_lazy("Gepubliceerd")]],
    )
    rows = list(load_workbook(io.BytesIO(as_xlsx([tabel]))).active.iter_rows(values_only=True))
    assert rows[-1][0] == "Gepubliceerd"
    assert "Gepubliceerd" in as_csv([tabel]).decode("utf-8")
