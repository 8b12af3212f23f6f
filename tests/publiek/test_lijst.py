import datetime as dt
import json

import pytest
import requests
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activiteiten.constants import ActiviteitStatus, Categorie
from locaties import filters
from locaties.constants import LocatieSoort, LocatieStatus, Weekdag
from locaties.models import Doelgroep, Locatie, Voorziening
from publiek import views
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LocatieFactory,
    OpeningstijdFactory,
    SluitingFactory,
    UitzonderingFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/locaties/"
MAP = "/locaties/kaart.geojson"
# A Tuesday at 10:30 in Amsterdam: the moment "nu open" is asked in these tests.
TUESDAY_MORNING = dt.datetime(2027, 3, 9, 10, 30, tzinfo=filters.AMSTERDAM)


def names(response) -> list[str]:
    return [locatie.naam for locatie in response.context["page"].object_list]


def feature_names(response) -> list[str]:
    return [feature["properties"]["naam"] for feature in response.json()["features"]]


def bulk_places(count: int, **fields) -> None:
    gemeente = fields.pop("gemeente", None) or GemeenteFactory()
    Locatie.objects.bulk_create(
        LocatieFactory.build(
            gemeente=gemeente,
            gepubliceerd=True,
            latitude=52.0 + (n % 100) * 0.01,
            longitude=5.0 + (n // 100) * 0.01,
            **fields,
        )
        for n in range(count)
    )


@pytest.fixture
def tuesday_morning(monkeypatch):
    monkeypatch.setattr(filters, "amsterdam_now", lambda: TUESDAY_MORNING)
    return TUESDAY_MORNING


# --- What the list shows ---------------------------------------------------------------------


def test_the_list_shows_published_places_only_by_name(client):
    LocatieFactory(naam="Buurthuis Zuid", gepubliceerd=True)
    LocatieFactory(naam="Aan de Beek", gepubliceerd=True)
    LocatieFactory(naam="Nog in concept")
    LocatieFactory(naam="Ter beoordeling", status=LocatieStatus.TER_BEOORDELING)
    LocatieFactory(naam="Gearchiveerd", status=LocatieStatus.GEARCHIVEERD)

    response = client.get(LIST)

    assert response.status_code == 200
    assert names(response) == ["Aan de Beek", "Buurthuis Zuid"]
    assert "2 ontmoetingsplekken gevonden" in response.text
    assert "Nog in concept" not in response.text


def test_a_result_shows_kind_address_sterlocatie_and_wheelchair_access_in_words(client):
    LocatieFactory(
        naam="De Linde",
        slug="de-linde",
        soort=LocatieSoort.WIJKSERVICEPUNT,
        straat="Lindelaan",
        huisnummer=4,
        postcode="7314 AB",
        plaats="Apeldoorn",
        rolstoeltoegankelijk=True,
        gepubliceerd=True,
        sterlocatie=True,
    )
    LocatieFactory(naam="Onbekend", rolstoeltoegankelijk=None, gepubliceerd=True)
    LocatieFactory(naam="Trap op", rolstoeltoegankelijk=False, gepubliceerd=True)

    text = client.get(LIST).text

    assert '<a href="/locaties/de-linde/">De Linde</a>' in text
    assert "Wijkservicepunt" in text
    assert "Lindelaan 4, 7314 AB Apeldoorn" in text
    assert "Sterlocatie" in text
    assert "Rolstoeltoegankelijk<" in text
    assert "Niet rolstoeltoegankelijk" in text
    assert "Rolstoeltoegankelijkheid niet bekend" in text


def test_a_place_with_a_private_address_shows_only_street_and_place(client):
    LocatieFactory(
        straat="Kerkstraat",
        huisnummer=17,
        postcode="7311 XY",
        plaats="Apeldoorn",
        adres_openbaar=False,
        gepubliceerd=True,
    )

    text = client.get(LIST).text

    assert "Kerkstraat, Apeldoorn" in text
    assert "Kerkstraat 17" not in text
    assert "7311 XY" not in text


def test_the_search_form_has_the_location_button_for_the_script_and_hidden_coordinates(client):
    text = client.get(LIST).text

    assert (
        '<button type="button" class="button" data-mijn-locatie hidden>'
        "Gebruik mijn locatie</button>"
    ) in text
    assert '<input type="hidden" name="lat" value="">' in text
    assert '<input type="hidden" name="lon" value="">' in text
    assert '<label for="id_q">Wat zoek je, en waar?</label>' in text


def test_the_map_gets_the_geojson_url_with_the_same_query(client):
    LocatieFactory(naam="Huiskamer Kerkstraat", gepubliceerd=True, sterlocatie=True)

    text = client.get(LIST, {"q": "huiskamer", "sterlocatie": "on", "page": "1"}).text

    assert 'data-geojson="/locaties/kaart.geojson?q=huiskamer&amp;sterlocatie=on"' in text
    assert "data-kaart hidden" in text


def test_the_map_waits_closed_until_the_resident_opens_it(client):
    LocatieFactory(gepubliceerd=True)

    text = client.get(LIST).text

    assert '<details class="kaart-uitklap" data-kaart-uitklap hidden>' in text
    assert "Op de kaart bekijken" in text
    assert "leaflet.js" not in text.split("data-laden-js")[0]


def test_no_map_when_nothing_is_found(client):
    LocatieFactory(gepubliceerd=True)

    text = client.get(LIST, {"sterlocatie": "on"}).text

    assert "data-kaart" not in text


# --- Searching around a point ----------------------------------------------------------------


def test_a_point_from_the_browser_sorts_by_distance_and_shows_it(client):
    LocatieFactory(naam="Ver weg", latitude=52.30, longitude=5.97, gepubliceerd=True)
    LocatieFactory(naam="Om de hoek", latitude=52.2141, longitude=5.97, gepubliceerd=True)
    LocatieFactory(naam="Dichtbij", latitude=52.222, longitude=5.97, gepubliceerd=True)

    response = client.get(LIST, {"lat": "52.211", "lon": "5.970"})

    assert names(response) == ["Om de hoek", "Dichtbij", "Ver weg"]
    assert "Op 340 m afstand" in response.text
    assert "Op 1,2 km afstand" in response.text
    assert "Op 9,9 km afstand" in response.text
    assert "Gezocht rond de plek waar je nu bent." in response.text
    assert "De dichtstbijzijnde eerst." in response.text
    # The point stays in the form, so changing a filter keeps it.
    assert '<input type="hidden" name="lat" value="52.211000">' in response.text


def test_a_postcode_is_searched_through_pdok_and_said_so(client, pdok):
    pdok.respond_with("postcode_7311ab")
    LocatieFactory(naam="Ver weg", latitude=52.40, longitude=5.97, gepubliceerd=True)
    LocatieFactory(naam="Dichtbij", latitude=52.212, longitude=5.966, gepubliceerd=True)

    response = client.get(LIST, {"q": "7311AB"})

    assert names(response) == ["Dichtbij", "Ver weg"]
    assert "Gezocht rond: Hoofdstraat, 7311AB Apeldoorn." in response.text
    assert 'value="7311AB"' in response.text


def test_when_pdok_is_down_the_search_falls_back_to_the_registry_and_says_so(client, pdok):
    pdok.fail_with(requests.ConnectTimeout("slow"))
    LocatieFactory(naam="Ver weg", postcode="7400 AA", latitude=52.3, gepubliceerd=True)
    LocatieFactory(naam="Hier", postcode="7311 AB", latitude=52.2, gepubliceerd=True)

    response = client.get(LIST, {"q": "7311 AB"})

    assert names(response) == ["Hier", "Ver weg"]
    assert "We konden het adres nu niet opzoeken." in response.text
    assert "het midden van de plekken met dat adres in dit overzicht" in response.text


def test_an_unknown_search_lists_all_places_by_name_with_a_helpful_message(client, pdok):
    pdok.respond_with("geen_resultaat")
    LocatieFactory(naam="B", gepubliceerd=True)
    LocatieFactory(naam="A", gepubliceerd=True)

    response = client.get(LIST, {"q": "Atlantis"})

    assert response.status_code == 200
    assert names(response) == ["A", "B"]
    assert "Ook in dit overzicht staat „Atlantis” niet." in response.text


# --- Filters ---------------------------------------------------------------------------------


def test_filter_by_gemeente_and_wijk_by_their_slugs(client):
    apeldoorn = GemeenteFactory(naam="Apeldoorn", slug="apeldoorn")
    zeist = GemeenteFactory(naam="Zeist", slug="zeist")
    zuid = WijkFactory(gemeente=apeldoorn, naam="Zuid", slug="apeldoorn-zuid")
    LocatieFactory(naam="In Zuid", gemeente=apeldoorn, wijk=zuid, gepubliceerd=True)
    LocatieFactory(naam="Elders in Apeldoorn", gemeente=apeldoorn, gepubliceerd=True)
    LocatieFactory(naam="In Zeist", gemeente=zeist, gepubliceerd=True)

    assert names(client.get(LIST, {"gemeente": "apeldoorn"})) == ["Elders in Apeldoorn", "In Zuid"]
    assert names(client.get(LIST, {"wijk": "apeldoorn-zuid"})) == ["In Zuid"]
    assert "Zuid (Apeldoorn)" in client.get(LIST).text


def test_with_a_gemeente_chosen_only_its_wijken_are_offered(client):
    apeldoorn = GemeenteFactory(naam="Apeldoorn", slug="apeldoorn")
    zeist = GemeenteFactory(naam="Zeist", slug="zeist")
    zuid = WijkFactory(gemeente=apeldoorn, naam="Zuid")
    noord = WijkFactory(gemeente=zeist, naam="Noord")
    LocatieFactory(gemeente=apeldoorn, wijk=zuid, gepubliceerd=True)
    LocatieFactory(gemeente=zeist, wijk=noord, gepubliceerd=True)
    WijkFactory(gemeente=apeldoorn, naam="Zonder plekken")

    everywhere = client.get(LIST).context["filterset"].form.fields["wijk"].queryset
    in_apeldoorn = (
        client.get(LIST, {"gemeente": "apeldoorn"}).context["filterset"].form.fields["wijk"]
    ).queryset

    assert [wijk.naam for wijk in everywhere] == ["Zuid", "Noord"]
    assert [wijk.naam for wijk in in_apeldoorn] == ["Zuid"]


def test_filter_by_kind_and_sterlocatie(client):
    LocatieFactory(naam="Plus", soort=LocatieSoort.PLUS_PUNT, gepubliceerd=True)
    LocatieFactory(naam="Ster", soort=LocatieSoort.BUURTHUIS, gepubliceerd=True, sterlocatie=True)

    assert names(client.get(LIST, {"soort": "buurthuis"})) == ["Ster"]
    assert names(client.get(LIST, {"sterlocatie": "on"})) == ["Ster"]
    assert names(client.get(LIST, {"sterlocatie": ""})) == ["Plus", "Ster"]


def test_target_groups_match_any_facilities_match_all(client):
    ouderen = Doelgroep.objects.get(code="ouderen")
    jongeren = Doelgroep.objects.get(code="jongeren")
    keuken = Voorziening.objects.get(code="keuken")
    wifi = Voorziening.objects.get(code="wifi")
    beide = LocatieFactory(naam="Beide", gepubliceerd=True)
    beide.doelgroepen.set([ouderen, jongeren])
    beide.voorzieningen.set([keuken, wifi])
    alleen_keuken = LocatieFactory(naam="Keuken", gepubliceerd=True)
    alleen_keuken.doelgroepen.set([ouderen])
    alleen_keuken.voorzieningen.set([keuken])

    groups = client.get(LIST, {"doelgroep": ["ouderen", "jongeren"]})
    facilities = client.get(LIST, {"voorziening": ["keuken", "wifi"]})

    assert names(groups) == ["Beide", "Keuken"]  # each once, though Beide has both
    assert names(facilities) == ["Beide"]


def test_filter_by_accessibility_needs_every_chosen_feature(client):
    LocatieFactory(naam="Alles", rolstoeltoegankelijk=True, ringleiding=True, gepubliceerd=True)
    LocatieFactory(naam="Rolstoel", rolstoeltoegankelijk=True, gepubliceerd=True)
    LocatieFactory(naam="Onbekend", rolstoeltoegankelijk=None, gepubliceerd=True)

    one = client.get(LIST, {"toegankelijk": "rolstoeltoegankelijk"})
    two = client.get(LIST, {"toegankelijk": ["rolstoeltoegankelijk", "ringleiding"]})

    assert names(one) == ["Alles", "Rolstoel"]
    assert names(two) == ["Alles"]


def test_nu_open_follows_the_opening_hours_of_this_moment_in_amsterdam(client, tuesday_morning):
    open_nu = LocatieFactory(naam="Open", gepubliceerd=True)
    OpeningstijdFactory(locatie=open_nu, weekdag=Weekdag.DINSDAG, van=dt.time(9), tot=dt.time(12))
    middag = LocatieFactory(naam="Alleen middag", gepubliceerd=True)
    OpeningstijdFactory(locatie=middag, weekdag=Weekdag.DINSDAG, van=dt.time(13), tot=dt.time(17))
    maandag = LocatieFactory(naam="Alleen maandag", gepubliceerd=True)
    OpeningstijdFactory(locatie=maandag, weekdag=Weekdag.MAANDAG, van=dt.time(9), tot=dt.time(12))
    tot_half_elf = LocatieFactory(naam="Tot half elf", gepubliceerd=True)
    OpeningstijdFactory(
        locatie=tot_half_elf, weekdag=Weekdag.DINSDAG, van=dt.time(9), tot=dt.time(10, 30)
    )

    assert names(client.get(LIST, {"nu_open": "on"})) == ["Open"]


def test_nu_open_leaves_out_a_place_closed_today(client, tuesday_morning):
    zomerstop = LocatieFactory(naam="Zomerstop", gepubliceerd=True)
    OpeningstijdFactory(
        locatie=zomerstop, weekdag=Weekdag.DINSDAG, van=dt.time(9), tot=dt.time(12)
    )
    SluitingFactory(locatie=zomerstop, van=dt.date(2027, 3, 1), tot=dt.date(2027, 3, 9))
    gisteren_dicht = LocatieFactory(naam="Was dicht", gepubliceerd=True)
    OpeningstijdFactory(
        locatie=gisteren_dicht, weekdag=Weekdag.DINSDAG, van=dt.time(9), tot=dt.time(12)
    )
    SluitingFactory(locatie=gisteren_dicht, van=dt.date(2027, 3, 1), tot=dt.date(2027, 3, 8))

    assert names(client.get(LIST, {"nu_open": "on"})) == ["Was dicht"]


def test_filter_by_activity_category_counts_published_activities_only(client, tuesday_morning):
    maaltijd = LocatieFactory(naam="Met maaltijd", gepubliceerd=True)
    ActiviteitFactory(locatie=maaltijd, categorie=Categorie.MAALTIJD)
    concept = LocatieFactory(naam="Maaltijd in concept", gepubliceerd=True)
    ActiviteitFactory(
        locatie=concept, categorie=Categorie.MAALTIJD, status=ActiviteitStatus.CONCEPT
    )
    voorbij = LocatieFactory(naam="Maaltijd was vorig jaar", gepubliceerd=True)
    ActiviteitFactory(
        locatie=voorbij,
        categorie=Categorie.MAALTIJD,
        eenmalig=True,
        startdatum=dt.date(2026, 3, 1),
    )
    ActiviteitFactory(locatie=LocatieFactory(naam="Koffie", gepubliceerd=True))

    assert names(client.get(LIST, {"activiteit": "maaltijd"})) == ["Met maaltijd"]


def test_category_and_day_must_hold_for_the_same_activity(client, tuesday_morning):
    # The coming Thursday from Tuesday 9 March 2027 is 11 March.
    juist = LocatieFactory(naam="Maaltijd op donderdag", gepubliceerd=True)
    ActiviteitFactory(
        locatie=juist,
        categorie=Categorie.MAALTIJD,
        startdatum=dt.date(2027, 1, 7),
        herhaling="FREQ=WEEKLY;BYDAY=TH",
    )
    gesplitst = LocatieFactory(naam="Maaltijd dinsdag, koffie donderdag", gepubliceerd=True)
    ActiviteitFactory(locatie=gesplitst, categorie=Categorie.MAALTIJD)  # Tuesdays
    ActiviteitFactory(
        locatie=gesplitst, startdatum=dt.date(2027, 1, 7), herhaling="FREQ=WEEKLY;BYDAY=TH"
    )

    response = client.get(LIST, {"activiteit": "maaltijd", "dag": str(Weekdag.DONDERDAG)})

    assert names(response) == ["Maaltijd op donderdag"]


@pytest.mark.parametrize(
    ("startdatum", "herhaling", "on_thursday"),
    [
        (dt.date(2027, 3, 11), "", True),  # one-off on the coming Thursday
        (dt.date(2027, 3, 18), "", False),  # one-off a week later
        (dt.date(2027, 1, 5), "FREQ=WEEKLY;BYDAY=TU,TH", True),
        (dt.date(2027, 1, 7), "FREQ=MONTHLY;BYDAY=2TH", True),  # 11 March: 2nd Thursday
        (dt.date(2027, 1, 7), "FREQ=MONTHLY;BYDAY=1TH", False),  # 4 March, not the 11th
        (dt.date(2027, 1, 1), "FREQ=DAILY", True),
        (dt.date(2027, 1, 14), "FREQ=WEEKLY;INTERVAL=2", True),  # a Thursday, 8 weeks before
        (dt.date(2027, 1, 7), "FREQ=WEEKLY;INTERVAL=2", False),  # its week is 4 and 18 March
        (dt.date(2027, 1, 5), "FREQ=WEEKLY", False),  # starts on a Tuesday
        (dt.date(2027, 4, 1), "FREQ=WEEKLY;BYDAY=TH", False),  # not started yet
    ],
)
def test_the_day_filter_reads_the_stored_dates(
    client, tuesday_morning, startdatum, herhaling, on_thursday
):
    locatie = LocatieFactory(naam="Plek", gepubliceerd=True)
    ActiviteitFactory(locatie=locatie, startdatum=startdatum, herhaling=herhaling)

    response = client.get(LIST, {"dag": str(Weekdag.DONDERDAG)})

    assert names(response) == (["Plek"] if on_thursday else [])


def test_the_day_filter_leaves_out_a_cancelled_date(client, tuesday_morning):
    # The coming Thursday from Tuesday 9 March 2027 is 11 March.
    locatie = LocatieFactory(naam="Plek", gepubliceerd=True)
    activiteit = ActiviteitFactory(
        locatie=locatie, startdatum=dt.date(2027, 1, 7), herhaling="FREQ=WEEKLY;BYDAY=TH"
    )
    UitzonderingFactory(activiteit=activiteit, datum=dt.date(2027, 3, 11), reden="Ziek")

    assert names(client.get(LIST, {"dag": str(Weekdag.DONDERDAG)})) == []
    assert names(client.get(LIST, {"activiteit": "koffie", "dag": str(Weekdag.DONDERDAG)})) == []
    assert names(client.get(LIST, {"activiteit": "koffie"})) == ["Plek"]


def test_filters_combine_and_the_url_keeps_them_for_the_next_page(client):
    zeist = GemeenteFactory(slug="zeist")
    bulk_places(25, gemeente=zeist, is_sterlocatie=True, begeleiding_psychiatrie=True)
    bulk_places(5)

    response = client.get(LIST, {"gemeente": "zeist", "sterlocatie": "on"})

    assert response.context["paginator"].count == 25
    assert len(names(response)) == views.PER_PAGE
    assert "25 ontmoetingsplekken gevonden" in response.text
    assert "Pagina 1 van 2" in response.text
    assert 'href="?gemeente=zeist&amp;sterlocatie=on&amp;page=2"' in response.text
    second = client.get(LIST, {"gemeente": "zeist", "sterlocatie": "on", "page": "2"})
    assert len(names(second)) == 5


def test_pages_of_a_point_search_continue_in_distance_order(client):
    bulk_places(45)

    pages = [client.get(LIST, {"lat": "52.5", "lon": "5.2", "page": n}) for n in (1, 2, 3)]

    distances = [p.afstand_m for page in pages for p in page.context["page"].object_list]
    assert len(distances) == 45
    assert distances == sorted(distances)


# --- Nonsense in the query string -------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "abc", "lon": "5.9"}, "De doorgegeven locatie bestaat niet uit twee getallen."),
        ({"lat": "999", "lon": "5.9"}, "De doorgegeven locatie ligt niet in Nederland"),
        ({"lat": "52.2"}, "Er is maar één coördinaat doorgegeven"),
        ({"lat": "nan", "lon": "inf"}, "De doorgegeven locatie is geen plek op aarde."),
        ({"q": "x" * 5000}, "Je zoekopdracht is te lang."),
        ({"q": "%%%"}, "Vul een postcode (1234 AB)"),
        ({"gemeente": "atlantis"}, "Niet alle filters konden worden gebruikt"),
        ({"wijk": "<script>"}, "Niet alle filters konden worden gebruikt"),
        ({"soort": "kasteel"}, "Niet alle filters konden worden gebruikt"),
        ({"doelgroep": "marsmannetjes"}, "Niet alle filters konden worden gebruikt"),
        ({"voorziening": "zwembad"}, "Niet alle filters konden worden gebruikt"),
        ({"toegankelijk": "lift"}, "Niet alle filters konden worden gebruikt"),
        ({"activiteit": "zwemmen"}, "Niet alle filters konden worden gebruikt"),
        ({"dag": "9"}, "Niet alle filters konden worden gebruikt"),
        ({"page": "99999"}, "Er is maar 1 pagina; dit is die pagina."),
        ({"page": "abc"}, "„abc” is geen paginanummer; dit is de eerste pagina."),
        ({"page": "0"}, "Pagina’s beginnen bij 1; dit is de eerste pagina."),
        ({"page": "-3"}, "Pagina’s beginnen bij 1; dit is de eerste pagina."),
        ({"page": "9" * 5000}, "is geen paginanummer; dit is de eerste pagina."),
        # PostgreSQL refuses NUL characters in text; they must not reach a query.
        ({"q": "7311\x00AB"}, "We konden het adres nu niet opzoeken."),
        ({"gemeente": "a\x00"}, "Niet alle filters konden worden gebruikt"),
        ({"wijk": "a\x00"}, "Niet alle filters konden worden gebruikt"),
        ({"doelgroep": "a\x00"}, "Niet alle filters konden worden gebruikt"),
        ({"voorziening": "a\x00", "lat": "5\x002"}, "Niet alle filters konden worden"),
    ],
)
def test_nonsense_in_the_query_string_gives_the_page_with_a_dutch_message(client, params, message):
    LocatieFactory(naam="Gewoon een plek", gepubliceerd=True)

    response = client.get(LIST, params)

    assert response.status_code == 200
    assert message in response.text
    assert "Gewoon een plek" in response.text


