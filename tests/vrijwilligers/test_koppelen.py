"""Volunteers from end to end: a place posts a vacature, a resident answers without an account,
staff match and close, and the resident's details are erased after the retention period; who
sees those details; the spam guards and rate limits."""

import datetime as dt
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kern import spam
from locaties.constants import LocatieStatus, SamenwerkingRol
from partners.permissions import vrijwilligers_handlers
from tests.factories import (
    HulpvraagFactory,
    KoppelingFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    ReactieFactory,
    SamenwerkingFactory,
    VacatureFactory,
)
from vrijwilligers import privacy
from vrijwilligers.constants import HulpvraagStatus, ReactieStatus, VacatureStatus
from vrijwilligers.demo import laad_demo
from vrijwilligers.models import Hulpvraag, Koppeling, Reactie, Vacature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def locatie(gemeente):
    return LocatieFactory(gemeente=gemeente, gepubliceerd=True, naam="Café Noord")


@pytest.fixture
def plekmedewerker(locatie, gemeente):
    """Staff of the welzijn organisation that runs the place."""
    partner = PartnerFactory(naam="MeanderOmnium", werkgebied=[gemeente])
    SamenwerkingFactory(locatie=locatie, partner=partner, rol=SamenwerkingRol.BEHEERDER)
    return LidmaatschapFactory(partner=partner, user__email="wsp@example.org").user


@pytest.fixture
def financier(locatie, gemeente):
    partner = PartnerFactory(naam="Fonds", werkgebied=[gemeente])
    SamenwerkingFactory(locatie=locatie, partner=partner, rol=SamenwerkingRol.FINANCIER)
    return LidmaatschapFactory(partner=partner, user__email="fonds@example.org").user


def answer(**fields):
    """The answer form as a resident sends it back, a minute after opening it."""
    return {
        "naam": "Anja de Vries",
        "telefoon": "",
        "email": "anja@example.net",
        "bericht": "Ik kan op dinsdag.",
        "website": "",
        "start": spam.issue_token(time.time() - 60, purpose="vrijwilligers"),
        **fields,
    }


def request_form(**fields):
    return {
        "soort": "vraag",
        "tekst": "Ik zoek iemand om mee te wandelen.",
        "naam": "Els",
        "telefoon": "030 123 45 67",
        "email": "",
        "website": "",
        "start": spam.issue_token(time.time() - 60, purpose="vrijwilligers"),
        **fields,
    }


