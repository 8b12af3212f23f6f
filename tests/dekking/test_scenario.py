"""What if (dekking/scenario.py) on a small hand-made gemeente whose answers are worked out by
hand, and its page.

Drawn in RD New metres relative to (150 000, 450 000) like tests/dekking/test_dekking.py;
walking distance 400 m, one circle π·400² = 502 655 m² (64-sided: rel=3e-3):

    buurt A (wijk Noord) (0, 0)–(2000, 2000): 1000 inwoners, 20 % 65+ (200), 4 000 000 m²
    buurt B (wijk Noord) (2000, 0)–(4000, 2000): 3000 inwoners, 10 % 65+ (300), 4 000 000 m²

- P, published, at (1000, 1000): its circle lies inside A. A now 502 655 / 4 000 000 =
  0,12566; B now 0. Gemeente now (1000 × 0,12566 + 3000 × 0) / 4000 = 0,03142.
- C, a concept place, at (3000, 1000): its circle lies inside B.
- A point on the boundary of A and B, at (2000, 1000): half its circle in A, half in B,
  251 327 m² each → 0,06283 of each. It is 1000 m from P and C: no overlap.

Adding the boundary point: A 0,12566 → 0,18850 (+6,3 procentpunt), B 0 → 0,06283; 65+ gained
200 × 0,06283 = 12,57 in A and 300 × 0,06283 = 18,85 in B, 31,42 in all; the gemeente
(1000 × 0,18850 + 3000 × 0,06283) / 4000 = 0,09425.
Adding C and taking P away: A 0,12566 → 0 (−25,13 65+), B 0 → 0,12566 (+37,70 65+).
"""

import pytest

from dekking.scenario import wat_als
from locaties.constants import LocatieStatus
from tests.dekking.test_dekking import lonlat, plek, rechthoek
from tests.factories import BuurtFactory, WijkFactory

pytestmark = pytest.mark.django_db

EEN = 502_655 / 4_000_000
HALF = EEN / 2
URL = "/beheer/dekking/wat-als/"


@pytest.fixture
def dorp(gemeente):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020001", naam="Noord")
    BuurtFactory(
        wijk=noord, cbs_code="BU02000101", naam="A", inwoners=1000, aandeel_65_plus=20,
        grens=rechthoek(0, 0, 2000, 2000),
    )  # fmt: skip
    BuurtFactory(
        wijk=noord, cbs_code="BU02000102", naam="B", inwoners=3000, aandeel_65_plus=10,
        grens=rechthoek(2000, 0, 4000, 2000),
    )  # fmt: skip
    p = plek(gemeente, 1000, 1000, naam="P", slug="p")
    c = plek(gemeente, 3000, 1000, naam="C", slug="c", status=LocatieStatus.CONCEPT)
    return {"gemeente": gemeente, "p": p, "c": c}


def grens_punt():
    lon, lat = lonlat(2000, 1000)
    return (lat, lon)


def test_nothing_chosen_changes_nothing(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400)

    a, b = uitkomst.buurten
    assert (a.nu, a.straks) == pytest.approx((EEN, EEN), rel=3e-3)
    assert (b.nu, b.straks) == (0, 0)
    assert uitkomst.totaal.nu == pytest.approx(EEN / 4, rel=3e-3)
    assert uitkomst.veranderd == []


def test_a_point_on_a_buurt_boundary_adds_half_its_circle_to_each(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400, punten=[grens_punt()])

    a, b = uitkomst.buurten
    assert a.straks == pytest.approx(EEN + HALF, rel=3e-3)
    assert a.verschil == pytest.approx(HALF, rel=3e-3)
    assert b.straks == pytest.approx(HALF, rel=3e-3)
    assert a.ouderen_erbij == pytest.approx(12.57, rel=3e-3)
    assert b.ouderen_erbij == pytest.approx(18.85, rel=3e-3)
    assert uitkomst.totaal.straks == pytest.approx(0.09425, rel=3e-3)
    assert uitkomst.totaal.ouderen_erbij == pytest.approx(31.42, rel=3e-3)
    # B gains the most 65+: first.
    assert [v.naam for v in uitkomst.veranderd] == ["B", "A"]
    (noord,) = uitkomst.wijken
    assert noord.straks == pytest.approx(uitkomst.totaal.straks)


def test_a_concept_place_added_and_a_published_one_taken_away(dorp):
    uitkomst = wat_als(dorp["gemeente"], straal=400, erbij=[dorp["c"].pk], eraf=[dorp["p"].pk])

    a, b = uitkomst.buurten
    assert (a.nu, a.straks) == pytest.approx((EEN, 0), rel=3e-3, abs=1e-9)
    assert b.straks == pytest.approx(EEN, rel=3e-3)
    assert a.ouderen_erbij == pytest.approx(-25.13, rel=3e-3)
    assert b.ouderen_erbij == pytest.approx(37.70, rel=3e-3)
    assert (uitkomst.erbij, uitkomst.eraf) == (1, 1)


def test_the_scenario_takes_two_queries(dorp, django_assert_num_queries):
    with django_assert_num_queries(2):
        wat_als(dorp["gemeente"], straal=400, erbij=[dorp["c"].pk], punten=[grens_punt()])


# ---------------------------------------------------------------- the page


def test_the_page_shows_the_change_per_buurt_and_saves_nothing(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    lat, lon = grens_punt()

    response = client.get(
        URL, {"straal": "400", "erbij": "c", "punten": f"{lat:.6f}, {lon:.6f}", "eraf": "p"}
    )

    assert response.status_code == 200
    assert response.context["form"].is_valid()
    assert [r["object"].naam for r in response.context["buurten"]] == ["B", "A"]
    dorp["c"].refresh_from_db()
    assert dorp["c"].status == LocatieStatus.CONCEPT


def test_the_form_offers_concept_places_to_add_and_published_ones_to_take_away(
    client, dorp, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)

    form = client.get(URL).context["form"]

    assert [loc.naam for loc in form.fields["erbij"].queryset] == ["C"]
    assert [loc.naam for loc in form.fields["eraf"].queryset] == ["P"]


@pytest.mark.parametrize(
    ("punten", "melding"),
    [
        ("5.97, 52.2", "ligt niet in Nederland"),
        ("52,2 5,97", "Regel 1 is geen punt"),
        ("52.2", "Regel 1 is geen punt"),
        ("\n".join(["52.2, 5.97"] * 11), "hoogstens 10 punten"),
    ],
)
def test_a_point_that_is_no_point_is_refused_with_the_input_kept(
    client, dorp, gemeente_medewerker, punten, melding
):
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"punten": punten})

    assert response.status_code == 200
    assert response.context["scenario"] is None
    assert melding in response.content.decode()
    assert response.context["form"]["punten"].value() == punten


def test_a_place_of_another_gemeente_cannot_be_added(client, dorp, gemeente_medewerker):
    from tests.factories import LocatieFactory

    elders = LocatieFactory(slug="elders", status=LocatieStatus.CONCEPT)
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"erbij": elders.slug})

    assert response.context["scenario"] is None
    assert "erbij" in response.context["form"].errors


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_page_runs_a_fixed_number_of_queries(
    client, dorp, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    for i in range(aantal):
        plek(gemeente, 100 + 50 * i, 100)
        plek(gemeente, 100 + 50 * i, 1900, status=LocatieStatus.TER_BEOORDELING)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    # The session and user, the gemeenten, each choice list validated and shown (4), the
    # scenario (2).
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"straal": "400", "erbij": "c", "eraf": "p"})
    assert response.context["scenario"] is not None
    assert len(response.context["form"].fields["eraf"].queryset) == 1 + aantal
