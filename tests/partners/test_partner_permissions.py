"""Who sees and manages which organisations (partners/permissions.py), per persona."""

import pytest
from django.db.models import Count

from partners import permissions
from partners.constants import LidmaatschapRol
from tests.factories import GemeenteFactory, LidmaatschapFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def partner_of(user):
    return user.lidmaatschappen.get().partner


def test_members_see_their_own_organisation_and_gemeente_staff_every_one_in_their_gemeente(
    gemeente_medewerker, welzijn_medewerker, corporatie_medewerker, buitenstaander
):
    stimenz, woonmensen = partner_of(welzijn_medewerker), partner_of(corporatie_medewerker)
    elders = partner_of(buitenstaander)

    assert set(permissions.visible_partners(welzijn_medewerker)) == {stimenz}
    gemeente_ziet = set(permissions.visible_partners(gemeente_medewerker))
    assert {stimenz, woonmensen, partner_of(gemeente_medewerker)} <= gemeente_ziet
    assert elders not in gemeente_ziet
    assert not permissions.visible_partners(UserFactory()).exists()


def test_only_the_beheerder_and_the_gemeente_manage_members(
    gemeente_medewerker, welzijn_medewerker, buitenstaander
):
    stimenz = partner_of(welzijn_medewerker)
    beheerder = LidmaatschapFactory(partner=stimenz, rol=LidmaatschapRol.BEHEERDER).user

    managers = [
        user
        for user in (gemeente_medewerker, welzijn_medewerker, buitenstaander, beheerder)
        if permissions.member_manageable_partners(user).filter(pk=stimenz.pk).exists()
    ]
    assert managers == [gemeente_medewerker, beheerder]


def test_rights_are_annotated_once_per_row_and_counting_stays_right(
    gemeente, gemeente_medewerker, welzijn_medewerker
):
    stimenz = partner_of(welzijn_medewerker)
    stimenz.werkgebied.add(GemeenteFactory())  # a second werkgebied row must not double it
    LidmaatschapFactory(partner=stimenz)

    rows = permissions.with_partner_rights(
        permissions.visible_partners(gemeente_medewerker), gemeente_medewerker
    ).annotate(aantal_leden=Count("lidmaatschappen"))
    row = rows.get(pk=stimenz.pk)

    assert row.aantal_leden == 2
    assert row.kan_leden_beheren and row.kan_bewerken
    assert rows.filter(pk=stimenz.pk).count() == 1


def test_gemeente_staff_choose_only_their_own_gemeente_for_a_werkgebied(
    gemeente, andere_gemeente, gemeente_medewerker, welzijn_medewerker
):
    assert list(permissions.werkgebied_choices(gemeente_medewerker)) == [gemeente]
    assert not permissions.werkgebied_choices(welzijn_medewerker).exists()


def test_a_partner_without_werkgebied_in_the_gemeente_is_not_the_gemeentes(gemeente_medewerker):
    los = PartnerFactory()
    assert not permissions.visible_partners(gemeente_medewerker).filter(pk=los.pk).exists()
    assert not permissions.can_manage_members(gemeente_medewerker, los)
