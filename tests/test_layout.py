"""The site's frame (header, language switch, footer) and the footer's statement pages, seen
through Django's test client. The browser checks are in test_accessibility.py."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected_next", "expected_language"),
    [
        ("/privacy/", "/en/privacy/", "en"),
        ("/en/privacy/", "/privacy/", "nl"),
        ("/en/toegankelijkheid/", "/toegankelijkheid/", "nl"),
        ("/", "/en/", "en"),
        ("/en/", "/", "nl"),
    ],
)
def test_language_switch_points_at_this_page_in_the_other_language(
    client, path, expected_next, expected_language
):
    response = client.get(path)

    assert response.context["language_switch"] == {
        "code": expected_language,
        "next": expected_next,
    }
    assert f'href="{expected_next}" lang="{expected_language}"' in response.text


def test_language_switch_from_english_lands_on_the_dutch_page(client):
    page = client.get("/en/privacy/")

    response = client.get(page.context["language_switch"]["next"])

    assert response.wsgi_request.path == "/privacy/"
    assert '<html lang="nl">' in response.text


def test_language_switch_keeps_the_query_string(client):
    response = client.get("/?q=7311")

    assert response.context["language_switch"]["next"] == "/en/?q=7311"


@pytest.mark.parametrize("path", ["/", "/en/", "/accounts/login/", "/deze-bestaat-niet/"])
def test_every_page_has_the_skip_link_landmarks_and_footer_links(client, path):
    response = client.get(path)

    html = response.text
    assert '<a class="skip-link' in html and 'href="#inhoud"' in html
    assert '<main id="inhoud"' in html
    assert "<header" in html and "<footer" in html
    assert 'href="/toegankelijkheid/"' in html or 'href="/en/toegankelijkheid/"' in html
    assert 'href="/privacy/"' in html or 'href="/en/privacy/"' in html


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("publiek:toegankelijkheid", "/toegankelijkheid/", "Toegankelijkheidsverklaring"),
        ("publiek:privacy", "/privacy/", "Privacyverklaring"),
    ],
)
def test_statement_pages_answer_at_their_dutch_paths(client, name, path, heading):
    from django.urls import reverse

    assert reverse(name) == path

    response = client.get(path)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.text


def test_accessibility_statement_names_status_tests_limitations_and_date(client):
    html = client.get("/toegankelijkheid/").text

    for part in ["Status", "axe-core", "Chromium", "320 pixels", "toetsenbord", "kaart", "2026"]:
        assert part in html, part


def test_statements_give_the_contact_address_when_one_is_set(client, settings):
    settings.CONTACT_EMAIL = "digitaal@apeldoorn.example"

    for path in ["/toegankelijkheid/", "/privacy/"]:
        html = client.get(path).text
        assert 'href="mailto:digitaal@apeldoorn.example"' in html, path


def test_statements_without_a_contact_address_send_people_to_the_gemeente(client, settings):
    settings.CONTACT_EMAIL = ""

    html = client.get("/toegankelijkheid/").text

    assert "mailto:" not in html
    assert "Laat het de gemeente weten" in html


def test_privacy_statement_names_the_map_tile_server(client, settings):
    settings.MAP_TILE_URL = "https://tegels.example.nl/{z}/{x}/{y}.png"

    html = client.get("/privacy/").text

    assert "tegels.example.nl" in html
    assert "IP-adres" in html


def test_map_include_loads_leaflet_only_where_it_is_used(client):
    html = client.get("/").text

    assert "leaflet" not in html
    assert "js/mijn-locatie.js" in html


def test_map_include_renders_its_data_attributes():
    from django.template import engines
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    template = engines["django"].from_string(
        '{% include "includes/kaart.html" with lat=52.2 lon=5.9 label="De Linde" %}'
    )

    html = template.render({"MAP_TILE_URL": "https://t.example/{z}/{x}/{y}.png"}, request)

    assert 'data-lat="52.200000" data-lon="5.900000" data-naam="De Linde"' in html
    assert 'aria-label="De Linde"' in html
    assert "vendor/leaflet-1.9.4/leaflet.js" in html
    assert "data-geojson" not in html
    assert " hidden" in html  # shown by kaart.js only


@pytest.mark.parametrize("rows", [10, 1000])
@pytest.mark.parametrize("path", ["/toegankelijkheid/", "/privacy/"])
def test_statement_pages_run_no_queries_whatever_the_number_of_places(
    client, django_assert_max_num_queries, rows, path
):
    from locaties.models import Locatie
    from tests.factories import GemeenteFactory, LocatieFactory

    gemeente = GemeenteFactory()
    Locatie.objects.bulk_create(LocatieFactory.build_batch(rows, gemeente=gemeente))

    with django_assert_max_num_queries(0):
        response = client.get(path)

    assert response.status_code == 200
