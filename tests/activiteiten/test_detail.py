"""The public page of one activity: what, for whom, where, who, its next dates with cancelled
and moved ones marked, links to put a date in Google Calendar or Outlook.com, and the
subscribe boxes on the activity, place, wijk and agenda pages."""

import datetime as dt
import json
import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten import occurrences
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Occurrence
from locaties.constants import LocatieStatus
from locaties.models import Doelgroep
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    UitzonderingFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

# Wednesday 17 March 2027, eleven days before summer time starts.
TODAY = dt.date(2027, 3, 17)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    moment = dt.datetime.combine(TODAY, dt.time(11), tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def locatie(db):
    return LocatieFactory(
        gepubliceerd=True,
        naam="Buurthuiskamer De Linde",
        slug="de-linde",
        straat="Lindelaan",
        huisnummer=12,
        postcode="7311 AB",
        wijk=WijkFactory(naam="De Maten", slug="de-maten"),
    )


@pytest.fixture
def activiteit(locatie):
    """Every Tuesday 10:00–12:00 from 5 January 2027, € 2,50, sign up by phone."""
    activiteit = ActiviteitFactory(
        locatie=locatie,
        titel="Koffieochtend",
        slug="koffieochtend",
        omschrijving="Koffie, thee en een praatje.",
        organisator=PartnerFactory(naam="Stimenz", slug="stimenz", website="https://stimenz.nl"),
        ruimte=RuimteFactory(locatie=locatie, naam="De Huiskamer"),
        kosten=Decimal("2.50"),
        kosten_toelichting="koffie inbegrepen",
        aanmelden_nodig=True,
        aanmelden_via="055 123 45 67",
    )
    UitzonderingFactory(activiteit=activiteit, datum=dt.date(2027, 4, 27), reden="Koningsdag")
    UitzonderingFactory(
        activiteit=activiteit,
        datum=dt.date(2027, 4, 6),
        reden="Paasontbijt",
        nieuwe_datum=dt.date(2027, 4, 8),
        nieuwe_begintijd=dt.time(9),
        nieuwe_eindtijd=dt.time(11),
    )
    return activiteit


def page(client, slug="koffieochtend"):
    response = client.get(reverse("activiteiten:detail", args=[slug]))
    assert response.status_code == 200
    return response, response.content.decode()


def date_items(html: str) -> list[str]:
    """The text of each date on the page, tags removed."""
    items = re.findall(
        r'<li class="datums__item[^"]*">(.*?)</li>\s*(?=<li class="datums|</ul>)', html, re.S
    )
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split()) for item in items]


def links(html: str, start: str) -> list[str]:
    return [
        unescape(href) for href in re.findall(r'href="([^"]+)"', html) if href.startswith(start)
    ]


