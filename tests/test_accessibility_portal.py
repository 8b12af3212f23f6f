"""axe-core in headless Chromium over the staff portal's pages, signed in as a gemeente officer
(who sees every section: the review queue, places, activities, reports, organisations), at
phone and desktop sizes: zero WCAG 2.1 A/AA violations. The browser and the helpers are those
of tests/test_accessibility.py; without Chromium these tests skip (or fail on CI)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kern.models import Taak
from locaties.constants import LocatieStatus, SamenwerkingRol
from partners.constants import LidmaatschapRol
from tests.factories import (
    ActiviteitFactory,
    BuurtFactory,
    FinancieringFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    LocatieFactory,
    MeldingFactory,
    OpeningstijdFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    UitnodigingFactory,
    UitzonderingFactory,
    VerhuurFactory,
    WijkFactory,
)
from tests.test_accessibility import (  # noqa: F401 (browser is a fixture)
    AXE_SOURCE,
    AXE_TAGS,
    UNREACHABLE_TILES,
    VIEWPORTS,
    axe_violations,
    browser,
    csp_errors,
    describe,
    set_viewport,
)
from uitwisseling.models import Importbestand

CONTROLE_TOKEN = "0b5e2a4c-1d3f-4e5a-9b7c-8d6e5f4a3b2c"
RESULTAAT_TOKEN = "1c6f3b5d-2e4a-4f6b-8c8d-9e7f6a5b4c3d"
VERSLAG = {
    "bestandsnaam": "apeldoorn.xlsx",
    "proef": True,
    "fouten": [
        {"blad": "Locaties", "rij": 14, "kolom": "Postcode",
         "tekst": "‘1234A’ is geen geldige postcode (4 cijfers en 2 letters, zoals 7311 AB)."},
        {"blad": "Openingstijden", "rij": 3, "kolom": "Van",
         "tekst": "Dit tijdvak overlapt met rij 2 (maandag 09:00–12:00)."},
    ],
    "waarschuwingen": [
        {"blad": "Locaties", "rij": 5, "kolom": "Breedtegraad",
         "tekst": "De adreszoekdienst PDOK is nu niet bereikbaar."},
    ],
    "rijen": [
        {"blad": "Locaties", "rij": 2, "actie": "nieuw", "naam": "De Linde", "velden": []},
        {"blad": "Locaties", "rij": 3, "actie": "gewijzigd", "naam": "Het Anker",
         "velden": ["Naam", "Telefoon"]},
        {"blad": "Locaties", "rij": 4, "actie": "ongewijzigd", "naam": "De Kern", "velden": []},
    ],
}  # fmt: skip

PORTAL_PAGES = [
    ("start", "/beheer/"),
    ("locaties", "/beheer/locaties/?status=ter_beoordeling"),
    ("beoordelen", "/beheer/locaties/beoordelen/"),
    ("locatie", "/beheer/locaties/huiskamer-het-anker/"),
    ("locatie-bewerken", "/beheer/locaties/huiskamer-het-anker/bewerken/"),
    ("locatie-tijden", "/beheer/locaties/huiskamer-het-anker/tijden/"),
    ("locatie-nieuw", "/beheer/locaties/nieuw/"),
    ("ruimte-nieuw", "/beheer/locaties/huiskamer-het-anker/ruimten/nieuw/"),
    ("samenwerking-nieuw", "/beheer/locaties/huiskamer-het-anker/samenwerkingen/nieuw/"),
    ("financiering-nieuw", "/beheer/locaties/huiskamer-het-anker/financiering/nieuw/"),
    ("activiteiten", "/beheer/activiteiten/"),
    ("activiteit-bewerken", "/beheer/activiteiten/koffie-in-het-anker/bewerken/"),
    ("activiteit-nieuw", "/beheer/activiteiten/nieuw/"),
    # The activity form itself, with the recurrence choices.
    ("activiteit-nieuw-formulier", "/beheer/activiteiten/nieuw/?locatie=huiskamer-het-anker"),
    ("meldingen", "/beheer/meldingen/"),
    ("organisaties", "/beheer/organisaties/"),
    ("organisatie", "/beheer/organisaties/stimenz/"),
    ("uitnodigen", "/beheer/organisaties/stimenz/uitnodigen/"),
    ("account", "/beheer/account/"),
    ("herinneringen-voorkeuren", "/beheer/account/herinneringen/"),
    ("dekking", "/beheer/dekking/"),  # with a drawn map: tests/dekking/test_dekking_views.py
    ("wijken", "/beheer/wijken/"),
    ("wijken-importeren", "/beheer/wijken/importeren/"),
    ("risico", "/beheer/dekking/risico/"),
    ("begroting", "/beheer/dekking/financiering/?horizon=24"),
    ("week", "/beheer/dekking/week/"),
    ("week-wijk", "/beheer/dekking/week/?wijk=WK020001"),
    ("wat-als", "/beheer/dekking/wat-als/"),
    # A room with a letting and an activity's dates in that week.
    ("ruimten", "/beheer/ruimten/?week=2027-W02"),
    ("ruimten-fout", "/beheer/ruimten/?week=2027-W99&locatie=onbekend"),
    ("wat-als-uitkomst", "/beheer/dekking/wat-als/?erbij=huiskamer-het-anker&punten=52.2%2C+5.97"),
    ("wat-als-fout", "/beheer/dekking/wat-als/?punten=5.97%2C+52.2"),
    ("vrijwilligers", "/beheer/vrijwilligers/"),
    ("vrijwilligers-cijfers", "/beheer/vrijwilligers/cijfers/"),
    ("vrijwilligers-vacature-nieuw", "/beheer/vrijwilligers/vacatures/nieuw/"),
    # An answer, a request and a vacature with their forms: tests/vrijwilligers/test_browser.py.
    ("uitwisseling-importeren", "/beheer/uitwisseling/importeren/"),
    ("uitwisseling-controle", f"/beheer/uitwisseling/importeren/{CONTROLE_TOKEN}/"),
    ("uitwisseling-resultaat", f"/beheer/uitwisseling/importeren/{RESULTAAT_TOKEN}/resultaat/"),
]


@pytest.fixture
def officer(transactional_db):
    """A gemeente officer of Apeldoorn, and a place of theirs with everything the portal shows."""
    apeldoorn = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
    gemeente = PartnerFactory(gemeentepartner=True, gemeente=apeldoorn, werkgebied=[apeldoorn])
    stimenz = PartnerFactory(naam="Stimenz", slug="stimenz", werkgebied=[apeldoorn])
    LidmaatschapFactory(partner=stimenz, rol=LidmaatschapRol.BEHEERDER)
    UitnodigingFactory(partner=stimenz, email="nieuw@example.org")
    locatie = LocatieFactory(
        gemeente=apeldoorn,
        naam="Huiskamer Het Anker",
        slug="huiskamer-het-anker",
        status=LocatieStatus.TER_BEOORDELING,
    )
    SamenwerkingFactory(locatie=locatie, partner=stimenz, rol=SamenwerkingRol.BEHEERDER)
    OpeningstijdFactory(locatie=locatie)
    huiskamer = RuimteFactory(locatie=locatie, naam="Huiskamer")
    VerhuurFactory(ruimte=huiskamer, huurder=stimenz, ingangsdatum=dt.date(2027, 1, 14))
    FinancieringFactory(locatie=locatie)
    koffie = ActiviteitFactory(
        locatie=locatie,
        ruimte=huiskamer,
        organisator=stimenz,
        titel="Koffie",
        slug="koffie-in-het-anker",
    )
    # A moved date in the list of dates that go otherwise; Koningsdag (a Tuesday in 2027) is
    # offered as a holiday to cancel.
    UitzonderingFactory(
        activiteit=koffie, datum=dt.date(2027, 1, 12), nieuwe_datum=dt.date(2027, 1, 13)
    )
    MeldingFactory(locatie=locatie)
    # For the risks: a published place without financing.
    LocatieFactory(gemeente=apeldoorn, naam="Buurtkamer Zonder Geld", gepubliceerd=True)
    wijk = WijkFactory(gemeente=apeldoorn, naam="Binnenstad", inwoners=9120, cbs_code="WK020001")
    BuurtFactory(wijk=wijk, naam="Centrum", inwoners=None, aandeel_65_plus=Decimal("19.5"))
    ambtenaar = LidmaatschapFactory(partner=gemeente, user__email="ambtenaar@example.org").user
    for token, uitgevoerd, fouten in [
        (CONTROLE_TOKEN, None, VERSLAG["fouten"]),
        (RESULTAAT_TOKEN, timezone.now(), []),
    ]:
        Importbestand.objects.create(
            token=token,
            eigenaar=ambtenaar,
            bestandsnaam="apeldoorn.xlsx",
            inhoud=b"",
            status_nieuw=LocatieStatus.CONCEPT,
            verslag={**VERSLAG, "fouten": fouten},
            uitgevoerd_op=uitgevoerd,
        )
    return ambtenaar


@pytest.fixture
def signed_in_site(live_server, settings, browser, officer):  # noqa: F811
    settings.MAP_TILE_URL = UNREACHABLE_TILES  # as without internet, and allowed by the CSP
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


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "page"), PORTAL_PAGES, ids=[n for n, _ in PORTAL_PAGES])
def test_portal_page_has_no_wcag_violations(signed_in_site, browser, name, page, viewport):  # noqa: F811
    set_viewport(browser, *VIEWPORTS[viewport])

    violations = axe_violations(browser, signed_in_site + page)

    assert browser.current_url.endswith(page), f"{page} went to {browser.current_url}"
    assert "Inloggen" not in browser.title
    assert not violations, (
        f"{len(violations)} WCAG 2.1 A/AA violation(s) on {page} ({name}, {viewport}):\n"
        + describe(violations)
    )
    assert not csp_errors(browser)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_preview_of_an_activitys_dates_has_no_wcag_violations(
    signed_in_site,
    browser,  # noqa: F811
    viewport,
):
    """ "Bekijk de data" answers a POST, so it is reached by pressing the button."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    set_viewport(browser, *VIEWPORTS[viewport])
    browser.get(signed_in_site + "/beheer/activiteiten/koffie-in-het-anker/bewerken/")
    button = browser.find_element(By.CSS_SELECTOR, "button[name=voorbeeld]")
    browser.execute_script("arguments[0].click()", button)
    WebDriverWait(browser, 20).until(lambda browser: browser.find_elements(By.ID, "voorbeeld"))
    browser.execute_script(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                           resultTypes: ["violations"]})
          .then(result => done(result.violations));
        """,
        AXE_TAGS,
    )
    assert not violations, describe(violations)
    assert not csp_errors(browser)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_finished_jobs_progress_page_has_no_wcag_violations(
    signed_in_site,
    browser,  # noqa: F811
    officer,
    viewport,
):
    """A running job's page reloads itself every 2 s, which would reload under axe; the
    finished page has the same parts (progress bar, message, the report's lines)."""
    taak = Taak.objects.create(
        soort="wijkimport",
        gestart_door=officer,
        status=Taak.Status.KLAAR,
        voortgang=100,
        bericht="De import is klaar.",
        resultaat={"regels": ["Wijken: 1 nieuw."], "overgeslagen": [], "proef": False},
    )
    set_viewport(browser, *VIEWPORTS[viewport])
    page = f"/beheer/taken/{taak.pk}/"
    violations = axe_violations(browser, signed_in_site + page)
    assert browser.current_url.endswith(page)
    assert not violations, describe(violations)
    assert not csp_errors(browser)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_finished_import_jobs_page_with_its_link_on_has_no_wcag_violations(
    signed_in_site,
    browser,  # noqa: F811
    officer,
    viewport,
):
    bestand = Importbestand.objects.create(
        eigenaar=officer,
        bestandsnaam="groot.xlsx",
        inhoud=b"",
        status_nieuw=LocatieStatus.CONCEPT,
        op_achtergrond=True,
    )
    taak = Taak.objects.create(
        soort="uitwisseling-controle",
        gestart_door=officer,
        status=Taak.Status.KLAAR,
        voortgang=100,
        bericht="De controle is klaar. Er is nog niets opgeslagen.",
        resultaat={"token": str(bestand.token)},
    )
    set_viewport(browser, *VIEWPORTS[viewport])
    page = f"/beheer/taken/{taak.pk}/"
    violations = axe_violations(browser, signed_in_site + page)
    assert browser.current_url.endswith(page)
    assert not violations, describe(violations)
    assert not csp_errors(browser)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_reminders_pages_have_no_wcag_violations(
    signed_in_site,
    browser,  # noqa: F811
    officer,
    viewport,
):
    """The start page with agreements and money that end, and the "klopt nog" page before and
    after its button (herinneringen)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from herinneringen import kloptnog
    from locaties.models import Locatie, Samenwerking

    locatie = Locatie.objects.get(slug="huiskamer-het-anker")
    Samenwerking.objects.filter(locatie=locatie).update(
        schriftelijk_vastgelegd=True, einddatum=timezone.localdate() + dt.timedelta(days=30)
    )
    FinancieringFactory(
        locatie=locatie, ingangsdatum=None, einddatum=timezone.localdate() + dt.timedelta(days=9)
    )
    set_viewport(browser, *VIEWPORTS[viewport])
    page = "/beheer/klopt-nog/" + kloptnog.make_token(user=officer, locatie=locatie) + "/"
    violations = axe_violations(browser, signed_in_site + "/beheer/")
    assert "Overeenkomsten en financiering die aflopen" in browser.page_source
    assert not violations, describe(violations)
    for state in ("Kloppen de gegevens nog?", "Bevestigd"):
        violations = axe_violations(browser, signed_in_site + page)
        assert browser.find_element(By.TAG_NAME, "h1").text == state
        assert not violations, describe(violations)
        assert not csp_errors(browser)
        if state != "Bevestigd":
            browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
            # The heading of the page being left can go stale while it is read: ask again.
            WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
                lambda b: b.find_element(By.TAG_NAME, "h1").text == "Bevestigd"
            )
