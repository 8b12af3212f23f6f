"""The staff portal's pages for places: who gets in, what is saved, what is refused."""

import datetime as dt

import pytest
import requests
from django import forms
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kern.concurrency import version_of
from locaties.constants import LocatieStatus, SamenwerkingRol, Weekdag
from locaties.models import (
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
)
from partners.constants import Rechtsvorm
from tests.factories import (
    FinancieringFactory,
    LidmaatschapFactory,
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    VerhuurFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plek(gemeente, corporatie):
    """A concept place of the corporatie persona's organisation (eigenaar) in Apeldoorn."""
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Linde")
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    return locatie


@pytest.fixture
def ruimte(plek):
    return RuimteFactory(locatie=plek, naam="Grote zaal")


def url_kwargs(name, plek, ruimte):
    """The arguments of each portal URL for `plek`."""
    child = {
        "ruimte_bewerken": ruimte.pk,
        "verhuur_nieuw": ruimte.pk,
        "samenwerking_bewerken": plek.samenwerkingen.first().pk,
        "financiering_bewerken": FinancieringFactory(locatie=plek).pk,
    }
    if name in child:
        return {"slug": plek.slug, "pk": child[name]}
    return {"slug": plek.slug}


RECORD_PAGES = [
    "locatie",
    "locatie_bewerken",
    "locatie_tijden",
    "ruimte_nieuw",
    "ruimte_bewerken",
    "verhuur_nieuw",
    "samenwerking_nieuw",
    "samenwerking_bewerken",
    "financiering_nieuw",
    "financiering_bewerken",
]
POST_ONLY = ["locatie_indienen", "locatie_status", "locatie_bevestigen"]


def form_data(form):
    """What a browser posts back for an unbound form: its initial values."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(form.fields[name].widget, forms.NullBooleanSelect):
            data[form.add_prefix(name)] = {True: "true", False: "false"}.get(value, "unknown")
            continue
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [getattr(item, "pk", item) for item in value]
        elif value is True:
            data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(getattr(value, "pk", value))
    return data


# Who gets in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_own_organisation_opens_every_page_of_its_place(
    client, corporatie_medewerker, plek, ruimte, name
):
    client.force_login(corporatie_medewerker)
    response = client.get(reverse(f"beheer:{name}", kwargs=url_kwargs(name, plek, ruimte)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_another_organisation_gets_404_for_every_page_of_the_place(
    client, buitenstaander, plek, ruimte, name
):
    client.force_login(buitenstaander)
    response = client.get(reverse(f"beheer:{name}", kwargs=url_kwargs(name, plek, ruimte)))
    assert response.status_code == 404


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_gemeente_staff_open_every_page_of_a_place_in_their_gemeente(
    client, gemeente_medewerker, plek, ruimte, name
):
    client.force_login(gemeente_medewerker)
    response = client.get(reverse(f"beheer:{name}", kwargs=url_kwargs(name, plek, ruimte)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", RECORD_PAGES + POST_ONLY)
def test_anonymous_visitors_are_sent_to_the_login_page(client, plek, ruimte, name):
    url = reverse(f"beheer:{name}", kwargs=url_kwargs(name, plek, ruimte))
    response = client.post(url) if name in POST_ONLY else client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["start", "locaties", "beoordelen", "locatie_nieuw"])
def test_anonymous_visitors_are_sent_to_the_login_page_from_the_lists(client, name):
    response = client.get(reverse(f"beheer:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", POST_ONLY)
def test_actions_answer_405_to_get(client, gemeente_medewerker, plek, name):
    client.force_login(gemeente_medewerker)
    response = client.get(reverse(f"beheer:{name}", kwargs={"slug": plek.slug}))
    assert response.status_code == 405


@pytest.mark.parametrize("name", POST_ONLY)
def test_actions_answer_404_outside_ones_rights(client, buitenstaander, plek, name):
    client.force_login(buitenstaander)
    response = client.post(
        reverse(f"beheer:{name}", kwargs={"slug": plek.slug}),
        {"status": LocatieStatus.GEPUBLICEERD},
    )
    assert response.status_code == 404
    assert Locatie.objects.get(pk=plek.pk).status == LocatieStatus.CONCEPT


def test_a_zorgpartner_reads_the_place_but_gets_404_on_its_edit_form(
    client, zorg_medewerker, plek
):
    partner = zorg_medewerker.lidmaatschappen.get().partner
    SamenwerkingFactory(locatie=plek, partner=partner, rol=SamenwerkingRol.ZORGPARTNER)
    client.force_login(zorg_medewerker)

    page = client.get(reverse("beheer:locatie", kwargs={"slug": plek.slug}))
    assert page.status_code == 200
    assert reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}) not in page.text
    edit = client.get(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}))
    assert edit.status_code == 404


def test_a_partner_cannot_publish_its_own_place(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_status", kwargs={"slug": plek.slug}),
        {"status": LocatieStatus.GEPUBLICEERD},
    )
    assert response.status_code == 404
    assert Locatie.objects.get(pk=plek.pk).status == LocatieStatus.CONCEPT


def test_a_room_of_another_place_is_not_reachable_through_ones_own_place(
    client, corporatie_medewerker, plek
):
    elders = RuimteFactory(naam="Zaal elders")
    client.force_login(corporatie_medewerker)
    response = client.get(
        reverse("beheer:ruimte_bewerken", kwargs={"slug": plek.slug, "pk": elders.pk})
    )
    assert response.status_code == 404


def test_editors_without_two_factor_are_sent_to_set_it_up(
    settings, client, corporatie_medewerker, plek
):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    client.force_login(corporatie_medewerker)
    response = client.get(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


# Registering ----------------------------------------------------------------------------------


def registration(gemeente, **extra):
    return {
        "gemeente": gemeente.pk,
        "naam": "Huiskamer Het Anker",
        "soort": "plus_punt",
        "straat": "Ankerweg",
        "huisnummer": "12",
        "postcode": "7311ab",
        "plaats": "Apeldoorn",
        "adres_openbaar": "on",
        "rolstoeltoegankelijk": "unknown",
        "aangepast_toilet": "true",
        "ringleiding": "false",
        "prikkelarme_ruimte": "unknown",
        "gehandicaptenparkeerplaats": "unknown",
        **extra,
    }


def test_a_corporatie_registers_a_concept_and_becomes_eigenaar(
    client, corporatie_medewerker, corporatie, gemeente
):
    client.force_login(corporatie_medewerker)
    response = client.post(reverse("beheer:locatie_nieuw"), registration(gemeente))

    locatie = Locatie.objects.get(naam="Huiskamer Het Anker")
    assert response.status_code == 302
    assert response.url == reverse("beheer:locatie", kwargs={"slug": locatie.slug})
    assert locatie.status == LocatieStatus.CONCEPT
    assert locatie.postcode == "7311 AB"
    assert locatie.aangepast_toilet is True and locatie.rolstoeltoegankelijk is None
    samenwerking = locatie.samenwerkingen.get()
    assert (samenwerking.partner, samenwerking.rol) == (corporatie, SamenwerkingRol.EIGENAAR)
    assert locatie.history.get().history_user == corporatie_medewerker


def test_a_person_in_two_organisations_chooses_which_registers(
    client, corporatie_medewerker, gemeente
):
    welzijn = PartnerFactory(naam="Welzijn Noord", werkgebied=[gemeente])
    LidmaatschapFactory(user=corporatie_medewerker, partner=welzijn)
    client.force_login(corporatie_medewerker)

    page = client.get(reverse("beheer:locatie_nieuw"))
    assert "Welzijn Noord" in page.text
    client.post(reverse("beheer:locatie_nieuw"), registration(gemeente, partner=welzijn.pk))

    samenwerking = Samenwerking.objects.get(locatie__naam="Huiskamer Het Anker")
    assert (samenwerking.partner, samenwerking.rol) == (welzijn, SamenwerkingRol.BEHEERDER)


def test_registering_for_someone_elses_organisation_is_refused(
    client, corporatie_medewerker, gemeente
):
    vreemd = PartnerFactory(naam="Vreemde Stichting", werkgebied=[gemeente])
    LidmaatschapFactory(user=corporatie_medewerker, partner=PartnerFactory())
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_nieuw"), registration(gemeente, partner=vreemd.pk)
    )
    assert response.status_code == 200
    assert "partner" in response.context["form"].errors
    assert not Locatie.objects.exists()


def test_nonsense_registration_is_explained_in_dutch_and_nothing_is_saved(
    client, corporatie_medewerker, gemeente
):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_nieuw"),
        registration(
            gemeente,
            naam="Huiskamer <script>",
            huisnummer="twaalf",
            postcode="ABCD 12",
            latitude="200",
            email="geen-adres",
            is_sterlocatie="on",
            soort="kasteel",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"huisnummer", "postcode", "latitude", "email", "soort"}
    assert "Voer een geheel getal in." in errors["huisnummer"]
    assert 'value="Huiskamer &lt;script&gt;"' in response.text  # input kept, escaped
    assert "Niet opgeslagen" in response.text
    assert not Locatie.objects.exists()
    assert not Samenwerking.objects.exists()


def test_only_one_coordinate_is_refused(client, corporatie_medewerker, gemeente):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_nieuw"), registration(gemeente, latitude="52.21")
    )
    assert "Vul zowel breedtegraad als lengtegraad in" in response.text
    assert not Locatie.objects.exists()


def test_a_wijk_of_another_gemeente_is_refused(
    client, corporatie_medewerker, gemeente, andere_gemeente
):
    LidmaatschapFactory(
        user=corporatie_medewerker,
        partner=PartnerFactory(werkgebied=[andere_gemeente]),
    )
    elders = WijkFactory(gemeente=andere_gemeente)
    client.force_login(corporatie_medewerker)
    corporatie = corporatie_medewerker.lidmaatschappen.order_by("pk").first().partner
    response = client.post(
        reverse("beheer:locatie_nieuw"),
        registration(gemeente, wijk=elders.pk, partner=corporatie.pk),
    )
    assert response.status_code == 200
    assert "wijk" in response.context["form"].errors
    assert not Locatie.objects.exists()


# Editing and concurrency ----------------------------------------------------------------------


def edit_data(client, plek, **changes):
    page = client.get(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}))
    return {**form_data(page.context["form"]), **changes}


def test_an_edit_is_saved_and_recorded_with_who_and_what(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    data = edit_data(client, plek, naam="Buurthuiskamer De Eik", voorzieningen=["wifi", "keuken"])

    response = client.post(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}), data)

    assert response.status_code == 302
    plek.refresh_from_db()
    assert plek.naam == "Buurthuiskamer De Eik"
    latest = plek.history.first()
    assert latest.history_user == corporatie_medewerker
    assert "Voorzieningen: + Keuken, + Gratis wifi" in latest.history_change_reason


def test_the_second_of_two_editors_is_refused_keeps_input_and_saves_nothing(
    client, corporatie_medewerker, gemeente_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    eerste = edit_data(client, plek, naam="Naam van de eerste")
    tweede = {**eerste, "naam": "Naam van de tweede", "telefoon": "06 12345678"}
    url = reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug})

    assert client.post(url, eerste).status_code == 302
    client.force_login(gemeente_medewerker)
    response = client.post(url, tweede)

    assert response.status_code == 200
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in response.text
    assert 'value="Naam van de tweede"' in response.text
    assert 'value="06 12345678"' in response.text
    plek.refresh_from_db()
    assert plek.naam == "Naam van de eerste"
    assert plek.telefoon == "055 123 45 67"
    # The form now carries the current version: saving again is a deliberate choice.
    assert response.context["form"].data["versie"] == version_of(plek)


def test_an_edit_with_errors_keeps_the_input_and_saves_nothing(
    client, corporatie_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    data = edit_data(
        client, plek, naam="Nieuwe naam", postcode="1234", is_sterlocatie="on", website="::"
    )
    response = client.post(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug}), data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "postcode" in errors and "website" in errors
    assert 'value="Nieuwe naam"' in response.text
    plek.refresh_from_db()
    assert plek.naam == "Buurthuiskamer De Linde"
    assert plek.history.count() == 1


# Opening hours --------------------------------------------------------------------------------


def tijden_data(client, plek):
    page = client.get(reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug}))
    data = {"versie": page.context["versie_form"]["versie"].value()}
    for formset in page.context["formsets"].values():
        data.update(
            {
                f"{formset.prefix}-{key}": value
                for key, value in formset.management_form.initial.items()
            }
        )
        for form in formset.forms:
            data.update(form_data(form))
    return data


def test_opening_hours_are_saved_with_history_and_move_the_places_version(
    client, corporatie_medewerker, plek
):
    bestaand = OpeningstijdFactory(locatie=plek, weekdag=Weekdag.MAANDAG)
    client.force_login(corporatie_medewerker)
    versie_voor = version_of(plek)
    data = tijden_data(client, plek)
    data.update(
        {
            "open-0-DELETE": "on",
            "open-1-weekdag": str(Weekdag.DINSDAG),
            "open-1-van": "13:30",
            "open-1-tot": "16:00",
            "sluiting-0-van": "2027-12-24",
            "sluiting-0-tot": "2027-12-26",
            "sluiting-0-reden": "Kerst",
        }
    )
    response = client.post(reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug}), data)

    assert response.status_code == 302
    assert list(plek.openingstijden.values_list("weekdag", "van")) == [
        (Weekdag.DINSDAG, dt.time(13, 30))
    ]
    assert plek.sluitingen.get().reden == "Kerst"
    deleted = Openingstijd.history.get(id=bestaand.pk, history_type="-")
    assert deleted.history_user == corporatie_medewerker
    assert version_of(plek) != versie_voor
    assert plek.history.first().history_change_reason == "Tijden gewijzigd"


def test_overlapping_and_reversed_hours_are_refused_and_nothing_is_saved(
    client, corporatie_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    data = tijden_data(client, plek)
    data.update(
        {
            "open-TOTAL_FORMS": "2",  # two rows filled in (the page offers one empty row)
            "open-0-weekdag": "0",
            "open-0-van": "09:00",
            "open-0-tot": "12:00",
            "open-1-weekdag": "0",
            "open-1-van": "11:00",
            "open-1-tot": "14:00",
            "sluiting-0-van": "2027-12-24",
            "sluiting-0-tot": "2027-12-20",
        }
    )
    response = client.post(reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug}), data)

    assert response.status_code == 200
    assert "Twee tijdvakken op maandag overlappen elkaar." in response.text
    assert "De laatste dag ligt vóór de eerste dag." in response.text
    assert not Openingstijd.objects.exists()
    assert not Sluiting.objects.exists()


def test_nonsense_times_get_dutch_errors(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    data = tijden_data(client, plek)
    data.update({"open-0-weekdag": "9", "open-0-van": "negen uur", "open-0-tot": "25:00"})
    response = client.post(reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug}), data)
    assert response.status_code == 200
    assert "Voer een geldige tijd in." in response.text
    assert not Openingstijd.objects.exists()


def test_hours_saved_on_a_stale_version_are_refused(
    client, corporatie_medewerker, gemeente_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    data = tijden_data(client, plek)
    data.update({"open-0-weekdag": "0", "open-0-van": "09:00", "open-0-tot": "12:00"})
    plek.naam = "Intussen gewijzigd"
    plek.save()

    response = client.post(reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug}), data)

    assert response.status_code == 200
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in response.text
    assert not Openingstijd.objects.exists()


def test_support_hours_are_offered_only_for_a_sterlocatie(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    url = reverse("beheer:locatie_tijden", kwargs={"slug": plek.slug})
    assert "begeleidingstijden" not in client.get(url).context["formsets"]
    Locatie.objects.filter(pk=plek.pk).update(is_sterlocatie=True, begeleiding_psychiatrie=True)
    assert "begeleidingstijden" in client.get(url).context["formsets"]


# Rooms, lettings, samenwerkingen, financing ---------------------------------------------------


def test_a_room_is_added_and_a_duplicate_name_is_refused(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    url = reverse("beheer:ruimte_nieuw", kwargs={"slug": plek.slug})
    data = {
        "naam": "Serre",
        "capaciteit": "12",
        "verhuurbaar": "on",
        "huurprijs_per_dagdeel": "20",
    }

    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "naam": "serre"})

    assert "Deze locatie heeft al een ruimte met deze naam." in response.text
    assert Ruimte.objects.filter(locatie=plek).count() == 1


def test_nonsense_room_input_is_refused_in_dutch(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:ruimte_nieuw", kwargs={"slug": plek.slug}),
        {"naam": "", "capaciteit": "-3", "huurprijs_per_dagdeel": "gratis"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Dit veld is verplicht." in errors["naam"]
    assert "capaciteit" in errors and "huurprijs_per_dagdeel" in errors
    assert not Ruimte.objects.exists()


def test_letting_a_corporatie_room_to_a_company_shows_the_btiv_refusal(
    client, corporatie_medewerker, plek, ruimte, gemeente
):
    bedrijf = PartnerFactory(
        naam="Feestzalen BV", rechtsvorm=Rechtsvorm.BV, soort="overig", werkgebied=[gemeente]
    )
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": ruimte.pk}),
        {"huurder": bedrijf.pk, "ingangsdatum": "2027-02-01", "doel": "Verjaardagsfeesten"},
    )
    assert response.status_code == 200
    assert "(Btiv)" in response.context["form"].errors["huurder"][0]
    assert not Verhuur.objects.exists()


def test_letting_a_corporatie_room_to_a_general_interest_stichting_is_recorded(
    client, corporatie_medewerker, plek, ruimte, gemeente
):
    stichting = PartnerFactory(naam="Stichting Buurtkracht", werkgebied=[gemeente])
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": ruimte.pk}),
        {"huurder": stichting.pk, "ingangsdatum": "2027-02-01", "doel": "Taalcafé"},
    )
    assert response.status_code == 302
    verhuur = Verhuur.objects.get()
    assert verhuur.huurder == stichting
    assert verhuur.history.get().history_user == corporatie_medewerker


def test_letting_a_room_already_let_in_that_period_is_refused_with_the_reason(
    client, corporatie_medewerker, plek, ruimte, gemeente
):
    VerhuurFactory(
        ruimte=ruimte,
        huurder=PartnerFactory(naam="Stichting Buurtkracht"),
        ingangsdatum=dt.date(2027, 1, 1),
        einddatum=dt.date(2027, 12, 31),
    )
    stichting = PartnerFactory(naam="Stichting Taalcafé", werkgebied=[gemeente])
    client.force_login(corporatie_medewerker)

    response = client.post(
        reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": ruimte.pk}),
        {"huurder": stichting.pk, "ingangsdatum": "2027-06-01", "doel": "Taalcafé"},
    )

    assert response.status_code == 200
    assert "al verhuurd aan Stichting Buurtkracht" in response.text
    assert Verhuur.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)
def test_a_letting_that_loses_a_race_gets_a_message_not_an_error(
    client, corporatie_medewerker, plek, ruimte, gemeente, monkeypatch
):
    """The other letting went in between the form's check and the save."""
    from locaties import models

    VerhuurFactory(ruimte=ruimte, ingangsdatum=dt.date(2027, 1, 1))
    monkeypatch.setattr(models, "overlapping_verhuringen", lambda **kwargs: Verhuur.objects.none())
    stichting = PartnerFactory(naam="Stichting Taalcafé", werkgebied=[gemeente])
    client.force_login(corporatie_medewerker)

    response = client.post(
        reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": ruimte.pk}),
        {"huurder": stichting.pk, "ingangsdatum": "2027-06-01", "doel": "Taalcafé"},
    )

    assert response.status_code == 200
    assert "Deze ruimte is in die periode al verhuurd." in response.text
    assert Verhuur.objects.count() == 1


def test_a_room_not_for_rent_cannot_be_let(client, corporatie_medewerker, plek):
    niet_te_huur = RuimteFactory(locatie=plek, verhuurbaar=False, huurprijs_per_dagdeel=None)
    client.force_login(corporatie_medewerker)
    response = client.get(
        reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": niet_te_huur.pk})
    )
    assert response.status_code == 404


def test_a_samenwerking_is_added_ended_and_a_duplicate_role_refused(
    client, corporatie_medewerker, plek, corporatie, gemeente
):
    welzijn = PartnerFactory(naam="Stimenz", werkgebied=[gemeente])
    client.force_login(corporatie_medewerker)
    url = reverse("beheer:samenwerking_nieuw", kwargs={"slug": plek.slug})
    data = {"partner": welzijn.pk, "rol": SamenwerkingRol.WELZIJNSPARTNER}

    assert client.post(url, data).status_code == 302
    duplicate = client.post(url, data)
    assert "Deze partner heeft deze rol al bij deze locatie." in duplicate.text

    samenwerking = Samenwerking.objects.get(partner=welzijn)
    edit_url = reverse(
        "beheer:samenwerking_bewerken", kwargs={"slug": plek.slug, "pk": samenwerking.pk}
    )
    form = client.get(edit_url).context["form"]
    reversed_dates = {**form_data(form), "ingangsdatum": "2027-05-01", "einddatum": "2027-01-01"}
    assert "De einddatum ligt vóór de ingangsdatum." in client.post(edit_url, reversed_dates).text
    ended = {**form_data(form), "einddatum": "2027-06-30"}
    assert client.post(edit_url, ended).status_code == 302
    samenwerking.refresh_from_db()
    assert samenwerking.einddatum == dt.date(2027, 6, 30)
    assert Samenwerking.objects.filter(locatie=plek).count() == 2


def test_temporary_financing_needs_an_end_date(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:financiering_nieuw", kwargs={"slug": plek.slug}),
        {"bron": "wmo", "bedrag_per_jaar": "-5"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Tijdelijke financiering heeft een einddatum: tot wanneer?" in errors["einddatum"]
    assert "bedrag_per_jaar" in errors
    assert not Financiering.objects.exists()


def test_a_stale_financing_edit_is_refused(
    client, corporatie_medewerker, gemeente_medewerker, plek
):
    financiering = FinancieringFactory(locatie=plek)
    url = reverse(
        "beheer:financiering_bewerken", kwargs={"slug": plek.slug, "pk": financiering.pk}
    )
    client.force_login(corporatie_medewerker)
    data = form_data(client.get(url).context["form"])
    assert client.post(url, {**data, "bedrag_per_jaar": "100"}).status_code == 302
    client.force_login(gemeente_medewerker)
    response = client.post(url, {**data, "bedrag_per_jaar": "200"})
    assert "Iemand anders heeft deze gegevens intussen opgeslagen" in response.text
    financiering.refresh_from_db()
    assert financiering.bedrag_per_jaar == 100


# Workflow -------------------------------------------------------------------------------------


def test_submit_publish_and_send_back_with_a_reason_the_submitter_sees(
    client, corporatie_medewerker, gemeente_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    client.post(reverse("beheer:locatie_indienen", kwargs={"slug": plek.slug}))
    plek.refresh_from_db()
    assert plek.status == LocatieStatus.TER_BEOORDELING

    client.force_login(gemeente_medewerker)
    queue = client.get(reverse("beheer:beoordelen"))
    assert plek.naam in queue.text
    status_url = reverse("beheer:locatie_status", kwargs={"slug": plek.slug})
    no_reason = client.post(status_url, {"status": LocatieStatus.CONCEPT, "reden": "  "})
    assert no_reason.status_code == 400
    assert "Geef een reden" in no_reason.text
    plek.refresh_from_db()
    assert plek.status == LocatieStatus.TER_BEOORDELING

    client.post(status_url, {"status": LocatieStatus.CONCEPT, "reden": "Vul de ingang aan."})
    plek.refresh_from_db()
    assert plek.status == LocatieStatus.CONCEPT

    client.force_login(corporatie_medewerker)
    assert "Vul de ingang aan." in client.get(reverse("beheer:locatie", args=[plek.slug])).text
    assert "Vul de ingang aan." in client.get(reverse("beheer:start")).text


def test_publishing_an_incomplete_place_explains_what_is_missing(
    client, gemeente_medewerker, gemeente
):
    plek = LocatieFactory(
        gemeente=gemeente, status=LocatieStatus.TER_BEOORDELING, latitude=None, longitude=None
    )
    client.force_login(gemeente_medewerker)
    response = client.post(
        reverse("beheer:locatie_status", kwargs={"slug": plek.slug}),
        {"status": LocatieStatus.GEPUBLICEERD},
    )
    assert response.status_code == 400
    assert "De locatie heeft nog geen coördinaten" in response.text
    plek.refresh_from_db()
    assert plek.status == LocatieStatus.TER_BEOORDELING


def test_an_unknown_decision_is_refused(client, gemeente_medewerker, plek):
    client.force_login(gemeente_medewerker)
    response = client.post(
        reverse("beheer:locatie_status", kwargs={"slug": plek.slug}), {"status": "verwijderd"}
    )
    assert response.status_code == 400
    plek.refresh_from_db()
    assert plek.status == LocatieStatus.CONCEPT


def test_confirming_records_who_and_when(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    before = timezone.now()
    response = client.post(reverse("beheer:locatie_bevestigen", kwargs={"slug": plek.slug}))
    assert response.status_code == 302
    plek.refresh_from_db()
    assert plek.laatst_bevestigd_door == corporatie_medewerker
    assert plek.laatst_bevestigd_op >= before
    assert plek.history.first().history_change_reason == "Bevestigd als actueel"


def test_the_edit_page_keeps_registration_fields_out(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    form = client.get(reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug})).context[
        "form"
    ]
    assert "gemeente" not in form.fields and "status" not in form.fields


def test_a_room_taken_out_of_use_is_kept_but_cannot_be_let(
    client, corporatie_medewerker, plek, ruimte
):
    client.force_login(corporatie_medewerker)
    url = reverse("beheer:ruimte_bewerken", kwargs={"slug": plek.slug, "pk": ruimte.pk})
    data = {**form_data(client.get(url).context["form"]), "buiten_gebruik_sinds": "2027-03-01"}

    assert client.post(url, data).status_code == 302

    ruimte.refresh_from_db()
    assert ruimte.buiten_gebruik_sinds == dt.date(2027, 3, 1)
    page = client.get(reverse("beheer:locatie", kwargs={"slug": plek.slug}))
    assert "buiten gebruik sinds 01-03-2027" in page.text
    verhuur = reverse("beheer:verhuur_nieuw", kwargs={"slug": plek.slug, "pk": ruimte.pk})
    assert client.get(verhuur).status_code == 404


def test_registering_in_a_gemeente_where_the_organisation_does_not_work_is_refused(
    client, corporatie_medewerker, andere_gemeente
):
    LidmaatschapFactory(
        user=corporatie_medewerker, partner=PartnerFactory(werkgebied=[andere_gemeente])
    )
    corporatie = corporatie_medewerker.lidmaatschappen.order_by("pk").first().partner
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_nieuw"), registration(andere_gemeente, partner=corporatie.pk)
    )
    assert response.status_code == 200
    assert "werkt niet in Zeist" in response.context["form"].errors["gemeente"][0]
    assert not Locatie.objects.exists()


def test_an_out_of_range_id_answers_404(client, corporatie_medewerker, plek):
    client.force_login(corporatie_medewerker)
    url = reverse("beheer:ruimte_bewerken", kwargs={"slug": plek.slug, "pk": 10**20})
    assert client.get(url).status_code == 404


# Putting an address on the map ------------------------------------------------------------------


def test_an_address_without_coordinates_is_put_on_the_map_by_pdok(
    client, corporatie_medewerker, gemeente, pdok
):
    pdok.respond_with("adres_marktplein_1_apeldoorn")
    client.force_login(corporatie_medewerker)

    response = client.post(reverse("beheer:locatie_nieuw"), registration(gemeente), follow=True)

    locatie = Locatie.objects.get(naam="Huiskamer Het Anker")
    assert (locatie.latitude, locatie.longitude) == (52.21052, 5.96913)
    assert pdok.requests[0]["params"]["q"] == "Ankerweg 12, 7311 AB Apeldoorn"
    assert "Op de kaart gezet bij ‘Marktplein 1, 7311LC Apeldoorn’" in response.text


def test_without_pdok_the_place_is_saved_without_a_point_and_the_person_is_told(
    client, corporatie_medewerker, gemeente, pdok
):
    pdok.fail_with(requests.ConnectionError("offline"))
    client.force_login(corporatie_medewerker)

    response = client.post(reverse("beheer:locatie_nieuw"), registration(gemeente), follow=True)

    locatie = Locatie.objects.get(naam="Huiskamer Het Anker")
    assert locatie.latitude is None and locatie.longitude is None
    assert "PDOK is nu niet bereikbaar" in response.text


def test_coordinates_entered_by_hand_are_kept(client, corporatie_medewerker, gemeente, pdok):
    client.force_login(corporatie_medewerker)
    data = registration(gemeente, latitude="52.2", longitude="5.9")

    client.post(reverse("beheer:locatie_nieuw"), data)

    locatie = Locatie.objects.get(naam="Huiskamer Het Anker")
    assert (locatie.latitude, locatie.longitude) == (52.2, 5.9)
    assert pdok.requests == []