def test_the_whole_path_from_vacature_to_erasure(
    client, locatie, plekmedewerker, django_capture_on_commit_callbacks
):
    # Staff post a vacature at their place.
    client.force_login(plekmedewerker)
    response = client.post(
        reverse("beheer:vrijwilligers_vacature_nieuw"),
        {
            "locatie": locatie.pk,
            "titel": "Gastvrouw Café Noord",
            "omschrijving": "Koffie schenken en bezoekers ontvangen.",
            "wanneer": "dinsdag 10–14",
            "hoe_vaak": "elke week",
            "status": VacatureStatus.OPEN,
        },
    )
    assert response.status_code == 302
    vacature = Vacature.objects.get()
    assert vacature.aangemaakt_door == plekmedewerker
    assert vacature.history.count() == 1

    # A resident finds it on the place page and answers without an account.
    client.logout()
    assert (
        "Gastvrouw Café Noord"
        in client.get(reverse("publiek:locatie", args=[locatie.slug])).content.decode()
    )
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, answer())
    assert response.status_code == 302
    reactie = Reactie.objects.get()
    assert (reactie.naam, reactie.email, reactie.status) == (
        "Anja de Vries",
        "anja@example.net",
        ReactieStatus.NIEUW,
    )
    staff_mail, confirmation = sorted(mail.outbox, key=lambda m: bool(m.to))
    assert staff_mail.bcc == ["wsp@example.org"]
    assert "Anja" not in staff_mail.body  # the details stay behind the login
    assert confirmation.to == ["anja@example.net"]
    erasure_path = re.search(r"/vrijwilligers/wissen/[^/\s]+/", confirmation.body).group(0)
    assert privacy.record_for_token(erasure_path.split("/")[-2]) == reactie

    # Staff see the answer with the contact details, match, follow up and close.
    client.force_login(plekmedewerker)
    detail = reverse("beheer:vrijwilligers_reactie", args=[reactie.pk])
    assert "anja@example.net" in client.get(detail).content.decode()
    client.post(detail, {"actie": "oppakken"})
    client.post(detail, {"actie": "koppelen", "notitie": "Begint dinsdag."})
    client.post(detail, {"actie": "koppelen", "notitie": "Gaat goed."})
    koppeling = Koppeling.objects.get()
    assert (koppeling.gekoppeld_door, koppeling.notitie) == (plekmedewerker, "Gaat goed.")
    client.post(detail, {"actie": "sluiten"})
    reactie.refresh_from_db()
    koppeling.refresh_from_db()
    assert reactie.status == ReactieStatus.GESLOTEN
    assert reactie.gesloten_op and koppeling.gesloten_op

    # Not yet erased within the retention period; erased after it, twice harmlessly.
    call_command("wis_vrijwilligersgegevens", stdout=open("/dev/null", "w"))
    reactie.refresh_from_db()
    assert reactie.naam == "Anja de Vries"
    later = timezone.now() + dt.timedelta(days=6 * 31 + 1)
    assert privacy.erase_expired(now=later) == {"reacties": 1, "hulpvragen": 0}
    assert privacy.erase_expired(now=later) == {"reacties": 0, "hulpvragen": 0}
    reactie.refresh_from_db()
    koppeling.refresh_from_db()
    assert (reactie.naam, reactie.telefoon, reactie.email, reactie.bericht) == ("", "", "", "")
    assert reactie.gewist_op is not None and koppeling.notitie == ""
    # The counts outlive the names.
    cijfers = client.get(reverse("beheer:vrijwilligers_cijfers")).context
    assert cijfers["per_maand"][0]["aanmeldingen"] == 1
    assert cijfers["per_maand"][0]["koppelingen"] == 1


def test_the_retention_period_is_a_setting(locatie, settings):
    settings.VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN = 1
    reactie = ReactieFactory(
        vacature__locatie=locatie,
        status=ReactieStatus.GESLOTEN,
        gesloten_op=timezone.now() - dt.timedelta(days=40),
    )
    open_reactie = ReactieFactory(vacature__locatie=locatie)
    assert privacy.erase_expired() == {"reacties": 1, "hulpvragen": 0}
    reactie.refresh_from_db()
    open_reactie.refresh_from_db()
    assert reactie.gewist_op and not open_reactie.gewist_op


def test_the_nightly_job_erases_expired_details_once(locatie, settings):
    """Beat runs vrijwilligers.tasks.wis_verlopen_gegevens every night (in-process here, as
    without a broker); a second run finds nothing more to erase."""
    from django.conf import settings as django_settings

    from vrijwilligers.tasks import wis_verlopen_gegevens

    settings.VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN = 1
    ReactieFactory(
        vacature__locatie=locatie,
        status=ReactieStatus.GESLOTEN,
        gesloten_op=timezone.now() - dt.timedelta(days=40),
    )
    scheduled = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "vrijwilligers.tasks.wis_verlopen_gegevens" in scheduled
    assert wis_verlopen_gegevens.delay().get() == {"reacties": 1, "hulpvragen": 0}
    assert wis_verlopen_gegevens.delay().get() == {"reacties": 0, "hulpvragen": 0}


def test_the_history_of_a_match_keeps_no_note():
    assert "notitie" not in {f.name for f in Koppeling.history.model._meta.get_fields()}
    assert not hasattr(Reactie, "history") and not hasattr(Hulpvraag, "history")


