"""Activities in the staff portal: who may schedule, change and cancel them, safe concurrent
editing, the recorded history, and fixed query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit, Uitzondering
from kern.concurrency import version_of
from locaties.constants import SamenwerkingRol
from locaties.models import Locatie, Samenwerking
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIJST = reverse("beheer:activiteiten")
NIEUW = reverse("beheer:activiteit_nieuw")


def partner_of(user):
    return user.lidmaatschappen.get().partner


def edit_url(activiteit):
    return reverse("beheer:activiteit_bewerken", args=[activiteit.slug])


def status_url(activiteit):
    return reverse("beheer:activiteit_status", args=[activiteit.slug])


def uitzondering_url(activiteit):
    return reverse("beheer:activiteit_uitzondering", args=[activiteit.slug])


@pytest.fixture
def plek(gemeente, corporatie_medewerker, welzijn_medewerker):
    """A place owned by the corporatie and run by the welzijn organisation."""
    locatie = LocatieFactory(gemeente=gemeente, gepubliceerd=True, naam="Buurthuis De Linde")
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(corporatie_medewerker), rol=SamenwerkingRol.EIGENAAR
    )
    SamenwerkingFactory(
        locatie=locatie, partner=partner_of(welzijn_medewerker), rol=SamenwerkingRol.BEHEERDER
    )
    return locatie


@pytest.fixture
def activiteit(plek, welzijn_medewerker):
    """The welzijn organisation's weekly koffieochtend at its place, next year."""
    next_year = timezone.localdate().year + 1
    return ActiviteitFactory(
        locatie=plek,
        organisator=partner_of(welzijn_medewerker),
        titel="Koffieochtend",
        slug="koffieochtend",
        startdatum=dt.date(next_year, 1, 5),
        herhaling="FREQ=WEEKLY;BYDAY="
        + "MO TU WE TH FR SA SU".split()[dt.date(next_year, 1, 5).weekday()],
    )


