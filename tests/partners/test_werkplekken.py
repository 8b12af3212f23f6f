"""An organisation's portal page lists where it works: each place, its role there, and
whether the Samenwerking is written down (partners/beheer_views.py `_werkplekken`)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from locaties.constants import LocatieSoort, SamenwerkingRol
from locaties.models import Locatie, Samenwerking
from tests.factories import LocatieFactory, SamenwerkingFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stimenz(welzijn_medewerker):
    return welzijn_medewerker.lidmaatschappen.get().partner


def page(client, partner):
    return client.get(reverse("beheer:organisatie", args=[partner.slug]))


def test_it_lists_each_place_with_the_role_and_whether_it_is_on_paper(
    client, gemeente, gemeente_medewerker, stimenz
):
    today = timezone.localdate()
    maten = WijkFactory(gemeente=gemeente, naam="De Maten")
    anker = LocatieFactory(gemeente=gemeente, wijk=maten, naam="Het Anker")
    linde = LocatieFactory(gemeente=gemeente, naam="De Linde")
    SamenwerkingFactory(
        locatie=anker,
        partner=stimenz,
        rol=SamenwerkingRol.BEHEERDER,
        schriftelijk_vastgelegd=True,
        einddatum=dt.date(2099, 12, 31),
    )
    SamenwerkingFactory(
        locatie=linde,
        partner=stimenz,
        rol=SamenwerkingRol.WELZIJNSPARTNER,
        ingangsdatum=today + dt.timedelta(days=30),
    )
    SamenwerkingFactory(
        locatie=LocatieFactory(gemeente=gemeente, naam="Afgelopen"),
        partner=stimenz,
        rol=SamenwerkingRol.BEHEERDER,
        einddatum=today - dt.timedelta(days=1),
    )
    # Gemeente staff see every place of their gemeente, also where the work starts later.
    client.force_login(gemeente_medewerker)

    response = page(client, stimenz)

    rows = [
        (s.locatie.naam, s.rol, s.schriftelijk_vastgelegd) for s in response.context["werkplekken"]
    ]
    assert rows == [  # by wijk, places without a wijk last
        ("Het Anker", SamenwerkingRol.BEHEERDER, True),
        ("De Linde", SamenwerkingRol.WELZIJNSPARTNER, False),
    ]
    html = response.text
    assert "Waar werkt deze organisatie" in html
    assert "Apeldoorn, De Maten" in html
    assert "tot en met 31 december 2099" in html
    assert "Afgelopen" not in html
    assert reverse("beheer:locatie", args=[anker.slug]) in html


def test_gemeente_staff_see_only_the_places_of_their_own_gemeente(
    client, gemeente, andere_gemeente, gemeente_medewerker, stimenz
):
    SamenwerkingFactory(
        locatie=LocatieFactory(gemeente=gemeente, naam="In Apeldoorn"),
        partner=stimenz,
        rol=SamenwerkingRol.BEHEERDER,
    )
    SamenwerkingFactory(
        locatie=LocatieFactory(gemeente=andere_gemeente, naam="In Zeist"),
        partner=stimenz,
        rol=SamenwerkingRol.BEHEERDER,
    )
    client.force_login(gemeente_medewerker)

    html = page(client, stimenz).text

    assert "In Apeldoorn" in html and "In Zeist" not in html


def test_an_organisation_without_places_says_so(client, welzijn_medewerker, stimenz):
    client.force_login(welzijn_medewerker)
    assert "werkt nog niet bij een locatie waar jij mee werkt" in page(client, stimenz).text


@pytest.mark.parametrize("count", [10, 1000])
def test_the_list_is_one_narrow_query_whatever_the_number_of_places(
    client, gemeente, welzijn_medewerker, stimenz, count, django_assert_max_num_queries
):
    Locatie.objects.bulk_create(
        Locatie(
            naam=f"Plek {i:04d}",
            slug=f"plek-{i:04d}",
            soort=LocatieSoort.PLUS_PUNT,
            straat="Hoofdstraat",
            huisnummer=1 + i,
            postcode="7311 AB",
            plaats="Apeldoorn",
            gemeente=gemeente,
        )
        for i in range(count)
    )
    Samenwerking.objects.bulk_create(
        Samenwerking(locatie=locatie, partner=stimenz, rol=SamenwerkingRol.BEHEERDER)
        for locatie in Locatie.objects.all()
    )
    client.force_login(welzijn_medewerker)

    with django_assert_max_num_queries(11) as context:
        response = page(client, stimenz)

    shown = response.context["werkplekken"]
    assert len(shown) == min(count, 200)
    assert response.context["werkplekken_afgekapt"] == (count > 200)
    query = next(q["sql"] for q in context.captured_queries if "schriftelijk" in q["sql"])
    assert "omschrijving" not in query  # the place's long fields are not read
