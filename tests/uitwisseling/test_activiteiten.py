"""The Activiteiten sheet: planned and changed as in the portal, through its form and its
write functions, with the same rights and the same refusal of a room booked twice."""

import datetime as dt

import pytest
from django.utils import timezone

from activiteiten import herhaling
from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from locaties.constants import SamenwerkingRol
from locaties.models import Locatie
from partners.permissions import portal_locaties
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
)
from tests.uitwisseling.helpers import locatie, xlsx
from uitwisseling import exporteren, importeren, lezen


def run(inhoud, user, partner=None, proef=False):
    return importeren.importeer(
        lezen.lees_bestand(inhoud),
        rechten=importeren.rechten_van(user, partner),
        bestandsnaam="lijst.xlsx",
        proef=proef,
    )


def volgende_dinsdag() -> dt.date:
    vandaag = timezone.localdate()
    return vandaag + dt.timedelta(days=(1 - vandaag.weekday()) % 7 + 7)


def activiteit(**changes) -> dict:
    rij = {
        "Locatie extern ID": "APD-1",
        "Titel": "Koffie-ochtend",
        "Categorie": "koffie",
        "Startdatum": volgende_dinsdag(),
        "Begintijd": "10:00",
        "Eindtijd": "12:00",
        "Herhaling": "elke week op dinsdag",
        "Organisator": "Stimenz",
    }
    return {**rij, **{key.replace("_", " "): value for key, value in changes.items()}}


@pytest.fixture
def plek(gemeente, welzijn_medewerker):
    """A place of Apeldoorn where Stimenz (welzijn_medewerker's organisation) works."""
    plek = LocatieFactory(gemeente=gemeente, extern_id="APD-1", postcode="7311 AB",
                          huisnummer=12, latitude=52.21, longitude=5.97)  # fmt: skip
    SamenwerkingFactory(locatie=plek, partner=welzijn_medewerker.lidmaatschappen.get().partner,
                        rol=SamenwerkingRol.WELZIJNSPARTNER)  # fmt: skip
    RuimteFactory(locatie=plek, naam="Zaal")
    return plek


def plek_rij(plek) -> dict:
    """The place's row as the export writes it: unchanged."""
    rij = exporteren.export_rijen(Locatie.objects.filter(pk=plek.pk))["Locaties"][0]
    return dict(zip(importeren.LOCATIES.koppen, rij, strict=True))


def gemeentepartner(user):
    return user.lidmaatschappen.get().partner


@pytest.mark.django_db
def test_a_new_activity_is_planned_as_concept_with_its_dates_stored(
    gemeente_medewerker, welzijn_medewerker
):
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="APD-1")],
        Ruimten=[{"Locatie extern ID": "APD-1", "Naam": "Zaal"}],
        Samenwerkingen=[{"Locatie extern ID": "APD-1", "Partner": "Stimenz",
                         "Rol": "welzijnspartner"}],
        Activiteiten=[activiteit(Ruimte="zaal", Doelgroepen="ouderen")],
    )  # fmt: skip
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert not verslag.fouten, verslag.fouten
    act = Activiteit.objects.get()
    assert act.status == ActiviteitStatus.CONCEPT
    assert act.herhaling == "FREQ=WEEKLY;BYDAY=TU"
    assert act.ruimte.naam == "Zaal" and act.organisator.naam == "Stimenz"
    assert set(act.doelgroepen.values_list("code", flat=True)) == {"ouderen"}
    assert act.occurrences.filter(datum=volgende_dinsdag() + dt.timedelta(days=7)).exists()
    assert act.history.get().history_change_reason == "Import lijst.xlsx"
    assert verslag.tellingen["Activiteiten"]["nieuw"] == 1


@pytest.mark.django_db
def test_a_dry_run_with_activities_writes_nothing(gemeente_medewerker, welzijn_medewerker):
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="APD-1")],
        Samenwerkingen=[{"Locatie extern ID": "APD-1", "Partner": "Stimenz",
                         "Rol": "welzijnspartner"}],
        Activiteiten=[activiteit()],
    )  # fmt: skip
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker), proef=True)
    assert not verslag.fouten, verslag.fouten
    assert verslag.tellingen["Activiteiten"]["nieuw"] == 1
    assert not Activiteit.objects.exists() and not Locatie.objects.exists()


