"""What if (dekking/scenario.py) on a small hand-made gemeente whose answers are worked out by
hand, and its page.

Drawn in RD New metres relative to (150 000, 450 000) like tests/dekking/test_dekking.py;
walking distance 400 m, one circle π·400² = 502 655 m² (64-sided: rel=3e-3):

    buurt A (wijk Noord) (0, 0)–(2000, 2000): 1000 inwoners, 20 % 65+ (200), 4 000 000 m²
    buurt B (wijk Noord) (2000, 0)–(4000, 2000): 3000 inwoners, 10 % 65+ (300), 4 000 000 m²

- P, published, at (1000, 1000): its circle lies inside A. A now 502 655 / 4 000 000 =
  0,12566; B now 0. Gemeente now (1000 × 0,12566 + 3000 × 0) / 4000 = 0,03142.
- C, a concept place, at (3000, 1000): its circle lies inside B.
- A point on the boundary of A and B, at (2000, 1000): half its circle in A, half in B,
  251 327 m² each → 0,06283 of each. It is 1000 m from P and C: no overlap.

Adding the boundary point: A 0,12566 → 0,18850 (+6,3 procentpunt), B 0 → 0,06283; 65+ gained
200 × 0,06283 = 12,57 in A and 300 × 0,06283 = 18,85 in B, 31,42 in all; the gemeente
(1000 × 0,18850 + 3000 × 0,06283) / 4000 = 0,09425.
Adding C and taking P away: A 0,12566 → 0 (−25,13 65+), B 0 → 0,12566 (+37,70 65+).
"""

import pytest

from dekking.scenario import wat_als
from locaties.constants import LocatieStatus
from tests.dekking.test_dekking import lonlat, plek, rechthoek
from tests.factories import BuurtFactory, WijkFactory
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

pytestmark = pytest.mark.django_db

EEN = 502_655 / 4_000_000
HALF = EEN / 2
URL = "/beheer/dekking/wat-als/"


@pytest.fixture
def dorp(gemeente):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020001", naam="Noord")
    BuurtFactory(
        wijk=noord, cbs_code="BU02000101", naam="A", inwoners=1000, aandeel_65_plus=20,
        grens=rechthoek(0, 0, 2000, 2000),
    )  # fmt: skip
    BuurtFactory(
        wijk=noord, cbs_code="BU02000102", naam="B", inwoners=3000, aandeel_65_plus=10,
        grens=rechthoek(2000, 0, 4000, 2000),
    )  # fmt: skip
    p = plek(gemeente, 1000, 1000, naam="P", slug="p")
    c = plek(gemeente, 3000, 1000, naam="C", slug="c", status=LocatieStatus.CONCEPT)
    return {"gemeente": gemeente, "p": p, "c": c}


def grens_punt():
    lon, lat = lonlat(2000, 1000)
    return (lat, lon)


def test_nothing_chosen_changes_nothing(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400)

    a, b = uitkomst.buurten
    assert (a.nu, a.straks) == pytest.approx((EEN, EEN), rel=3e-3)
    assert (b.nu, b.straks) == (0, 0)
    assert uitkomst.totaal.nu == pytest.approx(EEN / 4, rel=3e-3)
    assert uitkomst.veranderd == []


def test_a_point_on_a_buurt_boundary_adds_half_its_circle_to_each(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400, punten=[grens_punt()])

    a, b = uitkomst.buurten
    assert a.straks == pytest.approx(EEN + HALF, rel=3e-3)
    assert a.verschil == pytest.approx(HALF, rel=3e-3)
    assert b.straks == pytest.approx(HALF, rel=3e-3)
    assert a.ouderen_erbij == pytest.approx(12.57, rel=3e-3)
    assert b.ouderen_erbij == pytest.approx(18.85, rel=3e-3)
    assert uitkomst.totaal.straks == pytest.approx(0.09425, rel=3e-3)
    assert uitkomst.totaal.ouderen_erbij == pytest.approx(31.42, rel=3e-3)
    # B gains the most 65+: first.
    assert [v.naam for v in uitkomst.veranderd] == ["B", "A"]
    (noord,) = uitkomst.wijken
    assert noord.straks == pytest.approx(uitkomst.totaal.straks)


