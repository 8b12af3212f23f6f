"""Changing and ending memberships (partners/memberships.py), and their history."""

import pytest

from partners import memberships
from partners.constants import LidmaatschapRol
from partners.models import Lidmaatschap
from tests.factories import LidmaatschapFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

BEHEERDER, MEDEWERKER = LidmaatschapRol.BEHEERDER, LidmaatschapRol.MEDEWERKER


@pytest.fixture
def organisatie():
    return PartnerFactory()


def test_a_role_change_is_recorded_with_who_made_it(organisatie):
    door = UserFactory(naam="Anna Beheer")
    lid = LidmaatschapFactory(partner=organisatie, rol=MEDEWERKER)

    memberships.change_role(lidmaatschap=lid, rol=BEHEERDER, door=door)

    lid.refresh_from_db()
    assert lid.rol == BEHEERDER
    latest = lid.history.first()
    assert latest.history_type == "~"
    assert latest.rol == BEHEERDER
    assert latest.history_user == door
    assert latest.prev_record.rol == MEDEWERKER


def test_a_removal_is_recorded_with_who_made_it(organisatie):
    door = UserFactory()
    lid = LidmaatschapFactory(partner=organisatie)
    pk = lid.pk

    memberships.remove(lidmaatschap=lid, door=door)

    assert not Lidmaatschap.objects.filter(pk=pk).exists()
    removal = Lidmaatschap.history.filter(id=pk).first()
    assert removal.history_type == "-"
    assert removal.history_user == door
    assert removal.partner_id == organisatie.pk


def test_the_last_beheerder_cannot_be_demoted_or_removed(organisatie):
    enige = LidmaatschapFactory(partner=organisatie, rol=BEHEERDER)
    LidmaatschapFactory(partner=organisatie, rol=MEDEWERKER)

    with pytest.raises(memberships.LastBeheerder):
        memberships.change_role(lidmaatschap=enige, rol=MEDEWERKER, door=enige.user)
    with pytest.raises(memberships.LastBeheerder):
        memberships.remove(lidmaatschap=enige, door=enige.user)

    enige.refresh_from_db()
    assert enige.rol == BEHEERDER


def test_a_beheerder_can_go_when_another_remains(organisatie):
    eerste = LidmaatschapFactory(partner=organisatie, rol=BEHEERDER)
    tweede = LidmaatschapFactory(partner=organisatie, rol=BEHEERDER)

    memberships.change_role(lidmaatschap=eerste, rol=MEDEWERKER, door=eerste.user)
    with pytest.raises(memberships.LastBeheerder):
        memberships.remove(lidmaatschap=tweede, door=tweede.user)


def test_a_medewerker_can_always_be_removed_even_from_an_organisation_without_beheerder(
    organisatie,
):
    lid = LidmaatschapFactory(partner=organisatie, rol=MEDEWERKER)
    memberships.remove(lidmaatschap=lid, door=UserFactory())
    assert not organisatie.lidmaatschappen.exists()


def test_an_unknown_role_is_refused(organisatie):
    lid = LidmaatschapFactory(partner=organisatie)
    with pytest.raises(ValueError):
        memberships.change_role(lidmaatschap=lid, rol="koning", door=lid.user)
