"""Coverage through the week (dekking/week.py) on a small hand-made gemeente whose answers are
worked out by hand.

The week of Wednesday 17 March 2027: Monday 15 to Sunday 21 March. Walking distance 400 m.
Drawn in RD New metres relative to (150 000, 450 000) like tests/dekking/test_dekking.py:

    buurt A (wijk Noord) (0, 0)–(2000, 2000): 1000 inwoners, area 4 000 000 m²
    buurt B (wijk Noord) (2000, 0)–(4000, 2000): 3000 inwoners, no place within 400 m

- P at (1000, 1000), open Monday–Friday 9:00–17:00, but on Wednesday only 9:00–12:00 (closed
  on Wednesday afternoons), and Saturday 11:00–12:00; closed by a Sluiting on Friday 19 March.
- Q at (1400, 1000), open Saturday 10:00–14:00 (ochtend and middag).
- R at (3000, 1000) in B: published but without opening hours: never counted as open.
- S at (3000, 1000) in B, open every evening, but a concept: not counted.

One circle of 400 m inside A: π·400² = 502 655 m² → 502 655 / 4 000 000 = 0,12566 of A.
P and Q together (400 m apart, lens 196 539 m², see test_begroting.py): 2 × 502 655 −
196 539 = 808 771 m² → 0,20219. (The module's 64-sided circles: rel=3e-3.)

A's cells: Mon–Thu ochtend 0,12566 (Fri: closed); Mon, Tue, Thu middag 0,12566, Wed middag
0 (closed Wednesday afternoons), Fri 0; avond 0; Saturday ochtend P ∪ Q 0,20219, Saturday
middag Q 0,12566; Sunday 0.
Parts: ochtend 4/5 × 0,12566 = 0,10053; middag 3/5 × 0,12566 = 0,07540; avond 0; weekend
(0,20219 + 0,12566) / 6 = 0,05464. B: 0 throughout. Wijk Noord, weighted by residents:
A's share × 1000 / 4000, so Saturday ochtend 0,20219 / 4 = 0,05055; weighted by residents 65+
(A 20 % of 1000 = 200, B 10 % of 3000 = 300) 0,20219 × 200 / 500 = 0,08088.
"""

import datetime as dt

import pytest

from dekking.week import deelcellen, week
from locaties.constants import LocatieStatus
from locaties.models import Sluiting
from tests.dekking.test_dekking import lonlat, plek, rechthoek
from tests.factories import BuurtFactory, OpeningstijdFactory, WijkFactory

pytestmark = pytest.mark.django_db

WOENSDAG = dt.date(2027, 3, 17)
EEN = 502_655 / 4_000_000
TWEE = 808_771 / 4_000_000
MA, DI, WO, DO, VR, ZA, ZO = range(7)
OCHTEND, MIDDAG, AVOND = range(3)


def open_op(locatie, dag, van, tot):
    OpeningstijdFactory(locatie=locatie, weekdag=dag, van=dt.time(*van), tot=dt.time(*tot))


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
    p = plek(gemeente, 1000, 1000, naam="P")
    for dag in (MA, DI, DO, VR):
        open_op(p, dag, (9,), (17,))
    open_op(p, WO, (9,), (12,))
    open_op(p, ZA, (11,), (12,))
    Sluiting.objects.create(locatie=p, van=dt.date(2027, 3, 19), tot=dt.date(2027, 3, 19))
    q = plek(gemeente, 1400, 1000, naam="Q")
    open_op(q, ZA, (10,), (14,))
    plek(gemeente, 3000, 1000, naam="R")
    s = plek(gemeente, 3000, 1000, naam="S", status=LocatieStatus.CONCEPT)
    for dag in range(7):
        open_op(s, dag, (18,), (21,))
    return gemeente


def test_each_cell_counts_the_places_open_then(dorp):
    resultaat = week(dorp, straal=400, peildatum=WOENSDAG)
    a, b = resultaat.buurten

    assert resultaat.maandag == dt.date(2027, 3, 15)
    verwacht = {
        (MA, OCHTEND): EEN, (DI, OCHTEND): EEN, (WO, OCHTEND): EEN, (DO, OCHTEND): EEN,
        (VR, OCHTEND): 0, (MA, MIDDAG): EEN, (DI, MIDDAG): EEN, (WO, MIDDAG): 0,
        (DO, MIDDAG): EEN, (VR, MIDDAG): 0, (ZA, OCHTEND): TWEE, (ZA, MIDDAG): EEN,
        (ZA, AVOND): 0, (ZO, OCHTEND): 0, (ZO, MIDDAG): 0, (MA, AVOND): 0,
    }  # fmt: skip
    for (dag, deel), aandeel in verwacht.items():
        assert a.cel(dag, deel) == pytest.approx(aandeel, rel=3e-3, abs=1e-9), (dag, deel)
    assert b.cellen == [0.0] * 21


