"""Free hours of a room in a week (activiteiten/vrije_uren.py), on hand-made cases: opening
hours, lettings, activities' dates, closures and the weeks the clocks change. No database:
the functions take rows already fetched."""

import datetime as dt

import pytest
from django.utils import translation

from activiteiten.vrije_uren import Blok, free_blocks, letting_blocks, open_blocks, total_hours
from kern.timezones import AMSTERDAM
from locaties.constants import Weekdag
from locaties.models import Openingstijd, Sluiting, Verhuur

MONDAY = dt.date(2027, 3, 8)  # an ordinary week: Monday 8 to Sunday 14 March 2027


def tijd(weekdag, van, tot):
    return Openingstijd(weekdag=weekdag, van=dt.time(*van), tot=dt.time(*tot))


def bezet(day, van, tot):
    """An activity's date as stored: aware begin and end."""
    return (
        dt.datetime.combine(day, dt.time(*van), tzinfo=AMSTERDAM),
        dt.datetime.combine(day, dt.time(*tot), tzinfo=AMSTERDAM),
    )


def texts(blocks):
    with translation.override("nl"):
        return [block.text for block in blocks]


def free(openingstijden, *, sluitingen=(), verhuringen=(), bezet=(), monday=MONDAY, **kwargs):
    return free_blocks(
        openingstijden=openingstijden,
        sluitingen=sluitingen,
        verhuringen=verhuringen,
        bezet=bezet,
        monday=monday,
        **kwargs,
    )


def test_an_open_room_without_use_is_free_all_opening_hours():
    blocks = free(
        [tijd(Weekdag.MAANDAG, (9, 0), (12, 0)), tijd(Weekdag.DINSDAG, (13, 0), (17, 0))]
    )

    assert texts(blocks) == ["ma 09:00–12:00", "di 13:00–17:00"]
    assert total_hours(blocks) == 7


def test_an_activity_over_lunch_splits_the_day_in_two_free_blocks():
    monday = [tijd(Weekdag.MAANDAG, (9, 0), (17, 0))]

    blocks = free(monday, bezet=[bezet(MONDAY, (12, 0), (13, 30))])

    assert texts(blocks) == ["ma 09:00–12:00", "ma 13:30–17:00"]
    assert total_hours(blocks) == 6.5


def test_touching_opening_periods_read_as_one_block():
    blocks = free(
        [tijd(Weekdag.WOENSDAG, (9, 0), (12, 0)), tijd(Weekdag.WOENSDAG, (12, 0), (17, 0))]
    )

    assert texts(blocks) == ["wo 09:00–17:00"]


def test_an_activity_across_the_closing_time_counts_only_until_closing():
    opening = [tijd(Weekdag.MAANDAG, (9, 0), (12, 0))]

    blocks = free(opening, bezet=[bezet(MONDAY, (11, 0), (13, 0))])

    assert texts(blocks) == ["ma 09:00–11:00"]
    opened = open_blocks(openingstijden=opening, sluitingen=[], monday=MONDAY)
    assert total_hours(opened) - total_hours(blocks) == 1  # held 2 hours, 1 of them open


def test_an_activity_that_starts_before_opening_takes_the_first_hours():
    blocks = free([tijd(Weekdag.MAANDAG, (9, 0), (12, 0))], bezet=[bezet(MONDAY, (8, 0), (9, 30))])

    assert texts(blocks) == ["ma 09:30–12:00"]


def test_an_activity_outside_the_opening_hours_takes_nothing():
    blocks = free(
        [tijd(Weekdag.MAANDAG, (9, 0), (12, 0))], bezet=[bezet(MONDAY, (19, 0), (21, 0))]
    )

    assert texts(blocks) == ["ma 09:00–12:00"]


def test_back_to_back_activities_leave_no_gap_between_them():
    blocks = free(
        [tijd(Weekdag.MAANDAG, (9, 0), (17, 0))],
        bezet=[bezet(MONDAY, (13, 0), (15, 0)), bezet(MONDAY, (10, 0), (13, 0))],
    )

    assert texts(blocks) == ["ma 09:00–10:00", "ma 15:00–17:00"]


def test_an_activity_that_fills_the_opening_hours_leaves_nothing():
    blocks = free([tijd(Weekdag.MAANDAG, (9, 0), (12, 0))], bezet=[bezet(MONDAY, (9, 0), (12, 0))])

    assert blocks == []


def test_a_closure_day_has_no_free_hours():
    opening = [tijd(weekdag, (9, 0), (12, 0)) for weekdag in (0, 1, 2)]
    tuesday = MONDAY + dt.timedelta(days=1)

    blocks = free(opening, sluitingen=[Sluiting(van=tuesday, tot=tuesday, reden="Studiedag")])

    assert texts(blocks) == ["ma 09:00–12:00", "wo 09:00–12:00"]


def test_a_closure_that_ends_before_the_week_takes_nothing():
    blocks = free(
        [tijd(Weekdag.MAANDAG, (9, 0), (12, 0))],
        sluitingen=[Sluiting(van=dt.date(2027, 2, 1), tot=MONDAY - dt.timedelta(days=1))],
    )

    assert texts(blocks) == ["ma 09:00–12:00"]


