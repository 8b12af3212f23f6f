"""Two people editing the same record: the second save is refused, never a silent overwrite."""

import pytest
from django import forms

from kern.concurrency import (
    StaleEdit,
    VersionedFormMixin,
    refuse_stale,
    save_unless_changed,
    version_of,
)
from locaties.models import Locatie
from tests.factories import LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db


class NaamForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Locatie
        fields = ["naam"]


def opened_form(locatie, naam):
    """A form as a browser posts it back: opened on the version the record had then."""
    version = NaamForm(instance=locatie).fields["versie"].initial
    return lambda: NaamForm({"naam": naam, "versie": version}, instance=locatie)


def test_a_save_on_the_current_version_goes_through_and_records_who():
    locatie = LocatieFactory(naam="De Linde")
    user = UserFactory()
    form = NaamForm({"naam": "De Linde (nieuw)", "versie": version_of(locatie)}, instance=locatie)
    assert form.is_valid()

    save_unless_changed(form, user=user, reason="Naam verbeterd")

    latest = locatie.history.first()
    assert latest.naam == "De Linde (nieuw)"
    assert latest.history_user == user
    assert latest.history_change_reason == "Naam verbeterd"


def test_the_second_of_two_editors_is_refused_and_keeps_their_input():
    locatie = LocatieFactory(naam="De Linde")
    first = opened_form(Locatie.objects.get(pk=locatie.pk), "Eerste")
    second = opened_form(Locatie.objects.get(pk=locatie.pk), "Tweede")

    form = first()
    assert form.is_valid()
    save_unless_changed(form)
    form = second()
    assert form.is_valid()
    with pytest.raises(StaleEdit) as stale:
        save_unless_changed(form)
    refuse_stale(form, stale.value)

    assert Locatie.objects.get(pk=locatie.pk).naam == "Eerste"
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in form.non_field_errors()[0]
    assert form.data["naam"] == "Tweede"
    # Saving again after looking is a deliberate choice, and goes through.
    again = NaamForm(form.data, instance=Locatie.objects.get(pk=locatie.pk))
    assert again.is_valid()
    save_unless_changed(again)
    assert Locatie.objects.get(pk=locatie.pk).naam == "Tweede"


def test_a_new_record_has_no_version():
    assert version_of(Locatie()) == ""
