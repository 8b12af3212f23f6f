"""The rules of partners/permissions.py, per persona (tests/conftest.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from locaties.constants import LocatieStatus, SamenwerkingRol
from partners import permissions
from partners.constants import LidmaatschapRol
from tests.factories import (
    ActiviteitFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def partner_of(user):
    return user.lidmaatschappen.get().partner


@pytest.fixture
def plek(gemeente, corporatie_medewerker, welzijn_medewerker):
    """A concept place in Apeldoorn owned by the corporatie, run by the welzijn organisation."""
    locatie = LocatieFactory(gemeente=gemeente)
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(corporatie_medewerker), rol=SamenwerkingRol.EIGENAAR
    )
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(welzijn_medewerker), rol=SamenwerkingRol.BEHEERDER
    )
    return locatie


def test_role_constants_match_the_samenwerking_roles():
    assert permissions.ROL_EIGENAAR == SamenwerkingRol.EIGENAAR
    assert permissions.ROL_BEHEERDER == SamenwerkingRol.BEHEERDER
    assert permissions.ROL_FINANCIER == SamenwerkingRol.FINANCIER


@pytest.mark.parametrize(
    "persona, may_edit",
    [
        ("corporatie_medewerker", True),  # eigenaar
        ("welzijn_medewerker", True),  # beheerder
        ("zorg_medewerker", False),  # no Samenwerking
        ("gemeente_medewerker", True),  # own gemeente
        ("buitenstaander", False),  # another gemeente's organisation
    ],
)
def test_who_may_edit_a_place(request, plek, persona, may_edit):
    user = request.getfixturevalue(persona)
    assert permissions.can_edit_locatie(user, plek) is may_edit
    assert (plek in permissions.editable_locaties(user)) is may_edit


def test_a_zorgpartner_sees_the_place_in_the_portal_but_may_not_edit_it(plek, zorg_medewerker):
    SamenwerkingFactory(
        locatie=plek, partner=partner_of(zorg_medewerker), rol=SamenwerkingRol.ZORGPARTNER
    )
    assert plek in permissions.portal_locaties(zorg_medewerker)
    assert not permissions.can_edit_locatie(zorg_medewerker, plek)


def test_a_corporatie_that_is_only_a_vaste_gebruiker_may_not_edit(gemeente, corporatie_medewerker):
    locatie = LocatieFactory(gemeente=gemeente)
    SamenwerkingFactory(
        locatie=locatie,
        partner=partner_of(corporatie_medewerker),
        rol=SamenwerkingRol.VASTE_GEBRUIKER,
    )
    assert not permissions.can_edit_locatie(corporatie_medewerker, locatie)


def test_a_welzijn_organisation_that_is_eigenaar_still_needs_to_be_beheerder(
    gemeente, welzijn_medewerker
):
    locatie = LocatieFactory(gemeente=gemeente)
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(welzijn_medewerker), rol=SamenwerkingRol.EIGENAAR
    )
    assert not permissions.can_edit_locatie(welzijn_medewerker, locatie)


def test_only_gemeente_staff_of_the_own_gemeente_review(plek, request):
    assert permissions.can_review_locatie(request.getfixturevalue("gemeente_medewerker"), plek)
    for persona in ("corporatie_medewerker", "welzijn_medewerker", "buitenstaander"):
        assert not permissions.can_review_locatie(request.getfixturevalue(persona), plek)


def test_anonymous_visitors_see_published_places_only(gemeente):
    published = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    LocatieFactory(gemeente=gemeente)
    anonymous = AnonymousUser()
    assert list(permissions.visible_locaties(anonymous)) == [published]
    assert not permissions.editable_locaties(anonymous).exists()
    assert not permissions.is_member(anonymous)


def test_staff_see_their_concepts_and_all_published_places(plek, buitenstaander, gemeente):
    published = LocatieFactory(gemeente=gemeente, status=LocatieStatus.GEPUBLICEERD)
    assert set(permissions.visible_locaties(buitenstaander)) == {published}


def test_rights_annotation_agrees_with_the_checks(plek, welzijn_medewerker, gemeente):
    other = LocatieFactory(gemeente=gemeente)
    rows = permissions.with_locatie_rights(
        type(plek).objects.filter(pk__in=[plek.pk, other.pk]), welzijn_medewerker
    )
    rights = {row.pk: (row.kan_bewerken, row.kan_beoordelen) for row in rows}
    assert rights == {plek.pk: (True, False), other.pk: (False, False)}


def test_the_registering_role_follows_the_kind_of_organisation(gemeente):
    assert permissions.registration_role(PartnerFactory(corporatie=True)) == "eigenaar"
    assert permissions.registration_role(PartnerFactory()) == "beheerder"
    assert permissions.registration_role(PartnerFactory(gemeentepartner=True)) is None


def test_activities_are_edited_by_their_organiser_where_it_works(plek, request):
    welzijn = request.getfixturevalue("welzijn_medewerker")
    corporatie = request.getfixturevalue("corporatie_medewerker")
    eigen = ActiviteitFactory(locatie=plek, organisator=partner_of(welzijn))
    van_een_ander = ActiviteitFactory(locatie=plek, organisator=PartnerFactory())
    assert permissions.can_edit_activiteit(welzijn, eigen)
    assert not permissions.can_edit_activiteit(welzijn, van_een_ander)
    assert not permissions.can_edit_activiteit(corporatie, eigen)
    gemeente_medewerker = request.getfixturevalue("gemeente_medewerker")
    assert permissions.can_edit_activiteit(gemeente_medewerker, van_een_ander)
    assert not permissions.can_edit_activiteit(request.getfixturevalue("buitenstaander"), eigen)


def test_an_organiser_without_samenwerking_at_the_place_may_not_edit(gemeente, welzijn_medewerker):
    activiteit = ActiviteitFactory(
        locatie=LocatieFactory(gemeente=gemeente), organisator=partner_of(welzijn_medewerker)
    )
    assert not permissions.can_edit_activiteit(welzijn_medewerker, activiteit)


def test_members_are_managed_by_the_organisation_beheerder_and_the_gemeente(
    gemeente, gemeente_medewerker, buitenstaander
):
    organisatie = PartnerFactory(werkgebied=[gemeente])
    beheerder = LidmaatschapFactory(partner=organisatie, rol=LidmaatschapRol.BEHEERDER).user
    medewerker = LidmaatschapFactory(partner=organisatie).user
    assert permissions.can_manage_members(beheerder, organisatie)
    assert not permissions.can_manage_members(medewerker, organisatie)
    assert permissions.can_manage_members(gemeente_medewerker, organisatie)
    assert not permissions.can_manage_members(buitenstaander, organisatie)
    assert permissions.can_create_partners(gemeente_medewerker)
    assert not permissions.can_create_partners(beheerder)


def test_a_person_without_membership_is_no_member():
    assert not permissions.is_member(UserFactory())


def test_mfa_is_required_of_editors_unless_relaxed(settings, welzijn_medewerker):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    assert permissions.requires_mfa_setup(welzijn_medewerker)
    settings.MFA_REQUIRED_FOR_EDITORS = False
    assert not permissions.requires_mfa_setup(welzijn_medewerker)


def test_zorgkantoren_do_not_register_places():
    kantoor = LidmaatschapFactory(partner__soort="zorgkantoor").user
    assert not permissions.can_register_locatie(kantoor)
    assert permissions.can_register_locatie(LidmaatschapFactory().user)


def test_a_gemeente_medewerker_cannot_manage_the_members_of_their_own_gemeente(
    gemeente_medewerker, gemeente
):
    eigen_organisatie = gemeente_medewerker.lidmaatschappen.get().partner
    beheerder = LidmaatschapFactory(partner=eigen_organisatie, rol=LidmaatschapRol.BEHEERDER).user

    assert not permissions.can_manage_members(gemeente_medewerker, eigen_organisatie)
    assert permissions.can_manage_members(beheerder, eigen_organisatie)
    assert eigen_organisatie in permissions.visible_partners(gemeente_medewerker)
