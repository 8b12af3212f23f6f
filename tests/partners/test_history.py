"""What changed to an organisation, as the portal shows it (partners/history.py)."""

import pytest

from partners.constants import LidmaatschapRol, Rechtsvorm
from partners.history import membership_history, partner_history
from partners.models import Lidmaatschap
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_partner_changes_say_who_changed_which_field_from_what_to_what():
    partner = PartnerFactory(naam="Oud", rechtsvorm=Rechtsvorm.STICHTING, kvk_nummer="")
    editor = UserFactory(naam="Els Editor")
    partner.naam = "Nieuw"
    partner.rechtsvorm = Rechtsvorm.VERENIGING
    partner.kvk_nummer = "12345678"
    partner._history_user = editor
    partner.save()

    newest, created = partner_history(partner).entries

    assert newest.gebruiker == editor
    assert newest.actie == "gewijzigd"
    assert {(c.veld, c.oud, c.nieuw) for c in newest.wijzigingen} == {
        ("Naam", "Oud", "Nieuw"),
        ("Rechtsvorm", "Stichting", "Vereniging"),
        ("KvK-nummer", "—", "12345678"),
    }
    assert created.actie == "aangemaakt"


def test_saves_that_changed_nothing_visible_are_left_out_and_the_list_is_limited():
    partner = PartnerFactory()
    partner.save()  # no change
    for number in range(5):
        partner.telefoon = f"055 000 00 0{number}"
        partner.save()

    history = partner_history(partner, limit=3)

    assert len(history.entries) == 3
    assert history.cut_off
    assert all(entry.wijzigingen for entry in history.entries)
    assert history.entries[0].wijzigingen[0].nieuw == "055 000 00 04"
    assert len(partner_history(partner).entries) == 6  # created, five changes; not the no-op


def test_membership_events_say_who_joined_changed_role_and_left_and_who_did_it():
    partner = PartnerFactory()
    beheerder = UserFactory(naam="Bea Beheerder")
    lidmaatschap = Lidmaatschap(
        user=UserFactory(naam="Mo Medewerker"), partner=partner, rol=LidmaatschapRol.MEDEWERKER
    )
    lidmaatschap._history_user = beheerder
    lidmaatschap.save()
    lidmaatschap.rol = LidmaatschapRol.BEHEERDER
    lidmaatschap._history_user = beheerder
    lidmaatschap.save()
    lidmaatschap._history_user = beheerder
    lidmaatschap.delete()

    left, changed, joined = membership_history(partner).entries

    assert (joined.onderwerp, joined.actie, joined.wie) == (
        "Mo Medewerker",
        "is lid geworden als medewerker",
        "Bea Beheerder",
    )
    assert (changed.onderwerp, changed.actie) == (
        "Mo Medewerker",
        "is nu beheerder van de organisatie",
    )
    assert [(c.veld, c.oud, c.nieuw) for c in changed.wijzigingen] == [
        ("Rol", "Medewerker", "Beheerder van de organisatie")
    ]
    assert (left.onderwerp, left.actie, left.gebruiker) == (
        "Mo Medewerker",
        "is geen lid meer",
        beheerder,
    )