def test_an_unknown_filter_value_is_named_at_its_field(client):
    response = client.get(LIST, {"soort": "kasteel", "sterlocatie": "on"})

    assert "kasteel is geen beschikbare keuze" in response.text
    assert '<details class="filters" open>' in response.text
    assert "(2 in gebruik)" in response.text


def test_applied_filters_are_counted_and_folded_away_above_the_results(client):
    response = client.get(LIST, {"nu_open": "on", "doelgroep": ["ouderen", "jongeren"]})

    assert '<details class="filters">' in response.text
    assert "(2 in gebruik)" in response.text


def test_the_last_page_is_shown_when_the_page_number_is_too_high(client):
    bulk_places(25)

    response = client.get(LIST, {"page": "7"})

    assert response.context["page"].number == 2
    assert "Er zijn maar 2 pagina’s; dit is de laatste." in response.text


@pytest.mark.parametrize(
    "params", [{"lat": "abc"}, {"page": "x"}, {"dag": "[]"}, {"q": "€" * 999}]
)
def test_the_map_data_never_fails_on_nonsense(client, params):
    LocatieFactory(gepubliceerd=True)

    response = client.get(MAP, params)

    assert response.status_code == 200
    assert response.json()["type"] == "FeatureCollection"


# --- The map's GeoJSON -----------------------------------------------------------------------