def test_a_letting_takes_its_whole_days_and_the_days_around_it_stay_free():
    opening = [tijd(weekdag, (9, 0), (17, 0)) for weekdag in range(5)]
    verhuur = Verhuur(
        ingangsdatum=MONDAY + dt.timedelta(days=2), einddatum=MONDAY + dt.timedelta(days=3)
    )

    blocks = free(opening, verhuringen=[verhuur])

    assert texts(blocks) == ["ma 09:00–17:00", "di 09:00–17:00", "vr 09:00–17:00"]


def test_an_open_ended_letting_from_midweek_takes_the_rest_of_the_week():
    opening = [tijd(weekdag, (9, 0), (12, 0)) for weekdag in range(7)]
    verhuur = Verhuur(ingangsdatum=MONDAY + dt.timedelta(days=5), einddatum=None)

    blocks = free(opening, verhuringen=[verhuur])

    assert [b.text for b in blocks][-1].startswith("vr")
    assert len(letting_blocks([verhuur], MONDAY)) == 1
    assert total_hours(blocks) == 15


def test_a_letting_outside_the_week_takes_nothing():
    opening = [tijd(Weekdag.MAANDAG, (9, 0), (12, 0))]
    earlier = Verhuur(ingangsdatum=dt.date(2026, 1, 1), einddatum=MONDAY - dt.timedelta(days=1))
    later = Verhuur(ingangsdatum=MONDAY + dt.timedelta(days=7), einddatum=None)

    assert texts(free(opening, verhuringen=[earlier, later])) == ["ma 09:00–12:00"]


def test_a_room_out_of_use_from_midweek_is_free_only_before():
    opening = [tijd(weekdag, (9, 0), (12, 0)) for weekdag in range(5)]

    blocks = free(opening, buiten_gebruik_sinds=MONDAY + dt.timedelta(days=2))

    assert texts(blocks) == ["ma 09:00–12:00", "di 09:00–12:00"]


def test_a_place_without_opening_hours_has_no_free_hours():
    assert free([], bezet=[bezet(MONDAY, (10, 0), (12, 0))]) == []


def test_in_the_week_the_clocks_go_back_the_long_night_counts_its_real_hours():
    # Sunday 25 October 2026 the clocks go from 03:00 back to 02:00: 00:00–06:00 lasts 7 hours.
    monday = dt.date(2026, 10, 19)
    sunday = dt.date(2026, 10, 25)
    opening = [tijd(Weekdag.MAANDAG, (10, 0), (12, 0)), tijd(Weekdag.ZONDAG, (0, 0), (6, 0))]

    blocks = free(opening, monday=monday)

    assert texts(blocks) == ["ma 10:00–12:00", "zo 00:00–06:00"]
    assert [block.uren for block in blocks] == [2, 7]
    # An activity at 10:00 on the clock, stored in UTC with each date's own offset.
    utc = dt.UTC
    held = [
        (dt.datetime(2026, 10, 19, 8, 30, tzinfo=utc), dt.datetime(2026, 10, 19, 9, tzinfo=utc)),
        (dt.datetime(2026, 10, 25, 4, 0, tzinfo=utc), dt.datetime(2026, 10, 25, 5, tzinfo=utc)),
    ]
    blocks = free(opening, monday=monday, bezet=held)
    assert texts(blocks) == ["ma 10:00–10:30", "ma 11:00–12:00", "zo 00:00–05:00"]
    assert sunday.weekday() == Weekdag.ZONDAG


def test_in_the_week_the_clocks_go_forward_the_short_night_counts_its_real_hours():
    # Sunday 28 March 2027 the clocks go from 02:00 to 03:00: 01:00–04:00 lasts 2 hours.
    monday = dt.date(2027, 3, 22)

    blocks = free([tijd(Weekdag.ZONDAG, (1, 0), (4, 0))], monday=monday)

    assert texts(blocks) == ["zo 01:00–04:00"]
    assert total_hours(blocks) == 2


def test_a_block_reads_in_the_active_language():
    block = Blok(
        dt.datetime(2027, 3, 9, 12, 0, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 9, 16, 0, tzinfo=dt.UTC),
    )

    with translation.override("nl"):
        assert block.text == "di 13:00–17:00"
    with translation.override("en"):
        assert block.text == "Tue 13:00–17:00"


@pytest.mark.parametrize(
    ("begin", "einde", "text"),
    [
        ((2027, 3, 8, 19), (2027, 3, 8, 23), "ma 20:00–24:00"),
        ((2027, 3, 8, 21), (2027, 3, 9, 1), "ma 22:00–di 02:00"),
    ],
)
def test_a_block_up_to_or_past_midnight_says_so(begin, einde, text):
    block = Blok(dt.datetime(*begin, tzinfo=dt.UTC), dt.datetime(*einde, tzinfo=dt.UTC))

    with translation.override("nl"):
        assert block.text == text
