"""GeoJSON, the dates feed, the dataset description, the Open data page and the embeddable
agenda: public records only, no exact point for a hidden address, framing only where meant."""

import json

import pytest

from tests.api.test_hsds import registry  # noqa: F401  (the shared fixture)


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_the_geojson_holds_public_places_only_without_a_point_for_a_hidden_address(
    client,
    registry,  # noqa: F811
):
    response = client.get("/api/v1/locaties.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(streamed(response))
    assert body["licence"].startswith("https://creativecommons.org/publicdomain/zero/")
    assert body["attribution"]
    by_name = {f["properties"]["naam"]: f for f in body["features"]}
    assert set(by_name) == {"Buurthuis De Kroon", "Huiskamer Het Hof"}
    assert by_name["Huiskamer Het Hof"]["geometry"] is None
    assert by_name["Huiskamer Het Hof"]["properties"]["adres"] == "Hoofdstraat, Apeldoorn"
    assert by_name["Buurthuis De Kroon"]["geometry"]["coordinates"] == [5.970, 52.211]
    again = client.get(
        "/api/v1/locaties.geojson", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert again.status_code == 304


def test_the_geojson_of_a_gemeente_and_of_an_unknown_one(client, registry, gemeente):  # noqa: F811
    body = json.loads(streamed(client.get("/api/v1/locaties.geojson", {"gemeente": "apeldoorn"})))
    assert len(body["features"]) == 2
    response = client.get("/api/v1/locaties.geojson", {"gemeente": "bestaat-niet"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    response = client.get("/api/v1/locaties.geojson", {"gemeente": "a\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("size", [10, 1000])
def test_the_geojson_keeps_a_fixed_number_of_queries(
    client, gemeente, size, django_assert_max_num_queries
):
    from locaties.models import Locatie
    from tests.factories import LocatieFactory

    Locatie.objects.bulk_create(
        LocatieFactory.build_batch(size, gepubliceerd=True, gemeente=gemeente)
    )
    with django_assert_max_num_queries(8):
        body = json.loads(streamed(client.get("/api/v1/locaties.geojson")))
    assert len(body["features"]) == size


def test_the_agenda_feed_lists_public_dates_only(client, registry, settings):  # noqa: F811
    from unittest import mock

    from activiteiten.models import Occurrence

    first = Occurrence.objects.order_by("datum").first().datum
    with mock.patch("api.agenda.today", return_value=first):
        body = client.get(
            "/api/v1/agenda.json", {"organisatie": registry["organisator"].slug, "dagen": 92}
        ).json()
        assert body["data"]
        assert {item["titel"] for item in body["data"]} <= {"Koffie-ochtend", "Breiles"}
        hidden = client.get("/api/v1/agenda.json", {"organisatie": registry["geheim"].slug})
        assert hidden.status_code == 404
        for locatie_status in registry["hidden"][:3]:
            response = client.get("/api/v1/agenda.json", {"locatie": locatie_status.locatie.slug})
            assert response.status_code == 404
    for query in (
        {},
        {"locatie": "a", "wijk": "b"},
        {"dagen": "1000", "locatie": "a"},
        {"x": "1"},
    ):
        response = client.get("/api/v1/agenda.json", query)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"


def test_the_dataset_description_is_dcat_json_ld_with_every_distribution(client, db):
    response = client.get("/api/v1/dataset.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    body = response.json()
    assert body["@type"] == "dcat:Dataset"
    urls = {d["dcat:accessURL"]["@id"] for d in body["dcat:distribution"]}
    assert "http://localhost/api/v1/locaties.geojson" in urls
    assert "http://localhost/api/v1/hsds/" in urls


def test_the_open_data_page_is_linked_in_the_footer(client, db):
    page = client.get("/open-data/")
    assert page.status_code == 200
    assert "CC0" in page.content.decode()
    assert 'href="/open-data/"' in client.get("/privacy/").content.decode()


def test_only_the_embedded_agenda_may_be_framed_and_it_sets_no_cookie(client, registry):  # noqa: F811
    response = client.get("/embed/agenda/", {"locatie": registry["plek"].slug})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert not response.cookies
    assert "Verborgen" not in response.content.decode()
    other = client.get("/open-data/")
    assert other["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in other["Content-Security-Policy"]
    hidden = client.get("/embed/agenda/", {"organisatie": registry["geheim"].slug})
    assert hidden.status_code == 404
    assert client.get("/embed/agenda/", {"x": "\x00"}).status_code == 400


@pytest.mark.parametrize("size", [10, 1000])
def test_the_agenda_feed_and_the_embedded_agenda_keep_a_fixed_number_of_queries(
    client, gemeente, size, django_assert_max_num_queries
):
    import datetime as dt

    from django.utils import timezone

    from activiteiten import occurrences
    from activiteiten.models import Activiteit
    from locaties.models import Locatie
    from tests.factories import ActiviteitFactory, LocatieFactory, PartnerFactory

    organisator = PartnerFactory()
    locaties = Locatie.objects.bulk_create(
        LocatieFactory.build_batch(size, gepubliceerd=True, gemeente=gemeente)
    )
    today = timezone.localdate()
    Activiteit.objects.bulk_create(
        ActiviteitFactory.build(
            locatie=locatie,
            organisator=organisator,
            eenmalig=True,
            startdatum=today + dt.timedelta(days=1 + index % 7),
        )
        for index, locatie in enumerate(locaties)
    )
    occurrences.extend_horizon()
    # 6 for the rate limit's counter, then the organisation and the dates (agenda.occurrences).
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/agenda.json", {"organisatie": organisator.slug}).json()
    assert len(body["data"]) == size
    with django_assert_max_num_queries(4):
        page = client.get("/embed/agenda/", {"organisatie": organisator.slug})
    assert page.status_code == 200


def test_the_open_data_page_reads_in_english_under_en(client, db):
    page = client.get("/en/open-data/").content.decode()
    assert "<h1>Open data</h1>" in page
    assert "What we publish" in page
    assert "How to get the data" in page
    assert "Wat we publiceren" not in page
