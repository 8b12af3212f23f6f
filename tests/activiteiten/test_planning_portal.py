"""Scheduling in the staff portal: the plain recurrence choices on the form, the preview of the
next dates (which saves nothing), Dutch public holidays offered as exceptions, moving one date,
stopping a series from a date on, and the query counts of these pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten import occurrences, planning
from activiteiten.constants import Categorie
from activiteiten.herhaling import WEEKDAGEN
from activiteiten.models import Activiteit, Occurrence, Uitzondering
from kern.concurrency import version_of
from locaties.constants import SamenwerkingRol
from tests.factories import ActiviteitFactory, LocatieFactory, RuimteFactory, SamenwerkingFactory

pytestmark = pytest.mark.django_db

NIEUW = reverse("beheer:activiteit_nieuw")


def partner_of(user):
    return user.lidmaatschappen.get().partner


def edit_url(activiteit):
    return reverse("beheer:activiteit_bewerken", args=[activiteit.slug])


def koningsdag() -> dt.date:
    """The next Koningsdag from today (always within the 13-month horizon)."""
    today = timezone.localdate()
    found = planning.dutch_holidays(today, occurrences.horizon_end(today))
    return next(day for day, name in found.items() if name == "Koningsdag")


def next_weekday(weekday: int, after: dt.date | None = None) -> dt.date:
    day = (after or timezone.localdate()) + dt.timedelta(days=1)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def plek(gemeente, welzijn_medewerker):
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True, naam="Buurthuis De Linde")
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(welzijn_medewerker), rol=SamenwerkingRol.BEHEERDER
    )
    return locatie


@pytest.fixture
def zaal(plek):
    return RuimteFactory(locatie=plek, naam="Grote zaal")


@pytest.fixture
def reeks(plek, zaal, welzijn_medewerker):
    """A weekly koffieochtend in the big room, on Koningsdag's weekday, from next week on."""
    start = next_weekday(koningsdag().weekday())
    return ActiviteitFactory(
        locatie=plek,
        ruimte=zaal,
        organisator=partner_of(welzijn_medewerker),
        titel="Koffieochtend",
        slug="koffieochtend",
        startdatum=start,
        herhaling=f"FREQ=WEEKLY;BYDAY={WEEKDAGEN[start.weekday()]}",
    )


