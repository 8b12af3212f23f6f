"""Financing as a budget (dekking/begroting.py), its page and its export, on a small hand-made
gemeente whose answers are worked out by hand.

Peildatum Monday 15 March 2027. A horizon of 6 months ends on 15 September 2027, one of 12
months on 15 March 2028. 2027 has 365 days, 2028 366.

Places (published unless said otherwise), in RD New metres relative to (150 000, 450 000) like
tests/dekking/test_dekking.py; buurt A is the square (0, 0)–(2000, 2000) in wijk Noord, 1000
inwoners of whom 20 % 65+ (200), area 4 000 000 m²:

- P "Buurthuis Tijdelijk" at (1000, 1000), wijk Noord: temporary Wmo € 12 000 a year,
  1 January–30 June 2027. No structural money, ends within 6 months: depends on money that ends.
  In 2027: 181 days (31+28+31+30+31+30) → 12 000 × 181 / 365 = € 5 950,68. In 2028: 0.
- Q "Huiskamer Buur" at (1400, 1000), wijk Noord, 400 m east of P: no financing.
- R "Huiskamer Later" at (10 000, 10 000), outside every buurt, wijk Noord: temporary Fonds
  € 10 000 from the Oranje Fonds, 1 July 2026–31 December 2027. Ends outside 6 months, inside
  12. In 2027: the whole year, € 10 000; 2028: 0.
- S "Wijkcentrum Vast" at (5000, 5000), wijk Zuid: structural Corporatie € 20 000 since
  1 January 2020; temporary Subsidie € 5 000, 1 January–30 April 2027; a structural
  "bijdrage gebruikers" line without an amount. Structural money runs: never at risk. 2027:
  20 000 + 5 000 × 120 / 365 (31+28+31+30 days) = 20 000 + 1 643,84 = € 21 643,84; 2028: 20 000.
- A concept place with € 99 999 a year: not in the register, counted nowhere.

Totals: per jaar nu (lines running on 15 March) 12 000 + 10 000 + 20 000 + 5 000 = € 47 000,
of which structural 20 000, temporary 27 000. Ending within 6 months: P's 12 000 + S's 5 000 =
€ 17 000; within 12 months also R's 10 000 = € 27 000. In 2027: 5 950,68 + 10 000 +
21 643,84 = € 37 594,52; in 2028: € 20 000.

Residents 65+ for whom P is the only place within 800 m... at 400 m: P's circle (r = 400)
lies inside A; Q's circle overlaps it in a lens of 2r²·acos(d/2r) − (d/2)·√(4r² − d²) with
d = 400: 320 000 × 1,047198 − 200 × 692,820 = 335 103 − 138 564 = 196 539 m². P's own part:
π·400² − 196 539 = 502 655 − 196 539 = 306 116 m², so 200 × 306 116 / 4 000 000 = 15,31
residents 65+. (The module's 64-sided circles are 0.16 % smaller: rel=5e-3.) R reaches no buurt:
unknown (None).
"""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dekking.begroting import begroting, kies_horizon
from dekking.dekking import enige_plek_65_plus
from locaties.constants import FinancieringBron, LocatieStatus
from locaties.models import Locatie
from tests.dekking.test_dekking import plek, rechthoek
from tests.factories import (
    BuurtFactory,
    FinancieringFactory,
    PartnerFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 15)
URL = reverse("beheer:begroting")


def lijn(locatie, bedrag, *, structureel=False, ingang=None, einde=None, **extra):
    return FinancieringFactory(
        locatie=locatie,
        bedrag_per_jaar=None if bedrag is None else Decimal(bedrag),
        structureel=structureel,
        ingangsdatum=ingang,
        einddatum=einde,
        **extra,
    )


