"""Accessibility of the site in a real browser: axe-core (WCAG 2.1 A and AA rules) in headless
Chromium through Selenium, at a phone's and a desktop's viewport, plus keyboard checks and the
map's progressive enhancement.

The browser is the system's (/usr/bin/chromium with /usr/bin/chromedriver), so Selenium
Manager never downloads anything. Without it the tests skip, unless REQUIRE_BROWSER=1 (set by
.ci/run on CI), which turns a missing browser into a failure.

Adding a page to the axe test: add a (name, path) pair to PAGES below. Pages that need
records use the objects `public_records` creates (fixed names and slugs, listed there).
"""

import os
from pathlib import Path

import pytest
from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import path
from django.utils import timezone

from locaties.constants import LocatieStatus, SamenwerkingRol, Weekdag
from locaties.models import Voorziening
from ontmoeting.urls import urlpatterns as site_urlpatterns
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    SamenwerkingFactory,
    WijkFactory,
)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"telefoon": (390, 844), "desktop": (1280, 900)}
# A port nothing listens on: map tiles fail at once, as they do without internet.
UNREACHABLE_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"

# The pages the axe test checks: (name, path).
PAGES = [
    ("home", "/"),
    ("home-en", "/en/"),
    ("inloggen", "/accounts/login/"),
    ("toegankelijkheid", "/toegankelijkheid/"),
    ("privacy", "/privacy/"),
    ("niet-gevonden", "/deze-pagina-bestaat-niet/"),
    ("serverfout", "/test-fout/"),
    ("kaart-met-plekken", "/test-kaart/plekken/"),
    ("kaart-met-een-plek", "/test-kaart/plek/"),
    ("stijlen", "/test-stijlen/"),
    ("home-gezocht", "/?q=7311+AB"),
    ("locaties-zoeken", "/locaties/?q=7311+AB"),
    ("home-woord", "/?q=koffie"),
    ("locaties-woord", "/locaties/?q=koffie"),
    ("locaties-gefilterd", "/locaties/?lat=52.211&lon=5.97&toegankelijk=rolstoel&page=99"),
    ("locatie", "/locaties/buurthuiskamer-de-linde/"),
    ("agenda", "/activiteiten/"),
    ("agenda-plek", "/activiteiten/?locatie=buurthuiskamer-de-linde"),
    ("activiteit", "/activiteiten/koffieochtend-de-linde/"),
    ("wijk", "/wijken/de-maten/"),
    ("poster", "/locaties/buurthuiskamer-de-linde/poster/?maand=2027-01"),
    ("melding", "/meldingen/nieuw/?locatie=buurthuiskamer-de-linde"),
    ("vrijwilligers", "/vrijwilligers/?gemeente=apeldoorn"),
    ("vrijwilligers-vraag", "/vrijwilligers/vraag/nieuw/?locatie=buurthuiskamer-de-linde"),
    # A vacature and its answer form: tests/vrijwilligers/test_browser.py.
    ("open-data", "/open-data/"),
    ("agenda-ingebed", "/embed/agenda/?locatie=buurthuiskamer-de-linde"),
]


# ---------------------------------------------------------------- test pages for the map
# The map include is used by pages of other branches; these two pages give it a home here.
KAART_PAGE = """{% extends "base.html" %}{% block content %}<h1>Kaart</h1>
{% include "includes/kaart.html" with geojson_url=geojson_url lat=lat lon=lon label=label %}
<ul><li><a href="/">Een lijst met dezelfde plekken</a></li></ul>{% endblock %}"""

PLEKKEN = [
    # naam, url, adres, soort, sterlocatie, lat, lon
    ("Buurthuiskamer De Linde", "/plek/de-linde/", "Lindelaan 1, Apeldoorn", "+Punt", False,
     52.211, 5.970),
    ("Wijkcentrum De Boog", "/plek/de-boog/", "Boog 2, Apeldoorn", "Wijkcentrum", False,
     52.2115, 5.9705),
    ("Wijkservicepunt Noord", "/plek/noord/", "Noordweg 3, Zeist", "Wijkservicepunt", True,
     52.091, 5.233),
    ("Heel Europa", "/plek/heel-europa/", "Europalaan 4, Purmerend", "Woonzorglocatie", False,
     52.505, 4.960),
]  # fmt: skip


