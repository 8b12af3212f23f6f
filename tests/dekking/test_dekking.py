"""Coverage figures (dekking/dekking.py) on a small hand-made gemeente whose answers are worked
out by hand below.

The gemeente is drawn in RD New metres relative to the point (150 000, 450 000) and stored in
WGS84, as the importer stores real boundaries; the figures reproject it. So distances come
back to within millimetres, and areas of circles are those of the 64-sided polygons the
module uses, 0.16 % below π r² (hence rel=2e-3 on shares).

    y
  4000 +-----------------+-----------------------------------+
       | C (wijk 2)      | D (wijk 2)                        |
       | 0 inwoners      | 2000 inwoners, 25 % 65+           |
  2000 +-----------------+-----------------------------------+
       | A (wijk 1)      | B (wijk 1)                        |        +-------+ 1000
       | 1000 inw, 20 %  P2 (sterlocatie,      P1 (centre)   |        | E  P5 | E (wijk 2):
       |                 |  on the A|B edge)   3000 inw, 10 %|        |       | 500 inw,
     0 +-----------------+-----------------------------------+        +-------+ 65+ unknown
       0               2000                               6000     8000    9000  x
                                                                       P3 (kern) at (8500, -500)
  P6, a place of the gemeente outside every buurt, at (-3000, 1000).

Places: P1 (4000, 1000) at B's centre; P2 (2000, 1000) on the boundary of A and B, a
sterlocatie; P5 (8500, 500) at E's centre; P3 (8500, -500) a steunpunt (kern) of a
neighbouring gemeente, outside every buurt; P6 (-3000, 1000) of the gemeente, outside every
buurt. Not counted: a concept place in A, an archived place in B, a published place without
coordinates (counted as such).

Buurt centres (representative points of rectangles are their centres): A (1000, 1000),
B (4000, 1000), C (1000, 3000), D (4000, 3000), E (8500, 500).
"""

import datetime as dt
import io
import math

import pytest
from django.db.models import Q
from pyproj import Transformer

from activiteiten.constants import ActiviteitStatus, Categorie
from dekking.dekking import (
    DEKKING_MARGE_M,
    GEBIED_VELDEN,
    bereken,
    dekking,
    kies_straal,
    met_grenstekst,
)
from locaties.constants import LocatieSoort, LocatieStatus, Weekdag
from locaties.models import Locatie, Wijk
from tests.factories import (
    ActiviteitFactory,
    BuurtFactory,
    GemeenteFactory,
    LocatieFactory,
    OpeningstijdFactory,
    UitzonderingFactory,
    WijkFactory,
)

X0, Y0 = 150_000, 450_000
TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
PI = math.pi


def lonlat(x, y):
    return TO_WGS84.transform(X0 + x, Y0 + y)


def rechthoek(x1, y1, x2, y2, *, extra=()):
    """A GeoJSON rectangle, counter-clockwise, with `extra` points on its edges as vertices
    (inserted where they belong along the ring)."""
    ring = [(x1, y1), (x2, y1), (x2, y2), (x1, y2)]
    for point in extra:
        for i in range(4):
            (ax, ay), (bx, by) = ring[i], ring[(i + 1) % 4]
            on_edge = (ax == bx == point[0] and min(ay, by) < point[1] < max(ay, by)) or (
                ay == by == point[1] and min(ax, bx) < point[0] < max(ax, bx)
            )
            if on_edge:
                ring.insert(i + 1, point)
                break
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [[list(lonlat(x, y)) for x, y in ring]]}


def plek(gemeente, x, y, **kwargs):
    lon, lat = lonlat(x, y)
    return LocatieFactory(
        gemeente=gemeente,
        latitude=lat,
        longitude=lon,
        status=kwargs.pop("status", LocatieStatus.GEPUBLICEERD),
        **kwargs,
    )


def next_monday(today=None):
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture
def peildatum():
    """A Monday a week or more ahead, so the activities' dates lie in the stored horizon."""
    return next_monday() + dt.timedelta(days=7)