def new_data(welzijn_medewerker, **changes):
    data = {
        "titel": "Breiclub",
        "organisator": partner_of(welzijn_medewerker).pk,
        "categorie": Categorie.CREATIEF,
        "startdatum": next_weekday(1).isoformat(),  # a Tuesday
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "patroon": "eenmalig",
        "einde": "nooit",
        "herhaling": "",
        "kosten": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(activiteit, **changes):
    data = {
        "titel": activiteit.titel,
        "organisator": activiteit.organisator_id,
        "ruimte": activiteit.ruimte_id or "",
        "categorie": activiteit.categorie,
        "startdatum": activiteit.startdatum.isoformat(),
        "begintijd": activiteit.begintijd.strftime("%H:%M"),
        "eindtijd": activiteit.eindtijd.strftime("%H:%M"),
        "patroon": "geavanceerd",
        "herhaling": activiteit.herhaling,
        "einde": "nooit",
        "kosten": str(activiteit.kosten),
        "versie": version_of(activiteit),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# The plain choices -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "choices, rule",
    [
        ({"patroon": "eenmalig"}, ""),
        ({"patroon": "wekelijks", "weekdagen": ["TU", "TH"]}, "FREQ=WEEKLY;BYDAY=TU,TH"),
        ({"patroon": "tweewekelijks", "weekdagen": ["TU"]}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        (
            {"patroon": "maandelijks", "maand_soort": "weekdag", "maand_week": "1"}
            | {"maand_weekdag": "MO"},
            "FREQ=MONTHLY;BYDAY=1MO",
        ),
        (
            {"patroon": "maandelijks", "maand_soort": "dag", "maand_dag": "15"},
            "FREQ=MONTHLY;BYMONTHDAY=15",
        ),
        ({"patroon": "werkdagen", "einde": "aantal", "einde_aantal": "20"}, None),
        (
            {"patroon": "geavanceerd", "herhaling": "freq=yearly; bymonth=4"},
            "FREQ=YEARLY;BYMONTH=4",
        ),
        # A form posted without the choices (an older page) takes the rule as it is.
        ({"patroon": None, "herhaling": "FREQ=WEEKLY;BYDAY=FR"}, "FREQ=WEEKLY;BYDAY=FR"),
    ],
)
def test_saving_the_plain_choices_stores_the_rule(client, welzijn_medewerker, plek, choices, rule):
    client.force_login(welzijn_medewerker)
    response = client.post(f"{NIEUW}?locatie={plek.slug}", new_data(welzijn_medewerker, **choices))
    assert response.status_code == 302, response.context["form"].errors
    activiteit = Activiteit.objects.get()
    expected = rule if rule is not None else "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=20"
    assert activiteit.herhaling == expected
    assert activiteit.occurrences.exists()


def test_ending_on_a_date_includes_that_date(client, welzijn_medewerker, plek):
    start = next_weekday(1)
    last = start + dt.timedelta(weeks=3)
    client.force_login(welzijn_medewerker)
    data = new_data(
        welzijn_medewerker,
        patroon="wekelijks",
        weekdagen=["TU"],
        einde="datum",
        einde_datum=last.isoformat(),
    )
    assert client.post(f"{NIEUW}?locatie={plek.slug}", data).status_code == 302
    activiteit = Activiteit.objects.get()
    assert activiteit.herhaling == f"FREQ=WEEKLY;BYDAY=TU;UNTIL={last:%Y%m%d}"
    assert [o.datum for o in activiteit.occurrences.all()] == [
        start + dt.timedelta(weeks=n) for n in range(4)
    ]


def test_the_form_opens_with_the_stored_rule_in_the_plain_choices(
    client, welzijn_medewerker, reeks
):
    reeks.herhaling = "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"
    reeks.save()
    client.force_login(welzijn_medewerker)
    form = client.get(edit_url(reeks)).context["form"]
    assert form["patroon"].value() == "maandelijks"
    assert (form["maand_soort"].value(), form["maand_week"].value()) == ("weekdag", "-1")
    assert form["maand_weekdag"].value() == "FR"
    assert (form["einde"].value(), form["einde_aantal"].value()) == ("aantal", 6)


def test_a_rule_beyond_the_plain_choices_opens_in_the_advanced_field(
    client, welzijn_medewerker, reeks
):
    reeks.herhaling = "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO"
    reeks.save()
    client.force_login(welzijn_medewerker)
    response = client.get(edit_url(reeks))
    form = response.context["form"]
    assert form["patroon"].value() == "geavanceerd"
    assert 'value="FREQ=WEEKLY;INTERVAL=3;BYDAY=MO"' in response.content.decode()
    # Saved unchanged, the rule stays as it was.
    assert client.post(edit_url(reeks), edit_data(reeks)).status_code == 302
    reeks.refresh_from_db()
    assert reeks.herhaling == "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO"


@pytest.mark.parametrize(
    "choices, field, message",
    [
        ({"patroon": "wekelijks"}, "weekdagen", "Kies op welke dag"),
        ({"patroon": "tweewekelijks", "weekdagen": ["XX"]}, "weekdagen", "Selecteer een geldige"),
        ({"patroon": "maandelijks", "maand_soort": ""}, "maand_soort", "vaste weekdag"),
        ({"patroon": "maandelijks", "maand_soort": "dag"}, "maand_dag", "Vul de dag"),
        (
            {"patroon": "maandelijks", "maand_soort": "dag", "maand_dag": "32"},
            "maand_dag",
            "hoogstens 31",
        ),
        (
            {"patroon": "maandelijks", "maand_soort": "weekdag", "maand_week": ""},
            "maand_week",
            "laatste",
        ),
        (
            {"patroon": "werkdagen", "einde": "datum", "einde_datum": "2020-01-01"},
            "einde_datum",
            "vóór de eerste datum",
        ),
        ({"patroon": "werkdagen", "einde": "datum"}, "einde_datum", "Vul de laatste datum in"),
        ({"patroon": "werkdagen", "einde": "aantal"}, "einde_aantal", "Vul in hoe vaak"),
        ({"patroon": "werkdagen", "einde": "aantal", "einde_aantal": "0"}, "einde_aantal", "1"),
        ({"patroon": "geavanceerd", "herhaling": ""}, "herhaling", "Vul een herhaalregel in"),
        ({"patroon": "geavanceerd", "herhaling": "elke dag"}, "herhaling", "geen geldige"),
        ({"patroon": "elke eeuw"}, "patroon", "Selecteer een geldige keuze"),
    ],
)
def test_a_wrong_choice_gets_a_dutch_message_on_its_field_and_saves_nothing(
    client, welzijn_medewerker, plek, choices, field, message
):
    client.force_login(welzijn_medewerker)
    data = new_data(welzijn_medewerker, titel="Mijn typwerk", **choices)
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form.data["titel"] == "Mijn typwerk"
    for name, value in choices.items():
        assert form.data.getlist(name) == (value if isinstance(value, list) else [value])
    assert not Activiteit.objects.exists()
    assert not Occurrence.objects.exists()


def test_a_room_taken_on_saving_is_an_error_naming_the_dates(
    client, welzijn_medewerker, plek, zaal, reeks
):
    client.force_login(welzijn_medewerker)
    data = new_data(
        welzijn_medewerker,
        ruimte=zaal.pk,
        startdatum=reeks.startdatum.isoformat(),
        begintijd="11:00",
        eindtijd="13:00",
        patroon="wekelijks",
        weekdagen=[WEEKDAGEN[reeks.startdatum.weekday()]],
    )
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["ruimte"])
    assert "De ruimte Grote zaal is dan al bezet" in error
    assert "(Koffieochtend)" in error
    assert list(Activiteit.objects.all()) == [reeks]


# The preview -------------------------------------------------------------------------------


def test_the_preview_lists_the_next_ten_dates_and_saves_nothing(client, welzijn_medewerker, plek):
    client.force_login(welzijn_medewerker)
    data = new_data(welzijn_medewerker, patroon="wekelijks", weekdagen=["TU"], voorbeeld="1")
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.status_code == 200
    voorbeeld = response.context["voorbeeld"]
    first = next_weekday(1)
    assert [row.datum for row in voorbeeld.rows] == [
        first + dt.timedelta(weeks=n) for n in range(10)
    ]
    html = response.content.decode()
    assert f"dinsdag {first:%d-%m-%Y}" in html
    assert "14:00–16:00" in html
    assert not Activiteit.objects.exists()
    assert not Occurrence.objects.exists()
    # The form keeps what was typed.
    assert response.context["form"]["weekdagen"].value() == ["TU"]


def test_the_preview_marks_cancelled_dates_holidays_and_the_room_taken(
    client, welzijn_medewerker, reeks, zaal, plek
):
    Uitzondering.objects.create(
        activiteit=reeks, datum=reeks.startdatum + dt.timedelta(weeks=1), reden="Zomerstop"
    )
    occurrences.regenerate(reeks)
    ActiviteitFactory(
        locatie=plek,
        ruimte=zaal,
        titel="Yoga",
        startdatum=reeks.startdatum + dt.timedelta(weeks=2),
        begintijd=dt.time(13),
        eindtijd=dt.time(14),
        herhaling="",
    )
    before = (Activiteit.history.count(), Occurrence.objects.count(), reeks.history.count())
    client.force_login(welzijn_medewerker)
    # Longer, the koffieochtend would clash with the yoga in the same room.
    response = client.post(edit_url(reeks), edit_data(reeks, eindtijd="13:30", voorbeeld="1"))
    voorbeeld = response.context["voorbeeld"]
    assert voorbeeld.rows[1].vervalt
    assert "De ruimte Grote zaal is dan al bezet" in voorbeeld.conflict
    assert voorbeeld.conflict_dates == {reeks.startdatum + dt.timedelta(weeks=2)}
    html = response.content.decode()
    assert "vervalt: Zomerstop" in html
    assert "ruimte bezet" in html
    assert (
        Activiteit.history.count(),
        Occurrence.objects.count(),
        reeks.history.count(),
    ) == before
    reeks.refresh_from_db()
    assert reeks.eindtijd == dt.time(12)


def test_a_preview_of_a_schedule_with_errors_says_what_to_fix(client, welzijn_medewerker, plek):
    client.force_login(welzijn_medewerker)
    data = new_data(welzijn_medewerker, patroon="wekelijks", voorbeeld="1")
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.context["voorbeeld"] is None
    assert "Verbeter eerst de meldingen" in response.content.decode()


# Holidays ----------------------------------------------------------------------------------


def test_holidays_on_dates_of_the_series_are_offered_unticked(client, welzijn_medewerker, reeks):
    client.force_login(welzijn_medewerker)
    response = client.get(edit_url(reeks))
    form = response.context["form"]
    offered = dict(form.fields["feestdagen"].choices)
    label = offered[koningsdag().isoformat()]
    assert label.startswith("Laat vervallen: Koningsdag (")
    assert f"{koningsdag():%d-%m-%Y}" in label
    # Only holidays on the series' weekday are offered.
    assert all(
        dt.date.fromisoformat(day).weekday() == reeks.startdatum.weekday() for day in offered
    )
    assert not form["feestdagen"].value()
    assert 'name="feestdagen"' in response.content.decode()


def test_ticking_a_holiday_cancels_it_with_its_name(client, welzijn_medewerker, reeks):
    client.force_login(welzijn_medewerker)
    dag = koningsdag()
    response = client.post(edit_url(reeks), edit_data(reeks, feestdagen=[dag.isoformat()]))
    assert response.status_code == 302
    uitzondering = Uitzondering.objects.get()
    assert (uitzondering.datum, uitzondering.reden) == (dag, "Koningsdag")
    assert uitzondering.history.get().history_user == welzijn_medewerker
    assert reeks.occurrences.get(datum=dag).vervalt
    # Once cancelled, it is no longer offered.
    form = client.get(edit_url(reeks)).context["form"]
    assert dag.isoformat() not in dict(form.fields["feestdagen"].choices)


def test_a_holiday_is_offered_in_the_preview_of_a_new_series_and_cancelled_on_saving(
    client, welzijn_medewerker, plek
):
    dag = koningsdag()
    weekday = WEEKDAGEN[dag.weekday()]
    client.force_login(welzijn_medewerker)
    data = new_data(
        welzijn_medewerker,
        startdatum=next_weekday(dag.weekday()).isoformat(),
        patroon="wekelijks",
        weekdagen=[weekday],
    )
    url = f"{NIEUW}?locatie={plek.slug}"
    response = client.post(url, {**data, "voorbeeld": "1"})
    assert dag.isoformat() in dict(response.context["form"].fields["feestdagen"].choices)
    assert not Activiteit.objects.exists()
    assert client.post(url, {**data, "feestdagen": [dag.isoformat()]}).status_code == 302
    assert Uitzondering.objects.get().reden == "Koningsdag"


def test_a_ticked_date_that_is_no_longer_in_the_series_is_passed_over(
    client, welzijn_medewerker, reeks
):
    other_day = WEEKDAGEN[(reeks.startdatum.weekday() + 1) % 7]
    client.force_login(welzijn_medewerker)
    data = edit_data(
        reeks,
        patroon="wekelijks",
        weekdagen=[other_day],
        feestdagen=[koningsdag().isoformat()],
    )
    assert client.post(edit_url(reeks), data).status_code == 302
    assert not Uitzondering.objects.exists()


def test_a_ticked_value_that_is_no_holiday_is_refused(client, welzijn_medewerker, reeks):
    client.force_login(welzijn_medewerker)
    data = edit_data(reeks, feestdagen=[reeks.startdatum.isoformat()])
    response = client.post(edit_url(reeks), data)
    assert response.status_code == 200
    assert "feestdagen" in response.context["form"].errors
    assert not Uitzondering.objects.exists()


# Cancelling one date -----------------------------------------------------------------------


def test_cancelling_picks_from_the_next_dates(client, welzijn_medewerker, reeks):
    client.force_login(welzijn_medewerker)
    html = client.get(edit_url(reeks)).content.decode()
    assert f'<option value="{reeks.startdatum.isoformat()}">' in html
    url = reverse("beheer:activiteit_uitzondering", args=[reeks.slug])
    later = reeks.startdatum + dt.timedelta(weeks=40)  # beyond the list: the other field
    response = client.post(
        url, {"datum": "", "andere_datum": later.isoformat(), "reden": "Verbouwing"}
    )
    assert response.status_code == 302
    assert Uitzondering.objects.get().datum == later
    response = client.post(url, {"datum": "", "andere_datum": "", "reden": "x"})
    assert "Kies een datum." in response.content.decode()
    # A date beyond the list, posted with a missing reason, stays chosen.
    further = reeks.startdatum + dt.timedelta(weeks=41)
    response = client.post(url, {"datum": further.isoformat(), "reden": ""})
    assert f'<option value="{further.isoformat()}" selected>' in response.content.decode()


# Moving one date ---------------------------------------------------------------------------


def move_url(activiteit):
    return reverse("beheer:activiteit_verplaatsen", args=[activiteit.slug])


def test_a_date_is_moved_with_new_times_and_the_move_can_be_undone(
    client, welzijn_medewerker, reeks
):
    datum = reeks.startdatum + dt.timedelta(weeks=1)
    nieuw = datum + dt.timedelta(days=1)
    client.force_login(welzijn_medewerker)
    response = client.post(
        move_url(reeks),
        {
            "datum": datum.isoformat(),
            "nieuwe_datum": nieuw.isoformat(),
            "nieuwe_begintijd": "09:00",
            "nieuwe_eindtijd": "",
            "reden": "De zaal is die dag bezet",
        },
    )
    assert response.status_code == 302, response.context["verplaats_form"].errors
    uitzondering = Uitzondering.objects.get()
    assert (uitzondering.nieuwe_datum, uitzondering.nieuwe_begintijd) == (nieuw, dt.time(9))
    assert uitzondering.nieuwe_eindtijd is None  # the usual end time
    occurrence = reeks.occurrences.get(oorspronkelijke_datum=datum)
    assert occurrence.datum == nieuw
    assert timezone.localtime(occurrence.begin).time() == dt.time(9)
    assert timezone.localtime(occurrence.einde).time() == dt.time(12)
    page = client.get(edit_url(reeks)).content.decode()
    assert "is verplaatst naar" in page
    assert "verplaatst naar" in page and "De zaal is die dag bezet" in page
    undo = reverse("beheer:activiteit_uitzondering_intrekken", args=[reeks.slug, uitzondering.pk])
    assert client.post(undo).status_code == 302
    assert reeks.occurrences.get(oorspronkelijke_datum=datum).datum == datum
    assert "verplaatsing ongedaan gemaakt" in client.get(edit_url(reeks)).content.decode()


def test_a_move_into_a_taken_room_is_refused_naming_the_dates(
    client, welzijn_medewerker, reeks, plek, zaal
):
    datum = reeks.startdatum + dt.timedelta(weeks=1)
    nieuw = datum + dt.timedelta(days=2)
    ActiviteitFactory(
        locatie=plek, ruimte=zaal, titel="Yoga", startdatum=nieuw, herhaling="", slug="yoga"
    )
    client.force_login(welzijn_medewerker)
    data = {"datum": datum.isoformat(), "nieuwe_datum": nieuw.isoformat(), "reden": "Ziek"}
    response = client.post(move_url(reeks), data)
    assert response.status_code == 200
    error = " ".join(response.context["verplaats_form"].errors["nieuwe_datum"])
    assert "De ruimte Grote zaal is dan al bezet" in error
    assert "(Yoga)" in error
    assert response.context["verplaats_form"].data["reden"] == "Ziek"
    assert not Uitzondering.objects.exists()
    assert reeks.occurrences.get(oorspronkelijke_datum=datum).datum == datum


@pytest.mark.parametrize(
    "weeks, days, begintijd, eindtijd, reden, field, message",
    [
        (1, 1, "", "", "", "reden", "Zeg waarom deze datum verschuift"),
        (1, -400, "", "", "Ziek", "nieuwe_datum", "in het verleden"),
        (1, 7, "", "", "Ziek", "nieuwe_datum", "al volgens haar schema"),
        (1, 0, "", "", "Ziek", "nieuwe_datum", "Kies een andere datum of andere tijden"),
        (1, 1, "13:00", "12:30", "Ziek", "nieuwe_eindtijd", "na de begintijd"),
        (1, 1, "13:00", "", "Ziek", "nieuwe_eindtijd", "na de begintijd"),  # 13:00–12:00
        (1, 1, "25:99", "", "Ziek", "nieuwe_begintijd", "Vul een tijd in"),
    ],
)
def test_a_move_that_makes_no_sense_gets_a_dutch_message(
    client, welzijn_medewerker, reeks, weeks, days, begintijd, eindtijd, reden, field, message
):
    datum = reeks.startdatum + dt.timedelta(weeks=weeks)
    client.force_login(welzijn_medewerker)
    data = {
        "datum": datum.isoformat(),
        "nieuwe_datum": (datum + dt.timedelta(days=days)).isoformat(),
        "nieuwe_begintijd": begintijd,
        "nieuwe_eindtijd": eindtijd,
        "reden": reden,
    }
    response = client.post(move_url(reeks), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["verplaats_form"].errors[field])
    assert not Uitzondering.objects.exists()


def test_a_date_not_in_the_series_or_already_changed_cannot_be_moved(
    client, welzijn_medewerker, reeks
):
    client.force_login(welzijn_medewerker)
    geen = reeks.startdatum + dt.timedelta(days=1)
    data = {"datum": geen.isoformat(), "nieuwe_datum": geen.isoformat(), "reden": "x"}
    response = client.post(move_url(reeks), data)
    assert "niet plaats volgens haar schema" in response.content.decode()
    planning.cancel_date(
        activiteit=reeks, datum=reeks.startdatum, reden="Ziek", door=welzijn_medewerker
    )
    data["datum"] = reeks.startdatum.isoformat()
    response = client.post(move_url(reeks), data)
    assert "al verplaatst of vervalt" in response.content.decode()


# Stopping a series -------------------------------------------------------------------------


def stop_url(activiteit):
    return reverse("beheer:activiteit_stoppen", args=[activiteit.slug])


def test_a_series_stops_from_a_date_on_and_keeps_its_past(client, welzijn_medewerker, reeks):
    # The series began a year ago: its past dates are stored.
    reeks.startdatum -= dt.timedelta(weeks=52)
    reeks.save()
    reeks.uitgerold_tot = None
    Activiteit.objects.filter(pk=reeks.pk).update(uitgerold_tot=None)
    occurrences.regenerate(reeks)
    past = set(
        reeks.occurrences.filter(datum__lt=timezone.localdate()).values_list("datum", flat=True)
    )
    assert past
    vanaf = next_weekday(reeks.startdatum.weekday()) + dt.timedelta(weeks=4)
    client.force_login(welzijn_medewerker)
    response = client.post(
        stop_url(reeks),
        {
            "datum": vanaf.isoformat(),
            "reden": "De vrijwilliger stopt",
            "versie": version_of(reeks),
        },
    )
    assert response.status_code == 302
    reeks.refresh_from_db()
    assert reeks.herhaling.endswith(f";UNTIL={vanaf - dt.timedelta(days=1):%Y%m%d}")
    dates = set(reeks.occurrences.values_list("datum", flat=True))
    assert past <= dates
    assert max(dates) == vanaf - dt.timedelta(weeks=1)
    latest = reeks.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        welzijn_medewerker,
        "De vrijwilliger stopt",
    )
    page = client.get(edit_url(reeks)).content.decode()
    # The history shows the change to the rule, who made it and why.
    assert "UNTIL" in page
    assert ": De vrijwilliger stopt" in page
    # The form now shows the end in the plain choices.
    form = client.get(edit_url(reeks)).context["form"]
    assert form["einde"].value() == "datum"


