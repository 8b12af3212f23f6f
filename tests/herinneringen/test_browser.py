"""The "klopt nog" link in a real browser, by keyboard only and not signed in: Tab to the
button, Enter, and the place is confirmed. Skips without Chromium unless REQUIRE_BROWSER=1
(see tests/test_accessibility.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from herinneringen import kloptnog
from locaties.constants import SamenwerkingRol
from locaties.models import Locatie
from tests.factories import (
    GemeenteFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)
from tests.test_accessibility import browser  # noqa: F401 (a fixture)


@pytest.fixture
def link(live_server, transactional_db):
    gemeente = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
    corporatie = PartnerFactory(corporatie=True, naam="De Woonmensen", werkgebied=[gemeente])
    medewerker = LidmaatschapFactory(partner=corporatie).user
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Eik", gepubliceerd=True)
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    token = kloptnog.make_token(user=medewerker, locatie=locatie)
    return locatie, medewerker, f"{live_server.url}/beheer/klopt-nog/{token}/"


def test_a_visitor_confirms_with_the_keyboard_only(browser, link):  # noqa: F811
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    locatie, medewerker, url = link
    browser.delete_all_cookies()
    browser.get(url)
    WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Kloppen de gegevens nog?"
    )
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element.text == "Ja, de gegevens kloppen nog":
            break
    else:
        pytest.fail("The button is not reached with Tab")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Bevestigd"
    )

    locatie = Locatie.objects.get(pk=locatie.pk)
    assert locatie.laatst_bevestigd_door == medewerker
    assert timezone.now() - locatie.laatst_bevestigd_op < dt.timedelta(minutes=5)
