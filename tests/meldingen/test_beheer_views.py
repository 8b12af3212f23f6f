"""Residents' reports in the staff portal: only the record's editors see a report and the
reporter's e-mail address, and handling it erases that address."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from locaties.constants import SamenwerkingRol
from meldingen.models import Melding
from tests.factories import LocatieFactory, MeldingFactory, SamenwerkingFactory, UserFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("beheer:meldingen")


def detail_url(melding):
    return reverse("beheer:melding", args=[melding.pk])


def afhandel_url(melding):
    return reverse("beheer:melding_afhandelen", args=[melding.pk])


@pytest.fixture
def plek(gemeente, welzijn_medewerker):
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True, naam="Buurthuis De Linde")
    SamenwerkingFactory(
        locatie=locatie,
        partner=welzijn_medewerker.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.BEHEERDER,
    )
    return locatie


@pytest.fixture
def melding(plek):
    return MeldingFactory(
        locatie=plek, omschrijving="Het telefoonnummer werkt niet.", email="bewoner@example.net"
    )


def test_an_editor_sees_the_open_report_in_the_list(client, welzijn_medewerker, melding):
    client.force_login(welzijn_medewerker)
    response = client.get(LIJST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het telefoonnummer werkt niet." in html
    assert detail_url(melding) in html
    assert "bewoner@example.net" not in html  # only on the report's own page


def test_an_editor_sees_the_report_and_the_reporters_address(client, welzijn_medewerker, melding):
    client.force_login(welzijn_medewerker)
    response = client.get(detail_url(melding))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het telefoonnummer werkt niet." in html
    assert 'href="mailto:bewoner@example.net?subject=' in html


@pytest.mark.parametrize("persona", ["zorg_medewerker", "buitenstaander"])
def test_others_do_not_see_the_report_nor_its_address(client, request, persona, melding):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(detail_url(melding)).status_code == 404
    listing = client.get(LIJST).content.decode()
    assert "Het telefoonnummer werkt niet." not in listing
    assert "bewoner@example.net" not in listing
    response = client.post(afhandel_url(melding), {"afhandeling": "weg ermee"})
    assert response.status_code == 404
    assert not Melding.objects.get(pk=melding.pk).is_afgehandeld


def test_anonymous_visitors_are_sent_to_the_login_page(client, melding):
    for url in (LIJST, detail_url(melding), afhandel_url(melding)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_a_signed_in_person_without_organisation_is_refused(client, melding):
    client.force_login(UserFactory())
    assert client.get(LIJST).status_code == 403
    assert client.get(detail_url(melding)).status_code == 403


def test_handling_marks_the_report_and_erases_the_address(client, welzijn_medewerker, melding):
    client.force_login(welzijn_medewerker)
    response = client.post(afhandel_url(melding), {"afhandeling": "  Nummer aangepast.  "})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.is_afgehandeld
    assert melding.afgehandeld_door == welzijn_medewerker
    assert melding.afhandeling == "Nummer aangepast."
    assert melding.email == ""
    page = client.get(detail_url(melding)).content.decode()
    assert "bewoner@example.net" not in page
    assert "gewist bij het afhandelen" in page
    handled = client.get(LIJST, {"status": "afgehandeld"}).content.decode()
    assert "Het telefoonnummer werkt niet." in handled
    assert "Het telefoonnummer werkt niet." not in client.get(LIJST).content.decode()


def test_handling_needs_a_note_and_keeps_nothing_half_done(client, welzijn_medewerker, melding):
    client.force_login(welzijn_medewerker)
    response = client.post(afhandel_url(melding), {"afhandeling": "   "})
    assert response.status_code == 200
    assert "Schrijf kort op wat er met de melding is gedaan." in response.content.decode()
    melding.refresh_from_db()
    assert not melding.is_afgehandeld
    assert melding.email == "bewoner@example.net"


def test_a_report_is_handled_once(client, welzijn_medewerker, gemeente_medewerker, melding):
    client.force_login(gemeente_medewerker)
    client.post(afhandel_url(melding), {"afhandeling": "Gebeld met de plek."})
    client.force_login(welzijn_medewerker)
    response = client.post(
        afhandel_url(melding), {"afhandeling": "Nummer aangepast."}, follow=True
    )
    assert "intussen al afgehandeld" in response.content.decode()
    melding.refresh_from_db()
    assert melding.afhandeling == "Gebeld met de plek."
    assert melding.afgehandeld_door == gemeente_medewerker


def test_handling_only_by_post(client, welzijn_medewerker, melding):
    client.force_login(welzijn_medewerker)
    assert client.get(afhandel_url(melding)).status_code == 405


def test_the_database_refuses_a_handled_report_that_keeps_an_address(melding):
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=melding.pk).update(afgehandeld_op=timezone.now())


@pytest.mark.parametrize("status", ["open", "afgehandeld", "onzin", ""])
def test_the_list_answers_every_status_filter(client, welzijn_medewerker, melding, status):
    client.force_login(welzijn_medewerker)
    assert client.get(LIJST, {"status": status, "pagina": "x"}).status_code == 200


@pytest.mark.parametrize("aantal", [10, 1000])
@pytest.mark.parametrize("status", ["open", "afgehandeld"])
def test_the_list_runs_a_fixed_number_of_queries(
    client, welzijn_medewerker, plek, aantal, status, django_assert_max_num_queries
):
    handled = {"afgehandeld_op": timezone.now(), "email": ""} if status == "afgehandeld" else {}
    Melding.objects.bulk_create(
        Melding(locatie=plek, omschrijving=f"Melding nummer {n}", **handled) for n in range(aantal)
    )
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(6):
        response = client.get(LIJST, {"status": status})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(aantal, 50)


@pytest.mark.parametrize("aantal", [10, 1000])
def test_the_report_page_runs_a_fixed_number_of_queries(
    client, welzijn_medewerker, plek, aantal, django_assert_max_num_queries
):
    Melding.objects.bulk_create(
        Melding(locatie=plek, omschrijving=f"Melding nummer {n}") for n in range(aantal)
    )
    melding = Melding.objects.last()
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(5):
        assert client.get(detail_url(melding)).status_code == 200


def test_reading_a_report_needs_a_second_factor_when_the_installation_demands_it(
    client, settings, welzijn_medewerker, melding
):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    client.force_login(welzijn_medewerker)
    assert client.get(LIJST).status_code == 200  # the list shows no e-mail addresses
    response = client.get(detail_url(melding))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