def test_the_parts_of_the_week_average_their_cells(dorp):
    resultaat = week(dorp, straal=400, peildatum=WOENSDAG)
    a = resultaat.buurten[0]

    assert a.deel("ochtend") == pytest.approx(4 / 5 * EEN, rel=3e-3)
    assert a.deel("middag") == pytest.approx(3 / 5 * EEN, rel=3e-3)
    assert a.deel("avond") == 0
    assert a.deel("weekend") == pytest.approx((TWEE + EEN) / 6, rel=3e-3)
    assert deelcellen("weekend") == [15, 16, 17, 18, 19, 20]


def test_a_wijk_weighs_its_buurten_by_residents(dorp):
    resultaat = week(dorp, straal=400, peildatum=WOENSDAG)
    (noord,) = resultaat.wijken

    assert noord.inwoners == 4000
    assert noord.cel(ZA, OCHTEND) == pytest.approx(TWEE / 4, rel=3e-3)
    # 65+: A has 200, B 300: A's share × 200 / 500.
    assert noord.cel(ZA, OCHTEND, ouderen=True) == pytest.approx(TWEE * 2 / 5, rel=3e-3)
    assert resultaat.totaal.cel(ZA, OCHTEND) == pytest.approx(TWEE / 4, rel=3e-3)


def test_the_next_week_has_no_closure(dorp):
    resultaat = week(dorp, straal=400, peildatum=WOENSDAG + dt.timedelta(days=7))
    a = resultaat.buurten[0]

    assert a.cel(VR, OCHTEND) == pytest.approx(EEN, rel=3e-3)
    assert a.cel(VR, MIDDAG) == pytest.approx(EEN, rel=3e-3)


def test_a_buurt_with_a_hole_counts_only_its_own_area(gemeente):
    """A ring: (0, 0)–(2000, 2000) minus the hole (500, 500)–(1500, 1500), area 3 000 000 m².
    A place at (250, 1000) open Monday morning, 400 m: its circle reaches x = 650, into the
    hole (500–1500 for y 500–1500). The part of the circle inside the hole: the segment of
    the circle beyond x = 500 (distance 250 from the centre), within y 500–1500 (the chord's
    half-length √(400² − 250²) = 312 m < 500, so the whole segment): r²·acos(d/r) −
    d·√(r² − d²) = 160 000 × 0,89566 − 250 × 312,25 = 143 306 − 78 062 = 65 244 m². The same
    segment lies beyond x = 0, outside the buurt. So the ring's share: (502 655 − 2 × 65 244)
    / 3 000 000 = 0,12406."""
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020001", naam="Noord")
    ring = rechthoek(0, 0, 2000, 2000)
    gat = rechthoek(500, 500, 1500, 1500)
    ring["coordinates"].append(list(reversed(gat["coordinates"][0])))
    BuurtFactory(wijk=noord, cbs_code="BU02000101", naam="Ring", inwoners=10, grens=ring)
    p = plek(gemeente, 250, 1000, naam="P")
    open_op(p, MA, (9,), (10,))

    (ring_cijfers,) = week(gemeente, straal=400, peildatum=WOENSDAG).buurten

    assert ring_cijfers.cel(MA, OCHTEND) == pytest.approx(0.12406, rel=3e-3)
    assert ring_cijfers.cel(MA, MIDDAG) == 0


def test_the_week_takes_four_queries(dorp, django_assert_num_queries):
    with django_assert_num_queries(4):
        week(dorp, straal=400, peildatum=WOENSDAG)


def test_with_every_place_open_the_faces_give_the_dashboards_share():
    """The overlay (faces) and the dashboard's union of circles measure the same area: on
    random squares and points they agree to within a millionth."""
    import numpy as np
    import shapely

    from dekking.dekking import _aandeel_binnen
    from dekking.week import aandeel_open

    rng = np.random.default_rng(7)
    x, y = rng.uniform(0, 10_000, (2, 40))
    grenzen = shapely.box(x, y, x + rng.uniform(300, 2000, 40), y + rng.uniform(300, 2000, 40))
    punten = shapely.points(rng.uniform(0, 11_000, (60, 2)))
    open_ = np.ones((60, 21), dtype=bool)

    week_aandeel = aandeel_open(grenzen, punten, open_, 800)[:, 0]
    dashboard = _aandeel_binnen(grenzen, shapely.area(grenzen), punten, 800)

    assert week_aandeel == pytest.approx(dashboard, abs=1e-6)


