"""The same signals on the portal's start page, and "Laatst gecontroleerd op" for residents."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from locaties.constants import SamenwerkingRol
from locaties.models import Locatie
from tests.factories import FinancieringFactory, LocatieFactory, SamenwerkingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plek(gemeente, corporatie):
    today = timezone.localdate()
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Eik", gepubliceerd=True)
    SamenwerkingFactory(
        locatie=locatie,
        partner=corporatie,
        rol=SamenwerkingRol.EIGENAAR,
        schriftelijk_vastgelegd=True,
        einddatum=today + dt.timedelta(days=40),
    )
    FinancieringFactory(locatie=locatie, ingangsdatum=None, einddatum=today + dt.timedelta(days=9))
    return locatie


@pytest.mark.parametrize("persona", ["corporatie_medewerker", "gemeente_medewerker"])
def test_the_start_page_lists_agreements_and_money_that_end(request, client, plek, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("beheer:start"))

    loopt_af = response.context["loopt_af"]
    assert loopt_af["totaal"] == 2
    assert "Overeenkomsten en financiering die aflopen" in response.text
    assert "tijdelijke financiering (Wmo (gemeente)) loopt af op" in response.text
    assert "overeenkomst met De Woonmensen (eigenaar) loopt af op" in response.text
    # Soonest first: the money ends before the agreement.
    assert [signaal.soort for signaal, _ in loopt_af["rijen"]] == [
        "financiering_loopt_af",
        "samenwerking_loopt_af",
    ]


def test_an_outsider_sees_nothing_ending(client, plek, buitenstaander):
    client.force_login(buitenstaander)
    response = client.get(reverse("beheer:start"))
    assert response.context["loopt_af"]["totaal"] == 0
    assert "Buurthuiskamer De Eik" not in response.text


def test_the_place_page_says_when_its_details_were_last_checked(client, plek):
    Locatie.objects.filter(pk=plek.pk).update(
        laatst_bevestigd_op=dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    )
    url = reverse("publiek:locatie", args=[plek.slug])
    assert "Laatst gecontroleerd op 3 december 2026" in client.get(url).text
    assert "Last checked on 3 December 2026" in client.get("/en" + url).text


def test_a_place_never_confirmed_counts_from_its_registration(client, plek):
    Locatie.objects.filter(pk=plek.pk).update(
        aangemaakt_op=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 2 March in Amsterdam
    )
    url = reverse("publiek:locatie", args=[plek.slug])
    assert "Laatst gecontroleerd op 2 maart 2026" in client.get(url).text
