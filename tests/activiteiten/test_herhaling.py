"""The plain recurrence choices and the RRULE they stand for: each choice written as a rule,
each rule read back, round trips that keep the dates, and rules that fit no plain choice."""

import datetime as dt

import pytest
from dateutil import rrule

from activiteiten import herhaling, schedule
from activiteiten.herhaling import Einde, Keuze, MaandSoort, Patroon

TUESDAY = dt.date(2027, 1, 5)  # the first Tuesday of 2027
TEN = dt.time(10)


def dates(rule: str, start=TUESDAY, n=8) -> list[dt.date]:
    parsed = schedule.parse_rule("".join(rule.split()), start, TEN)
    return [moment.date() for moment in parsed[:n]] if rule else [start]


@pytest.mark.parametrize(
    "keuze, rule",
    [
        (Keuze(), ""),
        (Keuze(patroon=Patroon.WEKELIJKS, weekdagen=["TU"]), "FREQ=WEEKLY;BYDAY=TU"),
        # The days come out in week order, whatever order they were ticked in.
        (Keuze(patroon=Patroon.WEKELIJKS, weekdagen=["FR", "MO"]), "FREQ=WEEKLY;BYDAY=MO,FR"),
        (
            Keuze(patroon=Patroon.TWEEWEKELIJKS, weekdagen=["TH"]),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        ),
        (Keuze(patroon=Patroon.WERKDAGEN), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        (
            Keuze(patroon=Patroon.MAANDELIJKS, maand_week="1", maand_weekdag="MO"),
            "FREQ=MONTHLY;BYDAY=1MO",
        ),
        (
            Keuze(patroon=Patroon.MAANDELIJKS, maand_week="-1", maand_weekdag="FR"),
            "FREQ=MONTHLY;BYDAY=-1FR",
        ),
        (
            Keuze(patroon=Patroon.MAANDELIJKS, maand_soort=MaandSoort.DAG, maand_dag=15),
            "FREQ=MONTHLY;BYMONTHDAY=15",
        ),
        (
            Keuze(
                patroon=Patroon.WEKELIJKS,
                weekdagen=["TU"],
                einde=Einde.DATUM,
                einde_datum=dt.date(2027, 6, 29),
            ),
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629",
        ),
        (
            Keuze(patroon=Patroon.WERKDAGEN, einde=Einde.AANTAL, einde_aantal=8),
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=8",
        ),
        # The end is no part of a one-off activity.
        (Keuze(einde=Einde.AANTAL, einde_aantal=3), ""),
    ],
)
def test_each_choice_is_written_as_a_valid_rule_and_read_back(keuze, rule):
    assert herhaling.to_rule(keuze) == rule
    if rule:
        schedule.parse_rule(rule, TUESDAY, TEN)  # dateutil accepts it
    read = herhaling.from_rule(rule, TUESDAY, TEN)
    assert read is not None
    assert herhaling.to_rule(read) == rule


def test_the_rules_give_the_dates_people_mean():
    assert dates("FREQ=WEEKLY;BYDAY=TU", n=3) == [
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 19),
    ]
    # Om de week, anchored on the first date.
    assert dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", n=3) == [
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 19),
        dt.date(2027, 2, 2),
    ]
    # The first Monday of each month, and the last Friday.
    assert dates("FREQ=MONTHLY;BYDAY=1MO", n=3) == [
        dt.date(2027, 2, 1),
        dt.date(2027, 3, 1),
        dt.date(2027, 4, 5),
    ]
    assert dates("FREQ=MONTHLY;BYDAY=-1FR", n=2) == [dt.date(2027, 1, 29), dt.date(2027, 2, 26)]
    # The 31st is skipped in months without one.
    assert dates("FREQ=MONTHLY;BYMONTHDAY=31", n=3) == [
        dt.date(2027, 1, 31),
        dt.date(2027, 3, 31),
        dt.date(2027, 5, 31),
    ]
    # UNTIL as a bare date includes that day; COUNT counts the first date.
    assert dates("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270119", n=10)[-1] == dt.date(2027, 1, 19)
    assert len(dates("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=8", n=20)) == 8


