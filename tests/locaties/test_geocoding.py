import pytest
import requests

from locaties import geocoding
from locaties.geocoding import SOURCE_DEVICE, SOURCE_PDOK, SOURCE_REGISTER, geocode, resolve_search
from tests.factories import GemeenteFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def test_a_postcode_is_found_through_pdok_and_said_so(pdok, settings):
    settings.GEOCODING_TIMEOUT = 1.5
    pdok.respond_with("postcode_7311ab")

    search = geocode("7311AB")

    assert search.point.latitude == pytest.approx(52.21175)
    assert search.point.longitude == pytest.approx(5.96612)
    assert search.point.source == SOURCE_PDOK
    assert search.notice == "Gezocht rond: Hoofdstraat, 7311AB Apeldoorn."
    assert not search.problem
    [request] = pdok.requests
    assert request["url"] == settings.PDOK_LOCATIESERVER_URL
    assert request["params"]["q"] == "7311AB"
    assert request["params"]["rows"] == 1
    assert request["timeout"] == 1.5


def test_an_address_and_a_place_name_are_found_through_pdok(pdok):
    pdok.respond_with("adres_marktplein_1_apeldoorn")
    adres = geocode("Marktplein 1 Apeldoorn")
    pdok.respond_with("woonplaats_zeist")
    plaats = geocode("Zeist")

    assert adres.point.label == "Marktplein 1, 7311LC Apeldoorn"
    assert (plaats.point.latitude, plaats.point.longitude) == (52.08932, 5.23326)


def test_pdok_answers_are_cached_so_the_same_search_asks_pdok_once(pdok):
    pdok.respond_with("postcode_7311ab")

    first = geocode("7311AB")
    second = geocode("  7311ab ")  # the same text, other spacing and case

    assert first.point == second.point
    assert len(pdok.requests) == 1


def test_the_search_text_is_tidied_before_it_goes_to_pdok(pdok):
    pdok.respond_with("adres_marktplein_1_apeldoorn")

    search = geocode("  Marktplein   1\n Apeldoorn ")

    assert pdok.requests[0]["params"]["q"] == "Marktplein 1 Apeldoorn"
    assert search.text == "Marktplein 1 Apeldoorn"


@pytest.mark.parametrize(
    "error", [requests.ConnectTimeout("slow"), requests.ConnectionError("offline")]
)
def test_when_pdok_is_unreachable_the_registry_postcodes_answer(pdok, error):
    pdok.fail_with(error)
    LocatieFactory(gepubliceerd=True, postcode="7311 AB", latitude=52.21, longitude=5.96)
    LocatieFactory(gepubliceerd=True, postcode="7311 AB", latitude=52.22, longitude=5.98)

    search = geocode("7311ab")

    assert search.point.source == SOURCE_REGISTER
    assert search.point.latitude == pytest.approx(52.215)
    assert search.point.longitude == pytest.approx(5.97)
    assert search.point.label == "7311 AB Apeldoorn"
    assert search.problem
    assert search.notice.startswith("We konden het adres nu niet opzoeken.")
    assert "Daarom is gezocht rond 7311 AB Apeldoorn: het midden van de plekken" in (search.notice)


def test_after_a_failure_pdok_is_left_alone_for_a_while(pdok):
    pdok.fail_with(requests.ConnectTimeout("slow"))
    geocode("7311AB")
    geocode("Zeist")

    assert len(pdok.requests) == 1


@pytest.mark.parametrize("status_code", [500, 503, 429])
def test_a_pdok_error_status_counts_as_unreachable(pdok, status_code):
    pdok.respond_with("postcode_7311ab", status_code=status_code)

    search = geocode("7311AB")

    assert search.point is None
    assert "We konden het adres nu niet opzoeken." in search.notice


def test_an_answer_that_is_not_json_counts_as_unreachable(pdok):
    pdok.respond_with("postcode_7311ab")
    pdok.answer = b"<html>Onderhoud</html>"  # a maintenance page instead of JSON

    search = geocode("7311AB")

    assert search.point is None
    assert "We konden het adres nu niet opzoeken." in search.notice


def test_when_pdok_finds_nothing_the_four_digit_postcode_area_answers(pdok):
    pdok.respond_with("geen_resultaat")
    LocatieFactory(gepubliceerd=True, postcode="7311 CD", latitude=52.2, longitude=5.9)

    search = geocode("7311 XY")

    assert search.point.label == "postcodegebied 7311 Apeldoorn"
    assert search.notice.startswith("We vonden geen adres bij „7311 XY”.")


