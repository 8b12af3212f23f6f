"""The change log shown in the portal (activiteiten/history.py)."""

import pytest

from activiteiten.constants import ActiviteitStatus
from activiteiten.history import change_log
from tests.factories import ActiviteitFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_changes_are_told_with_dutch_labels_and_readable_values():
    activiteit = ActiviteitFactory(status=ActiviteitStatus.CONCEPT)
    nieuw = PartnerFactory(naam="Buurtvereniging Oost")
    oud = activiteit.organisator.naam
    user = UserFactory(naam="Fatima de Vries")
    activiteit.organisator = nieuw
    activiteit.status = ActiviteitStatus.GEPUBLICEERD
    activiteit.aanmelden_nodig = True
    activiteit.aanmelden_via = "aan de balie"
    activiteit._history_user = user
    activiteit._change_reason = "Nieuwe organisator"
    activiteit.save()

    newest, created = change_log(activiteit.history.all())
    assert newest["wie"] == user
    assert newest["reden"] == "Nieuwe organisator"
    changes = {c["veld"]: (c["oud"], c["nieuw"]) for c in newest["wijzigingen"]}
    assert changes["Georganiseerd door"] == (oud, "Buurtvereniging Oost")
    assert changes["Status"] == ("Concept", "Gepubliceerd")
    assert changes["Aanmelden nodig"] == ("nee", "ja")
    assert changes["Aanmelden via"] == ("—", "aan de balie")
    assert created["soort"] == "+"
    assert created["wijzigingen"] == []


def test_the_log_is_limited_to_the_newest_entries():
    activiteit = ActiviteitFactory()
    for n in range(5):
        activiteit.titel = f"Titel {n}"
        activiteit.save()
    entries = change_log(activiteit.history.all(), limit=3)
    assert len(entries) == 3
    assert entries[-1]["wijzigingen"][0]["nieuw"] == "Titel 2"
