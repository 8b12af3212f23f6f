"""The "klopt nog" link (valid, expired, tampered, someone else's) and a person's choices."""

import datetime as dt
import time

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from herinneringen import kloptnog
from herinneringen.models import Voorkeur
from locaties.constants import SamenwerkingRol
from locaties.models import Locatie
from tests.factories import LocatieFactory, SamenwerkingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plek(gemeente, corporatie):
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Eik", gepubliceerd=True)
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    long_ago = timezone.now() - relativedelta(months=11, days=5)
    Locatie.objects.filter(pk=locatie.pk).update(
        aangemaakt_op=long_ago, laatst_bevestigd_op=long_ago
    )
    return Locatie.objects.get(pk=locatie.pk)


def _url(token):
    return reverse("beheer:klopt_nog", args=[token])


def _confirmed(locatie):
    locatie.refresh_from_db()
    return locatie.laatst_bevestigd_op, locatie.laatst_bevestigd_door_id


def test_opening_the_link_changes_nothing_and_shows_one_button(
    client, plek, corporatie_medewerker
):
    before = _confirmed(plek)
    response = client.get(_url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek)))

    assert response.status_code == 200
    assert "Kloppen de gegevens nog?" in response.text
    assert "Ja, de gegevens kloppen nog" in response.text
    assert _confirmed(plek) == before  # a mail scanner following the link confirms nothing


def test_pressing_the_button_confirms_as_the_person_the_link_was_sent_to_without_signing_in(
    client, plek, corporatie_medewerker
):
    url = _url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek))

    response = client.post(url)

    assert response.status_code == 200
    assert "Bevestigd" in response.text
    bevestigd_op, door = _confirmed(plek)
    assert door == corporatie_medewerker.pk
    assert timezone.now() - bevestigd_op < dt.timedelta(minutes=1)
    page = client.get(url)
    assert "Bevestigd" in page.text
    assert "Ja, de gegevens kloppen nog" not in page.text


def test_a_signed_in_editor_confirms_with_the_link_too(client, plek, corporatie_medewerker):
    client.force_login(corporatie_medewerker)
    client.post(_url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek)))
    assert _confirmed(plek)[1] == corporatie_medewerker.pk


def test_a_used_link_does_not_confirm_again(client, plek, corporatie_medewerker):
    url = _url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek))
    client.post(url)
    first = _confirmed(plek)
    client.post(url)
    assert _confirmed(plek) == first


def test_an_expired_link_says_so_and_changes_nothing(
    client, plek, corporatie_medewerker, monkeypatch, settings
):
    settings.KLOPT_NOG_GELDIG_DAGEN = 30
    real = time.time()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: real - 31 * 24 * 3600)
        token = kloptnog.make_token(user=corporatie_medewerker, locatie=plek)
    before = _confirmed(plek)

    assert client.get(_url(token)).status_code == 410
    response = client.post(_url(token))

    assert response.status_code == 410
    assert "Deze link is verlopen" in response.text
    assert _confirmed(plek) == before


def test_a_tampered_link_is_not_found_and_changes_nothing(client, plek, corporatie_medewerker):
    token = kloptnog.make_token(user=corporatie_medewerker, locatie=plek)
    before = _confirmed(plek)
    for tampered in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "x", "a:b:c"):
        assert client.post(_url(tampered)).status_code == 404
    assert _confirmed(plek) == before


def test_a_link_for_a_place_the_person_cannot_edit_changes_nothing(client, plek, buitenstaander):
    before = _confirmed(plek)
    response = client.post(_url(kloptnog.make_token(user=buitenstaander, locatie=plek)))
    assert response.status_code == 404
    assert _confirmed(plek) == before


def test_someone_else_signed_in_cannot_use_the_link(
    client, plek, corporatie_medewerker, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)  # may edit the place, but the link is not theirs
    before = _confirmed(plek)
    response = client.post(_url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek)))
    assert response.status_code == 403
    assert "Deze link is voor iemand anders" in response.text
    assert _confirmed(plek) == before


def test_a_link_of_someone_who_left_changes_nothing(client, plek, corporatie_medewerker):
    token = kloptnog.make_token(user=corporatie_medewerker, locatie=plek)
    corporatie_medewerker.lidmaatschappen.all().delete()
    before = _confirmed(plek)
    assert client.post(_url(token)).status_code == 404
    assert _confirmed(plek) == before


def test_the_link_page_in_english(client, plek, corporatie_medewerker):
    token = kloptnog.make_token(user=corporatie_medewerker, locatie=plek)
    response = client.get("/en" + _url(token))
    assert "Are the details still correct?" in response.text
    assert "Yes, the details are still correct" in response.text


# Choices -----------------------------------------------------------------------------------


def test_every_email_is_on_by_default_in_dutch(client, corporatie_medewerker):
    client.force_login(corporatie_medewerker)
    form = client.get(reverse("beheer:herinneringen_voorkeuren")).context["form"]
    assert all(form[name].value() for name in ("ter_beoordeling", "bevestigen"))
    assert form["taal"].value() == "nl"


def test_switching_emails_off_and_choosing_english_is_kept(client, corporatie_medewerker):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:herinneringen_voorkeuren"),
        {"ter_beoordeling": "on", "samenwerking_loopt_af": "on", "taal": "en"},
    )
    assert response.status_code == 302
    voorkeur = Voorkeur.objects.get(user=corporatie_medewerker)
    assert (voorkeur.ter_beoordeling, voorkeur.bevestigen, voorkeur.taal) == (True, False, "en")
    assert voorkeur.samenwerking_loopt_af and not voorkeur.financiering_loopt_af
    page = client.get(reverse("beheer:herinneringen_voorkeuren"))
    assert "Je keuzes voor de e-mails zijn opgeslagen." in page.text


def test_an_unknown_language_is_refused_and_nothing_saved(client, corporatie_medewerker):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:herinneringen_voorkeuren"), {"bevestigen": "on", "taal": "klingon"}
    )
    assert response.status_code == 200
    assert "Je keuzes zijn niet opgeslagen." in response.text
    assert not Voorkeur.objects.exists()


def test_the_account_page_links_to_the_choices(client, corporatie_medewerker):
    client.force_login(corporatie_medewerker)
    response = client.get(reverse("beheer:account"))
    assert reverse("beheer:herinneringen_voorkeuren") in response.text


def test_the_pages_run_a_fixed_number_of_queries(
    client, plek, corporatie_medewerker, django_assert_max_num_queries
):
    client.force_login(corporatie_medewerker)
    with django_assert_max_num_queries(6):
        client.get(reverse("beheer:herinneringen_voorkeuren"))
    client.logout()
    url = _url(kloptnog.make_token(user=corporatie_medewerker, locatie=plek))
    with django_assert_max_num_queries(3):
        client.get(url)
