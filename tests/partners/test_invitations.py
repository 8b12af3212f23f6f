"""Joining by invitation (partners/invitations.py): one link, used once, before it expires."""

import datetime as dt
import re
import threading

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from partners import invitations
from partners.constants import LidmaatschapRol
from partners.models import Lidmaatschap, Uitnodiging, User
from tests.factories import LidmaatschapFactory, PartnerFactory, UitnodigingFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE_URL = "https://ontmoeten.example.nl/"


def token_from(message) -> str:
    return re.search(r"/uitnodiging/([^/\s]+)/", message.body).group(1)


@pytest.fixture
def organisatie():
    return PartnerFactory(naam="Stimenz")


@pytest.fixture
def beheerder(organisatie):
    return LidmaatschapFactory(partner=organisatie, rol=LidmaatschapRol.BEHEERDER).user


def invite(organisatie, beheerder, email="nieuw@example.org", rol=LidmaatschapRol.MEDEWERKER):
    return invitations.invite(
        partner=organisatie, email=email, rol=rol, uitgenodigd_door=beheerder, base_url=BASE_URL
    )


def test_an_invitation_mails_a_link_and_stores_only_a_hash_of_its_token(
    organisatie, beheerder, mailoutbox, settings
):
    settings.INVITATION_VALID_DAYS = 7
    uitnodiging = invite(organisatie, beheerder, email=" Nieuw@Example.org ")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nieuw@example.org"]
    assert "Stimenz" in mailoutbox[0].subject
    token = token_from(mailoutbox[0])
    assert f"{BASE_URL}uitnodiging/{token}/" in mailoutbox[0].body
    assert uitnodiging.email == "nieuw@example.org"
    assert uitnodiging.token_hash == invitations.hash_token(token)
    assert token not in uitnodiging.token_hash
    assert uitnodiging.uitgenodigd_door == beheerder
    assert uitnodiging.verloopt_op - uitnodiging.aangemaakt_op == dt.timedelta(days=7)


def test_accepting_creates_the_account_with_a_verified_address_and_the_invited_role(
    organisatie, beheerder, mailoutbox
):
    invite(organisatie, beheerder, rol=LidmaatschapRol.BEHEERDER)
    uitnodiging = invitations.find(token_from(mailoutbox[0]))

    lidmaatschap = invitations.accept(
        uitnodiging=uitnodiging, naam="Fatima Yilmaz", password="een-sterk-wachtwoord-123"
    )

    user = User.objects.get(email="nieuw@example.org")
    assert lidmaatschap.user == user and lidmaatschap.partner == organisatie
    assert lidmaatschap.rol == LidmaatschapRol.BEHEERDER
    assert user.naam == "Fatima Yilmaz"
    assert user.check_password("een-sterk-wachtwoord-123")
    assert EmailAddress.objects.get(user=user).verified
    uitnodiging.refresh_from_db()
    assert uitnodiging.geaccepteerd_op is not None
    assert uitnodiging.geaccepteerd_door == user


def test_an_existing_account_joins_after_signing_in(organisatie, beheerder, mailoutbox):
    bestaand = UserFactory(email="nieuw@example.org")
    invite(organisatie, beheerder)
    uitnodiging = invitations.find(token_from(mailoutbox[0]))

    with pytest.raises(invitations.InvitationUnusable, match="Log in"):
        invitations.accept(uitnodiging=uitnodiging, naam="X", password="een-sterk-wachtwoord")
    uitnodiging.refresh_from_db()
    assert uitnodiging.geaccepteerd_op is None  # the refused attempt left nothing behind

    invitations.accept(uitnodiging=uitnodiging, user=bestaand)
    assert Lidmaatschap.objects.filter(user=bestaand, partner=organisatie).exists()
    assert User.objects.filter(email="nieuw@example.org").count() == 1


def test_another_account_cannot_accept_someone_elses_invitation(organisatie, beheerder):
    uitnodiging = UitnodigingFactory(partner=organisatie, email="nieuw@example.org")

    with pytest.raises(invitations.InvitationUnusable, match="nieuw@example.org"):
        invitations.accept(uitnodiging=uitnodiging, user=beheerder)
    assert not Lidmaatschap.objects.filter(partner=organisatie, user__email="nieuw@example.org")


