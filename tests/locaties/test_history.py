"""The readable history of a place: who, when, and what changed, field by field, in Dutch."""

import datetime as dt

import pytest
from django.urls import reverse

from locaties import history
from locaties.constants import LocatieStatus, SamenwerkingRol, Weekdag
from locaties.models import Openingstijd
from locaties.publication import change_status
from tests.factories import (
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    UserFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db


def test_a_change_lists_each_field_with_its_dutch_label_and_readable_values(gemeente):
    user = UserFactory(naam="Ruben Kok")
    wijk = WijkFactory(gemeente=gemeente, naam="De Maten")
    locatie = LocatieFactory(gemeente=gemeente, naam="De Linde")
    locatie.naam = "De Eik"
    locatie.wijk = wijk
    locatie.rolstoeltoegankelijk = True
    locatie.soort = "buurthuis"
    locatie._history_user = user
    locatie.save()

    entry = history.locatie_history(locatie).entries[0]

    assert (entry.wie, entry.onderwerp, entry.actie) == ("Ruben Kok", "Locatie", "gewijzigd")
    changes = {change.veld: (change.oud, change.nieuw) for change in entry.wijzigingen}
    assert changes == {
        "Naam": ("De Linde", "De Eik"),
        "Wijk": ("—", "De Maten"),
        "Rolstoeltoegankelijk": ("onbekend", "ja"),
        "Soort plek": ("+Punt / buurthuiskamer", "Buurthuis / wijkcentrum"),
    }


def test_records_of_the_place_appear_in_its_history_even_when_removed(gemeente):
    locatie = LocatieFactory(gemeente=gemeente)
    tijd = OpeningstijdFactory(locatie=locatie, weekdag=Weekdag.MAANDAG, van=dt.time(9))
    tijd.tot = dt.time(13)
    tijd.save()
    tijd_id = tijd.pk
    tijd.delete()
    RuimteFactory(locatie=locatie, naam="Serre")
    SamenwerkingFactory(
        locatie=locatie, partner=PartnerFactory(naam="Stimenz"), rol=SamenwerkingRol.BEHEERDER
    )

    entries = history.locatie_history(locatie).entries

    summary = [(entry.onderwerp, entry.actie) for entry in entries]
    assert ("Openingstijd maandag", "verwijderd") in summary
    assert ("Ruimte ‘Serre’", "aangemaakt") in summary
    assert ("Samenwerking: Stimenz als beheerder / exploitant", "aangemaakt") in summary
    changed = next(entry for entry in entries if entry.actie == "gewijzigd")
    assert [(c.veld, c.oud, c.nieuw) for c in changed.wijzigingen] == [("Tot", "12:00", "13:00")]
    assert Openingstijd.history.filter(id=tijd_id).count() == 3


def test_the_latest_send_back_reason_is_found_for_places_in_concept(gemeente):
    reviewer = UserFactory(naam="Marloes Hendriks")
    locatie = LocatieFactory(gemeente=gemeente, status=LocatieStatus.TER_BEOORDELING)
    change_status(locatie, LocatieStatus.CONCEPT, door=reviewer, reden="Eerste reden")
    change_status(locatie, LocatieStatus.TER_BEOORDELING)
    change_status(locatie, LocatieStatus.CONCEPT, door=reviewer, reden="Tweede reden")
    locatie.omschrijving = "Aangevuld"
    locatie.save()
    never_sent_back = LocatieFactory(gemeente=gemeente)

    found = history.sent_back([locatie.pk, never_sent_back.pk])

    assert list(found) == [locatie.pk]
    assert (found[locatie.pk].reden, found[locatie.pk].door) == (
        "Tweede reden",
        "Marloes Hendriks",
    )


def test_the_portal_page_shows_the_history(client, gemeente, gemeente_medewerker):
    locatie = LocatieFactory(gemeente=gemeente, naam="De Linde", telefoon="055 1")
    locatie.telefoon = "055 2"
    locatie._history_user = gemeente_medewerker
    locatie.save()
    client.force_login(gemeente_medewerker)

    response = client.get(reverse("beheer:locatie", kwargs={"slug": locatie.slug}))

    text = response.text
    section = text[text.index('id="geschiedenis-kop"') :]
    assert "Telefoonnummer" in section
    assert "055 1" in section and "055 2" in section
    assert str(gemeente_medewerker) in section