class TestTheActivityPage:
    def test_it_says_what_for_whom_what_it_costs_and_how_to_sign_up(self, client, activiteit):
        activiteit.doelgroepen.set(["ouderen"])
        response, html = page(client)

        assert '<h1 id="activiteit-titel" lang="nl">Koffieochtend</h1>' in html
        assert "Koffie, thee en een praatje." in html
        assert '€\xa02,50 (<span lang="nl">koffie inbegrepen</span>)' in html
        assert 'Nodig: <span lang="nl">055 123 45 67</span>' in html
        assert "Iedereen is welkom" in html
        assert "Bedoeld voor: ouderen" in html
        assert response.context["locatie"] == activiteit.locatie

    def test_it_says_where_with_a_link_to_the_place_and_who_organises_it(self, client, activiteit):
        _response, html = page(client)

        assert f'href="{reverse("publiek:locatie", args=["de-linde"])}"' in html
        assert "De Huiskamer" in html
        assert "Lindelaan 12" in html and "7311 AB Apeldoorn" in html
        assert '<a href="https://stimenz.nl" rel="external">Stimenz</a>' in html
        assert "webcal://testserver/organisaties/stimenz/agenda.ics" in html

    def test_it_lists_the_next_eight_weeks_with_cancelled_and_moved_dates_marked(
        self, client, activiteit
    ):
        _response, html = page(client)

        items = date_items(html)
        assert items[0].startswith("dinsdag 23 maart, 10:00–12:00")
        assert items[1].startswith("dinsdag 30 maart, 10:00–12:00")
        assert items[2].startswith(
            "donderdag 8 april, 09:00–11:00 Verplaatst van dinsdag 6 april."
        )
        koningsdag = next(item for item in items if "27 april" in item)
        assert koningsdag == "dinsdag 27 april, 10:00–12:00 Vervalt: Koningsdag"
        assert len(items) == 8  # 23 March up to and including 11 May
        assert items[-1].startswith("dinsdag 11 mei")

    def test_a_cancelled_date_offers_no_calendar_links(self, client, activiteit):
        _response, html = page(client)

        assert len(links(html, "https://calendar.google.com/calendar/render?action=")) == 7
        assert len(links(html, "https://outlook.live.com/")) == 7
        assert "/activiteiten/koffieochtend/2027-04-27.ics" not in html
        assert "/activiteiten/koffieochtend/2027-04-06.ics" in html  # moved: its scheduled date

    def test_a_monthly_activity_shows_at_least_three_dates(self, client, locatie):
        ActiviteitFactory(
            locatie=locatie,
            slug="spreekuur",
            startdatum=dt.date(2027, 1, 4),
            herhaling="FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO",
        )

        _response, html = page(client, "spreekuur")

        assert [item.split(",")[0] for item in date_items(html)] == [
            "maandag 3 mei",
            "maandag 5 juli",
            "maandag 6 september",
        ]

    def test_a_page_without_dates_says_so(self, client, locatie):
        ActiviteitFactory(locatie=locatie, slug="voorbij", eenmalig=True, startdatum=TODAY)
        Occurrence.objects.filter(activiteit__slug="voorbij").delete()

        _response, html = page(client, "voorbij")

        assert "Er staan de komende 8 weken geen datums in de agenda." in html

    def test_it_has_a_subscribe_box_and_the_report_link(self, client, activiteit):
        _response, html = page(client)

        assert 'href="webcal://testserver/activiteiten/koffieochtend/agenda.ics"' in html
        assert 'href="/activiteiten/koffieochtend/agenda.ics" download' in html
        assert "Abonneren zet de activiteiten in de agenda op je telefoon of computer" in html
        assert "/meldingen/nieuw/?locatie=de-linde&amp;activiteit=koffieochtend" in html

    def test_it_describes_each_date_as_a_schema_org_event(self, client, activiteit):
        _response, html = page(client)

        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        )
        events = {event["startDate"][:10]: event for event in data["@graph"]}
        assert events["2027-03-23"]["startDate"] == "2027-03-23T10:00:00+01:00"
        assert events["2027-03-30"]["startDate"] == "2027-03-30T10:00:00+02:00"
        assert events["2027-04-27"]["eventStatus"] == "https://schema.org/EventCancelled"
        assert events["2027-04-08"]["eventStatus"] == "https://schema.org/EventRescheduled"
        assert events["2027-04-08"]["previousStartDate"].startswith("2027-04-06T")
        assert events["2027-03-23"]["url"] == "http://testserver/activiteiten/koffieochtend/"
        assert events["2027-03-23"]["offers"]["price"] == "2.50"

    @pytest.mark.parametrize(
        "status",
        [ActiviteitStatus.CONCEPT, ActiviteitStatus.AFGELAST, ActiviteitStatus.GEARCHIVEERD],
    )
    def test_an_unpublished_activity_is_404(self, client, activiteit, status):
        Activiteit.objects.filter(pk=activiteit.pk).update(status=status)
        assert (
            client.get(reverse("activiteiten:detail", args=["koffieochtend"])).status_code == 404
        )

    @pytest.mark.parametrize(
        "status",
        [LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING, LocatieStatus.GEARCHIVEERD],
    )
    def test_an_activity_at_an_unpublished_place_is_404(self, client, activiteit, locatie, status):
        locatie.status = status
        locatie.save()
        assert (
            client.get(reverse("activiteiten:detail", args=["koffieochtend"])).status_code == 404
        )

    @pytest.mark.parametrize("count", [1, 30])
    def test_the_query_count_is_fixed(self, client, locatie, count, django_assert_max_num_queries):
        activiteit = ActiviteitFactory(
            locatie=locatie, slug="elke-dag", herhaling="FREQ=DAILY", startdatum=TODAY
        )
        activiteit.doelgroepen.set(Doelgroep.objects.all()[: 1 if count == 1 else None])
        for n in range(count):
            UitzonderingFactory(
                activiteit=activiteit, datum=TODAY + dt.timedelta(days=2 * n), reden="Dicht"
            )
        occurrences.regenerate(activiteit)

        with django_assert_max_num_queries(4):
            _response, html = page(client, "elke-dag")
        assert len(date_items(html)) == 12


