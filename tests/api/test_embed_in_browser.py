"""The embeddable agenda framed by a page on another origin, in headless Chromium: the widget
loads in the frame; an ordinary page of the site is refused there (X-Frame-Options DENY and
frame-ancestors 'none'). Skips without a browser, fails with REQUIRE_BROWSER=1, as
tests/test_accessibility.py; its axe-core check covers the widget page (in PAGES)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests import test_accessibility as accessibility

# The live site and its records come from the accessibility tests.
site = accessibility.site
public_records = accessibility.public_records


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A browser of this module's own, closed after it (the accessibility tests keep theirs
    for the whole session)."""
    yield from accessibility.chromium(tmp_path_factory)


@pytest.fixture
def other_origin(site):
    """A tiny web server on another loopback port (so another origin) serving one page that
    frames the widget and the home page of `site`."""
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Website van een welzijnsorganisatie</title>
</head><body><h1>Welzijn Apeldoorn</h1>
<iframe id="widget" title="Agenda" width="360" height="480"
        src="{site}/embed/agenda/?locatie=buurthuiskamer-de-linde"></iframe>
<iframe id="gewoon" title="Home" width="360" height="200" src="{site}/"></iframe>
</body></html>""".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _wait_for_frames(browser):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda driver: driver.execute_script(
            "return document.readyState === 'complete'"
            " && document.querySelectorAll('iframe').length === 2"
        )
    )


def test_another_website_can_frame_the_agenda_but_not_an_ordinary_page(
    site, browser, public_records, other_origin, tmp_path
):
    from selenium.webdriver.common.by import By

    assert not other_origin.startswith(site)  # another origin: another port
    accessibility.set_viewport(browser, *accessibility.VIEWPORTS["desktop"])
    browser.get(other_origin)
    _wait_for_frames(browser)

    browser.switch_to.frame(browser.find_element(By.ID, "widget"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Agenda van Buurthuiskamer De Linde"
    titles = [link.text for link in browser.find_elements(By.CSS_SELECTOR, "main li a")]
    assert "Koffieochtend De Linde" in titles
    browser.switch_to.default_content()

    browser.switch_to.frame(browser.find_element(By.ID, "gewoon"))
    refused_url = browser.execute_script("return document.URL")
    refused_text = browser.execute_script("return document.body ? document.body.innerText : ''")
    browser.switch_to.default_content()
    assert not refused_url.startswith(site), refused_url  # Chromium's error page instead
    assert "Ontmoetingsplek" not in refused_text
    assert not browser.execute_script(
        "return document.querySelector('#gewoon').contentDocument"
        " && document.querySelector('#gewoon').contentDocument.querySelector('main')"
    )

    screenshot = tmp_path / "agenda-ingebed.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 5_000
