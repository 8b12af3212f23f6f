"""The HSDS 3.0 API: every answer validates against the vendored HSDS schemas, hidden records
never appear, bad input is a problem+json 400, and the Dutch API Design Rules' headers."""

import json
import math
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from api import hsds
from api.views import NDJSON_CHUNK, ApiThrottle
from locaties.constants import LocatieStatus, SamenwerkingRol
from locaties.models import Locatie, Samenwerking
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)

SCHEMAS = Path(__file__).resolve().parent.parent / "hsds_schema"
BASE = "/api/v1/hsds"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(
        schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def assert_valid(record: dict, name: str):
    errors = sorted(validator(name).iter_errors(record), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def assert_page(body: dict, item_schema: str):
    assert set(body) == PAGE_KEYS
    for record in body["contents"]:
        assert_valid(record, item_schema)


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def registry(db, gemeente):
    """Two public activities at a public place run by a partner; around them everything that
    must stay hidden: places in concept, under review and archived, a called-off, a concept
    and an archived activity, and a place whose address is not public."""
    beheerder = PartnerFactory(naam="Stimenz")
    organisator = PartnerFactory(naam="Abrona")
    plek = LocatieFactory(gepubliceerd=True, gemeente=gemeente, naam="Buurthuis De Kroon")
    SamenwerkingFactory(locatie=plek, partner=beheerder, rol=SamenwerkingRol.BEHEERDER)
    verborgen_adres = LocatieFactory(
        gepubliceerd=True,
        gemeente=gemeente,
        naam="Huiskamer Het Hof",
        adres_openbaar=False,
        latitude=52.2201,
        longitude=5.9601,
        postcode="7311 XY",
    )
    koffie = ActiviteitFactory(locatie=plek, organisator=organisator, titel="Koffie-ochtend")
    koffie.doelgroepen.add("ouderen")
    eenmalig = ActiviteitFactory(
        locatie=verborgen_adres, organisator=organisator, titel="Breiles", eenmalig=True
    )
    hidden = []
    geheim = PartnerFactory(naam="Geheime Organisatie")
    for status in (
        LocatieStatus.CONCEPT,
        LocatieStatus.TER_BEOORDELING,
        LocatieStatus.GEARCHIVEERD,
    ):
        locatie = LocatieFactory(status=status, gemeente=gemeente, naam=f"Verborgen {status}")
        SamenwerkingFactory(locatie=locatie, partner=geheim, rol=SamenwerkingRol.EIGENAAR)
        hidden.append(ActiviteitFactory(locatie=locatie, organisator=geheim, titel="Verborgen"))
    for status in (
        ActiviteitStatus.CONCEPT,
        ActiviteitStatus.AFGELAST,
        ActiviteitStatus.GEARCHIVEERD,
    ):
        hidden.append(
            ActiviteitFactory(locatie=plek, organisator=geheim, status=status, titel="Verborgen")
        )
    return {
        "plek": plek,
        "verborgen_adres": verborgen_adres,
        "koffie": koffie,
        "eenmalig": eenmalig,
        "beheerder": beheerder,
        "organisator": organisator,
        "geheim": geheim,
        "hidden": hidden,
    }


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def get(client, path, **query):
    response = client.get(f"{BASE}{path}", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_api_info_names_the_hsds_version_and_the_openapi_document(client, db):
    body = get(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/v1/openapi.json")


def test_the_service_list_is_an_hsds_page_of_public_activities_only(client, registry):
    body = get(client, "/services")
    assert_page(body, "compiled/service_list.json")
    assert body["total_items"] == 2
    assert {s["name"] for s in body["contents"]} == {"Koffie-ochtend", "Breiles"}
    assert body["first_page"] and body["last_page"] and not body["empty"]


def test_a_full_service_validates_and_carries_schedule_cost_eligibility_and_place(
    client, registry
):
    body = get(client, f"/services/{registry['koffie'].uuid}")
    assert_valid(body, "service.json")
    schedule = body["schedules"][0]
    assert (schedule["freq"], schedule["byday"]) == ("WEEKLY", "TU")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("10:00", "12:00")
    assert schedule["dtstart"] == "2027-01-05"
    assert body["cost_options"][0]["amount"] == 0
    assert "Ouderen" in body["eligibility_description"]
    sal = body["service_at_locations"][0]
    assert sal["location"]["name"] == "Buurthuis De Kroon"
    assert sal["location"]["organization_id"] == str(registry["beheerder"].uuid)
    assert sal["location"]["latitude"] == pytest.approx(52.211)
    term_ids = {a["taxonomy_term_id"] for a in body["attributes"]}
    assert hsds.term_id("doelgroep", "ouderen") in term_ids


def test_a_place_whose_address_is_not_public_has_no_coordinates_or_house_number(client, registry):
    body = get(client, f"/services/{registry['eenmalig'].uuid}")
    assert_valid(body, "service.json")
    location = body["service_at_locations"][0]["location"]
    assert "latitude" not in location and "longitude" not in location
    address = location["addresses"][0]
    assert address["address_1"] == "Hoofdstraat"
    assert address["postal_code"] == "7311"
    assert "52.2201" not in json.dumps(body)
    assert body["schedules"][0]["valid_to"] == "2027-01-05"


def test_service_at_locations_list_and_detail_validate(client, registry):
    body = get(client, "/service_at_locations")
    assert_page(body, "compiled/service_at_location_list.json")
    assert body["total_items"] == 2
    detail = get(client, f"/service_at_locations/{registry['koffie'].uuid}")
    assert_valid(detail, "service_at_location.json")
    assert_valid(detail["service"], "service.json")


def test_organizations_are_the_organisers_and_runners_of_public_records_only(client, registry):
    body = get(client, "/organizations")
    assert_page(body, "compiled/organization_list.json")
    assert {o["name"] for o in body["contents"]} == {"Stimenz", "Abrona"}
    detail = get(client, f"/organizations/{registry['organisator'].uuid}")
    assert_valid(detail, "organization.json")
    assert {s["name"] for s in detail["services"]} == {"Koffie-ochtend", "Breiles"}


def test_taxonomies_and_terms_validate_and_have_stable_ids(client, db):
    body = get(client, "/taxonomies")
    assert_page(body, "taxonomy.json")
    assert body["total_items"] == 3
    terms = get(client, "/taxonomy_terms", per_page=100)
    assert_page(terms, "taxonomy_term.json")
    ouderen = hsds.term_id("doelgroep", "ouderen")
    assert ouderen == "2f0eead9-1510-5cff-9c21-087cf3c7c51e"
    assert_valid(get(client, f"/taxonomy_terms/{ouderen}"), "taxonomy_term.json")
    taxonomy = hsds.taxonomy_id("doelgroep")
    only = get(client, "/taxonomy_terms", taxonomy_id=taxonomy, per_page=100)
    assert {t["taxonomy_id"] for t in only["contents"]} == {taxonomy}
    assert_valid(get(client, f"/taxonomies/{taxonomy}"), "taxonomy.json")


def test_hidden_records_are_not_found_by_id(client, registry):
    for activiteit in registry["hidden"]:
        for path in ("services", "service_at_locations"):
            response = client.get(f"{BASE}/{path}/{activiteit.uuid}")
            assert response.status_code == 404
            assert response["Content-Type"] == "application/problem+json"
    response = client.get(f"{BASE}/organizations/{registry['geheim'].uuid}")
    assert response.status_code == 404


def test_no_hidden_record_appears_in_any_list_or_bulk_answer(client, registry):
    answers = [
        text_of(client.get(f"{BASE}/{path}", query))
        for path in ("services", "service_at_locations", "organizations")
        for query in ({}, {"format": "ndjson"}, {"search": "Verborgen"})
    ]
    for text in answers:
        assert "Verborgen" not in text
        assert "Geheime Organisatie" not in text
        for activiteit in registry["hidden"]:
            assert str(activiteit.uuid) not in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"search": "koffie"}, {"Koffie-ochtend"}),
        ({"search": "Kroon"}, {"Koffie-ochtend"}),
        ({"postcode": "7311 XY"}, {"Breiles"}),
        ({"postcode": "7311"}, {"Breiles"}),
        ({"modified_after": "2000-01-01"}, {"Koffie-ochtend", "Breiles"}),
        ({"modified_after": "2999-01-01T00:00:00+01:00"}, set()),
    ],
)
def test_filters_narrow_the_services(client, registry, query, expected):
    body = get(client, "/services", **query)
    assert_page(body, "compiled/service_list.json")
    assert {s["name"] for s in body["contents"]} == expected
    assert body["empty"] == (not expected)


