"""Whether a place is open: locaties/opening.py. Dates in 2027; 22 March 2027 is a Monday, the
clocks go forward on Sunday 28 March and back on Sunday 31 October 2027."""

import datetime as dt

import pytest

from kern.timezones import AMSTERDAM
from locaties import opening
from locaties.constants import Weekdag
from locaties.models import Locatie
from tests.factories import LocatieFactory, OpeningstijdFactory, SluitingFactory

MA, DI, WO, ZA, ZO = (
    Weekdag.MAANDAG,
    Weekdag.DINSDAG,
    Weekdag.WOENSDAG,
    Weekdag.ZATERDAG,
    Weekdag.ZONDAG,
)


def at(year, month, day, hour, minute=0, second=0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=AMSTERDAM)


def place(*hours, closures=()):
    """A place with (weekday, 'HH:MM', 'HH:MM') hours and (van, tot, reden) closures, fetched
    with its hours and closures prefetched, as the pages do."""
    locatie = LocatieFactory()
    for weekdag, van, tot in hours:
        OpeningstijdFactory(
            locatie=locatie,
            weekdag=weekdag,
            van=dt.time.fromisoformat(van),
            tot=dt.time.fromisoformat(tot),
        )
    for van, tot, reden in closures:
        SluitingFactory(locatie=locatie, van=van, tot=tot, reden=reden)
    return Locatie.objects.prefetch_related("openingstijden", "sluitingen").get(pk=locatie.pk)