def test_a_bare_four_digit_postcode_is_found_in_the_registry(pdok):
    pdok.fail_with(requests.ConnectionError("offline"))
    LocatieFactory(gepubliceerd=True, postcode="3701 AA", plaats="Zeist")

    assert geocode("3701").point.label == "postcodegebied 3701 Zeist"


def test_a_place_or_gemeente_name_is_found_in_the_registry(pdok):
    pdok.fail_with(requests.ConnectionError("offline"))
    purmerend = GemeenteFactory(naam="Purmerend")
    LocatieFactory(gepubliceerd=True, plaats="Purmerend", gemeente=purmerend)
    LocatieFactory(gepubliceerd=True, plaats="Den Dolder", latitude=52.14, longitude=5.24)

    assert geocode("purmerend").point.label == "Purmerend"
    assert geocode("den dolder").point.latitude == pytest.approx(52.14)


def test_a_street_and_house_number_are_found_in_the_registry(pdok):
    pdok.fail_with(requests.ConnectionError("offline"))
    LocatieFactory(
        gepubliceerd=True, straat="Kanaalstraat", plaats="Apeldoorn", latitude=52.3, longitude=6.0
    )

    search = geocode("kanaalstraat 12, Apeldoorn")

    assert search.point.label == "kanaalstraat, Apeldoorn"
    assert search.point.latitude == pytest.approx(52.3)


def test_places_that_are_not_published_do_not_answer_a_search(pdok):
    pdok.fail_with(requests.ConnectionError("offline"))
    LocatieFactory(postcode="7311 AB")  # concept

    search = geocode("7311AB")

    assert search.point is None


def test_an_unknown_search_gets_a_helpful_message_and_no_point(pdok):
    pdok.respond_with("geen_resultaat")

    search = geocode("Atlantis")

    assert search.point is None
    assert search.problem
    assert "Ook in dit overzicht staat „Atlantis” niet." in search.notice
    assert "Probeer een woord (zoals koffie), een postcode (1234 AB)" in search.notice


@pytest.mark.parametrize("name", ["buiten_nederland", "zonder_centroide"])
def test_a_pdok_document_without_a_dutch_point_is_not_used(pdok, name):
    pdok.respond_with(name)

    search = geocode("Grensweg")

    assert search.point is None
    assert search.notice.startswith("We vonden geen adres bij „Grensweg”.")


def test_control_characters_are_dropped_before_the_search(pdok):
    pdok.respond_with("postcode_7311ab")

    search = geocode("7311\x00AB\x1b")

    assert pdok.requests[0]["params"]["q"] == "7311AB"
    assert search.text == "7311AB"


def test_a_very_long_search_is_refused_without_asking_pdok(pdok):
    search = geocode("Apeldoorn " * 500)

    assert search.point is None
    assert search.notice.startswith("Je zoekopdracht is te lang.")
    assert len(search.text) == geocoding.MAX_QUERY_LENGTH
    assert pdok.requests == []


def test_a_search_of_only_punctuation_asks_for_a_postcode(pdok):
    search = geocode("?!,.")

    assert search.point is None
    assert search.notice.startswith("Vul een postcode (1234 AB)")
    assert pdok.requests == []


def test_without_any_search_there_is_no_point_and_no_message():
    search = resolve_search()

    assert (search.point, search.notice, search.problem) == (None, "", False)


def test_a_point_from_the_browser_is_searched_around():
    search = resolve_search(lat="52.2110", lon="5.9700")

    assert (search.point.latitude, search.point.longitude) == (52.211, 5.97)
    assert search.point.source == SOURCE_DEVICE
    assert search.notice == "Gezocht rond de plek waar je nu bent."


def test_typed_text_wins_over_a_point(pdok):
    pdok.respond_with("woonplaats_zeist")

    search = resolve_search(q="Zeist", lat="52.211", lon="5.970")

    assert search.point.source == SOURCE_PDOK
    assert search.point.label == "Zeist, Zeist, Utrecht"


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("abc", "5.97", "De doorgegeven locatie bestaat niet uit twee getallen."),
        ("999", "5.97", "De doorgegeven locatie ligt niet in Nederland"),
        ("48.85", "2.35", "De doorgegeven locatie ligt niet in Nederland"),
        ("nan", "inf", "De doorgegeven locatie is geen plek op aarde."),
        ("52.2", "", "Er is maar één coördinaat doorgegeven"),
        ("1" * 5000, "5.9", "De doorgegeven locatie is geen plek op aarde."),
    ],
)
def test_a_point_that_is_no_dutch_coordinate_gets_a_message(lat, lon, message):
    search = resolve_search(lat=lat, lon=lon)

    assert search.point is None
    assert search.problem
    assert search.notice.startswith(message)
    assert search.notice.endswith("Vul een postcode, adres of plaatsnaam in.")
