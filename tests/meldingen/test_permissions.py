"""Who may read and handle residents' reports (partners/permissions.py: handleable_meldingen)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from locaties.constants import SamenwerkingRol
from partners import permissions
from tests.factories import ActiviteitFactory, LocatieFactory, MeldingFactory, SamenwerkingFactory

pytestmark = pytest.mark.django_db


def partner_of(user):
    return user.lidmaatschappen.get().partner


@pytest.fixture
def plek(gemeente, corporatie_medewerker, welzijn_medewerker):
    """A published place in Apeldoorn owned by the corporatie, run by the welzijn organisation."""
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(corporatie_medewerker), rol=SamenwerkingRol.EIGENAAR
    )
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(welzijn_medewerker), rol=SamenwerkingRol.BEHEERDER
    )
    return locatie


@pytest.mark.parametrize(
    "persona, may_handle",
    [
        ("corporatie_medewerker", True),  # eigenaar: edits the place
        ("welzijn_medewerker", True),  # beheerder: edits the place
        ("zorg_medewerker", False),  # no Samenwerking
        ("gemeente_medewerker", True),  # own gemeente
        ("buitenstaander", False),  # another gemeente's organisation
    ],
)
def test_who_may_handle_a_report_about_a_place(request, plek, persona, may_handle):
    melding = MeldingFactory(locatie=plek)
    user = request.getfixturevalue(persona)
    assert permissions.can_handle_melding(user, melding) is may_handle
    assert (melding in permissions.handleable_meldingen(user)) is may_handle


def test_the_organiser_of_an_activity_handles_reports_about_it_but_not_about_the_place(
    plek, zorg_medewerker
):
    zorg = partner_of(zorg_medewerker)
    SamenwerkingFactory(locatie=plek, partner=zorg, rol=SamenwerkingRol.ZORGPARTNER)
    activiteit = ActiviteitFactory(locatie=plek, organisator=zorg)
    over_activiteit = MeldingFactory(locatie=plek, activiteit=activiteit)
    MeldingFactory(locatie=plek)  # about the place: not theirs
    assert list(permissions.handleable_meldingen(zorg_medewerker)) == [over_activiteit]


def test_the_places_editors_also_handle_reports_about_its_activities(plek, welzijn_medewerker):
    activiteit = ActiviteitFactory(locatie=plek)  # organised by an organisation of its own
    melding = MeldingFactory(locatie=plek, activiteit=activiteit)
    assert permissions.can_handle_melding(welzijn_medewerker, melding)


def test_anonymous_visitors_and_people_without_organisation_handle_nothing(
    plek, django_user_model
):
    MeldingFactory(locatie=plek)
    assert not permissions.handleable_meldingen(AnonymousUser()).exists()
    outsider = django_user_model.objects.create_user("los@example.org", "x" * 14)
    assert not permissions.handleable_meldingen(outsider).exists()


def test_the_notification_goes_to_active_handlers_only(
    plek, corporatie_medewerker, welzijn_medewerker, gemeente_medewerker, buitenstaander
):
    welzijn_medewerker.is_active = False
    welzijn_medewerker.save()
    melding = MeldingFactory(locatie=plek)
    handlers = permissions.melding_handlers(melding)
    assert [user.email for user in handlers] == ["corporatie@example.org", "gemeente@example.org"]
