import datetime as dt

import pytest
from django.utils import timezone

from activiteiten import occurrences
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit
from locaties.geo import SEARCH_RADII_M
from locaties.models import Locatie
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LocatieFactory,
    PartnerFactory,
    UitzonderingFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIEEN = Categorie.values


def daily_activiteit(**kwargs):
    """A published activity every day since last month, so it is on this week."""
    return ActiviteitFactory(
        startdatum=timezone.localdate() - dt.timedelta(days=30), herhaling="FREQ=DAILY", **kwargs
    )


def test_home_counts_published_places_and_sterlocaties_per_gemeente(client):
    apeldoorn = GemeenteFactory(naam="Apeldoorn")
    LocatieFactory.create_batch(2, gemeente=apeldoorn, gepubliceerd=True)
    LocatieFactory(gemeente=apeldoorn, gepubliceerd=True, sterlocatie=True)
    LocatieFactory(gemeente=apeldoorn)  # concept: not public
    GemeenteFactory(naam="Zonder plekken")

    response = client.get("/")

    assert response.status_code == 200
    gemeenten = list(response.context["gemeenten"])
    assert [g.naam for g in gemeenten] == ["Apeldoorn"]
    assert gemeenten[0].aantal_locaties == 3
    assert gemeenten[0].aantal_sterlocaties == 1
    assert "3 ontmoetingsplekken" in response.text


def test_home_shows_this_weeks_activities_of_published_places_only(client):
    open_plek = LocatieFactory(gepubliceerd=True, naam="Buurthuiskamer De Linde")
    daily_activiteit(locatie=open_plek, titel="Koffie bij De Linde")
    daily_activiteit(locatie=LocatieFactory(), titel="Koffie in een concept")
    daily_activiteit(locatie=open_plek, titel="Nog niet klaar", status=ActiviteitStatus.CONCEPT)

    response = client.get("/")

    titels = {item.activiteit.titel for item in response.context["this_week"]}
    assert titels == {"Koffie bij De Linde"}
    assert "Buurthuiskamer De Linde" in response.text


def test_home_highlights_no_activity_that_is_only_for_a_target_group(client):
    locatie = LocatieFactory(gepubliceerd=True)
    daily_activiteit(
        locatie=locatie, titel="Computerles voor cliënten", alleen_voor_doelgroep=True
    )

    response = client.get("/")

    assert response.context["this_week"] == []


def test_home_highlights_one_activity_of_a_category_a_day(client):
    locatie = LocatieFactory(gepubliceerd=True)
    daily_activiteit(locatie=locatie, titel="Koffie", categorie=Categorie.KOFFIE)
    daily_activiteit(locatie=locatie, titel="Ook koffie", categorie=Categorie.KOFFIE)
    daily_activiteit(locatie=locatie, titel="Maaltijd", categorie=Categorie.MAALTIJD)

    response = client.get("/")

    first_day = response.context["this_week"][0].datum
    on_first_day = [
        item.activiteit.titel for item in response.context["this_week"] if item.datum == first_day
    ]
    assert sorted(on_first_day) == ["Koffie", "Maaltijd"]


def test_home_leaves_out_a_cancelled_date(client):
    activiteit = daily_activiteit(locatie=LocatieFactory(gepubliceerd=True))
    today = timezone.localdate()
    UitzonderingFactory(activiteit=activiteit, datum=today)

    response = client.get("/")

    dagen = [item.datum for item in response.context["this_week"]]
    assert today not in dagen
    assert today + dt.timedelta(days=1) in dagen


def test_home_says_so_when_nothing_is_published(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Er zijn nog geen gepubliceerde ontmoetingsplekken." in response.text


def test_home_is_dutch_at_the_plain_path_even_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en"})

    assert '<html lang="nl">' in response.text


def test_home_is_english_under_en(client):
    response = client.get("/en/")

    assert '<html lang="en">' in response.text


@pytest.mark.parametrize("rows", [10, 1000])
def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, rows):
    gemeenten = GemeenteFactory.create_batch(3)
    locaties = [
        LocatieFactory(gemeente=gemeenten[n % 3], gepubliceerd=True, is_demo=True)
        for n in range(rows)
    ]
    organisator = PartnerFactory()
    today = timezone.localdate()
    Activiteit.objects.bulk_create(
        Activiteit(
            titel=f"Activiteit {n}",
            slug=f"activiteit-{n}",
            locatie=locatie,
            organisator=organisator,
            categorie=CATEGORIEEN[n % 11],
            startdatum=today - dt.timedelta(days=30),
            begintijd=dt.time(10),
            eindtijd=dt.time(12),
            herhaling="FREQ=DAILY",
            status=ActiviteitStatus.GEPUBLICEERD,
        )
        for n, locatie in enumerate(locaties)
    )
    occurrences.extend_horizon(today + dt.timedelta(days=7))  # as `verleng_agenda` does

    with django_assert_max_num_queries(4):
        response = client.get("/")

    assert response.status_code == 200
    # All start today: one highlight per category.
    assert len(response.context["this_week"]) == min(rows, len(CATEGORIEEN))