def test_a_resident_erases_their_details_through_the_link(client, locatie):
    reactie = ReactieFactory(vacature__locatie=locatie)
    KoppelingFactory(reactie=reactie, notitie="Anja wandelt mee.")
    url = reverse("vrijwilligers:wissen", args=[privacy.erasure_token(reactie)])
    assert client.get(url).status_code == 200  # a mail scanner following the link erases nothing
    reactie.refresh_from_db()
    assert reactie.naam
    response = client.post(url)
    assert response.status_code == 200
    assert "zijn gewist" in response.content.decode()
    reactie.refresh_from_db()
    assert (reactie.naam, reactie.email, reactie.gewist_op is not None) == ("", "", True)
    assert reactie.koppeling.notitie == ""
    assert client.post(url).status_code == 200  # a second time is harmless


def test_erasing_a_request_erases_the_answers_written_to_it(client, locatie):
    hulpvraag = HulpvraagFactory(locatie=locatie)
    reactie = ReactieFactory(vacature=None, hulpvraag=hulpvraag, locatie=locatie)
    client.post(reverse("vrijwilligers:wissen", args=[privacy.erasure_token(hulpvraag)]))
    hulpvraag.refresh_from_db()
    reactie.refresh_from_db()
    assert (hulpvraag.tekst, hulpvraag.naam, hulpvraag.status) == ("", "", "gesloten")
    assert reactie.gewist_op is not None


@pytest.mark.parametrize("token", ["onzin", "x" * 500, "W1sInIiLCAxXQ:abc:def"])
def test_a_link_that_is_not_ours_answers_404(client, token):
    assert client.get(reverse("vrijwilligers:wissen", args=[token])).status_code == 404
    assert client.post(reverse("vrijwilligers:wissen", args=[token])).status_code == 404


# Who sees what ---------------------------------------------------------------------------


def test_contact_details_are_for_the_organisations_working_at_the_place_only(
    client, locatie, plekmedewerker, gemeente_medewerker, financier, buitenstaander
):
    reactie = ReactieFactory(vacature__locatie=locatie, telefoon="06 1234 5678")
    detail = reverse("beheer:vrijwilligers_reactie", args=[reactie.pk])
    client.force_login(plekmedewerker)
    assert "06 1234 5678" in client.get(detail).content.decode()
    assert "Anja Helpt" not in client.get(reverse("beheer:vrijwilligers_cijfers")).content.decode()
    for outsider in (gemeente_medewerker, financier, buitenstaander):
        client.force_login(outsider)
        assert client.get(detail).status_code == 404
        overzicht = client.get(reverse("beheer:vrijwilligers")).content.decode()
        assert "Anja Helpt" not in overzicht and reactie.vacature.titel not in overzicht


def test_only_the_organisations_working_at_the_place_hear_of_a_new_answer(
    locatie, plekmedewerker, financier, gemeente_medewerker
):
    plekmedewerker.lidmaatschappen.get().partner.lidmaatschappen.create(
        user=LidmaatschapFactory(user__is_active=False).user
    )
    assert list(vrijwilligers_handlers(locatie)) == [plekmedewerker]


def test_the_gemeente_sees_how_many_residents_help_at_each_place(
    client, locatie, gemeente_medewerker, buitenstaander
):
    KoppelingFactory(reactie__vacature__locatie=locatie)
    KoppelingFactory(reactie__vacature__locatie=locatie)
    KoppelingFactory(reactie__vacature__locatie=locatie, gesloten_op=timezone.now())
    client.force_login(gemeente_medewerker)
    context = client.get(reverse("beheer:vrijwilligers_cijfers")).context
    assert context["helpen"] == [{"locatie__naam": "Café Noord", "aantal": 2}]
    assert context["per_maand"][0]["aanmeldingen"] == 3
    client.force_login(buitenstaander)
    context = client.get(reverse("beheer:vrijwilligers_cijfers")).context
    assert context["helpen"] == [] and context["per_maand"] == []


def test_the_public_pages_never_show_a_residents_name(client, locatie):
    HulpvraagFactory(locatie=locatie, naam="Els Wandel", telefoon="030 999 88 77")
    html = client.get(reverse("vrijwilligers:lijst")).content.decode()
    assert "Ik zoek iemand om mee te wandelen." in html
    assert "Els Wandel" not in html and "030 999 88 77" not in html