def test_taxonomy_term_and_organization_filters(client, registry):
    ouderen = hsds.term_id("doelgroep", "ouderen")
    body = get(client, "/services", taxonomy_term_id=ouderen)
    assert [s["name"] for s in body["contents"]] == ["Koffie-ochtend"]
    koffie = hsds.term_id("activiteit-categorie", "koffie")
    assert get(client, "/services", taxonomy_term_id=koffie)["total_items"] == 2
    body = get(client, "/services", organization_id=str(registry["beheerder"].uuid))
    assert body["total_items"] == 0
    body = get(client, "/services", organization_id=str(registry["organisator"].uuid))
    assert body["total_items"] == 2


def test_proximity_counts_from_the_postcode_and_skips_places_with_a_hidden_address(
    client, registry
):
    registry["plek"].postcode = "7300 AB"
    registry["plek"].save()
    body = get(client, "/services", postcode="7300 AB", proximity="500")
    assert [s["name"] for s in body["contents"]] == ["Koffie-ochtend"]
    body = get(client, "/services", postcode="7300 AB", proximity="100000")
    assert [s["name"] for s in body["contents"]] == ["Koffie-ochtend"]


def test_pagination_fields_follow_the_page(client, registry):
    body = get(client, "/services", per_page=1, page=2)
    assert_page(body, "compiled/service_list.json")
    assert (body["total_items"], body["total_pages"], body["page_number"]) == (2, 2, 2)
    assert (body["size"], body["first_page"], body["last_page"]) == (1, False, True)
    past = get(client, "/services", per_page=1, page=9)
    assert past["contents"] == [] and past["size"] == 0


