"""The public page of one wijk or buurt: /wijken/<slug>/."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from locaties.constants import LocatieSoort, LocatieStatus
from locaties.models import Locatie, Openingstijd
from tests.factories import ActiviteitFactory, BuurtFactory, LocatieFactory, WijkFactory


def url(wijk):
    return reverse("publiek:wijk", args=[wijk.slug])


@pytest.fixture
def wijk(gemeente):
    return WijkFactory(
        gemeente=gemeente, naam="De Maten", inwoners=12345, aandeel_65_plus=Decimal("23.4")
    )


@pytest.fixture
def buurt(wijk):
    return BuurtFactory(wijk=wijk, naam="Matenveld")


@pytest.mark.django_db
class TestWijkPage:
    def test_a_wijk_shows_its_own_and_its_buurten_places(self, client, gemeente, wijk, buurt):
        LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, naam="Wijkcentrum")
        LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=buurt, naam="Buurtkamer"
        )
        LocatieFactory(gemeente=gemeente, wijk=wijk, naam="Nog in concept")
        LocatieFactory(gepubliceerd=True, gemeente=gemeente, naam="Andere wijk")
        response = client.get(url(wijk))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>De Maten</h1>" in html
        assert "Wijkcentrum" in html and "Buurtkamer" in html
        assert "Nog in concept" not in html and "Andere wijk" not in html
        assert reverse("publiek:wijk", args=[buurt.slug]) in html

    def test_a_buurt_shows_only_its_own_places_and_names_its_wijk(
        self, client, gemeente, wijk, buurt
    ):
        LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, naam="Wijkcentrum")
        LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=buurt, naam="Buurtkamer"
        )
        html = client.get(url(buurt)).content.decode()
        assert "Buurtkamer" in html and "Wijkcentrum" not in html
        assert f'Buurt in <a href="{url(wijk)}">De Maten</a>' in html

    def test_it_shows_the_population_figures_when_known(self, client, wijk, buurt):
        html = client.get(url(wijk)).content.decode()
        assert "12.345" in html
        assert "23,4%" in html
        html = client.get(url(buurt)).content.decode()
        assert "Inwoners" not in html

    def test_each_place_says_whether_it_is_open(self, client, gemeente, wijk):
        locatie = LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk)
        html = client.get(url(wijk)).content.decode()
        assert "Geen vaste openingstijden: open op afspraak" in html
        assert locatie.openbaar_adres in html

    def test_it_shows_the_coming_week_and_links_the_week_programme(
        self, client, gemeente, wijk, buurt
    ):
        today = timezone.localdate()
        locatie = LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=buurt)
        ActiviteitFactory(locatie=locatie, titel="Koffieochtend", startdatum=today)
        ActiviteitFactory(
            locatie=locatie,
            titel="Volgende maand",
            eenmalig=True,
            startdatum=today + dt.timedelta(days=8),
        )
        html = client.get(url(wijk)).content.decode()
        assert "<strong>Koffieochtend</strong>" in html
        assert "Volgende maand" not in html
        assert f'href="{reverse("activiteiten:agenda")}?wijk={wijk.slug}"' in html
        assert "Weekprogramma afdrukken" in html
        assert '<script type="application/ld+json">' in html

    def test_an_empty_wijk_says_so(self, client, wijk):
        html = client.get(url(wijk)).content.decode()
        assert "In deze wijk staat nog geen ontmoetingsplek in het register." in html

    def test_an_unknown_slug_is_404(self, client, db):
        assert client.get(reverse("publiek:wijk", args=["bestaat-niet"])).status_code == 404

    @pytest.mark.parametrize("count", [10, 1000])
    def test_the_query_count_is_fixed(
        self, client, gemeente, wijk, buurt, count, django_assert_max_num_queries
    ):
        locaties = Locatie.objects.bulk_create(
            Locatie(
                naam=f"Plek {n}",
                slug=f"plek-{n}",
                soort=LocatieSoort.PLUS_PUNT,
                status=LocatieStatus.GEPUBLICEERD,
                straat="Hoofdstraat",
                huisnummer=n + 1,
                postcode="7311 AB",
                plaats="Apeldoorn",
                gemeente=gemeente,
                wijk=wijk,
                buurt=buurt if n % 2 else None,
                is_sterlocatie=False,
            )
            for n in range(count)
        )
        Openingstijd.objects.bulk_create(
            Openingstijd(locatie=locatie, weekdag=0, van=dt.time(9), tot=dt.time(12))
            for locatie in locaties
        )
        ActiviteitFactory(locatie=locaties[0], startdatum=timezone.localdate())
        with django_assert_max_num_queries(8):
            response = client.get(url(wijk))
        assert len(response.context["plekken"]) == count
