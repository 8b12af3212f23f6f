"""The nightly agenda extension as a task (activiteiten/tasks.py): the same work as
`manage.py verleng_agenda`, done once however often it runs."""

import pytest
from django.core.cache import cache

from activiteiten import tasks
from activiteiten.models import Occurrence
from tests.activiteiten.test_occurrences import bulk_activiteiten
from tests.factories import LocatieFactory

pytestmark = pytest.mark.django_db


def test_running_the_extension_twice_adds_the_dates_once():
    [activiteit] = bulk_activiteiten(1, LocatieFactory())  # saved without its dates

    eerste = tasks.verleng_agenda.delay().get()
    aantal = Occurrence.objects.filter(activiteit=activiteit).count()
    tweede = tasks.verleng_agenda.delay().get()

    assert eerste["datums"] == aantal > 0
    assert tweede["datums"] == 0
    assert Occurrence.objects.filter(activiteit=activiteit).count() == aantal


def test_a_run_while_another_holds_the_lock_does_nothing():
    [activiteit] = bulk_activiteiten(1, LocatieFactory())  # saved without its dates
    cache.add(tasks.LOCK_KEY, "bezig", 60)
    try:
        assert tasks.verleng_agenda() == {"overgeslagen": True}
        assert not Occurrence.objects.filter(activiteit=activiteit).exists()
    finally:
        cache.delete(tasks.LOCK_KEY)
    assert tasks.verleng_agenda()["datums"] > 0
