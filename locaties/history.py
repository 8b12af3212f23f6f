"""The readable history of a place: who changed what, when, field by field.

django-simple-history records every save of a Locatie and of the records that belong to it
(Ruimte, Verhuur, Openingstijd, Begeleidingstijd, Sluiting, Samenwerking, Financiering). This
module turns those rows into entries for the place's portal page, in a fixed number of
queries: one per history table and one per kind of related record whose name is shown.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Window
from django.db.models.functions import Lag
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
TEXT_LIMIT = 160

ACTIONS = {
    "+": gettext_lazy("aangemaakt"),
    "~": gettext_lazy("gewijzigd"),
    "-": gettext_lazy("verwijderd"),
}

# Fields that say nothing to a reader: the record's own key and the parent it belongs to.
HIDDEN_FIELDS = {"id", "locatie", "ruimte"}


@dataclass
class Change:
    veld: str
    oud: str
    nieuw: str


@dataclass
class Entry:
    datum: dt.datetime
    wie: str
    onderwerp: str
    actie: str
    reden: str = ""
    wijzigingen: list[Change] = field(default_factory=list)


def _history_rows(locatie) -> dict[type, list]:
    """Every history row of `locatie` and of the records that belong to it, per model."""
    ruimte_ids = Ruimte.history.filter(locatie_id=locatie.pk).values("id")
    filters = {
        Locatie: {"id": locatie.pk},
        Ruimte: {"locatie_id": locatie.pk},
        Verhuur: {"ruimte_id__in": ruimte_ids},
        Openingstijd: {"locatie_id": locatie.pk},
        Begeleidingstijd: {"locatie_id": locatie.pk},
        Sluiting: {"locatie_id": locatie.pk},
        Samenwerking: {"locatie_id": locatie.pk},
        Financiering: {"locatie_id": locatie.pk},
    }
    return {
        model: list(
            model.history.filter(**lookup)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        for model, lookup in filters.items()
    }


def _related_names(rows_by_model: dict[type, list]) -> dict[type, dict]:
    """Names of the records that foreign keys in the rows point to, one query per model."""
    wanted: dict[type, set] = {}
    for model, rows in rows_by_model.items():
        for model_field in model._meta.concrete_fields:
            if model_field.many_to_one and model_field.name not in HIDDEN_FIELDS:
                ids = {getattr(row, model_field.attname) for row in rows} - {None}
                wanted.setdefault(model_field.related_model, set()).update(ids)
    return {
        related: related._default_manager.in_bulk(ids) for related, ids in wanted.items() if ids
    }


def _format(model_field, value, names: dict[type, dict]) -> str:
    if value is None or value == "":
        if isinstance(model_field, models.BooleanField):
            return _("onbekend")
        return "—"
    if model_field.many_to_one:
        related = names.get(model_field.related_model, {}).get(value)
        return str(related) if related is not None else _("(verwijderd)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "d-m-Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "d-m-Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True)
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _subject(model, row, names: dict[type, dict]) -> str:
    if model is Locatie:
        return _("Locatie")
    if model is Ruimte:
        return _("Ruimte ‘%(naam)s’") % {"naam": row.naam}
    if model is Verhuur:
        return _("Verhuur aan %(huurder)s") % {
            "huurder": names.get(Verhuur._meta.get_field("huurder").related_model, {}).get(
                row.huurder_id, "?"
            )
        }
    if model in (Openingstijd, Begeleidingstijd):
        return f"{model._meta.verbose_name.capitalize()} {row.get_weekdag_display()}"
    if model is Sluiting:
        return _("Sluiting vanaf %(van)s") % {"van": formats.date_format(row.van, "d-m-Y")}
    if model is Samenwerking:
        partner = names.get(Samenwerking._meta.get_field("partner").related_model, {})
        return _("Samenwerking: %(partner)s als %(rol)s") % {
            "partner": partner.get(row.partner_id, "?"),
            "rol": row.get_rol_display().lower(),
        }
    return _("Financiering: %(bron)s") % {"bron": row.get_bron_display()}


def _changes(model, new, old, names) -> list[Change]:
    delta = new.diff_against(old, excluded_fields=HIDDEN_FIELDS)
    changes = []
    for change in delta.changes:
        model_field = model._meta.get_field(change.field)
        changes.append(
            Change(
                veld=str(model_field.verbose_name).capitalize(),
                oud=_format(model_field, change.old, names),
                nieuw=_format(model_field, change.new, names),
            )
        )
    return changes


def locatie_history(locatie, *, limit: int = HISTORY_LIMIT) -> list[Entry]:
    """The newest `limit` changes to `locatie` and its records, newest first."""
    rows_by_model = _history_rows(locatie)
    names = _related_names(rows_by_model)
    entries = []
    for model, rows in rows_by_model.items():
        previous = None
        for row in rows:
            old = previous if previous is not None and previous.id == row.id else None
            entry = Entry(
                datum=row.history_date,
                wie=str(row.history_user) if row.history_user else _("het systeem"),
                onderwerp=_subject(model, row, names),
                actie=str(ACTIONS.get(row.history_type, row.history_type)),
                reden=row.history_change_reason or "",
            )
            if row.history_type == "~" and old is not None:
                entry.wijzigingen = _changes(model, row, old, names)
            if row.history_type != "~" or entry.wijzigingen or entry.reden:
                entries.append(entry)
            previous = row
    entries.sort(key=lambda entry: entry.datum, reverse=True)
    return entries[:limit]


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