def kaart_page(request, **context):
    template = engines["django"].from_string(KAART_PAGE)
    return HttpResponse(template.render({"lat": None, "lon": None, **context}, request))


def kaart_met_plekken(request):
    return kaart_page(
        request, geojson_url="/test-kaart/plekken.geojson", label="Kaart van de plekken"
    )


def kaart_met_een_plek(request):
    return kaart_page(request, lat=52.091, lon=5.233, label="Wijkservicepunt Noord")


def plekken_geojson(request):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "naam": naam,
                "url": url,
                "adres": adres,
                "soort": soort,
                "sterlocatie": sterlocatie,
            },
        }
        for naam, url, adres, soort, sterlocatie, lat, lon in PLEKKEN
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# Every class site.css offers other templates, on one page, so axe checks their contrast and
# the reflow test their width.
STIJLEN_PAGE = """{% extends "base.html" %}{% block content %}
<div class="portal-layout">
  <nav class="portal-nav" aria-label="Beheer"><ul>
    <li><a href="#" aria-current="page">Locaties</a></li><li><a href="#">Activiteiten</a></li>
  </ul></nav>
  <div>
    <div class="page-heading"><h1>Locaties</h1><a class="button" href="#">Nieuwe locatie</a></div>
    <p class="lead">Inleiding.</p>
    <p class="notice">Let op: dit is een melding.</p>
    <div class="alert alert--ok">Opgeslagen.</div>
    <div class="alert alert--error">Niet opgeslagen.</div>
    <div class="alert alert--warning">Bijna verlopen.</div>
    <div class="alert">Ter informatie.</div>
    <p><span class="badge badge--gepubliceerd">Gepubliceerd</span>
      <span class="badge badge--concept">Concept</span>
      <span class="badge badge--gearchiveerd">Gearchiveerd</span>
      <span class="badge badge--ster">Sterlocatie</span> <span class="badge">Wijk</span>
      <span class="badge badge--ter_beoordeling">Ter beoordeling</span>
      <span class="badge badge--afgelast">Afgelast</span></p>
    <div class="table-container" tabindex="0" role="region" aria-label="Locaties">
      <table><caption>Locaties</caption>
        <thead><tr><th scope="col">Naam</th><th scope="col" class="numeric">Ruimten</th>
          <th scope="col">Status</th></tr></thead>
        <tbody><tr><td><a href="#">Buurthuiskamer De Linde</a></td><td class="numeric">3</td>
          <td>Gepubliceerd</td></tr></tbody>
      </table>
    </div>
    <dl class="details"><dt>Adres</dt><dd>Lindelaan 1, 7311 AB Apeldoorn</dd></dl>
    <form class="form" method="post" action="#" novalidate>
      <div class="form__errors" role="alert"><p>Controleer de velden.</p></div>
      <div class="field field--invalid"><label for="naam">Naam</label>
        <p class="field__help" id="naam_helptext">Zoals op het gebouw.</p>
        <div class="field__error" id="naam_error"><p>Vul een naam in.</p></div>
        <input id="naam" name="naam" aria-invalid="true"
               aria-describedby="naam_helptext naam_error"></div>
      <div class="field"><label for="soort">Soort</label>
        <select id="soort" name="soort"><option>+Punt</option></select></div>
      <div class="field"><input type="checkbox" id="ster" name="ster">
        <label for="ster">Sterlocatie</label></div>
      <div class="form__actions"><button class="button" type="submit">Opslaan</button>
        <a class="button button--secondary" href="#">Annuleren</a>
        <button class="button button--danger" type="button">Archiveren</button>
        <button class="link-button" type="button">Meer</button></div>
    </form>
    <ul class="pagination"><li><a href="#">1</a></li>
      <li><span aria-current="page">2</span></li></ul>
  </div>
</div>{% endblock %}"""


def stijlen(request):
    return HttpResponse(engines["django"].from_string(STIJLEN_PAGE).render({}, request))