@pytest.mark.parametrize(
    "offset, reden, message",
    [
        (-7, "Klaar", "in het verleden"),
        (0, "Klaar", "eerste datum"),  # from the first date: nothing would remain
        (7, "", "Zeg waarom de reeks stopt"),
        (7, "x" * 101, "100 tekens"),
    ],
)
def test_stopping_a_series_is_refused_in_the_past_and_without_reason(
    client, welzijn_medewerker, reeks, offset, reden, message
):
    before = reeks.herhaling
    client.force_login(welzijn_medewerker)
    vanaf = reeks.startdatum + dt.timedelta(days=offset)
    if offset < 0:
        vanaf = timezone.localdate() - dt.timedelta(days=1)
    data = {"datum": vanaf.isoformat(), "reden": reden, "versie": version_of(reeks)}
    response = client.post(stop_url(reeks), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    reeks.refresh_from_db()
    assert reeks.herhaling == before


def test_a_one_off_activity_has_no_series_to_stop(client, welzijn_medewerker, plek):
    eenmalig = ActiviteitFactory(
        locatie=plek,
        organisator=partner_of(welzijn_medewerker),
        startdatum=next_weekday(1),
        herhaling="",
    )
    client.force_login(welzijn_medewerker)
    assert "Stop deze reeks" not in client.get(edit_url(eenmalig)).content.decode()
    data = {"datum": (eenmalig.startdatum + dt.timedelta(days=7)).isoformat(), "reden": "x"}
    response = client.post(stop_url(eenmalig), data)
    assert "Deze activiteit is eenmalig" in response.content.decode()


def test_stopping_after_someone_else_changed_the_series_is_refused(
    client, welzijn_medewerker, gemeente_medewerker, reeks
):
    versie = version_of(reeks)
    client.force_login(gemeente_medewerker)
    assert client.post(edit_url(reeks), edit_data(reeks, titel="Koffie")).status_code == 302
    client.force_login(welzijn_medewerker)
    vanaf = reeks.startdatum + dt.timedelta(weeks=3)
    response = client.post(
        stop_url(reeks), {"datum": vanaf.isoformat(), "reden": "Klaar", "versie": versie}
    )
    assert "Iemand anders heeft de activiteit intussen gewijzigd" in response.content.decode()
    reeks.refresh_from_db()
    assert "UNTIL" not in reeks.herhaling


def test_stopping_a_series_that_ends_earlier_anyway_is_refused(client, welzijn_medewerker, reeks):
    reeks.herhaling += ";COUNT=2"
    reeks.save()
    client.force_login(welzijn_medewerker)
    vanaf = reeks.startdatum + dt.timedelta(weeks=5)
    response = client.post(
        stop_url(reeks),
        {"datum": vanaf.isoformat(), "reden": "Klaar", "versie": version_of(reeks)},
    )
    assert "al geen datums meer" in response.content.decode()


# Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("weeks", [1, 8])
def test_the_preview_and_the_date_forms_run_a_fixed_number_of_queries(
    client, welzijn_medewerker, reeks, plek, zaal, weeks, django_assert_max_num_queries
):
    """A longer series with more exceptions and other activities in the room costs no more."""
    for n in range(weeks):
        Uitzondering.objects.create(
            activiteit=reeks, datum=reeks.startdatum + dt.timedelta(weeks=2 * n + 1), reden="x"
        )
        ActiviteitFactory(
            locatie=plek,
            ruimte=zaal,
            startdatum=reeks.startdatum + dt.timedelta(days=1),
            herhaling="FREQ=WEEKLY",
            begintijd=dt.time(8 + n),
            eindtijd=dt.time(8 + n, 30),
        )
    occurrences.regenerate(reeks)
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(27):
        response = client.post(edit_url(reeks), edit_data(reeks, voorbeeld="1"))
    assert len(response.context["voorbeeld"].rows) == 10
    with django_assert_max_num_queries(19):
        client.post(f"{NIEUW}?locatie={plek.slug}", new_data(welzijn_medewerker, voorbeeld="1"))
    for url in (move_url(reeks), stop_url(reeks)):
        with django_assert_max_num_queries(18):
            assert client.post(url, {"datum": "", "reden": ""}).status_code == 200


def test_the_page_says_in_words_when_the_activity_is(client, welzijn_medewerker, reeks):
    reeks.herhaling = "FREQ=MONTHLY;BYDAY=1MO"
    reeks.save()
    client.force_login(welzijn_medewerker)
    html = client.get(edit_url(reeks)).content.decode()
    assert "elke eerste maandag van de maand vanaf" in html
    response = client.post(
        edit_url(reeks), edit_data(reeks, patroon="tweewekelijks", weekdagen=["WE"], voorbeeld="1")
    )
    assert "Zo staat het er: om de week op woensdag, 10:00–12:00." in response.content.decode()
    reeks.herhaling = "FREQ=YEARLY;BYMONTH=4"
    reeks.save()
    assert "eigen regel: FREQ=YEARLY;BYMONTH=4" in client.get(edit_url(reeks)).content.decode()


def test_saving_a_new_series_without_preview_points_to_its_holidays(
    client, welzijn_medewerker, plek
):
    dag = koningsdag()
    client.force_login(welzijn_medewerker)
    data = new_data(
        welzijn_medewerker,
        startdatum=next_weekday(dag.weekday()).isoformat(),
        patroon="wekelijks",
        weekdagen=[WEEKDAGEN[dag.weekday()]],
    )
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data, follow=True)
    assert "in deze reeks. Bij ‘Wanneer’ kun je" in response.content.decode()
    assert dag.isoformat() in dict(response.context["form"].fields["feestdagen"].choices)
    assert not Uitzondering.objects.exists()  # offered, not cancelled
