"""The month poster of a place (/locaties/<slug>/poster/?maand=2027-01) and the printed week
programme as PDF: Chromium's --print-to-pdf, pages counted with pdfinfo (poppler-utils)."""

import datetime as dt
import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.factories import ActiviteitFactory, LocatieFactory, WijkFactory
from tests.test_accessibility import CHROMIUM, CHROMIUM_FLAGS


def poster_url(locatie, maand="2027-01"):
    return reverse("publiek:poster", args=[locatie.slug]) + f"?maand={maand}"


@pytest.fixture
def linde(db):
    locatie = LocatieFactory(
        gepubliceerd=True, naam="De Linde", slug="de-linde", telefoon="055 123 45 67"
    )
    ActiviteitFactory(locatie=locatie, titel="Koffieochtend")  # every Tuesday from 5 January
    return locatie


def test_the_poster_shows_the_months_dates_with_address_and_phone(client, linde):
    html = client.get(poster_url(linde)).content.decode()

    assert "januari 2027" in html
    assert "055 123 45 67" in html
    assert linde.openbaar_adres in html
    for day in ("dinsdag 5 januari", "dinsdag 12 januari", "dinsdag 26 januari"):
        assert day in html
    assert "dinsdag 2 februari" not in html
    assert html.count("Koffieochtend") == 4


def test_the_poster_of_a_month_without_dates_says_so(client, linde):
    html = client.get(poster_url(linde, "2026-12")).content.decode()

    assert "geen activiteiten" in html


@pytest.mark.parametrize("maand", ["2027-13", "januari", "1850-01", "2027-01-05", "-"])
def test_the_poster_answers_a_nonsense_month_with_this_month_and_a_message(client, linde, maand):
    response = client.get(poster_url(linde, maand))

    assert response.status_code == 200
    assert "Die maand kennen we niet" in response.content.decode()


def test_the_poster_of_a_concept_place_is_not_found(client, db):
    concept = LocatieFactory()

    assert client.get(poster_url(concept)).status_code == 404


def test_the_poster_runs_a_fixed_number_of_queries(client, linde, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(poster_url(linde))
    for n in range(10):
        ActiviteitFactory(locatie=linde, titel=f"Breien {n}", herhaling="FREQ=WEEKLY;BYDAY=WE")
    with django_assert_max_num_queries(8):
        client.get(poster_url(linde))


# ------------------------------------------------------------------------- printed to PDF


def require_pdf_tools():
    missing = [tool for tool in (CHROMIUM, "pdfinfo") if not shutil.which(tool)]
    if missing:
        reason = f"{', '.join(missing)} not installed"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REQUIRE_BROWSER=1)")
        pytest.skip(reason)


def printed_pages(url, tmp_path) -> int:
    pdf = tmp_path / "print.pdf"
    subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


@pytest.fixture
def wijk_with_30_lines(transactional_db):
    """Six places in a wijk, with 30 dates in the week of 4 January 2027."""
    wijk = WijkFactory(naam="De Maten", slug="de-maten")
    for n in range(6):
        locatie = LocatieFactory(
            gepubliceerd=True, gemeente=wijk.gemeente, wijk=wijk, naam=f"Buurthuis {n}"
        )
        for day, byday in enumerate(["MO", "TU", "WE", "TH", "FR"]):
            ActiviteitFactory(
                locatie=locatie,
                titel=f"Samen eten en praten {n}{day}",
                startdatum=dt.date(2027, 1, 4),
                herhaling=f"FREQ=WEEKLY;BYDAY={byday}",
            )
    return wijk


def test_a_wijks_week_programme_of_30_lines_prints_on_one_a4(
    live_server, wijk_with_30_lines, tmp_path
):
    require_pdf_tools()
    url = f"{live_server.url}{reverse('activiteiten:agenda')}?wijk=de-maten&week=2027-W01"

    assert printed_pages(url, tmp_path) == 1


def test_a_month_poster_prints_on_one_a4(transactional_db, live_server, tmp_path):
    require_pdf_tools()
    locatie = LocatieFactory(gepubliceerd=True, naam="De Linde", slug="de-linde")
    for titel, byday in [("Koffieochtend", "TU"), ("Breien", "WE"), ("Computerles", "TH")]:
        ActiviteitFactory(locatie=locatie, titel=titel, herhaling=f"FREQ=WEEKLY;BYDAY={byday}")

    assert printed_pages(live_server.url + poster_url(locatie), tmp_path) == 1
