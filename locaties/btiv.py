"""The Btiv rule: to whom a woningcorporatie may let a meeting room.

Besluit toegelaten instellingen volkshuisvesting, as the EHA note (June 2024) summarises it:
a corporatie may let or lend an ontmoetingsruimte only to
  (a) verenigingen or stichtingen whose statutes serve the general interest only,
  (b) publiekrechtelijke lichamen, and
  (c) natural persons who use it solely for work in the public interest, not commercially.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from locaties.constants import SamenwerkingRol
from partners.constants import PartnerSoort, Rechtsvorm


def is_corporatie_ruimte(ruimte, *, op: dt.date) -> bool:
    """Whether a woningcorporatie owns the Locatie this room is in on date `op`."""
    return (
        ruimte.locatie.samenwerkingen.filter(
            rol=SamenwerkingRol.EIGENAAR, partner__soort=PartnerSoort.WONINGCORPORATIE
        )
        .filter(Q(ingangsdatum__isnull=True) | Q(ingangsdatum__lte=op))
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .exists()
    )


def btiv_refusal(huurder, *, niet_commercieel: bool) -> str | None:
    """Why a woningcorporatie may not let a meeting room to `huurder`, or None if it may."""
    if (
        huurder.rechtsvorm == Rechtsvorm.PUBLIEKRECHTELIJK
        or huurder.soort == PartnerSoort.GEMEENTE
    ):
        return None
    if huurder.rechtsvorm in (Rechtsvorm.STICHTING, Rechtsvorm.VERENIGING):
        if huurder.statuten_algemeen_belang:
            return None
        return _(
            "%(huurder)s is een %(rechtsvorm)s waarvan de statuten niet uitsluitend op het "
            "algemeen belang gericht zijn. Een woningcorporatie mag een ontmoetingsruimte alleen "
            "aan zo'n stichting of vereniging verhuren als dat wel zo is (Btiv)."
        ) % {"huurder": huurder, "rechtsvorm": huurder.get_rechtsvorm_display().lower()}
    if huurder.rechtsvorm == Rechtsvorm.NATUURLIJK_PERSOON:
        if niet_commercieel:
            return None
        return _(
            "Een woningcorporatie mag een ontmoetingsruimte alleen aan een particulier verhuren "
            "voor werkzaamheden die uitsluitend het maatschappelijk belang dienen, zonder "
            "commercieel gebruik (Btiv). Bevestig dat dit zo is."
        )
    if huurder.rechtsvorm == Rechtsvorm.ONBEKEND:
        return _(
            "De rechtsvorm van %(huurder)s is niet bekend. Vul die eerst in: een woningcorporatie "
            "mag een ontmoetingsruimte alleen verhuren aan stichtingen en verenigingen die het "
            "algemeen belang dienen, overheden en particulieren met maatschappelijke "
            "werkzaamheden (Btiv)."
        ) % {"huurder": huurder}
    return _(
        "%(huurder)s is een %(rechtsvorm)s. Een woningcorporatie mag een ontmoetingsruimte alleen "
        "verhuren aan stichtingen en verenigingen die uitsluitend het algemeen belang dienen, "
        "aan overheden en aan particulieren voor niet-commerciële maatschappelijke werkzaamheden "
        "(Btiv)."
    ) % {"huurder": huurder, "rechtsvorm": huurder.get_rechtsvorm_display().lower()}


def check_verhuur(*, ruimte, huurder, niet_commercieel: bool, ingangsdatum: dt.date) -> None:
    """Raise ValidationError with the reason when letting `ruimte` to `huurder` from
    `ingangsdatum` breaks the Btiv: the owner on that date decides whether the rule applies."""
    if not is_corporatie_ruimte(ruimte, op=ingangsdatum):
        return
    refusal = btiv_refusal(huurder, niet_commercieel=niet_commercieel)
    if refusal:
        raise ValidationError({"huurder": ValidationError(refusal, code="btiv")})
