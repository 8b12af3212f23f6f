import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from locaties.models import Locatie
from tests.factories import LocatieFactory
from tests.uitwisseling.helpers import locatie, xlsx
from uitwisseling.models import Importbestand

URL = reverse("beheer:uitwisseling_importeren")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, inhoud, naam="lijst.xlsx", **extra):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud), **extra})


@pytest.fixture
def gemeente_client(client, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    return client


@pytest.mark.django_db
def test_upload_preview_confirm_and_result(gemeente_client):
    response = upload(gemeente_client, xlsx(Locaties=[locatie(Extern_ID="A")]))
    bestand = Importbestand.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("beheer:uitwisseling_controle", args=[bestand.token])
    preview = gemeente_client.get(response["Location"])
    assert "Er is nog niets opgeslagen" in preview.text
    assert not Locatie.objects.exists()
    confirmed = gemeente_client.post(response["Location"])
    assert confirmed.status_code == 302
    result = gemeente_client.get(confirmed["Location"])
    assert "is geïmporteerd" in result.text
    assert Locatie.objects.get().extern_id == "A"
    bestand.refresh_from_db()
    assert bytes(bestand.inhoud) == b"" and bestand.uitgevoerd_op


@pytest.mark.django_db
def test_the_preview_lists_errors_by_row_and_column_and_offers_no_confirm(gemeente_client):
    response = upload(gemeente_client, xlsx(Locaties=[locatie(Postcode="1234A")]))
    preview = gemeente_client.get(response["Location"])
    assert "Rij 2, kolom Postcode: ‘1234A’ is geen geldige postcode" in preview.text
    assert 'type="submit"' not in preview.text.split("</header>")[-1].split("<footer")[0]
    # A forged confirmation of a file with errors writes nothing.
    gemeente_client.post(response["Location"])
    assert not Locatie.objects.exists()


@pytest.mark.django_db
def test_someone_elses_file_is_not_found(client, gemeente_client, corporatie_medewerker):
    response = upload(gemeente_client, xlsx(Locaties=[locatie()]))
    client.force_login(corporatie_medewerker)
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"]).status_code == 404
    assert not Locatie.objects.exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/workbook.xml", "<workbook/>")
        archief.writestr("xl/worksheets/sheet1.xml", b"0" * (250 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = [
    pytest.param(b"", "lijst.csv", "leeg", id="empty"),
    pytest.param(b"   \r\n", "lijst.csv", "leeg", id="blank"),
    pytest.param(bytes(range(256)) * 40, "lijst.xlsx", "geen CSV- of Excel", id="binary"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a.xls", ".xls", id="xls"),
    pytest.param(b"PK\x03\x04 damaged", "a.xlsx", "geen CSV- of Excel", id="damaged-zip"),
    pytest.param(b"Naam;Kleur\r\nDe Linde;rood\r\n", "a.csv", "ontbreken de kolommen", id="cols"),
    pytest.param(None, "bom.xlsx", "uitgepakt groter", id="zip-bomb"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("inhoud, naam, melding", BAD_FILES)
def test_a_bad_file_gets_a_dutch_message_and_writes_nothing(
    gemeente_client, inhoud, naam, melding
):
    response = upload(gemeente_client, _zip_bomb() if inhoud is None else inhoud, naam)
    assert response.status_code == 200
    assert melding in response.text
    assert not Importbestand.objects.exists() and not Locatie.objects.exists()


@pytest.mark.django_db
def test_wrong_columns_are_named(gemeente_client):
    response = upload(gemeente_client, b"Naam;Kleur\r\nDe Linde;rood\r\n", "a.csv")
    assert "Gemeente, Soort, Straat, Huisnummer, Postcode, Plaats" in response.text
    assert "onbekende kolommen: Kleur" in response.text


@pytest.mark.django_db
def test_a_60_mb_file_is_refused_before_it_is_read(gemeente_client):
    response = upload(gemeente_client, b"a" * (60 * 1024 * 1024), "groot.csv")
    assert response.status_code == 200
    assert "Het bestand is 60 MB; de grens is 20 MB" in response.text
    assert not Importbestand.objects.exists()


@pytest.mark.django_db
def test_the_template_has_a_sheet_per_kind_and_an_explanation(gemeente_client):
    from openpyxl import load_workbook

    response = gemeente_client.get(reverse("beheer:uitwisseling_sjabloon"))
    assert response["Content-Type"] == XLSX
    werkboek = load_workbook(io.BytesIO(response.content))
    assert werkboek.sheetnames == [
        "Locaties", "Ruimten", "Openingstijden", "Samenwerkingen", "Financiering",
        "Activiteiten", "Uitleg",
    ]  # fmt: skip
    uitleg = [[cel for cel in rij] for rij in werkboek["Uitleg"].iter_rows(values_only=True)]
    assert any(rij[1] == "Soort" and "plus_punt" in (rij[4] or "") for rij in uitleg)


@pytest.mark.django_db
def test_the_export_holds_only_the_places_the_person_works_with(
    client, corporatie_medewerker, gemeente
):
    LocatieFactory(gemeente=gemeente, naam="Niet van de corporatie")
    client.force_login(corporatie_medewerker)
    response = client.get(reverse("beheer:uitwisseling_csv"))
    assert response.status_code == 200
    assert "Niet van de corporatie" not in response.content.decode("utf-8-sig")


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [2, 40])
def test_the_preview_page_takes_a_fixed_number_of_queries(
    gemeente_client, aantal, django_assert_max_num_queries
):
    rijen = [locatie(Extern_ID=str(n), Postcode="7311 AB", Huisnummer=n) for n in range(1, aantal)]
    rijen.append(locatie(Postcode="1234A"))
    response = upload(gemeente_client, xlsx(Locaties=rijen))
    with django_assert_max_num_queries(8):
        page = gemeente_client.get(response["Location"])
    assert page.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [2, 30])
def test_the_export_takes_a_fixed_number_of_queries(
    gemeente_client, gemeente, aantal, django_assert_max_num_queries
):
    for _n in range(aantal):
        LocatieFactory(gemeente=gemeente)
    with django_assert_max_num_queries(16):
        gemeente_client.get(reverse("beheer:uitwisseling_xlsx"))
