"""Safe concurrent editing: the second of two people saving the same record is refused.

A form carries the version of the record it was opened on: the id of the record's newest
django-simple-history row. Saving locks the record's row, compares that version with the
newest one, and refuses when someone else saved in between — never a silent overwrite. The
person's input stays in the form, which is then given the current version, so a second
deliberate save (after they have looked at what changed) goes through.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """Someone else saved the record after this form was opened."""

    def __init__(self, latest):
        self.latest = latest  # the newest history row: who changed it and when
        super().__init__("record changed since the form was opened")


def version_of(instance) -> str:
    """The version token of a saved record with history: its newest history row's id."""
    if instance.pk is None:
        return ""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True)
    return str(latest.first() or "")


class VersionedFormMixin(forms.Form):
    """Adds the hidden `versie` field to a ModelForm for a model with HistoricalRecords."""

    versie = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].initial = version_of(self.instance)


@transaction.atomic
def save_unless_changed(form, *, user=None, reason: str = ""):
    """Save a valid VersionedFormMixin ModelForm, or raise StaleEdit when the record changed
    since the form was opened. The history row records `user` and `reason`."""
    instance = form.instance
    if instance.pk is not None:
        list(type(instance).objects.select_for_update().filter(pk=instance.pk).values("pk"))
        current = version_of(instance)
        if form.cleaned_data.get("versie", "") != current:
            latest = instance.history.order_by("-history_id").select_related("history_user")
            raise StaleEdit(latest.first())
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    return form.save()


def refuse_stale(form, stale: StaleEdit) -> None:
    """Put the refusal on the form, keep the person's input, and move the form to the current
    version so that saving again, after looking, is a deliberate choice."""
    who = stale.latest.history_user if stale.latest else None
    when = stale.latest.history_date if stale.latest else None
    message = _(
        "Iemand anders heeft deze gegevens intussen opgeslagen%(door)s. Jouw wijzigingen zijn "
        "niet opgeslagen maar staan hieronder nog. Bekijk de geschiedenis en sla opnieuw op "
        "als je ze wilt doorvoeren."
    ) % {
        "door": (
            _(" (%(wie)s, %(wanneer)s)")
            % {
                "wie": who or _("onbekend"),
                "wanneer": timezone.localtime(when).strftime("%d-%m-%Y %H:%M"),
            }
            if when
            else ""
        )
    }
    form.add_error(None, message)
    data = form.data.copy()
    data[form.add_prefix("versie")] = version_of(form.instance)
    form.data = data
