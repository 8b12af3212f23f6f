"""The risk lists of a gemeente (dekking/risico.py), their page and their export.

The lists are computed for a fixed day, Monday 15 March 2027: temporary financing that ends on
or before 15 September 2027 puts a place at risk."""

import datetime as dt
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dekking import risico
from locaties.constants import LocatieStatus
from locaties.models import Locatie
from tests.factories import (
    FinancieringFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 3, 15)
HORIZON = dt.date(2027, 9, 15)


def financing_rows(gemeente, user):
    return risico.risks(gemeente, user, now=NOW).financiering


def names(rows):
    return [row.naam for row in rows]


def place(gemeente, naam, **extra):
    return LocatieFactory(gemeente=gemeente, naam=naam, gepubliceerd=True, **extra)


def temporary(locatie, einddatum, **extra):
    return FinancieringFactory(
        locatie=locatie, structureel=False, ingangsdatum=None, einddatum=einddatum, **extra
    )


def structural(locatie, einddatum=None):
    return FinancieringFactory(
        locatie=locatie, structureel=True, ingangsdatum=None, einddatum=einddatum
    )


def test_the_horizon_is_six_months_ahead():
    assert risico.financing_horizon(TODAY) == HORIZON
    # From the last day of a month, to the last day of the month six months on.
    assert risico.financing_horizon(dt.date(2027, 8, 31)) == dt.date(2028, 2, 29)


class TestFinancing:
    def test_temporary_money_ending_on_the_horizon_itself_is_a_risk(
        self, gemeente, gemeente_medewerker
    ):
        temporary(place(gemeente, "Op de dag"), HORIZON)
        temporary(place(gemeente, "Dag erna"), HORIZON + dt.timedelta(days=1))

        rows = financing_rows(gemeente, gemeente_medewerker)

        assert names(rows) == ["Op de dag"]
        assert rows[0].reden == "Tijdelijke financiering loopt af op 15 september 2027"
        assert (rows[0].einde, rows[0].structureel) == (HORIZON, False)

    def test_temporary_money_that_ended_is_a_risk(self, gemeente, gemeente_medewerker):
        temporary(place(gemeente, "Afgelopen"), dt.date(2026, 12, 31))

        (row,) = financing_rows(gemeente, gemeente_medewerker)

        assert row.reden == "Tijdelijke financiering is afgelopen op 31 december 2026"

    def test_a_place_without_any_financing_is_a_risk(self, gemeente, gemeente_medewerker):
        place(gemeente, "Niets vastgelegd")

        (row,) = financing_rows(gemeente, gemeente_medewerker)

        assert (row.naam, row.reden, row.einde) == (
            "Niets vastgelegd",
            "Geen financiering vastgelegd",
            None,
        )

    def test_running_structural_money_is_no_risk(self, gemeente, gemeente_medewerker):
        structural(place(gemeente, "Structureel"))
        structural(place(gemeente, "Structureel tot later"), einddatum=dt.date(2030, 1, 1))

        assert financing_rows(gemeente, gemeente_medewerker) == []

    def test_ended_structural_money_leaves_a_place_without_financing(
        self, gemeente, gemeente_medewerker
    ):
        structural(place(gemeente, "Was structureel"), einddatum=dt.date(2026, 12, 31))

        (row,) = financing_rows(gemeente, gemeente_medewerker)

        assert row.reden == ("Geen lopende financiering: de structurele financiering is beëindigd")

    def test_a_temporary_part_ending_beside_structural_money_is_listed_as_such(
        self, gemeente, gemeente_medewerker
    ):
        beide = place(gemeente, "Beide")
        structural(beide)
        fonds = PartnerFactory(naam="Oranje Fonds")
        temporary(beide, dt.date(2027, 6, 30), bron="fonds", financier=fonds)
        historie = place(gemeente, "Subsidie lang geleden")
        structural(historie)
        temporary(historie, dt.date(2026, 12, 31))

        (row,) = financing_rows(gemeente, gemeente_medewerker)

        assert row.naam == "Beide"
        assert row.structureel is True
        assert row.reden == (
            "Tijdelijke financiering loopt af op 30 juni 2027; de structurele financiering "
            "loopt door"
        )
        assert (row.bron, row.einde_financier) == ("Fonds", "Oranje Fonds")

    def test_a_grant_renewed_beyond_the_horizon_takes_the_place_off_the_list(
        self, gemeente, gemeente_medewerker
    ):
        verlengd = place(gemeente, "Verlengd")
        temporary(verlengd, dt.date(2026, 12, 31))
        temporary(verlengd, dt.date(2028, 12, 31))

        assert financing_rows(gemeente, gemeente_medewerker) == []

    def test_the_first_to_run_out_come_first_and_places_without_financing_last(
        self, gemeente, gemeente_medewerker
    ):
        place(gemeente, "A zonder")
        temporary(place(gemeente, "B later"), dt.date(2027, 8, 1))
        temporary(place(gemeente, "C eerder"), dt.date(2027, 4, 1))
        temporary(place(gemeente, "D afgelopen"), dt.date(2027, 1, 1))

        assert names(financing_rows(gemeente, gemeente_medewerker)) == [
            "D afgelopen",
            "C eerder",
            "B later",
            "A zonder",
        ]

    def test_only_published_places_and_those_under_review_of_the_gemeente_count(
        self, gemeente, andere_gemeente, gemeente_medewerker
    ):
        for status in LocatieStatus.values:
            LocatieFactory(gemeente=gemeente, naam=status, status=status)
        place(andere_gemeente, "Elders")

        assert sorted(names(financing_rows(gemeente, gemeente_medewerker))) == [
            "gepubliceerd",
            "ter_beoordeling",
        ]


