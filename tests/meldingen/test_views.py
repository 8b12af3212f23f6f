"""The public "Klopt er iets niet?" form: a resident reports, a bot does not."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from activiteiten.constants import ActiviteitStatus
from kern import spam
from locaties.constants import LocatieStatus, SamenwerkingRol
from meldingen.models import Melding
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    SamenwerkingFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

URL = reverse("meldingen:nieuw")


@pytest.fixture
def locatie(gemeente):
    return LocatieFactory(gemeente=gemeente, gepubliceerd=True, slug="de-linde")


def report(**fields):
    """The form as a resident sends it back, a minute after opening it."""
    return {
        "omschrijving": "De koffieochtend is verplaatst naar de woensdag.",
        "email": "",
        "website": "",
        "start": spam.issue_token(time.time() - 60),
        **fields,
    }


def test_the_form_names_the_place_and_carries_a_honeypot_and_a_signed_start(client, locatie):
    response = client.get(URL, {"locatie": locatie.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert locatie.naam in html
    assert 'name="website"' in html
    assert (
        spam.token_problem(response.context["form"].initial["start"]) == spam.TokenProblem.TOO_FAST
    )


def test_a_valid_report_is_saved_and_the_resident_is_thanked(
    client, locatie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{URL}?locatie={locatie.slug}", report(email="Bewoner@Example.net")
        )
    assert response.status_code == 302
    assert response.url.startswith(reverse("meldingen:bedankt"))
    melding = Melding.objects.get()
    assert melding.locatie == locatie
    assert melding.activiteit is None
    assert melding.omschrijving == "De koffieochtend is verplaatst naar de woensdag."
    assert melding.email.lower() == "bewoner@example.net"
    assert not melding.is_afgehandeld
    thanks = client.get(response.url)
    assert "Bedankt voor je melding" in thanks.content.decode()


def test_a_report_about_an_activity_belongs_to_that_activity(client, locatie):
    activiteit = ActiviteitFactory(locatie=locatie, slug="koffie")
    response = client.post(f"{URL}?locatie={locatie.slug}&activiteit=koffie", report())
    assert response.status_code == 302
    assert Melding.objects.get().activiteit == activiteit


def test_the_editors_of_the_place_get_an_email_without_the_report(
    client, locatie, welzijn_medewerker, zorg_medewerker, django_capture_on_commit_callbacks
):
    SamenwerkingFactory(
        locatie=locatie,
        partner=welzijn_medewerker.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.BEHEERDER,
    )
    SamenwerkingFactory(
        locatie=locatie,
        partner=zorg_medewerker.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.ZORGPARTNER,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}?locatie={locatie.slug}", report(email="geheim@example.net"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.bcc == ["welzijn@example.org"]  # the zorgpartner may not edit the place
    assert locatie.naam in message.subject
    assert "geheim@example.net" not in message.body
    assert "verplaatst" not in message.body
    assert f"/beheer/meldingen/{Melding.objects.get().pk}/" in message.body


def test_a_filled_in_honeypot_is_thanked_but_not_saved(client, locatie):
    response = client.post(f"{URL}?locatie={locatie.slug}", report(website="https://spam.example"))
    assert response.status_code == 302
    assert not Melding.objects.exists()


def test_a_form_sent_back_within_seconds_is_refused_and_keeps_the_text(client, locatie):
    response = client.post(
        f"{URL}?locatie={locatie.slug}", report(start=spam.issue_token(time.time()))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dat ging wel heel snel" in html
    assert "verplaatst naar de woensdag" in html
    assert not Melding.objects.exists()


def test_a_form_that_stood_open_too_long_asks_to_send_again(client, locatie):
    response = client.post(
        f"{URL}?locatie={locatie.slug}", report(start=spam.issue_token(time.time() - 86_400))
    )
    assert "stond te lang open" in response.content.decode()
    assert not Melding.objects.exists()
    # The form comes back with a fresh start, so the resident can send it (after a moment).
    fresh = response.context["form"].data["start"]
    assert spam.token_problem(fresh) == spam.TokenProblem.TOO_FAST


@pytest.mark.parametrize("start", ["", "nonsense", "MTIz:tampered:signature"])
def test_a_missing_or_forged_start_is_refused(client, locatie, start):
    response = client.post(f"{URL}?locatie={locatie.slug}", report(start=start))
    assert response.status_code == 200
    assert not Melding.objects.exists()


def test_too_many_links_are_refused(client, locatie):
    text = "Kijk op https://a.example en https://b.example en www.c.example voor meer."
    response = client.post(f"{URL}?locatie={locatie.slug}", report(omschrijving=text))
    assert "ten hoogste 2 links" in response.content.decode()
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"omschrijving": ""}, "Dit veld is verplicht."),
        ({"omschrijving": "   kort  "}, "Beschrijf in ten minste 10 tekens wat er niet klopt."),
        ({"omschrijving": "x" * 2001}, "ten hoogste 2000 tekens"),
        ({"omschrijving": "Een nul\x00teken erin"}, "Null-tekens zijn niet toegestaan."),
        ({"email": "geen-e-mailadres"}, "Voer een geldig e-mailadres in."),
    ],
)
def test_nonsense_input_gets_a_dutch_message_and_keeps_what_was_typed(
    client, locatie, fields, message
):
    data = report(**{"email": "ik@example.net", **fields})
    response = client.post(f"{URL}?locatie={locatie.slug}", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    form = response.context["form"]
    assert form.data["email"] == data["email"]
    assert form.data["omschrijving"] == data["omschrijving"]
    assert not Melding.objects.exists()


def test_the_sixth_report_from_one_address_within_the_hour_gets_429(client, gemeente, settings):
    settings.MELDINGEN_PER_IP_PER_HOUR = 5
    plekken = [LocatieFactory(gemeente=gemeente, gepubliceerd=True) for _ in range(6)]
    for plek in plekken[:5]:
        assert client.post(f"{URL}?locatie={plek.slug}", report()).status_code == 302
    response = client.post(f"{URL}?locatie={plekken[5].slug}", report())
    assert response.status_code == 429
    assert "Even wachten met melden" in response.content.decode()
    assert "verplaatst naar de woensdag" in response.content.decode()  # the text is not lost
    assert Melding.objects.count() == 5
    # The form itself says so before anyone types.
    assert client.get(URL, {"locatie": plekken[5].slug}).status_code == 429
    # Another address is not affected.
    other = client.post(f"{URL}?locatie={plekken[5].slug}", report(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_one_place_takes_a_limited_number_of_reports_a_day(client, locatie, settings):
    settings.MELDINGEN_PER_LOCATIE_PER_DAY = 2
    for address in ("192.0.2.1", "192.0.2.2"):
        response = client.post(f"{URL}?locatie={locatie.slug}", report(), REMOTE_ADDR=address)
        assert response.status_code == 302
    response = client.post(f"{URL}?locatie={locatie.slug}", report(), REMOTE_ADDR="192.0.2.3")
    assert response.status_code == 429
    assert Melding.objects.count() == 2


@pytest.mark.parametrize(
    "status", [LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING, LocatieStatus.GEARCHIVEERD]
)
def test_an_unpublished_place_has_no_form(client, gemeente, status):
    locatie = LocatieFactory(gemeente=gemeente, status=status)
    assert client.get(URL, {"locatie": locatie.slug}).status_code == 404
    assert client.post(f"{URL}?locatie={locatie.slug}", report()).status_code == 404
    assert not Melding.objects.exists()


@pytest.mark.parametrize(
    "query", [{}, {"locatie": ""}, {"locatie": "bestaat-niet"}, {"locatie": "x" * 5000}]
)
def test_an_unknown_place_is_404(client, query):
    assert client.get(URL, query).status_code == 404


def test_an_unpublished_activity_or_one_elsewhere_is_404(client, locatie, gemeente):
    concept = ActiviteitFactory(locatie=locatie, status=ActiviteitStatus.CONCEPT)
    elders = ActiviteitFactory(locatie=LocatieFactory(gemeente=gemeente, gepubliceerd=True))
    for activiteit in (concept, elders):
        response = client.get(URL, {"locatie": locatie.slug, "activiteit": activiteit.slug})
        assert response.status_code == 404


def test_behind_the_proxy_the_last_forwarded_hop_is_the_client(rf, settings):
    settings.BEHIND_TLS_PROXY = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4", REMOTE_ADDR="10.0.0.1")
    assert spam.client_address(request) == "198.51.100.4"


def test_without_the_proxy_forwarded_headers_are_ignored(rf, settings):
    settings.BEHIND_TLS_PROXY = False
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.5")
    assert spam.client_address(request) == "192.0.2.5"


def test_ipv6_clients_count_per_64_network(rf):
    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert spam.client_address(one) == "2001:db8:1:2::/64"
    assert spam.sender_key(one) == spam.sender_key(other)


def test_no_ip_address_is_stored_in_the_cache_or_the_report(client, locatie):
    client.post(f"{URL}?locatie={locatie.slug}", report(), REMOTE_ADDR="198.51.100.23")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM django_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys and not any("198.51.100.23" in key for key in keys)
    melding = Melding.objects.values().get()
    assert "198.51.100.23" not in str(melding)


def test_the_form_page_runs_a_fixed_number_of_queries(
    client, locatie, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get(URL, {"locatie": locatie.slug})


def test_the_link_include_points_to_the_form(locatie):
    activiteit = ActiviteitFactory(locatie=locatie, slug="koffie")
    html = render_to_string("meldingen/_link.html", {"locatie": locatie})
    assert f'href="{URL}?locatie=de-linde"' in html
    assert "Klopt er iets niet?" in html
    html = render_to_string("meldingen/_link.html", {"locatie": locatie, "activiteit": activiteit})
    assert f'href="{URL}?locatie=de-linde&amp;activiteit=koffie"' in html
