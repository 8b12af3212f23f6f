"""The volunteer pages in headless Chromium: axe-core (WCAG 2.1 A/AA) on the pages that need a
record to exist, public and portal, and a resident who answers a vacature with the keyboard
only. Browser, fixtures and helpers are those of tests/test_accessibility.py and
tests/test_accessibility_portal.py; without Chromium these tests skip (or fail on CI)."""

import pytest
from django.urls import reverse

from locaties.constants import SamenwerkingRol
from locaties.models import Locatie
from tests.factories import (
    HulpvraagFactory,
    KoppelingFactory,
    ReactieFactory,
    SamenwerkingFactory,
    VacatureFactory,
)
from tests.test_accessibility import (  # noqa: F401 (fixtures)
    VIEWPORTS,
    axe_violations,
    browser,
    csp_errors,
    describe,
    public_records,
    set_viewport,
    site,
)
from tests.test_accessibility_portal import officer, signed_in_site  # noqa: F401 (fixtures)
from vrijwilligers import privacy
from vrijwilligers.constants import HulpvraagStatus
from vrijwilligers.models import Reactie


def assert_no_violations(browser, url):  # noqa: F811
    violations = axe_violations(browser, url)
    assert not violations, f"{url}:\n" + describe(violations)
    assert not csp_errors(browser)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_public_volunteer_pages_have_no_wcag_violations(
    site,  # noqa: F811
    browser,  # noqa: F811
    public_records,  # noqa: F811
    viewport,
):
    locatie = public_records["locatie"]
    vacature = VacatureFactory(locatie=locatie, titel="Gastvrouw Café Noord", vog_nodig=True)
    hulpvraag = HulpvraagFactory(locatie=locatie)
    reactie = ReactieFactory(vacature=vacature)
    set_viewport(browser, *VIEWPORTS[viewport])
    for path in (
        reverse("vrijwilligers:lijst") + "?gemeente=apeldoorn",
        reverse("vrijwilligers:vacature", args=[vacature.pk]),
        reverse("vrijwilligers:hulpvraag", args=[hulpvraag.pk]),
        reverse("vrijwilligers:bedankt") + f"?plek={locatie.slug}",
        reverse("vrijwilligers:wissen", args=[privacy.erasure_token(reactie)]),
    ):
        assert_no_violations(browser, site + path)


def test_a_resident_answers_a_vacature_with_the_keyboard_only(
    site,  # noqa: F811
    browser,  # noqa: F811
    public_records,  # noqa: F811
    settings,
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    settings.SPAM_MIN_FILL_SECONDS = 0  # a test types faster than a person
    vacature = VacatureFactory(locatie=public_records["locatie"], titel="Gastvrouw Café Noord")
    set_viewport(browser, *VIEWPORTS["telefoon"])
    browser.get(site + reverse("vrijwilligers:vacature", args=[vacature.pk]))

    def press(*keys):
        ActionChains(browser).send_keys(*keys).perform()
        return browser.switch_to.active_element

    for _ in range(40):  # Tab from the top of the page to the first field
        if press(Keys.TAB).get_attribute("name") == "naam":
            break
    else:
        pytest.fail("Tab never reached the name field")
    press("Anja de Vries")
    assert press(Keys.TAB).get_attribute("name") == "telefoon"
    assert press(Keys.TAB).get_attribute("name") == "email"
    press("anja@example.net")
    assert press(Keys.TAB).get_attribute("name") == "bericht"
    press("Ik kan op dinsdag.")
    button = press(Keys.TAB)  # past the honeypot, which is out of the tab order
    assert button.tag_name == "button" and button.get_attribute("type") == "submit"
    press(Keys.ENTER)

    # Enter starts a page load; wait for it, or a busy machine reads the old address.
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 15).until(expected_conditions.url_contains("/vrijwilligers/bedankt/"))
    reactie = Reactie.objects.get()
    assert (reactie.naam, reactie.email, reactie.bericht) == (
        "Anja de Vries",
        "anja@example.net",
        "Ik kan op dinsdag.",
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_portal_volunteer_pages_have_no_wcag_violations(
    signed_in_site,  # noqa: F811
    browser,  # noqa: F811
    officer,  # noqa: F811
    viewport,
):
    # The officer's gemeente works at the place itself (as Zeist does at Wijkservicepunt
    # Noord), so the officer handles its volunteers.
    locatie = Locatie.objects.get(slug="huiskamer-het-anker")
    SamenwerkingFactory(
        locatie=locatie,
        partner=officer.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.VASTE_GEBRUIKER,
    )
    vacature = VacatureFactory(locatie=locatie)
    reactie = ReactieFactory(vacature=vacature)
    KoppelingFactory(reactie__vacature=vacature, notitie="Gaat goed.")
    hulpvraag = HulpvraagFactory(locatie=locatie, status=HulpvraagStatus.TE_BEOORDELEN)
    set_viewport(browser, *VIEWPORTS[viewport])
    for path in (
        reverse("beheer:vrijwilligers"),
        reverse("beheer:vrijwilligers_cijfers"),
        reverse("beheer:vrijwilligers_reactie", args=[reactie.pk]),
        reverse("beheer:vrijwilligers_hulpvraag", args=[hulpvraag.pk]),
        reverse("beheer:vrijwilligers_vacature", args=[vacature.pk]),
    ):
        assert_no_violations(browser, signed_in_site + path)
        assert browser.current_url.endswith(path)
