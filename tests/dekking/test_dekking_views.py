"""The coverage dashboard /beheer/dekking/ and its export (dekking/views.py): who sees
which gemeente, the walking-distance and sort choices, the map's data, the export's contents,
a fixed number of queries, and axe-core over the page with a drawn map."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from locaties.constants import LocatieStatus
from tests.dekking.test_dekking import lonlat, plek, rechthoek
from tests.factories import (
    BuurtFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    PartnerFactory,
    WijkFactory,
)
from tests.test_accessibility import (  # noqa: F401 (browser is a fixture)
    AXE_SOURCE,
    AXE_TAGS,
    UNREACHABLE_TILES,
    VIEWPORTS,
    browser,
    csp_errors,
    describe,
    set_viewport,
)

URL = "/beheer/dekking/"


def buurten_van(gemeente, code: str, aantal: int, *, inwoners=1000):
    """`aantal` buurten of 1 km² in a row in one wijk, with a place in every other one."""
    wijk = WijkFactory(gemeente=gemeente, cbs_code=f"WK{code}01", naam=f"Wijk van {gemeente}")
    for i in range(aantal):
        BuurtFactory(
            wijk=wijk,
            cbs_code=f"BU{code}01{i:02d}",
            naam=f"Buurt {i:02d}",
            inwoners=inwoners,
            aandeel_65_plus=20,
            grens=rechthoek(i * 1000, 0, (i + 1) * 1000, 1000),
        )
        if i % 2 == 0:
            plek(gemeente, i * 1000 + 500, 500, naam=f"Plek {i:02d}", sterlocatie=i == 0)
    return wijk


@pytest.fixture
def zeist(andere_gemeente):
    buurten_van(andere_gemeente, "0355", 2)
    return andere_gemeente


@pytest.fixture
def apeldoorn(gemeente):
    """Four buurten of 1 km² in a row (x from 0 to 4000 m), 1000 residents each (200 65+),
    with places at the centres of buurt 0 (a sterlocatie) and buurt 2.

    At 800 m a place's circle holds its own buurt (corners at 707 m) and reaches 300 m into
    the next one, where the buurt's edges (y = 0 and 1000) cut it off: with u = x − 500,
    1000 × (624.5 − 500) + [u √(800² − u²) + 800² asin(u / 800)] from 624.5 to 800
    = 124 500 + 119 837 = 244 337 m², 24.4 % of a buurt. Buurt 1 gets that from both sides
    (48.9 %), buurt 3 from one (24.4 %): both gaps."""
    buurten_van(gemeente, "0200", 4)
    return gemeente


class TestAccess:
    def test_gemeente_staff_see_their_own_gemeente(self, client, gemeente_medewerker, apeldoorn):
        client.force_login(gemeente_medewerker)
        response = client.get(URL)
        assert response.status_code == 200
        assert response.context["gemeente"] == apeldoorn
        assert "Dekking in Apeldoorn" in response.content.decode()

    def test_another_gemeentes_slug_answers_404(self, client, gemeente_medewerker, zeist):
        client.force_login(gemeente_medewerker)
        assert client.get(URL, {"gemeente": "zeist"}).status_code == 404
        assert client.get(reverse("beheer:dekking_csv"), {"gemeente": "zeist"}).status_code == 404
        assert client.get(URL, {"gemeente": "bestaat-niet"}).status_code == 404

    def test_partners_read_the_gemeenten_they_work_in(self, client, corporatie, apeldoorn, zeist):
        corporatie.werkgebied.add(zeist)
        medewerker = LidmaatschapFactory(partner=corporatie).user
        client.force_login(medewerker)
        response = client.get(URL, {"gemeente": "zeist"})
        assert response.status_code == 200
        assert response.context["gemeente"] == zeist
        # Without a choice: the first by name, with a chooser for both.
        response = client.get(URL)
        assert response.context["gemeente"] == apeldoorn
        assert 'name="gemeente"' in response.content.decode()

    def test_staff_of_an_organisation_without_gemeente_get_an_explanation(self, client, db):
        partner = PartnerFactory()
        client.force_login(LidmaatschapFactory(partner=partner).user)
        response = client.get(URL)
        assert response.status_code == 200
        assert "werkt nog in geen enkele gemeente" in response.content.decode()
        assert client.get(reverse("beheer:dekking_xlsx")).status_code == 404

    def test_anonymous_visitors_are_sent_to_log_in(self, client, db):
        response = client.get(URL)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_a_nul_byte_in_the_gemeente_is_404_not_an_error(self, client, gemeente_medewerker):
        client.force_login(gemeente_medewerker)
        assert client.get(URL, {"gemeente": "ape\x00ldoorn"}).status_code == 404


class TestPage:
    @pytest.fixture(autouse=True)
    def signed_in(self, client, gemeente_medewerker, apeldoorn):
        client.force_login(gemeente_medewerker)

    def test_it_shows_key_figures_gaps_tables_and_chart(self, client):
        html = client.get(URL).content.decode()
        assert "Kerncijfers" in html
        assert "Buurten waar 65-plussers geen plek binnen 800 m hebben" in html
        assert "Per wijk" in html and "Per buurt" in html
        assert "Heel Apeldoorn" in html
        assert 'id="dekking-kaartgegevens" type="application/json"' in html
        assert "<script>" not in html  # no inline script: the map data is JSON, not code

    def test_the_gaps_are_the_partly_covered_buurten(self, client):
        response = client.get(URL)
        gaten = response.context["gaten"]
        # 65+ out of reach: buurt 3 200 × (1 − 0.2443) = 151.1, buurt 1 200 × (1 − 0.4887)
        # = 102.3 (a little more with the 64-sided circles, which cover 0.16 % less).
        assert [gat["cijfers"].naam for gat in gaten] == ["Buurt 03", "Buurt 01"]
        buiten = [gat["cijfers"].buiten_bereik_65_plus for gat in gaten]
        assert buiten == [pytest.approx(151.1, rel=3e-3), pytest.approx(102.3, rel=3e-3)]
        assert [gat["aandeel"] for gat in gaten] == ["24%", "49%"]

    def test_the_walking_distance_can_be_chosen(self, client):
        response = client.get(URL, {"straal": "400"})
        assert response.context["straal"] == 400
        html = response.content.decode()
        assert '<option value="400" selected>' in html
        assert "Buurten waar 65-plussers geen plek binnen 400 m hebben" in html
        # At 400 m every circle stays inside its buurt: π·400²/1e6 = 50 % for 0 and 2 (not
        # gaps, just), nothing for 1 and 3.
        gaten = [gat["cijfers"].naam for gat in response.context["gaten"]]
        assert sorted(gaten) == ["Buurt 01", "Buurt 03"]

    def test_an_unknown_walking_distance_says_so_and_shows_800(self, client):
        response = client.get(URL, {"straal": "500"})
        assert response.status_code == 200
        assert response.context["straal"] == 800
        assert "Kies een loopafstand van 400, 800 of 1200 meter" in response.content.decode()

    def test_sorting_is_a_link_per_column_with_aria_sort(self, client):
        response = client.get(URL, {"sort": "-bereik"})
        html = response.content.decode()
        namen = [rij["cijfers"].naam for rij in response.context["buurten"]]
        # Shares: 0 and 2 fully covered, 1 49 %, 3 24 %.
        assert namen[-2:] == ["Buurt 01", "Buurt 03"]
        assert html.count('aria-sort="descending"') == 2  # the wijk and the buurt table
        assert "sort=bereik" in html  # the sorted column's link turns the order around
        ascending = client.get(URL, {"sort": "bereik"}).context["buurten"]
        assert [rij["cijfers"].naam for rij in ascending][:2] == ["Buurt 03", "Buurt 01"]

    def test_nonsense_sorting_falls_back_to_the_wijk_order(self, client):
        response = client.get(URL, {"sort": "--bereik"})
        assert response.context["sortering"] == "wijk"
        assert client.get(URL, {"sort": "onzin"}).status_code == 200

    def test_the_map_data_has_buurten_places_and_radii(self, client):
        html = client.get(URL, {"straal": "1200"}).content.decode()
        data = json.loads(
            re.search(r'id="dekking-kaartgegevens"[^>]*>(.*?)</script>', html, re.S).group(1)
        )
        assert data["straal"] == 1200 and data["kernstraal"] == 2000
        assert len(data["buurten"]["features"]) == 4
        eerste = data["buurten"]["features"][0]["properties"]
        assert eerste["klasse"] == "4" and eerste["gat"] is False
        assert "Buurt 00: 100% binnen 1200 m van een plek" == eerste["tekst"]
        plekken = {p["naam"]: p for p in data["plekken"]}
        assert plekken["Plek 00"]["ster"] is True and plekken["Plek 02"]["ster"] is False
        lon, lat = lonlat(500, 500)
        assert plekken["Plek 00"]["lat"] == pytest.approx(lat)

    def test_every_place_on_the_map_is_in_a_table(self, client):
        html = client.get(URL).content.decode()
        for naam in ("Plek 00", "Plek 02"):
            assert naam in html
        assert "★ Sterlocatie" in html

    def test_a_buurt_without_residents_is_shown_as_such(self, client, apeldoorn):
        wijk = apeldoorn.wijken.get(soort="wijk")
        BuurtFactory(
            wijk=wijk, cbs_code="BU02000199", naam="Bedrijventerrein", inwoners=0,
            grens=rechthoek(0, 1000, 1000, 2000),
        )  # fmt: skip
        response = client.get(URL)
        rij = next(
            r for r in response.context["buurten"] if r["cijfers"].naam == "Bedrijventerrein"
        )
        teksten = [cel["tekst"] for cel in rij["cellen"]]
        assert teksten.count("geen inwoners") == 5  # two per-place figures, three shares

    def test_a_gemeente_without_buurten_says_so(self, client, db):
        leeg = GemeenteFactory(naam="Leegdorp", slug="leegdorp", cbs_code="GM0001")
        client.force_login(LidmaatschapFactory(partner=PartnerFactory(werkgebied=[leeg])).user)
        response = client.get(URL)
        assert response.status_code == 200
        assert "nog geen wijken en buurten ingevoerd" in response.content.decode()


class TestExport:
    @pytest.fixture(autouse=True)
    def signed_in(self, client, gemeente_medewerker, apeldoorn):
        client.force_login(gemeente_medewerker)

    def test_csv_names_gemeente_date_and_radius(self, client):
        response = client.get(reverse("beheer:dekking_csv"), {"straal": "400"})
        assert response.status_code == 200
        vandaag = timezone.localdate()
        assert response["Content-Disposition"] == (
            f'attachment; filename="dekking-apeldoorn-400m-{vandaag:%Y-%m-%d}.csv"'
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == ["Dekking per buurt"]
        assert ["Gemeente", "Apeldoorn (GM0200)"] in rows
        assert ["Datum", vandaag.isoformat()] in rows
        assert ["Loopafstand (m)", "400"] in rows
        header = next(row for row in rows if row[:2] == ["CBS-code", "Buurt"])
        assert "Binnen 400 m van een plek" in header
        buurt = next(row for row in rows if row[:1] == ["BU02000100"])
        assert buurt[1:4] == ["Buurt 00", "Wijk van Apeldoorn", "1000"]
        # π·400²/1e6 = 0.5027; the 64-sided circle: 32 sin(2π/64) × 400² / 1e6 = 0.5018.
        assert buurt[header.index("Binnen 400 m van een plek")] == "0,5018"

    def test_xlsx_has_a_sheet_per_table(self, client):
        response = client.get(reverse("beheer:dekking_xlsx"))
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == [
            "Dekking per buurt",
            "Dekking per wijk",
            "Dekking van de gemeente",
            "Activiteitenuren per week per w",
        ]
        sheet = workbook["Dekking per buurt"]
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert ["Loopafstand (m)", 800] in [row[:2] for row in values]
        assert ["Gemeente", "Apeldoorn (GM0200)"] in [row[:2] for row in values]
        assert isinstance(values[2][1], dt.datetime | dt.date)

    def test_post_is_not_allowed(self, client):
        assert client.post(reverse("beheer:dekking_csv")).status_code == 405


@pytest.mark.parametrize("aantal", [4, 40])
def test_the_page_runs_a_fixed_number_of_queries(
    client, gemeente_medewerker, gemeente, aantal, django_assert_max_num_queries
):
    buurten_van(gemeente, "0200", aantal)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert len(response.context["buurten"]) == aantal
    with django_assert_max_num_queries(10):
        assert client.get(reverse("beheer:dekking_csv")).status_code == 200


def test_unpublished_places_are_not_on_the_dashboard(client, gemeente_medewerker, apeldoorn):
    plek(apeldoorn, 1500, 500, naam="Nog in concept", status=LocatieStatus.CONCEPT)
    client.force_login(gemeente_medewerker)
    assert "Nog in concept" not in client.get(URL).content.decode()


# ---------------------------------------------------------------- in a browser


@pytest.fixture
def dashboard_in_browser(live_server, settings, browser, transactional_db):  # noqa: F811
    """The live site signed in as Apeldoorn's officer, with four buurten, places (one a
    sterlocatie, one a kern) and tiles that cannot be reached, as without internet."""
    from django.test import Client

    from locaties.constants import LocatieSoort

    gemeente = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
    partner = PartnerFactory(gemeentepartner=True, gemeente=gemeente, werkgebied=[gemeente])
    officer = LidmaatschapFactory(partner=partner).user
    buurten_van(gemeente, "0200", 4)
    plek(gemeente, 3500, 500, naam="Steunpunt", soort=LocatieSoort.STEUNPUNT)
    settings.MAP_TILE_URL = UNREACHABLE_TILES
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["img-src"] = [*directives["img-src"], "http://127.0.0.1:9"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": directives,
    }
    client = Client()
    client.force_login(officer)
    browser.get(live_server.url + "/toegankelijkheid/")
    browser.delete_all_cookies()
    browser.add_cookie(
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "path": "/",
        }
    )
    browser.get_log("browser")
    yield live_server.url
    browser.delete_all_cookies()


def _map_status(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script(
            "return document.querySelector('[data-dekking-kaart]')"
            ".hasAttribute('data-kaart-status');"
        )
    )
    return driver.execute_script(
        "return document.querySelector('[data-dekking-kaart]').getAttribute('data-kaart-status');"
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_dashboard_with_its_map_has_no_wcag_violations(
    dashboard_in_browser,
    browser,  # noqa: F811
    viewport,
):
    set_viewport(browser, *VIEWPORTS[viewport])
    browser.get(dashboard_in_browser + URL + "?sort=-bereik")
    # Drawn without tiles: the buurten on the plain background, circles, the three markers.
    assert _map_status(browser) == "klaar"
    counts = browser.execute_script(
        """const map = document.querySelector('[data-dekking-kaart]');
           return [map.querySelectorAll('path.leaflet-interactive').length,
                   map.querySelectorAll('path:not(.leaflet-interactive)').length,
                   map.querySelectorAll('.kaart-marker').length,
                   map.querySelectorAll('.kaart-marker--ster').length,
                   map.querySelectorAll('.kaart-marker--kern').length,
                   document.querySelector('[data-dekking-legenda]').hidden];"""
    )
    # 4 buurten; a circle per place (3) and the kern's 2 km circle; 3 markers.
    assert counts == [4, 4, 3, 1, 1, False]

    browser.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                           resultTypes: ["violations"]})
          .then(result => done(result.violations))
          .catch(error => done([{id: "axe", impact: "error", help: String(error), nodes: []}]));
        """,
        AXE_TAGS,
    )
    assert not violations, describe(violations)
    assert not csp_errors(browser)