def test_the_map_data_is_geojson_of_published_places_with_the_agreed_properties(client):
    LocatieFactory(
        naam="De Linde",
        slug="de-linde",
        soort=LocatieSoort.BUURTHUIS,
        straat="Lindelaan",
        huisnummer=4,
        postcode="7314 AB",
        plaats="Apeldoorn",
        latitude=52.2,
        longitude=5.9,
        gepubliceerd=True,
        sterlocatie=True,
    )
    LocatieFactory(naam="Concept")
    LocatieFactory(
        naam="Verborgen adres", adres_openbaar=False, straat="Kerkstraat", gepubliceerd=True
    )

    response = client.get(MAP)

    assert response["Content-Type"] == "application/geo+json"
    assert "max-age=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["afgekapt"] is False
    # The place with a hidden address has no buurt or wijk with a boundary: no marker at all.
    [linde] = data["features"]
    assert linde == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [5.9, 52.2]},
        "properties": {
            "naam": "De Linde",
            "url": "/locaties/de-linde/",
            "adres": "Lindelaan 4, 7314 AB Apeldoorn",
            "soort": "Buurthuis / wijkcentrum",
            "sterlocatie": True,
            "exact": True,
        },
    }


def test_the_map_data_takes_the_same_filters_and_search(client):
    LocatieFactory(naam="Ver", latitude=52.4, gepubliceerd=True, sterlocatie=True)
    LocatieFactory(naam="Dichtbij", latitude=52.21, gepubliceerd=True, sterlocatie=True)
    LocatieFactory(naam="Geen ster", latitude=52.21, gepubliceerd=True)

    response = client.get(MAP, {"sterlocatie": "on", "lat": "52.2", "lon": "5.97"})

    assert feature_names(response) == ["Dichtbij", "Ver"]


