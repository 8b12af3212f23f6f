"""The portal's start page: per person, their organisations, places, activities, and what
waits for them."""

import datetime as dt

import pytest
from django.urls import reverse

from locaties.constants import LocatieStatus, SamenwerkingRol
from locaties.models import Locatie
from partners.constants import LidmaatschapRol
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    LocatieFactory,
    MeldingFactory,
    PartnerFactory,
    SamenwerkingFactory,
    UitnodigingFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def plekken(gemeente, corporatie, andere_gemeente):
    """The corporatie's places in every state, and one elsewhere nobody here works with."""

    def plek(naam, **extra):
        locatie = LocatieFactory(gemeente=gemeente, naam=naam, **extra)
        SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
        return locatie

    plekken = {
        "concept": plek("Concept De Linde"),
        "ingediend": plek("Ingediend Het Anker", status=LocatieStatus.TER_BEOORDELING),
        "verouderd": plek("Verouderd De Eik", status=LocatieStatus.GEPUBLICEERD),
        "elders": LocatieFactory(gemeente=andere_gemeente, naam="Elders Het Baken"),
    }
    Locatie.objects.filter(pk=plekken["verouderd"].pk).update(aangemaakt_op=LONG_AGO)
    ActiviteitFactory(
        locatie=plekken["verouderd"], organisator=corporatie, titel="Koffie op dinsdag"
    )
    return plekken


def test_a_corporatie_sees_its_organisation_places_activities_and_what_to_confirm(
    client, corporatie_medewerker, plekken
):
    client.force_login(corporatie_medewerker)
    response = client.get(reverse("beheer:start"))

    text = response.text
    assert "De Woonmensen" in text
    for key in ("concept", "ingediend", "verouderd"):
        assert plekken[key].naam in text
    assert "Elders Het Baken" not in text
    assert "Koffie op dinsdag" in text
    assert [locatie.naam for locatie in response.context["te_bevestigen"]["rijen"]] == [
        "Verouderd De Eik"
    ]
    assert reverse("beheer:locatie_bevestigen", args=[plekken["verouderd"].slug]) in text
    assert not response.context["is_beoordelaar"]
    assert reverse("beheer:beoordelen") not in text


def test_the_gemeente_sees_its_review_queue(client, gemeente_medewerker, plekken):
    client.force_login(gemeente_medewerker)
    response = client.get(reverse("beheer:start"))

    assert response.context["is_beoordelaar"]
    assert [locatie.naam for locatie in response.context["wachtrij"]["rijen"]] == [
        "Ingediend Het Anker"
    ]
    assert "Elders Het Baken" not in response.text
    assert "Verouderd De Eik" in response.text  # the gemeente confirms for its gemeente too


def test_an_outsider_sees_none_of_these_places(client, buitenstaander, plekken):
    client.force_login(buitenstaander)
    response = client.get(reverse("beheer:start"))
    for plek in plekken.values():
        assert plek.naam not in response.text
    assert "Er wacht nu niets op je." in response.text


def test_confirming_from_the_start_page_returns_there(client, corporatie_medewerker, plekken):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_bevestigen", args=[plekken["verouderd"].slug]), {"next": "start"}
    )
    assert response.url == reverse("beheer:start")
    assert not client.get(reverse("beheer:start")).context["te_bevestigen"]["totaal"]


def test_a_signed_in_person_without_organisation_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("los@example.org", "een-wachtwoord-123")
    client.force_login(user)
    assert client.get(reverse("beheer:start")).status_code == 403


def test_open_reports_about_own_places_wait_on_the_start_page(
    client, corporatie_medewerker, plekken
):
    MeldingFactory(locatie=plekken["verouderd"], omschrijving="De deur zit op slot.")
    MeldingFactory(locatie=plekken["elders"])
    client.force_login(corporatie_medewerker)

    response = client.get(reverse("beheer:start"))

    assert response.context["meldingen"]["totaal"] == 1
    assert "Meldingen van bewoners" in response.text


def test_an_organisation_beheerder_sees_its_open_invitations(client, corporatie, plekken):
    beheerder = LidmaatschapFactory(partner=corporatie, rol=LidmaatschapRol.BEHEERDER).user
    UitnodigingFactory(partner=corporatie, email="nieuw@example.org")
    UitnodigingFactory(email="elders@example.org")
    client.force_login(beheerder)

    response = client.get(reverse("beheer:start"))

    assert "nieuw@example.org" in response.text
    assert "elders@example.org" not in response.text


def test_the_portal_menu_marks_the_section_of_a_page_below_it(client):
    """On /beheer/dekking/risico/ the menu's "Dekking" link says where you are."""
    gemeente = GemeenteFactory()
    partner = PartnerFactory(soort="gemeente", gemeente=gemeente)
    client.force_login(LidmaatschapFactory(partner=partner).user)

    html = client.get("/beheer/dekking/risico/").content.decode()

    assert 'href="/beheer/dekking/" aria-current="true"' in html
    assert 'href="/beheer/locaties/" aria-current' not in html