@pytest.mark.django_db
def test_export_then_import_with_activities_changes_nothing_and_an_edit_updates_in_place(
    gemeente_medewerker, plek
):
    stimenz = plek.samenwerkingen.get().partner
    zaal = plek.ruimten.get()
    start = volgende_dinsdag()
    regels = [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "FREQ=MONTHLY;BYDAY=1MO;COUNT=5",
        "FREQ=YEARLY;BYMONTH=4",  # beyond the plain choices: written as the rule
        "",
    ]
    for nummer, regel in enumerate(regels):
        ActiviteitFactory(locatie=plek, organisator=stimenz, herhaling=regel, startdatum=start,
                          begintijd=dt.time(8 + 2 * nummer), eindtijd=dt.time(9 + 2 * nummer),
                          ruimte=zaal if nummer == 0 else None)  # fmt: skip
    rijen = exporteren.export_rijen(portal_locaties(gemeente_medewerker))
    assert "elke week op dinsdag" in rijen["Activiteiten"][0]
    history = Activiteit.history.count()

    verslag = run(exporteren.als_xlsx(rijen), gemeente_medewerker)
    assert not verslag.fouten, verslag.fouten
    assert verslag.aantal_wijzigingen == 0, [r for r in verslag.rijen if r.velden]
    assert verslag.tellingen["Activiteiten"]["ongewijzigd"] == len(regels)
    assert Activiteit.history.count() == history

    titel = importeren.ACTIVITEITEN.koppen.index("Titel")
    rijen["Activiteiten"][0][titel] = "Koffie en een krant"
    verslag = run(exporteren.als_xlsx(rijen), gemeente_medewerker)
    assert not verslag.fouten, verslag.fouten
    assert verslag.aantal_wijzigingen == 1
    assert Activiteit.objects.count() == len(regels)  # matched on its id, not added
    gewijzigd = Activiteit.objects.get(titel="Koffie en een krant")
    assert gewijzigd.history.first().history_change_reason == "Import lijst.xlsx"


@pytest.mark.django_db
def test_errors_are_reported_by_row_and_column_and_nothing_is_written(gemeente_medewerker, plek):
    inhoud = xlsx(
        Locaties=[plek_rij(plek)],
        Activiteiten=[
            activiteit(Titel="A", Begintijd="12:00", Eindtijd="10:00"),
            activiteit(Titel="B", Herhaling="af en toe"),
            activiteit(Titel="C", Ruimte="Kelder"),
            activiteit(Titel="D", Organisator="Bestaat Niet"),
            activiteit(Titel="E", Categorie="feest"),
            activiteit(Titel="F"),
        ],
    )
    verslag = run(inhoud, gemeente_medewerker)
    fouten = {(m.blad, m.rij, m.kolom) for m in verslag.fouten}
    assert fouten == {
        ("Activiteiten", 2, "Eindtijd"),
        ("Activiteiten", 3, "Herhaling"),
        ("Activiteiten", 4, "Ruimte"),
        ("Activiteiten", 5, "Organisator"),
        ("Activiteiten", 6, "Categorie"),
    }, verslag.fouten
    assert "De eindtijd moet na de begintijd liggen." in str(verslag.fouten[0])
    assert not Activiteit.objects.exists()


@pytest.mark.django_db
def test_a_room_booked_twice_is_refused_with_the_portals_message(gemeente_medewerker, plek):
    ActiviteitFactory(locatie=plek, ruimte=plek.ruimten.get(), titel="Computerles",
                      startdatum=volgende_dinsdag(), begintijd=dt.time(9),
                      eindtijd=dt.time(11))  # fmt: skip
    inhoud = xlsx(Locaties=[plek_rij(plek)], Activiteiten=[activiteit(Ruimte="Zaal")])
    verslag = run(inhoud, gemeente_medewerker)
    assert [(m.rij, m.kolom) for m in verslag.fouten] == [(2, "Ruimte")]
    assert str(verslag.fouten[0].tekst).startswith("De ruimte Zaal is dan al bezet:")
    assert "(Computerles)" in verslag.fouten[0].tekst
    assert verslag.tellingen["Activiteiten"]["geweigerd"] == 1
    assert Activiteit.objects.count() == 1


@pytest.mark.django_db
def test_two_rows_of_one_file_in_the_same_room_at_once_are_refused(gemeente_medewerker, plek):
    inhoud = xlsx(
        Locaties=[plek_rij(plek)],
        Activiteiten=[
            activiteit(Titel="Koffie", Ruimte="Zaal"),
            activiteit(Titel="Breien", Ruimte="Zaal", Begintijd="11:00", Eindtijd="13:00"),
        ],
    )
    verslag = run(inhoud, gemeente_medewerker, proef=True)
    assert [(m.rij, m.kolom) for m in verslag.fouten] == [(3, "Ruimte")]
    assert "(Koffie)" in verslag.fouten[0].tekst
    assert not Activiteit.objects.exists()