def test_the_map_data_is_capped(client, monkeypatch):
    monkeypatch.setattr(views, "MAP_FEATURE_LIMIT", 3)
    bulk_places(5)

    data = client.get(MAP).json()

    assert len(data["features"]) == 3
    assert data["afgekapt"] is True


def test_the_map_data_speaks_the_language_of_its_url(client):
    LocatieFactory(soort=LocatieSoort.BUURTHUIS, gepubliceerd=True)

    data = client.get("/en" + MAP).json()

    assert data["features"][0]["properties"]["soort"] == "Community centre / district centre"


# --- Fixed number of queries -----------------------------------------------------------------


def many_places(rows: int) -> None:
    gemeente = GemeenteFactory(slug="apeldoorn")
    wijk = WijkFactory(gemeente=gemeente, slug="zuid")
    bulk_places(rows, gemeente=gemeente, wijk=wijk, rolstoeltoegankelijk=True)


@pytest.mark.parametrize("rows", [10, 1000])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"lat": "52.3", "lon": "5.2"},
        {"q": "7311AB", "page": "2"},
        {
            "gemeente": "apeldoorn",
            "wijk": "zuid",
            "soort": "plus_punt",
            "doelgroep": ["ouderen", "jongeren"],
            "voorziening": ["keuken", "wifi"],
            "toegankelijk": ["rolstoeltoegankelijk"],
            "nu_open": "on",
            "activiteit": "koffie",
            "dag": "1",
        },
    ],
)
def test_the_list_runs_a_fixed_number_of_queries(
    client, pdok, django_assert_max_num_queries, rows, params
):
    pdok.respond_with("postcode_7311ab")
    many_places(rows)

    # Cold: choices of the filter form (4), the registry's latest change, count and page (3),
    # PDOK's cache (1 to read, 4 to write), the cached count, cards and filter form (each read,
    # and written in a savepoint, here in the database cache: 6), and at most one query a box
    # when the nearest places are sought.
    with django_assert_max_num_queries(34):
        response = client.get(LIST, params)
    # Warm: the latest change, and the count, the cards and the filter form read from the
    # cache (4); the filters' values checked against their tables and PDOK's answer read from
    # its cache; nearest first reads its rows box by box.
    with django_assert_max_num_queries(9):
        again = client.get(LIST, params)

    assert response.status_code == again.status_code == 200
    assert again.text == response.text


