"""Signing in safely: login rate limits in the cache every app server shares (also for the
Django admin, which signs in through the same page), and two-factor authentication for
everyone who can change records."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.urls import reverse

from partners.constants import LidmaatschapRol
from tests.factories import PASSWORD, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
LOGIN = "/accounts/login/"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def medewerker():
    return verified(UserFactory(email="medewerker@example.org"))


def fail_logins(client, email, times):
    for _ in range(times):
        response = client.post(LOGIN, {"login": email, "password": "helemaal-fout"})
        assert response.status_code == 200


def rate_limit_rows() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cache_key FROM django_cache WHERE cache_key LIKE %s", ["%login_failed%"]
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_default_cache_is_the_shared_database_cache_not_process_memory(settings):
    # kern.cache.ForgivingDatabaseCache is a DatabaseCache that tolerates a missing table.
    assert settings.CACHES["default"]["BACKEND"] == "kern.cache.ForgivingDatabaseCache"
    assert isinstance(caches["default"], DatabaseCache)


def test_after_five_failed_attempts_even_the_right_password_is_refused(client, medewerker):
    fail_logins(client, "medewerker@example.org", 5)

    response = client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.text
    assert "_auth_user_id" not in client.session


def test_the_failed_attempts_are_counted_in_the_database_cache_table(client, medewerker):
    fail_logins(client, "medewerker@example.org", 3)

    rows = rate_limit_rows()
    per_account = [key for key in rows if "/key:" in key]
    assert len(per_account) == 1
    # Another app server reads the same table through its own cache object: it sees 3 attempts.
    other_process_cache = DatabaseCache("django_cache", {})
    attempts = other_process_cache.get(per_account[0].split(":", 2)[2])
    assert len(attempts) == 3


def test_a_successful_login_before_the_limit_does_not_reset_an_attackers_count(client, medewerker):
    fail_logins(client, "medewerker@example.org", 4)
    client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD})
    client.logout()

    fail_logins(client, "medewerker@example.org", 1)
    response = client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD})

    assert "Te veel inlogpogingen" in response.text


def test_the_admin_login_goes_through_the_same_limit(client, superuser):
    verified(superuser)
    fail_logins(client, superuser.email, 5)

    to_login = client.get(reverse("admin:login"), {"next": "/admin/"})
    assert to_login.status_code == 302 and to_login.url.startswith(LOGIN)
    refused = client.post(
        to_login.url, {"login": superuser.email, "password": "een-lang-wachtwoord-voor-tests"}
    )
    assert "Te veel inlogpogingen" in refused.text
    direct = client.post(
        reverse("admin:login"),
        {"username": superuser.email, "password": "een-lang-wachtwoord-voor-tests"},
    )
    assert "_auth_user_id" not in client.session
    assert direct.status_code == 302
    assert client.get("/admin/").status_code == 302


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the SQLite test database lives in this process only"
)
@pytest.mark.django_db(transaction=True)
def test_another_process_sees_the_failed_attempts(client):
    """A second Python process on the same database (as a second gunicorn worker or app
    server would be) reads the counter this process wrote."""
    verified(UserFactory(email="elders@example.org"))
    fail_logins(client, "elders@example.org", 2)
    [key] = [k for k in rate_limit_rows() if "/key:" in k]
    settings_dict = connection.settings_dict
    database_url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    code = (
        "import django, json; django.setup(); from django.core.cache import cache; "
        f"print(json.dumps(len(cache.get({key.split(':', 2)[2]!r}) or [])))"
    )
    environment = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings",
    }
    environment.pop("REDIS_URL", None)

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == 2


def test_redis_url_switches_the_shared_cache_to_redis():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "ontmoeting.settings",
            "REDIS_URL": "redis://cache.internal:6379/0",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "kern.cache.RedisCache",
        "redis://cache.internal:6379/0",
    ]
    import redis  # noqa: F401  (the backend's client library is installed)


# Two-factor authentication ---------------------------------------------------------------


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_EDITORS = True


@pytest.fixture
def beheerder():
    lid = LidmaatschapFactory(rol=LidmaatschapRol.BEHEERDER, user__email="beheerder@example.org")
    verified(lid.user)
    return lid.user


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_an_editor_without_a_second_factor_is_sent_to_set_it_up(client, mfa_required, beheerder):
    partner = beheerder.lidmaatschappen.get().partner
    client.force_login(beheerder)
    invite_url = reverse("beheer:uitnodigen", args=[partner.slug])

    response = client.get(invite_url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    # Reading stays possible; the account page says why it is needed.
    account = client.get(reverse("beheer:account"))
    assert "is tweestapsverificatie nodig" in account.text


def test_after_activating_totp_the_editor_gets_in(client, mfa_required, beheerder):
    partner = beheerder.lidmaatschappen.get().partner
    Authenticator.objects.create(
        user=beheerder, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    client.force_login(beheerder)

    response = client.get(reverse("beheer:uitnodigen", args=[partner.slug]))

    assert response.status_code == 200


def test_signing_in_with_totp_asks_for_the_code_after_the_password(client, beheerder):
    secret = generate_totp_secret()
    TOTP.activate(beheerder, secret)

    after_password = client.post(LOGIN, {"login": beheerder.email, "password": PASSWORD})
    assert after_password.status_code == 302
    assert after_password.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200

    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(beheerder.pk)


def test_the_totp_setup_page_is_in_the_sites_look_and_dutch(client, mfa_required, beheerder):
    client.force_login(beheerder)
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.url.startswith(reverse("account_reauthenticate"))  # allauth: password first
    page = client.get(asked.url)
    assert page.status_code == 200 and 'class="form"' in page.text
    client.post(asked.url, {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert "Tweestapsverificatie instellen" in response.text
    assert 'class="mfa-qr"' in response.text
    assert 'href="/beheer/account/"' in response.text  # back to Mijn account
    assert "<script>" not in response.text


def test_after_setting_up_two_factor_the_editor_is_offered_the_way_back(
    client, mfa_required, beheerder
):
    partner = beheerder.lidmaatschappen.get().partner
    invite_url = reverse("beheer:uitnodigen", args=[partner.slug])
    client.force_login(beheerder)
    client.get(invite_url)  # sent to set up two-factor authentication
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    activate = client.get(reverse("mfa_activate_totp"))
    secret = activate.context["form"].secret

    done = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)}, follow=True)

    assert done.status_code == 200
    assert f'href="{invite_url}"' in done.text
    assert "Verder waar je was" in done.text
    assert client.get(invite_url).status_code == 200


def test_behind_the_tls_proxy_allauth_trusts_exactly_the_proxys_hop():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    answers = {}
    for behind in ("true", "false"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=PROJECT_DIR,
            env={
                **os.environ,
                "DEBUG": "true",
                "DJANGO_SETTINGS_MODULE": "ontmoeting.settings",
                "BEHIND_TLS_PROXY": behind,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        answers[behind] = result.stdout.split()[-1]
    assert answers == {"true": "1", "false": "0"}


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # as settings.py derives it from BEHIND_TLS_PROXY


def via_proxy(client_address: str) -> dict:
    """What the TLS proxy (10.0.0.2) passes on: whatever the client sent, then its address."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {client_address}"}


