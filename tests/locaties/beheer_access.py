"""Expectations of the authorization matrix (tests/test_beheer_authorization.py) for the
portal's pages for places: the start page, lists, a place's page and everything that edits it.

Editors of the own place are the corporatie (eigenaar), the welzijn organisation (beheerder)
and the gemeente; the zorgorganisatie (zorgpartner) reads. Only gemeente staff review.
"""

from kern.models import Taak
from tests.beheer_access import (
    ANDERE_GEMEENTE,
    CORPORATIE,
    GEMEENTE,
    ORGANISATIE_BEHEERDER,
    ROLES,
    WELZIJN,
    ZORG,
    Case,
    allowed,
    every_member,
)
from tests.factories import FinancieringFactory, RuimteFactory

EDITORS = (CORPORATIE, WELZIJN, GEMEENTE, ORGANISATIE_BEHEERDER)
READERS = (*EDITORS, ZORG)
REVIEWERS = (GEMEENTE, ANDERE_GEMEENTE)

# A page that only reads answers 405 to a POST from anyone signed in, before any lookup.
READ_ONLY_POST = every_member(405)
# POST-only actions answer 405 to a GET from anyone, signed in or not.
POST_ONLY_GET = dict.fromkeys(ROLES, 405)


def extend_world(world):
    """A room (for rent) and a financing line at both places."""
    for which in ("eigen", "ander"):
        locatie = world.locatie(which)
        setattr(world, f"{which}_ruimte", RuimteFactory(locatie=locatie, verhuurbaar=True))
        setattr(world, f"{which}_financiering", FinancieringFactory(locatie=locatie))


def _slug(world, which):
    return {"slug": world.locatie(which).slug}


def _child(attribute):
    def kwargs(world, which):
        return {"slug": world.locatie(which).slug, "pk": getattr(world, f"{which}_{attribute}").pk}

    return kwargs


def _samenwerking(world, which):
    return {
        "slug": world.locatie(which).slug,
        "pk": world.locatie(which).samenwerkingen.first().pk,
    }


def _edit_page(kwargs):
    """An edit form: editors of the own place get it; an empty POST shows the errors."""
    return Case(kwargs=kwargs, get=allowed(200, *EDITORS), post=allowed(200, *EDITORS))


def _action(status, *roles, data=None):
    return Case(
        kwargs=_slug,
        get=POST_ONLY_GET,
        post=allowed(status, *roles),
        other_get=POST_ONLY_GET,
        data=data,
    )


CASES = {
    "start": Case(get=every_member(200), post=READ_ONLY_POST),
    "locaties": Case(get=every_member(200), post=READ_ONLY_POST),
    "beoordelen": Case(get=allowed(200, *REVIEWERS), post=READ_ONLY_POST),
    "locatie_nieuw": Case(get=every_member(200), post=every_member(200)),
    "locatie": Case(
        kwargs=_slug,
        get=allowed(200, *READERS),
        post=READ_ONLY_POST,
        other_post=READ_ONLY_POST,
    ),
    "locatie_bewerken": _edit_page(_slug),
    "locatie_tijden": _edit_page(_slug),
    "ruimte_nieuw": _edit_page(_slug),
    "ruimte_bewerken": _edit_page(_child("ruimte")),
    "verhuur_nieuw": _edit_page(_child("ruimte")),
    "samenwerking_nieuw": _edit_page(_slug),
    "samenwerking_bewerken": _edit_page(_samenwerking),
    "financiering_nieuw": _edit_page(_slug),
    "financiering_bewerken": _edit_page(_child("financiering")),
    # The own place is ter beoordeling: submitting again is refused with a message (302).
    "locatie_indienen": _action(302, *EDITORS),
    "locatie_status": _action(302, GEMEENTE, data=lambda world, which: {"status": "gepubliceerd"}),
    "locatie_bevestigen": _action(302, *EDITORS),
}

# Wijken (locaties/wijken_views.py): anyone whose organisation works in a gemeente reads its
# wijken (each persona works somewhere: the page shows their own gemeente); importing wijken is
# for the gemeente's own staff. Coverage and risks: tests/dekking/beheer_access.py.
CASES.update(
    {
        "wijken": Case(get=every_member(200), post=READ_ONLY_POST),
        "wijken_importeren": Case(
            get=allowed(200, GEMEENTE, ANDERE_GEMEENTE),
            post=allowed(200, GEMEENTE, ANDERE_GEMEENTE),
        ),
    }
)

# A background job's progress (ontmoeting/beheer_views.py: taak): only for who started it.


def _taak(world, which):
    door = world.users[GEMEENTE] if which == "eigen" else world.andere_organisatie_beheerder
    return {"pk": Taak.objects.create(soort="wijkimport", gestart_door=door).pk}


CASES["taak"] = Case(
    kwargs=_taak, get=allowed(200, GEMEENTE), post=READ_ONLY_POST, other_post=READ_ONLY_POST
)