def serverfout(request):
    raise RuntimeError("a broken page, to show the 500 page")


# This module is the URLconf of the browser tests: the site plus the map's test pages.
urlpatterns = [
    path("test-fout/", serverfout),
    path("test-stijlen/", stijlen),
    path("test-kaart/plekken/", kaart_met_plekken),
    path("test-kaart/plek/", kaart_met_een_plek),
    path("test-kaart/plekken.geojson", plekken_geojson),
    *site_urlpatterns,
]


# ---------------------------------------------------------------- fixtures
def require_browser(paths=(CHROMIUM, CHROMEDRIVER)):
    """Skip when the browser is missing, or fail when REQUIRE_BROWSER=1 (on CI)."""
    missing = [p for p in paths if not os.access(p, os.X_OK)]
    if missing:
        reason = f"no browser for the accessibility tests: {', '.join(missing)} missing"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REQUIRE_BROWSER=1)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    yield from chromium(tmp_path_factory)


def chromium(tmp_path_factory):
    """Headless Chromium through Selenium, quit when the generator is closed; for the
    `browser` fixture here and in other test modules that need a shorter-lived one."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def site(live_server, transactional_db, settings, browser):
    """The live site with the map's test pages and tiles that cannot be reached."""
    settings.ROOT_URLCONF = __name__
    settings.MAP_TILE_URL = UNREACHABLE_TILES
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    directives["img-src"] = [*directives["img-src"], "http://127.0.0.1:9"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": directives,
    }
    browser.get_log("browser")  # start each test with an empty console
    return live_server.url


@pytest.fixture
def public_records(transactional_db):
    """What the public pages of other branches need to show something: a published place in
    Apeldoorn with opening hours (slug buurthuiskamer-de-linde), in the wijk De Maten
    (slug de-maten), with a weekly activity (slug koffieochtend-de-linde) that is on now."""
    apeldoorn = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
    wijk = WijkFactory(gemeente=apeldoorn, naam="De Maten", slug="de-maten")
    locatie = LocatieFactory(
        gemeente=apeldoorn,
        naam="Buurthuiskamer De Linde",
        slug="buurthuiskamer-de-linde",
        postcode="7311 AB",
        wijk=wijk,
        status=LocatieStatus.GEPUBLICEERD,
    )
    for weekdag in Weekdag.values[:5]:
        OpeningstijdFactory(locatie=locatie, weekdag=weekdag)
    # The wijk page's facilities and partners (the Wijkscan).
    codes = ["maaltijden", "postnl_punt", "computers"]
    for code in codes:  # a transactional test empties the rows the migration made
        Voorziening.objects.get_or_create(code=code)
    locatie.voorzieningen.set(codes)
    SamenwerkingFactory(
        locatie=locatie,
        partner=PartnerFactory(naam="Welzijn De Maten", website="https://welzijn.example"),
        rol=SamenwerkingRol.BEHEERDER,
    )
    ActiviteitFactory(
        locatie=locatie,
        titel="Koffieochtend De Linde",
        slug="koffieochtend-de-linde",
        startdatum=timezone.localdate(),
        herhaling="FREQ=WEEKLY",
    )
    return {"gemeente": apeldoorn, "wijk": wijk, "locatie": locatie}


# ---------------------------------------------------------------- helpers
def set_viewport(browser, width, height):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def axe_violations(browser, url):
    """Load url, run axe-core with the WCAG 2.1 A and AA rules and return its violations."""
    browser.get(url)
    wait_for_maps(browser)
    browser.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                           resultTypes: ["violations"]})
          .then(result => done(result.violations))
          .catch(error => done({error: String(error)}));
        """,
        AXE_TAGS,
    )
    if isinstance(result, dict):
        raise AssertionError(f"axe-core did not run on {url}: {result['error']}")
    return result


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['failureSummary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def wait_for_maps(browser):
    """Wait until every map on the page is done: drawn, or left hidden."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(
        lambda driver: driver.execute_script(
            """return Array.from(document.querySelectorAll('[data-kaart]')).every(
                 el => el.hasAttribute('data-kaart-status'));"""
        )
    )


def csp_errors(browser):
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]


