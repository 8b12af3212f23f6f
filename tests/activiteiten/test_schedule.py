import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from activiteiten.schedule import aware, dates_between, parse_rule
from kern.timezones import AMSTERDAM
from tests.factories import ActiviteitFactory

# Tuesday 5 January 2027.
START = dt.date(2027, 1, 5)


def activiteit(herhaling, startdatum=START):
    return ActiviteitFactory.build(herhaling=herhaling, startdatum=startdatum)


def test_weekly_rule_gives_every_tuesday_in_the_window():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU"), dt.date(2027, 1, 1), dt.date(2027, 1, 31)
    )

    assert dates == [
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 19),
        dt.date(2027, 1, 26),
    ]


def test_window_includes_both_its_first_and_last_day():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU"), dt.date(2027, 1, 12), dt.date(2027, 1, 19)
    )

    assert dates == [dt.date(2027, 1, 12), dt.date(2027, 1, 19)]


def test_every_other_week_is_anchored_on_the_start_date():
    # From 5 January: 5 and 19 January, 2 and 16 February; never 12 or 26 January.
    dates = dates_between(
        activiteit("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), dt.date(2027, 1, 10), dt.date(2027, 2, 28)
    )

    assert dates == [dt.date(2027, 1, 19), dt.date(2027, 2, 2), dt.date(2027, 2, 16)]


def test_monthly_rule_gives_the_first_monday_of_each_month():
    dates = dates_between(
        activiteit("FREQ=MONTHLY;BYDAY=1MO", startdatum=dt.date(2027, 1, 4)),
        dt.date(2027, 1, 1),
        dt.date(2027, 4, 30),
    )

    assert dates == [
        dt.date(2027, 1, 4),
        dt.date(2027, 2, 1),
        dt.date(2027, 3, 1),
        dt.date(2027, 4, 5),
    ]
    assert all(day.weekday() == 0 and day.day <= 7 for day in dates)


def test_count_is_counted_from_the_start_date_not_from_the_window():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU;COUNT=3"), dt.date(2027, 1, 10), dt.date(2027, 3, 31)
    )

    assert dates == [dt.date(2027, 1, 12), dt.date(2027, 1, 19)]


def test_until_ends_the_series():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270119"),
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 31),
    )

    assert dates == [dt.date(2027, 1, 5), dt.date(2027, 1, 12), dt.date(2027, 1, 19)]


def test_one_off_activity_inside_the_window_happens_once():
    dates = dates_between(activiteit(""), dt.date(2027, 1, 1), dt.date(2027, 1, 31))

    assert dates == [START]


@pytest.mark.parametrize(
    "start, end",
    [(dt.date(2027, 1, 6), dt.date(2027, 1, 31)), (dt.date(2026, 12, 1), dt.date(2027, 1, 4))],
)
def test_one_off_activity_outside_the_window_gives_nothing(start, end):
    assert dates_between(activiteit(""), start, end) == []


def test_exception_dates_are_left_out():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU"),
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 31),
        uitzonderingen=[dt.date(2027, 1, 12), dt.date(2027, 1, 26), dt.date(2027, 1, 27)],
    )

    assert dates == [dt.date(2027, 1, 5), dt.date(2027, 1, 19)]


def test_exception_date_cancels_a_one_off_activity():
    dates = dates_between(
        activiteit(""), dt.date(2027, 1, 1), dt.date(2027, 1, 31), uitzonderingen=[START]
    )

    assert dates == []


def test_window_before_the_start_date_gives_nothing():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU"), dt.date(2026, 12, 1), dt.date(2027, 1, 4)
    )

    assert dates == []


def test_window_that_begins_before_the_start_date_begins_at_the_start_date():
    dates = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU"), dt.date(2026, 12, 1), dt.date(2027, 1, 12)
    )

    assert dates == [dt.date(2027, 1, 5), dt.date(2027, 1, 12)]


def test_aware_keeps_ten_oclock_local_time_across_the_change_to_summer_time():
    # Summer time starts on Sunday 28 March 2027, the last Sunday of March.
    before = aware(dt.date(2027, 3, 23), dt.time(10, 0))
    after = aware(dt.date(2027, 3, 30), dt.time(10, 0))

    assert before.utcoffset() == dt.timedelta(hours=1)
    assert after.utcoffset() == dt.timedelta(hours=2)
    assert (before.hour, before.minute) == (10, 0)
    assert (after.hour, after.minute) == (10, 0)
    # Python subtracts datetimes of one tzinfo on the wall clock; in real time the week is an
    # hour shorter.
    elapsed = after.astimezone(dt.UTC) - before.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(days=7, hours=-1)


def test_weekly_activity_stays_at_ten_oclock_local_time_in_summer_and_winter():
    days = dates_between(
        activiteit("FREQ=WEEKLY;BYDAY=TU", startdatum=dt.date(2027, 3, 16)),
        dt.date(2027, 3, 1),
        dt.date(2027, 4, 6),
    )
    moments = [aware(day, dt.time(10, 0)) for day in days]

    assert [m.astimezone(AMSTERDAM).hour for m in moments] == [10, 10, 10, 10]
    assert [m.astimezone(dt.UTC).hour for m in moments] == [9, 9, 8, 8]


def test_parse_rule_accepts_the_rrule_prefix():
    rule = parse_rule("RRULE:FREQ=WEEKLY;BYDAY=TU", START)

    assert rule[0] == dt.datetime(2027, 1, 5)


def test_parse_rule_refuses_a_time_zone_in_the_rule():
    with pytest.raises(ValidationError) as excinfo:
        parse_rule("FREQ=WEEKLY;TZID=Europe/Amsterdam", START)

    assert excinfo.value.code == "rrule"


@pytest.mark.parametrize(
    "herhaling",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=SECONDLY",
        "FREQ=MINUTELY;INTERVAL=5",
        "FREQ=HOURLY",
        "INTERVAL=2",  # no FREQ at all
        "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10,14",
        "FREQ=WEEKLY;COUNT=0",
        "FREQ=WEEKLY;COUNT=5;UNTIL=20271231",
        "FREQ=WEEKLY;INTERVAL=abc",
    ],
)
def test_parse_rule_refuses_rules_that_would_run_away_or_break_rfc_5545(herhaling):
    with pytest.raises(ValidationError) as excinfo:
        parse_rule(herhaling, START)

    assert excinfo.value.code == "rrule"


def test_parse_rule_accepts_the_last_weekday_of_the_month():
    rule = parse_rule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", START)

    assert rule[0] == dt.datetime(2027, 1, 29)
