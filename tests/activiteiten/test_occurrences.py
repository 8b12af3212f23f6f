"""Stored occurrences (activiteiten/occurrences.py): expanding schedules into Occurrence rows,
keeping them right across daylight saving, exceptions, moves, status changes and the daily
extension, and refusing a room booked twice — also when two saves race on PostgreSQL.

Most tests regenerate over an explicit window, so they do not depend on today's date."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activiteiten import occurrences, planning
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Occurrence, Uitzondering
from kern.timezones import AMSTERDAM
from locaties.models import Ruimte
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    RuimteFactory,
    UitzonderingFactory,
    UserFactory,
)

JANUARY = (dt.date(2027, 1, 1), dt.date(2027, 1, 31))


def stored(activiteit) -> list[Occurrence]:
    return list(Occurrence.objects.filter(activiteit=activiteit).order_by("oorspronkelijke_datum"))


def datums(activiteit) -> list[dt.date]:
    return [row.datum for row in stored(activiteit)]


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(AMSTERDAM)


def planned_over(window, **kwargs) -> Activiteit:
    """An activity (the factory's Tuesday koffieochtend unless told otherwise) with its dates
    stored over `window` = (first, last)."""
    activiteit = ActiviteitFactory(**kwargs)
    activiteit.occurrences.all().delete()  # what the factory stored from today on
    vanaf, tot = window
    occurrences.regenerate(activiteit, vanaf=vanaf, tot=tot)
    return activiteit


@pytest.fixture
def ruimte(db):
    return RuimteFactory(naam="Grote zaal", locatie=LocatieFactory(gepubliceerd=True))


def in_ruimte(ruimte, window=JANUARY, **kwargs) -> Activiteit:
    return planned_over(window, locatie=ruimte.locatie, ruimte=ruimte, **kwargs)


# --- Expanding schedules ------------------------------------------------------------------


@pytest.mark.django_db
class TestDaylightSaving:
    def test_ten_oclock_every_sunday_stays_ten_oclock_over_the_change_to_summer_time(self):
        # Summer time starts on the last Sunday of March: 28 March 2027, 02:00 → 03:00.
        activiteit = planned_over(
            (dt.date(2027, 3, 14), dt.date(2027, 4, 4)),
            startdatum=dt.date(2027, 3, 14),
            herhaling="FREQ=WEEKLY;BYDAY=SU",
        )
        rows = stored(activiteit)
        assert [row.datum for row in rows] == [
            dt.date(2027, 3, 14),
            dt.date(2027, 3, 21),
            dt.date(2027, 3, 28),
            dt.date(2027, 4, 4),
        ]
        assert [local(row.begin).time() for row in rows] == [dt.time(10)] * 4
        assert [local(row.einde).time() for row in rows] == [dt.time(12)] * 4
        assert [local(row.begin).utcoffset() for row in rows] == [
            dt.timedelta(hours=1),
            dt.timedelta(hours=1),
            dt.timedelta(hours=2),
            dt.timedelta(hours=2),
        ]
        assert [row.begin.astimezone(dt.UTC).hour for row in rows] == [9, 9, 8, 8]

    def test_ten_oclock_every_sunday_stays_ten_oclock_over_the_change_to_winter_time(self):
        # Winter time starts on the last Sunday of October: 31 October 2027, 03:00 → 02:00.
        activiteit = planned_over(
            (dt.date(2027, 10, 17), dt.date(2027, 11, 7)),
            startdatum=dt.date(2027, 10, 17),
            herhaling="FREQ=WEEKLY;BYDAY=SU",
        )
        rows = stored(activiteit)
        assert [row.datum for row in rows] == [
            dt.date(2027, 10, 17),
            dt.date(2027, 10, 24),
            dt.date(2027, 10, 31),
            dt.date(2027, 11, 7),
        ]
        assert [local(row.begin).time() for row in rows] == [dt.time(10)] * 4
        assert [row.begin.astimezone(dt.UTC).hour for row in rows] == [8, 8, 9, 9]
        assert all(row.einde - row.begin == dt.timedelta(hours=2) for row in rows)

    def test_the_night_of_the_change_keeps_its_wall_clock_length(self):
        # 01:00–04:00 on 28 March 2027 is two real hours: 02:00–03:00 does not exist.
        activiteit = planned_over(
            (dt.date(2027, 3, 28), dt.date(2027, 3, 28)),
            startdatum=dt.date(2027, 3, 28),
            begintijd=dt.time(1),
            eindtijd=dt.time(4),
            eenmalig=True,
        )
        [row] = stored(activiteit)
        assert (local(row.begin).time(), local(row.einde).time()) == (dt.time(1), dt.time(4))
        assert row.einde - row.begin == dt.timedelta(hours=2)


@pytest.mark.django_db
class TestRules:
    def test_the_first_monday_of_every_month(self):
        activiteit = planned_over(
            (dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
            startdatum=dt.date(2027, 1, 4),
            herhaling="FREQ=MONTHLY;BYDAY=1MO",
        )
        assert datums(activiteit) == [
            dt.date(2027, 1, 4),
            dt.date(2027, 2, 1),
            dt.date(2027, 3, 1),
            dt.date(2027, 4, 5),
            dt.date(2027, 5, 3),
            dt.date(2027, 6, 7),
        ]

    def test_every_other_week_is_anchored_at_the_start_date(self):
        # Starts on Tuesday 12 January; its first Thursday is the 14th, then every other.
        activiteit = planned_over(
            (dt.date(2027, 1, 1), dt.date(2027, 2, 28)),
            startdatum=dt.date(2027, 1, 12),
            herhaling="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        )
        expected = [
            dt.date(2027, 1, 14),
            dt.date(2027, 1, 28),
            dt.date(2027, 2, 11),
            dt.date(2027, 2, 25),
        ]
        assert datums(activiteit) == expected

    def test_every_other_week_keeps_its_weeks_when_stored_from_a_later_date(self):
        activiteit = planned_over(
            (dt.date(2027, 1, 1), dt.date(2027, 1, 20)),
            startdatum=dt.date(2027, 1, 14),
            herhaling="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        )
        # Regenerating (or extending) from a Monday in the "off" week must not shift it.
        occurrences.regenerate(activiteit, vanaf=dt.date(2027, 1, 18), tot=dt.date(2027, 2, 28))
        assert datums(activiteit) == [
            dt.date(2027, 1, 14),
            dt.date(2027, 1, 28),
            dt.date(2027, 2, 11),
            dt.date(2027, 2, 25),
        ]

    def test_every_weekday(self):
        activiteit = planned_over(
            (dt.date(2027, 1, 11), dt.date(2027, 1, 17)),
            startdatum=dt.date(2027, 1, 4),
            herhaling="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        )
        assert datums(activiteit) == [dt.date(2027, 1, d) for d in range(11, 16)]

    def test_a_one_off_activity_is_stored_once(self):
        activiteit = planned_over(JANUARY, eenmalig=True, startdatum=dt.date(2027, 1, 14))
        assert datums(activiteit) == [dt.date(2027, 1, 14)]

    def test_an_unusable_rule_stores_no_dates_and_raises_nothing(self):
        activiteit = planned_over(JANUARY)
        Activiteit.objects.filter(pk=activiteit.pk).update(herhaling="FREQ=SOMETIMES")
        activiteit.refresh_from_db()
        assert occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1]) == 0
        assert stored(activiteit) == []


# --- Exceptions, moves, ends --------------------------------------------------------------


@pytest.mark.django_db
class TestExceptions:
    def test_a_cancelled_date_stays_stored_marked_with_its_reason_and_frees_the_room(self, ruimte):
        activiteit = in_ruimte(ruimte)
        Uitzondering.objects.create(
            activiteit=activiteit, datum=dt.date(2027, 1, 12), reden="Koningsdag"
        )
        occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])
        rows = {row.datum: row for row in stored(activiteit)}
        assert list(rows) == [dt.date(2027, 1, d) for d in (5, 12, 19, 26)]
        assert rows[dt.date(2027, 1, 12)].vervalt
        assert rows[dt.date(2027, 1, 12)].uitzondering.reden == "Koningsdag"
        assert rows[dt.date(2027, 1, 12)].ruimte_bezet is None
        assert rows[dt.date(2027, 1, 19)].ruimte_bezet == ruimte
        assert not rows[dt.date(2027, 1, 19)].vervalt
        # Someone else may now use the room that morning, and only that morning.
        in_ruimte(
            ruimte,
            eenmalig=True,
            startdatum=dt.date(2027, 1, 12),
            titel="Bewonersoverleg",
        )

    def test_a_moved_date_takes_place_on_its_new_day_and_time(self, ruimte):
        activiteit = in_ruimte(ruimte)
        Uitzondering.objects.create(
            activiteit=activiteit,
            datum=dt.date(2027, 1, 12),
            reden="Zaal bezet door de verkiezingen",
            nieuwe_datum=dt.date(2027, 1, 13),
            nieuwe_begintijd=dt.time(14),
            nieuwe_eindtijd=dt.time(16),
        )
        occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])
        rows = stored(activiteit)
        assert [row.datum for row in rows] == [dt.date(2027, 1, d) for d in (5, 13, 19, 26)]
        moved = rows[1]
        assert moved.oorspronkelijke_datum == dt.date(2027, 1, 12)
        assert moved.is_verplaatst and not moved.vervalt
        assert (local(moved.begin).time(), local(moved.einde).time()) == (
            dt.time(14),
            dt.time(16),
        )
        assert moved.ruimte_bezet == ruimte
        assert not rows[0].is_verplaatst

    def test_a_move_with_only_a_later_start_keeps_the_usual_length(self):
        activiteit = planned_over(JANUARY)
        Uitzondering.objects.create(
            activiteit=activiteit,
            datum=dt.date(2027, 1, 12),
            nieuwe_datum=dt.date(2027, 1, 12),
            nieuwe_begintijd=dt.time(13),
        )
        occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])
        moved = stored(activiteit)[1]
        assert (local(moved.begin).time(), local(moved.einde).time()) == (
            dt.time(13),
            dt.time(15),
        )
        assert moved.is_verplaatst

    def test_moving_a_date_onto_another_of_its_own_dates_is_refused(self, ruimte):
        activiteit = in_ruimte(ruimte)
        Uitzondering.objects.create(
            activiteit=activiteit,
            datum=dt.date(2027, 1, 12),
            nieuwe_datum=dt.date(2027, 1, 19),
        )
        with pytest.raises(occurrences.RuimteBezet, match="di 19-1-2027 10:00–12:00"):
            occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])

    def test_ending_a_series_keeps_the_dates_that_were(self):
        today = timezone.localdate()
        activiteit = ActiviteitFactory(
            startdatum=today - dt.timedelta(days=56), herhaling="FREQ=WEEKLY"
        )
        past = [row for row in stored(activiteit) if row.datum < today]
        assert len(past) == 8
        assert stored(activiteit)[-1].datum > today + dt.timedelta(days=300)

        end = today + dt.timedelta(days=14)
        activiteit.herhaling = f"FREQ=WEEKLY;UNTIL={end:%Y%m%d}"
        activiteit.save()
        occurrences.regenerate(activiteit)

        rows = stored(activiteit)
        assert [row.pk for row in rows if row.datum < today] == [row.pk for row in past]
        assert rows[-1].datum <= end
        assert len([row for row in rows if row.datum >= today]) == 3

    def test_regenerating_the_future_leaves_a_past_cancellation_alone(self):
        today = timezone.localdate()
        activiteit = ActiviteitFactory(
            startdatum=today - dt.timedelta(days=14), herhaling="FREQ=WEEKLY"
        )
        UitzonderingFactory(activiteit=activiteit, datum=today - dt.timedelta(days=7))
        occurrences.regenerate(activiteit, vanaf=today - dt.timedelta(days=14))
        activiteit.eindtijd = dt.time(13)
        activiteit.save()
        occurrences.regenerate(activiteit)
        rows = {row.datum: row for row in stored(activiteit)}
        assert rows[today - dt.timedelta(days=7)].vervalt
        assert local(rows[today - dt.timedelta(days=14)].einde).time() == dt.time(12)
        assert local(rows[today].einde).time() == dt.time(13)


# --- Rooms booked twice -------------------------------------------------------------------


@pytest.mark.django_db
class TestRoomBookedTwice:
    def test_an_overlapping_activity_is_refused_naming_the_dates_and_the_activity(self, ruimte):
        in_ruimte(ruimte, titel="Koffieochtend")
        with pytest.raises(occurrences.RuimteBezet) as refused:
            in_ruimte(
                ruimte,
                titel="Computerles",
                herhaling="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                begintijd=dt.time(11),
                eindtijd=dt.time(13),
                startdatum=dt.date(2027, 1, 12),
            )
        message = refused.value.messages[0]
        assert message == (
            "De ruimte Grote zaal is dan al bezet: di 12-1-2027 10:00–12:00 (Koffieochtend); "
            "di 26-1-2027 10:00–12:00 (Koffieochtend)."
        )
        assert [(row.datum, other.activiteit.titel) for row, other in refused.value.conflicts] == [
            (dt.date(2027, 1, 12), "Koffieochtend"),
            (dt.date(2027, 1, 26), "Koffieochtend"),
        ]

    def test_the_refusal_names_five_dates_and_counts_the_rest(self, ruimte):
        in_ruimte(
            ruimte, titel="Koffieochtend", window=(dt.date(2027, 1, 1), dt.date(2027, 3, 31))
        )
        with pytest.raises(occurrences.RuimteBezet) as refused:
            in_ruimte(
                ruimte, titel="Ook koffie", window=(dt.date(2027, 1, 1), dt.date(2027, 3, 31))
            )
        message = refused.value.messages[0]
        assert message.count("(Koffieochtend)") == 5
        assert message.endswith("en nog 8 datums.")

    def test_a_refused_save_changes_nothing(self, ruimte):
        in_ruimte(ruimte, titel="Koffieochtend")
        other = in_ruimte(ruimte, titel="Middag", begintijd=dt.time(13), eindtijd=dt.time(15))
        before = [(row.pk, row.begin) for row in stored(other)]
        other.begintijd = dt.time(11)
        with pytest.raises(occurrences.RuimteBezet):
            occurrences.regenerate(other, vanaf=JANUARY[0], tot=JANUARY[1])
        assert [(row.pk, row.begin) for row in stored(other)] == before

    @pytest.mark.parametrize(
        ("begintijd", "eindtijd"),
        [(dt.time(12), dt.time(14)), (dt.time(8), dt.time(10))],
    )
    def test_back_to_back_activities_do_not_clash(self, ruimte, begintijd, eindtijd):
        in_ruimte(ruimte)
        in_ruimte(ruimte, begintijd=begintijd, eindtijd=eindtijd)

    def test_other_rooms_and_activities_without_a_room_do_not_clash(self, ruimte):
        in_ruimte(ruimte)
        andere = RuimteFactory(locatie=ruimte.locatie)
        in_ruimte(andere)
        planned_over(JANUARY, locatie=ruimte.locatie)
        assert Occurrence.objects.filter(ruimte_bezet=ruimte).count() == 4
        assert Occurrence.objects.filter(ruimte_bezet=andere).count() == 4

    @pytest.mark.parametrize("status", [ActiviteitStatus.AFGELAST, ActiviteitStatus.GEARCHIVEERD])
    def test_calling_off_or_archiving_frees_the_room(self, ruimte, status):
        door = UserFactory()
        koffie = in_ruimte(ruimte, titel="Koffieochtend")
        planning.change_status(
            activiteit=koffie, status=status, door=door, reden="Geen vrijwilligers"
        )
        occurrences.regenerate(koffie, vanaf=JANUARY[0], tot=JANUARY[1])
        assert [row.ruimte_bezet for row in stored(koffie)] == [None] * 4
        assert datums(koffie) == [dt.date(2027, 1, d) for d in (5, 12, 19, 26)]

        in_ruimte(ruimte, titel="Yoga")  # now free

        koffie.refresh_from_db()
        with pytest.raises(occurrences.RuimteBezet, match="Yoga"):
            with transaction.atomic():
                koffie.status = ActiviteitStatus.GEPUBLICEERD
                koffie.save()
                occurrences.regenerate(koffie, vanaf=JANUARY[0], tot=JANUARY[1])
        koffie.refresh_from_db()
        assert koffie.status == status

    def test_a_concept_holds_its_room(self, ruimte):
        in_ruimte(ruimte, titel="Nog niet gepubliceerd", status=ActiviteitStatus.CONCEPT)
        with pytest.raises(occurrences.RuimteBezet, match="Nog niet gepubliceerd"):
            in_ruimte(ruimte)

    def test_deleting_a_room_keeps_the_dates(self, ruimte):
        activiteit = in_ruimte(ruimte)
        Ruimte.objects.filter(pk=ruimte.pk).delete()
        assert [row.ruimte_bezet for row in stored(activiteit)] == [None] * 4


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The exclusion constraint is PostgreSQL's; SQLite serialises writers anyway",
)
@pytest.mark.django_db(transaction=True)
class TestRoomBookedTwiceConcurrently:
    def save_in_two_connections(self, ruimte, titels, monkeypatch):
        """Two new overlapping activities in `ruimte`, each saved in its own thread and
        connection. Both pass the application's check before either inserts its dates, so
        only PostgreSQL's exclusion constraint can stop the second."""
        organisator = PartnerFactory()
        both_checked = threading.Barrier(2)
        checked = threading.local()
        check = occurrences.room_conflicts

        def check_then_wait(activiteit, rows, *, vanaf):
            conflicts = check(activiteit, rows, vanaf=vanaf)
            if not getattr(checked, "once", False):
                checked.once = True
                both_checked.wait(timeout=10)
            return conflicts

        monkeypatch.setattr(occurrences, "room_conflicts", check_then_wait)
        outcomes = {}

        def save(titel):
            from django.db import connections

            try:
                with transaction.atomic():
                    # The search documents' trigger (publiek/zoekdocument.py) writes the
                    # place's document when an activity is saved, so the second save waits
                    # for the first to commit and is refused by the application's own check.
                    # Off in these two sessions, both pass that check and only the exclusion
                    # constraint can stop the second, which is what this test is about (the
                    # room's lock before the insert makes it wait for the first's commit, so
                    # the constraint refuses it rather than a deadlock ending one).
                    with connection.cursor() as cursor:  # this thread's connection
                        cursor.execute("SET LOCAL session_replication_role = replica")
                    activiteit = Activiteit.objects.create(
                        titel=titel,
                        slug=titel.lower(),
                        locatie=ruimte.locatie,
                        ruimte=ruimte,
                        organisator=organisator,
                        categorie=Categorie.KOFFIE,
                        startdatum=dt.date(2027, 1, 5),
                        begintijd=dt.time(10),
                        eindtijd=dt.time(12),
                        herhaling="FREQ=WEEKLY;BYDAY=TU",
                        status=ActiviteitStatus.GEPUBLICEERD,
                    )
                    occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])
                outcomes[titel] = "saved"
            except occurrences.RuimteBezet as refused:
                outcomes[titel] = refused.messages[0]
            except Exception as error:  # noqa: BLE001 - reported by the assertion
                outcomes[titel] = repr(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=(titel,)) for titel in titels]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return outcomes

    def test_exactly_one_of_two_concurrent_saves_gets_the_room(self, monkeypatch):
        ruimte = RuimteFactory(naam="Zaal")
        outcomes = self.save_in_two_connections(ruimte, ["Eerste", "Tweede"], monkeypatch)

        assert sorted(outcomes) == ["Eerste", "Tweede"]
        saved = [titel for titel, outcome in outcomes.items() if outcome == "saved"]
        assert len(saved) == 1, outcomes
        [winner] = saved
        [refusal] = [outcome for outcome in outcomes.values() if outcome != "saved"]
        # The refusal names the winner's dates, found after PostgreSQL refused the insert.
        assert refusal.startswith("De ruimte Zaal is dan al bezet: di 5-1-2027 10:00–12:00")
        assert f"({winner})" in refusal
        assert Activiteit.objects.filter(titel=winner).exists()
        assert Activiteit.objects.count() == 1  # the other save was rolled back whole
        assert Occurrence.objects.filter(ruimte_bezet=ruimte).count() == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's exclusion constraint")