@pytest.fixture
def wereld(db, peildatum):
    gemeente = GemeenteFactory(naam="Proefdorp", cbs_code="GM0999", slug="proefdorp")
    buurman = GemeenteFactory(naam="Buurdorp", cbs_code="GM0998", slug="buurdorp")
    wijk1 = WijkFactory(gemeente=gemeente, cbs_code="WK099901", naam="Wijk Een")
    wijk2 = WijkFactory(gemeente=gemeente, cbs_code="WK099902", naam="Wijk Twee")
    on_edge = (2000, 1000)
    buurten = {
        "A": BuurtFactory(
            wijk=wijk1, cbs_code="BU09990101", naam="A", inwoners=1000, aandeel_65_plus=20,
            grens=rechthoek(0, 0, 2000, 2000, extra=[on_edge]),
        ),
        "B": BuurtFactory(
            wijk=wijk1, cbs_code="BU09990102", naam="B", inwoners=3000, aandeel_65_plus=10,
            grens=rechthoek(2000, 0, 6000, 2000, extra=[on_edge]),
        ),
        "C": BuurtFactory(
            wijk=wijk2, cbs_code="BU09990201", naam="C", inwoners=0, aandeel_65_plus=None,
            grens=rechthoek(0, 2000, 2000, 4000),
        ),
        "D": BuurtFactory(
            wijk=wijk2, cbs_code="BU09990202", naam="D", inwoners=2000, aandeel_65_plus=25,
            grens=rechthoek(2000, 2000, 6000, 4000),
        ),
        "E": BuurtFactory(
            wijk=wijk2, cbs_code="BU09990203", naam="E", inwoners=500, aandeel_65_plus=None,
            grens=rechthoek(8000, 0, 9000, 1000),
        ),
    }  # fmt: skip
    p1 = plek(gemeente, 4000, 1000, naam="P1")
    p2 = plek(gemeente, *on_edge, naam="P2", sterlocatie=True)
    p3 = plek(buurman, 8500, -500, naam="P3", soort=LocatieSoort.STEUNPUNT)
    p5 = plek(gemeente, 8500, 500, naam="P5")
    p6 = plek(gemeente, -3000, 1000, naam="P6")
    plek(gemeente, 1000, 1000, naam="Concept", status=LocatieStatus.CONCEPT)
    plek(gemeente, 3000, 1000, naam="Gearchiveerd", status=LocatieStatus.GEARCHIVEERD)
    LocatieFactory(
        gemeente=gemeente, naam="Zonder", status=LocatieStatus.GEPUBLICEERD,
        latitude=None, longitude=None,
    )  # fmt: skip

    # Opening hours: P1 maandag 9:00–12:00 and dinsdag 13:30–17:00 (6.5 h); P2 woensdag
    # 10:00–12:00 (2 h).
    OpeningstijdFactory(locatie=p1, weekdag=Weekdag.MAANDAG, van=dt.time(9), tot=dt.time(12))
    OpeningstijdFactory(locatie=p1, weekdag=Weekdag.DINSDAG, van=dt.time(13, 30), tot=dt.time(17))
    OpeningstijdFactory(locatie=p2, weekdag=Weekdag.WOENSDAG, van=dt.time(10), tot=dt.time(12))

    # Activities in the 28 days from the Monday `peildatum`:
    # - P1 koffie every Tuesday 10:00–12:00: 4 dates, the second cancelled: 3 × 2 h = 6 h;
    # - P2 maaltijd every other Thursday 17:00–19:30 from the first Thursday: days 3 and 17
    #   (day 31 is past the period): 2 × 2.5 h = 5 h;
    # - P5 bewegen once on the period's last day (day 27) 14:00–16:00: 2 h; once on day 28,
    #   the day after the period: not counted;
    # - a concept activity at P1: not counted.
    dag = lambda n: peildatum + dt.timedelta(days=n)  # noqa: E731
    koffie = ActiviteitFactory(locatie=p1, startdatum=dag(1), herhaling="FREQ=WEEKLY;BYDAY=TU")
    UitzonderingFactory(activiteit=koffie, datum=dag(8))
    ActiviteitFactory(
        locatie=p2, categorie=Categorie.MAALTIJD, startdatum=dag(3),
        begintijd=dt.time(17), eindtijd=dt.time(19, 30),
        herhaling="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    )  # fmt: skip
    for n in (27, 28):
        ActiviteitFactory(
            locatie=p5, categorie=Categorie.BEWEGEN, startdatum=dag(n), eenmalig=True,
            begintijd=dt.time(14), eindtijd=dt.time(16),
        )  # fmt: skip
    ActiviteitFactory(locatie=p1, startdatum=dag(0), status=ActiviteitStatus.CONCEPT)
    return {"gemeente": gemeente, "buurten": buurten, "p3": p3, "p6": p6}


def per_code(result):
    return {b.naam: b for b in result.buurten}


class TestPlacesAndHours:
    def test_each_place_counts_once_in_the_buurt_it_lies_in(self, wereld, peildatum):
        result = dekking(wereld["gemeente"], peildatum=peildatum)
        buurten = per_code(result)
        # P2 lies on the edge of A and B: it counts in A, the lower CBS code, not in both.
        assert {naam: b.plekken for naam, b in buurten.items()} == {
            "A": 1, "B": 1, "C": 0, "D": 0, "E": 1,
        }  # fmt: skip
        assert buurten["A"].sterlocaties == 1 and buurten["B"].sterlocaties == 0
        assert result.totaal.plekken == 3
        assert result.totaal.sterlocaties == 1
        # P3 is a kern, but of the neighbour and outside every buurt.
        assert result.totaal.kernen == 0
        # P6 is the gemeente's own but outside its buurten; "Zonder" has no coordinates.
        assert result.buiten_buurten == 1
        assert result.zonder_coordinaten == 1

    def test_places_around_the_gemeente_are_on_the_map_but_not_in_its_counts(self, wereld):
        result = dekking(wereld["gemeente"])
        op_kaart = {p.naam: p for p in result.plekken}
        # Concept and archived places are not shown; the place without coordinates cannot be.
        assert set(op_kaart) == {"P1", "P2", "P3", "P5", "P6"}
        assert op_kaart["P2"].buurt_code == "BU09990101"
        assert op_kaart["P3"].is_kern and not op_kaart["P3"].in_gemeente
        assert op_kaart["P2"].is_sterlocatie and not op_kaart["P1"].is_sterlocatie

    def test_opening_hours_are_the_weekly_periods_summed(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"]))
        # A: P2's 2 h; B: P1's 3 h + 3.5 h.
        assert buurten["A"].openingsuren == pytest.approx(2.0)
        assert buurten["B"].openingsuren == pytest.approx(6.5)
        assert buurten["D"].openingsuren == 0

    def test_activity_hours_are_the_stored_dates_of_four_weeks_divided_by_four(
        self, wereld, peildatum
    ):
        result = dekking(wereld["gemeente"], peildatum=peildatum)
        buurten = per_code(result)
        # A: maaltijd 5 h / 4 = 1.25; B: koffie 6 h / 4 = 1.5 (the cancelled date and the
        # concept activity left out); E: bewegen 2 h / 4 = 0.5.
        assert buurten["A"].activiteitenuren == pytest.approx(1.25)
        assert buurten["B"].activiteitenuren == pytest.approx(1.5)
        assert buurten["E"].activiteitenuren == pytest.approx(0.5)
        assert result.totaal.activiteitenuren == pytest.approx(3.25)
        assert [code for code, _label in result.categorieen] == ["koffie", "maaltijd", "bewegen"]
        assert result.activiteiten_per_wijk == {
            "WK099901": {"koffie": 1.5, "maaltijd": 1.25, "bewegen": 0.0},
            "WK099902": {"koffie": 0.0, "maaltijd": 0.0, "bewegen": 0.5},
        }

    def test_hours_for_a_target_group_only_are_counted_apart(self, wereld, peildatum):
        """P1 gets dagbesteding for clients only, every Monday 9:00–15:00 (the peildatum is a
        Monday): days 0, 7, 14, 21 → 4 × 6 h = 24 h / 4 = 6 h a week, all for a target
        group. B: 1.5 h koffie open to everyone + 6 h dagbesteding = 7.5 h, of which 6 h
        closed; wijk 1 (A + B): 1.25 + 7.5 = 8.75 h, of which 6 h closed, 2.75 h open."""
        p1 = Locatie.objects.get(naam="P1")
        ActiviteitFactory(
            locatie=p1, categorie=Categorie.DAGBESTEDING, startdatum=peildatum,
            begintijd=dt.time(9), eindtijd=dt.time(15), herhaling="FREQ=WEEKLY;BYDAY=MO",
            alleen_voor_doelgroep=True,
        )  # fmt: skip

        result = dekking(wereld["gemeente"], peildatum=peildatum)
        buurten = per_code(result)

        assert buurten["B"].activiteitenuren == pytest.approx(7.5)
        assert buurten["B"].activiteitenuren_doelgroep == pytest.approx(6.0)
        assert buurten["B"].activiteitenuren_open == pytest.approx(1.5)
        assert buurten["A"].activiteitenuren_doelgroep == 0
        (wijk1, _wijk2) = result.wijken
        assert (wijk1.activiteitenuren, wijk1.activiteitenuren_open) == pytest.approx((8.75, 2.75))
        assert result.totaal.activiteitenuren_doelgroep == pytest.approx(6.0)
        assert result.doelgroep_per_wijk["WK099901"]["dagbesteding"] == pytest.approx(6.0)
        assert result.doelgroep_per_wijk["WK099901"]["koffie"] == 0
        assert result.activiteiten_per_wijk["WK099901"]["dagbesteding"] == pytest.approx(6.0)

    def test_a_week_later_the_period_holds_other_dates(self, wereld, peildatum):
        result = dekking(wereld["gemeente"], peildatum=peildatum + dt.timedelta(days=7))
        buurten = per_code(result)
        # Days 8–35 of the first period: koffie on days 15, 22, 29 (day 8 cancelled): 6 h;
        # maaltijd on days 17 and 31: 5 h; bewegen on days 27 and 28: 4 h.
        assert buurten["B"].activiteitenuren == pytest.approx(1.5)
        assert buurten["A"].activiteitenuren == pytest.approx(1.25)
        assert buurten["E"].activiteitenuren == pytest.approx(1.0)


class TestDistances:
    def test_distance_from_each_buurt_centre_to_the_nearest_place(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"]))
        # A (1000, 1000) → P2 (2000, 1000): 1000 m. B's centre is P1: 0 m.
        # C (1000, 3000) → P2: √(1000² + 2000²) = 2236.07 m (P1: √(3000² + 2000²) = 3605.55).
        # D (4000, 3000) → P1: 2000 m. E's centre is P5: 0 m.
        assert buurten["A"].afstand_plek_m == pytest.approx(1000, abs=0.01)
        assert buurten["B"].afstand_plek_m == pytest.approx(0, abs=0.01)
        assert buurten["C"].afstand_plek_m == pytest.approx(2236.07, abs=0.01)
        assert buurten["D"].afstand_plek_m == pytest.approx(2000, abs=0.01)
        assert buurten["E"].afstand_plek_m == pytest.approx(0, abs=0.01)

    def test_distances_to_sterlocaties_and_kernen(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"]))
        # Sterlocatie P2 (2000, 1000): A 1000; B (4000, 1000) 2000; D (4000, 3000)
        # √(2000² + 2000²) = 2828.43; E (8500, 500) √(6500² + 500²) = 6519.2 > the 5 km
        # margin: "further" (infinity), as a nearer place beyond the margin is not fetched.
        assert buurten["A"].afstand_sterlocatie_m == pytest.approx(1000, abs=0.01)
        assert buurten["B"].afstand_sterlocatie_m == pytest.approx(2000, abs=0.01)
        assert buurten["D"].afstand_sterlocatie_m == pytest.approx(2828.43, abs=0.01)
        assert buurten["E"].afstand_sterlocatie_m == math.inf
        # Kern P3 (8500, -500), of the neighbour: E 1000; B √(4500² + 1500²) = 4743.42;
        # A √(7500² + 1500²) = 7648.5 > 5000: infinity.
        assert buurten["E"].afstand_kern_m == pytest.approx(1000, abs=0.01)
        assert buurten["B"].afstand_kern_m == pytest.approx(4743.42, abs=0.01)
        assert buurten["A"].afstand_kern_m == math.inf
        assert DEKKING_MARGE_M == 5000

    def test_a_wijk_shows_the_largest_distance_of_its_buurten(self, wereld):
        wijken = {w.naam: w for w in dekking(wereld["gemeente"]).wijken}
        assert wijken["Wijk Een"].afstand_plek_m == pytest.approx(1000, abs=0.01)
        assert wijken["Wijk Twee"].afstand_plek_m == pytest.approx(2236.07, abs=0.01)


class TestReach:
    # Circle areas: π·800² = 2 010 619 m², π·400² = 502 655 m². Buurt areas: A 4 km²,
    # B 8 km², D 8 km², E 1 km².

    def test_share_of_each_buurt_within_800_m(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"], straal=800))
        # A: half of P2's circle (P2 is on A's edge): 1 005 310 / 4e6 = 0.251327.
        # B: all of P1's circle (1000 m from B's long edges) and the other half of P2's
        # (P1 and P2 are 2000 m apart: no overlap): 3 015 929 / 8e6 = 0.376991.
        # D: no circle reaches y = 2000 (P1's ends at 1800): 0.
        # E: P5's circle holds the whole square (corners at 707 m): 1.
        assert buurten["A"].aandeel_plek == pytest.approx(0.251327, rel=2e-3)
        assert buurten["B"].aandeel_plek == pytest.approx(0.376991, rel=2e-3)
        assert buurten["D"].aandeel_plek == 0
        assert buurten["E"].aandeel_plek == pytest.approx(1.0)

    def test_the_gemeente_share_is_weighted_by_residents(self, wereld):
        totaal = dekking(wereld["gemeente"], straal=800).totaal
        # (1000 × 0.251327 + 3000 × 0.376991 + 2000 × 0 + 500 × 1) / 6500 = 0.289585
        # (C has no residents and weighs nothing).
        assert totaal.inwoners == 6500
        assert totaal.aandeel_plek == pytest.approx(0.289585, rel=2e-3)
        # 65+: A 200, B 300, D 500; E's share is unknown, so it is left out:
        # (200 × 0.251327 + 300 × 0.376991 + 500 × 0) / 1000 = 0.163363.
        assert totaal.inwoners_65_plus == pytest.approx(1000)
        assert totaal.aandeel_plek_65_plus == pytest.approx(0.163363, rel=2e-3)

    def test_a_wijk_share_is_weighted_over_its_buurten(self, wereld):
        wijken = {w.naam: w for w in dekking(wereld["gemeente"], straal=800).wijken}
        # Wijk Een: (251.327 + 1130.973) / 4000 = 0.345575; 65+: (50.265 + 113.097) / 500.
        assert wijken["Wijk Een"].inwoners == 4000
        assert wijken["Wijk Een"].plekken == 2
        assert wijken["Wijk Een"].aandeel_plek == pytest.approx(0.345575, rel=2e-3)
        assert wijken["Wijk Een"].aandeel_plek_65_plus == pytest.approx(0.326725, rel=2e-3)
        # Wijk Twee: (0 + 500 × 1) / 2500 = 0.2.
        assert wijken["Wijk Twee"].aandeel_plek == pytest.approx(0.2, rel=2e-3)

    def test_the_radius_chooses_the_circles(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"], straal=400))
        # A: half of 502 655 / 4e6 = 0.062832; B: 1.5 × 502 655 / 8e6 = 0.094248;
        # E: 502 655 / 1e6 = 0.502655 (the circle lies inside E).
        assert buurten["A"].aandeel_plek == pytest.approx(0.062832, rel=2e-3)
        assert buurten["B"].aandeel_plek == pytest.approx(0.094248, rel=2e-3)
        assert buurten["E"].aandeel_plek == pytest.approx(0.502655, rel=2e-3)
        totaal = dekking(wereld["gemeente"], straal=400).totaal
        # (62.832 + 282.743 + 0 + 251.327) / 6500 = 0.091831.
        assert totaal.aandeel_plek == pytest.approx(0.091831, rel=2e-3)
        # At 1200 m every share grows, and D is reached (P1's circle crosses y = 2000).
        groot = per_code(dekking(wereld["gemeente"], straal=1200))
        for naam in "ABE":
            assert groot[naam].aandeel_plek >= buurten[naam].aandeel_plek
        assert groot["D"].aandeel_plek > 0

    def test_sterlocatie_reach_uses_the_radius_and_kern_reach_two_km(self, wereld):
        result = dekking(wereld["gemeente"], straal=800)
        buurten = per_code(result)
        # Sterlocatie P2 only: A half a circle, 0.251327; B the other half, 1 005 310 / 8e6.
        assert buurten["A"].aandeel_sterlocatie == pytest.approx(0.251327, rel=2e-3)
        assert buurten["B"].aandeel_sterlocatie == pytest.approx(0.125664, rel=2e-3)
        assert buurten["E"].aandeel_sterlocatie == 0
        # (1000 × 0.251327 + 3000 × 0.125664) / 6500 = 0.096664.
        assert result.totaal.aandeel_sterlocatie == pytest.approx(0.096664, rel=2e-3)
        # Kern P3 (8500, -500) just outside the gemeente: its 2 km circle holds all of E
        # (E's far corners are √(500² + 1500²) = 1581 m away) and reaches no other buurt
        # (B's nearest corner (6000, 0) is √(2500² + 500²) = 2550 m away).
        assert buurten["E"].aandeel_kern == pytest.approx(1.0)
        assert buurten["B"].aandeel_kern == 0
        assert result.totaal.aandeel_kern == pytest.approx(500 / 6500, rel=2e-3)

    def test_a_buurt_without_residents_has_no_shares_and_no_per_place_figures(self, wereld):
        c = per_code(dekking(wereld["gemeente"]))["C"]
        assert c.inwoners == 0 and c.zonder_inwoners
        assert c.aandeel_plek is None and c.aandeel_kern is None
        assert c.inwoners_per_plek is None and c.buiten_bereik_65_plus is None
        assert not c.is_gat
        # Its distance is geometry and still known.
        assert c.afstand_plek_m == pytest.approx(2236.07, abs=0.01)

    def test_residents_per_place(self, wereld):
        buurten = per_code(dekking(wereld["gemeente"]))
        assert buurten["A"].inwoners_per_plek == 1000
        assert buurten["A"].inwoners_65_plus_per_plek == pytest.approx(200)
        assert buurten["D"].inwoners_per_plek is None  # no place: not a division by zero
        assert buurten["E"].inwoners_65_plus_per_plek is None  # 65+ unknown

    def test_the_gaps_are_buurten_where_most_residents_are_out_of_reach(self, wereld):
        result = dekking(wereld["gemeente"], straal=800)
        # Out of reach, 65+: D 500 × 1 = 500; B 300 × 0.623 = 186.9; A 200 × 0.749 = 149.7.
        # E is covered; C has no residents.
        assert [b.naam for b in result.gaten] == ["D", "B", "A"]
        assert result.gaten[1].buiten_bereik_65_plus == pytest.approx(186.90, rel=2e-3)
        # At 400 m E's 0.503 is still more than half.
        assert "E" not in [b.naam for b in dekking(wereld["gemeente"], straal=400).gaten]


class TestUnknownsAndEdges:
    def test_unknown_residents_stay_out_of_the_sums(self, db):
        gemeente = GemeenteFactory(cbs_code="GM0997")
        wijk = WijkFactory(gemeente=gemeente, cbs_code="WK099701")
        BuurtFactory(wijk=wijk, cbs_code="BU09970101", inwoners=None, aandeel_65_plus=None,
                     grens=rechthoek(0, 0, 1000, 1000))  # fmt: skip
        BuurtFactory(wijk=wijk, cbs_code="BU09970102", inwoners=400, aandeel_65_plus=50,
                     grens=rechthoek(1000, 0, 2000, 1000))  # fmt: skip
        plek(gemeente, 500, 500)  # centre of the first: its 400 m circle stays inside it
        result = dekking(gemeente, straal=400)
        onbekend, bekend = result.buurten
        assert onbekend.inwoners is None and onbekend.inwoners_65_plus is None
        # The share of an unknown number of residents is still the share of the area.
        assert onbekend.aandeel_plek == pytest.approx(PI * 400**2 / 1e6, rel=2e-3)
        assert bekend.aandeel_plek == 0
        assert result.totaal.inwoners == 400
        assert result.totaal.inwoners_65_plus == pytest.approx(200)
        assert result.totaal.aandeel_plek == 0  # only the known buurt weighs

    def test_a_wijk_without_buurten_counts_as_its_own_buurt(self, db):
        gemeente = GemeenteFactory(cbs_code="GM0996")
        WijkFactory(gemeente=gemeente, cbs_code="WK099601", naam="Alleen wijk", inwoners=100,
                    grens=rechthoek(0, 0, 1000, 1000))  # fmt: skip
        plek(gemeente, 500, 500)
        result = dekking(gemeente, straal=800)
        assert [b.naam for b in result.buurten] == ["Alleen wijk"]
        assert result.buurten[0].plekken == 1
        assert result.buurten[0].aandeel_plek == pytest.approx(1.0)
        assert result.wijken[0].inwoners == 100

    def test_a_buurt_without_boundary_has_no_geometry_figures(self, db):
        gemeente = GemeenteFactory(cbs_code="GM0995")
        wijk = WijkFactory(gemeente=gemeente, cbs_code="WK099501")
        BuurtFactory(wijk=wijk, cbs_code="BU09950101", inwoners=100, grens=None)
        plek(gemeente, 500, 500)
        result = dekking(gemeente)
        buurt = result.buurten[0]
        assert not buurt.heeft_grens
        assert buurt.afstand_plek_m is None and buurt.aandeel_plek is None
        assert result.totaal.aandeel_plek is None
        assert result.buiten_buurten == 1

    def test_the_centre_of_a_u_shaped_buurt_lies_inside_it(self, db):
        gemeente = GemeenteFactory(cbs_code="GM0993")
        wijk = WijkFactory(gemeente=gemeente, cbs_code="WK099301")
        u = [(0, 0), (3000, 0), (3000, 1000), (2000, 1000), (2000, 300), (1000, 300),
             (1000, 1000), (0, 1000), (0, 0)]  # fmt: skip
        grens = {"type": "Polygon", "coordinates": [[list(lonlat(x, y)) for x, y in u]]}
        BuurtFactory(wijk=wijk, cbs_code="BU09930101", inwoners=100, grens=grens)
        plek(gemeente, 1500, 150)  # in the bottom bar, under the notch
        buurt = dekking(gemeente).buurten[0]
        # The centroid, (1500, 454.35), lies in the notch: (3e6 × 500 − 0.7e6 × 650) / 2.3e6.
        # So the representative point is used. GEOS scans a line halfway between the vertex
        # heights around the middle of the box (300 and 1000: y = 650) and takes the middle of
        # its widest stretch inside the U: (500, 650) (or (2500, 650), as far), which is
        # √(1000² + 500²) = 1118.03 m from the place. The centroid would have given 304.35.
        assert buurt.afstand_plek_m == pytest.approx(1118.03, abs=0.01)

    def test_a_gemeente_without_wijken_or_places(self, db):
        result = dekking(GemeenteFactory())
        assert result.buurten == [] and result.wijken == [] and result.plekken == []
        assert result.totaal.inwoners is None and result.totaal.aandeel_plek is None
        assert result.gaten == []

    def test_without_any_place_nothing_is_within_reach(self, db):
        gemeente = GemeenteFactory(cbs_code="GM0994")
        wijk = WijkFactory(gemeente=gemeente, cbs_code="WK099401")
        BuurtFactory(wijk=wijk, cbs_code="BU09940101", inwoners=100, aandeel_65_plus=30,
                     grens=rechthoek(0, 0, 1000, 1000))  # fmt: skip
        buurt = dekking(gemeente).buurten[0]
        assert buurt.aandeel_plek == 0 and buurt.afstand_plek_m == math.inf
        assert buurt.buiten_bereik_65_plus == pytest.approx(30)


def test_the_figures_cost_four_queries_whatever_the_size(wereld, django_assert_num_queries):
    with django_assert_num_queries(4):
        dekking(wereld["gemeente"])
    for i in range(20):
        plek(wereld["gemeente"], 100 + i * 90, 1500)
    with django_assert_num_queries(4):
        dekking(wereld["gemeente"])


def test_a_whole_country_can_be_computed_at_once(wereld):
    gebieden = list(met_grenstekst(Wijk.objects.all()).values_list(*GEBIED_VELDEN))
    result = bereken(
        "Nederland",
        gebieden=gebieden,
        eigen_plekken=Q(gemeente__isnull=False),
        straal=800,
        peildatum=dt.date.today(),
    )
    assert result.totaal.aandeel_plek == pytest.approx(0.289585, rel=2e-3)


def test_the_walking_distance_is_one_of_three():
    assert [kies_straal(v) for v in ("400", "800", " 1200 ", "500", "", "x", None)] == [
        400, 800, 1200, None, None, None, None,
    ]  # fmt: skip


def test_the_dashboard_and_its_export_show_target_group_hours_apart(
    client, wereld, peildatum, django_user_model
):
    """P1's dagbesteding for clients only (6 h every Monday from the peildatum) shows in the
    key figures, the chart's table and the export's table per wijk as hours for a target
    group, apart from the open hours."""
    from openpyxl import load_workbook

    from partners.constants import PartnerSoort
    from tests.factories import LidmaatschapFactory, PartnerFactory

    gemeente = wereld["gemeente"]
    ActiviteitFactory(
        locatie=Locatie.objects.get(naam="P1"), categorie=Categorie.DAGBESTEDING,
        startdatum=peildatum, begintijd=dt.time(9), eindtijd=dt.time(15),
        herhaling="FREQ=WEEKLY;BYDAY=MO", alleen_voor_doelgroep=True,
    )  # fmt: skip
    partner = PartnerFactory(soort=PartnerSoort.GEMEENTE, gemeente=gemeente, werkgebied=[gemeente])
    client.force_login(LidmaatschapFactory(partner=partner).user)

    response = client.get("/beheer/dekking/", {"gemeente": gemeente.slug})

    (wijk1, _wijk2) = response.context["grafiek"]["wijken"]
    assert wijk1["heeft_doelgroep"]
    assert "alleen voor een doelgroep" in response.content.decode()
    export = client.get("/beheer/dekking/export.xlsx", {"gemeente": gemeente.slug})
    blad = load_workbook(io.BytesIO(export.content)).worksheets[3]
    rijen = list(blad.iter_rows(values_only=True))
    kop = next(r for r in rijen if r and r[0] == "Wijk")
    wijk_een = next(r for r in rijen if r and r[0] == "Wijk Een")
    doelgroep = wijk_een[kop.index("Alleen voor een doelgroep")]
    assert doelgroep > 0
    assert wijk_een[kop.index("Totaal")] == pytest.approx(
        wijk_een[kop.index("Open voor iedereen")] + doelgroep, abs=0.02
    )


def test_polygons_of_one_ring_are_read_as_from_geojson_reads_them():
    """_grenzen reads most boundaries (a Polygon of one ring) by a fast path of its own; it
    gives exactly the coordinates shapely.from_geojson gives, and leaves every other text
    (holes, several parts, a Feature, a ring not closed) to from_geojson."""
    import json

    import numpy as np
    import shapely

    from dekking.dekking import _enkele_ringen, _grenzen

    ring = [[5.1, 52.1], [5.2, 52.1], [5.2, 52.2], [5.1, 1.5e1], [5.1, 52.1]]
    gat = [[5.15, 52.12], [5.16, 52.12], [5.16, 52.13], [5.15, 52.12]]
    teksten = [
        json.dumps({"type": "Polygon", "coordinates": [ring]}),
        '{"type": "Polygon", "coordinates": [[[5.123456, 52.1], [5.2, 52.1], [5.2, 52.2], '
        "[5.123456, 52.1]]]}",
        json.dumps({"type": "Polygon", "coordinates": [ring, gat]}),
        json.dumps({"type": "MultiPolygon", "coordinates": [[ring], [gat]]}),
        json.dumps({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                    "coordinates": [ring]}}),
        json.dumps({"type": "Polygon", "coordinates": [ring[:-1]]}),  # not closed
        None,
    ]  # fmt: skip

    snel = _enkele_ringen(np.array(teksten, dtype=object))
    gelezen = _grenzen(teksten)

    assert (~shapely.is_missing(snel)).tolist() == [True, True] + [False] * 5
    verwacht = shapely.from_geojson(np.array(teksten[:5], dtype=object))
    assert shapely.equals_exact(snel[:2], verwacht[:2], tolerance=0).all()
    assert shapely.equals_exact(gelezen[:5], shapely.make_valid(verwacht), tolerance=0).all()
    assert gelezen[5] is None and gelezen[6] is None
