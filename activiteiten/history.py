"""The history of an activity on its portal page: its own changes, and dates cancelled, moved
or restored. ontmoeting/history.py turns the rows into entries."""

from django.utils import formats
from django.utils.translation import gettext as _

from activiteiten.models import Uitzondering
from kern.history import History, Source, history_entries

HISTORY_LIMIT = 20


def _cancelled_date(row) -> str:
    if row.history_type == "+" and row.nieuwe_datum:
        return _("verplaatst naar %(datum)s (%(reden)s)") % {
            "datum": formats.date_format(row.nieuwe_datum, "j F Y"),
            "reden": row.reden,
        }
    if row.history_type == "+":
        return _("vervalt (%(reden)s)") % {"reden": row.reden}
    if row.history_type == "-" and row.nieuwe_datum:
        return _("verplaatsing ongedaan gemaakt")
    if row.history_type == "-":
        return _("gaat toch door")
    return _("gewijzigd")


def activiteit_history(activiteit, *, limit: int = HISTORY_LIMIT) -> History:
    """The newest `limit` changes to `activiteit` and its cancelled dates, newest first."""
    return history_entries(
        [
            Source(activiteit.history.all(), lambda row, names: _("Activiteit")),
            Source(
                Uitzondering.history.filter(activiteit_id=activiteit.pk),
                lambda row, names: formats.date_format(row.datum, "j F Y"),
                action=_cancelled_date,
                hidden=frozenset({"activiteit"}),
            ),
        ],
        limit=limit,
    )
