"""What changed, for people: the rows django-simple-history records, as entries a portal page
shows (when, who, what, and field by field from what to what).

Each app says which history rows belong to a page and how to name the record a row is about
(a `Source`); this module does the rest the same way everywhere, in a fixed number of queries:
one per source, and one per kind of record whose name a change or a subject shows.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXT_LIMIT = 160

ACTIONS = {
    "+": gettext_lazy("aangemaakt"),
    "~": gettext_lazy("gewijzigd"),
    "-": gettext_lazy("verwijderd"),
}


@dataclass
class Change:
    veld: str
    oud: str
    nieuw: str


@dataclass
class Entry:
    datum: dt.datetime
    gebruiker: object  # the User who made the change, or None for a script or the system
    onderwerp: str
    actie: str
    reden: str = ""
    wijzigingen: list[Change] = field(default_factory=list)

    @property
    def wie(self) -> str:
        return str(self.gebruiker) if self.gebruiker is not None else _("het systeem")


@dataclass
class History:
    entries: list[Entry]
    limit: int
    cut_off: bool  # older entries exist beyond the limit


class Names:
    """The records foreign keys in history rows point to, fetched in one query per model."""

    def __init__(self, records: dict[type, dict]):
        self._records = records

    def of(self, row, name: str) -> str:
        """The name of the record `row.<name>` points to: '(verwijderd)' when it is gone."""
        model_field = row.instance_type._meta.get_field(name)
        return self.format(model_field, getattr(row, model_field.attname))

    def format(self, model_field, value) -> str:
        return format_value(model_field, value, self._records.get(model_field.related_model, {}))


@dataclass
class Source:
    """The history rows of one model that belong on a page, and how to name their record.

    `rows` is a simple_history queryset (`partner.history.all()`, `Ruimte.history.filter(…)`);
    `subject(row, names)` names the record a row is about; `action(row)`, when given, tells what
    happened instead of 'aangemaakt/gewijzigd/verwijderd'. `hidden` are fields a reader need not
    see (the parent a record belongs to); `named` are foreign keys the subject shows by name.
    """

    rows: models.QuerySet
    subject: Callable[..., str]
    action: Callable[..., str] | None = None
    hidden: frozenset[str] = frozenset()
    named: tuple[str, ...] = ()

    @property
    def model(self):
        return self.rows.model.instance_type

    def excluded(self) -> set[str]:
        return {"id", *self.hidden}


def format_value(model_field, value, related: dict | None = None) -> str:
    """`value` of `model_field` as people read it: Dutch dates, names instead of ids."""
    if value is None or value == "":
        if isinstance(model_field, models.BooleanField):
            return _("onbekend")
        return "—"
    if model_field.many_to_one:
        target = (related or {}).get(value)
        return str(target) if target is not None else _("(verwijderd)")
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


def related_name(row, name: str) -> str:
    """The name of a record the caller fetched with select_related: '(verwijderd)' when gone."""
    try:
        return str(getattr(row, name))
    except ObjectDoesNotExist:
        return _("(verwijderd)")


def _pairs(rows: list) -> list[tuple]:
    """Each row (oldest first) with the row before it of the same record, or None."""
    pairs, previous = [], None
    for row in rows:
        older = previous if previous is not None and previous.id == row.id else None
        pairs.append((row, older))
        previous = row
    return pairs


def _names(fetched: list[tuple[Source, list, list]]) -> Names:
    """One query per related model: every id a change or a subject shows by name."""
    wanted: dict[type, set] = {}
    for source, pairs, deltas in fetched:
        meta = source.model._meta
        for name in source.named:
            model_field = meta.get_field(name)
            ids = {getattr(row, model_field.attname) for row, _older in pairs}
            wanted.setdefault(model_field.related_model, set()).update(ids)
        for delta in deltas:
            for change in delta:
                model_field = meta.get_field(change.field)
                if model_field.many_to_one:
                    related = wanted.setdefault(model_field.related_model, set())
                    related.update({change.old, change.new})
    return Names(
        {
            related: related._default_manager.in_bulk(ids - {None})
            for related, ids in wanted.items()
            if ids - {None}
        }
    )


def _change(model_field, change, names: Names) -> Change:
    return Change(
        veld=capfirst(str(model_field.verbose_name)),
        oud=names.format(model_field, change.old),
        nieuw=names.format(model_field, change.new),
    )


def history_entries(sources: Iterable[Source], *, limit: int) -> History:
    """The newest `limit` entries of `sources` together, newest first.

    A save that changed nothing a reader sees, and gave no reason, is left out."""
    fetched = []
    for source in sources:
        rows = list(
            source.rows.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        pairs = _pairs(rows)
        deltas = [
            newer.diff_against(older, excluded_fields=source.excluded()).changes
            if older is not None and newer.history_type == "~"
            else []
            for newer, older in pairs
        ]
        fetched.append((source, pairs, deltas))
    names = _names(fetched)
    entries = []
    for source, pairs, deltas in fetched:
        meta = source.model._meta
        for (row, _older), delta in zip(pairs, deltas, strict=True):
            entry = Entry(
                datum=row.history_date,
                gebruiker=row.history_user,
                onderwerp=source.subject(row, names),
                actie=(
                    source.action(row)
                    if source.action
                    else str(ACTIONS.get(row.history_type, row.history_type))
                ),
                reden=row.history_change_reason or "",
                wijzigingen=[
                    _change(meta.get_field(change.field), change, names) for change in delta
                ],
            )
            if row.history_type != "~" or entry.wijzigingen or entry.reden:
                entries.append(entry)
    # Oldest first per source, so a stable sort then a reversal puts ties newest first.
    entries.sort(key=lambda entry: entry.datum)
    entries.reverse()
    return History(entries=entries[:limit], limit=limit, cut_off=len(entries) > limit)