@pytest.mark.django_db
class TestStatusNow:
    def test_it_is_open_during_a_period_and_says_when_it_closes(self):
        status = opening.status_now(place((MA, "09:00", "12:00")), at(2027, 3, 22, 10, 15))
        assert status.is_open
        assert status.closes_at == at(2027, 3, 22, 12)
        assert status.text == "Nu open, sluit om 12:00"

    def test_it_is_closed_at_the_closing_minute(self):
        status = opening.status_now(place((MA, "09:00", "12:00")), at(2027, 3, 22, 12, 0))
        assert not status.is_open
        assert status.next_opening == at(2027, 3, 29, 9)

    def test_between_two_periods_it_opens_again_today(self):
        locatie = place((MA, "09:00", "12:00"), (MA, "13:00", "17:00"))
        status = opening.status_now(locatie, at(2027, 3, 22, 12, 30))
        assert not status.is_open
        assert status.next_opening == at(2027, 3, 22, 13)
        assert status.text == "Nu gesloten, opent vandaag om 13:00"

    def test_in_the_second_period_it_closes_at_its_end(self):
        locatie = place((MA, "09:00", "12:00"), (MA, "13:00", "17:00"))
        assert opening.status_now(locatie, at(2027, 3, 22, 16)).text == "Nu open, sluit om 17:00"

    def test_touching_periods_read_as_one(self):
        locatie = place((MA, "09:00", "12:00"), (MA, "12:00", "17:00"))
        status = opening.status_now(locatie, at(2027, 3, 22, 11))
        assert status.closes_at == at(2027, 3, 22, 17)

    def test_before_opening_it_opens_today(self):
        status = opening.status_now(place((MA, "09:00", "12:00")), at(2027, 3, 22, 7, 45))
        assert status.text == "Nu gesloten, opent vandaag om 09:00"

    def test_late_in_the_evening_it_opens_tomorrow(self):
        locatie = place((MA, "19:00", "23:59"), (DI, "09:00", "12:00"))
        assert opening.status_now(locatie, at(2027, 3, 22, 23, 58)).is_open
        status = opening.status_now(locatie, at(2027, 3, 22, 23, 59, 30))
        assert not status.is_open
        assert status.next_opening == at(2027, 3, 23, 9)
        assert status.text == "Nu gesloten, opent morgen om 09:00"

    def test_a_period_from_midnight_is_open_at_midnight(self):
        locatie = place((DI, "00:00", "02:00"))
        status = opening.status_now(locatie, at(2027, 3, 23, 0, 0))
        assert status.is_open
        assert status.closes_at == at(2027, 3, 23, 2)

    def test_the_moment_is_read_in_amsterdam_time(self):
        # 23:30 UTC on Monday is 00:30 on Tuesday in Amsterdam (winter time, UTC+1).
        locatie = place((DI, "00:00", "02:00"))
        now = dt.datetime(2027, 3, 22, 23, 30, tzinfo=dt.UTC)
        assert opening.status_now(locatie, now).is_open

    def test_the_next_opening_several_days_away_names_the_weekday(self):
        status = opening.status_now(place((DI, "09:00", "12:00")), at(2027, 3, 24, 10))
        assert status.next_opening == at(2027, 3, 30, 9)
        assert status.text == "Nu gesloten, opent dinsdag om 09:00"

    def test_an_opening_more_than_a_week_away_names_the_date(self):
        locatie = place(
            (DI, "09:00", "12:00"), closures=[(dt.date(2027, 3, 30), dt.date(2027, 3, 30), "")]
        )
        status = opening.status_now(locatie, at(2027, 3, 24, 10))
        assert status.next_opening == at(2027, 4, 6, 9)
        assert status.text == "Nu gesloten, opent op dinsdag 6 april om 09:00"

    def test_a_closure_today_closes_the_place_during_its_hours(self):
        locatie = place(
            (MA, "09:00", "17:00"),
            (DI, "09:00", "17:00"),
            closures=[(dt.date(2027, 7, 19), dt.date(2027, 8, 13), "zomerstop")],
        )
        status = opening.status_now(locatie, at(2027, 8, 10, 10))
        assert not status.is_open
        assert status.closure.reden == "zomerstop"
        assert status.next_opening == at(2027, 8, 16, 9)
        assert status.text == (
            "Tijdelijk gesloten tot en met 13 augustus (zomerstop), opent weer maandag om 09:00"
        )

    def test_a_closure_starting_tomorrow_is_skipped_for_the_next_opening(self):
        locatie = place(
            (MA, "09:00", "12:00"),
            (DI, "09:00", "12:00"),
            closures=[(dt.date(2027, 3, 23), dt.date(2027, 3, 28), "Verbouwing")],
        )
        status = opening.status_now(locatie, at(2027, 3, 22, 13))
        assert status.closure is None
        assert status.next_opening == at(2027, 3, 29, 9)

    def test_a_closure_that_ended_yesterday_does_not_count(self):
        locatie = place(
            (MA, "09:00", "12:00"),
            closures=[(dt.date(2027, 3, 15), dt.date(2027, 3, 21), "Voorjaarsvakantie")],
        )
        assert opening.status_now(locatie, at(2027, 3, 22, 10)).is_open

    def test_without_hours_it_says_open_by_appointment(self):
        status = opening.status_now(place(), at(2027, 3, 22, 10))
        assert not status.known
        assert not status.is_open
        assert status.text == "Geen vaste openingstijden: open op afspraak"

    def test_hours_that_never_come_say_so(self):
        locatie = place(
            (MA, "09:00", "12:00"),
            closures=[(dt.date(2027, 3, 1), dt.date(2029, 12, 31), "Sloop en nieuwbouw")],
        )
        status = opening.status_now(locatie, at(2027, 3, 22, 10))
        assert status.next_opening is None
        assert status.text.endswith("geen openingstijden gepland")

    def test_on_the_day_the_clocks_go_forward_the_wall_clock_counts(self):
        locatie = place((ZA, "10:00", "12:00"), (ZO, "10:00", "12:00"))
        # 08:30 UTC on Sunday 28 March 2027 is 10:30 summer time.
        status = opening.status_now(locatie, dt.datetime(2027, 3, 28, 8, 30, tzinfo=dt.UTC))
        assert status.is_open
        assert status.closes_at == dt.datetime(2027, 3, 28, 10, 0, tzinfo=dt.UTC)
        # On Saturday evening the next opening is Sunday 10:00 summer time, 08:00 UTC.
        status = opening.status_now(locatie, at(2027, 3, 27, 20))
        assert status.next_opening == dt.datetime(2027, 3, 28, 8, 0, tzinfo=dt.UTC)
        assert status.text == "Nu gesloten, opent morgen om 10:00"

    def test_on_the_day_the_clocks_go_back_the_wall_clock_counts(self):
        locatie = place((ZO, "10:00", "12:00"))
        # 09:30 UTC on Sunday 31 October 2027 is 10:30 winter time (UTC+1).
        status = opening.status_now(locatie, dt.datetime(2027, 10, 31, 9, 30, tzinfo=dt.UTC))
        assert status.is_open
        assert status.closes_at == dt.datetime(2027, 10, 31, 11, 0, tzinfo=dt.UTC)

    def test_it_asks_the_database_nothing_when_prefetched(self, django_assert_num_queries):
        locatie = place(
            (MA, "09:00", "12:00"), closures=[(dt.date(2027, 3, 29), dt.date(2027, 3, 29), "")]
        )
        with django_assert_num_queries(0):
            opening.status_now(locatie, at(2027, 3, 22, 13)).text  # noqa: B018


@pytest.mark.django_db
def test_week_hours_lists_every_day_with_merged_periods():
    locatie = place((MA, "09:00", "12:00"), (MA, "12:00", "17:00"), (WO, "19:00", "21:00"))
    hours = opening.week_hours(locatie.openingstijden.all())
    assert [day for day, _periods in hours] == [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ]
    assert hours[0][1] == [(dt.time(9), dt.time(17))]
    assert hours[1][1] == []
    assert hours[2][1] == [(dt.time(19), dt.time(21))]


@pytest.mark.django_db
def test_upcoming_closures_leave_out_the_past():
    locatie = place(
        closures=[
            (dt.date(2027, 1, 1), dt.date(2027, 1, 3), "Nieuwjaar"),
            (dt.date(2027, 4, 27), dt.date(2027, 4, 27), "Koningsdag"),
        ]
    )
    closures = opening.upcoming_closures(locatie.sluitingen.all(), dt.date(2027, 3, 22))
    assert [s.reden for s in closures] == ["Koningsdag"]