@pytest.mark.django_db
def test_the_database_refuses_a_room_held_twice_whatever_the_application_does():
    activiteit = ActiviteitFactory(ruimte=RuimteFactory(), startdatum=dt.date(2027, 1, 5))
    occurrences.regenerate(activiteit, vanaf=JANUARY[0], tot=JANUARY[1])
    row = stored(activiteit)[0]
    other = ActiviteitFactory(locatie=activiteit.locatie, startdatum=dt.date(2027, 1, 5))
    other.occurrences.all().delete()

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Occurrence.objects.create(
            activiteit=other,
            oorspronkelijke_datum=row.datum,
            datum=row.datum,
            begin=row.begin + dt.timedelta(hours=1),
            einde=row.einde + dt.timedelta(hours=1),
            ruimte_bezet=activiteit.ruimte,
        )
    assert occurrences.is_room_overlap(refused.value)
    # Back to back is allowed: the time ranges are half-open.
    Occurrence.objects.create(
        activiteit=other,
        oorspronkelijke_datum=row.datum,
        datum=row.datum,
        begin=row.einde,
        einde=row.einde + dt.timedelta(hours=1),
        ruimte_bezet=activiteit.ruimte,
    )


# --- The daily extension ------------------------------------------------------------------


def bulk_activiteiten(count, locatie, **kwargs) -> list[Activiteit]:
    """Activities saved without storing their dates, as after an import."""
    organisator = PartnerFactory()
    values = {
        "categorie": Categorie.KOFFIE,
        "startdatum": dt.date(2027, 1, 5),
        "begintijd": dt.time(10),
        "eindtijd": dt.time(12),
        "herhaling": "FREQ=WEEKLY;BYDAY=TU",
        "status": ActiviteitStatus.GEPUBLICEERD,
    } | kwargs
    return Activiteit.objects.bulk_create(
        Activiteit(
            titel=f"Activiteit {n}",
            slug=f"bulk-{locatie.pk}-{n}",
            locatie=locatie,
            organisator=organisator,
            **values,
        )
        for n in range(count)
    )