def form_data(activiteit, **changes):
    """The edit form as a browser posts it back, opened on the current version."""
    data = {
        "titel": activiteit.titel,
        "omschrijving": activiteit.omschrijving,
        "organisator": activiteit.organisator_id,
        "ruimte": activiteit.ruimte_id or "",
        "categorie": activiteit.categorie,
        "doelgroepen": [],
        "startdatum": activiteit.startdatum.isoformat(),
        "begintijd": activiteit.begintijd.strftime("%H:%M"),
        "eindtijd": activiteit.eindtijd.strftime("%H:%M"),
        "herhaling": activiteit.herhaling,
        "kosten": str(activiteit.kosten),
        "kosten_toelichting": "",
        "aanmelden_via": "",
        "versie": version_of(activiteit),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("welzijn_medewerker", 200),  # its own organisation's activity at its place
        ("gemeente_medewerker", 200),  # in its own gemeente
        ("corporatie_medewerker", 404),  # owns the place, but the activity is someone else's
        ("zorg_medewerker", 404),  # no Samenwerking
        ("buitenstaander", 404),  # another gemeente's organisation
    ],
)
def test_who_may_open_an_activity_in_the_portal(client, request, activiteit, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(edit_url(activiteit)).status_code == expected
    listed = "Koffieochtend" in client.get(LIJST).content.decode()
    assert listed is (expected == 200)


@pytest.mark.parametrize("persona", ["corporatie_medewerker", "zorg_medewerker", "buitenstaander"])
def test_outsiders_cannot_change_cancel_or_archive(client, request, activiteit, persona):
    client.force_login(request.getfixturevalue(persona))
    data = form_data(activiteit, titel="Overgenomen")
    assert client.post(edit_url(activiteit), data).status_code == 404
    assert client.post(status_url(activiteit), {"status": "gearchiveerd"}).status_code == 404
    datum = activiteit.startdatum.isoformat()
    response = client.post(uitzondering_url(activiteit), {"datum": datum, "reden": "x"})
    assert response.status_code == 404
    activiteit.refresh_from_db()
    assert activiteit.titel == "Koffieochtend"
    assert activiteit.status == ActiviteitStatus.GEPUBLICEERD
    assert not Uitzondering.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, activiteit):
    for url in (
        LIJST,
        NIEUW,
        edit_url(activiteit),
        status_url(activiteit),
        uitzondering_url(activiteit),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_a_signed_in_person_without_organisation_is_refused(client, activiteit):
    client.force_login(UserFactory())
    assert client.get(LIJST).status_code == 403
    assert client.get(edit_url(activiteit)).status_code == 403


def test_editing_needs_a_second_factor_when_the_installation_demands_it(
    client, settings, welzijn_medewerker, activiteit
):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    client.force_login(welzijn_medewerker)
    assert client.get(LIJST).status_code == 200  # reading is fine
    response = client.get(edit_url(activiteit))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


# The list ----------------------------------------------------------------------------------


def test_the_list_filters_by_status_category_place_and_text(
    client, welzijn_medewerker, plek, activiteit, gemeente
):
    welzijn = partner_of(welzijn_medewerker)
    andere_plek = LocatieFactory(gemeente=gemeente, naam="Wijkcentrum Noord")
    SamenwerkingFactory(locatie=andere_plek, partner=welzijn)
    ActiviteitFactory(
        locatie=andere_plek,
        organisator=welzijn,
        titel="Computerles",
        categorie=Categorie.COMPUTERLES,
        status=ActiviteitStatus.CONCEPT,
    )
    client.force_login(welzijn_medewerker)

    def titles(**query):
        response = client.get(LIJST, query)
        assert response.status_code == 200
        return [a.titel for a in response.context["page"].object_list]

    assert sorted(titles()) == ["Computerles", "Koffieochtend"]
    assert titles(status="concept") == ["Computerles"]
    assert titles(categorie="koffie") == ["Koffieochtend"]
    assert titles(locatie=andere_plek.slug) == ["Computerles"]
    assert titles(q="noord") == ["Computerles"]  # the place's name
    assert sorted(titles(q="stimenz")) == ["Computerles", "Koffieochtend"]  # organiser
    assert titles(sortering="titel") == ["Computerles", "Koffieochtend"]
    assert titles(sortering="-titel") == ["Koffieochtend", "Computerles"]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "onzin"},
        {"locatie": "bestaat-niet"},
        {"sortering": "wachtwoord"},
        {"pagina": "999"},
        {"pagina": "x"},
        {"q": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_the_list_answers_nonsense_filters_without_error(
    client, welzijn_medewerker, activiteit, query
):
    client.force_login(welzijn_medewerker)
    assert client.get(LIJST, query).status_code == 200


@pytest.mark.parametrize("aantal", [10, 1000])
def test_the_list_runs_a_fixed_number_of_queries(
    client, welzijn_medewerker, plek, aantal, django_assert_max_num_queries
):
    welzijn = partner_of(welzijn_medewerker)
    ruimte = RuimteFactory(locatie=plek)
    template = ActiviteitFactory.build(locatie=plek, organisator=welzijn, ruimte=ruimte)
    Activiteit.objects.bulk_create(
        Activiteit(
            **{
                f.attname: getattr(template, f.attname)
                for f in Activiteit._meta.concrete_fields
                if f.attname not in ("id", "uuid")
            }
            | {"slug": f"activiteit-{n}", "titel": f"Activiteit {n}"}
        )
        for n in range(aantal)
    )
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(8):
        response = client.get(LIJST, {"sortering": "locatie", "q": "activiteit"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == aantal


# Scheduling --------------------------------------------------------------------------------


def test_scheduling_starts_with_a_choice_among_ones_own_places(
    client, welzijn_medewerker, plek, gemeente
):
    elders = LocatieFactory(gemeente=gemeente, naam="Niet van ons")
    client.force_login(welzijn_medewerker)
    response = client.get(NIEUW)
    html = response.content.decode()
    assert plek.naam in html
    assert "Niet van ons" not in html
    response = client.get(NIEUW, {"locatie": elders.slug})
    assert "Op deze locatie kun je geen activiteiten plannen." in response.content.decode()
    assert [t.name for t in response.templates][0] == "beheer/activiteiten/locatie_kiezen.html"


def test_a_new_activity_is_saved_as_concept_with_who_scheduled_it(
    client, welzijn_medewerker, plek
):
    welzijn = partner_of(welzijn_medewerker)
    client.force_login(welzijn_medewerker)
    data = {
        "titel": "Breiclub",
        "organisator": welzijn.pk,
        "categorie": Categorie.CREATIEF,
        "startdatum": "2027-03-02",
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "herhaling": "freq=weekly; byday=tu",
        "kosten": "0",
    }
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.status_code == 302
    activiteit = Activiteit.objects.get(titel="Breiclub")
    assert activiteit.slug == "breiclub"
    assert activiteit.locatie == plek
    assert activiteit.status == ActiviteitStatus.CONCEPT
    assert activiteit.herhaling == "FREQ=WEEKLY;BYDAY=TU"
    assert activiteit.history.get().history_user == welzijn_medewerker


def test_one_cannot_name_an_organisation_without_a_role_at_the_place(
    client, welzijn_medewerker, plek
):
    vreemd = PartnerFactory(naam="Vreemde organisatie")
    client.force_login(welzijn_medewerker)
    data = {
        "titel": "Breiclub",
        "organisator": vreemd.pk,
        "categorie": Categorie.CREATIEF,
        "startdatum": "2027-03-02",
        "begintijd": "14:00",
        "eindtijd": "16:00",
        "kosten": "0",
    }
    response = client.post(f"{NIEUW}?locatie={plek.slug}", data)
    assert response.status_code == 200
    assert "organisator" in response.context["form"].errors
    assert not Activiteit.objects.exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"herhaling": "elke dinsdag"}, "herhaling", "geen geldige RFC 5545 RRULE"),
        ({"herhaling": "FREQ=HOURLY"}, "herhaling", "dagelijks, wekelijks, maandelijks"),
        ({"eindtijd": "09:00"}, "eindtijd", "De eindtijd moet na de begintijd liggen."),
        ({"startdatum": "31-02-2027"}, "startdatum", "Voer een geldige datum in."),
        ({"kosten": "-3"}, "kosten", "minstens 0"),
        ({"titel": ""}, "titel", "Dit veld is verplicht."),
        ({"aanmelden_nodig": "on", "aanmelden_via": ""}, "aanmelden_via", "Zeg hoe bewoners"),
        ({"ruimte": "999999"}, "ruimte", "Selecteer een geldige keuze."),
    ],
)
def test_nonsense_input_gets_a_dutch_message_keeps_the_input_and_saves_nothing(
    client, welzijn_medewerker, activiteit, changes, field, message
):
    client.force_login(welzijn_medewerker)
    before = activiteit.history.count()
    data = form_data(activiteit, **{"titel": "Nieuwe titel", **changes})
    response = client.post(edit_url(activiteit), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form.data["titel"] == data["titel"]
    activiteit.refresh_from_db()
    assert activiteit.titel == "Koffieochtend"
    assert activiteit.history.count() == before


# Changing ----------------------------------------------------------------------------------


def test_a_change_is_saved_and_shown_in_the_history_with_dutch_labels(
    client, welzijn_medewerker, activiteit
):
    client.force_login(welzijn_medewerker)
    response = client.post(
        edit_url(activiteit), form_data(activiteit, titel="Koffie & praat", kosten="1.50")
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.titel == "Koffie & praat"
    latest = activiteit.history.first()
    assert latest.history_user == welzijn_medewerker
    page = client.get(edit_url(activiteit)).content.decode()
    assert (
        '<th scope="row">Titel</th><td data-label="Was">Koffieochtend</td>'
        '<td data-label="Wordt">Koffie &amp; praat</td>'
    ) in page
    assert (
        '<th scope="row">Kosten (€)</th><td data-label="Was">0,00</td>'
        '<td data-label="Wordt">1,50</td>'
    ) in page
    assert welzijn_medewerker.naam in page


def test_the_second_of_two_editors_is_refused_and_keeps_their_input(
    client, welzijn_medewerker, gemeente_medewerker, activiteit
):
    opened = form_data(activiteit)  # both open the form on the same version
    client.force_login(gemeente_medewerker)
    assert client.post(edit_url(activiteit), {**opened, "titel": "Eerste"}).status_code == 302
    client.force_login(welzijn_medewerker)
    response = client.post(edit_url(activiteit), {**opened, "titel": "Tweede"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in html
    assert 'value="Tweede"' in html
    activiteit.refresh_from_db()
    assert activiteit.titel == "Eerste"
    # Saving again after looking is a deliberate choice, and goes through.
    again = response.context["form"].data
    assert client.post(edit_url(activiteit), again).status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.titel == "Tweede"


def test_a_status_change_in_between_also_refuses_a_stale_form(
    client, welzijn_medewerker, activiteit
):
    opened = form_data(activiteit, titel="Later")
    client.force_login(welzijn_medewerker)
    client.post(status_url(activiteit), {"status": "gearchiveerd", "gezien": "gepubliceerd"})
    response = client.post(edit_url(activiteit), opened)
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in response.content.decode()


# Status --------------------------------------------------------------------------------------


def test_publishing_calling_off_and_archiving(client, welzijn_medewerker, activiteit):
    client.force_login(welzijn_medewerker)
    response = client.post(
        status_url(activiteit), {"status": "afgelast", "reden": "  "}, follow=True
    )
    assert "Zeg waarom de activiteit niet doorgaat" in response.content.decode()
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GEPUBLICEERD

    client.post(status_url(activiteit), {"status": "afgelast", "reden": "De vrijwilliger stopt"})
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.AFGELAST
    assert activiteit.history.first().history_change_reason == "De vrijwilliger stopt"

    client.post(status_url(activiteit), {"status": "gearchiveerd"})
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GEARCHIVEERD
    assert Activiteit.objects.filter(pk=activiteit.pk).exists()  # archived, not deleted


@pytest.mark.parametrize("status", ["concept-x", "", "afgelast2", "verwijderd"])
def test_an_unknown_status_changes_nothing(client, welzijn_medewerker, activiteit, status):
    client.force_login(welzijn_medewerker)
    response = client.post(status_url(activiteit), {"status": status}, follow=True)
    assert response.status_code == 200
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GEPUBLICEERD


def test_a_step_that_does_not_exist_is_refused(client, welzijn_medewerker, activiteit):
    activiteit.status = ActiviteitStatus.GEARCHIVEERD
    activiteit.save()
    client.force_login(welzijn_medewerker)
    response = client.post(
        status_url(activiteit), {"status": "afgelast", "reden": "x"}, follow=True
    )
    assert "kan een activiteit niet naar" in response.content.decode()


def test_a_status_changed_by_someone_else_is_not_overridden(
    client, welzijn_medewerker, activiteit
):
    client.force_login(welzijn_medewerker)
    response = client.post(
        status_url(activiteit), {"status": "gearchiveerd", "gezien": "concept"}, follow=True
    )
    assert "Iemand anders heeft de status intussen gewijzigd" in response.content.decode()
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GEPUBLICEERD


def test_status_changes_only_by_post(client, welzijn_medewerker, activiteit):
    client.force_login(welzijn_medewerker)
    assert client.get(status_url(activiteit)).status_code == 405
    assert client.get(uitzondering_url(activiteit)).status_code == 405


# Cancelling one date -----------------------------------------------------------------------


def test_one_date_is_cancelled_with_a_reason_residents_see(client, welzijn_medewerker, activiteit):
    datum = activiteit.startdatum + dt.timedelta(days=7)
    client.force_login(welzijn_medewerker)
    response = client.post(
        uitzondering_url(activiteit), {"datum": datum.isoformat(), "reden": "Koningsdag"}
    )
    assert response.status_code == 302
    uitzondering = Uitzondering.objects.get()
    assert (uitzondering.datum, uitzondering.reden) == (datum, "Koningsdag")
    assert uitzondering.history.get().history_user == welzijn_medewerker
    page = client.get(edit_url(activiteit)).content.decode()
    assert "Koningsdag" in page


@pytest.mark.parametrize(
    "offset_days, reden, message",
    [
        (1, "Koningsdag", "vindt de activiteit niet plaats"),  # not a day of the schedule
        (7, "", "Zeg waarom deze datum vervalt"),
        (None, "Koningsdag", "Vul een datum in"),
    ],
)
def test_a_date_that_cannot_be_cancelled_gets_a_dutch_message(
    client, welzijn_medewerker, activiteit, offset_days, reden, message
):
    datum = (
        "geen datum"
        if offset_days is None
        else (activiteit.startdatum + dt.timedelta(days=offset_days)).isoformat()
    )
    client.force_login(welzijn_medewerker)
    response = client.post(uitzondering_url(activiteit), {"datum": datum, "reden": reden})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["uitzondering_form"].data["reden"] == reden
    assert not Uitzondering.objects.exists()


def test_a_date_is_cancelled_once_and_never_in_the_past(client, welzijn_medewerker, activiteit):
    client.force_login(welzijn_medewerker)
    datum = activiteit.startdatum.isoformat()
    client.post(uitzondering_url(activiteit), {"datum": datum, "reden": "Zomerstop"})
    response = client.post(uitzondering_url(activiteit), {"datum": datum, "reden": "Nogmaals"})
    assert "Deze datum is al uitgezonderd." in response.content.decode()
    activiteit.startdatum = dt.date(2020, 1, 7)
    activiteit.herhaling = "FREQ=WEEKLY"
    activiteit.save()
    response = client.post(
        uitzondering_url(activiteit), {"datum": "2020-01-14", "reden": "Te laat"}
    )
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert Uitzondering.objects.count() == 1


@pytest.mark.parametrize("aantal", [10, 1000])
def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, welzijn_medewerker, activiteit, aantal, django_assert_max_num_queries
):
    Uitzondering.objects.bulk_create(
        Uitzondering(
            activiteit=activiteit,
            datum=activiteit.startdatum + dt.timedelta(weeks=n),
            reden=f"Reden {n}",
        )
        for n in range(aantal)
    )
    History = Activiteit.history.model
    base = activiteit.history.get()
    History.objects.bulk_create(
        History(
            **{
                f.attname: getattr(base, f.attname)
                for f in History._meta.concrete_fields
                if f.attname != "history_id"
            }
            | {
                "titel": f"Titel {n}",
                "history_type": "~",
                "history_user_id": welzijn_medewerker.pk,
            }
        )
        for n in range(aantal)
    )
    RuimteFactory.create_batch(3, locatie=activiteit.locatie)
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(16):
        response = client.get(edit_url(activiteit))
    assert response.status_code == 200
    assert len(response.context["geschiedenis"].entries) == min(aantal + 1, 20)


@pytest.mark.parametrize("aantal", [10, 1000])
def test_the_scheduling_pages_run_a_fixed_number_of_queries(
    client, welzijn_medewerker, plek, aantal, django_assert_max_num_queries
):
    welzijn = partner_of(welzijn_medewerker)
    template = LocatieFactory.build(gemeente=plek.gemeente)
    fields = [f.attname for f in Locatie._meta.concrete_fields if f.attname not in ("id", "uuid")]
    plekken = Locatie.objects.bulk_create(
        Locatie(**{name: getattr(template, name) for name in fields} | {"slug": f"plek-{n}"})
        for n in range(aantal)
    )
    Samenwerking.objects.bulk_create(
        Samenwerking(locatie=locatie, partner=welzijn, rol=SamenwerkingRol.VASTE_GEBRUIKER)
        for locatie in plekken
    )
    RuimteFactory.create_batch(3, locatie=plek)
    client.force_login(welzijn_medewerker)
    with django_assert_max_num_queries(6):
        response = client.get(NIEUW)
    assert len(response.context["keuze"].fields["locatie"].queryset) == aantal + 1
    with django_assert_max_num_queries(10):
        assert client.get(NIEUW, {"locatie": plek.slug}).status_code == 200


@pytest.mark.parametrize(
    "data, message",
    [
        ({"status": "afgelast", "reden": "x" * 101}, "ten hoogste 100 tekens"),
        ({"status": "afgelast\x00", "reden": "Ziek"}, "Onbekende status."),
        ({"reden": "Ziek"}, "Onbekende status."),
    ],
)
def test_a_status_step_with_nonsense_changes_nothing_and_says_why(
    client, welzijn_medewerker, activiteit, data, message
):
    client.force_login(welzijn_medewerker)
    response = client.post(status_url(activiteit), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    activiteit.refresh_from_db()
    assert activiteit.status == ActiviteitStatus.GEPUBLICEERD


def test_a_cancelled_date_can_be_restored_and_the_history_says_who(
    client, welzijn_medewerker, activiteit
):
    datum = activiteit.startdatum + dt.timedelta(days=14)
    uitzondering = Uitzondering.objects.create(
        activiteit=activiteit, datum=datum, reden="Vergissing"
    )
    url = reverse(
        "beheer:activiteit_uitzondering_intrekken", args=[activiteit.slug, uitzondering.pk]
    )
    client.force_login(welzijn_medewerker)
    page = client.get(edit_url(activiteit)).content.decode()
    assert url in page
    response = client.post(url)
    assert response.status_code == 302
    assert not Uitzondering.objects.exists()
    deleted = Uitzondering.history.filter(history_type="-").get()
    assert deleted.history_user == welzijn_medewerker
    assert "gaat toch door" in client.get(edit_url(activiteit)).content.decode()


def test_a_past_cancelled_date_stays_and_another_activitys_date_is_404(
    client, welzijn_medewerker, activiteit, plek
):
    past = Uitzondering.objects.create(activiteit=activiteit, datum=dt.date(2020, 1, 7))
    other = Uitzondering.objects.create(
        activiteit=ActiviteitFactory(locatie=plek), datum=activiteit.startdatum
    )
    client.force_login(welzijn_medewerker)
    response = client.post(
        reverse("beheer:activiteit_uitzondering_intrekken", args=[activiteit.slug, past.pk]),
        follow=True,
    )
    assert "Deze datum ligt in het verleden." in response.content.decode()
    response = client.post(
        reverse("beheer:activiteit_uitzondering_intrekken", args=[activiteit.slug, other.pk])
    )
    assert response.status_code == 404
    assert Uitzondering.objects.count() == 2
