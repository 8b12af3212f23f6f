import datetime as dt

import pytest
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit
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

    titels = {activiteit.titel for _, activiteit in response.context["this_week"]}
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

    first_day = response.context["this_week"][0][0]
    on_first_day = [a.titel for day, a in response.context["this_week"] if day == first_day]
    assert sorted(on_first_day) == ["Koffie", "Maaltijd"]


def test_home_leaves_out_a_cancelled_date(client):
    activiteit = daily_activiteit(locatie=LocatieFactory(gepubliceerd=True))
    today = timezone.localdate()
    UitzonderingFactory(activiteit=activiteit, datum=today)

    response = client.get("/")

    dagen = [day for day, _ in response.context["this_week"]]
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
    for n, locatie in enumerate(locaties):
        daily_activiteit(locatie=locatie, organisator=organisator, categorie=CATEGORIEEN[n % 11])

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

    response = client.get("/")

    assert response.status_code == 200
    assert [a.titel for _, a in response.context["this_week"]] == ["Goed"]
