"""Public pages for anonymous visitors: no cookie, cacheable by a shared cache, compressed;
pages with a form and everything for signed-in people: private, uncompressed."""

import gzip
import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kern import spam
from tests.factories import ActiviteitFactory, LocatieFactory, VacatureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def locatie(gemeente):
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True, slug="de-linde")
    ActiviteitFactory(locatie=locatie)
    return locatie


def public_pages(locatie):
    return ["/", "/locaties/", f"/locaties/{locatie.slug}/", "/activiteiten/", "/en/locaties/"]


def test_anonymous_public_pages_set_no_cookie_and_may_be_kept_by_a_shared_cache(client, locatie):
    for url in public_pages(locatie):
        response = client.get(url)

        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.text, url
        assert response["Cache-Control"] == "public, max-age=60", url


def test_the_max_age_comes_from_the_settings(client, locatie, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 300

    assert client.get("/locaties/")["Cache-Control"] == "public, max-age=300"


def test_signed_in_people_get_private_pages(client, locatie, welzijn_medewerker):
    client.force_login(welzijn_medewerker)

    for url in public_pages(locatie):
        response = client.get(url)

        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_a_view_that_sets_its_own_cache_control_keeps_it(client, locatie):
    response = client.get(reverse("publiek:kaart"))

    assert response["Cache-Control"] == "public, max-age=300"


def csrf_token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def test_the_report_form_keeps_its_csrf_token_and_is_not_shared(locatie):
    client = Client(enforce_csrf_checks=True)
    url = "/meldingen/nieuw/"

    page = client.get(url, {"locatie": locatie.slug})

    assert "csrftoken" in page.cookies
    assert "public" not in page["Cache-Control"]
    assert client.post(url, {"locatie": locatie.slug}).status_code == 403
    sent = client.post(
        f"{url}?locatie={locatie.slug}",
        {
            "omschrijving": "De koffieochtend is verplaatst naar de woensdag.",
            "email": "",
            "website": "",
            "start": spam.issue_token(time.time() - 60),
            "csrfmiddlewaretoken": csrf_token(page),
        },
    )
    assert sent.status_code == 302


def test_the_volunteer_forms_keep_their_csrf_token(locatie):
    client = Client(enforce_csrf_checks=True)
    vacature = VacatureFactory(locatie=locatie)

    for url in [
        f"/vrijwilligers/{vacature.pk}/",
        f"/vrijwilligers/vraag/nieuw/?locatie={locatie.slug}",
    ]:
        page = client.get(url)

        assert page.status_code == 200, url
        assert "csrfmiddlewaretoken" in page.text, url
        assert "public" not in page["Cache-Control"], url
        assert client.post(url, {"csrfmiddlewaretoken": csrf_token(page)}).status_code != 403


def test_public_pages_are_compressed_for_clients_that_accept_gzip(client, locatie):
    response = client.get("/locaties/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert locatie.naam in gzip.decompress(response.content).decode()


def test_the_map_data_is_compressed(client, locatie):
    # The map data is cached on the registry's state; an empty map kept by an earlier test
    # (under 200 bytes, which GZipMiddleware leaves alone) must not answer here.
    cache.clear()
    response = client.get(reverse("publiek:kaart"), headers={"accept-encoding": "gzip"})

    request = response.wsgi_request
    # What decides it, shown when it fails (ontmoeting/caching.py is_public_response).
    assert response.get("Content-Encoding") == "gzip", {
        "length": len(response.content),
        "cookies": list(response.cookies),
        "csrf_cookie_needs_update": request.META.get("CSRF_COOKIE_NEEDS_UPDATE"),
        "signed_in": request.user.is_authenticated,
        "headers": dict(response.headers),
    }


def test_pages_with_a_csrf_token_are_not_compressed(client, locatie):
    """BREACH: a secret in a compressed page that also echoes input can be guessed."""
    response = client.get(
        reverse("meldingen:nieuw"), {"locatie": locatie.slug}, headers={"accept-encoding": "gzip"}
    )

    assert not response.has_header("Content-Encoding")


def test_signed_in_pages_are_not_compressed(client, locatie, welzijn_medewerker):
    client.force_login(welzijn_medewerker)

    response = client.get("/locaties/", headers={"accept-encoding": "gzip"})

    assert not response.has_header("Content-Encoding")


def test_a_cache_that_asks_again_with_the_etag_gets_not_modified(client, locatie):
    first = client.get("/locaties/")

    again = client.get("/locaties/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=60"


# --- The app's own page cache for visitors without cookies -----------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True


def test_a_visitor_without_cookies_gets_the_kept_page_until_its_max_age(
    client, locatie, page_cache, django_assert_num_queries
):
    first = client.get(f"/locaties/{locatie.slug}/").text
    locatie.naam = "De Linde, nieuwe naam"
    locatie.save()

    with django_assert_num_queries(2):  # the Vary headers, then the page (database cache)
        again = client.get(f"/locaties/{locatie.slug}/")

    assert again.text == first
    assert "nieuwe naam" not in again.text
    assert again["Cache-Control"] == "public, max-age=60"


def test_the_kept_page_is_gone_after_its_max_age(client, locatie, page_cache, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 1
    client.get(f"/locaties/{locatie.slug}/")
    locatie.naam = "De Linde, nieuwe naam"
    locatie.save()
    time.sleep(1.1)

    assert "nieuwe naam" in client.get(f"/locaties/{locatie.slug}/").text


def test_a_visitor_with_a_cookie_is_served_by_the_app(client, locatie, page_cache):
    client.get(f"/locaties/{locatie.slug}/")
    locatie.naam = "De Linde, nieuwe naam"
    locatie.save()
    client.cookies["voorkeur"] = "iets"

    assert "nieuwe naam" in client.get(f"/locaties/{locatie.slug}/").text


def test_signed_in_people_never_get_a_kept_page(client, locatie, page_cache, welzijn_medewerker):
    client.get(f"/locaties/{locatie.slug}/")
    locatie.naam = "De Linde, nieuwe naam"
    locatie.save()
    client.force_login(welzijn_medewerker)

    page = client.get(f"/locaties/{locatie.slug}/")

    assert "nieuwe naam" in page.text
    assert "Uitloggen" in page.text
    assert "private" in page["Cache-Control"]


def test_a_page_for_a_signed_in_person_is_never_kept_for_others(
    locatie, page_cache, welzijn_medewerker
):
    signed_in = Client()
    signed_in.force_login(welzijn_medewerker)
    signed_in.get(f"/locaties/{locatie.slug}/")
    # Without any cookie, the same URL: the signed-in page must not come back.
    assert "Uitloggen" not in Client().get(f"/locaties/{locatie.slug}/").text


def test_a_page_with_a_csrf_token_is_never_kept(locatie, page_cache):
    url = f"/meldingen/nieuw/?locatie={locatie.slug}"
    first = Client().get(url)

    again = Client().get(url)

    assert "csrftoken" in first.cookies
    assert "csrftoken" in again.cookies  # made anew, not from the cache
    assert csrf_token(again) != csrf_token(first)


def test_the_kept_page_is_compressed_only_for_those_who_asked(client, locatie, page_cache):
    plain = client.get("/locaties/")
    zipped = client.get("/locaties/", headers={"accept-encoding": "gzip"})
    plain_again = client.get("/locaties/")
    zipped_again = client.get("/locaties/", headers={"accept-encoding": "gzip"})

    assert not plain_again.has_header("Content-Encoding")
    assert plain_again.content == plain.content
    assert zipped_again["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped_again.content) == plain.content
    assert zipped_again.content == zipped.content


def test_the_kept_page_answers_its_etag_with_not_modified(client, locatie, page_cache):
    first = client.get("/locaties/")

    again = client.get("/locaties/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_a_not_found_page_is_not_kept(client, locatie, page_cache):
    assert client.get("/locaties/bestaat-niet/").status_code == 404
    LocatieFactory(gemeente=locatie.gemeente, gepubliceerd=True, slug="bestaat-niet")

    assert client.get("/locaties/bestaat-niet/").status_code == 200


def test_the_page_cache_can_be_switched_off(client, locatie, settings):
    settings.PUBLIC_PAGE_CACHE = False
    client.get(f"/locaties/{locatie.slug}/")
    locatie.naam = "De Linde, nieuwe naam"
    locatie.save()

    assert "nieuwe naam" in client.get(f"/locaties/{locatie.slug}/").text
