"""Expectations of the URLs of residents' reports for tests/test_beheer_authorization.py.

A report about the own place is for the people who may edit that place: the corporatie (owner)
and its beheerder, the welzijn organisation (beheerder) and the gemeente; not the zorgpartner.
The handling form posted empty answers 200 with its error. URLs for one method answer 405 to
the other before looking at the report."""

from tests.beheer_access import (
    CORPORATIE,
    GEMEENTE,
    ORGANISATIE_BEHEERDER,
    WELZIJN,
    Case,
    allowed,
    every_member,
)
from tests.factories import MeldingFactory

PLACE_EDITORS = (CORPORATIE, WELZIJN, GEMEENTE, ORGANISATIE_BEHEERDER)


def extend_world(world):
    world.eigen_melding = MeldingFactory(locatie=world.eigen_locatie)
    world.andere_melding = MeldingFactory(locatie=world.andere_locatie)


def _pk(world, which):
    return {"pk": (world.eigen_melding if which == "eigen" else world.andere_melding).pk}


CASES = {
    "meldingen": Case(get=every_member(200), post=every_member(405)),
    "melding": Case(
        kwargs=_pk,
        get=allowed(200, *PLACE_EDITORS),
        post=every_member(405),
        other_post=every_member(405),
    ),
    "melding_afhandelen": Case(
        kwargs=_pk,
        get=every_member(405),
        post=allowed(200, *PLACE_EDITORS),
        other_get=every_member(405),
    ),
}