def test_a_residents_request_is_shown_only_after_review(
    client, locatie, plekmedewerker, django_capture_on_commit_callbacks
):
    url = f"{reverse('vrijwilligers:hulpvraag_nieuw')}?locatie={locatie.slug}"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, request_form(tekst="Ik wil breiles geven.")).status_code == 302
    hulpvraag = Hulpvraag.objects.get()
    assert hulpvraag.status == HulpvraagStatus.TE_BEOORDELEN
    assert [m.bcc for m in mail.outbox] == [["wsp@example.org"]]  # no e-mail: no confirmation
    assert "breiles" not in client.get(reverse("vrijwilligers:lijst")).content.decode()
    public = reverse("vrijwilligers:hulpvraag", args=[hulpvraag.pk])
    assert client.get(public).status_code == 404

    client.force_login(plekmedewerker)
    beheer = reverse("beheer:vrijwilligers_hulpvraag", args=[hulpvraag.pk])
    assert client.post(beheer, {"besluit": "tonen"}).status_code == 302
    client.logout()
    assert "breiles" in client.get(reverse("vrijwilligers:lijst")).content.decode()
    assert client.post(public, answer()).status_code == 302
    assert Reactie.objects.get().hulpvraag == hulpvraag


@pytest.mark.parametrize(
    "vacature_kwargs",
    [
        {"status": VacatureStatus.GESLOTEN},
        {"locatie__status": LocatieStatus.CONCEPT},
        {"locatie__status": LocatieStatus.GEARCHIVEERD},
    ],
)
def test_a_closed_vacature_or_one_at_a_place_not_public_answers_404(client, vacature_kwargs):
    vacature = VacatureFactory(**vacature_kwargs)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, answer()).status_code == 404
    assert not Reactie.objects.exists()


def test_the_list_filters_by_gemeente_and_wijk(client, locatie, andere_gemeente):
    hier = VacatureFactory(locatie=locatie, titel="Hier helpen")
    elders = VacatureFactory(
        locatie=LocatieFactory(gemeente=andere_gemeente, gepubliceerd=True), titel="Elders"
    )
    html = client.get(reverse("vrijwilligers:lijst"), {"gemeente": "apeldoorn"}).content.decode()
    assert hier.titel in html and elders.titel not in html
    html = client.get(reverse("vrijwilligers:lijst"), {"gemeente": "zeist"}).content.decode()
    assert hier.titel not in html and elders.titel in html


