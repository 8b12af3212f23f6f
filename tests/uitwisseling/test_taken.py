"""A large file (more places than settings.UITWISSELING_SYNC_RIJEN) is checked and imported
as a background job (uitwisseling/tasks.py); Celery runs eagerly in the tests, so the job has
run when the upload's response arrives."""

import unittest.mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kern.models import Taak
from locaties.models import Locatie
from tests.uitwisseling.helpers import locatie, xlsx
from uitwisseling import tasks
from uitwisseling.models import Importbestand

URL = reverse("beheer:uitwisseling_importeren")


@pytest.fixture(autouse=True)
def klein_genoeg(settings):
    settings.UITWISSELING_SYNC_RIJEN = 2


@pytest.fixture
def gemeente_client(client, gemeente_medewerker, django_capture_on_commit_callbacks):
    """The client of the gemeente's staff member, whose requests deliver the jobs they start
    when their writes are committed, as in production (eager Celery runs them at once)."""
    client.force_login(gemeente_medewerker)
    post = client.post

    def post_met_bezorging(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_met_bezorging
    client.post_zonder_bezorging = post  # the job is made, its delivery never comes
    return client


def drie_locaties(**changes) -> bytes:
    return xlsx(
        Locaties=[
            locatie(
                **{"Extern_ID": str(n), "Naam": f"Huiskamer {n}", "Postcode": f"73{n} AB"}
                | changes
            )
            for n in range(11, 14)
        ]
    )


def upload(client, inhoud):
    return client.post(URL, {"bestand": SimpleUploadedFile("groot.xlsx", inhoud)})


def _controle_url(bestand):
    return reverse("beheer:uitwisseling_controle", args=[bestand.token])


@pytest.mark.django_db
def test_a_large_file_is_checked_and_imported_as_jobs_with_progress(gemeente_client):
    response = upload(gemeente_client, drie_locaties())
    controle = Taak.objects.get(soort=tasks.CONTROLE)
    assert response.status_code == 302
    assert response["Location"] == reverse("beheer:taak", args=[controle.pk])
    bestand = Importbestand.objects.get()
    assert bestand.op_achtergrond and bestand.taak == controle
    assert controle.status == Taak.Status.KLAAR and controle.voortgang == 100
    assert controle.pogingen == 1 and controle.resultaat == {"token": str(bestand.token)}

    # The progress page links on to the preview, which offers to confirm.
    voortgang = gemeente_client.get(response["Location"])
    assert _controle_url(bestand) in voortgang.text
    assert "Naar de controle" in voortgang.text
    preview = gemeente_client.get(_controle_url(bestand))
    assert preview.status_code == 200
    assert "Er is nog niets opgeslagen" in preview.text
    assert "Bevestig om 3 rijen op te slaan" in preview.text
    assert not Locatie.objects.exists()

    # Confirming starts the import job; its page links on to the result.
    bevestigd = gemeente_client.post(_controle_url(bestand))
    importtaak = Taak.objects.get(soort=tasks.IMPORT)
    assert bevestigd["Location"] == reverse("beheer:taak", args=[importtaak.pk])
    assert importtaak.status == Taak.Status.KLAAR and importtaak.voortgang == 100
    assert "Naar het resultaat" in gemeente_client.get(bevestigd["Location"]).text
    resultaat = gemeente_client.get(_controle_url(bestand), follow=True)
    assert resultaat.redirect_chain[-1][0] == reverse(
        "beheer:uitwisseling_resultaat", args=[bestand.token]
    )
    assert "is geïmporteerd" in resultaat.text
    assert sorted(Locatie.objects.values_list("extern_id", flat=True)) == ["11", "12", "13"]
    bestand.refresh_from_db()
    assert bytes(bestand.inhoud) == b"" and bestand.uitgevoerd_op


@pytest.mark.django_db
def test_progress_is_recorded_as_the_rows_are_checked(gemeente_client, monkeypatch):
    gezien = []
    echte = tasks.taken.voortgang

    def voortgang(taak, procent, bericht=""):
        gezien.append((procent, bericht))
        echte(taak, procent, bericht)

    monkeypatch.setattr(tasks.taken, "voortgang", voortgang)
    upload(gemeente_client, drie_locaties())
    assert gezien and gezien[-1] == (tasks.TOT_GECONTROLEERD, "3 van 3 rijen gecontroleerd.")


@pytest.mark.django_db
def test_a_small_file_still_runs_within_the_request(gemeente_client):
    response = upload(gemeente_client, xlsx(Locaties=[locatie(Extern_ID="A")]))
    bestand = Importbestand.objects.get()
    assert response["Location"] == _controle_url(bestand)
    assert not bestand.op_achtergrond and not Taak.objects.exists()


@pytest.mark.django_db
def test_the_import_job_delivered_twice_writes_once(gemeente_client):
    upload(gemeente_client, drie_locaties())
    bestand = Importbestand.objects.get()
    # The job is made, but its delivery is held back to run it by hand, twice.
    gemeente_client.post_zonder_bezorging(_controle_url(bestand))
    taak = Taak.objects.get(soort=tasks.IMPORT)
    assert taak.status == Taak.Status.WACHTEND
    tasks.voer_import_uit(taak.pk, bestand.pk)
    tasks.voer_import_uit(taak.pk, bestand.pk)
    taak.refresh_from_db()
    assert taak.status == Taak.Status.KLAAR and taak.pogingen == 1
    assert Locatie.objects.count() == 3
    assert Locatie.history.count() == 3  # one creation each, no second write


@pytest.mark.django_db
def test_a_second_delivery_after_the_lease_finds_the_work_done_and_undoes_itself(gemeente_client):
    upload(gemeente_client, drie_locaties())
    bestand = Importbestand.objects.get()
    gemeente_client.post_zonder_bezorging(_controle_url(bestand))
    taak = Taak.objects.get(soort=tasks.IMPORT)
    # A worker that took the job first and then finished it while this delivery, taken up
    # after the lease, was still checking rows: the lock finds it done; nothing is written.
    claimed = tasks.taken.claim(taak.pk)
    echte = tasks.importeren.importeer

    def eerst_klaar(*args, **kwargs):
        tasks.taken.klaar(claimed, "klaar elders", {"token": str(bestand.token)})
        return echte(*args, **kwargs)

    Taak.objects.filter(pk=taak.pk).update(status=Taak.Status.WACHTEND)
    with unittest.mock.patch.object(tasks.importeren, "importeer", eerst_klaar):
        tasks.voer_import_uit(taak.pk, bestand.pk)
    assert not Locatie.objects.exists()
    bestand.refresh_from_db()
    assert not bestand.uitgevoerd_op


@pytest.mark.django_db
def test_rights_are_checked_again_inside_the_job(gemeente_client, gemeente_medewerker):
    upload(gemeente_client, drie_locaties())
    bestand = Importbestand.objects.get()
    gemeente_client.post_zonder_bezorging(_controle_url(bestand))
    taak = Taak.objects.get(soort=tasks.IMPORT)
    # Between the click and the worker, the person left their organisation.
    gemeente_medewerker.lidmaatschappen.all().delete()
    tasks.voer_import_uit(taak.pk, bestand.pk)
    taak.refresh_from_db()
    assert taak.status == Taak.Status.MISLUKT
    assert "Je mag geen locaties (meer) importeren" in taak.bericht
    assert not Locatie.objects.exists()


@pytest.mark.django_db
def test_another_user_cannot_see_the_job_or_its_file(
    client, gemeente_client, corporatie_medewerker
):
    response = upload(gemeente_client, drie_locaties())
    bestand = Importbestand.objects.get()
    client.force_login(corporatie_medewerker)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(_controle_url(bestand)).status_code == 404
    assert client.post(_controle_url(bestand)).status_code == 404
    assert not Taak.objects.filter(soort=tasks.IMPORT).exists()


@pytest.mark.django_db
def test_a_forged_confirm_of_a_large_file_with_errors_starts_no_job(gemeente_client):
    upload(gemeente_client, drie_locaties(Postcode="1234A"))
    bestand = Importbestand.objects.get()
    response = gemeente_client.post(_controle_url(bestand))
    assert response.status_code == 200
    assert "geen geldige postcode" in response.text
    assert not Taak.objects.filter(soort=tasks.IMPORT).exists()
    assert not Locatie.objects.exists()