@pytest.mark.django_db
class TestExtendHorizon:
    def test_it_expands_activities_never_expanded(self):
        activiteiten = bulk_activiteiten(3, LocatieFactory())
        result = occurrences.extend_horizon(dt.date(2027, 1, 31))
        assert (result.activiteiten, result.nieuw, result.datums) == (3, 3, 12)
        for activiteit in activiteiten:
            activiteit.refresh_from_db()
            assert activiteit.uitgerold_tot == dt.date(2027, 1, 31)
            assert datums(activiteit) == [dt.date(2027, 1, d) for d in (5, 12, 19, 26)]

    def test_it_adds_only_the_new_dates_and_leaves_the_stored_ones(self):
        activiteit = planned_over(JANUARY)
        before = [(row.pk, row.datum) for row in stored(activiteit)]
        Uitzondering.objects.create(activiteit=activiteit, datum=dt.date(2027, 2, 9), reden="Ziek")

        result = occurrences.extend_horizon(dt.date(2027, 2, 28))

        assert (result.activiteiten, result.nieuw, result.datums) == (1, 0, 4)
        rows = stored(activiteit)
        assert [(row.pk, row.datum) for row in rows[:4]] == before
        assert [row.datum for row in rows[4:]] == [dt.date(2027, 2, d) for d in (2, 9, 16, 23)]
        assert [row.vervalt for row in rows[4:]] == [False, True, False, False]
        activiteit.refresh_from_db()
        assert activiteit.uitgerold_tot == dt.date(2027, 2, 28)

    def test_a_second_run_does_nothing(self):
        bulk_activiteiten(2, LocatieFactory())
        occurrences.extend_horizon(dt.date(2027, 1, 31))
        again = occurrences.extend_horizon(dt.date(2027, 1, 31))
        assert (again.activiteiten, again.datums) == (0, 0)
        assert Occurrence.objects.count() == 8

    def test_archived_activities_and_stored_one_offs_are_left_alone(self):
        locatie = LocatieFactory()
        [gearchiveerd] = bulk_activiteiten(1, locatie, status=ActiviteitStatus.GEARCHIVEERD)
        eenmalig = planned_over(JANUARY, locatie=locatie, eenmalig=True)
        with_pks = [row.pk for row in stored(eenmalig)]

        result = occurrences.extend_horizon(dt.date(2027, 3, 31))

        assert result.activiteiten == 0
        assert stored(gearchiveerd) == []
        assert [row.pk for row in stored(eenmalig)] == with_pks

    def test_the_default_reaches_the_horizon_in_the_settings(self, settings):
        settings.OCCURRENCE_HORIZON_MONTHS = 2
        today = timezone.localdate()
        [activiteit] = bulk_activiteiten(
            1, LocatieFactory(), startdatum=today, herhaling="FREQ=DAILY"
        )
        result = occurrences.extend_horizon()
        horizon = occurrences.horizon_end(today)
        assert result.tot == horizon
        assert horizon.month == (today.month + 1) % 12 + 1
        assert datums(activiteit)[0] == today
        assert datums(activiteit)[-1] == horizon

    def test_a_date_that_clashes_when_it_comes_within_reach_is_stored_without_the_room(
        self, ruimte
    ):
        koffie = in_ruimte(ruimte, titel="Koffieochtend")  # stored up to 31 January
        # Someone booked the room on 2 February first, while koffie's dates stopped earlier.
        in_ruimte(
            ruimte,
            window=(dt.date(2027, 2, 1), dt.date(2027, 2, 28)),
            titel="Verkiezingen",
            eenmalig=True,
            startdatum=dt.date(2027, 2, 2),
        )

        result = occurrences.extend_horizon(dt.date(2027, 2, 28))

        assert [(o.datum.datum, o.bezet_door) for o in result.overlappingen] == [
            (dt.date(2027, 2, 2), "Verkiezingen")
        ]
        rows = {row.datum: row for row in stored(koffie)}
        assert rows[dt.date(2027, 2, 2)].ruimte_bezet is None
        assert rows[dt.date(2027, 2, 9)].ruimte_bezet == ruimte
        # The next save of the activity names the clash.
        with pytest.raises(occurrences.RuimteBezet, match="Verkiezingen"):
            occurrences.regenerate(koffie, vanaf=JANUARY[0], tot=dt.date(2027, 2, 28))

    def test_two_new_activities_in_one_room_the_first_holds_it(self, ruimte):
        eerste, tweede = bulk_activiteiten(2, ruimte.locatie, ruimte=ruimte)
        result = occurrences.extend_horizon(dt.date(2027, 1, 31))
        assert len(result.overlappingen) == 4
        assert {o.bezet_door for o in result.overlappingen} == {eerste.titel}
        assert [row.ruimte_bezet for row in stored(eerste)] == [ruimte] * 4
        assert [row.ruimte_bezet for row in stored(tweede)] == [None] * 4

    @pytest.mark.parametrize("count", [10, 300])
    def test_a_batch_runs_a_fixed_number_of_queries(self, ruimte, count):
        locatie = ruimte.locatie
        activiteiten = bulk_activiteiten(count, locatie)
        for n, activiteit in enumerate(activiteiten[:5]):
            Uitzondering.objects.create(activiteit=activiteit, datum=dt.date(2027, 1, 12))
            Activiteit.objects.filter(pk=activiteit.pk).update(
                ruimte=ruimte, begintijd=dt.time(8 + 2 * n), eindtijd=dt.time(9 + 2 * n)
            )
        with CaptureQueriesContext(connection) as queries:
            result = occurrences.extend_horizon(dt.date(2027, 1, 31))
        assert result.datums == 4 * count
        assert not result.overlappingen
        inserts = [q for q in queries if q["sql"].startswith(("INSERT", "COPY"))]
        # The ids, then for the batch: savepoint, lock, delete of leftovers, exceptions, the
        # rooms' bookings, the update, release — and the rows in one COPY (PostgreSQL) or as
        # few INSERTs as SQLite takes (it limits the parameters of one statement).
        assert len(queries) - len(inserts) == 8
        fields = len(Occurrence._meta.concrete_fields) - 1
        per_insert = connection.ops.bulk_batch_size(["x"] * fields, [None] * 4 * count)
        per_insert = min(per_insert, occurrences.INSERT_BATCH)
        assert len(inserts) <= -(-4 * count // per_insert)


@pytest.mark.django_db
class TestVerlengAgendaCommand:
    def run(self, *args) -> str:
        out = io.StringIO()
        call_command("verleng_agenda", *args, stdout=out)
        return out.getvalue()

    def test_it_extends_and_says_what_it_did_in_dutch(self):
        locatie = LocatieFactory()
        bulk_activiteiten(2, locatie)
        planned_over(JANUARY, locatie=locatie)

        text = self.run("--tot", "2027-02-28")

        assert text.startswith(
            "Agenda verlengd tot en met 28 februari 2027: 3 activiteiten (2 nieuw), "
            "20 datums toegevoegd in "
        )
        assert self.run("--tot", "2027-02-28") == (
            "Alle activiteiten staan al tot en met 28 februari 2027 in de agenda.\n"
        )

    def test_it_lists_dates_stored_without_their_room(self, ruimte):
        bulk_activiteiten(2, ruimte.locatie, ruimte=ruimte)
        text = self.run("--tot", "2027-01-31")
        assert "4 datums vallen samen met een andere activiteit in dezelfde ruimte" in text
        assert "- Activiteit 1 op di 5-1-2027: de ruimte is dan bezet door Activiteit 0" in text

    def test_a_bad_date_is_refused(self):
        with pytest.raises(CommandError, match="Geef een datum als 2027-12-31"):
            self.run("--tot", "morgen")