class TestTheCalendarLinks:
    def query(self, html, start):
        return [parse_qs(urlsplit(url).query) for url in links(html, start)]

    def test_google_gets_utc_times_shown_in_amsterdam(self, client, activiteit):
        _response, html = page(client)

        winter, summer = self.query(html, "https://calendar.google.com/calendar/render?")[:2]
        assert winter["action"] == ["TEMPLATE"]
        assert winter["dates"] == ["20270323T090000Z/20270323T110000Z"]
        assert summer["dates"] == ["20270330T080000Z/20270330T100000Z"]
        assert winter["ctz"] == ["Europe/Amsterdam"]
        assert winter["text"] == ["Koffieochtend"]
        assert winter["location"] == [
            "De Huiskamer, Buurthuiskamer De Linde, Lindelaan 12, 7311 AB Apeldoorn"
        ]
        assert "http://testserver/activiteiten/koffieochtend/" in winter["details"][0]

    def test_outlook_gets_utc_times_in_iso_8601(self, client, activiteit):
        _response, html = page(client)

        winter, summer = self.query(html, "https://outlook.live.com/calendar/0/deeplink/compose?")[
            :2
        ]
        assert winter["startdt"] == ["2027-03-23T09:00:00Z"]
        assert winter["enddt"] == ["2027-03-23T11:00:00Z"]
        assert summer["startdt"] == ["2027-03-30T08:00:00Z"]
        assert winter["subject"] == ["Koffieochtend"]
        assert "Kosten: €\xa02,50 (koffie inbegrepen)." in winter["body"][0]

    def test_a_moved_date_links_its_new_time(self, client, activiteit):
        _response, html = page(client)

        moved = self.query(html, "https://calendar.google.com/calendar/render?")[2]
        assert moved["dates"] == ["20270408T070000Z/20270408T090000Z"]
        assert moved["details"][0].startswith("Verplaatst van dinsdag 6 april.")

    def test_the_links_are_encoded(self, client, locatie):
        ActiviteitFactory(locatie=locatie, slug="quiz", titel="Quiz & spel: 100% gezellig #1")

        _response, html = page(client, "quiz")

        (url, *_rest) = links(html, "https://calendar.google.com/calendar/render?")
        assert "text=Quiz%20%26%20spel%3A%20100%25%20gezellig%20%231&" in url
        assert parse_qs(urlsplit(url).query)["text"] == ["Quiz & spel: 100% gezellig #1"]


class TestLinksFromOtherPages:
    def test_the_place_page_links_each_activity_and_offers_its_feed(self, client, activiteit):
        html = client.get(reverse("publiek:locatie", args=["de-linde"])).content.decode()

        assert (
            '<a href="/activiteiten/koffieochtend/" lang="nl"><strong>Koffieochtend</strong></a>'
        ) in html
        assert 'href="webcal://testserver/locaties/de-linde/agenda.ics"' in html
        assert 'href="/locaties/de-linde/agenda.ics" download' in html

    def test_the_place_page_offers_the_feed_of_each_partner_that_organises_there(
        self, client, activiteit, locatie
    ):
        SamenwerkingFactory(locatie=locatie, partner=activiteit.organisator)
        SamenwerkingFactory(locatie=locatie, partner=PartnerFactory(naam="De Woonmensen"))

        html = client.get(reverse("publiek:locatie", args=["de-linde"])).content.decode()

        assert html.count("webcal://testserver/organisaties/") == 1
        assert 'href="webcal://testserver/organisaties/stimenz/agenda.ics"' in html

    def test_the_wijk_page_offers_its_feed(self, client, activiteit):
        html = client.get(reverse("publiek:wijk", args=["de-maten"])).content.decode()

        assert (
            '<a href="/activiteiten/koffieochtend/" lang="nl"><strong>Koffieochtend</strong></a>'
        ) in html
        assert 'href="webcal://testserver/wijken/de-maten/agenda.ics"' in html

    def test_the_agenda_offers_a_feed_only_when_filtered_by_place_or_wijk(
        self, client, activiteit
    ):
        agenda = reverse("activiteiten:agenda")
        everything = client.get(agenda).content.decode()
        by_place = client.get(agenda, {"locatie": "de-linde"}).content.decode()
        by_wijk = client.get(agenda, {"wijk": "de-maten"}).content.decode()

        assert "webcal://" not in everything
        assert 'href="webcal://testserver/locaties/de-linde/agenda.ics"' in by_place
        assert 'href="webcal://testserver/wijken/de-maten/agenda.ics"' in by_wijk