class TestSamenwerkingen:
    def test_running_samenwerkingen_without_a_written_agreement_are_listed(
        self, gemeente, gemeente_medewerker
    ):
        locatie = place(gemeente, "Het Anker")
        stimenz = PartnerFactory(naam="Stimenz")
        zonder = SamenwerkingFactory(locatie=locatie, partner=stimenz, rol="welzijnspartner")
        SamenwerkingFactory(locatie=locatie, schriftelijk_vastgelegd=True)
        SamenwerkingFactory(locatie=locatie, einddatum=TODAY - dt.timedelta(days=1))
        tot_vandaag = SamenwerkingFactory(locatie=locatie, einddatum=TODAY, rol="financier")
        SamenwerkingFactory(locatie=LocatieFactory(gemeente=gemeente))  # concept

        rows = risico.risks(gemeente, gemeente_medewerker, now=NOW).samenwerkingen

        assert rows == [zonder, tot_vandaag] or rows == [tot_vandaag, zonder]
        assert {row.pk for row in rows} == {zonder.pk, tot_vandaag.pk}
        assert all(row.kan_beheren for row in rows)


class TestUnconfirmed:
    def test_records_not_confirmed_for_twelve_months_are_listed(
        self, gemeente, gemeente_medewerker
    ):
        oud = place(
            gemeente, "Dertien maanden", laatst_bevestigd_op=NOW - relativedelta(months=13)
        )
        place(gemeente, "Elf maanden", laatst_bevestigd_op=NOW - relativedelta(months=11))
        nooit = place(gemeente, "Nooit bevestigd")
        nieuw = place(gemeente, "Net geregistreerd")
        Locatie.objects.filter(pk=nooit.pk).update(aangemaakt_op=NOW - relativedelta(months=14))
        Locatie.objects.filter(pk=nieuw.pk).update(aangemaakt_op=NOW - relativedelta(months=1))

        rows = risico.risks(gemeente, gemeente_medewerker, now=NOW).onbevestigd

        assert names(rows) == ["Nooit bevestigd", "Dertien maanden"]
        assert rows[1].pk == oud.pk


class TestWhoSeesWhat:
    def test_a_partner_sees_published_places_and_its_own_under_review(
        self, gemeente, corporatie, corporatie_medewerker
    ):
        place(gemeente, "Gepubliceerd")
        eigen = LocatieFactory(
            gemeente=gemeente, naam="Eigen in beoordeling", status=LocatieStatus.TER_BEOORDELING
        )
        SamenwerkingFactory(locatie=eigen, partner=corporatie, rol="eigenaar")
        LocatieFactory(
            gemeente=gemeente,
            naam="Andermans in beoordeling",
            status=LocatieStatus.TER_BEOORDELING,
        )

        rows = financing_rows(gemeente, corporatie_medewerker)

        assert sorted(names(rows)) == ["Eigen in beoordeling", "Gepubliceerd"]
        assert {row.naam: row.kan_beheren for row in rows} == {
            "Eigen in beoordeling": True,
            "Gepubliceerd": False,
        }


# The page and the export ----------------------------------------------------------------------


def page_url(name="beheer:risico", gemeente=None):
    url = reverse(name)
    return f"{url}?gemeente={gemeente.slug}" if gemeente else url


@pytest.fixture
def risky(gemeente, corporatie):
    """A place of each list, relative to the real today (the page uses the clock)."""
    today = timezone.localdate()
    loopt_af = place(gemeente, "Huiskamer Loopt Af")
    temporary(loopt_af, today + dt.timedelta(days=30))
    SamenwerkingFactory(locatie=loopt_af, partner=corporatie, rol="eigenaar")
    onbevestigd = place(gemeente, "=Vergeten plek")
    structural(onbevestigd)
    SamenwerkingFactory(
        locatie=onbevestigd,
        partner=PartnerFactory(naam="Buurtvereniging"),
        rol="beheerder",
        schriftelijk_vastgelegd=True,
    )
    Locatie.objects.filter(pk=onbevestigd.pk).update(
        aangemaakt_op=timezone.now() - relativedelta(months=13)
    )
    return loopt_af, onbevestigd