def test_a_concept_place_added_and_a_published_one_taken_away(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400, erbij=[dorp["c"].pk], eraf=[dorp["p"].pk])

    a, b = uitkomst.buurten
    assert (a.nu, a.straks) == pytest.approx((EEN, 0), rel=3e-3, abs=1e-9)
    assert b.straks == pytest.approx(EEN, rel=3e-3)
    assert a.ouderen_erbij == pytest.approx(-25.13, rel=3e-3)
    assert b.ouderen_erbij == pytest.approx(37.70, rel=3e-3)
    assert (uitkomst.erbij, uitkomst.eraf) == (1, 1)


def test_the_scenario_takes_two_queries(dorp, django_assert_num_queries):
    with django_assert_num_queries(2):
        wat_als(dorp["gemeente"], straal=400, erbij=[dorp["c"].pk], punten=[grens_punt()])


# ---------------------------------------------------------------- the page


def test_the_page_shows_the_change_per_buurt_and_saves_nothing(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    lat, lon = grens_punt()

    response = client.get(
        URL, {"straal": "400", "erbij": "c", "punten": f"{lat:.6f}, {lon:.6f}", "eraf": "p"}
    )

    assert response.status_code == 200
    assert response.context["form"].is_valid()
    assert [r["object"].naam for r in response.context["buurten"]] == ["B", "A"]
    dorp["c"].refresh_from_db()
    assert dorp["c"].status == LocatieStatus.CONCEPT


def test_the_form_offers_concept_places_to_add_and_published_ones_to_take_away(
    client, dorp, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)

    form = client.get(URL).context["form"]

    assert [loc.naam for loc in form.fields["erbij"].queryset] == ["C"]
    assert [loc.naam for loc in form.fields["eraf"].queryset] == ["P"]


@pytest.mark.parametrize(
    ("punten", "melding"),
    [
        ("5.97, 52.2", "ligt niet in Nederland"),
        ("52,2 5,97", "Regel 1 is geen punt"),
        ("52.2", "Regel 1 is geen punt"),
        ("\n".join(["52.2, 5.97"] * 11), "hoogstens 10 punten"),
    ],
)
def test_a_point_that_is_no_point_is_refused_with_the_input_kept(
    client, dorp, gemeente_medewerker, punten, melding
):
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"punten": punten})

    assert response.status_code == 200
    assert response.context["scenario"] is None
    assert melding in response.content.decode()
    assert response.context["form"]["punten"].value() == punten


