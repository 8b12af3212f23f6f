import datetime as dt

import pytest

from locaties.constants import LocatieStatus, SamenwerkingRol
from locaties.models import Locatie, Openingstijd, Ruimte, Samenwerking
from tests.factories import (
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    SamenwerkingFactory,
)
from tests.uitwisseling.helpers import csv_bytes, locatie, xlsx
from uitwisseling import exporteren, importeren, lezen


def run(inhoud, user, partner=None, proef=False, **kwargs):
    gelezen = lezen.lees_bestand(inhoud)
    return importeren.importeer(
        gelezen,
        rechten=importeren.rechten_van(user, partner),
        bestandsnaam="lijst.xlsx",
        proef=proef,
        **kwargs,
    )


def gemeentepartner(user):
    return user.lidmaatschappen.get().partner


@pytest.mark.django_db
def test_a_new_place_with_rooms_and_hours_is_created_as_concept(gemeente_medewerker):
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="APD-1", Doelgroepen="ouderen, iedereen")],
        Ruimten=[{"Locatie extern ID": "APD-1", "Naam": "Zaal", "Capaciteit": 30}],
        Openingstijden=[
            {"Locatie extern ID": "APD-1", "Dag": "maandag", "Van": "09:00", "Tot": "12:00"},
            {"Locatie extern ID": "APD-1", "Dag": "di", "Van": dt.time(13), "Tot": "17:00"},
        ],
    )
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert not verslag.fouten, verslag.fouten
    plek = Locatie.objects.get(extern_id="APD-1")
    assert plek.status == LocatieStatus.CONCEPT
    assert set(plek.doelgroepen.values_list("code", flat=True)) == {"ouderen", "iedereen"}
    assert plek.ruimten.get().capaciteit == 30
    assert plek.openingstijden.count() == 2
    assert plek.history.get().history_change_reason == "Import lijst.xlsx"


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(gemeente_medewerker):
    verslag = run(
        xlsx(Locaties=[locatie()]), gemeente_medewerker, gemeentepartner(gemeente_medewerker),
        proef=True,
    )  # fmt: skip
    assert verslag.tellingen["Locaties"]["nieuw"] == 1
    assert not Locatie.objects.exists()


@pytest.mark.django_db
def test_gemeente_staff_may_let_new_places_wait_for_review(gemeente_medewerker):
    run(
        xlsx(Locaties=[locatie()]),
        gemeente_medewerker,
        gemeentepartner(gemeente_medewerker),
        status_nieuw=LocatieStatus.TER_BEOORDELING,
    )
    assert Locatie.objects.get().status == LocatieStatus.TER_BEOORDELING


@pytest.mark.django_db
def test_an_import_never_publishes(gemeente_medewerker):
    run(
        xlsx(Locaties=[locatie()]),
        gemeente_medewerker,
        gemeentepartner(gemeente_medewerker),
        status_nieuw=LocatieStatus.GEPUBLICEERD,
    )
    assert Locatie.objects.get().status == LocatieStatus.CONCEPT


@pytest.mark.django_db
def test_the_same_file_twice_changes_nothing(gemeente_medewerker):
    inhoud = xlsx(
        Locaties=[locatie()],
        Ruimten=[{"Locatie postcode": "7311AB", "Locatie huisnummer": 12, "Naam": "Zaal"}],
    )
    partner = gemeentepartner(gemeente_medewerker)
    run(inhoud, gemeente_medewerker, partner)
    history = Locatie.history.count()
    verslag = run(inhoud, gemeente_medewerker, partner)
    assert verslag.aantal_wijzigingen == 0
    assert verslag.tellingen["Locaties"]["ongewijzigd"] == 1
    assert verslag.tellingen["Ruimten"]["ongewijzigd"] == 1
    assert Locatie.objects.count() == 1 and Ruimte.objects.count() == 1
    assert Locatie.history.count() == history


@pytest.mark.django_db
def test_a_changed_row_updates_in_place_with_the_import_in_the_history(
    gemeente_medewerker, gemeente
):
    bestaand = LocatieFactory(
        gemeente=gemeente, postcode="7311 AB", huisnummer=12, latitude=52.21, longitude=5.97,
        status=LocatieStatus.GEPUBLICEERD,
    )  # fmt: skip
    verslag = run(
        xlsx(Locaties=[locatie(Naam="Nieuwe naam", Telefoon="055 1234567")]),
        gemeente_medewerker,
    )
    assert not verslag.fouten
    bestaand.refresh_from_db()
    assert bestaand.naam == "Nieuwe naam"
    assert bestaand.status == LocatieStatus.GEPUBLICEERD  # the import leaves the status alone
    assert bestaand.history.first().history_change_reason == "Import lijst.xlsx"
    assert set(verslag.rijen[0].velden) >= {"Naam", "Telefoon"}