@pytest.mark.django_db
def test_welzijn_staff_may_not_plan_where_their_organisation_does_not_work(
    welzijn_medewerker, gemeente
):
    elders = LocatieFactory(gemeente=gemeente, extern_id="APD-1", postcode="7311 AB",
                            huisnummer=12, latitude=52.21, longitude=5.97)  # fmt: skip
    SamenwerkingFactory(locatie=elders)  # someone else's place
    verslag = run(xlsx(Locaties=[plek_rij(elders)], Activiteiten=[activiteit()]),
                  welzijn_medewerker)  # fmt: skip
    # The unchanged place row may stand; the activity at it is refused.
    assert [(m.blad, m.rij) for m in verslag.fouten] == [("Activiteiten", 2)], verslag.fouten
    assert "geen activiteiten plannen" in verslag.fouten[0].tekst
    assert verslag.tellingen["Activiteiten"]["geweigerd"] == 1
    assert not Activiteit.objects.exists()


@pytest.mark.django_db
def test_a_place_one_may_not_edit_keeps_its_rooms(welzijn_medewerker, plek):
    inhoud = xlsx(
        Locaties=[plek_rij(plek)],
        Ruimten=[{"Locatie extern ID": "APD-1", "Naam": "Nieuwe zaal"}],
        Activiteiten=[activiteit()],
    )
    verslag = run(inhoud, welzijn_medewerker)
    assert [(m.blad, m.rij) for m in verslag.fouten] == [("Ruimten", 2)], verslag.fouten
    assert not Activiteit.objects.exists() and plek.ruimten.count() == 1


@pytest.mark.django_db
def test_welzijn_staff_plan_at_a_place_they_do_not_manage(welzijn_medewerker, plek):
    verslag = run(xlsx(Locaties=[plek_rij(plek)], Activiteiten=[activiteit()]),
                  welzijn_medewerker)  # fmt: skip
    assert not verslag.fouten, verslag.fouten
    assert Activiteit.objects.get().organisator.naam == "Stimenz"


@pytest.mark.django_db
def test_an_organiser_the_portal_would_not_offer_is_refused(
    gemeente_medewerker, welzijn_medewerker, plek
):
    PartnerFactory(naam="Buurtvereniging Elders")  # works nowhere near this place
    inhoud = xlsx(Locaties=[plek_rij(plek)],
                  Activiteiten=[activiteit(Organisator="Buurtvereniging Elders")])  # fmt: skip
    verslag = run(inhoud, welzijn_medewerker)
    assert [(m.rij, m.kolom) for m in verslag.fouten] == [(2, "Organisator")], verslag.fouten
    assert not Activiteit.objects.exists()


@pytest.mark.django_db
def test_an_activity_of_another_organisation_is_not_changed(corporatie_medewerker, plek):
    corporatie = corporatie_medewerker.lidmaatschappen.get().partner
    SamenwerkingFactory(locatie=plek, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    stimenz = plek.samenwerkingen.get(rol=SamenwerkingRol.WELZIJNSPARTNER).partner
    bestaand = ActiviteitFactory(locatie=plek, organisator=stimenz, titel="Koffie-ochtend",
                                 startdatum=volgende_dinsdag())  # fmt: skip
    ongewijzigd = run(xlsx(Locaties=[plek_rij(plek)], Activiteiten=[activiteit()]),
                      corporatie_medewerker, proef=True)  # fmt: skip
    assert not [m for m in ongewijzigd.fouten if m.blad == "Activiteiten"]
    inhoud = xlsx(Locaties=[plek_rij(plek)], Activiteiten=[activiteit(Eindtijd="13:00")])
    verslag = run(inhoud, corporatie_medewerker)
    assert [(m.blad, m.rij) for m in verslag.fouten] == [("Activiteiten", 2)], verslag.fouten
    assert "niet wijzigen" in verslag.fouten[0].tekst
    bestaand.refresh_from_db()
    assert bestaand.eindtijd == dt.time(12)


@pytest.mark.django_db
def test_the_command_plans_with_the_gemeentes_rights(gemeente, plek):
    verslag = importeren.importeer(
        lezen.lees_bestand(xlsx(Locaties=[plek_rij(plek)], Activiteiten=[activiteit()])),
        rechten=importeren.rechten_voor_gemeente(gemeente),
        bestandsnaam="lijst.xlsx",
        proef=False,
    )
    assert not verslag.fouten, verslag.fouten
    assert Activiteit.objects.get().status == ActiviteitStatus.CONCEPT


@pytest.mark.parametrize(
    "regel",
    [
        "",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20271231",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=8",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=1MO",
    ],
)
def test_every_plain_sentence_reads_back_as_its_rule(regel):
    start = dt.date(2027, 1, 5)
    tekst = herhaling.canonical_text(regel, start, dt.time(10))
    assert "FREQ" not in tekst
    assert herhaling.to_rule(herhaling.from_text(tekst)) == regel


def test_a_sentence_the_form_does_not_offer_is_not_read():
    assert herhaling.from_text("af en toe") is None
    assert herhaling.from_text("elke week op feestdag") is None
    assert herhaling.from_text("eenmalig tot en met 31-12-2027") is None
