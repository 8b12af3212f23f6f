"""Authentication events as structured log lines (partners/authlog.py) and the audit trail of
invitations; wijk imports: tests/locaties/test_wijkimport.py."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from partners import invitations
from partners.constants import LidmaatschapRol
from tests.factories import PASSWORD, LidmaatschapFactory, UitnodigingFactory, UserFactory
from tests.partners.test_login_security import current_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def events(caplog) -> list[dict]:
    """The lines of the "partners.auth" logger, parsed: each one is a JSON object."""
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "partners.auth"]


def named(caplog, event: str) -> list[dict]:
    return [line for line in events(caplog) if line["event"] == event]


@pytest.fixture(autouse=True)
def capture(caplog):
    caplog.set_level("INFO", logger="partners.auth")


@pytest.fixture
def lid():
    user = UserFactory(email="lid@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    LidmaatschapFactory(user=user, rol=LidmaatschapRol.BEHEERDER)
    return user


def test_a_failed_login_is_logged_with_the_name_and_address_but_never_the_password(
    client, lid, caplog
):
    client.post(LOGIN, {"login": "lid@example.org", "password": "geheim-fout-1"})

    [line] = named(caplog, "login_failed")
    assert line["login"] == "lid@example.org"
    assert line["ip"] == "127.0.0.1"
    assert "time" in line
    assert "geheim-fout-1" not in caplog.text


def test_a_successful_login_and_logout_are_logged_with_the_account(client, lid, caplog):
    client.post(LOGIN, {"login": "lid@example.org", "password": PASSWORD})
    client.post(reverse("account_logout"))

    [login] = named(caplog, "login_succeeded")
    assert (login["user_id"], login["email"]) == (lid.pk, "lid@example.org")
    assert named(caplog, "logout")[0]["user_id"] == lid.pk


def test_a_lock_out_by_the_login_limits_is_logged(client, lid, caplog):
    for _ in range(6):
        client.post(LOGIN, {"login": "lid@example.org", "password": "fout"})

    [lock_out] = named(caplog, "login_locked_out")
    assert lock_out["login"] == "lid@example.org"
    assert len(named(caplog, "login_failed")) == 5


def test_adding_and_removing_a_second_factor_is_logged(
    client, lid, caplog, django_capture_on_commit_callbacks
):
    client.force_login(lid)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after commit
        client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert Authenticator.objects.filter(user=lid, type=Authenticator.Type.TOTP).exists()

    client.post(reverse("mfa_deactivate_totp"))

    added = named(caplog, "mfa_added")
    assert {line["authenticator"] for line in added} >= {"totp"}
    assert added[0]["user_id"] == lid.pk
    assert named(caplog, "mfa_removed")[0]["authenticator"] == "totp"
    assert not Authenticator.objects.filter(user=lid, type=Authenticator.Type.TOTP).exists()


def test_an_accepted_invitation_is_logged(caplog):
    uitnodiging = UitnodigingFactory(email="nieuw@example.org", token="aannemen")

    invitations.accept(uitnodiging=uitnodiging, naam="Nieuw", password="een-sterk-wachtwoord")

    [line] = named(caplog, "invitation_accepted")
    assert line["email"] == "nieuw@example.org"
    assert (line["uitnodiging"], line["partner"]) == (uitnodiging.pk, uitnodiging.partner.slug)


def test_a_withdrawn_invitation_records_and_logs_who_withdrew_it(client, lid, caplog):
    partner = lid.lidmaatschappen.get().partner
    uitnodiging = UitnodigingFactory(partner=partner, email="weg@example.org", token="weg")
    client.force_login(lid)

    response = client.post(
        reverse("beheer:uitnodiging_intrekken", args=[partner.slug, uitnodiging.pk])
    )

    assert response.status_code == 302
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is not None
    assert uitnodiging.ingetrokken_door == lid
    [line] = named(caplog, "invitation_revoked")
    assert (line["user_id"], line["invited"]) == (lid.pk, "weg@example.org")


def test_an_idle_timeout_is_logged(client, lid, caplog, monkeypatch):
    from partners import middleware

    now = [2_000_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    client.force_login(lid)
    now[0] += 3 * 60 * 60

    client.get("/beheer/")

    assert named(caplog, "session_idle_timeout")[0]["user_id"] == lid.pk