@pytest.mark.django_db
def test_errors_in_five_rows_are_all_reported_and_nothing_is_written(gemeente_medewerker):
    rijen = [
        locatie(Postcode="1234A", Extern_ID="1"),
        locatie(Huisnummer="twaalf", Extern_ID="2"),
        locatie(Breedtegraad=40.1, Lengtegraad=5.9, Extern_ID="3"),
        locatie(Soort="kasteel", Extern_ID="4"),
        locatie(Naam="", Extern_ID="5"),
        locatie(Extern_ID="6", Postcode="7311 AC"),
    ]
    verslag = run(xlsx(Locaties=rijen), gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert {melding.rij for melding in verslag.fouten} == {2, 3, 4, 5, 6}
    teksten = [str(melding) for melding in verslag.fouten]
    assert "Rij 2, kolom Postcode: ‘1234A’ is geen geldige postcode" in teksten[0]
    assert any("kolom Breedtegraad" in tekst and "Nederland" in tekst for tekst in teksten)
    assert not Locatie.objects.exists()


@pytest.mark.django_db
def test_overlapping_hours_and_rent_without_letting_are_refused(gemeente_medewerker):
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="A")],
        Ruimten=[{"Locatie extern ID": "A", "Naam": "Zaal", "Huurprijs per dagdeel": "25,00"}],
        Openingstijden=[
            {"Locatie extern ID": "A", "Dag": "maandag", "Van": "09:00", "Tot": "12:00"},
            {"Locatie extern ID": "A", "Dag": "maandag", "Van": "11:00", "Tot": "13:00"},
            {"Locatie extern ID": "A", "Dag": "dinsdag", "Van": "14:00", "Tot": "13:00"},
        ],
    )
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    teksten = [(m.blad, m.rij, m.kolom) for m in verslag.fouten]
    assert ("Ruimten", 2, "Te huur") in teksten
    assert ("Openingstijden", 3, "Van") in teksten
    assert ("Openingstijden", 4, "Tot") in teksten
    assert not Locatie.objects.exists()


@pytest.mark.django_db
def test_rows_for_another_gemeente_or_a_place_not_editable_are_refused(
    corporatie_medewerker, corporatie, gemeente, andere_gemeente
):
    niet_van_mij = LocatieFactory(gemeente=gemeente, postcode="7311 AB", huisnummer=12)
    verslag = run(
        xlsx(
            Locaties=[
                locatie(),  # the place above: the corporatie has no role there
                locatie(Gemeente="GM0355", Postcode="3701 AA", Plaats="Zeist"),
                locatie(Postcode="7322 CC", Naam="Eigen nieuwe plek"),
            ]
        ),
        corporatie_medewerker,
        corporatie,
    )
    assert [(m.rij, m.kolom) for m in verslag.fouten] == [(2, None), (3, "Gemeente")]
    assert verslag.tellingen["Locaties"] == {
        "nieuw": 1, "gewijzigd": 0, "ongewijzigd": 0, "geweigerd": 2,
    }  # fmt: skip
    assert Locatie.objects.get() == niet_van_mij


@pytest.mark.django_db
def test_a_corporatie_becomes_eigenaar_of_the_places_it_imports(corporatie_medewerker, corporatie):
    run(xlsx(Locaties=[locatie()]), corporatie_medewerker, corporatie)
    samenwerking = Samenwerking.objects.get()
    assert (samenwerking.partner, samenwerking.rol) == (corporatie, SamenwerkingRol.EIGENAAR)


@pytest.mark.django_db
def test_a_corporatie_updates_a_place_it_owns(corporatie_medewerker, corporatie, gemeente):
    plek = LocatieFactory(gemeente=gemeente, postcode="7311 AB", huisnummer=12, latitude=52.21,
                          longitude=5.97)  # fmt: skip
    SamenwerkingFactory(locatie=plek, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    verslag = run(xlsx(Locaties=[locatie(Naam="Anders")]), corporatie_medewerker, corporatie)
    assert not verslag.fouten
    plek.refresh_from_db()
    assert plek.naam == "Anders"


@pytest.mark.django_db
def test_hours_of_a_place_in_the_file_are_replaced(gemeente_medewerker, gemeente):
    plek = LocatieFactory(gemeente=gemeente, extern_id="A", latitude=52.2, longitude=5.9)
    OpeningstijdFactory(locatie=plek, weekdag=0, van=dt.time(9), tot=dt.time(12))
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="A", Postcode=plek.postcode, Huisnummer=plek.huisnummer,
                          Naam=plek.naam, Soort=plek.soort, Straat=plek.straat,
                          Plaats=plek.plaats, Breedtegraad="", Lengtegraad="")],
        Openingstijden=[{"Locatie extern ID": "A", "Dag": "woensdag", "Van": "10:00",
                         "Tot": "11:00"}],
    )  # fmt: skip
    verslag = run(inhoud, gemeente_medewerker)
    assert not verslag.fouten, verslag.fouten
    assert list(Openingstijd.objects.values_list("weekdag", "van")) == [(2, dt.time(10))]