@pytest.mark.parametrize(
    "rule, patroon, details",
    [
        ("FREQ=WEEKLY", Patroon.WEKELIJKS, {"weekdagen": ["TU"]}),  # the first date's weekday
        ("freq=weekly; byday=th,tu", Patroon.WEKELIJKS, {"weekdagen": ["TU", "TH"]}),
        ("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", Patroon.TWEEWEKELIJKS, {"weekdagen": ["WE"]}),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", Patroon.WERKDAGEN, {}),
        ("FREQ=WEEKLY;WKST=MO;BYDAY=TU", Patroon.WEKELIJKS, {"weekdagen": ["TU"]}),
        ("FREQ=MONTHLY", Patroon.MAANDELIJKS, {"maand_soort": "dag", "maand_dag": 5}),
        ("FREQ=MONTHLY;BYDAY=+2WE", Patroon.MAANDELIJKS, {"maand_week": "2"}),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=10", Patroon.WEKELIJKS, {"einde_aantal": 10}),
        (
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231",
            Patroon.WEKELIJKS,
            {"einde_datum": dt.date(2027, 12, 31)},
        ),
        # UNTIL in UTC: 09:00Z is 10:00 in Amsterdam in winter, so the 28th still counts.
        (
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271228T090000Z",
            Patroon.WEKELIJKS,
            {"einde_datum": dt.date(2027, 12, 28)},
        ),
        # 08:00Z is 09:00 there: before the 10:00 start, so the last date is the day before.
        (
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271228T080000Z",
            Patroon.WEKELIJKS,
            {"einde_datum": dt.date(2027, 12, 27)},
        ),
    ],
)
def test_equivalent_spellings_are_read_as_plain_choices(rule, patroon, details):
    keuze = herhaling.from_rule(rule, TUESDAY, TEN)
    assert keuze is not None
    assert keuze.patroon == patroon
    for name, value in details.items():
        assert getattr(keuze, name) == value
    # Written back, the rule gives the same dates.
    assert dates(herhaling.to_rule(keuze), n=60) == dates(rule, n=60)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU",  # every third week
        "FREQ=MONTHLY;BYDAY=5MO",  # a fifth Monday
        "FREQ=MONTHLY;BYDAY=1MO,3MO",  # two Mondays a month
        "FREQ=MONTHLY;BYMONTHDAY=-1",  # the last day of the month
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27",
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=TU;BYMONTH=1,2,3",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=5000",  # more than the plain count allows
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO",
    ],
)
def test_rules_beyond_the_plain_choices_stay_advanced(rule):
    schedule.parse_rule(rule, TUESDAY, TEN)  # valid ...
    assert herhaling.from_rule(rule, TUESDAY, TEN) is None  # ... but not plain


@pytest.mark.parametrize(
    "rule",
    ["elke dinsdag", "FREQ=WEEKLY;BYDAY=XX", "FREQ=HOURLY", "FREQ=WEEKLY;COUNT=2;UNTIL=20270101"],
)
def test_nonsense_is_not_a_plain_choice(rule):
    assert herhaling.from_rule(rule, TUESDAY, TEN) is None


@pytest.mark.parametrize(
    "keuze",
    [
        Keuze(patroon=Patroon.WEKELIJKS),  # no days
        Keuze(patroon=Patroon.MAANDELIJKS, maand_soort=MaandSoort.DAG, maand_dag=32),
        Keuze(patroon=Patroon.MAANDELIJKS, maand_week="5", maand_weekdag="MO"),
        Keuze(patroon=Patroon.WEKELIJKS, weekdagen=["TU"], einde=Einde.DATUM),
        Keuze(patroon=Patroon.WEKELIJKS, weekdagen=["TU"], einde=Einde.AANTAL, einde_aantal=0),
        Keuze(patroon="elke eeuw"),
    ],
)
def test_choices_the_form_refuses_are_never_written(keuze):
    with pytest.raises(ValueError):
        herhaling.to_rule(keuze)


def test_an_empty_rule_is_once_on_the_first_dates_weekday():
    keuze = herhaling.from_rule("", dt.date(2027, 4, 27), TEN)
    assert keuze.patroon == Patroon.EENMALIG
    # Should the person choose to repeat it, the form proposes the first date's day.
    assert keuze.weekdagen == ["TU"]
    assert (keuze.maand_week, keuze.maand_weekdag, keuze.maand_dag) == ("4", "TU", 27)
    assert herhaling.default_keuze(dt.date(2027, 3, 30)).maand_week == "-1"  # a fifth Tuesday


def test_ending_a_rule_replaces_its_count_or_until_and_keeps_the_rest():
    assert (
        herhaling.with_until("FREQ=WEEKLY;BYDAY=TU;COUNT=10", dt.date(2027, 2, 1))
        == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270201"
    )
    assert (
        herhaling.with_until("rrule:freq=monthly;byday=1mo;until=20301231", dt.date(2027, 2, 1))
        == "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270201"
    )


def test_the_plain_rules_agree_with_dateutils_own_rules():
    """The rule written for ‘om de week op maandag en donderdag’ gives the dates of the rrule
    built with dateutil's own constructor."""
    keuze = Keuze(patroon=Patroon.TWEEWEKELIJKS, weekdagen=["MO", "TH"])
    own = rrule.rrule(
        rrule.WEEKLY,
        interval=2,
        byweekday=(rrule.MO, rrule.TH),
        dtstart=dt.datetime.combine(TUESDAY, TEN),
        count=12,
    )
    assert dates(herhaling.to_rule(keuze), n=12) == [moment.date() for moment in own]


def test_a_sentence_for_people():
    assert herhaling.describe(Keuze(patroon=Patroon.WEKELIJKS, weekdagen=["MO", "WE"])) == (
        "elke week op maandag en woensdag"
    )
    keuze = Keuze(patroon=Patroon.MAANDELIJKS, maand_week="1", maand_weekdag="MO")
    assert herhaling.describe(keuze) == "elke eerste maandag van de maand"