@pytest.mark.parametrize("rows", [10, 1000])
@pytest.mark.parametrize("params", [{}, {"lat": "52.3", "lon": "5.2"}, {"sterlocatie": "on"}])
def test_the_map_data_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rows, params
):
    many_places(rows)

    with django_assert_max_num_queries(len(views.geo.SEARCH_RADII_M) + 1):
        response = client.get(MAP, params)

    assert response.status_code == 200
    assert len(response.json()["features"]) == (0 if "sterlocatie" in params else rows)


def test_nu_open_asks_the_time_in_amsterdam_not_utc(monkeypatch):
    # 23:30 UTC on Monday 4 January 2027 is 00:30 on Tuesday in Amsterdam.
    monkeypatch.setattr(
        filters.timezone, "now", lambda: dt.datetime(2027, 1, 4, 23, 30, tzinfo=dt.UTC)
    )

    now = filters.amsterdam_now()

    assert (now.weekday(), now.hour, now.minute) == (Weekdag.DINSDAG, 0, 30)


def test_the_page_title_says_what_was_searched_and_which_page(client):
    bulk_places(25)

    response = client.get(LIST, {"lat": "52.2", "lon": "5.0", "page": "2"})

    assert (
        "<title>Ontmoetingsplekken rond jouw locatie (pagina 2) – Ontmoetingsplekken</title>"
        in response.text
    )


