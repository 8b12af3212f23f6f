"""Expectations of the activity URLs for tests/test_beheer_authorization.py.

The own activity is organised by the welzijn organisation at its place: welzijn staff and the
gemeente's officers may change it; the corporatie owns the place but not the activity, and the
zorgpartner works there but does not organise it. Forms posted empty answer 200 with their
errors; the status step redirects back with a message. POST-only URLs answer 405 to a GET
before looking at the object, so the answer tells nothing about it."""

import datetime as dt

from django.utils import timezone

from tests.beheer_access import (
    CORPORATIE,
    GEMEENTE,
    ORGANISATIE_BEHEERDER,
    WELZIJN,
    Case,
    allowed,
    every_member,
)
from tests.factories import UitzonderingFactory


def _slug(world, which):
    return {"slug": world.activiteit(which).slug}


def extend_world(world):
    for which in ("eigen", "ander"):
        activiteit = world.activiteit(which)
        datum = timezone.localdate() + dt.timedelta(days=7)
        setattr(
            world, f"{which}_uitzondering", UitzonderingFactory(activiteit=activiteit, datum=datum)
        )


def _uitzondering(world, which):
    uitzondering = getattr(world, f"{which}_uitzondering")
    return {"slug": uitzondering.activiteit.slug, "pk": uitzondering.pk}


CASES = {
    "activiteiten": Case(get=every_member(200), post=every_member(405)),
    # Everyone in an organisation may start; the place chooser lists only their own places.
    "activiteit_nieuw": Case(get=every_member(200), post=every_member(200)),
    "activiteit_bewerken": Case(
        kwargs=_slug, get=allowed(200, WELZIJN, GEMEENTE), post=allowed(200, WELZIJN, GEMEENTE)
    ),
    "activiteit_uitzondering": Case(
        kwargs=_slug,
        get=every_member(405),
        post=allowed(200, WELZIJN, GEMEENTE),
        other_get=every_member(405),
    ),
    "activiteit_uitzondering_intrekken": Case(
        kwargs=_uitzondering,
        get=every_member(405),
        post=allowed(302, WELZIJN, GEMEENTE),
        other_get=every_member(405),
    ),
    # Empty forms answer 200 with their errors.
    "activiteit_verplaatsen": Case(
        kwargs=_slug,
        get=every_member(405),
        post=allowed(200, WELZIJN, GEMEENTE),
        other_get=every_member(405),
    ),
    "activiteit_stoppen": Case(
        kwargs=_slug,
        get=every_member(405),
        post=allowed(200, WELZIJN, GEMEENTE),
        other_get=every_member(405),
    ),
    "activiteit_status": Case(
        kwargs=_slug,
        get=every_member(405),
        post=allowed(302, WELZIJN, GEMEENTE),
        other_get=every_member(405),
    ),
}

# The rooms overview: the rooms of the places one may edit (permissions.managed_ruimten; the
# World's places have a room each, tests/locaties/beheer_access.py). The corporatie owns the
# own place, the welzijn organisation runs it, the gemeente's officers edit it: they see its
# room. The zorgpartner, the other gemeente's officer and the organisations whose role ended
# or has not begun manage no room: the page does not exist for them (404). Read-only: a POST
# answers 405 to anyone signed in, before anything is looked up.
MANAGERS = allowed(200, CORPORATIE, ORGANISATIE_BEHEERDER, WELZIJN, GEMEENTE)
CASES |= {
    name: Case(get=MANAGERS, post=every_member(405))
    for name in ("ruimten", "ruimten_csv", "ruimten_xlsx")
}
