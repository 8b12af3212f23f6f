"""allauth's account and two-factor pages render in the site's layout, in Dutch."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import PASSWORD, LidmaatschapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker():
    user = LidmaatschapFactory(user__email="pagina@example.org").user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def assert_site_layout(response):
    assert response.status_code == 200
    assert "site-header__inner" in response.text
    assert 'lang="nl"' in response.text


@pytest.mark.parametrize(
    "name, text",
    [
        ("account_login", "Inloggen voor medewerkers"),
        ("account_reset_password", "Wachtwoord"),
        ("account_reset_password_done", "Nieuw wachtwoord"),
    ],
)
def test_pages_for_signing_in_render_in_the_site_layout(client, name, text):
    response = client.get(reverse(name))
    assert_site_layout(response)
    assert text in response.text


@pytest.mark.parametrize(
    "name, text",
    [
        ("account_change_password", "Wachtwoord wijzigen"),
        ("account_email", "E-mailadres"),
        ("account_logout", "Uitloggen"),
        ("mfa_index", "Authenticator"),
    ],
)
def test_account_pages_render_in_the_site_layout_with_a_way_back(client, medewerker, name, text):
    client.force_login(medewerker)

    response = client.get(reverse(name))

    assert_site_layout(response)
    assert text in response.text


def test_the_recovery_codes_page_shows_the_codes_after_reauthentication(client, medewerker):
    TOTP.activate(medewerker, generate_totp_secret())
    codes = RecoveryCodes.activate(medewerker).get_unused_codes()
    client.force_login(medewerker)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.get(reverse("mfa_view_recovery_codes"))

    assert_site_layout(response)
    assert codes[0] in response.text
    assert 'href="/beheer/account/"' in response.text


def test_a_password_reset_mail_is_sent_for_a_known_address_only(
    client, medewerker, mailoutbox, settings
):
    client.post(reverse("account_reset_password"), {"email": "pagina@example.org"})
    client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})

    assert [mail.to for mail in mailoutbox] == [["pagina@example.org"]]
    assert mailoutbox[0].subject.startswith(f"[{settings.SITE_NAME}] ")
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert mailoutbox[0].body.startswith("Hallo,")
    assert mailoutbox[0].body.rstrip().endswith(settings.SITE_NAME)


def test_changing_the_password_works_and_keeps_the_person_signed_in(client, medewerker):
    client.force_login(medewerker)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "een-nieuw-lang-wachtwoord",
            "password2": "een-nieuw-lang-wachtwoord",
        },
    )

    assert response.status_code == 302
    medewerker.refresh_from_db()
    assert medewerker.check_password("een-nieuw-lang-wachtwoord")