def test_the_cached_count_and_filters_follow_a_newly_published_place(client):
    LocatieFactory(gepubliceerd=True)
    first = client.get(LIST)
    assert first.context["paginator"].count == 1

    nieuw = LocatieFactory(gemeente=GemeenteFactory(naam="Zeist", slug="zeist"))
    nieuw.status = LocatieStatus.GEPUBLICEERD
    nieuw.save()
    again = client.get(LIST)

    assert again.context["paginator"].count == 2
    assert '<option value="zeist">Zeist</option>' in again.text


def test_the_count_is_kept_per_search_and_filters(client):
    LocatieFactory(gepubliceerd=True, sterlocatie=True)
    LocatieFactory(gepubliceerd=True)

    assert client.get(LIST).context["paginator"].count == 2
    assert client.get(LIST, {"sterlocatie": "on"}).context["paginator"].count == 1
    assert client.get(LIST, {"sterlocatie": "on", "page": "1"}).context["paginator"].count == 1


def test_nearest_first_counts_the_places_with_coordinates_once_for_every_point(client):
    bulk_places(30)
    LocatieFactory(gepubliceerd=True, latitude=None, longitude=None)  # not on the map yet
    first = client.get(LIST, {"lat": "52.2", "lon": "5.1"})

    with CaptureQueriesContext(connection) as queries:
        elsewhere = client.get(LIST, {"lat": "52.4", "lon": "5.3"})

    assert "30 ontmoetingsplekken gevonden" in first.text
    assert "30 ontmoetingsplekken gevonden" in elsewhere.text
    counted = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and "locaties_locatie" in q["sql"]
    ]
    assert counted == []


