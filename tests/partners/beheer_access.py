"""Authorization expectations for the portal's organisation, member, invitation and account
URLs (partners/beheer_views.py); read by tests/test_beheer_authorization.py.

The own organisation is the corporatie: its members see it, its beheerder and the gemeente's
staff (it works in their gemeente) manage its members and details. Only gemeente staff add
organisations. Read pages answer 405 to POST, actions answer 405 to GET (for anyone: the
method is checked before anything else).
"""

from partners.constants import LidmaatschapRol
from tests.beheer_access import (
    ANDERE_GEMEENTE,
    CORPORATIE,
    GEMEENTE,
    NOBODY,
    ORGANISATIE_BEHEERDER,
    ROLES,
    Case,
    allowed,
    every_member,
)
from tests.factories import LidmaatschapFactory, UitnodigingFactory

MEMBERS_OF_OWN = (CORPORATIE, ORGANISATIE_BEHEERDER, GEMEENTE)
MANAGERS_OF_OWN = (ORGANISATIE_BEHEERDER, GEMEENTE)
GET_REFUSED = dict.fromkeys(ROLES, 405)


def extend_world(world):
    """An extra colleague and an open invitation in each organisation, so the member and
    invitation actions have something of their own to act on."""
    world.partners_lid = {
        which: LidmaatschapFactory(
            partner=world.organisatie(which), rol=LidmaatschapRol.MEDEWERKER
        )
        for which in ("eigen", "ander")
    }
    world.partners_uitnodiging = {
        which: UitnodigingFactory(partner=world.organisatie(which)) for which in ("eigen", "ander")
    }


def _partner(world, which):
    return {"slug": world.organisatie(which).slug}


def _lid(world, which):
    return {"slug": world.organisatie(which).slug, "pk": world.partners_lid[which].pk}


def _uitnodiging(world, which):
    return {
        "slug": world.organisatie(which).slug,
        "pk": world.partners_uitnodiging[which].pk,
    }


CASES = {
    "organisaties": Case(get=every_member(200), post=every_member(405)),
    "organisatie": Case(
        kwargs=_partner,
        get=allowed(200, *MEMBERS_OF_OWN),
        post=every_member(405),
        other_post=every_member(405),
    ),
    "organisatie_nieuw": Case(
        get=allowed(200, GEMEENTE, ANDERE_GEMEENTE),
        post=allowed(200, GEMEENTE, ANDERE_GEMEENTE),  # empty form: errors
    ),
    "organisatie_bewerken": Case(
        kwargs=_partner,
        get=allowed(200, *MANAGERS_OF_OWN),
        post=allowed(200, *MANAGERS_OF_OWN),  # empty form: errors
    ),
    "uitnodigen": Case(
        kwargs=_partner,
        get=allowed(200, *MANAGERS_OF_OWN),
        post=allowed(200, *MANAGERS_OF_OWN),  # empty form: errors
    ),
    "uitnodiging_intrekken": Case(
        kwargs=_uitnodiging,
        get=GET_REFUSED,
        post=allowed(302, *MANAGERS_OF_OWN),
        other_get=GET_REFUSED,
        other_post=NOBODY,
    ),
    "uitnodiging_opnieuw": Case(
        kwargs=_uitnodiging,
        get=GET_REFUSED,
        post=allowed(302, *MANAGERS_OF_OWN),
        other_get=GET_REFUSED,
        other_post=NOBODY,
    ),
    "lid_rol": Case(
        kwargs=_lid,
        get=GET_REFUSED,
        post=allowed(302, *MANAGERS_OF_OWN),
        other_get=GET_REFUSED,
        other_post=NOBODY,
        data=lambda world, which: {"rol": LidmaatschapRol.BEHEERDER},
    ),
    "lid_verwijderen": Case(
        kwargs=_lid,
        get=GET_REFUSED,
        post=allowed(302, *MANAGERS_OF_OWN),
        other_get=GET_REFUSED,
        other_post=NOBODY,
    ),
    "account": Case(get=every_member(200), post=every_member(405)),
}