def test_a_link_works_once(organisatie):
    uitnodiging = UitnodigingFactory(partner=organisatie, token="eenmalig")
    invitations.accept(uitnodiging=uitnodiging, naam="A", password="een-sterk-wachtwoord-1")

    with pytest.raises(invitations.InvitationUnusable, match="al gebruikt"):
        invitations.check_usable(invitations.find("eenmalig"))
    with pytest.raises(invitations.InvitationUnusable):
        invitations.accept(uitnodiging=uitnodiging, naam="B", password="een-sterk-wachtwoord-2")
    assert Lidmaatschap.objects.filter(partner=organisatie).count() == 1


def test_of_two_acceptances_opened_at_the_same_time_only_one_goes_through(organisatie):
    """Both requests loaded the open invitation before either accepted: the database's
    conditional update lets one through."""
    UitnodigingFactory(partner=organisatie, token="tegelijk")
    first, second = invitations.find("tegelijk"), invitations.find("tegelijk")
    invitations.check_usable(first)
    invitations.check_usable(second)

    invitations.accept(uitnodiging=first, naam="Eerste", password="een-sterk-wachtwoord-1")
    with pytest.raises(invitations.InvitationUnusable, match="al gebruikt"):
        invitations.accept(uitnodiging=second, user=User.objects.get(naam="Eerste"))

    assert Lidmaatschap.objects.filter(partner=organisatie).count() == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; needs real concurrency"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_acceptances_in_separate_connections_yield_one_membership():
    organisatie = PartnerFactory()
    UitnodigingFactory(partner=organisatie, token="race", email="race@example.org")
    bestaand = UserFactory(email="race@example.org")
    barrier = threading.Barrier(2)
    outcomes = []

    def accept_in_own_connection():
        from django.db import connections

        try:
            uitnodiging = invitations.find("race")
            barrier.wait(timeout=10)
            invitations.accept(uitnodiging=uitnodiging, user=bestaand)
            outcomes.append("accepted")
        except invitations.InvitationUnusable:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept_in_own_connection) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["accepted", "refused"]
    assert Lidmaatschap.objects.filter(partner=organisatie, user=bestaand).count() == 1


def test_an_expired_link_is_refused(organisatie):
    uitnodiging = UitnodigingFactory(
        partner=organisatie, verloopt_op=timezone.now() - dt.timedelta(minutes=1)
    )

    with pytest.raises(invitations.InvitationUnusable, match="verlopen"):
        invitations.check_usable(uitnodiging)
    with pytest.raises(invitations.InvitationUnusable, match="verlopen"):
        invitations.accept(uitnodiging=uitnodiging, naam="Te laat", password="een-sterk-ww-123")
    assert not User.objects.filter(naam="Te laat").exists()


def test_the_validity_follows_the_setting(organisatie, beheerder, settings):
    settings.INVITATION_VALID_DAYS = 2
    uitnodiging = invite(organisatie, beheerder)
    assert uitnodiging.verloopt_op - uitnodiging.aangemaakt_op == dt.timedelta(days=2)


def test_a_revoked_link_is_refused(organisatie):
    uitnodiging = UitnodigingFactory(partner=organisatie, token="ingetrokken")

    invitations.revoke(uitnodiging=uitnodiging)

    assert uitnodiging.ingetrokken_op is not None
    with pytest.raises(invitations.InvitationUnusable, match="ingetrokken"):
        invitations.accept(uitnodiging=uitnodiging, naam="X", password="een-sterk-wachtwoord")


def test_resending_sends_a_new_link_and_the_old_one_stops_working(
    organisatie, beheerder, mailoutbox
):
    uitnodiging = invite(organisatie, beheerder)
    old_token = token_from(mailoutbox[0])
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        verloopt_op=timezone.now() - dt.timedelta(days=1)
    )

    invitations.resend(uitnodiging=uitnodiging, base_url=BASE_URL)

    new_token = token_from(mailoutbox[1])
    assert new_token != old_token
    assert invitations.find(old_token) is None
    invitations.check_usable(invitations.find(new_token))  # valid again for a week


