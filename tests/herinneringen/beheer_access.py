"""Authorization expectations for the reminders' portal URLs (herinneringen/views.py); read by
tests/test_beheer_authorization.py.

Choices: every signed-in person has their own (a form without data answers 200 with errors).
The "klopt nog" link: the token is the proof, so the person it was made for (the corporatie's
medewerker, for the own place) uses it signed in or not; anyone else signed in gets 403. A link
for a place that person cannot edit (the other place) is 404 for them and for an anonymous
visitor, and 403 for anyone else signed in, who is refused before the place is looked up.
"""

from herinneringen import kloptnog
from tests.beheer_access import ANONIEM, CORPORATIE, SIGNED_IN, Case, every_member


def _token(world, which):
    return {
        "token": kloptnog.make_token(user=world.users[CORPORATIE], locatie=world.locatie(which))
    }


def _link(owner_status: int) -> dict[str, int]:
    return {
        ANONIEM: owner_status,
        **{role: (owner_status if role == CORPORATIE else 403) for role in SIGNED_IN},
    }


CASES = {
    "herinneringen_voorkeuren": Case(get=every_member(200), post=every_member(200)),
    "klopt_nog": Case(
        kwargs=_token,
        get=_link(200),
        post=_link(200),
        other_get=_link(404),
        other_post=_link(404),
    ),
}
