"""A request whose transaction PostgreSQL ended to let another finish gets "try again"."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ontmoeting.gelijktijdig_urls")]


def test_a_page_says_nothing_was_saved_and_to_try_again(client):
    response = client.post("/plek/opslaan/", {"naam": "De Linde"})

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "Er is niets opgeslagen" in response.text
    assert 'href="/plek/opslaan/"' in response.text  # a way to try again


def test_the_api_answers_problem_json(client):
    response = client.get("/api/v1/plekken/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503
    assert response["Retry-After"] == "2"


def test_in_english_too(client):
    response = client.post("/en/plek/opslaan/")

    assert response.status_code == 503
    assert "Nothing was saved" in response.text


def test_other_database_errors_stay_errors():
    client = Client(raise_request_exception=False)

    assert client.get("/fout/").status_code == 500