def test_nobody_is_invited_twice_to_the_same_organisation(organisatie, beheerder):
    invite(organisatie, beheerder)
    with pytest.raises(ValidationError) as error:
        invite(organisatie, beheerder, email="NIEUW@example.org")
    assert "al een uitnodiging open" in error.value.message_dict["email"][0]

    LidmaatschapFactory(partner=organisatie, user__email="lid@example.org")
    with pytest.raises(ValidationError) as error:
        invite(organisatie, beheerder, email="lid@example.org")
    assert "al lid" in error.value.message_dict["email"][0]


def test_an_expired_open_invitation_makes_way_for_a_new_one(organisatie, beheerder):
    oud = UitnodigingFactory(
        partner=organisatie,
        email="nieuw@example.org",
        verloopt_op=timezone.now() - dt.timedelta(days=1),
    )

    nieuw = invite(organisatie, beheerder)

    oud.refresh_from_db()
    assert oud.ingetrokken_op is not None
    assert nieuw.is_open


def test_the_database_holds_one_open_invitation_per_address_and_organisation(organisatie):
    from django.db import IntegrityError, transaction

    UitnodigingFactory(partner=organisatie, email="dubbel@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UitnodigingFactory(partner=organisatie, email="dubbel@example.org")


def test_unknown_or_absurd_tokens_find_nothing():
    assert invitations.find("bestaat-niet") is None
    assert invitations.find("") is None
    assert invitations.find("x" * 5000) is None


def test_the_admin_lists_invitations_without_their_links(client, superuser, organisatie):
    from django.urls import reverse

    uitnodiging = UitnodigingFactory(partner=organisatie, email="admin@example.org")
    client.force_login(superuser)

    listing = client.get(reverse("admin:partners_uitnodiging_changelist"))
    detail = client.get(reverse("admin:partners_uitnodiging_change", args=[uitnodiging.pk]))

    assert listing.status_code == 200 and "admin@example.org" in listing.text
    assert detail.status_code == 200
    assert uitnodiging.token_hash not in detail.text
    assert client.get(reverse("admin:partners_uitnodiging_add")).status_code == 403


def test_an_invitation_whose_mail_cannot_be_sent_is_not_kept(organisatie, beheerder, monkeypatch):
    import smtplib

    def smtp_down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(invitations, "send_mail", smtp_down)

    with pytest.raises(ValidationError) as error:
        invite(organisatie, beheerder)
    assert "kon niet worden verstuurd" in error.value.message_dict["email"][0]
    assert not Uitnodiging.objects.exists()


def test_a_resend_whose_mail_cannot_be_sent_keeps_the_old_link(organisatie, monkeypatch):
    uitnodiging = UitnodigingFactory(partner=organisatie, token="blijft")

    def connection_refused(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(invitations, "send_mail", connection_refused)

    with pytest.raises(invitations.InvitationUnusable, match="kon niet worden verstuurd"):
        invitations.resend(uitnodiging=uitnodiging, base_url=BASE_URL)
    assert invitations.find("blijft") is not None


def test_an_account_can_accept_at_another_verified_address_of_its_own(organisatie):
    user = UserFactory(email="werk@example.org")
    EmailAddress.objects.create(user=user, email="privé@example.org", verified=True)
    uitnodiging = UitnodigingFactory(partner=organisatie, email="privé@example.org")

    assert invitations.existing_account(uitnodiging) == user
    with pytest.raises(invitations.InvitationUnusable, match="Log in"):
        invitations.accept(uitnodiging=uitnodiging, naam="Dubbel", password="een-sterk-ww-123")
    invitations.accept(uitnodiging=uitnodiging, user=user)

    assert Lidmaatschap.objects.filter(user=user, partner=organisatie).exists()
    assert User.objects.count() == 1  # no second account for the same person
