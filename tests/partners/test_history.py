"""What changed to an organisation, as the portal shows it (partners/history.py)."""

import pytest

from partners.constants import Rechtsvorm
from partners.history import partner_changes
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

    newest, created = partner_changes(partner)

    assert newest.who == editor
    assert newest.kind == "gewijzigd"
    assert {(f.label, f.old, f.new) for f in newest.fields} == {
        ("naam", "Oud", "Nieuw"),
        ("rechtsvorm", "Stichting", "Vereniging"),
        ("KvK-nummer", "—", "12345678"),
    }
    assert created.kind == "aangemaakt"


def test_saves_that_changed_nothing_visible_are_left_out_and_the_list_is_limited():
    partner = PartnerFactory()
    partner.save()  # no change
    for number in range(5):
        partner.telefoon = f"055 000 00 0{number}"
        partner.save()

    changes = partner_changes(partner, limit=3)

    assert len(changes) == 3
    assert all(change.fields for change in changes)
    assert changes[0].fields[0].new == "055 000 00 04"
