"""Background jobs (kern/taken.py, ontmoeting/celery.py): without a broker tasks run in the
process; every job is done once however often it is delivered; progress is kept for the
person who started it."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from kern import taken
from kern.models import Taak
from kern.tasks import ruim_sessies_op, ruim_taken_op
from ontmoeting.celery import app

pytestmark = pytest.mark.django_db


def test_without_a_broker_tasks_run_in_the_process_that_asks():
    assert settings.CELERY_BROKER_URL is None
    assert app.conf.task_always_eager is True
    assert ruim_taken_op.delay().get() == 0


def test_the_scheduled_tasks_exist():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_the_same_key_gives_the_same_job():
    eerste = taken.nieuwe_taak("proef", sleutel="import-1")
    tweede = taken.nieuwe_taak("proef", sleutel="import-1")
    assert eerste.pk == tweede.pk
    assert Taak.objects.count() == 1


def test_a_job_is_claimed_once():
    taak = taken.nieuwe_taak("proef")
    assert taken.claim(taak.pk) is not None
    assert taken.claim(taak.pk) is None  # a second delivery while it runs
    taken.klaar(taak, "klaar")
    assert taken.claim(taak.pk) is None  # a delivery after it finished
    taak.refresh_from_db()
    assert (taak.status, taak.voortgang, taak.pogingen) == (Taak.Status.KLAAR, 100, 1)


def test_a_job_whose_worker_died_is_taken_up_again_after_the_lease():
    taak = taken.nieuwe_taak("proef")
    taken.claim(taak.pk)
    Taak.objects.filter(pk=taak.pk).update(
        bijgewerkt=timezone.now() - dt.timedelta(seconds=settings.TAAK_LEASE_SECONDS + 1)
    )
    weer = taken.claim(taak.pk)
    assert weer is not None
    assert weer.pogingen == 2


def test_progress_and_the_end_are_kept_and_the_input_is_dropped():
    taak = taken.nieuwe_taak("proef", invoer=b"bestand")
    taken.voortgang(taak, 40, "Halverwege")
    taak.refresh_from_db()
    assert (taak.voortgang, taak.bericht) == (40, "Halverwege")
    taken.mislukt(taak, "Het ging mis", {"problemen": ["x"]})
    taak.refresh_from_db()
    assert taak.status == Taak.Status.MISLUKT
    assert taak.resultaat == {"problemen": ["x"]}
    assert taak.invoer is None


def test_old_finished_jobs_are_cleared_once_and_running_ones_stay():
    oud = timezone.now() - dt.timedelta(days=settings.TAAK_BEWAAR_DAGEN + 1)
    klaar = taken.nieuwe_taak("proef")
    taken.klaar(klaar)
    Taak.objects.filter(pk=klaar.pk).update(afgerond=oud)
    bezig = taken.nieuwe_taak("proef")
    taken.claim(bezig.pk)

    assert ruim_taken_op() == 1
    assert ruim_taken_op() == 0
    assert list(Taak.objects.all()) == [bezig]


def test_expired_sessions_are_cleared_and_live_ones_stay():
    verlopen = SessionStore()
    verlopen.set_expiry(-10)
    verlopen.create()
    levend = SessionStore()
    levend.create()

    ruim_sessies_op()
    ruim_sessies_op()

    assert list(Session.objects.values_list("session_key", flat=True)) == [levend.session_key]