def test_staff_can_post_only_at_places_where_their_organisation_works(
    client, locatie, plekmedewerker, gemeente
):
    elders = LocatieFactory(gemeente=gemeente, gepubliceerd=True)
    client.force_login(plekmedewerker)
    response = client.post(
        reverse("beheer:vrijwilligers_vacature_nieuw"),
        {
            "locatie": elders.pk,
            "titel": "X",
            "omschrijving": "Y",
            "wanneer": "Z",
            "hoe_vaak": "W",
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert "locatie" in response.context["form"].errors
    assert not Vacature.objects.exists()


# Spam and floods -------------------------------------------------------------------------


def test_an_answer_needs_a_name_and_a_phone_number_or_an_e_mail_address(client, locatie):
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    response = client.post(url, answer(email="", telefoon=""))
    assert response.status_code == 200
    assert "Vul een telefoonnummer of een e-mailadres in" in response.content.decode()
    assert response.context["form"].data["naam"] == "Anja de Vries"
    response = client.post(url, answer(naam="   ", telefoon="06 12345678"))
    assert "Vul je naam in." in response.content.decode()
    response = client.post(url, answer(email="", telefoon="bel me maar"))
    assert "alleen cijfers" in response.content.decode()
    assert not Reactie.objects.exists()
    assert client.post(url, answer(email="", telefoon="06 12345678")).status_code == 302


def test_a_filled_honeypot_looks_accepted_and_saves_nothing(client, locatie):
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    assert client.post(url, answer(website="https://spam.example")).status_code == 302
    assert not Reactie.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (lambda: spam.issue_token(time.time(), purpose="vrijwilligers"), "heel snel"),
        (lambda: spam.issue_token(time.time() - 86_400, purpose="vrijwilligers"), "te lang open"),
        (lambda: spam.issue_token(time.time() - 60, purpose="meldingen"), "te lang open"),
        (lambda: "", "te lang open"),
    ],
)
def test_a_form_sent_too_fast_too_late_or_from_elsewhere_is_refused(
    client, locatie, start, message
):
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    response = client.post(url, answer(start=start()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reactie.objects.exists()


def test_more_than_one_link_is_refused(client, locatie):
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    response = client.post(url, answer(bericht="https://a.example en www.b.example"))
    assert "ten hoogste 1 link" in response.content.decode()
    assert not Reactie.objects.exists()


def test_one_address_sends_a_limited_number_an_hour_without_its_ip_being_stored(
    client, gemeente, settings
):
    settings.VRIJWILLIGERS_PER_IP_PER_HOUR = 3
    vacatures = [VacatureFactory(locatie__gemeente=gemeente) for _ in range(4)]
    for vacature in vacatures[:3]:
        url = reverse("vrijwilligers:vacature", args=[vacature.pk])
        assert client.post(url, answer(), REMOTE_ADDR="198.51.100.4").status_code == 302
    url = reverse("vrijwilligers:vacature", args=[vacatures[3].pk])
    response = client.post(url, answer(), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    assert "Ik kan op dinsdag." in response.content.decode()  # the text is not lost
    assert client.post(url, answer(), REMOTE_ADDR="198.51.100.5").status_code == 302
    assert Reactie.objects.count() == 4
    stored = [str(value) for row in Reactie.objects.values() for value in row.values()]
    assert not any("198.51.100" in value for value in stored)


def test_one_place_takes_a_limited_number_a_day(client, locatie, settings):
    settings.VRIJWILLIGERS_PER_LOCATIE_PER_DAY = 2
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    for address in ("192.0.2.1", "192.0.2.2"):
        assert client.post(url, answer(), REMOTE_ADDR=address).status_code == 302
    assert client.post(url, answer(), REMOTE_ADDR="192.0.2.3").status_code == 429
    request_url = f"{reverse('vrijwilligers:hulpvraag_nieuw')}?locatie={locatie.slug}"
    assert client.post(request_url, request_form(), REMOTE_ADDR="192.0.2.4").status_code == 429
    assert Reactie.objects.count() == 2 and not Hulpvraag.objects.exists()


def test_the_limits_of_reports_and_of_volunteers_do_not_mix(client, locatie, settings):
    settings.VRIJWILLIGERS_PER_IP_PER_HOUR = 1
    vacature = VacatureFactory(locatie=locatie)
    url = reverse("vrijwilligers:vacature", args=[vacature.pk])
    assert client.post(url, answer()).status_code == 302
    melding = {
        "omschrijving": "De openingstijden kloppen niet.",
        "email": "",
        "website": "",
        "start": spam.issue_token(time.time() - 60),
    }
    response = client.post(f"{reverse('meldingen:nieuw')}?locatie={locatie.slug}", melding)
    assert response.status_code == 302


# Demo ----------------------------------------------------------------------------------------


def test_the_demo_loads_zeists_examples_once(andere_gemeente):
    assert laad_demo() == 0  # without Wijkservicepunt Noord nothing happens
    LocatieFactory(gemeente=andere_gemeente, naam="Wijkservicepunt Noord", gepubliceerd=True)
    assert laad_demo() > 0
    assert laad_demo() == 0
    titels = set(Vacature.objects.values_list("titel", flat=True))
    assert {"Gastvrouw of gastheer in Café Noord", "Chauffeur voor de maaltijdronde"} <= titels
    assert Koppeling.objects.count() == 1
