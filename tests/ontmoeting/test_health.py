"""/healthz and /readyz (ontmoeting/health.py)."""

import pytest
from django.core.cache import caches

from ontmoeting import health


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_need_no_known_host_name_and_no_https(client, settings):
    settings.ALLOWED_HOSTS = ["ontmoetingsplekken.example"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.mark.django_db
def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database:default"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert "broker" not in body["checks"]  # no broker configured: tasks run in-process


@pytest.mark.django_db
def test_readyz_answers_503_naming_a_cache_without_its_table(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "kern.cache.ForgivingDatabaseCache", "LOCATION": "geen_tabel"}
    }
    assert caches["default"]._table == "geen_tabel"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database:default"]["ok"] is True


@pytest.mark.django_db
def test_readyz_answers_503_naming_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    from ontmoeting.celery import app

    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = None
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_a_database_that_fails_makes_readyz_503(client, monkeypatch):
    def broken(alias):
        raise OSError("connection refused")

    monkeypatch.setattr(health, "_database", broken)
    monkeypatch.setattr(health, "_cache", lambda: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database:default"] == {
        "ok": False,
        "error": "OSError",  # the details go to the log only
    }
