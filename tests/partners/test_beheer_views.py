"""The portal's organisation, member, invitation and account pages (partners/beheer_views.py)
and the public invitation page (partners/views.py)."""

import datetime as dt
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse
from django.utils import timezone

from kern.concurrency import version_of
from partners.constants import LidmaatschapRol, PartnerSoort, Rechtsvorm
from partners.models import Gemeente, Lidmaatschap, Partner, Uitnodiging, User
from tests.factories import (
    LidmaatschapFactory,
    PartnerFactory,
    UitnodigingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BEHEERDER, MEDEWERKER = LidmaatschapRol.BEHEERDER, LidmaatschapRol.MEDEWERKER


def partner_of(user):
    return user.lidmaatschappen.get().partner


def url(name, *args):
    return reverse(f"beheer:{name}", args=args)


@pytest.fixture
def stimenz(welzijn_medewerker):
    return partner_of(welzijn_medewerker)


@pytest.fixture
def stimenz_beheerder(stimenz):
    return LidmaatschapFactory(
        partner=stimenz, rol=BEHEERDER, user__email="beheerder@stimenz.example", user__naam="Bea"
    ).user


def partner_form_data(partner, **changes):
    data = {
        "naam": partner.naam,
        "rechtsvorm": partner.rechtsvorm,
        "kvk_nummer": partner.kvk_nummer,
        "statuten_algemeen_belang": "on" if partner.statuten_algemeen_belang else "",
        "email": partner.email,
        "telefoon": partner.telefoon,
        "website": partner.website,
        "omschrijving": partner.omschrijving,
        "versie": version_of(partner),
        "werkgebied": [gemeente.pk for gemeente in partner.werkgebied.all()],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


# The list --------------------------------------------------------------------------------


def test_gemeente_staff_see_the_partners_working_in_their_gemeente(
    client, gemeente_medewerker, stimenz, corporatie, buitenstaander
):
    client.force_login(gemeente_medewerker)

    response = client.get(url("organisaties"))

    assert response.status_code == 200
    names = [p.naam for p in response.context["page"].object_list]
    assert {"Stimenz", "De Woonmensen"} <= set(names)
    assert "Welzijn Elders" not in names
    assert 'href="/beheer/organisaties/nieuw/"' in response.text


def test_the_list_filters_by_kind_searches_by_name_and_sorts(
    client, gemeente_medewerker, stimenz, corporatie
):
    client.force_login(gemeente_medewerker)

    by_kind = client.get(url("organisaties"), {"soort": PartnerSoort.WONINGCORPORATIE})
    by_name = client.get(url("organisaties"), {"q": "stim"})
    sorted_desc = client.get(url("organisaties"), {"sorteer": "-naam"})

    assert [p.naam for p in by_kind.context["page"].object_list] == ["De Woonmensen"]
    assert [p.naam for p in by_name.context["page"].object_list] == ["Stimenz"]
    names = [p.naam for p in sorted_desc.context["page"].object_list]
    assert names == sorted(names, reverse=True)


@pytest.mark.parametrize(
    "query",
    [{"soort": "kasteel"}, {"sorteer": "wachtwoord"}, {"pagina": "-1"}, {"q": "x" * 5000}],
)
def test_nonsense_in_the_list_query_is_no_error(client, gemeente_medewerker, query):
    client.force_login(gemeente_medewerker)
    assert client.get(url("organisaties"), query).status_code == 200


def test_a_medewerker_sees_only_their_own_organisation_and_cannot_add_one(
    client, welzijn_medewerker, corporatie
):
    client.force_login(welzijn_medewerker)

    response = client.get(url("organisaties"))

    assert [p.naam for p in response.context["page"].object_list] == ["Stimenz"]
    assert "/beheer/organisaties/nieuw/" not in response.text
    assert client.get(url("organisatie_nieuw")).status_code == 404


def test_the_portal_is_for_members(client):
    assert client.get(url("organisaties")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url("organisaties")).status_code == 403


# A partner's page ------------------------------------------------------------------------


def test_outsiders_get_404_for_an_organisation(client, buitenstaander, stimenz):
    client.force_login(buitenstaander)
    assert client.get(url("organisatie", stimenz.slug)).status_code == 404
    assert client.get(url("organisatie_bewerken", stimenz.slug)).status_code == 404
    assert client.get(url("uitnodigen", stimenz.slug)).status_code == 404


def test_a_medewerker_sees_colleagues_but_no_invitations_or_controls(
    client, welzijn_medewerker, stimenz, stimenz_beheerder
):
    UitnodigingFactory(partner=stimenz, email="geheim@example.org")
    client.force_login(welzijn_medewerker)

    response = client.get(url("organisatie", stimenz.slug))

    assert response.status_code == 200
    assert "beheerder@stimenz.example" in response.text
    assert "geheim@example.org" not in response.text
    assert url("lid_rol", stimenz.slug, stimenz_beheerder.lidmaatschappen.get().pk) not in (
        response.text
    )
    assert url("organisatie_bewerken", stimenz.slug) not in response.text


def test_the_beheerder_sees_members_invitations_and_the_history(
    client, stimenz, stimenz_beheerder
):
    UitnodigingFactory(partner=stimenz, email="open@example.org", uitgenodigd_door=None)
    stimenz.telefoon = "055 111 22 33"
    stimenz._history_user = stimenz_beheerder
    stimenz.save()
    client.force_login(stimenz_beheerder)

    response = client.get(url("organisatie", stimenz.slug))

    assert "open@example.org" in response.text
    assert "055 111 22 33" in response.text
    wijziging = response.context["wijzigingen"].entries[0]
    assert wijziging.gebruiker == stimenz_beheerder
    assert [c.veld for c in wijziging.wijzigingen] == ["Telefoonnummer"]
    assert "Wijzigingen in de leden" in response.text


def test_the_organisation_page_shows_membership_events_in_the_shared_history(
    client, stimenz, stimenz_beheerder
):
    lidmaatschap = Lidmaatschap(user=UserFactory(naam="Mo Medewerker"), partner=stimenz)
    lidmaatschap._history_user = stimenz_beheerder
    lidmaatschap.save()
    client.force_login(stimenz_beheerder)

    response = client.get(url("organisatie", stimenz.slug))

    text = response.text
    section = text[text.index('id="ledenhistorie"') :]
    assert "<strong>Mo Medewerker</strong> is lid geworden als medewerker" in section
    assert str(stimenz_beheerder) in section


# Creating and editing partners -----------------------------------------------------------


def test_gemeente_staff_add_a_partner_in_their_own_gemeente_and_invite_its_first_beheerder(
    client, gemeente, gemeente_medewerker, andere_gemeente, mailoutbox
):
    client.force_login(gemeente_medewerker)
    response = client.post(
        url("organisatie_nieuw"),
        {
            "naam": "Buurtvereniging De Parkweg",
            "soort": PartnerSoort.HUURDERS_BEWONERS,
            "rechtsvorm": Rechtsvorm.VERENIGING,
            "kvk_nummer": "87654321",
            "statuten_algemeen_belang": "on",
            "werkgebied": [andere_gemeente.pk],  # not theirs to give: ignored
            "email": "info@parkweg.example",
            "beheerder_email": "voorzitter@parkweg.example",
        },
    )

    partner = Partner.objects.get(naam="Buurtvereniging De Parkweg")
    assert response.status_code == 302
    assert response.url == url("organisatie", partner.slug)
    assert partner.slug == "buurtvereniging-de-parkweg"
    assert set(partner.werkgebied.all()) == {gemeente}
    assert partner.history.get().history_user == gemeente_medewerker
    uitnodiging = Uitnodiging.objects.get(partner=partner)
    assert (uitnodiging.email, uitnodiging.rol) == ("voorzitter@parkweg.example", BEHEERDER)
    assert mailoutbox[0].to == ["voorzitter@parkweg.example"]


def test_a_partner_with_bad_input_is_not_saved_and_the_form_keeps_the_input(
    client, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)
    response = client.post(
        url("organisatie_nieuw"),
        {
            "naam": "Half Goed",
            "soort": PartnerSoort.GEMEENTE,
            "rechtsvorm": "monarchie",
            "kvk_nummer": "1234",
            "website": "geen url",
            "beheerder_email": "geen-adres",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"soort", "rechtsvorm", "kvk_nummer", "website", "beheerder_email"}
    assert "precies 8 cijfers" in response.text
    assert 'value="Half Goed"' in response.text
    assert not Partner.objects.filter(naam="Half Goed").exists()


def test_a_failing_invitation_leaves_no_partner_behind(client, gemeente_medewerker, monkeypatch):
    from django.core.exceptions import ValidationError

    from partners import invitations

    def refuse(**kwargs):
        raise ValidationError({"email": "geweigerd"})

    monkeypatch.setattr(invitations, "invite", refuse)
    client.force_login(gemeente_medewerker)
    response = client.post(
        url("organisatie_nieuw"),
        {
            "naam": "Nooit Bestaan",
            "soort": PartnerSoort.WELZIJN,
            "rechtsvorm": Rechtsvorm.STICHTING,
            "beheerder_email": "a@example.org",
        },
    )

    assert response.status_code == 200
    assert "geweigerd" in response.text
    assert not Partner.objects.filter(naam="Nooit Bestaan").exists()


def test_an_edit_is_saved_with_history_and_the_ticked_own_gemeente_stays_in_the_werkgebied(
    client, gemeente, gemeente_medewerker, stimenz, andere_gemeente
):
    client.force_login(gemeente_medewerker)
    data = partner_form_data(stimenz, telefoon="055 999 88 77", werkgebied=[gemeente.pk])

    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 302
    stimenz.refresh_from_db()
    assert stimenz.telefoon == "055 999 88 77"
    assert list(stimenz.werkgebied.all()) == [gemeente]
    assert stimenz.history.first().history_user == gemeente_medewerker
    assert stimenz.history.first().history_change_reason in (None, "")


def test_gemeente_staff_cannot_add_another_gemeente_to_a_werkgebied(
    client, gemeente, gemeente_medewerker, stimenz, andere_gemeente
):
    client.force_login(gemeente_medewerker)
    form = client.get(url("organisatie_bewerken", stimenz.slug)).context["form"]
    assert list(form.fields["werkgebied"].queryset) == [gemeente]

    data = partner_form_data(stimenz, werkgebied=[gemeente.pk, andere_gemeente.pk])
    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 200
    assert "werkgebied" in response.context["form"].errors
    assert list(stimenz.werkgebied.all()) == [gemeente]


def test_gemeente_staff_remove_only_their_own_gemeente_and_the_history_shows_it(
    client, gemeente, gemeente_medewerker, stimenz, andere_gemeente
):
    from partners.history import partner_history

    stimenz.werkgebied.add(andere_gemeente)
    client.force_login(gemeente_medewerker)

    data = partner_form_data(stimenz, werkgebied=[])  # own gemeente unticked
    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 302
    assert response.url == url("organisaties")  # no longer theirs to see
    assert list(stimenz.werkgebied.all()) == [andere_gemeente]
    entry = partner_history(stimenz).entries[0]
    assert entry.gebruiker == gemeente_medewerker
    assert entry.reden == "Werkgebied verwijderd: Apeldoorn"


def test_gemeente_staff_cannot_leave_an_organisation_without_werkgebied(
    client, gemeente, gemeente_medewerker, stimenz
):
    client.force_login(gemeente_medewerker)

    data = partner_form_data(stimenz, werkgebied=[])
    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 200
    assert "Een organisatie werkt in minstens één gemeente." in response.text
    assert list(stimenz.werkgebied.all()) == [gemeente]


def test_a_werkgebied_addition_is_recorded_with_the_gemeente_added(
    client, gemeente, andere_gemeente, stimenz
):
    """An officer of two gemeenten adds the second one: the history names it."""
    officer = LidmaatschapFactory(
        partner=PartnerFactory(gemeentepartner=True, gemeente=gemeente, werkgebied=[gemeente])
    ).user
    LidmaatschapFactory(
        user=officer,
        partner=PartnerFactory(
            gemeentepartner=True, gemeente=andere_gemeente, werkgebied=[andere_gemeente]
        ),
    )
    client.force_login(officer)

    data = partner_form_data(stimenz, werkgebied=[gemeente.pk, andere_gemeente.pk])
    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 302
    assert set(stimenz.werkgebied.all()) == {gemeente, andere_gemeente}
    assert stimenz.history.first().history_change_reason == "Werkgebied toegevoegd: Zeist"


def test_the_second_of_two_simultaneous_edits_is_refused_and_keeps_its_input(
    client, gemeente_medewerker, stimenz, stimenz_beheerder
):
    opened = partner_form_data(stimenz)
    client.force_login(stimenz_beheerder)
    client.post(url("organisatie_bewerken", stimenz.slug), {**opened, "telefoon": "1"})
    client.force_login(gemeente_medewerker)

    response = client.post(url("organisatie_bewerken", stimenz.slug), {**opened, "naam": "Twee"})

    assert response.status_code == 200
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in response.text
    assert 'value="Twee"' in response.text
    stimenz.refresh_from_db()
    assert (stimenz.naam, stimenz.telefoon) == ("Stimenz", "1")


def test_an_organisation_beheerder_edits_details_but_not_the_werkgebied(
    client, stimenz, stimenz_beheerder
):
    client.force_login(stimenz_beheerder)

    response = client.get(url("organisatie_bewerken", stimenz.slug))

    assert response.status_code == 200
    assert "werkgebied" not in response.context["form"].fields
    assert "soort" not in response.context["form"].fields


def test_partners_cannot_be_deleted_in_the_portal():
    from ontmoeting import beheer_urls

    names = {pattern.name for pattern in beheer_urls.urlpatterns}
    assert not any("organisatie" in n and "verwijder" in n for n in names)


# Invitations -----------------------------------------------------------------------------


def test_the_beheerder_invites_a_colleague(client, stimenz, stimenz_beheerder, mailoutbox):
    client.force_login(stimenz_beheerder)

    response = client.post(
        url("uitnodigen", stimenz.slug), {"email": "nieuw@stimenz.example", "rol": MEDEWERKER}
    )

    assert response.status_code == 302
    assert Uitnodiging.objects.get(partner=stimenz).uitgenodigd_door == stimenz_beheerder
    assert "/uitnodiging/" in mailoutbox[0].body


def test_the_invite_form_explains_errors_and_keeps_the_input(
    client, stimenz, stimenz_beheerder, welzijn_medewerker
):
    client.force_login(stimenz_beheerder)

    bad = client.post(url("uitnodigen", stimenz.slug), {"email": "geen adres", "rol": "baas"})
    member = client.post(
        url("uitnodigen", stimenz.slug), {"email": welzijn_medewerker.email, "rol": MEDEWERKER}
    )

    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"email", "rol"}
    assert 'value="geen adres"' in bad.text
    assert "De uitnodiging is niet verstuurd" in bad.text
    assert "al lid van deze organisatie" in member.text
    assert not Uitnodiging.objects.exists()


def test_a_medewerker_cannot_invite(client, welzijn_medewerker, stimenz):
    client.force_login(welzijn_medewerker)
    response = client.post(
        url("uitnodigen", stimenz.slug), {"email": "x@example.org", "rol": BEHEERDER}
    )
    assert response.status_code == 404
    assert not Uitnodiging.objects.exists()


def test_invitations_are_revoked_and_resent_by_post_only(
    client, stimenz, stimenz_beheerder, mailoutbox
):
    uitnodiging = UitnodigingFactory(partner=stimenz)
    client.force_login(stimenz_beheerder)
    revoke_url = url("uitnodiging_intrekken", stimenz.slug, uitnodiging.pk)
    resend_url = url("uitnodiging_opnieuw", stimenz.slug, uitnodiging.pk)

    assert client.get(revoke_url).status_code == 405
    assert client.get(resend_url).status_code == 405
    assert client.post(resend_url).status_code == 302
    assert len(mailoutbox) == 1
    assert client.post(revoke_url).status_code == 302
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is not None
    assert client.post(resend_url).status_code == 404  # no longer open


def test_another_organisations_invitation_answers_404(client, stimenz_beheerder, corporatie):
    elders = UitnodigingFactory(partner=corporatie)
    client.force_login(stimenz_beheerder)
    stimenz = partner_of(stimenz_beheerder)

    assert client.post(url("uitnodiging_intrekken", stimenz.slug, elders.pk)).status_code == 404
    assert client.post(url("uitnodiging_intrekken", corporatie.slug, elders.pk)).status_code == 404


# Members ---------------------------------------------------------------------------------


def test_the_beheerder_changes_a_role_and_it_is_attributed(
    client, stimenz, stimenz_beheerder, welzijn_medewerker
):
    lid = welzijn_medewerker.lidmaatschappen.get()
    client.force_login(stimenz_beheerder)

    assert client.get(url("lid_rol", stimenz.slug, lid.pk)).status_code == 405
    response = client.post(url("lid_rol", stimenz.slug, lid.pk), {"rol": BEHEERDER})

    assert response.status_code == 302
    lid.refresh_from_db()
    assert lid.rol == BEHEERDER
    assert lid.history.first().history_user == stimenz_beheerder


def test_the_last_beheerder_is_kept_with_a_clear_message(client, stimenz, stimenz_beheerder):
    lid = stimenz_beheerder.lidmaatschappen.get()
    client.force_login(stimenz_beheerder)

    response = client.post(url("lid_rol", stimenz.slug, lid.pk), {"rol": MEDEWERKER}, follow=True)

    assert "minstens één beheerder" in response.text
    lid.refresh_from_db()
    assert lid.rol == BEHEERDER


def test_a_role_that_does_not_exist_is_refused(client, stimenz, stimenz_beheerder):
    lid = stimenz_beheerder.lidmaatschappen.get()
    client.force_login(stimenz_beheerder)
    response = client.post(url("lid_rol", stimenz.slug, lid.pk), {"rol": "god"}, follow=True)
    assert "Kies een geldige rol" in response.text


def test_the_beheerder_removes_a_colleague(client, stimenz, stimenz_beheerder, welzijn_medewerker):
    lid = welzijn_medewerker.lidmaatschappen.get()
    client.force_login(stimenz_beheerder)

    assert client.get(url("lid_verwijderen", stimenz.slug, lid.pk)).status_code == 405
    response = client.post(url("lid_verwijderen", stimenz.slug, lid.pk))

    assert response.status_code == 302
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    assert User.objects.filter(pk=welzijn_medewerker.pk).exists()  # the account stays


def test_removing_yourself_asks_for_confirmation_first(client, stimenz, stimenz_beheerder):
    LidmaatschapFactory(partner=stimenz, rol=BEHEERDER)
    lid = stimenz_beheerder.lidmaatschappen.get()
    client.force_login(stimenz_beheerder)

    asked = client.post(url("lid_verwijderen", stimenz.slug, lid.pk))
    assert asked.status_code == 200
    assert "Jezelf verwijderen uit Stimenz?" in asked.text
    assert Lidmaatschap.objects.filter(pk=lid.pk).exists()

    done = client.post(url("lid_verwijderen", stimenz.slug, lid.pk), {"bevestigd": "ja"})
    assert done.status_code == 302
    assert done.url == url("account")
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()


def test_members_of_another_organisation_answer_404(client, stimenz_beheerder, corporatie):
    elders = LidmaatschapFactory(partner=corporatie)
    stimenz = partner_of(stimenz_beheerder)
    client.force_login(stimenz_beheerder)

    assert client.post(url("lid_verwijderen", stimenz.slug, elders.pk)).status_code == 404
    assert (
        client.post(url("lid_rol", corporatie.slug, elders.pk), {"rol": BEHEERDER}).status_code
        == 404
    )
    assert Lidmaatschap.objects.filter(pk=elders.pk).exists()


# Mijn account ----------------------------------------------------------------------------


def test_my_account_links_to_password_email_and_two_factor_setup(client, welzijn_medewerker):
    client.force_login(welzijn_medewerker)

    response = client.get(url("account"))

    assert response.status_code == 200
    for name in ["account_change_password", "account_email", "mfa_activate_totp"]:
        assert reverse(name) in response.text
    assert "Stimenz" in response.text


def test_my_account_shows_two_factor_and_unused_recovery_codes(client, welzijn_medewerker):
    Authenticator.objects.create(
        user=welzijn_medewerker, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    RecoveryCodes.activate(welzijn_medewerker)
    client.force_login(welzijn_medewerker)

    response = client.get(url("account"))

    assert "Je hebt nog 10 ongebruikte herstelcodes." in response.text
    assert reverse("mfa_view_recovery_codes") in response.text
    assert reverse("mfa_activate_totp") not in response.text


# Accepting an invitation (public page) ---------------------------------------------------


def accept_url(token):
    return reverse("partners:uitnodiging_accepteren", args=[token])


def test_a_new_colleague_creates_an_account_and_is_signed_in(client, stimenz):
    UitnodigingFactory(partner=stimenz, token="welkom", email="nieuw@example.org", rol=BEHEERDER)

    page = client.get(accept_url("welkom"))
    response = client.post(
        accept_url("welkom"),
        {
            "naam": "Nina",
            "password1": "lang-genoeg-wachtwoord",
            "password2": "lang-genoeg-wachtwoord",
        },
    )

    assert page.status_code == 200
    assert "Maak je account aan" in page.text
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.lidmaatschappen.get().rol == BEHEERDER
    assert client.get(accept_url("welkom")).status_code == 410  # used


def test_a_weak_or_mismatched_password_is_explained_and_nothing_is_created(client, stimenz):
    UitnodigingFactory(partner=stimenz, token="zwak", email="nieuw@example.org")

    short = client.post(
        accept_url("zwak"), {"naam": "Nina", "password1": "kort", "password2": "kort"}
    )
    mismatch = client.post(
        accept_url("zwak"),
        {"naam": "Nina", "password1": "lang-genoeg-wachtwoord", "password2": "anders-genoeg-ww"},
    )

    assert short.status_code == 200
    assert "12" in short.context["form"].errors["password1"][0]  # the minimum length
    assert "niet gelijk" in mismatch.text
    assert 'value="Nina"' in mismatch.text
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert Uitnodiging.objects.get().geaccepteerd_op is None


def test_an_unknown_link_is_404_and_an_expired_one_explains(client, stimenz):
    UitnodigingFactory(
        partner=stimenz, token="oud", verloopt_op=timezone.now() - dt.timedelta(days=1)
    )

    assert client.get(accept_url("bestaat-niet")).status_code == 404
    response = client.get(accept_url("oud"))
    assert response.status_code == 410
    assert "verlopen" in response.text


def test_an_existing_account_is_asked_to_sign_in_and_then_accepts(client, stimenz):
    bestaand = UserFactory(email="bestaand@example.org")
    UitnodigingFactory(partner=stimenz, token="bestaand", email="bestaand@example.org")

    anonymous = client.get(accept_url("bestaand"))
    assert "Er is al een account" in anonymous.text
    assert "/accounts/login/?next=" in anonymous.text
    assert client.post(accept_url("bestaand"), {"naam": "X"}).status_code == 200
    assert not bestaand.lidmaatschappen.exists()

    client.force_login(bestaand)
    assert client.post(accept_url("bestaand")).status_code == 302
    assert bestaand.lidmaatschappen.get().partner == stimenz


def test_someone_signed_in_with_another_account_is_told_so(client, stimenz, welzijn_medewerker):
    UitnodigingFactory(partner=stimenz, token="ander", email="iemand@example.org")
    client.force_login(welzijn_medewerker)

    response = client.post(accept_url("ander"))

    assert response.status_code == 403
    assert "iemand@example.org" in response.text
    assert not Lidmaatschap.objects.filter(user__email="iemand@example.org").exists()


# Query counts at two sizes ---------------------------------------------------------------


def bulk_partners(gemeente, count):
    partners = Partner.objects.bulk_create(
        Partner(naam=f"Bulk {i:04d}", slug=f"bulk-{i:04d}", soort=PartnerSoort.ZORG)
        for i in range(count)
    )
    Partner.werkgebied.through.objects.bulk_create(
        Partner.werkgebied.through(partner=p, gemeente=gemeente) for p in partners
    )
    return partners


def bulk_members_and_invitations(partner, count):
    users = User.objects.bulk_create(
        User(email=f"bulk{i}@example.org", naam=f"Bulk {i}", password="!") for i in range(count)
    )
    Lidmaatschap.objects.bulk_create(Lidmaatschap(user=u, partner=partner) for u in users)
    expires = timezone.now() + dt.timedelta(days=7)
    Uitnodiging.objects.bulk_create(
        Uitnodiging(
            partner=partner,
            email=f"uit{i}@example.org",
            token_hash=f"{i:064d}",
            verloopt_op=expires,
        )
        for i in range(count)
    )
    for i in range(25):
        partner.telefoon = f"055 {i:07d}"
        partner.save()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_list_runs_a_fixed_number_of_queries(
    client, gemeente, gemeente_medewerker, count, django_assert_max_num_queries
):
    bulk_partners(gemeente, count)
    client.force_login(gemeente_medewerker)

    with django_assert_max_num_queries(6):
        response = client.get(url("organisaties"), {"sorteer": "-aantal_leden"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_the_partner_page_runs_a_fixed_number_of_queries(
    client, stimenz, stimenz_beheerder, count, django_assert_max_num_queries
):
    bulk_members_and_invitations(stimenz, count)
    client.force_login(stimenz_beheerder)

    with django_assert_max_num_queries(11):
        response = client.get(url("organisatie", stimenz.slug))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_the_forms_run_a_fixed_number_of_queries(
    client, gemeente_medewerker, stimenz, count, django_assert_max_num_queries
):
    Gemeente.objects.bulk_create(
        Gemeente(naam=f"Gemeente {i}", cbs_code=f"GM{5000 + i:04d}", slug=f"g-{i}")
        for i in range(count)
    )
    bulk_members_and_invitations(stimenz, count)
    client.force_login(gemeente_medewerker)

    budgets = {
        url("organisatie_nieuw"): 7,
        url("organisatie_bewerken", stimenz.slug): 9,
        url("uitnodigen", stimenz.slug): 4,
    }
    for page, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(page).status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_account_and_acceptance_pages_run_a_fixed_number_of_queries(
    client, gemeente, count, django_assert_max_num_queries
):
    user = UserFactory()
    partners = bulk_partners(gemeente, count)
    Lidmaatschap.objects.bulk_create(Lidmaatschap(user=user, partner=p) for p in partners)
    UitnodigingFactory(partner=partners[0], token="telling")

    with django_assert_max_num_queries(2):
        assert client.get(accept_url("telling")).status_code == 200
    client.force_login(user)
    with django_assert_max_num_queries(6):
        assert client.get(url("account")).status_code == 200


def test_the_invitation_mail_link_opens_the_acceptance_page(
    client, stimenz, stimenz_beheerder, mailoutbox
):
    client.force_login(stimenz_beheerder)
    client.post(url("uitnodigen", stimenz.slug), {"email": "link@example.org", "rol": MEDEWERKER})
    client.logout()

    link = re.search(r"https?://\S+/uitnodiging/\S+/", mailoutbox[0].body).group(0)
    response = client.get(link.split("testserver", 1)[1])

    assert response.status_code == 200
    assert "link@example.org" in response.text


@pytest.mark.parametrize(
    "changes",
    [
        {"versie": "abc"},
        {"werkgebied": ["x", "999999"]},
        {"naam": "x" * 5000},
        {"naam": ""},
        {"rechtsvorm": "<script>"},
    ],
)
def test_nonsense_in_the_edit_form_is_explained_not_an_error(
    client, gemeente_medewerker, stimenz, changes
):
    client.force_login(gemeente_medewerker)
    data = {**partner_form_data(stimenz), **changes}

    response = client.post(url("organisatie_bewerken", stimenz.slug), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    stimenz.refresh_from_db()
    assert stimenz.naam == "Stimenz"


@pytest.mark.parametrize(
    "data",
    [{"email": "a@b.c" * 100, "rol": MEDEWERKER}, {"email": ["x", "y"]}, {}],
)
def test_nonsense_in_the_invite_form_is_explained_not_an_error(
    client, stimenz, stimenz_beheerder, data
):
    client.force_login(stimenz_beheerder)
    response = client.post(url("uitnodigen", stimenz.slug), data)
    assert response.status_code == 200
    assert not Uitnodiging.objects.exists()


def test_an_organisation_name_that_exists_is_refused_with_advice(
    client, gemeente_medewerker, stimenz
):
    client.force_login(gemeente_medewerker)
    response = client.post(
        url("organisatie_nieuw"),
        {"naam": "STIMENZ ", "soort": PartnerSoort.WELZIJN, "rechtsvorm": Rechtsvorm.STICHTING},
    )

    assert response.status_code == 200
    assert "Er is al een organisatie met deze naam" in response.text
    assert Partner.objects.filter(naam__iexact="stimenz").count() == 1
