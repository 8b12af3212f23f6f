"""The deployment files: compose.yaml, Containerfile and gunicorn.conf.py. No container engine
runs in the test suite; these tests hold what can be checked without one."""

import datetime as dt
import json
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import yaml
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent


def test_compose_starts_the_database_redis_migrations_web_worker_and_beat():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "migrations", "web", "worker", "beat"}
    assert services["web"]["depends_on"]["migrations"]["condition"] == (
        "service_completed_successfully"
    )
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    env = services["web"]["environment"]
    assert env["CELERY_BROKER_URL"].startswith("redis://")
    assert env["LOG_FORMAT"] == "json"


def test_the_image_runs_as_a_user_collects_static_files_and_checks_healthz():
    text = (ROOT / "Containerfile").read_text()
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    assert "\nUSER app\n" in text
    assert "collectstatic --noinput" in text
    assert "HEALTHCHECK" in text and "/healthz" in text


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("LOG_FORMAT", "json")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["workers"], conf["timeout"], conf["graceful_timeout"]) == (4, 45, 30)
    assert conf["logger_class"].__name__ == "JsonAccessLogger"


def test_the_access_log_is_one_json_object_a_line_with_the_request_id(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("accesslog", "-")
    logger = conf["JsonAccessLogger"](cfg)
    lines = []
    monkeypatch.setattr(logger.access_log, "info", lambda line: lines.append(line))
    response = SimpleNamespace(
        status="200 OK",
        status_code=200,
        response_length=12,
        sent=12,
        headers=[("X-Request-ID", "abc-1")],
    )
    request = SimpleNamespace(headers=[], method="GET")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/locaties/?q=x",
        "PATH_INFO": "/locaties/",
        "QUERY_STRING": "q=x",
        "HTTP_USER_AGENT": 'curl "x"',
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    logger.access(response, request, environ, dt.timedelta(milliseconds=12.5))
    entry = json.loads(lines[0])
    assert entry["request_id"] == "abc-1"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/locaties/", "200")
    assert entry["duration_ms"] == 12.5
    assert entry["user_agent"] == 'curl "x"'
    logging.getLogger("gunicorn.access").handlers.clear()