@pytest.fixture
def wereld(gemeente):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020001", naam="Noord")
    zuid = WijkFactory(gemeente=gemeente, cbs_code="WK020002", naam="Zuid")
    BuurtFactory(
        wijk=noord,
        cbs_code="BU02000101",
        naam="A",
        inwoners=1000,
        aandeel_65_plus=20,
        grens=rechthoek(0, 0, 2000, 2000),
    )
    p = plek(gemeente, 1000, 1000, naam="Buurthuis Tijdelijk", wijk=noord)
    q = plek(gemeente, 1400, 1000, naam="Huiskamer Buur", wijk=noord)
    r = plek(gemeente, 10_000, 10_000, naam="Huiskamer Later", wijk=noord)
    s = plek(gemeente, 5000, 5000, naam="Wijkcentrum Vast", wijk=zuid)
    concept = plek(gemeente, 1000, 1000, naam="Nog concept", status=LocatieStatus.CONCEPT)
    lijn(p, "12000", ingang=dt.date(2027, 1, 1), einde=dt.date(2027, 6, 30))
    fonds = PartnerFactory(naam="Oranje Fonds")
    lijn(
        r,
        "10000",
        ingang=dt.date(2026, 7, 1),
        einde=dt.date(2027, 12, 31),
        bron=FinancieringBron.FONDS,
        financier=fonds,
    )
    lijn(s, "20000", structureel=True, ingang=dt.date(2020, 1, 1), bron="corporatie")
    lijn(s, "5000", ingang=dt.date(2027, 1, 1), einde=dt.date(2027, 4, 30), bron="subsidie")
    lijn(s, None, structureel=True, bron=FinancieringBron.BIJDRAGE_GEBRUIKERS)
    lijn(concept, "99999", ingang=dt.date(2027, 1, 1), einde=dt.date(2027, 5, 1))
    return {"p": p, "q": q, "r": r, "s": s}


def euros(post):
    return (post.per_jaar_nu, post.structureel_nu, post.tijdelijk_nu, post.afloop)


def test_the_horizon_accepts_whole_months_from_3_to_24_only():
    assert [kies_horizon(v) for v in ("3", " 24 ", "12")] == [3, 24, 12]
    assert [kies_horizon(v) for v in ("2", "25", "6.5", "", None, "zes", "-6")] == [None] * 7


class TestFigures:
    def test_the_totals_per_year_are_the_hand_computed_ones(
        self, wereld, gemeente, gemeente_medewerker
    ):
        resultaat = begroting(gemeente, gemeente_medewerker, vandaag=TODAY)

        assert resultaat.horizon == dt.date(2027, 9, 15)
        assert resultaat.jaren == [2027, 2028]
        assert euros(resultaat.totaal) == (47000, 20000, 27000, 17000)
        assert resultaat.totaal.jaren == {2027: Decimal("37594.52"), 2028: Decimal("20000.00")}
        assert (resultaat.totaal.regels, resultaat.totaal.zonder_bedrag) == (5, 1)

    def test_a_place_with_only_temporary_money_ending_inside_the_horizon_comes_first(
        self, wereld, gemeente, gemeente_medewerker
    ):
        resultaat = begroting(gemeente, gemeente_medewerker, vandaag=TODAY, straal=400)

        assert [p.naam for p in resultaat.plekken] == [
            "Buurthuis Tijdelijk",
            "Huiskamer Buur",
            "Huiskamer Later",
            "Wijkcentrum Vast",
        ]
        (p,) = resultaat.in_gevaar
        assert (p.naam, p.einde_tijdelijk, p.afloop) == (
            "Buurthuis Tijdelijk",
            dt.date(2027, 6, 30),
            Decimal("12000"),
        )
        assert p.jaren == {2027: Decimal("5950.68"), 2028: Decimal("0.00")}
        assert p.ouderen_alleen_hier == pytest.approx(15.31, rel=5e-3)

    def test_a_longer_horizon_takes_in_money_that_ends_later(
        self, wereld, gemeente, gemeente_medewerker
    ):
        resultaat = begroting(
            gemeente, gemeente_medewerker, vandaag=TODAY, horizon_maanden=12, straal=400
        )

        assert [p.naam for p in resultaat.in_gevaar] == ["Buurthuis Tijdelijk", "Huiskamer Later"]
        assert resultaat.totaal.afloop == 27000
        # R reaches no buurt: how many residents it serves alone is unknown, not zero.
        assert resultaat.in_gevaar[1].ouderen_alleen_hier is None

    def test_a_structurally_financed_place_is_not_at_risk_though_a_temporary_part_ends(
        self, wereld, gemeente, gemeente_medewerker
    ):
        resultaat = begroting(gemeente, gemeente_medewerker, vandaag=TODAY)

        (s,) = [p for p in resultaat.plekken if p.naam == "Wijkcentrum Vast"]
        assert not s.alleen_tijdelijk
        assert euros(s) == (25000, 20000, 5000, 5000)
        assert s.jaren == {2027: Decimal("21643.84"), 2028: Decimal("20000.00")}
        assert s.zonder_bedrag == 1

    def test_the_amounts_per_wijk_source_and_funder(self, wereld, gemeente, gemeente_medewerker):
        resultaat = begroting(gemeente, gemeente_medewerker, vandaag=TODAY)

        assert [(w.naam, w.per_jaar_nu) for w in resultaat.wijken] == [
            ("Noord", 22000),
            ("Zuid", 25000),
        ]
        assert [(b.sleutel, b.per_jaar_nu, b.zonder_bedrag) for b in resultaat.bronnen] == [
            ("wmo", 12000, 0),
            ("corporatie", 20000, 0),
            ("fonds", 10000, 0),
            ("subsidie", 5000, 0),
            ("bijdrage_gebruikers", 0, 1),
        ]
        assert [(f.naam, f.per_jaar_nu) for f in resultaat.financiers] == [
            ("Geen financier vastgelegd", 37000),
            ("Oranje Fonds", 10000),
        ]

    def test_the_only_place_figure_without_another_place_is_the_whole_circle(
        self, wereld, gemeente
    ):
        """Q's circle alone, with P there: the same lens, so the same 15,31. P's circle with
        Q out of the way would be all of 502 655 m² → 200 × 502 655 / 4 000 000 = 25,13."""
        Locatie.objects.filter(pk=wereld["q"].pk).update(status=LocatieStatus.GEARCHIVEERD)

        uitkomst = enige_plek_65_plus(gemeente, [wereld["p"].pk], straal=400)

        assert uitkomst[wereld["p"].pk] == pytest.approx(25.13, rel=5e-3)