def test_login_limits_and_the_report_form_see_the_same_client_behind_the_proxy(behind_proxy, rf):
    from allauth.account.adapter import get_adapter

    from kern.spam import client_address

    request = rf.get("/", **via_proxy("203.0.113.7"))

    assert get_adapter().get_client_ip(request) == client_address(request) == "203.0.113.7"


def test_behind_the_proxy_one_clients_failed_logins_do_not_lock_out_another(
    behind_proxy, client, medewerker
):
    for n in range(10):
        response = client.post(
            LOGIN,
            {"login": f"gok{n}@example.org", "password": "helemaal-fout"},
            **via_proxy("203.0.113.7"),
        )
        assert "Te veel inlogpogingen" not in response.text
    refused = client.post(
        LOGIN, {"login": "gok@example.org", "password": "x"}, **via_proxy("203.0.113.7")
    )
    assert "Te veel inlogpogingen" in refused.text

    response = client.post(
        LOGIN,
        {"login": "medewerker@example.org", "password": PASSWORD},
        **via_proxy("198.51.100.4"),
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(medewerker.pk)


# Sessions: browser session without "remember me", idle timeout -----------------------------


class Clock:
    def __init__(self):
        self.now = 2_000_000_000.0

    def time(self):
        return self.now

    def advance(self, minutes):
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    from partners import middleware

    clock = Clock()
    monkeypatch.setattr(middleware.time, "time", clock.time)
    return clock


@pytest.fixture
def staff(medewerker):
    LidmaatschapFactory(user=medewerker)
    return medewerker


def test_without_remember_me_the_session_ends_with_the_browser(client, staff):
    client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD})

    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["expires"] == ""


def test_with_remember_me_the_session_outlives_the_browser(client, staff):
    client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD, "remember": "on"})

    assert not client.session.get_expire_at_browser_close()


def test_staff_are_signed_out_after_two_hours_without_a_request(client, staff, clock):
    client.post(LOGIN, {"login": "medewerker@example.org", "password": PASSWORD})
    assert client.get("/beheer/").status_code == 200

    clock.advance(minutes=119)
    assert client.get("/beheer/").status_code == 200  # activity moves the deadline on
    clock.advance(minutes=119)
    assert client.get("/beheer/").status_code == 200

    clock.advance(minutes=121)
    response = client.get("/beheer/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_the_idle_timeout_is_configurable(client, staff, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    client.force_login(staff)
    client.get("/beheer/")

    clock.advance(minutes=11)

    assert client.get("/beheer/").status_code == 302


def test_the_idle_timeout_is_read_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_IDLE_TIMEOUT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "ontmoeting.settings",
            "SESSION_IDLE_TIMEOUT_MINUTES": "30",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "1800"


def test_anonymous_visitors_still_get_no_session_cookie(client):
    response = client.get("/")

    assert "sessionid" not in response.cookies
