"""The public page of one place: /locaties/<slug>/."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten import occurrences
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Uitzondering
from locaties.constants import DoelgroepCode, LocatieStatus, SamenwerkingRol, VoorzieningCode
from locaties.models import Doelgroep, Locatie, Openingstijd, Voorziening
from tests.factories import (
    ActiviteitFactory,
    BegeleidingstijdFactory,
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    SamenwerkingFactory,
    SluitingFactory,
    UitzonderingFactory,
    WijkFactory,
)


def url(locatie):
    return reverse("publiek:locatie", args=[locatie.slug])


def jsonld_blocks(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.fixture
def locatie(gemeente):
    wijk = WijkFactory(gemeente=gemeente, naam="De Maten")
    return LocatieFactory(
        gepubliceerd=True,
        gemeente=gemeente,
        wijk=wijk,
        naam="Buurthuiskamer De Linde",
        straat="Lindelaan",
        huisnummer=12,
        huisnummer_toevoeging="a",
        postcode="7311 AB",
        latitude=52.2112345,
        longitude=5.96987,
        telefoon="055 123 45 67",
        email="linde@example.org",
        rolstoeltoegankelijk=True,
        ringleiding=False,
        aangepast_toilet=None,
    )


@pytest.mark.django_db
class TestPlacePage:
    def test_it_shows_the_address_contact_and_a_route_to_the_point(self, client, locatie):
        html = client.get(url(locatie)).content.decode()
        assert '<h1 id="plek-naam">Buurthuiskamer De Linde</h1>' in html
        assert "Lindelaan 12a" in html
        assert "7311 AB Apeldoorn" in html
        assert 'href="tel:0551234567"' in html
        assert "mailto:linde@example.org" in html
        assert "https://www.openstreetmap.org/directions?to=52.211235%2C5.969870" in html
        assert 'data-lat="52.211235"' in html
        assert reverse("publiek:wijk", args=[locatie.wijk.slug]) in html

    def test_a_hidden_address_shows_street_and_wijk_only(self, client, locatie):
        locatie.adres_openbaar = False
        locatie.save()
        html = client.get(url(locatie)).content.decode()
        assert "Lindelaan" in html
        assert "Lindelaan 12" not in html
        assert "7311 AB" not in html
        assert "De Maten" in html
        assert "openstreetmap.org/directions" not in html
        assert "data-lat" not in html
        place = jsonld_blocks(html)[0]
        assert place["address"] == {
            "@type": "PostalAddress",
            "addressLocality": "Apeldoorn",
            "addressCountry": "NL",
            "streetAddress": "Lindelaan",
        }
        assert "geo" not in place

    def test_accessibility_says_yes_no_and_unknown_in_words(self, client, locatie):
        html = client.get(url(locatie)).content.decode()
        rows = dict(
            re.findall(
                r"<dt>(.*?)</dt>\s*<dd[^>]*>(?:<span aria-hidden=\"true\">.*?</span>)?(\w+)</dd>",
                html,
            )
        )
        assert rows["Rolstoeltoegankelijk"] == "Ja"
        assert rows["Ringleiding"] == "Nee"
        assert rows["Aangepast toilet"] == "Onbekend"
        assert rows["Prikkelarme ruimte"] == "Onbekend"

    def test_it_shows_facilities_target_groups_partners_and_beheervorm(self, client, locatie):
        locatie.voorzieningen.set([Voorziening.objects.get(code=VoorzieningCode.WIFI)])
        locatie.doelgroepen.set([Doelgroep.objects.get(code=DoelgroepCode.OUDEREN)])
        locatie.beheervorm = "bewoners"
        locatie.save()
        SamenwerkingFactory(
            locatie=locatie,
            partner=PartnerFactory(naam="De Woonmensen"),
            rol=SamenwerkingRol.EIGENAAR,
        )
        SamenwerkingFactory(
            locatie=locatie,
            partner=PartnerFactory(naam="Oud Partner"),
            rol=SamenwerkingRol.FINANCIER,
            einddatum=dt.date(2020, 1, 1),
        )
        SamenwerkingFactory(
            locatie=locatie,
            partner=PartnerFactory(naam="Stimenz"),
            rol=SamenwerkingRol.WELZIJNSPARTNER,
        )
        stimenz = locatie.samenwerkingen.get(partner__naam="Stimenz").partner
        SamenwerkingFactory(locatie=locatie, partner=stimenz, rol=SamenwerkingRol.BEHEERDER)
        html = client.get(url(locatie)).content.decode()
        assert "Stimenz — beheerder / exploitant, welzijnspartner" in html
        assert html.index("De Woonmensen — eigenaar") < html.index("Stimenz —")
        assert "Gratis wifi" in html
        assert "Ouderen" in html
        assert "De Woonmensen — eigenaar" in html
        assert "Oud Partner" not in html
        assert "Beheer: bewoners." in html

    def test_it_shows_the_hours_and_coming_closures(self, client, locatie):
        OpeningstijdFactory(locatie=locatie, weekdag=0, van=dt.time(9), tot=dt.time(12))
        OpeningstijdFactory(locatie=locatie, weekdag=0, van=dt.time(13), tot=dt.time(17))
        today = timezone.localdate()
        SluitingFactory(
            locatie=locatie,
            van=today + dt.timedelta(days=30),
            tot=today + dt.timedelta(days=40),
            reden="Zomerstop",
        )
        SluitingFactory(
            locatie=locatie,
            van=today - dt.timedelta(days=40),
            tot=today - dt.timedelta(days=30),
            reden="Voorbij",
        )
        response = client.get(url(locatie))
        html = response.content.decode()
        assert "09:00–12:00, 13:00–17:00" in html
        assert '(<span lang="nl">Zomerstop</span>)' in html  # a partner typed the reason
        assert "Voorbij" not in html
        assert response.context["status"].known
        assert 'class="plek__status' in html

    def test_hours_saved_with_the_place_show_at_once(self, client, locatie):
        # The hours and the fragments are kept in the cache, keyed on the place's last change.
        assert "Geen vaste openingstijden" in client.get(url(locatie)).text

        OpeningstijdFactory(locatie=locatie, weekdag=0, van=dt.time(9), tot=dt.time(12))
        locatie.save()  # as the times page does: the change is recorded on the place

        html = client.get(url(locatie)).text
        assert "09:00–12:00" in html
        assert "Geen vaste openingstijden" not in html

    def test_without_hours_it_says_to_make_an_appointment(self, client, locatie):
        html = client.get(url(locatie)).content.decode()
        assert "Geen vaste openingstijden: open op afspraak" in html
        assert "Neem contact op om een afspraak te maken" in html

    def test_a_sterlocatie_shows_its_support_and_when(self, client, locatie):
        locatie.is_sterlocatie = True
        locatie.begeleiding_verstandelijk = True
        locatie.begeleiding_psychiatrie = True
        locatie.save()
        BegeleidingstijdFactory(locatie=locatie, weekdag=1, van=dt.time(10), tot=dt.time(15))
        html = client.get(url(locatie)).content.decode()
        assert "Sterlocatie" in html
        assert "verstandelijke beperking, psychiatrie" in html
        assert "Wanneer de begeleiding er is" in html
        assert re.search(r"Dinsdag</th><td>10:00–15:00", html)

    def test_the_coming_four_weeks_of_activities_with_a_cancelled_date(self, client, locatie):
        today = timezone.localdate()
        activiteit = ActiviteitFactory(
            locatie=locatie, titel="Koffieochtend", startdatum=today, herhaling="FREQ=WEEKLY"
        )
        UitzonderingFactory(
            activiteit=activiteit, datum=today + dt.timedelta(days=7), reden="Koningsdag"
        )
        ActiviteitFactory(
            locatie=locatie,
            titel="Te ver weg",
            eenmalig=True,
            startdatum=today + dt.timedelta(days=28),
        )
        ActiviteitFactory(
            locatie=locatie,
            titel="Nog concept",
            eenmalig=True,
            startdatum=today,
            status=ActiviteitStatus.CONCEPT,
        )
        html = client.get(url(locatie)).content.decode()
        assert html.count("<strong>Koffieochtend</strong>") == 4
        # The coming seven days are open; the later weeks fold away (no JavaScript needed).
        first_week, later = html.split('<details class="programma__week">', 1)
        assert first_week.count("<strong>Koffieochtend</strong>") == 1
        assert later.count("<strong>Koffieochtend</strong>") == 3
        assert 'Vervalt: <span lang="nl">Koningsdag</span>' in html  # a partner typed it
        assert "Te ver weg" not in html
        assert "Nog concept" not in html
        assert f'href="{reverse("activiteiten:agenda")}?locatie={locatie.slug}"' in html
        assert "Agenda van deze plek" in html

    def test_it_embeds_schema_org_place_and_events(self, client, locatie):
        OpeningstijdFactory(locatie=locatie, weekdag=2, van=dt.time(9), tot=dt.time(12))
        today = timezone.localdate()
        activiteit = ActiviteitFactory(
            locatie=locatie, titel="Koffieochtend", startdatum=today, herhaling="FREQ=WEEKLY"
        )
        UitzonderingFactory(activiteit=activiteit, datum=today + dt.timedelta(days=7))
        place, events = jsonld_blocks(client.get(url(locatie)).content.decode())
        assert place["@type"] == "Place"
        assert place["name"] == "Buurthuiskamer De Linde"
        assert place["address"]["postalCode"] == "7311 AB"
        assert place["geo"]["latitude"] == pytest.approx(52.2112345)
        assert place["openingHoursSpecification"] == [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": "https://schema.org/Wednesday",
                "opens": "09:00",
                "closes": "12:00",
            }
        ]
        graph = events["@graph"]
        assert [event["@type"] for event in graph] == ["Event"] * 4
        assert graph[0]["name"] == "Koffieochtend"
        assert graph[0]["startDate"].startswith(today.isoformat() + "T10:00:00+0")
        assert graph[0]["location"]["name"] == "Buurthuiskamer De Linde"
        assert graph[0]["url"] == f"http://testserver/activiteiten/{activiteit.slug}/"
        assert graph[1]["eventStatus"] == "https://schema.org/EventCancelled"
        assert graph[0]["eventStatus"] == "https://schema.org/EventScheduled"

    def test_json_ld_cannot_break_out_of_its_script_element(self, client, locatie):
        locatie.naam = "</script><script>alert(1)</script> & co"
        locatie.save()
        html = client.get(url(locatie)).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in block.group(1)
        assert "<script>alert(1)" not in html
        assert jsonld_blocks(html)[0]["name"] == locatie.naam

    def test_an_unknown_slug_is_404(self, client, db):
        assert client.get(reverse("publiek:locatie", args=["bestaat-niet"])).status_code == 404

    @pytest.mark.parametrize(
        "status",
        [LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING, LocatieStatus.GEARCHIVEERD],
    )
    def test_an_unpublished_place_is_404(self, client, gemeente, status):
        locatie = LocatieFactory(gemeente=gemeente, status=status)
        assert client.get(url(locatie)).status_code == 404

    @pytest.mark.parametrize("count", [10, 1000])
    def test_the_query_count_is_fixed(self, client, locatie, count, django_assert_max_num_queries):
        today = timezone.localdate()
        organisator = PartnerFactory()
        activiteiten = Activiteit.objects.bulk_create(
            Activiteit(
                titel=f"Activiteit {n}",
                slug=f"activiteit-{n}",
                locatie=locatie,
                organisator=organisator,
                categorie=Categorie.KOFFIE,
                startdatum=today + dt.timedelta(days=n % 28),
                begintijd=dt.time(10),
                eindtijd=dt.time(12),
                herhaling="",
                status=ActiviteitStatus.GEPUBLICEERD,
            )
            for n in range(count)
        )
        Uitzondering.objects.bulk_create(
            Uitzondering(activiteit=a, datum=a.startdatum, reden="Ziek") for a in activiteiten[::2]
        )
        occurrences.extend_horizon(today + dt.timedelta(days=35))  # as `verleng_agenda` does
        Openingstijd.objects.bulk_create(
            Openingstijd(
                locatie=locatie, weekdag=n % 7, van=dt.time(n // 7), tot=dt.time(n // 7, 30)
            )
            for n in range(min(count, 7 * 23))
        )
        for _n in range(min(count, 20)):
            SamenwerkingFactory(locatie=locatie, rol=SamenwerkingRol.VASTE_GEBRUIKER)
        # Cold: the place's row with its activities' last change (1), its hours and closures
        # (2), the whole place (1), the volunteers' block (1), and the fragments: description
        # with JSON-LD, address, and the rest (support hours, the programme with its JSON-LD,
        # partners, facilities and target groups: 8 at most); the hours, three fragments and
        # the volunteers' block each read and written (in the database cache, in a savepoint:
        # 5 × 5).
        with django_assert_max_num_queries(44):
            response = client.get(url(locatie))
        # Warm: the row, and the hours, three fragments and the volunteers' block read from the
        # cache (5 reads here, none with Redis).
        with django_assert_max_num_queries(6):
            again = client.get(url(locatie))
        assert response.status_code == again.status_code == 200
        html = response.content.decode()
        assert html.count('Vervalt: <span lang="nl">Ziek</span>') == count // 2
        assert again.content == response.content


@pytest.mark.django_db
def test_the_place_page_links_to_the_report_form(client):
    locatie = LocatieFactory(gepubliceerd=True)

    response = client.get(f"/locaties/{locatie.slug}/")

    assert f"/meldingen/nieuw/?locatie={locatie.slug}" in response.text
    assert "Klopt er iets niet?" in response.text


@pytest.mark.django_db
def test_the_place_page_links_to_its_agenda_by_name(client):
    locatie = LocatieFactory(gepubliceerd=True)

    response = client.get(f"/locaties/{locatie.slug}/")

    assert (
        f'<a href="/activiteiten/?locatie={locatie.slug}">Agenda van deze plek</a>'
        in response.text
    )


@pytest.mark.django_db
def test_with_four_empty_weeks_the_place_page_shows_the_next_dates(client):
    locatie = LocatieFactory(gepubliceerd=True)
    later = timezone.localdate() + dt.timedelta(days=45)
    ActiviteitFactory(locatie=locatie, titel="Zomerfeest", startdatum=later, herhaling="")

    response = client.get(f"/locaties/{locatie.slug}/")

    assert [item.activiteit.titel for item in response.context["later"]] == ["Zomerfeest"]
    assert "Zomerfeest" in response.text


@pytest.mark.django_db
def test_a_change_to_the_place_shows_at_once_despite_the_cached_parts(client, gemeente):
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    assert "Gratis wifi" not in client.get(url(locatie)).text

    locatie.voorzieningen.set([Voorziening.objects.get(code=VoorzieningCode.WIFI)])
    locatie.save()  # as the portal's form does: the place's change time moves on

    assert "Gratis wifi" in client.get(url(locatie)).text


@pytest.mark.django_db
def test_the_cached_parts_of_one_place_never_show_on_another(client, gemeente):
    met = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    met.voorzieningen.set([Voorziening.objects.get(code=VoorzieningCode.WIFI)])
    zonder = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    Locatie.objects.filter(pk=zonder.pk).update(gewijzigd_op=met.gewijzigd_op)

    assert "Gratis wifi" in client.get(url(met)).text
    assert "Gratis wifi" not in client.get(url(zonder)).text


@pytest.mark.django_db
def test_a_new_activity_shows_at_once_despite_the_cached_programme(client, gemeente):
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    assert "Koffieochtend" not in client.get(url(locatie)).text

    ActiviteitFactory(
        locatie=locatie, titel="Koffieochtend", startdatum=timezone.localdate(), herhaling=""
    )

    assert "Koffieochtend" in client.get(url(locatie)).text