def test_nearest_first_reads_no_places_when_the_cards_come_from_the_cache(client, pdok):
    # A postcode or town is searched again by others; a point from the browser is not kept.
    pdok.respond_with("postcode_7311ab")
    bulk_places(30)
    search = {"q": "7311AB"}
    first = client.get(LIST, search)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(LIST, search)

    assert again.text == first.text
    read = [q["sql"] for q in queries.captured_queries if "locaties_locatie" in q["sql"]]
    assert read == ["SELECT MAX(gewijzigd_op) FROM locaties_locatie"]  # the registry's stamp


def test_the_registry_stamp_is_read_once_a_second_and_anew_after_a_save(monkeypatch):
    monkeypatch.setattr(views, "REGISTRY_STAMP_SECONDS", 60.0)
    views.forget_registry_stamp()
    locatie = LocatieFactory(gepubliceerd=True)
    first = views.registry_stamp()

    with CaptureQueriesContext(connection) as queries:
        assert views.registry_stamp() == first
    assert queries.captured_queries == []

    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    Locatie.objects.filter(pk=locatie.pk).update(gewijzigd_op=later)  # as a bulk import does
    assert views.registry_stamp() == first  # kept for at most REGISTRY_STAMP_SECONDS

    locatie.save()  # a save anywhere in this process: read anew
    assert views.registry_stamp() != first