# The budgets, the same at 2 and at 40 places: session, user, membership, the chosen gemeente
# (two), the three lists, and for the page the gemeenten to choose from.
QUERY_BUDGET = {
    "beheer:risico": 8,
    "beheer:risico_export_csv": 7,
    "beheer:risico_export_xlsx": 7,
}


class TestPage:
    def test_it_shows_the_counts_and_links_each_place(self, client, gemeente_medewerker, risky):
        loopt_af, onbevestigd = risky
        client.force_login(gemeente_medewerker)

        response = client.get(page_url())

        assert response.status_code == 200
        html = response.content.decode()
        assert "Risico’s in Apeldoorn" in html
        assert "1 locatie met financiering die afloopt of ontbreekt" in html
        assert "1 samenwerking zonder schriftelijke overeenkomst" in html
        assert "1 locatie langer dan een jaar niet bevestigd" in html
        assert reverse("beheer:locatie", args=[loopt_af.slug]) in html
        assert reverse("beheer:locatie", args=[onbevestigd.slug]) in html
        assert f"{reverse('beheer:risico_export_xlsx')}?gemeente=apeldoorn" in html

    def test_a_partner_gets_the_public_page_of_a_place_it_does_not_work_with(
        self, client, corporatie_medewerker, risky
    ):
        loopt_af, onbevestigd = risky
        client.force_login(corporatie_medewerker)

        html = client.get(page_url()).content.decode()

        assert reverse("beheer:locatie", args=[loopt_af.slug]) in html
        assert reverse("publiek:locatie", args=[onbevestigd.slug]) in html
        assert reverse("beheer:locatie", args=[onbevestigd.slug]) not in html

    def test_a_gemeente_outside_ones_work_gives_404(
        self, client, andere_gemeente, corporatie_medewerker
    ):
        client.force_login(corporatie_medewerker)
        for name in ("beheer:risico", "beheer:risico_export_csv", "beheer:risico_export_xlsx"):
            assert client.get(page_url(name, andere_gemeente)).status_code == 404

    def test_the_csv_holds_the_gemeente_the_date_and_the_lists(
        self, client, gemeente_medewerker, risky
    ):
        client.force_login(gemeente_medewerker)

        response = client.get(page_url("beheer:risico_export_csv"))

        assert response.status_code == 200
        today = timezone.localdate()
        assert response["Content-Disposition"] == (
            f'attachment; filename="risicos-apeldoorn-{today.isoformat()}.csv"'
        )
        text = response.content.decode("utf-8-sig")
        assert "Gemeente;Apeldoorn" in text
        assert f"Peildatum;{today.isoformat()}" in text
        assert "Huiskamer Loopt Af;Gepubliceerd;Tijdelijke financiering loopt af op" in text
        assert "Huiskamer Loopt Af;De Woonmensen;Eigenaar" in text
        assert "'=Vergeten plek;Gepubliceerd;;;" in text  # never a formula

    def test_the_xlsx_has_a_sheet_per_list(self, client, gemeente_medewerker, risky):
        client.force_login(gemeente_medewerker)

        response = client.get(page_url("beheer:risico_export_xlsx"))

        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.sheetnames == [
            "Financiering in gevaar",
            "Samenwerking niet vastgelegd",
            "Niet bevestigd in 12 maanden",
        ]
        sheet = workbook["Financiering in gevaar"]
        assert [sheet["A2"].value, sheet["B2"].value] == ["Gemeente", "Apeldoorn"]
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert "Huiskamer Loopt Af" in values

    @pytest.mark.parametrize("places", [2, 40])
    @pytest.mark.parametrize(
        "name", ["beheer:risico", "beheer:risico_export_csv", "beheer:risico_export_xlsx"]
    )
    def test_it_runs_a_fixed_number_of_queries(
        self,
        client,
        gemeente,
        gemeente_medewerker,
        django_assert_max_num_queries,
        places,
        name,
    ):
        today = timezone.localdate()
        for n in range(places):
            locatie = place(gemeente, f"Plek {n}")
            temporary(locatie, today + dt.timedelta(days=n))
            SamenwerkingFactory(locatie=locatie)
        Locatie.objects.update(aangemaakt_op=timezone.now() - relativedelta(months=13))
        client.force_login(gemeente_medewerker)

        with django_assert_max_num_queries(QUERY_BUDGET[name]):
            response = client.get(page_url(name))

        assert response.status_code == 200