# ---------------------------------------------------------------- axe-core on every page
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "page"), PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_wcag_violations(site, browser, public_records, name, page, viewport):
    set_viewport(browser, *VIEWPORTS[viewport])

    violations = axe_violations(browser, site + page)

    assert not violations, (
        f"{len(violations)} WCAG 2.1 A/AA violation(s) on {page} ({name}, {viewport}):\n"
        + describe(violations)
    )
    assert not csp_errors(browser)


@pytest.mark.parametrize(("name", "page"), PAGES, ids=[name for name, _ in PAGES])
def test_page_fits_a_320_px_screen_without_scrolling_sideways(
    site, browser, public_records, name, page
):
    """WCAG 1.4.10 Reflow: 320 CSS pixels wide is a desktop browser zoomed to 400 %."""
    set_viewport(browser, 320, 640)
    browser.get(site + page)
    wait_for_maps(browser)

    overflow = browser.execute_script(
        """const width = document.documentElement.clientWidth;
        return Array.from(document.querySelectorAll('body *'))
          .filter(el => !el.closest('.table-container, .leaflet-container'))
          .filter(el => el.getBoundingClientRect().right > width + 1)
          .map(el => el.outerHTML.slice(0, 100));"""
    )
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")

    assert scroll_width <= 320 and not overflow, "wider than 320 px:\n" + "\n".join(overflow)


