"""iCalendar feeds per place, wijk, organisation and activity, and one date as a download:
parsed back with the icalendar library, compared with the stored dates, and their caching
headers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from activiteiten import feeds, occurrences, planning
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit, Occurrence
from kern.timezones import AMSTERDAM
from locaties.constants import LocatieStatus
from tests.factories import (
    ActiviteitFactory,
    BuurtFactory,
    LocatieFactory,
    PartnerFactory,
    UitzonderingFactory,
    UserFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

# Wednesday 10 March 2027: the window runs from 10 February to 10 September 2027, across the
# start of summer time on Sunday 28 March.
TODAY = dt.date(2027, 3, 10)


class Clock:
    """timezone.now() for the test: a fixed moment that a test can move on."""

    def __init__(self, moment):
        self.moment = moment

    def now(self):
        return self.moment

    def advance(self, **delta):
        self.moment += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(dt.datetime.combine(TODAY, dt.time(11), tzinfo=dt.UTC))
    monkeypatch.setattr(timezone, "now", clock.now)
    return clock


@pytest.fixture
def locatie(db, clock):
    return LocatieFactory(
        gepubliceerd=True,
        naam="Buurthuiskamer De Linde",
        slug="de-linde",
        straat="Lindelaan",
        huisnummer=12,
        postcode="7311 AB",
    )


@pytest.fixture
def activiteit(locatie):
    """Every Tuesday 10:00–12:00 from 5 January 2027."""
    return ActiviteitFactory(locatie=locatie, titel="Koffieochtend", slug="koffieochtend")


def tuesdays(start: dt.date, end: dt.date) -> list[dt.date]:
    day = start + dt.timedelta(days=(1 - start.weekday()) % 7)
    result = []
    while day <= end:
        result.append(day)
        day += dt.timedelta(days=7)
    return result


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    return Calendar.from_ical(response.content), response


def events(calendar) -> list:
    return list(calendar.walk("VEVENT"))


def by_uid(calendar) -> dict:
    return {str(event["UID"]): event for event in events(calendar)}


def feed_url(locatie) -> str:
    return reverse("activiteiten:feed_locatie", args=[locatie.slug])


class TestThePlaceFeed:
    def test_it_holds_every_date_of_the_window(self, client, activiteit, locatie):
        calendar, _response = fetch(client, feed_url(locatie))

        start, end = feeds.window(TODAY)
        assert [event.start.date() for event in events(calendar)] == tuesdays(start, end)
        assert len(events(calendar)) == 30

    def test_it_is_a_published_calendar_with_an_amsterdam_time_zone(
        self, client, activiteit, locatie
    ):
        calendar, _response = fetch(client, feed_url(locatie))

        assert calendar["VERSION"] == "2.0"
        assert calendar["PRODID"].startswith("-//Ontmoetingsplekken//")
        assert calendar["CALSCALE"] == "GREGORIAN"
        assert calendar["METHOD"] == "PUBLISH"
        assert calendar["X-WR-CALNAME"] == "Activiteiten bij Buurthuiskamer De Linde"
        assert calendar["X-WR-TIMEZONE"] == "Europe/Amsterdam"
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        assert calendar.get_missing_tzids() == set()

    def test_ten_oclock_stays_ten_oclock_across_the_change_to_summer_time(
        self, client, activiteit, locatie
    ):
        calendar, response = fetch(client, feed_url(locatie))

        starts = {event.start.date(): event.start for event in events(calendar)}
        winter, summer = starts[dt.date(2027, 3, 23)], starts[dt.date(2027, 3, 30)]
        assert winter == dt.datetime(2027, 3, 23, 10, tzinfo=AMSTERDAM)
        assert summer == dt.datetime(2027, 3, 30, 10, tzinfo=AMSTERDAM)
        assert winter.astimezone(dt.UTC).hour == 9
        assert summer.astimezone(dt.UTC).hour == 8
        text = response.content.decode()
        assert "DTSTART;TZID=Europe/Amsterdam:20270330T100000" in text
        assert "DTEND;TZID=Europe/Amsterdam:20270330T120000" in text

    def test_the_time_zone_changes_at_the_moments_zoneinfo_gives(
        self, client, activiteit, locatie
    ):
        calendar, _response = fetch(client, feed_url(locatie))

        # RFC 5545 §3.6.5: an observance's onset is DTSTART in the offset before it.
        onsets = {
            (observance["DTSTART"].dt - observance["TZOFFSETFROM"].td).replace(tzinfo=dt.UTC)
            for observance in calendar.walk("VTIMEZONE")[0].subcomponents
            if observance["TZOFFSETFROM"].td != observance["TZOFFSETTO"].td
        }
        assert dt.datetime(2027, 3, 28, 1, tzinfo=dt.UTC) in onsets
        assert dt.datetime(2027, 10, 31, 1, tzinfo=dt.UTC) in onsets
        for onset in onsets:
            before = (onset - dt.timedelta(seconds=1)).astimezone(AMSTERDAM).utcoffset()
            assert before != onset.astimezone(AMSTERDAM).utcoffset()

    def test_every_event_carries_a_stable_uid_and_the_activity_page(
        self, client, activiteit, locatie
    ):
        calendar, _response = fetch(client, feed_url(locatie))

        event = by_uid(calendar)[f"{activiteit.pk}-20270316@testserver"]
        assert event["URL"] == "http://testserver/activiteiten/koffieochtend/"
        assert "http://testserver/activiteiten/koffieochtend/" in event["DESCRIPTION"]
        assert event["SUMMARY"] == "Koffieochtend"
        assert event["STATUS"] == "CONFIRMED"
        assert event["TRANSP"] == "TRANSPARENT"
        assert event["LOCATION"] == "Buurthuiskamer De Linde, Lindelaan 12, 7311 AB Apeldoorn"
        assert "DTSTAMP" in event
        assert event.start == dt.datetime(2027, 3, 16, 10, tzinfo=AMSTERDAM)

    def test_the_uids_survive_regeneration_and_the_sequence_grows(
        self, client, activiteit, locatie
    ):
        before, _response = fetch(client, feed_url(locatie))
        occurrences.regenerate(activiteit)
        after, _response = fetch(client, feed_url(locatie))

        assert by_uid(before).keys() == by_uid(after).keys()
        uid = f"{activiteit.pk}-20270316@testserver"
        assert by_uid(after)[uid]["SEQUENCE"] > by_uid(before)[uid]["SEQUENCE"]

    def test_a_cancelled_date_is_cancelled_with_its_reason(self, client, activiteit, locatie):
        UitzonderingFactory(activiteit=activiteit, datum=dt.date(2027, 4, 27), reden="Koningsdag")

        calendar, _response = fetch(client, feed_url(locatie))

        event = by_uid(calendar)[f"{activiteit.pk}-20270427@testserver"]
        assert event["STATUS"] == "CANCELLED"
        assert "Vervalt: Koningsdag" in event["DESCRIPTION"]
        assert event["SUMMARY"] == "Koffieochtend (vervalt)"
        assert len(events(calendar)) == 30  # cancelled, not left out

    def test_a_moved_date_keeps_its_uid_at_its_new_time_with_a_higher_sequence(
        self, client, activiteit, locatie
    ):
        uid = f"{activiteit.pk}-20270504@testserver"
        before = by_uid(fetch(client, feed_url(locatie))[0])[uid]
        UitzonderingFactory(
            activiteit=activiteit,
            datum=dt.date(2027, 5, 4),
            reden="Verplaatst",
            nieuwe_datum=dt.date(2027, 5, 6),
            nieuwe_begintijd=dt.time(14),
            nieuwe_eindtijd=dt.time(15, 30),
        )

        after = by_uid(fetch(client, feed_url(locatie))[0])[uid]

        assert after.start == dt.datetime(2027, 5, 6, 14, tzinfo=AMSTERDAM)
        assert after.end == dt.datetime(2027, 5, 6, 15, 30, tzinfo=AMSTERDAM)
        assert after["STATUS"] == "CONFIRMED"
        assert "Verplaatst van dinsdag 4 mei." in after["DESCRIPTION"]
        assert after["SEQUENCE"] > before["SEQUENCE"]

    def test_a_place_without_a_public_address_shows_only_street_and_town(
        self, client, activiteit, locatie
    ):
        locatie.adres_openbaar = False
        locatie.save()

        calendar, _response = fetch(client, feed_url(locatie))

        event = events(calendar)[0]
        assert event["LOCATION"] == "Buurthuiskamer De Linde, Lindelaan, Apeldoorn"
        assert "GEO" not in event

    def test_a_place_without_a_public_address_is_placed_at_its_buurts_rounded_centre(
        self, client, activiteit, locatie
    ):
        grens = {
            "type": "Polygon",
            "coordinates": [[[5.961, 52.211], [5.981, 52.211], [5.981, 52.221], [5.961, 52.221]]],
        }
        buurt = BuurtFactory(gemeente=locatie.gemeente, grens=grens)
        locatie.buurt, locatie.wijk, locatie.adres_openbaar = buurt, buurt.wijk, False
        locatie.save()

        calendar, _response = fetch(client, feed_url(locatie))

        assert events(calendar)[0]["GEO"].to_ical() == "52.216;5.971"
        assert b"GEO:52.211;5.97" not in _response.content

    def test_it_leaves_out_unpublished_activities(self, client, activiteit, locatie):
        ActiviteitFactory(locatie=locatie, status=ActiviteitStatus.CONCEPT, titel="Concept")
        ActiviteitFactory(locatie=locatie, status=ActiviteitStatus.AFGELAST, titel="Afgelast")

        calendar, _response = fetch(client, feed_url(locatie))

        assert {str(event["SUMMARY"]) for event in events(calendar)} == {"Koffieochtend"}

    def test_it_is_served_as_a_cacheable_calendar_file(self, client, activiteit, locatie):
        _calendar, response = fetch(client, feed_url(locatie))

        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="de-linde.ics"'
        assert "public" in response["Cache-Control"]
        assert "max-age=3600" in response["Cache-Control"]
        assert response["ETag"]
        assert response["Last-Modified"]

    @pytest.mark.parametrize(
        "status",
        [LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING, LocatieStatus.GEARCHIVEERD],
    )
    def test_an_unpublished_place_has_no_feed(self, client, locatie, status):
        locatie.status = status
        locatie.save()
        assert client.get(feed_url(locatie)).status_code == 404

    def test_only_get_and_head_are_answered(self, client, activiteit, locatie):
        assert client.head(feed_url(locatie)).status_code == 200
        assert client.post(feed_url(locatie)).status_code == 405


class TestConditionalRequests:
    def test_a_matching_etag_gets_304_with_the_caching_headers(self, client, activiteit, locatie):
        _calendar, first = fetch(client, feed_url(locatie))

        again = client.get(feed_url(locatie), HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert "max-age=3600" in again["Cache-Control"]

    def test_an_unchanged_feed_since_its_last_modified_gets_304(self, client, activiteit, locatie):
        _calendar, first = fetch(client, feed_url(locatie))

        again = client.get(feed_url(locatie), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert again.status_code == 304

    def test_cancelling_a_date_changes_both_validators(self, client, activiteit, locatie, clock):
        _calendar, first = fetch(client, feed_url(locatie))
        clock.advance(minutes=5)
        planning.cancel_date(
            activiteit=activiteit,
            datum=dt.date(2027, 3, 16),
            reden="Ziek",
            door=UserFactory(),
        )

        by_etag = client.get(feed_url(locatie), HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(feed_url(locatie), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert by_etag.status_code == 200
        assert by_etag["ETag"] != first["ETag"]
        cancelled = by_uid(Calendar.from_ical(by_etag.content))[
            f"{activiteit.pk}-20270316@testserver"
        ]
        assert cancelled["STATUS"] == "CANCELLED"  # not the body cached for the old ETag
        assert by_date.status_code == 200
        assert by_date["Last-Modified"] == http_date(clock.moment.timestamp())

    def test_archiving_an_activity_changes_the_last_modified(
        self, client, activiteit, locatie, clock
    ):
        _calendar, first = fetch(client, feed_url(locatie))
        clock.advance(minutes=5)
        planning.change_status(
            activiteit=activiteit, status=ActiviteitStatus.GEARCHIVEERD, door=UserFactory()
        )

        response = client.get(feed_url(locatie), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert response.status_code == 200
        assert events(Calendar.from_ical(response.content)) == []

    def test_a_new_day_changes_the_etag(self, client, activiteit, locatie, clock):
        _calendar, first = fetch(client, feed_url(locatie))
        clock.advance(days=1)

        response = client.get(feed_url(locatie), HTTP_IF_NONE_MATCH=first["ETag"])

        assert response.status_code == 200


class TestTheOtherFeeds:
    def test_a_wijk_holds_its_buurten_and_a_buurt_only_its_own(self, client, clock):
        buurt = BuurtFactory()
        andere_buurt = BuurtFactory(wijk=buurt.wijk)
        in_buurt = ActiviteitFactory(
            locatie=LocatieFactory(gepubliceerd=True, wijk=buurt.wijk, buurt=buurt),
            titel="In de buurt",
        )
        ActiviteitFactory(
            locatie=LocatieFactory(gepubliceerd=True, wijk=buurt.wijk, buurt=andere_buurt),
            titel="In de andere buurt",
        )
        ActiviteitFactory(locatie=LocatieFactory(gepubliceerd=True, wijk=WijkFactory()))

        wijk_feed, _response = fetch(
            client, reverse("activiteiten:feed_wijk", args=[buurt.wijk.slug])
        )
        buurt_feed, _response = fetch(client, reverse("activiteiten:feed_wijk", args=[buurt.slug]))

        assert {str(e["SUMMARY"]) for e in events(wijk_feed)} == {
            "In de buurt",
            "In de andere buurt",
        }
        assert {str(e["SUMMARY"]) for e in events(buurt_feed)} == {"In de buurt"}
        assert buurt_feed["X-WR-CALNAME"] == f"Activiteiten in {buurt.naam}"
        assert all(str(e["UID"]).startswith(f"{in_buurt.pk}-") for e in events(buurt_feed))

    def test_an_organisation_holds_its_activities_at_every_published_place(self, client, clock):
        stimenz = PartnerFactory(naam="Stimenz", slug="stimenz")
        ActiviteitFactory(organisator=stimenz, locatie=LocatieFactory(gepubliceerd=True))
        ActiviteitFactory(organisator=stimenz, locatie=LocatieFactory(gepubliceerd=True))
        ActiviteitFactory(organisator=stimenz, locatie=LocatieFactory())  # concept place
        ActiviteitFactory(locatie=LocatieFactory(gepubliceerd=True))  # someone else's

        calendar, response = fetch(
            client, reverse("activiteiten:feed_organisatie", args=["stimenz"])
        )

        assert calendar["X-WR-CALNAME"] == "Activiteiten van Stimenz"
        assert len({str(e["UID"]).split("-")[0] for e in events(calendar)}) == 2
        assert response["Content-Disposition"] == 'attachment; filename="stimenz.ics"'

    def test_an_organisation_without_public_activities_has_no_feed(self, client, clock):
        partner = PartnerFactory()
        ActiviteitFactory(organisator=partner, locatie=LocatieFactory(gepubliceerd=True)).delete()
        ActiviteitFactory(organisator=partner, status=ActiviteitStatus.CONCEPT)

        url = reverse("activiteiten:feed_organisatie", args=[partner.slug])
        assert client.get(url).status_code == 404

    def test_one_activity_makes_the_subscriber_busy(self, client, activiteit):
        calendar, response = fetch(client, reverse("activiteiten:feed", args=[activiteit.slug]))

        assert calendar["X-WR-CALNAME"] == "Koffieochtend"
        assert len(events(calendar)) == 30
        assert {str(e["TRANSP"]) for e in events(calendar)} == {"OPAQUE"}
        assert response["Content-Disposition"] == 'attachment; filename="koffieochtend.ics"'

    @pytest.mark.parametrize(
        "change",
        [
            {"status": ActiviteitStatus.CONCEPT},
            {"status": ActiviteitStatus.GEARCHIVEERD},
            {"locatie_status": LocatieStatus.CONCEPT},
        ],
    )
    def test_an_unpublished_activity_has_no_feed_page_or_dates(
        self, client, activiteit, locatie, change
    ):
        if "status" in change:
            Activiteit.objects.filter(pk=activiteit.pk).update(status=change["status"])
        else:
            locatie.status = change["locatie_status"]
            locatie.save()

        for url in (
            reverse("activiteiten:feed", args=[activiteit.slug]),
            reverse("activiteiten:detail", args=[activiteit.slug]),
            reverse("activiteiten:datum_ics", args=[activiteit.slug, "2027-03-16"]),
        ):
            assert client.get(url).status_code == 404, url

    def test_an_unknown_wijk_has_no_feed(self, client):
        assert client.get(reverse("activiteiten:feed_wijk", args=["nergens"])).status_code == 404


class TestOneDate:
    def url(self, activiteit, datum):
        return reverse("activiteiten:datum_ics", args=[activiteit.slug, datum])

    def test_it_is_one_event_with_the_feeds_uid(self, client, activiteit):
        calendar, response = fetch(client, self.url(activiteit, "2027-03-30"))

        (event,) = events(calendar)
        assert str(event["UID"]) == f"{activiteit.pk}-20270330@testserver"
        assert event.start == dt.datetime(2027, 3, 30, 10, tzinfo=AMSTERDAM)
        assert event["TRANSP"] == "OPAQUE"
        assert calendar.walk("VTIMEZONE")
        assert response["Content-Disposition"] == (
            'attachment; filename="koffieochtend-2027-03-30.ics"'
        )

    def test_a_moved_date_is_found_by_its_scheduled_date(self, client, activiteit):
        UitzonderingFactory(
            activiteit=activiteit,
            datum=dt.date(2027, 3, 30),
            reden="Verplaatst",
            nieuwe_datum=dt.date(2027, 3, 31),
        )

        calendar, _response = fetch(client, self.url(activiteit, "2027-03-30"))

        assert events(calendar)[0].start == dt.datetime(2027, 3, 31, 10, tzinfo=AMSTERDAM)

    @pytest.mark.parametrize("datum", ["2027-03-31", "2027-02-30", "gisteren", "2027-3-3"])
    def test_a_day_without_the_activity_is_404(self, client, activiteit, datum):
        assert client.get(self.url(activiteit, datum)).status_code == 404


def total_in_window(activiteiten) -> int:
    start, end = feeds.window(TODAY)
    return Occurrence.objects.filter(
        activiteit__in=activiteiten, datum__range=(start, end)
    ).count()


class TestTheQueryCountIsFixed:
    @pytest.fixture
    def many(self, locatie):
        """`count` weekly activities at one place, by one organiser, in one wijk."""

        def make(count):
            organisator = PartnerFactory(slug="organisator")
            locatie.wijk = WijkFactory(slug="de-wijk")
            locatie.save()
            created = Activiteit.objects.bulk_create(
                Activiteit(
                    titel=f"Activiteit {n}",
                    slug=f"activiteit-{n}",
                    locatie=locatie,
                    organisator=organisator,
                    categorie="koffie",
                    startdatum=dt.date(2027, 1, 4) + dt.timedelta(days=n % 7),
                    begintijd=dt.time(9 + n % 8),
                    eindtijd=dt.time(10 + n % 8),
                    herhaling="FREQ=WEEKLY",
                    status=ActiviteitStatus.GEPUBLICEERD,
                )
                for n in range(count)
            )
            for activiteit in created:
                occurrences.regenerate(activiteit)
            return created

        return make

    @pytest.mark.parametrize("count", [1, 40])
    @pytest.mark.parametrize(
        "name, slug",
        [
            ("feed_locatie", "de-linde"),
            ("feed_wijk", "de-wijk"),
            ("feed_organisatie", "organisator"),
            ("feed", "activiteit-0"),
        ],
    )
    def test_for_every_feed(self, client, many, count, name, slug, django_assert_max_num_queries):
        created = many(count)
        assert total_in_window(created) > count  # the window holds many dates of each

        url = reverse(f"activiteiten:{name}", args=[slug])
        # Built: the feed's record, three aggregates, one cache read (the body and the
        # variants asked for), the dates and their activities, and two cache writes, the body
        # and, the first time a scheme, host and language asks, that variant for the
        # background builds (five queries a write with the database cache, one with Redis).
        with django_assert_max_num_queries(17):
            response = client.get(url)
        assert response.status_code == 200
        in_feed = created[:1] if name == "feed" else created
        assert response.content.count(b"BEGIN:VEVENT") == total_in_window(in_feed)
        # From the cache: the record, the aggregates and the read.
        with django_assert_max_num_queries(5):
            again = client.get(url)
        assert again.content == response.content
        # Not modified: no body at all.
        with django_assert_max_num_queries(4):
            cached = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert cached.status_code == 304


class TestBuiltAhead:
    """After a change the feeds holding the activity are built again in the background (in
    the process without a broker), for every scheme, host and language they were asked in."""

    def test_a_cancelled_date_is_in_the_cache_before_the_next_request(
        self, client, activiteit, locatie, django_capture_on_commit_callbacks,
        django_assert_max_num_queries,
    ):  # fmt: skip
        # Addresses first: reverse() follows the language of the last request.
        dutch = feed_url(locatie)
        organisatie = reverse("activiteiten:feed_organisatie", args=[activiteit.organisator.slug])
        english = "/en" + dutch
        for url in (dutch, organisatie, english):
            fetch(client, url)

        with django_capture_on_commit_callbacks(execute=True):
            UitzonderingFactory(
                activiteit=activiteit, datum=dt.date(2027, 4, 27), reden="Koningsdag"
            )

        uid = f"{activiteit.pk}-20270427@testserver"
        summaries = {}
        for url in (dutch, organisatie, english):
            # From the cache: the feed's record, the aggregates and the read; nothing built.
            with django_assert_max_num_queries(5):
                calendar, _response = fetch(client, url)
            assert by_uid(calendar)[uid]["STATUS"] == "CANCELLED"
            summaries[url] = str(by_uid(calendar)[uid]["SUMMARY"])
        assert summaries[dutch] == summaries[organisatie] == "Koffieochtend (vervalt)"
        assert summaries[english] == "Koffieochtend (cancelled)"

    def test_feeds_nobody_asked_for_are_left_to_their_first_request(self, activiteit):
        assert feeds.build_ahead([activiteit.pk], today=TODAY) == 0

    def test_a_failing_build_ahead_does_not_fail_the_change(
        self, activiteit, monkeypatch, django_capture_on_commit_callbacks
    ):
        def broken(*args, **kwargs):
            raise RuntimeError("cache unreachable")

        monkeypatch.setattr(feeds, "build_ahead", broken)

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            occurrences.regenerate(activiteit)

        assert len(callbacks) == 1
        assert Occurrence.objects.filter(activiteit=activiteit).exists()


def test_long_texts_with_accents_and_separators_come_back_as_they_were(client, locatie):
    omschrijving = "Koffie, thee; en een praatje — café’s € 2,50\\n " * 12
    ActiviteitFactory(
        locatie=locatie, titel="Café; “de Buurt”, open", slug="cafe", omschrijving=omschrijving
    )

    calendar, response = fetch(client, feed_url(locatie))

    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    event = events(calendar)[0]
    assert event["SUMMARY"] == "Café; “de Buurt”, open"
    assert omschrijving.strip() in event["DESCRIPTION"]