def test_ndjson_streams_every_full_service_without_pagination(client, registry):
    response = client.get(f"{BASE}/services", {"format": "ndjson"})
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 2
    for line in lines:
        assert_valid(json.loads(line), "service.json")


@pytest.mark.parametrize(
    "query",
    [
        {"onbekend": "1"},
        {"per_page": "10000"},
        {"per_page": "0"},
        {"page": "-1"},
        {"page": "een"},
        {"proximity": "-1", "postcode": "7311"},
        {"proximity": "500"},
        {"modified_after": "gisteren"},
        {"modified_after": "2026-13-45"},
        {"search": "koffie\x00"},
        {"organization_id": "niet-een-uuid"},
        {"taxonomy_term_id": "\x00"},
        {"postcode": "ABCD"},
        {"format": "xml"},
        {"full": "true"},
    ],
)
def test_bad_input_is_a_problem_json_400(client, db, query):
    for path in ("/services", "/service_at_locations"):
        response = client.get(f"{BASE}{path}", query)
        assert response.status_code == 400, response.content
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == 400 and body["invalid_params"]


def test_unknown_paths_and_writes_are_problems_too(client, db):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    response = client.post(f"{BASE}/services", {})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_answers_carry_the_api_design_rules_headers_and_304(client, registry):
    response = client.get(f"{BASE}/services")
    assert response["API-Version"] == "1.0.0"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(f"{BASE}/services", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert "Set-Cookie" not in response.headers


def test_a_client_over_the_rate_limit_gets_429_with_retry_after(client, db, monkeypatch):
    monkeypatch.setattr(ApiThrottle, "THROTTLE_RATES", {"api": "2/minute"})
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get(f"{BASE}/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get(f"{BASE}/")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    cache.clear()


def test_the_openapi_document_is_valid_openapi_3_with_contact_and_the_hsds_note(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert document["info"]["contact"]["email"]
    assert "snake_case" in document["info"]["description"]
    assert "/api/v1/hsds/services" in document["paths"]


def _public_places_with_activities(gemeente, organisator, size: int) -> None:
    """`size` published places, each with one public activity for older people; every other
    place run by `organisator`. Inserted in bulk, so 1 000 records stay quick."""
    locaties = Locatie.objects.bulk_create(
        LocatieFactory.build_batch(size, gepubliceerd=True, gemeente=gemeente)
    )
    Samenwerking.objects.bulk_create(
        SamenwerkingFactory.build(locatie=locatie, partner=organisator)
        for index, locatie in enumerate(locaties)
        if index % 2
    )
    activiteiten = Activiteit.objects.bulk_create(
        ActiviteitFactory.build(locatie=locatie, organisator=organisator) for locatie in locaties
    )
    Activiteit.doelgroepen.through.objects.bulk_create(
        Activiteit.doelgroepen.through(activiteit=activiteit, doelgroep_id="ouderen")
        for activiteit in activiteiten
    )


@pytest.mark.parametrize("size", [10, 1000])
def test_each_endpoint_keeps_a_fixed_number_of_queries(
    client, db, gemeente, size, django_assert_max_num_queries
):
    organisator = PartnerFactory()
    _public_places_with_activities(gemeente, organisator, size)
    # The rate limit's counter in the database cache takes 6 queries of each budget
    # (read, count, read, write and a savepoint around the write).
    budgets = {
        "/services?per_page=100": 8,
        "/service_at_locations?per_page=100": 8,
        "/organizations?per_page=100": 8,
        f"/organizations/{organisator.uuid}": 8,
        "/taxonomy_terms": 6,
    }
    for path, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(f"{BASE}{path}").status_code == 200
    # The bulk format streams every record: the rows in one query, and for each chunk of
    # NDJSON_CHUNK lines their target groups and their places' organisations (2 queries).
    chunks = math.ceil(size / NDJSON_CHUNK)
    with django_assert_max_num_queries(6 + 1 + 2 * chunks):
        response = client.get(f"{BASE}/services", {"format": "ndjson"})
        lines = b"".join(response.streaming_content).splitlines()
    assert len(lines) == size


@pytest.mark.parametrize("size", [3, 30])
def test_hidden_addresses_cost_one_query_per_chunk_not_one_per_place(client, db, size):
    """A place whose address is not public shows its buurt's centre (geo.public_points); the
    centres of a chunk's places are read together."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BuurtFactory

    grens = {
        "type": "Polygon",
        "coordinates": [[[5.961, 52.211], [5.981, 52.211], [5.981, 52.221], [5.961, 52.221]]],
    }
    buurt = BuurtFactory(grens=grens, wijk__grens=None)
    for _ in range(size):
        locatie = LocatieFactory(
            gemeente=buurt.gemeente, buurt=buurt, adres_openbaar=False, gepubliceerd=True
        )
        ActiviteitFactory(locatie=locatie)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{BASE}/services", {"format": "ndjson"})
        lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert len(lines) == size
    locations = [sal["location"] for line in lines for sal in line["service_at_locations"]]
    assert {(loc["latitude"], loc["longitude"]) for loc in locations} == {(52.216, 5.971)}
    assert len(queries) <= 6 + 1 + 3