def test_axe_reports_a_violation_it_is_shown(site, browser):
    """The check can fail: a page with an image without alt text is caught."""
    set_viewport(browser, *VIEWPORTS["desktop"])
    browser.get(site + "/")
    browser.execute_script(
        "const img = document.createElement('img'); img.src = '/static/favicon.svg';"
        "document.querySelector('main').appendChild(img);"
    )
    browser.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
          .then(result => done(result.violations));""",
        AXE_TAGS,
    )

    assert "image-alt" in {violation["id"] for violation in violations}
    assert "image-alt (critical)" in describe(violations)


def test_console_check_sees_a_content_security_policy_violation(site, browser):
    """The CSP check can fail: an inline style attribute is refused and reported."""
    browser.get(site + "/")
    browser.execute_script(
        "document.querySelector('main').innerHTML += '<p style=\"color: red\">rood</p>';"
    )

    assert any("style-src" in message for message in csp_errors(browser))


# ---------------------------------------------------------------- keyboard
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(site, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    set_viewport(browser, *VIEWPORTS["telefoon"])
    browser.get(site + "/")

    ActionChains(browser).send_keys(Keys.TAB).perform()
    skip_link = browser.switch_to.active_element
    assert "skip-link" in skip_link.get_attribute("class")
    assert skip_link.is_displayed()
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", skip_link)
    assert top >= 0  # on screen while it has focus

    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "inhoud"

    ActionChains(browser).send_keys(Keys.TAB).perform()
    after_header = browser.execute_script(
        """const header = document.querySelector('header');
        return !header.contains(document.activeElement) &&
          Boolean(header.compareDocumentPosition(document.activeElement)
                  & Node.DOCUMENT_POSITION_FOLLOWING);"""
    )
    assert after_header, "the Tab after the skip link should go on from <main>, past the header"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/accounts/login/",
        "/test-kaart/plekken/",
        "/test-stijlen/",
        "/activiteiten/koffieochtend-de-linde/",
    ],
)
def test_every_element_tab_reaches_shows_focus(site, browser, public_records, page, viewport):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    set_viewport(browser, *VIEWPORTS[viewport])
    browser.get(site + page)
    wait_for_maps(browser)
    seen, unfocused = [], []
    for _ in range(80):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        state = browser.execute_script(
            """const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            return {html: el.outerHTML.slice(0, 120),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                    shadow: style.boxShadow !== 'none',
                    visible: rect.width > 0 && rect.height > 0};"""
        )
        if state is None or state["html"] in seen:
            break  # back at the start: every stop has been visited
        seen.append(state["html"])
        if not ((state["outline"] or state["shadow"]) and state["visible"]):
            unfocused.append(state["html"])

    assert len(seen) >= 6, seen  # skip link, site name, login, language, two footer links
    assert not unfocused, "no visible focus on:\n" + "\n".join(unfocused)


def test_language_switch_in_the_header_goes_to_english_and_back(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    set_viewport(browser, *VIEWPORTS["telefoon"])
    browser.get(site + "/privacy/")

    browser.find_element(By.CSS_SELECTOR, ".language-switch a").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(site + "/en/privacy/"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    browser.find_element(By.CSS_SELECTOR, ".language-switch a").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(site + "/privacy/"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"


# ---------------------------------------------------------------- the map
def test_map_shows_clustered_places_with_sterlocaties_marked_without_tiles(site, browser):
    from selenium.webdriver.common.by import By

    set_viewport(browser, *VIEWPORTS["desktop"])
    browser.get(site + "/test-kaart/plekken/")
    wait_for_maps(browser)

    kaart = browser.find_element(By.CSS_SELECTOR, "[data-kaart]")
    assert kaart.is_displayed()
    assert "leaflet-container" in kaart.get_attribute("class")
    # The two places in Apeldoorn, 60 m apart, share a cluster; Zeist and Purmerend do not.
    clusters = browser.find_elements(By.CSS_SELECTOR, ".kaart-cluster .visually-hidden")
    assert [c.get_attribute("textContent") for c in clusters] == ["2 ontmoetingsplekken, inzoomen"]
    markers = browser.find_elements(By.CSS_SELECTOR, ".kaart-marker-icon")
    assert len(markers) == 2
    ster = browser.find_elements(By.CSS_SELECTOR, ".kaart-marker-icon .kaart-marker--ster")
    assert len(ster) == 1
    assert browser.find_element(By.CSS_SELECTOR, "[data-kaart-legenda]").is_displayed()
    assert not csp_errors(browser)


def test_map_marker_opens_a_popup_with_a_link_and_the_sterlocatie_text(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    set_viewport(browser, *VIEWPORTS["desktop"])
    browser.get(site + "/test-kaart/plekken/")
    wait_for_maps(browser)

    marker = browser.find_element(
        By.XPATH, "//*[contains(@class, 'kaart-marker-icon')][.//*[contains(@class, 'ster')]]"
    )
    assert marker.get_attribute("role") == "button"
    assert marker.get_attribute("tabindex") == "0"
    assert marker.get_attribute("textContent") == "★Wijkservicepunt Noord, Sterlocatie"
    marker.click()
    popup = WebDriverWait(browser, 5).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup"))
    )

    link = popup.find_element(By.CSS_SELECTOR, "a[href='/plek/noord/']")
    assert link.text == "Wijkservicepunt Noord"
    assert "Sterlocatie" in popup.text
    assert "Noordweg 3, Zeist" in popup.text


def test_map_of_one_place_shows_its_marker(site, browser):
    from selenium.webdriver.common.by import By

    set_viewport(browser, *VIEWPORTS["telefoon"])
    browser.get(site + "/test-kaart/plek/")
    wait_for_maps(browser)

    markers = browser.find_elements(By.CSS_SELECTOR, ".kaart-marker-icon")
    assert len(markers) == 1
    assert "Wijkservicepunt Noord" in markers[0].get_attribute("textContent")


def test_map_stays_hidden_when_its_data_cannot_be_loaded(site, browser, settings):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    set_viewport(browser, *VIEWPORTS["desktop"])
    browser.get(site + "/test-kaart/plekken/")
    wait_for_maps(browser)
    browser.execute_script(
        """const kaart = document.createElement('div');
        kaart.setAttribute('data-kaart', ''); kaart.hidden = true; kaart.id = 'kapot';
        kaart.setAttribute('data-geojson', '/bestaat-niet.geojson');
        kaart.setAttribute('data-tile-url', arguments[0]);
        document.querySelector('main').appendChild(kaart);
        window.ontmoetingKaart.init();""",
        UNREACHABLE_TILES,
    )

    WebDriverWait(browser, 5).until(
        lambda driver: driver.execute_script(
            "return document.getElementById('kapot').hasAttribute('data-kaart-status')"
        )
    )
    kapot = browser.find_element(By.ID, "kapot")
    assert kapot.get_attribute("data-kaart-status") == "fout"
    assert not kapot.is_displayed()


# ---------------------------------------------------------------- my location
GEO_FORM = """const form = document.createElement('form');
form.action = '/'; form.method = 'get';
form.innerHTML = '<input name="q" value="7311"><input type="hidden" name="lat">'
  + '<input type="hidden" name="lon">'
  + '<button type="button" data-mijn-locatie hidden>Mijn locatie</button>';
