"""A large wijk import runs as a background job (locaties/tasks.py) and its page shows the
progress to who started it."""

import pytest
from django.urls import reverse

from kern.models import Taak
from locaties import tasks
from locaties.models import Wijk
from tests.locaties.test_wijkimport import RD_2019, upload, upload_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def alles_als_taak(settings):
    settings.WIJKIMPORT_SYNC_BYTES = 0


def test_a_large_upload_becomes_a_job_whose_page_shows_the_report(
    client, gemeente_medewerker, alles_als_taak, django_capture_on_commit_callbacks
):
    client.force_login(gemeente_medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(upload_url(), {"bestand": upload(RD_2019)})

    taak = Taak.objects.get()
    assert response.url == reverse("beheer:taak", kwargs={"pk": taak.pk})
    taak.refresh_from_db()
    assert taak.status == Taak.Status.KLAAR
    assert taak.gestart_door == gemeente_medewerker
    assert taak.invoer is None
    html = client.get(response.url).content.decode()
    assert "Buurten: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
    assert 'http-equiv="refresh"' not in html  # finished: no more reloading
    assert Wijk.objects.filter(cbs_code="BU02000101").exists()


def test_a_job_still_running_reloads_its_page(client, gemeente_medewerker):
    taak = Taak.objects.create(soort="wijkimport", gestart_door=gemeente_medewerker)
    client.force_login(gemeente_medewerker)
    html = client.get(reverse("beheer:taak", kwargs={"pk": taak.pk})).content.decode()
    assert 'http-equiv="refresh"' in html
    assert 'value="0"' in html


def test_the_job_delivered_twice_imports_once(gemeente_medewerker, gemeente):
    taak = Taak.objects.create(
        soort="wijkimport", gestart_door=gemeente_medewerker, invoer=RD_2019.read_bytes()
    )
    tasks.importeer_wijken(taak.pk, [gemeente.pk], False)
    tasks.importeer_wijken(taak.pk, [gemeente.pk], False)
    taak.refresh_from_db()
    assert taak.pogingen == 1
    assert taak.status == Taak.Status.KLAAR
    assert taak.resultaat["regels"][0].startswith("Wijken:") or taak.resultaat["regels"]


def test_a_broken_file_as_a_job_fails_with_the_reason(gemeente_medewerker, gemeente):
    taak = Taak.objects.create(soort="wijkimport", gestart_door=gemeente_medewerker, invoer=b"{")
    tasks.importeer_wijken(taak.pk, [gemeente.pk], False)
    taak.refresh_from_db()
    assert taak.status == Taak.Status.MISLUKT
    assert taak.resultaat["problemen"]
    assert not Wijk.objects.exists()


def test_a_delivery_that_finds_the_job_finished_at_commit_undoes_its_import(
    gemeente_medewerker, gemeente, monkeypatch
):
    """Two deliveries ran at once (a worker thought dead): the one that commits second sees
    the job done under the row lock and rolls its work back."""
    taak = Taak.objects.create(
        soort="wijkimport", gestart_door=gemeente_medewerker, invoer=RD_2019.read_bytes()
    )
    echte_import = tasks.wijkimport.import_wijken

    def ander_was_eerst(*args, bij_opslaan, **kwargs):
        def eerst_de_ander(verslag):
            Taak.objects.filter(pk=taak.pk).update(status=Taak.Status.KLAAR)
            bij_opslaan(verslag)

        return echte_import(*args, bij_opslaan=eerst_de_ander, **kwargs)

    monkeypatch.setattr(tasks.wijkimport, "import_wijken", ander_was_eerst)
    tasks.importeer_wijken(taak.pk, [gemeente.pk], False)
    assert not Wijk.objects.exists()


def test_a_trial_as_a_job_reports_and_saves_nothing(gemeente_medewerker, gemeente):
    taak = Taak.objects.create(
        soort="wijkimport", gestart_door=gemeente_medewerker, invoer=RD_2019.read_bytes()
    )
    tasks.importeer_wijken(taak.pk, [gemeente.pk], True)
    taak.refresh_from_db()
    assert taak.status == Taak.Status.KLAAR
    assert taak.resultaat["proef"] is True
    assert not Wijk.objects.exists()