# ---------------------------------------------------------------- the page

URL = "/beheer/dekking/week/"


def test_the_page_shows_the_grid_of_a_wijk_with_its_buurten(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"wijk": "WK020001", "straal": "400"})

    assert response.status_code == 200
    rooster = response.context["rooster"]
    assert rooster["naam"] == "Noord"
    assert [len(rij["cellen"]) for rij in rooster["rijen"]] == [7, 7, 7]
    assert [o["naam"] for o in response.context["onderdelen"]] == ["A", "B"]
    assert "Per buurt" in response.content.decode()


def test_an_unknown_wijk_shows_the_whole_gemeente_and_says_so(client, dorp, gemeente_medewerker):
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"wijk": "<script>", "straal": "12"})

    assert response.status_code == 200
    assert response.context["wijk"] is None
    assert response.context["straal"] == 800
    berichten = [str(m) for m in response.context["messages"]]
    assert any("Deze wijk bestaat niet" in b for b in berichten)
    assert "<script>" not in response.content.decode()


def test_another_gemeente_answers_404(client, dorp, buitenstaander, gemeente):
    client.force_login(buitenstaander)
    assert client.get(URL, {"gemeente": gemeente.slug}).status_code == 404


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_page_runs_a_fixed_number_of_queries(
    client, dorp, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020009", naam="Extra")
    for i in range(aantal):
        BuurtFactory(wijk=noord, grens=rechthoek(5000 + 100 * i, 0, 5100 + 100 * i, 100))
        extra = plek(gemeente, 5050 + 100 * i, 50)
        open_op(extra, i % 7, (9,), (12,))
        Sluiting.objects.create(locatie=extra, van=WOENSDAG, tot=WOENSDAG)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    assert len(response.context["week"].buurten) == 2 + aantal


# ---------------------------------------------------------------- the fast path, checked

# A week grid computed the straightforward way: for each cell, the union of the circles of the
# places open then, intersected with each buurt. aandeel_open takes shortcuts (cells decided
# without geometry, each distinct set of open places once, circles another open one makes
# superfluous left out); these tests hold it to the same numbers.


def rechttoe_rechtaan(grenzen, punten, open_, straal):
    import numpy as np
    import shapely

    from dekking.dekking import CIRKEL_SEGMENTEN

    cirkels = shapely.buffer(punten, straal, quad_segs=CIRKEL_SEGMENTEN)
    uitkomst = np.full((len(grenzen), open_.shape[1]), np.nan)
    for cel in range(open_.shape[1]):
        bereik = shapely.union_all(cirkels[open_[:, cel]])
        for b, grens in enumerate(grenzen):
            if grens is not None:
                uitkomst[b, cel] = shapely.intersection(grens, bereik).area / grens.area
    return uitkomst


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("straal", [400, 800, 1200])
def test_the_fast_path_gives_the_straightforward_shares_on_random_buurten(seed, straal):
    """Voronoi buurten (one with a hole, one without a boundary), places clustered so that
    circles overlap, hold buurten whole and make each other superfluous; every third place
    open all week, some never, the rest at random."""
    import numpy as np
    import shapely

    from dekking.week import aandeel_open

    rng = np.random.default_rng(seed)
    zaden = shapely.multipoints(rng.uniform(0, 6000, (30, 2)))
    grenzen = shapely.get_parts(
        shapely.voronoi_polygons(zaden, extend_to=shapely.box(0, 0, 6000, 6000))
    )
    grenzen = shapely.intersection(grenzen, shapely.box(0, 0, 6000, 6000))
    grenzen[0] = shapely.difference(grenzen[0], shapely.buffer(shapely.centroid(grenzen[0]), 150))
    grenzen = np.append(grenzen, None)
    midden = rng.uniform(500, 5500, (4, 2))
    punten = shapely.points(
        np.vstack([midden[rng.integers(0, 4, 50)] + rng.normal(0, 600, (50, 2)),
                   rng.uniform(-500, 6500, (20, 2))])
    )  # fmt: skip
    open_ = rng.random((70, 21)) < rng.uniform(0.2, 0.8)
    open_[::3] = True
    open_[1::7] = False

    snel = aandeel_open(grenzen, punten, open_, straal)
    verwacht = rechttoe_rechtaan(grenzen, punten, open_, straal)

    assert np.isnan(snel[-1]).all()
    assert snel == pytest.approx(verwacht, abs=1e-9, nan_ok=True)
    assert 0 < np.nanmean(snel) < 1  # something to compare: neither empty nor all covered


def test_a_buurt_reached_by_more_places_than_one_word_of_bits_holds():
    """150 places inside one buurt of 10 × 10 km: their open sets take three words of bits;
    two cells that differ only in the last place give different shares."""
    import numpy as np
    import shapely

    from dekking.week import BITS, aandeel_open

    rng = np.random.default_rng(3)
    grenzen = np.array([shapely.box(0, 0, 10_000, 10_000)], dtype=object)
    punten = shapely.points(rng.uniform(500, 9500, (150, 2)))
    open_ = rng.random((150, 21)) < 0.5
    open_[:, 1] = open_[:, 0]
    open_[-1, 0], open_[-1, 1] = True, False
    assert len(punten) > 2 * BITS

    snel = aandeel_open(grenzen, punten, open_, 400)

    assert snel == pytest.approx(rechttoe_rechtaan(grenzen, punten, open_, 400), abs=1e-9)
    assert snel[0, 0] > snel[0, 1]


def test_the_week_of_a_small_random_gemeente_equals_the_straightforward_computation(gemeente):
    """A random gemeente of 12 buurten and 30 places with random opening hours and closures,
    through week() and the database; the expected shares straight from the stored records."""
    import random

    import numpy as np
    import shapely
    from shapely.geometry import shape

    from kern import projections

    rng = random.Random(16)
    zaden = shapely.multipoints([(rng.uniform(0, 4000), rng.uniform(0, 3000)) for _ in range(12)])
    vakken = shapely.get_parts(
        shapely.voronoi_polygons(zaden, extend_to=shapely.box(0, 0, 4000, 3000))
    )
    wijken = [WijkFactory(gemeente=gemeente, cbs_code=f"WK02000{w}") for w in (1, 2)]
    for n, vak in enumerate(shapely.intersection(vakken, shapely.box(0, 0, 4000, 3000))):
        ring = [list(lonlat(x, y)) for x, y in vak.exterior.coords]
        BuurtFactory(
            wijk=wijken[n % 2], cbs_code=f"BU020000{n:02d}", inwoners=rng.choice([0, 50, 900]),
            aandeel_65_plus=20, grens={"type": "Polygon", "coordinates": [ring]},
        )  # fmt: skip
    for n in range(30):
        p = plek(gemeente, rng.uniform(-300, 4300), rng.uniform(-300, 3300), naam=f"P{n}")
        for dag in rng.sample(range(7), rng.randint(0, 5)):
            van = rng.choice([8, 9, 11, 13, 16, 19])
            open_op(p, dag, (van,), (min(23, van + rng.choice([1, 3, 5])),))
        if rng.random() < 0.2:
            dag = WOENSDAG + dt.timedelta(days=rng.randint(-2, 4))
            Sluiting.objects.create(locatie=p, van=dag, tot=dag)

    resultaat = week(gemeente, straal=800, peildatum=WOENSDAG)

    from locaties.models import Locatie, Wijk

    maandag = WOENSDAG - dt.timedelta(days=2)
    plekken = list(Locatie.objects.order_by("pk"))
    open_ = np.zeros((len(plekken), 21), dtype=bool)
    for i, p in enumerate(plekken):
        gesloten = {
            (s.van - maandag).days for s in p.sluitingen.all() if s.van == s.tot
        }  # one day each here
        for tijd in p.openingstijden.all():
            for j, (begin, eind) in enumerate([(8, 12), (12, 17), (17, 22)]):
                overlap = tijd.van < dt.time(eind) and tijd.tot > dt.time(begin)
                if overlap and tijd.weekdag not in gesloten:
                    open_[i, tijd.weekdag * 3 + j] = True
    punten = projections.to_rd(
        shapely.points([float(p.longitude) for p in plekken], [float(p.latitude) for p in plekken])
    )
    buurten = list(Wijk.objects.filter(soort="buurt").order_by("cbs_code"))
    grenzen = projections.to_rd(np.array([shape(b.grens) for b in buurten], dtype=object))
    verwacht = rechttoe_rechtaan(grenzen, punten, open_, 800)

    assert [b.code for b in resultaat.buurten] == [b.cbs_code for b in buurten]
    for b, cijfers in enumerate(resultaat.buurten):
        if cijfers.inwoners == 0:
            assert cijfers.cellen == [None] * 21
        else:
            assert cijfers.cellen == pytest.approx(list(verwacht[b]), abs=1e-9)
    assert 0 < np.mean(verwacht) < 1


# ---------------------------------------------------------------- the export

CSV_URL = "/beheer/dekking/week/export.csv"
XLSX_URL = "/beheer/dekking/week/export.xlsx"


def _csv_rijen(response):
    import csv
    import io

    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def getal(tekst: str) -> float:
    """A number of the CSV, written with a decimal comma."""
    assert "." not in tekst
    return float(tekst.replace(",", "."))


def test_the_csv_holds_every_cell_per_buurt_wijk_and_gemeente(
    client, dorp, gemeente_medewerker, monkeypatch
):
    import dekking.week as week_module

    monkeypatch.setattr(week_module.timezone, "localdate", lambda: WOENSDAG)
    client.force_login(gemeente_medewerker)

    response = client.get(CSV_URL, {"straal": "400"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="week-{dorp.slug}-400m-2027-03-15.csv"'
    )
    rijen = _csv_rijen(response)
    assert rijen[0] == ["Dekking door de week per buurt"]
    assert ["Loopafstand (m)", "400"] in rijen
    kop = next(r for r in rijen if r[:2] == ["CBS-code", "Buurt"])
    assert len(kop) == 4 + 21 + 4
    assert kop[4] == "maandag 15 maart, ochtend"
    assert kop[-1] == "Weekend"
    a = next(r for r in rijen if r and r[0] == "BU02000101")
    b = next(r for r in rijen if r and r[0] == "BU02000102")
    zaterdag_ochtend = 4 + ZA * 3 + OCHTEND
    assert a[1:4] == ["A", "WK020001", "1000"]
    assert getal(a[zaterdag_ochtend]) == pytest.approx(TWEE, rel=3e-3)
    assert getal(a[4 + VR * 3 + OCHTEND]) == 0  # closed on Friday
    assert {getal(waarde) for waarde in b[4:]} == {0}
    wijk_kop = next(r for r in rijen if r[:2] == ["CBS-code", "Wijk"])
    assert wijk_kop[-1] == "65-plussers, Weekend"
    noord = next(r for r in rijen if r and r[0] == "WK020001")
    assert getal(noord[3 + ZA * 3 + OCHTEND]) == pytest.approx(TWEE / 4, rel=3e-3)
    assert next(r for r in rijen if r and r[0] == "Dekking door de week van de gemeente")


def test_the_xlsx_has_a_sheet_per_table(client, dorp, gemeente_medewerker):
    import io

    from openpyxl import load_workbook

    client.force_login(gemeente_medewerker)

    response = client.get(XLSX_URL)

    assert response.status_code == 200
    boek = load_workbook(io.BytesIO(response.content))
    assert boek.sheetnames == [
        "Dekking door de week per buurt",
        "Dekking door de week per wijk",
        "Dekking door de week van de gem",
    ]
    blad = boek["Dekking door de week per buurt"]
    codes = [rij[0] for rij in blad.iter_rows(values_only=True)]
    assert "BU02000101" in codes and "BU02000102" in codes


def test_the_export_of_another_gemeente_answers_404(client, dorp, buitenstaander, gemeente):
    client.force_login(buitenstaander)
    assert client.get(CSV_URL, {"gemeente": gemeente.slug}).status_code == 404


def test_the_week_page_links_to_its_export_with_the_same_distance(
    client, dorp, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)

    inhoud = client.get(URL, {"straal": "1200"}).content.decode()

    assert f'href="{CSV_URL}?gemeente={dorp.slug}&amp;straal=1200"' in inhoud
    assert f'href="{XLSX_URL}?gemeente={dorp.slug}&amp;straal=1200"' in inhoud


@pytest.mark.parametrize("aantal", [2, 20])
def test_the_export_runs_a_fixed_number_of_queries(
    client, dorp, gemeente, gemeente_medewerker, aantal, django_assert_max_num_queries
):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020009", naam="Extra")
    for i in range(aantal):
        BuurtFactory(wijk=noord, grens=rechthoek(5000 + 100 * i, 0, 5100 + 100 * i, 100))
        extra = plek(gemeente, 5050 + 100 * i, 50)
        open_op(extra, i % 7, (9,), (12,))
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    # The session, the user, a membership, the gemeenten (2), the week (4).
    with django_assert_max_num_queries(9):
        response = client.get(CSV_URL)
    assert response.status_code == 200
    assert sum(1 for r in _csv_rijen(response) if r and r[0].startswith("BU")) == 2 + aantal
