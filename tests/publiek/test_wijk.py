"""The public page of one wijk or buurt: /wijken/<slug>/."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from locaties.constants import LocatieSoort, LocatieStatus, SamenwerkingRol
from locaties.models import Locatie, Openingstijd, Samenwerking
from partners.models import Partner
from tests.factories import (
    ActiviteitFactory,
    BuurtFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
    WijkFactory,
)


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
        Locatie.voorzieningen.through.objects.bulk_create(
            Locatie.voorzieningen.through(locatie=locatie, voorziening_id=code)
            for locatie in locaties
            for code in ("maaltijden", "postnl_punt")
        )
        partners = Partner.objects.bulk_create(
            PartnerFactory.build(naam=f"Partner {n}", slug=f"partner-{n}")
            for n in range(count // 10)
        )
        Samenwerking.objects.bulk_create(
            Samenwerking(locatie=locatie, partner=partners[n % len(partners)], rol=rol)
            for n, locatie in enumerate(locaties)
            for rol in (SamenwerkingRol.BEHEERDER, SamenwerkingRol.WELZIJNSPARTNER)
        )
        with django_assert_max_num_queries(WIJK_PAGE_QUERIES):
            response = client.get(url(wijk))
        assert len(response.context["plekken"]) == count
        assert len(response.context["partners"]) == count // 10
        assert "Maaltijden / café, PostNL-punt" in response.content.decode()

    @pytest.mark.parametrize("count", [10, 1000])
    def test_the_maps_query_count_is_fixed(
        self, client, gemeente, wijk, count, django_assert_max_num_queries
    ):
        Locatie.objects.bulk_create(
            LocatieFactory.build(
                gepubliceerd=True,
                gemeente=gemeente,
                wijk=wijk,
                adres_openbaar=bool(n % 2),
                slug=f"plek-{n}",
            )
            for n in range(count)
        )
        with django_assert_max_num_queries(3):
            response = client.get(reverse("publiek:wijk_kaart", args=[wijk.slug]))
        assert response.status_code == 200
        # Places with a hidden address have no point: the wijk has no boundary here.
        assert len(response.json()["features"]) == count // 2


# The wijk page: the wijk, its places with hours, closures, facilities and partners in force,
# its buurten, and the week's dates (see activiteiten.agenda).
WIJK_PAGE_QUERIES = 10


@pytest.mark.django_db
class TestWijkscan:
    """The Purmerendse cirkels: every place with its facilities, the partners and their roles,
    and a map."""

    def test_each_place_lists_its_facilities(self, client, gemeente, wijk):
        locatie = LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk)
        locatie.voorzieningen.set(["maaltijden", "spreekuurruimte", "computers"])
        html = client.get(url(wijk)).content.decode()
        assert (
            "Voorzieningen:</span> Maaltijden / café, Spreekuurruimte, Computers voor bezoekers"
            in html
        ) or ("Voorzieningen:</span> Computers voor bezoekers, Maaltijden / café, " in html)

    def test_partners_in_force_are_listed_with_their_role_at_each_place(
        self, client, gemeente, wijk, buurt
    ):
        today = timezone.localdate()
        anker = LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, naam="Het Anker")
        linde = LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=buurt, naam="De Linde"
        )
        concept = LocatieFactory(gemeente=gemeente, wijk=wijk, naam="Nog in concept")
        welzijn = PartnerFactory(naam="Welzijn Noord", website="https://welzijn.example")
        woonstede = PartnerFactory(naam="Woonstede")
        oud = PartnerFactory(naam="Gestopt Fonds")
        straks = PartnerFactory(naam="Nog niet begonnen")
        SamenwerkingFactory(locatie=anker, partner=welzijn, rol=SamenwerkingRol.BEHEERDER)
        SamenwerkingFactory(locatie=linde, partner=welzijn, rol=SamenwerkingRol.WELZIJNSPARTNER)
        SamenwerkingFactory(locatie=linde, partner=woonstede, rol=SamenwerkingRol.EIGENAAR)
        SamenwerkingFactory(locatie=anker, partner=woonstede, rol=SamenwerkingRol.EIGENAAR)
        SamenwerkingFactory(locatie=concept, partner=woonstede, rol=SamenwerkingRol.EIGENAAR)
        SamenwerkingFactory(
            locatie=anker,
            partner=oud,
            rol=SamenwerkingRol.FINANCIER,
            einddatum=today - dt.timedelta(days=1),
        )
        SamenwerkingFactory(
            locatie=anker,
            partner=straks,
            rol=SamenwerkingRol.FINANCIER,
            ingangsdatum=today + dt.timedelta(days=1),
        )

        response = client.get(url(wijk))

        partners = [
            (
                partner.naam,
                [(str(rol), [plek.naam for plek in plekken]) for rol, plekken in rollen],
            )
            for partner, rollen in response.context["partners"]
        ]
        assert partners == [
            ("Welzijn Noord", [("Beheerder / exploitant", ["Het Anker"]),
                               ("Welzijnspartner", ["De Linde"])]),
            ("Woonstede", [("Eigenaar", ["De Linde", "Het Anker"])]),
        ]  # fmt: skip
        html = response.content.decode()
        assert "Wie werken er in deze wijk" in html
        assert '<a href="https://welzijn.example">Welzijn Noord</a>' in html
        assert f'eigenaar bij <a href="{reverse("publiek:locatie", args=[linde.slug])}">' in html
        assert "Gestopt Fonds" not in html and "Nog niet begonnen" not in html
        # A buurt: only its own places' partners.
        buurt_partners = client.get(url(buurt)).context["partners"]
        assert [partner.naam for partner, _rollen in buurt_partners] == [
            "Welzijn Noord",
            "Woonstede",
        ]

    def test_the_map_shows_the_places_and_hides_a_private_address(self, client, gemeente, wijk):
        wijk.grens = {
            "type": "Polygon",
            "coordinates": [[[5.9, 52.2], [6.0, 52.2], [6.0, 52.3], [5.9, 52.3], [5.9, 52.2]]],
        }
        wijk.save()
        LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, naam="Open adres",
            latitude=52.2112, longitude=5.9699,
        )  # fmt: skip
        LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, naam="Verborgen adres",
            adres_openbaar=False, latitude=52.2345, longitude=5.9123,
        )  # fmt: skip
        LocatieFactory(gemeente=gemeente, wijk=wijk, naam="Concept")

        html = client.get(url(wijk)).content.decode()
        kaart_url = reverse("publiek:wijk_kaart", args=[wijk.slug])
        assert f'data-geojson="{kaart_url}"' in html
        features = client.get(kaart_url).json()["features"]

        by_name = {f["properties"]["naam"]: f for f in features}
        assert set(by_name) == {"Open adres", "Verborgen adres"}
        assert by_name["Open adres"]["geometry"]["coordinates"] == [5.9699, 52.2112]
        hidden = by_name["Verborgen adres"]
        assert hidden["properties"]["exact"] is False
        assert hidden["geometry"]["coordinates"] == [5.95, 52.25]  # the wijk's centre
        assert "52.2345" not in client.get(kaart_url).content.decode()

    def test_a_wijk_without_points_has_no_map(self, client, gemeente, wijk):
        LocatieFactory(
            gepubliceerd=True, gemeente=gemeente, wijk=wijk, latitude=None, longitude=None
        )
        assert "data-kaart" not in client.get(url(wijk)).content.decode()

    def test_the_map_of_an_unknown_wijk_is_404(self, client, db):
        assert client.get(reverse("publiek:wijk_kaart", args=["nee"])).status_code == 404