@pytest.mark.django_db
def test_a_partner_must_work_in_the_gemeente_of_the_place(gemeente_medewerker, andere_gemeente):
    PartnerFactory(naam="Elders BV", werkgebied=[andere_gemeente])
    inhoud = xlsx(
        Locaties=[locatie(Extern_ID="A")],
        Samenwerkingen=[{"Locatie extern ID": "A", "Partner": "elders bv", "Rol": "beheerder"}],
    )
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert [(m.blad, m.kolom) for m in verslag.fouten] == [("Samenwerkingen", "Partner")]


@pytest.mark.django_db
def test_without_coordinates_pdok_is_asked_and_unreachable_is_a_warning(gemeente_medewerker, pdok):
    pdok.fail_with(importeren.geocoding.requests.ConnectionError("offline"))
    verslag = run(
        xlsx(Locaties=[locatie(Breedtegraad="", Lengtegraad="")]),
        gemeente_medewerker,
        gemeentepartner(gemeente_medewerker),
        status_nieuw=LocatieStatus.TER_BEOORDELING,
    )
    assert not verslag.fouten
    assert "PDOK" in verslag.waarschuwingen[0].tekst
    plek = Locatie.objects.get()
    assert plek.latitude is None and plek.status == LocatieStatus.CONCEPT


@pytest.mark.django_db
def test_a_windows_1252_csv_with_semicolons_is_read(gemeente_medewerker):
    inhoud = csv_bytes([locatie(Naam="Café ’t Hoekje", Breedtegraad="52,21", Lengtegraad="5,97")])
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert not verslag.fouten, verslag.fouten
    assert Locatie.objects.get().naam == "Café ’t Hoekje"


@pytest.mark.django_db
def test_a_utf8_csv_with_commas_is_read(gemeente_medewerker):
    inhoud = b"\xef\xbb\xbf" + csv_bytes([locatie(Naam="Ontmoeting Zuid")], delimiter=",",
                                         encoding="utf-8")  # fmt: skip
    verslag = run(inhoud, gemeente_medewerker, gemeentepartner(gemeente_medewerker))
    assert not verslag.fouten, verslag.fouten
    assert Locatie.objects.get().naam == "Ontmoeting Zuid"


@pytest.mark.django_db
def test_export_then_import_unchanged_changes_nothing(gemeente_medewerker, gemeente):
    from tests.factories import FinancieringFactory, RuimteFactory

    plek = LocatieFactory(gemeente=gemeente, naam="=HYPERLINK(\"http://x\")", latitude=52.2,
                          longitude=5.9, extern_id="E1")  # fmt: skip
    LocatieFactory(gemeente=gemeente, latitude=52.3, longitude=5.8)
    RuimteFactory(locatie=plek, naam="Zaal")
    OpeningstijdFactory(locatie=plek, weekdag=0, van=dt.time(9), tot=dt.time(12))
    SamenwerkingFactory(locatie=plek, partner=gemeentepartner(gemeente_medewerker),
                        rol=SamenwerkingRol.FINANCIER)  # fmt: skip
    FinancieringFactory(locatie=plek)
    from partners.permissions import portal_locaties

    rijen = exporteren.export_rijen(portal_locaties(gemeente_medewerker))
    for inhoud in (exporteren.als_xlsx(rijen), exporteren.als_csv(rijen)):
        verslag = run(inhoud, gemeente_medewerker, proef=True)
        assert not verslag.fouten, verslag.fouten
        assert verslag.aantal_wijzigingen == 0, [r for r in verslag.rijen if r.velden]
        assert verslag.tellingen["Locaties"]["ongewijzigd"] == 2


@pytest.mark.django_db
def test_export_neutralises_formulas():
    rijen = {"Locaties": [['=HYPERLINK("http://x","klik")', "+31", "@SUM(A1)"]]}
    inhoud = exporteren.als_csv(rijen).decode("utf-8-sig")
    assert "'=HYPERLINK" in inhoud and "'+31" in inhoud and "'@SUM" in inhoud
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(exporteren.als_xlsx(rijen)))["Locaties"]
    assert sheet["A2"].value.startswith("'=") and sheet["A2"].data_type == "s"
