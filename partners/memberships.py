"""Changing and ending memberships. Who may do so is decided by partners/permissions.py; these
functions keep the organisation manageable: it never loses its last beheerder. Every change is
recorded in Lidmaatschap's history with the person who made it."""

from django.db import transaction
from django.utils.translation import gettext as _

from partners.constants import LidmaatschapRol
from partners.models import Lidmaatschap, User


class LastBeheerder(Exception):
    """The change would leave the organisation without a beheerder."""

    def __init__(self):
        self.message = _(
            "Een organisatie houdt altijd minstens één beheerder. Maak eerst iemand anders "
            "beheerder."
        )
        super().__init__(self.message)


def _is_last_beheerder(lidmaatschap: Lidmaatschap) -> bool:
    """Locks the organisation's beheerder memberships, so two simultaneous changes cannot each
    leave the other as the last one and then both go through."""
    beheerders = list(
        Lidmaatschap.objects.select_for_update()
        .filter(partner_id=lidmaatschap.partner_id, rol=LidmaatschapRol.BEHEERDER)
        .values_list("pk", flat=True)
    )
    return beheerders == [lidmaatschap.pk]


@transaction.atomic
def change_role(*, lidmaatschap: Lidmaatschap, rol: str, door: User) -> Lidmaatschap:
    """Give a member another role; refused when it would leave no beheerder."""
    if rol not in LidmaatschapRol.values:
        raise ValueError(f"unknown role {rol!r}")
    if rol == lidmaatschap.rol:
        return lidmaatschap
    if lidmaatschap.rol == LidmaatschapRol.BEHEERDER and _is_last_beheerder(lidmaatschap):
        raise LastBeheerder
    lidmaatschap.rol = rol
    lidmaatschap._history_user = door
    lidmaatschap.save(update_fields=["rol"])
    return lidmaatschap


@transaction.atomic
def remove(*, lidmaatschap: Lidmaatschap, door: User) -> None:
    """End a membership (the account stays); refused for the organisation's last beheerder."""
    if lidmaatschap.rol == LidmaatschapRol.BEHEERDER and _is_last_beheerder(lidmaatschap):
        raise LastBeheerder
    lidmaatschap._history_user = door
    lidmaatschap.delete()
