"""The Django admin is the functioneel beheerder's alone: superusers only (ontmoeting/admin.py)."""

import pytest
from django.urls import reverse

from tests.factories import (
    ActiviteitFactory,
    FinancieringFactory,
    LidmaatschapFactory,
    OpeningstijdFactory,
    RuimteFactory,
    SamenwerkingFactory,
    UserFactory,
    VerhuurFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activiteit():
    """An activity at a place with something in every inline, so the admin pages render rows."""
    ruimte = RuimteFactory()
    locatie = ruimte.locatie
    locatie.wijk = WijkFactory(gemeente=locatie.gemeente)
    locatie.save()
    OpeningstijdFactory(locatie=locatie)
    SamenwerkingFactory(locatie=locatie)
    FinancieringFactory(locatie=locatie)
    VerhuurFactory(ruimte=ruimte)
    LidmaatschapFactory()
    return ActiviteitFactory(locatie=locatie, ruimte=ruimte)


def test_admin_index_answers_superuser(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200


def test_admin_refuses_a_signed_in_user_who_is_not_superuser(client):
    client.force_login(UserFactory(is_superuser=False))

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == 403


def test_admin_login_is_allauths_login(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/locaties/"})

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/locaties/"


def test_admin_login_form_cannot_be_posted_to_directly(client, superuser):
    response = client.post(
        reverse("admin:login"), {"username": superuser.email, "password": "whatever"}
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "persona",
    ["corporatie_medewerker", "welzijn_medewerker", "zorg_medewerker", "gemeente_medewerker"],
)
def test_admin_sends_persona_to_login(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_sends_anonymous_visitor_to_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_inactive_superuser_is_sent_to_login(client):
    client.force_login(UserFactory(is_superuser=True, is_active=False))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:locaties_locatie_changelist",
        "admin:partners_partner_changelist",
        "admin:activiteiten_activiteit_changelist",
        "admin:partners_user_changelist",
        "admin:partners_gemeente_changelist",
        "admin:partners_lidmaatschap_changelist",
        "admin:locaties_ruimte_changelist",
        "admin:locaties_wijk_changelist",
        "admin:locaties_samenwerking_changelist",
        "admin:locaties_financiering_changelist",
        "admin:locaties_verhuur_changelist",
    ],
)
def test_admin_changelist_renders_for_superuser(client, superuser, activiteit, url_name):
    client.force_login(superuser)

    response = client.get(reverse(url_name))

    assert response.status_code == 200


def test_admin_changelist_is_closed_to_a_staff_member_who_is_not_superuser(client, activiteit):
    client.force_login(UserFactory(is_superuser=False))

    response = client.get(reverse("admin:locaties_locatie_changelist"))

    assert response.status_code == 302


def test_admin_change_pages_render_with_their_inlines(client, superuser, activiteit):
    client.force_login(superuser)

    for url in [
        reverse("admin:locaties_locatie_change", args=[activiteit.locatie.pk]),
        reverse("admin:activiteiten_activiteit_change", args=[activiteit.pk]),
        reverse("admin:partners_partner_change", args=[activiteit.organisator.pk]),
        reverse("admin:locaties_ruimte_change", args=[activiteit.ruimte.pk]),
        reverse("admin:locaties_locatie_history", args=[activiteit.locatie.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_superuser_without_a_second_factor_is_sent_to_set_one_up_first(
    client, superuser, settings
):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    client.force_login(superuser)

    for path in (reverse("admin:index"), "/admin/locaties/locatie/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == f"/accounts/2fa/totp/activate/?next={path.replace('/', '%2F')}"


def test_a_superuser_with_a_second_factor_reaches_the_admin(client, superuser, settings):
    from allauth.mfa.models import Authenticator

    settings.MFA_REQUIRED_FOR_EDITORS = True
    Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(superuser)

    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_follows_the_installations_mfa_setting(client, superuser, settings):
    settings.MFA_REQUIRED_FOR_EDITORS = False
    client.force_login(superuser)

    assert client.get(reverse("admin:index")).status_code == 200
