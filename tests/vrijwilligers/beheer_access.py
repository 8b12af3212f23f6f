"""Expectations of the volunteer URLs for tests/test_beheer_authorization.py.

Vacatures, residents' requests and answers (with the residents' contact details) are for the
organisations working at the place: the corporatie (eigenaar) and its beheerder, the welzijn
organisation (beheerder) and the zorgpartner. The gemeente, which has no Samenwerking at the
own place, gets a 404 there: it sees counts only (the overview and the figures answer every
member). Another organisation's records answer 404 to everyone. Forms posted empty answer 200
with their errors."""

from tests.beheer_access import (
    CORPORATIE,
    ORGANISATIE_BEHEERDER,
    WELZIJN,
    ZORG,
    Case,
    allowed,
    every_member,
)
from tests.factories import HulpvraagFactory, ReactieFactory, VacatureFactory

WORKING_THERE = (CORPORATIE, ZORG, WELZIJN, ORGANISATIE_BEHEERDER)


def extend_world(world):
    world.eigen_vacature = VacatureFactory(locatie=world.eigen_locatie)
    world.andere_vacature = VacatureFactory(locatie=world.andere_locatie)
    world.eigen_reactie = ReactieFactory(vacature=world.eigen_vacature)
    world.andere_reactie = ReactieFactory(vacature=world.andere_vacature)
    world.eigen_hulpvraag = HulpvraagFactory(locatie=world.eigen_locatie)
    world.andere_hulpvraag = HulpvraagFactory(locatie=world.andere_locatie)


def _pk(kind):
    def kwargs(world, which):
        return {"pk": getattr(world, f"{which if which == 'eigen' else 'andere'}_{kind}").pk}

    return kwargs


CASES = {
    "vrijwilligers": Case(get=every_member(200), post=every_member(405)),
    "vrijwilligers_cijfers": Case(get=every_member(200), post=every_member(405)),
    "vrijwilligers_vacature_nieuw": Case(get=every_member(200), post=every_member(200)),
    "vrijwilligers_vacature": Case(
        kwargs=_pk("vacature"),
        get=allowed(200, *WORKING_THERE),
        post=allowed(200, *WORKING_THERE),
    ),
    "vrijwilligers_reactie": Case(
        kwargs=_pk("reactie"),
        get=allowed(200, *WORKING_THERE),
        post=allowed(200, *WORKING_THERE),
    ),
    "vrijwilligers_hulpvraag": Case(
        kwargs=_pk("hulpvraag"),
        get=allowed(200, *WORKING_THERE),
        post=allowed(200, *WORKING_THERE),
    ),
}