document.querySelector('main').appendChild(form);"""


def load_mijn_locatie(browser):
    browser.execute_script(GEO_FORM)
    script = (Path(__file__).parent.parent / "static" / "js" / "mijn-locatie.js").read_text()
    browser.execute_script(script)


def test_my_location_button_fills_rounded_coordinates_and_submits(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(site + "/")
    browser.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": site, "permissions": ["geolocation"]}
    )
    browser.execute_cdp_cmd(
        "Emulation.setGeolocationOverride",
        {"latitude": 52.2112345, "longitude": 5.9698765, "accuracy": 10},
    )
    load_mijn_locatie(browser)
    button = browser.find_element(By.CSS_SELECTOR, "button[data-mijn-locatie]")
    assert button.is_displayed()

    button.click()

    WebDriverWait(browser, 10).until(lambda driver: "lat=" in driver.current_url)
    assert browser.current_url.endswith("/?q=&lat=52.2112&lon=5.9699")
    browser.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})


def test_my_location_refused_says_so_in_a_live_region(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(site + "/")
    browser.execute_cdp_cmd("Browser.resetPermissions", {})
    browser.execute_cdp_cmd(
        "Browser.setPermission",
        {"origin": site, "permission": {"name": "geolocation"}, "setting": "denied"},
    )
    load_mijn_locatie(browser)
    button = browser.find_element(By.CSS_SELECTOR, "button[data-mijn-locatie]")

    button.click()

    melding = browser.find_element(By.CSS_SELECTOR, "[data-mijn-locatie-melding]")
    WebDriverWait(browser, 10).until(lambda driver: "toestemming" in melding.text)
    assert melding.get_attribute("aria-live") == "polite"
    assert "Vul een postcode of adres in" in melding.text
    assert browser.current_url == site + "/"
    browser.execute_cdp_cmd("Browser.resetPermissions", {})


# ---------------------------------------------------------------- without a browser
def test_a_missing_browser_skips_the_browser_tests(monkeypatch):
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)

    with pytest.raises(pytest.skip.Exception, match="/nowhere/chromium missing"):
        require_browser(["/nowhere/chromium", CHROMEDRIVER])


def test_a_missing_browser_fails_the_browser_tests_when_required(monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")

    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1"):
        require_browser(["/nowhere/chromium", "/nowhere/chromedriver"])


def tab_to(browser, matches, limit=80):
    """Press Tab until `matches(active element)`; the element, or a failure after `limit`."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        element = browser.switch_to.active_element
        if matches(element):
            return element
    pytest.fail(f"{limit} Tabs did not reach the element")


def test_keyboard_only_search_by_word_to_an_activity_and_into_a_calendar(
    site, browser, public_records
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    set_viewport(browser, *VIEWPORTS["telefoon"])
    browser.get(site + "/")
    # Enter starts a page load; wait for it, or a busy machine reads the old address.
    arrived = WebDriverWait(browser, 15).until

    tab_to(browser, lambda e: e.get_attribute("id") == "id_q")
    ActionChains(browser).send_keys("koffie").send_keys(Keys.ENTER).perform()
    arrived(expected_conditions.url_contains("q=koffie"))

    tab_to(browser, lambda e: e.text == "Koffieochtend De Linde")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    arrived(expected_conditions.url_contains("/activiteiten/koffieochtend-de-linde/"))

    tab_to(browser, lambda e: e.tag_name == "summary" and "Zet in je agenda" in e.text)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    # The opened list offers Google, Outlook and an .ics file, each a Tab further.
    ics = tab_to(browser, lambda e: (e.get_attribute("href") or "").endswith(".ics"), limit=4)
    assert "Apple, Outlook en andere" in ics.text
