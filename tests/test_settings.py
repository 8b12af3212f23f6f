"""The settings module as a server sees it: read from the environment, safe without DEBUG."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ontmoeting.settings import env_bool, env_int, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent


def run_python(*args, unset=("DEBUG", "SECRET_KEY"), **env):
    """Run Python in the project folder with an environment as a server would have it."""
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, **env):
    return run_python("manage.py", *args, **env)


def test_app_server_refuses_to_start_without_secret_key_in_production_mode():
    result = run_python("-c", "import ontmoeting.wsgi", DEBUG="false", ALLOWED_HOSTS="x.example")

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_deploy_checks_fail_without_secret_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="false", ALLOWED_HOSTS="x.example"
    )

    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_migration_commands_run_without_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run", DEBUG="false")

    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deploy_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "a-long-random-looking-value-for-this-test-only",
        ALLOWED_HOSTS="ontmoeten.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_mode_starts_without_any_variables():
    result = run_manage("check", DEBUG="true")

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("False", False)])
def test_env_bool_reads_common_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)

    assert env_bool("SOME_FLAG", not expected) is expected


def test_env_bool_refuses_a_value_it_cannot_read(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG", False)


def test_env_int_refuses_text(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")

    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SOME_NUMBER", 1)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example, ,b.example ")

    assert env_list("SOME_HOSTS") == ["a.example", "b.example"]


def test_responses_carry_an_enforced_content_security_policy(client, db):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "Content-Security-Policy-Report-Only" not in response.headers


def test_app_server_refuses_sqlite_in_production_mode():
    result = run_python(
        "-c",
        "import ontmoeting.wsgi",
        unset=("DEBUG", "DATABASE_URL"),
        DEBUG="false",
        SECRET_KEY="s" * 60,
        ALLOWED_HOSTS="x.example",
    )

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_unknown_page_answers_404_in_dutch(client, db, settings):
    settings.DEBUG = False

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text
