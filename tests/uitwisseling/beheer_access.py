"""Expectations of the authorization matrix (tests/test_beheer_authorization.py) for the
import and export pages (uitwisseling/views.py).

Every persona can register places or edit some (the World has no zorgkantoor persona), so
everyone signed in uses the upload page; a POST without a file answers 200 with the form's
error. An uploaded file ("eigen") belongs to the gemeente persona: only its owner sees its
preview and result, anyone else gets 404, as for another person's file ("ander").
"""

from locaties.constants import LocatieStatus
from tests.beheer_access import GEMEENTE, Case, allowed, every_member
from uitwisseling.models import Importbestand

READ_ONLY_POST = every_member(405)


def extend_world(world):
    def bestand(user, **kwargs):
        return Importbestand.objects.create(
            eigenaar=user,
            bestandsnaam="lijst.xlsx",
            inhoud=b"",
            status_nieuw=LocatieStatus.CONCEPT,
            verslag={"bestandsnaam": "lijst.xlsx", "proef": True, "fouten": [],
                     "waarschuwingen": [], "rijen": []},
            **kwargs,
        )  # fmt: skip

    world.eigen_importbestand = bestand(world.users[GEMEENTE])
    world.ander_importbestand = bestand(world.andere_organisatie_beheerder)


def _token(world, which):
    return {"token": getattr(world, f"{which}_importbestand").token}


CASES = {
    "uitwisseling_importeren": Case(get=every_member(200), post=every_member(200)),
    # The preview of a file with nothing to change: a POST runs it again and shows it (200);
    # an empty file stored there cannot be read, answered as missing (404).
    "uitwisseling_controle": Case(
        kwargs=_token, get=allowed(200, GEMEENTE), post=allowed(404, GEMEENTE)
    ),
    # Not yet carried out: the result page sends its owner to the preview.
    "uitwisseling_resultaat": Case(
        kwargs=_token,
        get=allowed(302, GEMEENTE),
        post=READ_ONLY_POST,
        other_post=READ_ONLY_POST,
    ),
    "uitwisseling_sjabloon": Case(get=every_member(200), post=READ_ONLY_POST),
    "uitwisseling_xlsx": Case(get=every_member(200), post=READ_ONLY_POST),
    "uitwisseling_csv": Case(get=every_member(200), post=READ_ONLY_POST),
}
