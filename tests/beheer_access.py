"""The staff portal's authorization matrix: for every URL in the "beheer" namespace, the status
each role gets on GET and POST, for an object of their own and one of another organisation.

tests/test_beheer_authorization.py reads the expectations from every `tests/<app>/beheer_access.py`
module and fails for a portal URL that has none. Such a module defines

    CASES = {
        "locatie_bewerken": Case(
            kwargs=lambda world, which: {"slug": world.locatie(which).slug},
            get=allowed(200, CORPORATIE, WELZIJN, GEMEENTE, ORGANISATIE_BEHEERDER),
            post=allowed(200, CORPORATIE, WELZIJN, GEMEENTE, ORGANISATIE_BEHEERDER),
        ),
    }

and, when its URLs need objects the shared World lacks, `def extend_world(world): ...` that
adds them as attributes (one of the persona's own, "eigen", and one of another gemeente's
organisation, "ander").

`get`/`post` give the statuses on the persona's own object (or on a URL without object);
`other_get`/`other_post` those on the other organisation's object, by default 404 for every
signed-in role. Anonymous visitors are sent to the login page (302) unless a Case says otherwise.
POSTs carry `data(world, which)` (default: nothing), so a form answers 200 with its errors.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from locaties.constants import LocatieStatus, SamenwerkingRol
from partners.constants import LidmaatschapRol
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)

ANONIEM = "anoniem"
CORPORATIE = "corporatie"  # medewerker of the corporatie that owns the own place
ZORG = "zorg"  # medewerker of a zorgorganisatie that is zorgpartner at the own place
WELZIJN = "welzijn"  # medewerker of the welzijn organisation that runs the own place
GEMEENTE = "gemeente"  # medewerker of the gemeente the own place lies in
ORGANISATIE_BEHEERDER = "organisatie_beheerder"  # beheerder of the corporatie
ANDERE_GEMEENTE = "andere_gemeente"  # medewerker of a third gemeente: an outsider to both places
# Time-bound Samenwerkingen at the own place give no rights outside their dates:
BEEINDIGD = "beeindigd"  # beheerder of a corporatie whose eigenaar role there ended yesterday
TOEKOMSTIG = "toekomstig"  # beheerder of a welzijn organisation that runs it from tomorrow

SIGNED_IN = (
    CORPORATIE,
    ZORG,
    WELZIJN,
    GEMEENTE,
    ORGANISATIE_BEHEERDER,
    ANDERE_GEMEENTE,
    BEEINDIGD,
    TOEKOMSTIG,
)
ROLES = (ANONIEM, *SIGNED_IN)
LOGIN_REDIRECT = 302


def allowed(status: int, *roles: str, others: int = 404) -> dict[str, int]:
    """`status` for the given roles, `others` for the other signed-in roles, 302 anonymous."""
    return {
        ANONIEM: LOGIN_REDIRECT,
        **{role: (status if role in roles else others) for role in SIGNED_IN},
    }


def every_member(status: int) -> dict[str, int]:
    return allowed(status, *SIGNED_IN)


NOBODY = allowed(404)


@dataclass(frozen=True)
class Case:
    get: dict[str, int]
    post: dict[str, int]
    kwargs: Callable | None = None  # (world, "eigen" | "ander") -> URL kwargs
    other_get: dict[str, int] = field(default_factory=lambda: NOBODY)
    other_post: dict[str, int] = field(default_factory=lambda: NOBODY)
    data: Callable | None = None  # (world, "eigen" | "ander") -> POST data


class World:
    """Two gemeenten, each with a place and an activity; the personas of ROLES.

    The own place ("eigen") lies in Apeldoorn: the corporatie is eigenaar, the welzijn
    organisation beheerder and organiser of its activity, the zorgorganisatie zorgpartner.
    The other place ("ander") lies in Zeist and is run by an organisation working only there;
    Zeist's own officers are no persona. The ANDERE_GEMEENTE persona works for Purmerend.
    Two more organisations working in Apeldoorn had or will have a role at the own place: a
    corporatie whose eigenaar Samenwerking ended yesterday (BEEINDIGD) and a welzijn
    organisation that becomes beheerder tomorrow (TOEKOMSTIG); the latter organises an
    activity there too. Their beheerders get what any member gets, nothing of the place.
    """

    def __init__(self):
        self.gemeente = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
        self.andere_gemeente = GemeenteFactory(naam="Zeist", cbs_code="GM0355", slug="zeist")
        self.corporatie = PartnerFactory(
            corporatie=True, naam="De Woonmensen", werkgebied=[self.gemeente]
        )
        self.zorg = PartnerFactory(zorg=True, naam="Zorg De Linde", werkgebied=[self.gemeente])
        self.welzijn = PartnerFactory(naam="Stimenz", werkgebied=[self.gemeente])
        self.gemeentepartner = PartnerFactory(
            gemeentepartner=True, gemeente=self.gemeente, werkgebied=[self.gemeente]
        )
        self.andere_gemeentepartner = PartnerFactory(
            gemeentepartner=True,
            gemeente=self.andere_gemeente,
            werkgebied=[self.andere_gemeente],
        )
        self.derde_gemeente = GemeenteFactory(
            naam="Purmerend", cbs_code="GM0439", slug="purmerend"
        )
        self.derde_gemeentepartner = PartnerFactory(
            gemeentepartner=True,
            gemeente=self.derde_gemeente,
            werkgebied=[self.derde_gemeente],
        )
        self.andere_organisatie = PartnerFactory(
            naam="Welzijn Zeist", werkgebied=[self.andere_gemeente]
        )
        self.andere_organisatie_beheerder = LidmaatschapFactory(
            partner=self.andere_organisatie, rol=LidmaatschapRol.BEHEERDER
        ).user

        self.users = {
            CORPORATIE: LidmaatschapFactory(partner=self.corporatie).user,
            ZORG: LidmaatschapFactory(partner=self.zorg).user,
            WELZIJN: LidmaatschapFactory(partner=self.welzijn).user,
            GEMEENTE: LidmaatschapFactory(partner=self.gemeentepartner).user,
            ORGANISATIE_BEHEERDER: LidmaatschapFactory(
                partner=self.corporatie, rol=LidmaatschapRol.BEHEERDER
            ).user,
            ANDERE_GEMEENTE: LidmaatschapFactory(partner=self.derde_gemeentepartner).user,
        }
        vandaag = timezone.localdate()
        self.beeindigde_corporatie = PartnerFactory(
            corporatie=True, naam="Ons Huis", werkgebied=[self.gemeente]
        )
        self.toekomstige_welzijn = PartnerFactory(
            naam="Welzijn Morgen", werkgebied=[self.gemeente]
        )
        self.users[BEEINDIGD] = LidmaatschapFactory(
            partner=self.beeindigde_corporatie, rol=LidmaatschapRol.BEHEERDER
        ).user
        self.users[TOEKOMSTIG] = LidmaatschapFactory(
            partner=self.toekomstige_welzijn, rol=LidmaatschapRol.BEHEERDER
        ).user

        self.eigen_locatie = LocatieFactory(
            gemeente=self.gemeente, status=LocatieStatus.TER_BEOORDELING
        )
        for partner, rol in [
            (self.corporatie, SamenwerkingRol.EIGENAAR),
            (self.welzijn, SamenwerkingRol.BEHEERDER),
            (self.zorg, SamenwerkingRol.ZORGPARTNER),
        ]:
            SamenwerkingFactory(locatie=self.eigen_locatie, partner=partner, rol=rol)
        SamenwerkingFactory(
            locatie=self.eigen_locatie,
            partner=self.beeindigde_corporatie,
            rol=SamenwerkingRol.EIGENAAR,
            ingangsdatum=vandaag - dt.timedelta(days=365),
            einddatum=vandaag - dt.timedelta(days=1),
        )
        SamenwerkingFactory(
            locatie=self.eigen_locatie,
            partner=self.toekomstige_welzijn,
            rol=SamenwerkingRol.BEHEERDER,
            ingangsdatum=vandaag + dt.timedelta(days=1),
        )
        self.andere_locatie = LocatieFactory(
            gemeente=self.andere_gemeente, status=LocatieStatus.TER_BEOORDELING
        )
        SamenwerkingFactory(
            locatie=self.andere_locatie,
            partner=self.andere_organisatie,
            rol=SamenwerkingRol.BEHEERDER,
        )
        self.eigen_activiteit = ActiviteitFactory(
            locatie=self.eigen_locatie, organisator=self.welzijn
        )
        self.andere_activiteit = ActiviteitFactory(
            locatie=self.andere_locatie, organisator=self.andere_organisatie
        )
        self.toekomstige_activiteit = ActiviteitFactory(
            locatie=self.eigen_locatie, organisator=self.toekomstige_welzijn
        )

    def locatie(self, which: str):
        return self.eigen_locatie if which == "eigen" else self.andere_locatie

    def activiteit(self, which: str):
        return self.eigen_activiteit if which == "eigen" else self.andere_activiteit

    def organisatie(self, which: str):
        """The own organisation is the corporatie (its beheerder is a persona)."""
        return self.corporatie if which == "eigen" else self.andere_organisatie