def test_an_activity_with_a_broken_rule_is_skipped_not_a_server_error(client):
    locatie = LocatieFactory(gepubliceerd=True)
    daily_activiteit(locatie=locatie, titel="Goed")
    kapot = daily_activiteit(locatie=locatie, titel="Kapot", categorie=Categorie.MAALTIJD)
    Activiteit.objects.filter(pk=kapot.pk).update(herhaling="FREQ=NOOIT")  # bypasses clean()
    occurrences.regenerate(Activiteit.objects.get(pk=kapot.pk))

    response = client.get("/")

    assert response.status_code == 200
    assert [item.activiteit.titel for item in response.context["this_week"]] == ["Goed"]


# --- Searching from the home page ---------------------------------------------------------


def test_home_has_one_search_box_with_the_location_button_for_the_script(client):
    text = client.get("/").text

    assert text.count('name="q"') == 1
    assert '<form method="get" action="/" class="zoeken zoeken--home" role="search"' in text
    assert (
        '<button type="button" class="button" data-mijn-locatie hidden>'
        "Gebruik mijn locatie</button>"
    ) in text
    assert '<input type="hidden" name="lat" value="">' in text


def test_home_shows_the_nearest_published_places_after_a_search(client, pdok):
    pdok.respond_with("postcode_7311ab")
    for n in range(7):
        LocatieFactory(naam=f"Plek {n}", latitude=52.212 + n * 0.01, gepubliceerd=True)
    LocatieFactory(naam="Concept om de hoek", latitude=52.2118)

    response = client.get("/", {"q": "7311AB"})

    assert [locatie.naam for locatie in response.context["nearest"]] == [
        "Plek 0",
        "Plek 1",
        "Plek 2",
        "Plek 3",
        "Plek 4",
    ]
    assert "Gezocht rond: Hoofdstraat, 7311AB Apeldoorn." in response.text
    assert "Op 270 m afstand" in response.text  # 266 m, to 10 m
    assert 'href="/locaties/?q=7311AB"' in response.text
    assert "Concept om de hoek" not in response.text


def test_home_without_a_search_shows_no_nearest_places(client):
    LocatieFactory(gepubliceerd=True)

    response = client.get("/")

    assert response.context["nearest"] == []
    assert "Dichtstbijzijnde ontmoetingsplekken" not in response.text


def test_home_links_each_gemeente_to_its_places(client):
    LocatieFactory(gemeente=GemeenteFactory(naam="Zeist", slug="zeist"), gepubliceerd=True)

    assert '<a href="/locaties/?gemeente=zeist">Zeist</a>' in client.get("/").text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "abc", "lon": "5"}, "De doorgegeven locatie bestaat niet uit twee getallen."),
        ({"lat": "999", "lon": "5"}, "De doorgegeven locatie ligt niet in Nederland"),
        ({"q": "q" * 5000}, "Je zoekopdracht is te lang."),
    ],
)
def test_home_answers_nonsense_with_a_message_not_an_error(client, params, message):
    response = client.get("/", params)

    assert response.status_code == 200
    assert message in response.text


@pytest.mark.parametrize("rows", [10, 1000])
def test_home_with_a_search_runs_a_fixed_number_of_queries(
    client, pdok, django_assert_max_num_queries, rows
):
    pdok.respond_with("postcode_7311ab")
    gemeente = GemeenteFactory()
    Locatie.objects.bulk_create(
        LocatieFactory.build(gemeente=gemeente, gepubliceerd=True, latitude=52.0 + n * 0.001)
        for n in range(rows)
    )

    # The page itself (4), PDOK's cache (1 to read, 4 to write), at most one query a box,
    # and the week's highlights nearby (2).
    with django_assert_max_num_queries(9 + len(SEARCH_RADII_M) + 1 + 2):
        response = client.get("/", {"q": "7311AB"})

    assert len(response.context["nearest"]) == 5


def test_after_a_search_the_weeks_highlights_come_from_nearby_places(client):
    dichtbij = LocatieFactory(latitude=52.215, longitude=5.97, gepubliceerd=True)
    veraf = LocatieFactory(latitude=52.5, longitude=4.96, gepubliceerd=True)
    daily_activiteit(locatie=dichtbij, titel="Koffie om de hoek")
    daily_activiteit(locatie=veraf, titel="Koffie in Purmerend", categorie=Categorie.MAALTIJD)

    response = client.get("/", {"lat": "52.211", "lon": "5.970"})

    assert [item.activiteit.titel for item in response.context["this_week"]] == [
        "Koffie om de hoek"
    ]
    assert "Deze week bij jou in de buurt" in response.text


def test_with_nothing_on_nearby_the_home_shows_the_whole_weeks_highlights(client):
    veraf = LocatieFactory(latitude=52.5, longitude=4.96, gepubliceerd=True)
    daily_activiteit(locatie=veraf, titel="Koffie in Purmerend")

    response = client.get("/", {"lat": "52.211", "lon": "5.970"})

    assert [item.activiteit.titel for item in response.context["this_week"]] == [
        "Koffie in Purmerend"
    ]
    assert "Deze week bij jou in de buurt" not in response.text
