"""The agenda: activiteiten/agenda.py (occurrences, weeks) and the public agenda page."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from activiteiten import agenda, occurrences, views
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Uitzondering
from locaties.constants import DoelgroepCode, LocatieStatus
from locaties.models import Doelgroep
from tests.factories import (
    ActiviteitFactory,
    BuurtFactory,
    GemeenteFactory,
    LocatieFactory,
    PartnerFactory,
    UitzonderingFactory,
    WijkFactory,
)

# Week 2 of 2027: Monday 11 to Sunday 17 January. The factory's koffieochtend is on Tuesdays
# from 5 January 2027.
WEEK = "2027-W02"
MONDAY, SUNDAY = dt.date(2027, 1, 11), dt.date(2027, 1, 17)
URL = reverse("activiteiten:agenda")


@pytest.fixture
def locatie(gemeente):
    return LocatieFactory(gepubliceerd=True, gemeente=gemeente, naam="Buurthuis De Linde")


def koffie(locatie, **kwargs):
    return ActiviteitFactory(locatie=locatie, **kwargs)


@pytest.mark.django_db
class TestOccurrences:
    def test_it_expands_a_weekly_activity_over_the_window(self, locatie):
        activiteit = koffie(locatie)
        items = agenda.occurrences(
            Activiteit.objects.all(), dt.date(2027, 1, 1), dt.date(2027, 1, 31)
        )
        assert [item.datum for item in items] == [
            dt.date(2027, 1, 5),
            dt.date(2027, 1, 12),
            dt.date(2027, 1, 19),
            dt.date(2027, 1, 26),
        ]
        assert all(item.activiteit == activiteit for item in items)

    def test_a_cancelled_date_stays_with_its_reason(self, locatie):
        activiteit = koffie(locatie)
        UitzonderingFactory(activiteit=activiteit, datum=dt.date(2027, 1, 12), reden="Koningsdag")
        items = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY)
        assert len(items) == 1
        assert items[0].vervalt
        assert items[0].uitzondering.reden == "Koningsdag"

    def test_they_are_sorted_by_date_time_and_title(self, locatie):
        koffie(locatie, titel="B-middag", begintijd=dt.time(14), eindtijd=dt.time(16))
        koffie(locatie, titel="Ochtend", begintijd=dt.time(9), eindtijd=dt.time(10))
        koffie(locatie, titel="A-middag", begintijd=dt.time(14), eindtijd=dt.time(16))
        koffie(locatie, titel="Maandag", herhaling="FREQ=WEEKLY;BYDAY=MO")
        items = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY)
        assert [i.activiteit.titel for i in items] == [
            "Maandag",
            "Ochtend",
            "A-middag",
            "B-middag",
        ]

    def test_a_one_off_activity_counts_only_on_its_date(self, locatie):
        koffie(locatie, eenmalig=True, startdatum=dt.date(2027, 1, 14))
        koffie(locatie, eenmalig=True, startdatum=dt.date(2027, 1, 4))
        items = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY)
        assert [item.datum for item in items] == [dt.date(2027, 1, 14)]

    def test_an_unusable_rule_costs_that_activity_only(self, locatie):
        koffie(locatie, titel="Goed")
        kapot = koffie(locatie, titel="Kapot")
        Activiteit.objects.filter(pk=kapot.pk).update(herhaling="FREQ=SOMETIMES")
        occurrences.regenerate(Activiteit.objects.get(pk=kapot.pk))
        items = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY)
        assert [item.activiteit.titel for item in items] == ["Goed"]

    def test_the_times_are_amsterdam_wall_clock_times(self, locatie):
        item = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY) or None
        koffie(locatie, startdatum=dt.date(2027, 3, 23))  # summer time from 28 March
        items = agenda.occurrences(
            Activiteit.objects.all(), dt.date(2027, 3, 22), dt.date(2027, 4, 4)
        )
        assert item is None
        local = [timezone.localtime(i.begin) for i in items]
        assert [moment.utcoffset() for moment in local] == [
            dt.timedelta(hours=1),
            dt.timedelta(hours=2),
        ]
        assert all(moment.hour == 10 for moment in local)
        assert [i.begin.astimezone(dt.UTC).hour for i in items] == [9, 8]

    def test_the_query_count_does_not_grow_with_the_activities(
        self, locatie, django_assert_num_queries
    ):
        bulk_activiteiten(locatie, 50)
        with django_assert_num_queries(3):  # the dates, their activities, their places
            items = agenda.occurrences(Activiteit.objects.all(), MONDAY, SUNDAY)
        assert len(items) == 50


class TestParseWeek:
    today = dt.date(2026, 11, 25)

    def test_an_iso_week_gives_its_monday(self):
        assert agenda.parse_week("2026-W48", self.today) == (dt.date(2026, 11, 23), "")
        assert agenda.parse_week("2027-w2", self.today) == (dt.date(2027, 1, 11), "")

    def test_nothing_gives_this_week(self):
        assert agenda.parse_week(None, self.today) == (dt.date(2026, 11, 23), "")
        assert agenda.parse_week("  ", self.today) == (dt.date(2026, 11, 23), "")

    @pytest.mark.parametrize(
        "value, message",
        [
            ("abc", "is geen week"),
            ("2026-W99", "2026 heeft geen week 99"),
            ("2027-W53", "2027 heeft geen week 53"),
            ("2026-W00", "2026 heeft geen week 0"),
            ("9999-W01", "De agenda toont weken van 2025 tot en met 2028"),
            ("1999-W01", "De agenda toont weken van 2025 tot en met 2028"),
            ("99999999999999999999-W01", "is geen week"),
            ("2026-W48" * 1000, "is geen week"),
        ],
    )
    def test_bad_input_gives_this_week_and_a_dutch_message(self, value, message):
        monday, text = agenda.parse_week(value, self.today)
        assert monday == dt.date(2026, 11, 23)
        assert message in text

    def test_week_param_round_trips(self):
        assert agenda.week_param(dt.date(2027, 1, 11)) == "2027-W02"
        assert agenda.week_param(dt.date(2026, 12, 28)) == "2026-W53"


def bulk_activiteiten(locatie, count, dates=dt.date(2027, 1, 5), **kwargs):
    """`count` activities saved at once, their dates stored as the nightly `verleng_agenda`
    stores them: for the month from `dates`."""
    organisator = PartnerFactory()
    values = {
        "categorie": Categorie.KOFFIE,
        "startdatum": dt.date(2027, 1, 5),
        "begintijd": dt.time(10),
        "eindtijd": dt.time(12),
        "herhaling": "FREQ=WEEKLY;BYDAY=TU",
        "status": ActiviteitStatus.GEPUBLICEERD,
    } | kwargs
    Activiteit.objects.bulk_create(
        Activiteit(
            titel=f"Activiteit {n}",
            slug=f"bulk-activiteit-{locatie.pk}-{n}",
            locatie=locatie,
            organisator=organisator,
            **values,
        )
        for n in range(count)
    )
    occurrences.extend_horizon(dates + dt.timedelta(days=30))


@pytest.mark.django_db
class TestAgendaPage:
    def test_it_shows_the_chosen_week_grouped_by_day(self, client, locatie):
        koffie(locatie, titel="Koffieochtend")
        koffie(
            locatie,
            titel="Stamppotavond",
            herhaling="FREQ=WEEKLY;BYDAY=TH",
            kosten=Decimal("2.50"),
        )
        response = client.get(URL, {"week": WEEK})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Week 2: maandag 11 januari tot en met zondag 17 januari 2027" in html
        assert html.index("dinsdag 12 januari") < html.index("Koffieochtend")
        assert html.index("Koffieochtend") < html.index("donderdag 14 januari")
        assert html.index("donderdag 14 januari") < html.index("Stamppotavond")
        assert [day for day, _items in response.context["days"]] == [
            dt.date(2027, 1, 12),
            dt.date(2027, 1, 14),
        ]

    def test_each_line_shows_time_place_cost_and_sign_up(self, client, locatie):
        koffie(locatie, titel="Koffieochtend")
        koffie(
            locatie,
            titel="Maaltijd",
            kosten=Decimal("2.50"),
            aanmelden_nodig=True,
            aanmelden_via="bel 055-1234567",
        )
        html = client.get(URL, {"week": WEEK}).content.decode()
        assert "10:00–12:00" in html
        assert reverse("publiek:locatie", args=[locatie.slug]) in html
        assert "Buurthuis De Linde" in html
        assert "Gratis" in html
        assert "€\xa02,50" in html
        assert 'aanmelden nodig: <span lang="nl">bel 055-1234567</span>' in html
        assert "aanmelden niet nodig" in html

    def test_a_cancelled_date_shows_as_cancelled_with_its_reason(self, client, locatie):
        activiteit = koffie(locatie, titel="Koffieochtend")
        UitzonderingFactory(activiteit=activiteit, datum=dt.date(2027, 1, 12), reden="Koningsdag")
        html = client.get(URL, {"week": WEEK}).content.decode()
        assert "Koffieochtend" in html
        assert 'Vervalt: <span lang="nl">Koningsdag</span>' in html
        assert "agenda__item--vervalt" in html

    def test_only_published_activities_at_published_places(self, client, gemeente, locatie):
        koffie(locatie, titel="Zichtbaar")
        koffie(locatie, titel="Concept-activiteit", status=ActiviteitStatus.CONCEPT)
        koffie(locatie, titel="Afgelaste activiteit", status=ActiviteitStatus.AFGELAST)
        verborgen = LocatieFactory(gemeente=gemeente, status=LocatieStatus.TER_BEOORDELING)
        koffie(verborgen, titel="Bij een concept-plek")
        html = client.get(URL, {"week": WEEK}).content.decode()
        assert "Zichtbaar" in html
        assert "Concept-activiteit" not in html
        assert "Afgelaste activiteit" not in html
        assert "Bij een concept-plek" not in html

    def test_it_links_the_previous_and_next_week_keeping_the_filters(self, client, locatie):
        html = client.get(URL, {"week": WEEK, "categorie": "koffie"}).content.decode()
        assert "?week=2027-W01&amp;categorie=koffie" in html
        assert "?week=2027-W03&amp;categorie=koffie" in html

    def test_the_first_and_last_week_have_no_link_beyond(self, client):
        first, last = agenda.week_bounds(timezone.localdate())
        html = client.get(URL, {"week": agenda.week_param(first)}).content.decode()
        assert "Vorige week" not in html and "Volgende week" in html
        html = client.get(URL, {"week": agenda.week_param(last)}).content.decode()
        assert "Vorige week" in html and "Volgende week" not in html

    def test_without_a_week_it_shows_this_week(self, client):
        response = client.get(URL)
        today = timezone.localdate()
        assert response.context["monday"] == today - dt.timedelta(days=today.weekday())
        assert response.context["is_this_week"]

    @pytest.mark.parametrize(
        "week", ["abc", "2026-W99", "2027-W53", "99999999-W01", "2026-W48" * 500, "<script>"]
    )
    def test_a_bad_week_gives_this_week_with_a_message(self, client, week):
        response = client.get(URL, {"week": week})
        assert response.status_code == 200
        assert response.context["is_this_week"]
        assert response.context["week_message"]
        assert "<script>" not in response.content.decode().split("</header>", 1)[1]

    def test_unknown_filter_values_give_a_normal_page_with_messages(self, client, locatie):
        koffie(locatie, titel="Koffieochtend")
        response = client.get(
            URL,
            {
                "week": WEEK,
                "gemeente": "atlantis",
                "wijk": "x" * 5000,
                "categorie": "skydiven",
                "doelgroep": "marsmannetjes",
                "locatie": "bestaat-niet",
                "gratis": "misschien",
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Niet alle filters konden worden toegepast" in html
        assert "Deze gemeente kennen we niet" in html
        assert "Deze wijk kennen we niet" in html
        assert "Deze soort activiteit kennen we niet" in html
        assert "Deze doelgroep kennen we niet" in html
        assert "Deze ontmoetingsplek staat niet (meer) in het register" in html
        # The filters that could not be read are left out; the activity is still there.
        assert "Koffieochtend" in html

    @pytest.mark.parametrize(
        "field", ["gemeente", "wijk", "categorie", "doelgroep", "locatie", "gratis", "week"]
    )
    def test_a_nul_byte_in_any_parameter_gives_a_normal_page(self, client, field):
        # PostgreSQL refuses text with a NUL byte; it must never get that far.
        response = client.get(URL, {field: "a\x00b"})
        assert response.status_code == 200

    def test_it_filters_by_gemeente(self, client, locatie):
        koffie(locatie, titel="In Apeldoorn")
        elders = LocatieFactory(gepubliceerd=True, gemeente=GemeenteFactory(slug="zeist"))
        koffie(elders, titel="In Zeist")
        html = client.get(URL, {"week": WEEK, "gemeente": "zeist"}).content.decode()
        assert "In Zeist" in html
        assert "In Apeldoorn" not in html

    def test_a_wijk_includes_its_buurten_and_a_buurt_only_its_own(self, client, gemeente):
        wijk = WijkFactory(gemeente=gemeente, slug="de-maten")
        buurt = BuurtFactory(wijk=wijk, slug="de-maten-zuid")
        andere_buurt = BuurtFactory(wijk=wijk)
        koffie(
            LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=buurt),
            titel="Zuid",
        )
        koffie(
            LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk, buurt=andere_buurt),
            titel="Noord",
        )
        koffie(LocatieFactory(gepubliceerd=True, gemeente=gemeente), titel="Elders")
        html = client.get(URL, {"week": WEEK, "wijk": "de-maten"}).content.decode()
        assert "Zuid" in html and "Noord" in html and "Elders" not in html
        assert "Weekprogramma " + wijk.naam in html
        html = client.get(URL, {"week": WEEK, "wijk": "de-maten-zuid"}).content.decode()
        assert "Zuid" in html and "Noord" not in html
        # The buurt is offered in the list so the form shows what was chosen.
        assert 'value="de-maten-zuid" selected' in html

    def test_it_filters_by_category_target_group_and_cost(self, client, locatie):
        koffie(locatie, titel="Koffie voor iedereen")
        jongeren = koffie(
            locatie, titel="Gamemiddag", categorie=Categorie.SPELLETJES, kosten=Decimal("1")
        )
        jongeren.doelgroepen.set([Doelgroep.objects.get(code=DoelgroepCode.JONGEREN)])
        html = client.get(URL, {"week": WEEK, "categorie": "spelletjes"}).content.decode()
        assert "Gamemiddag" in html and "Koffie voor iedereen" not in html
        html = client.get(URL, {"week": WEEK, "doelgroep": "jongeren"}).content.decode()
        assert "Gamemiddag" in html and "Koffie voor iedereen" not in html
        html = client.get(URL, {"week": WEEK, "gratis": "on"}).content.decode()
        assert "Koffie voor iedereen" in html and "Gamemiddag" not in html

    def test_a_place_has_its_own_printable_week_programme(self, client, gemeente, locatie):
        koffie(locatie, titel="Koffieochtend")
        koffie(LocatieFactory(gepubliceerd=True, gemeente=gemeente), titel="Elders")
        response = client.get(URL, {"week": WEEK, "locatie": locatie.slug})
        html = response.content.decode()
        assert "<h1>Weekprogramma Buurthuis De Linde</h1>" in html
        assert "Koffieochtend" in html and "Elders" not in html
        assert 'href="/static/css/print.css" media="print"' in html
        place_url = "http://testserver" + reverse("publiek:locatie", args=[locatie.slug])
        assert f'Meer informatie: <a href="{place_url}">{place_url}</a>' in html

    def test_an_empty_week_says_so(self, client):
        html = client.get(URL, {"week": WEEK}).content.decode()
        assert "Er staan deze week geen activiteiten in de agenda" in html

    @pytest.mark.parametrize("count", [10, 1000])
    def test_the_query_count_is_fixed(self, client, locatie, count, django_assert_max_num_queries):
        bulk_activiteiten(locatie, count)
        wijk = WijkFactory(gemeente=locatie.gemeente)
        with django_assert_max_num_queries(8):
            response = client.get(URL, {"week": WEEK})
        assert response.context["count"] == count
        with django_assert_max_num_queries(10):
            response = client.get(
                URL,
                {
                    "week": WEEK,
                    "gemeente": locatie.gemeente.slug,
                    "wijk": wijk.slug,
                    "categorie": "koffie",
                    "doelgroep": "ouderen",
                    "locatie": locatie.slug,
                    "gratis": "on",
                },
            )
        assert response.status_code == 200


@pytest.mark.django_db
class TestStoredDatesOnThePages:
    def test_a_moved_date_shows_on_its_new_day_marked_moved(self, client, locatie):
        activiteit = koffie(locatie, titel="Koffieochtend")
        Uitzondering.objects.create(
            activiteit=activiteit,
            datum=dt.date(2027, 1, 12),
            reden="Zaal bezet",
            nieuwe_datum=dt.date(2027, 1, 14),
            nieuwe_begintijd=dt.time(13),
            nieuwe_eindtijd=dt.time(15),
        )
        occurrences.regenerate(activiteit)
        response = client.get(URL, {"week": WEEK})
        assert [day for day, _items in response.context["days"]] == [dt.date(2027, 1, 14)]
        html = response.content.decode()
        assert (
            '<strong class="badge badge--warning">Verplaatst van dinsdag 12 januari</strong> '
            '<span lang="nl">Zaal bezet</span></p>'
        ) in html
        assert '<time datetime="2027-01-14T13:00:00+01:00">13:00–15:00</time>' in html

    def test_a_cancelled_and_a_moved_date_in_the_places_json_ld(self, client, locatie):
        today = timezone.localdate()
        activiteit = koffie(locatie, startdatum=today, herhaling="FREQ=WEEKLY")
        UitzonderingFactory(activiteit=activiteit, datum=today + dt.timedelta(days=7))
        Uitzondering.objects.create(
            activiteit=activiteit,
            datum=today + dt.timedelta(days=14),
            nieuwe_datum=today + dt.timedelta(days=15),
        )
        occurrences.regenerate(activiteit)
        html = client.get(reverse("publiek:locatie", args=[locatie.slug])).content.decode()
        events = json.loads(
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[-1]
        )["@graph"]
        assert [event["eventStatus"].rsplit("/", 1)[1] for event in events] == [
            "EventScheduled",
            "EventCancelled",
            "EventRescheduled",
            "EventScheduled",
        ]
        moved = events[2]
        assert moved["startDate"].startswith(f"{today + dt.timedelta(days=15)}T10:00:00+0")
        assert moved["previousStartDate"].startswith(f"{today + dt.timedelta(days=14)}T10:00")

    def test_a_week_past_the_stored_dates_says_so_and_links_no_further(self, client):
        today = timezone.localdate()
        horizon = occurrences.horizon_end(today)
        beyond = agenda.monday_of(horizon) + dt.timedelta(days=7)
        response = client.get(URL, {"week": agenda.week_param(beyond)})
        html = response.content.decode()
        assert "De agenda loopt tot en met" in html
        assert "Kijk later nog eens" in html
        assert "Volgende week" not in html and "Vorige week" in html

    def test_the_week_of_the_horizon_says_which_days_are_missing(self, client):
        today = timezone.localdate()
        horizon = occurrences.horizon_end(today)
        response = client.get(URL, {"week": agenda.week_param(agenda.monday_of(horizon))})
        if horizon.weekday() == 6:
            assert not response.context["horizon_message"]
        else:
            assert "staan er nog niet in" in response.context["horizon_message"]
        assert "Volgende week" in response.content.decode()

    def test_this_week_has_no_horizon_message(self, client):
        assert client.get(URL).context["horizon_message"] == ""

    @pytest.mark.parametrize("count", [10, 1000])
    def test_the_wijk_page_runs_a_fixed_number_of_queries(
        self, client, gemeente, count, django_assert_max_num_queries
    ):
        wijk = WijkFactory(gemeente=gemeente)
        plek = LocatieFactory(gepubliceerd=True, gemeente=gemeente, wijk=wijk)
        today = timezone.localdate()
        bulk_activiteiten(plek, count, startdatum=today, herhaling="FREQ=WEEKLY", dates=today)
        with django_assert_max_num_queries(10):
            response = client.get(reverse("publiek:wijk", args=[wijk.slug]))
        assert response.status_code == 200
        assert len(response.context["programma"].items) == count


def test_the_printed_programme_has_no_text_below_12_pt():
    css = (Path(__file__).parents[2] / "static" / "css" / "print.css").read_text()
    sizes = [float(size) for size in re.findall(r"font-size:\s*([\d.]+)pt", css)]
    assert sizes and min(sizes) >= 12


@pytest.mark.django_db
def test_a_places_week_programme_names_its_address_and_phone(client):
    locatie = LocatieFactory(gepubliceerd=True, telefoon="030 123 40 00")

    response = client.get("/activiteiten/", {"locatie": locatie.slug})

    assert f"{locatie.openbaar_adres} · Telefoon 030 123 40 00" in response.text


# --- The agenda in pages ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_agenda_without_a_place_or_wijk_comes_in_pages(client, locatie, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 3)
    bulk_activiteiten(locatie, 5)

    first = client.get(URL, {"week": WEEK})
    second = client.get(URL, {"week": WEEK, "pagina": "2"})

    assert first.context["count"] == 5
    assert first.content.decode().count('class="agenda__item') == 3
    assert second.content.decode().count('class="agenda__item') == 2
    assert f"?week={WEEK}&amp;pagina=2" in first.content.decode()
    titles = [regel.activiteit.titel for _day, regels in first.context["days"] for regel in regels]
    titles += [
        regel.activiteit.titel for _day, regels in second.context["days"] for regel in regels
    ]
    assert sorted(titles) == sorted(f"Activiteit {n}" for n in range(5))


@pytest.mark.django_db
def test_a_places_week_programme_stays_on_one_page(client, locatie, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 3)
    bulk_activiteiten(locatie, 5)

    response = client.get(URL, {"week": WEEK, "locatie": locatie.slug})

    assert response.content.decode().count('class="agenda__item') == 5
    assert response.context["page"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "message"), [("x", "geen paginanummer"), ("9", "laatste")])
def test_a_page_that_does_not_exist_shows_the_nearest_one_and_says_so(
    client, locatie, monkeypatch, pagina, message
):
    monkeypatch.setattr(views, "PER_PAGE", 3)
    bulk_activiteiten(locatie, 5)

    response = client.get(URL, {"week": WEEK, "pagina": pagina})

    assert response.status_code == 200
    assert message in response.context["page_notice"]
    assert response.content.decode().count('class="agenda__item') in (2, 3)


@pytest.mark.django_db
def test_agenda_lines_from_the_joined_query_read_as_lines_from_occurrences(locatie):
    groep = koffie(locatie, titel="Breiclub", alleen_voor_doelgroep=True, kosten=Decimal("2.5"))
    groep.doelgroepen.set([Doelgroep.objects.get(code=DoelgroepCode.OUDEREN)])
    koffie(locatie, titel="Koffie")
    UitzonderingFactory(activiteit=groep, datum=dt.date(2027, 1, 12), reden="Vervalt: Koningsdag")
    activiteiten = Activiteit.objects.openbaar()
    start, end = dt.date(2027, 1, 4), dt.date(2027, 1, 31)
    template = Template(
        "{% load agenda %}{% for item in items %}{% agenda_regel item %}{% endfor %}"
    )

    from_rows = template.render(Context({"items": agenda.Regels(activiteiten, start, end)[:]}))
    from_instances = template.render(
        Context({"items": agenda.occurrences(activiteiten, start, end)})
    )

    assert from_rows == from_instances
    assert "alleen voor ouderen" in from_rows
    assert 'Vervalt: <span lang="nl">Koningsdag</span>' in from_rows
