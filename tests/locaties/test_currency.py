"""Confirmation of currency: the 12-month rule and the one-click confirmation."""

import datetime as dt

import pytest

from locaties import currency
from locaties.constants import LocatieStatus
from locaties.models import Locatie
from tests.factories import LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 6, 15, 12, 0, tzinfo=dt.UTC)


def registered(naam, *, aangemaakt, bevestigd=None, **extra):
    locatie = LocatieFactory(naam=naam, laatst_bevestigd_op=bevestigd, **extra)
    Locatie.objects.filter(pk=locatie.pk).update(aangemaakt_op=aangemaakt)
    locatie.refresh_from_db()
    return locatie


def test_places_not_confirmed_for_twelve_months_are_overdue():
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    registered("Nooit bevestigd", aangemaakt=old)
    registered("Lang geleden", aangemaakt=old, bevestigd=dt.datetime(2026, 6, 14, tzinfo=dt.UTC))
    registered("Net op tijd", aangemaakt=old, bevestigd=dt.datetime(2026, 6, 16, tzinfo=dt.UTC))
    registered("Nieuw", aangemaakt=dt.datetime(2027, 5, 1, tzinfo=dt.UTC))
    registered("Gearchiveerd", aangemaakt=old, status=LocatieStatus.GEARCHIVEERD)

    overdue = currency.unconfirmed(Locatie.objects.all(), now=NOW)

    assert [locatie.naam for locatie in overdue] == ["Nooit bevestigd", "Lang geleden"]
    for locatie in Locatie.objects.all():
        assert currency.is_overdue(locatie, now=NOW) == (locatie in overdue)


def test_confirming_resets_the_clock_and_is_recorded_in_the_history():
    locatie = registered("Lang geleden", aangemaakt=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    user = UserFactory(naam="Ilse Jansen")

    currency.confirm_locatie(locatie, door=user, now=NOW)

    locatie.refresh_from_db()
    assert (locatie.laatst_bevestigd_op, locatie.laatst_bevestigd_door) == (NOW, user)
    assert not currency.is_overdue(locatie, now=NOW)
    latest = locatie.history.first()
    assert (latest.history_user, latest.history_change_reason) == (user, "Bevestigd als actueel")
