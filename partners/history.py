"""The history of an organisation on its portal page: its details, and its members joining,
changing role and leaving. ontmoeting/history.py turns the rows into entries."""

from django.utils.translation import gettext as _

from kern.history import History, Source, history_entries, related_name
from partners.models import Lidmaatschap

HISTORY_LIMIT = 20


def partner_history(partner, *, limit: int = HISTORY_LIMIT) -> History:
    """The newest `limit` changes to an organisation's details, newest first."""
    return history_entries(
        [Source(partner.history.all(), lambda row, names: _("Organisatie"))], limit=limit
    )


def _membership_event(row) -> str:
    rol = row.get_rol_display().lower()
    if row.history_type == "+":
        return _("is lid geworden als %(rol)s") % {"rol": rol}
    if row.history_type == "-":
        return _("is geen lid meer")
    return _("is nu %(rol)s") % {"rol": rol}


def membership_history(partner, *, limit: int = HISTORY_LIMIT) -> History:
    """The newest `limit` membership events of an organisation (joined, role changed, left),
    with who did it, newest first."""
    return history_entries(
        [
            Source(
                Lidmaatschap.history.filter(partner_id=partner.pk).select_related("user"),
                lambda row, names: related_name(row, "user"),
                action=_membership_event,
                hidden=frozenset({"user", "partner"}),
            )
        ],
        limit=limit,
    )