def test_a_place_of_another_gemeente_cannot_be_added(client, dorp, gemeente_medewerker):
    from tests.factories import LocatieFactory

    elders = LocatieFactory(slug="elders", status=LocatieStatus.CONCEPT)
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"erbij": elders.slug})

    assert response.context["scenario"] is None
    assert "erbij" in response.context["form"].errors


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_page_runs_a_fixed_number_of_queries(
    client, dorp, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    for i in range(aantal):
        plek(gemeente, 100 + 50 * i, 100)
        plek(gemeente, 100 + 50 * i, 1900, status=LocatieStatus.TER_BEOORDELING)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    # The session and user, the gemeenten, each choice list validated and shown (4), the
    # scenario (2), the places on the map (the buurten come with the scenario).
    with django_assert_max_num_queries(13):
        response = client.get(URL, {"straal": "400", "erbij": "c", "eraf": "p"})
    assert response.context["scenario"] is not None
    assert len(response.context["form"].fields["eraf"].queryset) == 1 + aantal


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_page_without_a_result_runs_a_fixed_number_of_queries(
    client, dorp, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    from locaties.models import Wijk

    noord = Wijk.objects.get(cbs_code="WK020001")
    for i in range(aantal):
        plek(gemeente, 100 + 50 * i, 100)
        BuurtFactory(wijk=noord, grens=rechthoek(5000 + 100 * i, 0, 5100 + 100 * i, 100))
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    # The session, the user, a membership, the gemeenten (2), the choice lists shown (3), the
    # map's buurten and places.
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.context["scenario"] is None
    assert len(response.context["kaart"]["buurten"]["features"]) == 2 + aantal


# ---------------------------------------------------------------- the map


def test_the_map_shows_the_buurten_and_the_published_places(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)

    response = client.get(URL)

    kaart = response.context["kaart"]
    buurten = kaart["buurten"]["features"]
    assert [b["properties"]["code"] for b in buurten] == ["BU02000101", "BU02000102"]
    assert [b["properties"]["verandering"] for b in buurten] == ["", ""]
    assert buurten[0]["geometry"]["type"] == "Polygon"
    assert [p["naam"] for p in kaart["plekken"]] == ["P"]  # C is a concept
    inhoud = response.content.decode()
    assert 'id="wat-als-kaartgegevens" type="application/json"' in inhoud
    assert "data-wat-als-kaart" in inhoud and 'data-punten-veld="id_punten"' in inhoud
    assert "<script>" not in inhoud  # no inline script (CSP)


def test_the_map_marks_the_buurten_that_change(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    lat, lon = grens_punt()

    response = client.get(URL, {"straal": "400", "punten": f"{lat}, {lon}", "eraf": "p"})

    buurten = response.context["kaart"]["buurten"]["features"]
    # A loses P (−0,126) and gains half the point's circle (+0,063); B gains the other half.
    assert [b["properties"]["verandering"] for b in buurten] == ["minder", "meer"]
    assert buurten[1]["properties"]["tekst"] == "B: nu 0%, met deze keuze 6%"


# ---------------------------------------------------------------- in a browser


@pytest.fixture
def wat_als_in_browser(live_server, settings, browser, transactional_db, dorp):  # noqa: F811
    """The live site signed in as the gemeente's officer, with tiles that cannot be reached,
    as without internet."""
    from django.test import Client

    from tests.factories import LidmaatschapFactory, PartnerFactory

    gemeente = dorp["gemeente"]
    partner = PartnerFactory(gemeentepartner=True, gemeente=gemeente, werkgebied=[gemeente])
    officer = LidmaatschapFactory(partner=partner).user
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
    yield live_server.url, client
    browser.delete_all_cookies()


def _kaart_klaar(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script(
            "const k = document.querySelector('[data-wat-als-kaart]');"
            "return k && k.hasAttribute('data-kaart-status');"
        )
    )
    return driver.execute_script(
        "return document.querySelector('[data-wat-als-kaart]').getAttribute('data-kaart-status');"
    )


def _axe(driver):
    driver.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                           resultTypes: ["violations"]})
          .then(result => done(result.violations))
          .catch(error => done([{id: "axe", impact: "error", help: String(error), nodes: []}]));
        """,
        AXE_TAGS,
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_click_on_the_map_adds_a_point_that_counts_as_a_typed_one(
    wat_als_in_browser,
    browser,  # noqa: F811
    viewport,
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    site, client = wat_als_in_browser
    set_viewport(browser, *VIEWPORTS[viewport])
    browser.get(site + URL + "?straal=400")
    assert _kaart_klaar(browser) == "klaar"
    # Drawn without tiles: the two buurten, P as a dot, no point yet.
    kaart = "[data-wat-als-kaart]"
    buurten = browser.find_elements(By.CSS_SELECTOR, f"{kaart} path.leaflet-interactive")
    assert len(buurten) == 2
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-wat-als-kaart] .wat-als-punt")
    assert not _axe(browser), describe(_axe(browser))

    # A click in the middle of buurt B (its rectangle's centre lies inside it).
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", buurten[1])
    ActionChains(browser).move_to_element(buurten[1]).click().perform()
    veld = browser.find_element(By.ID, "id_punten")
    WebDriverWait(browser, 10).until(lambda d: veld.get_attribute("value"))
    punt = veld.get_attribute("value")
    lat, lon = (float(d) for d in punt.split(", "))
    status = browser.find_element(By.CSS_SELECTOR, "[data-wat-als-status]").text
    assert status == f"Punt 1 toegevoegd: {punt}"
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-wat-als-kaart] .wat-als-punt")) == 1

    browser.find_element(By.CSS_SELECTOR, "form.form--wide button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "uitkomst-kop"))
    assert _kaart_klaar(browser) == "klaar"
    veranderd = browser.find_element(By.CSS_SELECTOR, "[aria-labelledby=buurten-kop]").text
    assert "B" in veranderd
    # The same point typed gives the same figures as the clicked one.
    getypt = client.get(URL, {"straal": "400", "punten": f"{lat}, {lon}"}).context
    assert getypt["totaal"]["straks"] in browser.find_element(By.CSS_SELECTOR, ".kerncijfers").text
    assert [b["object"].naam for b in getypt["buurten"]] == ["B"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-wat-als-kaart] .wat-als-punt")) == 1
    assert not _axe(browser), describe(_axe(browser))
    assert not csp_errors(browser)
