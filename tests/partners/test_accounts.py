"""Signing in: e-mail address and password, and no way to sign up without an invitation."""

import pytest
from allauth.account.models import EmailAddress

from partners.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker():
    user = UserFactory(email="medewerker@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_login_page_offers_no_sign_up(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert "Inloggen voor medewerkers" in response.text
    assert "/accounts/signup/" not in response.text


def test_staff_member_signs_in_with_email_address_and_password(client, medewerker):
    response = client.post(
        "/accounts/login/", {"login": "Medewerker@Example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").context["user"] == medewerker


def test_wrong_password_keeps_the_email_address_and_explains_in_dutch(client, medewerker):
    response = client.post(
        "/accounts/login/", {"login": "medewerker@example.org", "password": "niet-goed"}
    )

    assert response.status_code == 200
    assert 'value="medewerker@example.org"' in response.text
    assert "is niet correct" in response.text
    assert "_auth_user_id" not in client.session


def test_nobody_can_sign_up_without_an_invitation(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="nieuw@example.org").exists()


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_staff_login_lands_on_the_portal(client, corporatie_medewerker):
    verified(corporatie_medewerker)
    response = client.post(
        "/accounts/login/", {"login": corporatie_medewerker.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/beheer/"


def test_a_login_without_an_organisation_lands_on_the_home_page(client):
    user = UserFactory(email="los@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"


def test_a_next_link_still_wins_after_login(client, corporatie_medewerker):
    verified(corporatie_medewerker)
    response = client.post(
        "/accounts/login/?next=/beheer/locaties/",
        {"login": corporatie_medewerker.email, "password": PASSWORD},
    )

    assert response.url == "/beheer/locaties/"
