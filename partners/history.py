"""What changed, for people: the history django-simple-history records, as lines a portal page
can show (who, when, which field from what to what)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners.models import Lidmaatschap, Partner

HISTORY_TYPES = {
    "+": gettext_lazy("aangemaakt"),
    "~": gettext_lazy("gewijzigd"),
    "-": gettext_lazy("verwijderd"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: object  # a User, or None when made by a script or the system
    kind: str
    reason: str = ""
    fields: list[FieldChange] = field(default_factory=list)


def _display(model, name: str, value) -> str:
    model_field = model._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def partner_changes(partner: Partner, *, limit: int = 20) -> list[Change]:
    """The newest `limit` changes to an organisation's details, newest first, in one query."""
    records = list(
        partner.history.select_related("history_user").order_by("-history_id")[: limit + 1]
    )
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(changes) == limit:
            break
        change = Change(
            when=newer.history_date,
            who=newer.history_user,
            kind=str(HISTORY_TYPES.get(newer.history_type, newer.history_type)),
            reason=newer.history_change_reason or "",
        )
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for item in delta.changes:
                label = str(Partner._meta.get_field(item.field).verbose_name)
                change.fields.append(
                    FieldChange(
                        label=label,
                        old=_display(Partner, item.field, item.old),
                        new=_display(Partner, item.field, item.new),
                    )
                )
            if not change.fields:
                continue  # a save that changed nothing people see
        changes.append(change)
    return changes


def membership_changes(partner: Partner, *, limit: int = 20):
    """The newest `limit` membership events of an organisation (joined, role changed, left),
    with who did it, in one query."""
    return (
        Lidmaatschap.history.filter(partner_id=partner.pk)
        .select_related("history_user", "user")
        .order_by("-history_id")[:limit]
    )
