"""The change log of a record with django-simple-history, in words for the staff portal: who
changed what and when, with the fields' Dutch labels and the values as people read them."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

LIMIT = 20


def _readable(field, value, related: dict):
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return related.get((field.name, value), value)
    if field.flatchoices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nee")
    return value


def change_log(history, *, limit: int = LIMIT) -> list[dict]:
    """The newest `limit` entries of `history` (a simple_history queryset of one record), each
    {'wanneer', 'wie', 'soort', 'reden', 'wijzigingen': [{'veld', 'oud', 'nieuw'}]}, in a
    fixed number of queries: the rows, and one per kind of related record named in a change."""
    records = list(history.select_related("history_user").order_by("-history_id")[: limit + 1])
    model = history.model.instance_type
    pairs = [(newer, older) for newer, older in zip(records, [*records[1:], None], strict=True)][
        :limit
    ]
    deltas = [
        newer.diff_against(older).changes if older is not None else [] for newer, older in pairs
    ]
    # Resolve the ids of foreign keys in one query per related model.
    wanted: dict[models.Field, set] = {}
    for changes in deltas:
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field, set()).update({change.old, change.new} - {None})
    related = {}
    for field, ids in wanted.items():
        for pk, obj in field.related_model._default_manager.in_bulk(ids).items():
            related[(field.name, pk)] = str(obj)
    entries = []
    for (newer, _older), changes in zip(pairs, deltas, strict=True):
        wijzigingen = []
        for change in changes:
            field = model._meta.get_field(change.field)
            wijzigingen.append(
                {
                    "veld": capfirst(field.verbose_name),
                    "oud": _readable(field, change.old, related),
                    "nieuw": _readable(field, change.new, related),
                }
            )
        entries.append(
            {
                "wanneer": newer.history_date,
                "wie": newer.history_user,
                "soort": newer.history_type,
                "reden": newer.history_change_reason or "",
                "wijzigingen": wijzigingen,
            }
        )
    return entries
