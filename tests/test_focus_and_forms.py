"""Focus and forms in a real browser (issue 15, part 4): the opening-hours form reachable to
"Opslaan" by keyboard in a few Tab presses, a visible focus on a date field's picker button,
and the focus on the error summary after a failed save. Skips without Chromium unless
REQUIRE_BROWSER=1 (see tests/test_accessibility.py)."""

import pytest

from tests.test_accessibility import browser  # noqa: F401 (a fixture)
from tests.test_accessibility_portal import officer, signed_in_site  # noqa: F401 (fixtures)

TIJDEN = "/beheer/locaties/huiskamer-het-anker/tijden/"


def press(driver, key):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def focused(driver):
    return driver.switch_to.active_element


def submit(driver, button) -> None:
    """Click `button` and wait for the next page and for static/js/focus.js to have moved the
    focus (a busy machine would otherwise read the old page)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    button.click()
    wait = WebDriverWait(driver, 15)
    wait.until(expected_conditions.staleness_of(button))
    wait.until(
        lambda d: (
            d.execute_script("return document.readyState") == "complete"
            and d.switch_to.active_element.tag_name != "body"
        )
    )


def test_opslaan_on_the_hours_form_is_reached_in_under_15_tab_presses(signed_in_site, browser):  # noqa: F811
    from selenium.webdriver.common.keys import Keys

    browser.get(signed_in_site + TIJDEN)
    tabs = 0
    while tabs < 200:
        press(browser, Keys.TAB)
        tabs += 1
        element = focused(browser)
        if element.get_attribute("id") == "tijden-opslaan":
            break
        # A keyboard user follows the skip links: to the content, then to the button.
        if element.get_attribute("class") and (
            "skip-link" in element.get_attribute("class")
            or "skip-to-submit" in element.get_attribute("class")
        ):
            press(browser, Keys.ENTER)
            if focused(browser).get_attribute("id") == "tijden-opslaan":
                break

    assert focused(browser).get_attribute("id") == "tijden-opslaan"
    assert focused(browser).text == "Opslaan"
    assert tabs < 15, f"{tabs} Tab presses to reach Opslaan"


def test_the_hours_form_offers_one_empty_row_per_kind_of_time(signed_in_site, browser):  # noqa: F811
    browser.get(signed_in_site + TIJDEN)

    extra_rows = browser.execute_script(
        "const n = (name) => Number(document.querySelector(`[name=${name}]`).value);"
        "return ['open', 'sluiting'].map(p => n(`${p}-TOTAL_FORMS`) - n(`${p}-INITIAL_FORMS`));"
    )

    assert extra_rows == [1, 1]


def test_a_date_field_reached_by_keyboard_shows_a_visible_outline(
    signed_in_site,  # noqa: F811
    browser,  # noqa: F811
):
    from selenium.webdriver.common.keys import Keys

    browser.get(signed_in_site + TIJDEN)
    date_field = browser.find_element("css selector", "input[type=date]")
    # Reach the field by keyboard, so :focus-visible applies as it does for a real user.
    browser.execute_script(
        "const all = [...document.querySelectorAll("
        "  'input:not([type=hidden]), select, button, a[href]')];"
        "all[all.indexOf(arguments[0]) - 1].focus();",
        date_field,
    )
    press(browser, Keys.TAB)
    assert focused(browser) == date_field

    # getComputedStyle cannot read ::-webkit-calendar-picker-indicator (it answers with the
    # field's own style), so this checks the field the button belongs to: while it has focus
    # it shows a solid outline of at least 2 px (site.css also fills the button then).
    style = browser.execute_script(
        "const s = getComputedStyle(arguments[0]);"
        "return {outline: s.outlineStyle, width: s.outlineWidth,"
        " matches: arguments[0].matches(':focus-visible')};",
        date_field,
    )

    assert style["matches"]
    assert style["outline"] == "solid"
    assert float(style["width"].removesuffix("px")) >= 2


def test_after_a_failed_save_the_focus_is_on_the_error_summary_linking_to_the_field(
    signed_in_site,  # noqa: F811
    browser,  # noqa: F811
):
    browser.get(signed_in_site + TIJDEN)
    van = browser.find_element("css selector", "input[name=open-1-van]")
    tot = browser.find_element("css selector", "input[name=open-1-tot]")
    browser.execute_script(
        "document.querySelector('[name=open-1-weekdag]').selectedIndex = 1;"
        "arguments[0].value = '14:00'; arguments[1].value = '10:00';",
        van,
        tot,
    )
    submit(browser, browser.find_element("id", "tijden-opslaan"))

    summary = focused(browser)
    assert "error-summary" in summary.get_attribute("class")
    assert summary.get_attribute("id") == "fouten"
    links = summary.find_elements("css selector", "a[href^='#id_open-1-']")
    assert links, summary.text
    assert links[0].text.startswith("Regel 2,")


@pytest.fixture
def succeeded(signed_in_site, browser):  # noqa: F811
    browser.get(signed_in_site + TIJDEN)
    submit(browser, browser.find_element("id", "tijden-opslaan"))
    return browser


def test_after_a_save_the_focus_is_on_the_message(succeeded):
    element = focused(succeeded)

    assert "messages" in element.get_attribute("class")
    assert "opgeslagen" in element.text
