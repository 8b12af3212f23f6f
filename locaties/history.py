"""The history of a place: which records belong to it and how each is named.

django-simple-history records every save of a Locatie and of the records that belong to it
(Ruimte, Verhuur, Openingstijd, Begeleidingstijd, Sluiting, Samenwerking, Financiering);
ontmoeting/history.py turns those rows into the entries the place's portal page shows.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Window
from django.db.models.functions import Lag
from django.utils import formats
from django.utils.translation import gettext as _

from kern.history import History, Source, history_entries
from locaties.constants import LocatieStatus
from locaties.models import (
    Begeleidingstijd,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
)

HISTORY_LIMIT = 100

# The parent a record belongs to says nothing to a reader of the place's own history.
PARENTS = frozenset({"locatie", "ruimte"})


def _weekday(row, names) -> str:
    return f"{row.instance_type._meta.verbose_name.capitalize()} {row.get_weekdag_display()}"


def locatie_history(locatie, *, limit: int = HISTORY_LIMIT) -> History:
    """The newest `limit` changes to `locatie` and its records, newest first."""
    ruimte_ids = Ruimte.history.filter(locatie_id=locatie.pk).values("id")
    own = {"locatie_id": locatie.pk}
    return history_entries(
        [
            Source(Locatie.history.filter(id=locatie.pk), lambda row, names: _("Locatie")),
            Source(
                Ruimte.history.filter(**own),
                lambda row, names: _("Ruimte ‘%(naam)s’") % {"naam": row.naam},
                hidden=PARENTS,
            ),
            Source(
                Verhuur.history.filter(ruimte_id__in=ruimte_ids),
                lambda row, names: (
                    _("Verhuur aan %(huurder)s") % {"huurder": names.of(row, "huurder")}
                ),
                hidden=PARENTS,
                named=("huurder",),
            ),
            Source(Openingstijd.history.filter(**own), _weekday, hidden=PARENTS),
            Source(Begeleidingstijd.history.filter(**own), _weekday, hidden=PARENTS),
            Source(
                Sluiting.history.filter(**own),
                lambda row, names: (
                    _("Sluiting vanaf %(van)s") % {"van": formats.date_format(row.van, "d-m-Y")}
                ),
                hidden=PARENTS,
            ),
            Source(
                Samenwerking.history.filter(**own),
                lambda row, names: (
                    _("Samenwerking: %(partner)s als %(rol)s")
                    % {"partner": names.of(row, "partner"), "rol": row.get_rol_display().lower()}
                ),
                hidden=PARENTS,
                named=("partner",),
            ),
            Source(
                Financiering.history.filter(**own),
                lambda row, names: _("Financiering: %(bron)s") % {"bron": row.get_bron_display()},
                hidden=PARENTS,
            ),
        ],
        limit=limit,
    )


@dataclass
class SentBack:
    reden: str
    datum: dt.datetime
    door: str


def sent_back(locatie_ids) -> dict[int, SentBack]:
    """For places now in concept: the latest time each was sent back to concept by a
    reviewer, with the reason the submitter needs to see. One query."""
    rows = (
        Locatie.history.filter(id__in=locatie_ids)
        .annotate(vorige_status=Window(Lag("status"), partition_by="id", order_by="history_id"))
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    result = {}
    for row in rows:
        if (
            row.status == LocatieStatus.CONCEPT
            and row.vorige_status not in (None, LocatieStatus.CONCEPT)
            and row.history_change_reason
        ):
            result[row.id] = SentBack(
                reden=row.history_change_reason,
                datum=row.history_date,
                door=str(row.history_user) if row.history_user else "",
            )
    return result