@pytest.fixture
def op_de_peildatum(monkeypatch):
    """The page computes for today: for the page, today is the peildatum."""
    monkeypatch.setattr("dekking.begroting.timezone", SimpleNamespace(localdate=lambda: TODAY))


@pytest.mark.usefixtures("op_de_peildatum")
class TestPage:
    def test_the_page_shows_the_places_at_risk_and_the_amounts(
        self, client, wereld, gemeente_medewerker
    ):
        client.force_login(gemeente_medewerker)

        response = client.get(URL, {"horizon": "12"})

        assert response.status_code == 200
        tekst = response.content.decode()
        assert "Buurthuis Tijdelijk" in tekst
        assert "€\u00a047.000" in tekst
        assert len(response.context["tabellen"]["in_gevaar"]["rijen"]) == 2
        assert "Nog concept" not in tekst

    @pytest.mark.parametrize("horizon", ["2", "25", "zes", ""])
    def test_a_horizon_out_of_range_shows_six_months_and_says_so(
        self, client, wereld, gemeente_medewerker, horizon
    ):
        client.force_login(gemeente_medewerker)

        response = client.get(URL, {"horizon": horizon, "straal": "801"})

        assert response.status_code == 200
        assert response.context["horizon"] == 6
        assert response.context["straal"] == 800
        berichten = [str(m) for m in response.context["messages"]]
        assert any("3 tot en met 24 maanden" in b for b in berichten)
        assert any("400, 800 of 1200" in b for b in berichten)

    def test_another_gemeente_answers_404(self, client, wereld, buitenstaander, gemeente):
        client.force_login(buitenstaander)
        assert client.get(URL, {"gemeente": gemeente.slug}).status_code == 404

    def test_the_xlsx_holds_every_table_with_cents(self, client, wereld, gemeente_medewerker):
        client.force_login(gemeente_medewerker)

        response = client.get(reverse("beheer:begroting_xlsx"), {"horizon": "6"})

        assert response.status_code == 200
        boek = load_workbook(io.BytesIO(response.content))
        assert len(boek.sheetnames) == 6
        waarden = [c for rij in boek.worksheets[1].iter_rows(values_only=True) for c in rij]
        assert 37594.52 in waarden

    def test_the_csv_lists_the_place_at_risk(self, client, wereld, gemeente_medewerker):
        client.force_login(gemeente_medewerker)

        response = client.get(reverse("beheer:begroting_csv"), {"straal": "400"})

        tekst = response.content.decode("utf-8-sig")
        assert "Alleen tijdelijk geld dat afloopt" in tekst
        assert "Buurthuis Tijdelijk" in tekst
        assert "Buurthuis Tijdelijk;Noord;2027-06-30;12000,00;15" in tekst


@pytest.mark.usefixtures("op_de_peildatum")
@pytest.mark.parametrize("aantal", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    client, wereld, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020009", naam="Extra")
    for i in range(aantal):
        extra = plek(gemeente, 100 + 50 * i, 100, wijk=noord)
        lijn(extra, "1000", ingang=dt.date(2027, 1, 1), einde=dt.date(2099, 1, 1))
        lijn(extra, "500", structureel=True)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"horizon": "24"})
    assert len(response.context["begroting"].plekken) == 4 + aantal
    with django_assert_max_num_queries(9):
        assert client.get(reverse("beheer:begroting_csv")).status_code == 200
