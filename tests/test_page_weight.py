"""Page weight of the public pages a resident lands on: the HTML plus every stylesheet and
script it references, uncompressed (issue 18: under 150 KB, map tiles not counted), and the
vendored Utrecht CSS holding every component the templates use."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories import ActiviteitFactory, LocatieFactory, OpeningstijdFactory

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 150 * 1024
PROJECT = Path(settings.BASE_DIR)
UTRECHT_CSS = PROJECT / "static" / "vendor" / "utrecht-css-9.0.4"


def referenced_files(html: str) -> list[Path]:
    """The static stylesheets and scripts a page links to (no images or icons)."""
    files = []
    for ref in re.findall(r'<(?:link|script)\b[^>]*?(?:href|src)="([^"]+)"', html):
        if not ref.startswith(settings.STATIC_URL) or ref.endswith((".svg", ".png", ".ico")):
            continue
        found = finders.find(ref[len(settings.STATIC_URL) :].split("?")[0])
        assert found, f"{ref} is referenced but not in the static folders"
        files.append(Path(found))
    return files


def page_weight(client, url: str) -> tuple[int, list[Path]]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    files = referenced_files(html)
    return len(response.content) + sum(f.stat().st_size for f in files), files


@pytest.fixture
def plekken():
    """A list page full of places (two pages), one with hours and an activity."""
    locaties = LocatieFactory.create_batch(25, gepubliceerd=True, sterlocatie=True)
    OpeningstijdFactory(locatie=locaties[0])
    ActiviteitFactory(locatie=locaties[0])
    return locaties


@pytest.mark.parametrize("url", ["/", "/locaties/", "/locaties/?q=ontmoetingsplek", "place"])
def test_a_public_page_with_its_css_and_js_weighs_under_150_kb(client, plekken, url):
    if url == "place":
        url = f"/locaties/{plekken[0].slug}/"

    weight, files = page_weight(client, url)

    names = ", ".join(f"{f.name} {f.stat().st_size // 1024} KB" for f in files)
    assert weight < MAX_PAGE_BYTES, f"{url}: {weight // 1024} KB ({names})"


@pytest.mark.parametrize("url", ["/locaties/", "place"])
def test_the_map_of_the_list_and_a_place_loads_leaflet_only_when_opened(client, plekken, url):
    if url == "place":
        url = f"/locaties/{plekken[0].slug}/"

    html = client.get(url).content.decode()
    files = [f.name for f in referenced_files(html)]

    assert "data-kaart-uitklap" in html
    assert "leaflet.js" not in files
    assert "leaflet.css" not in files
    assert 'data-laden-js="/static/vendor/leaflet-1.9.4/leaflet.js' in html


def test_the_weight_counts_every_file_a_page_references(client, plekken):
    """The sum is not blind: the list page does reference the site's stylesheets."""
    weight, files = page_weight(client, "/locaties/")

    assert {"utrecht.css", "theme.css", "site.css", "kaart.js"} <= {f.name for f in files}
    assert weight > sum(f.stat().st_size for f in files)


def utrecht_classes_in_use() -> set[str]:
    """`utrecht-…` class names in the templates and the Python code (not custom properties)."""
    used = set()
    folders = [PROJECT / "templates", *PROJECT.glob("*/templates")]
    sources = [p for folder in folders for p in folder.rglob("*.html")]
    sources += [
        p
        for p in PROJECT.glob("*/*.py")
        if p.parts[-2] not in ("tests", "benchmarks", "scripts", ".venv")
    ]
    for source in sources:
        for name in re.findall(r"(?<![-\w])utrecht-[a-z0-9_-]+", source.read_text()):
            if not name.startswith("utrecht-css-") and not name.endswith("-"):
                used.add(name)
    return used


def test_every_utrecht_class_the_templates_use_comes_from_the_vendored_css():
    defined = set()
    for css in UTRECHT_CSS.glob("*.css"):
        defined |= set(re.findall(r"\.(utrecht-[a-z0-9_-]+)", css.read_text()))
    used = utrecht_classes_in_use()

    assert "utrecht-page-header" in used
    assert used <= defined, f"not in {UTRECHT_CSS.name}/: {sorted(used - defined)}"
