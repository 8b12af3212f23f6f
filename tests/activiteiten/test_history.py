"""The history of an activity shown in the portal (activiteiten/history.py)."""

import pytest

from activiteiten.constants import ActiviteitStatus
from activiteiten.history import activiteit_history
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

    newest, created = activiteit_history(activiteit).entries
    assert newest.gebruiker == user
    assert newest.reden == "Nieuwe organisator"
    changes = {c.veld: (c.oud, c.nieuw) for c in newest.wijzigingen}
    assert changes["Georganiseerd door"] == (oud, "Buurtvereniging Oost")
    assert changes["Status"] == ("Concept", "Gepubliceerd")
    assert changes["Aanmelden nodig"] == ("nee", "ja")
    assert changes["Aanmelden via"] == ("—", "aan de balie")
    assert created.actie == "aangemaakt"
    assert created.wijzigingen == []


def test_the_log_is_limited_to_the_newest_entries():
    activiteit = ActiviteitFactory()
    for n in range(5):
        activiteit.titel = f"Titel {n}"
        activiteit.save()
    history = activiteit_history(activiteit, limit=3)
    assert len(history.entries) == 3
    assert history.entries[-1].wijzigingen[0].nieuw == "Titel 2"
    assert history.cut_off
