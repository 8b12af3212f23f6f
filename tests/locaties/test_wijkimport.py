"""Import of CBS wijk- en buurtkaarten (locaties/wijkimport.py), its command and its portal page.

The fixtures in tests/fixtures/cbs/ are small hand-made files shaped like the real ones:
- wijkbuurtkaart_2019_rd.geojson: the older upper-case columns, RD New with a `crs` member;
  Apeldoorn's wijk Binnenstad (x 193–196 km, y 468–471 km) with buurten Centrum (west of
  x = 195 km) and Sprengenweg (east of it, figures secret: -99997), the water buurt Kanaal, a
  buurt of a wijk the file lacks (Kerschoten-Noord), and a wijk of Zeist.
- wijkenbuurten_2023_wgs84.geojson: PDOK's columns since 2022, WGS84 MultiPolygons without a
  `crs` member; wijk Zevenhuizen (5.97–5.99 E, 52.19–52.20 N) with buurten West and Oost
  meeting at 5.98 E, a pond in West (a hole) that is the water buurt Vijver Zevenhuizen, and
  Oost's share of 65-plussers secret.
"""

import io
import json
import resource
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.urls import reverse
from shapely.geometry import shape

from locaties import geo, wijkimport
from locaties.constants import WijkSoort
from locaties.models import Wijk
from locaties.wijkimport import ImportFout, import_wijken
from tests.factories import GemeenteFactory, LocatieFactory, UserFactory, WijkFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "cbs"
RD_2019 = FIXTURES / "wijkbuurtkaart_2019_rd.geojson"
WGS84_2023 = FIXTURES / "wijkenbuurten_2023_wgs84.geojson"

pytestmark = pytest.mark.django_db


def read(path: Path) -> dict:
    return json.loads(path.read_text())


def as_bytes(collection: dict) -> bytes:
    return json.dumps(collection).encode()


def wijk(code: str) -> Wijk:
    return Wijk.objects.get(cbs_code=code)


def feature(properties: dict, coordinates, kind="Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def square(x0, y0, x1, y1):
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


class TestOlderUpperCaseColumnsInRdNew:
    def test_it_creates_the_wijk_and_its_buurten_with_their_figures(self, gemeente):
        verslag = import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])

        binnenstad = wijk("WK020001")
        assert (binnenstad.naam, binnenstad.soort, binnenstad.gemeente) == (
            "Binnenstad",
            WijkSoort.WIJK,
            gemeente,
        )
        assert binnenstad.inwoners == 9120
        assert binnenstad.aandeel_65_plus == Decimal("21")
        assert binnenstad.slug == "apeldoorn-binnenstad"
        centrum = wijk("BU02000101")
        assert (centrum.naam, centrum.soort, centrum.wijk) == ("Centrum", "buurt", binnenstad)
        assert (centrum.inwoners, centrum.aandeel_65_plus) == (4520, Decimal("19"))
        assert not centrum.is_demo
        assert verslag.nieuw == {"wijk": 1, "buurt": 2}
        assert verslag.projectie == "RD New (EPSG:28992)"

    def test_boundaries_are_stored_in_wgs84_inside_apeldoorn(self, gemeente):
        import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])

        grens = wijk("WK020001").grens
        geo.boundary_shape(grens)  # valid WGS84 inside the Netherlands
        min_lon, min_lat, max_lon, max_lat = shape(grens).bounds
        # RD x 193–196 km, y 468–471 km lies around 5.95–6.0 E, 52.19–52.23 N.
        assert 5.94 < min_lon < max_lon < 6.0
        assert 52.19 < min_lat < max_lat < 52.23

    def test_rd_new_is_reprojected_to_within_a_metre(self):
        """The RD origin at the Onze Lieve Vrouwetoren of Amersfoort, (155 000, 463 000), is
        52.15517440 N, 5.38720621 E in WGS84 (RDNAPTRANS)."""
        amersfoort = GemeenteFactory(naam="Amersfoort", cbs_code="GM0307")
        collection = {
            "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "EPSG:28992"}},
            "features": [
                feature(
                    {"WK_CODE": "WK030701", "WK_NAAM": "Binnenstad", "GM_CODE": "GM0307"},
                    square(155_000, 463_000, 155_500, 463_500),
                )
            ],
        }
        import_wijken(as_bytes(collection), gemeenten=[amersfoort])

        ring = wijk("WK030701").grens["coordinates"][0]
        lon, lat = min(ring, key=lambda point: (point[1], point[0]))  # the south-west corner
        assert geo.distance_m(lat, lon, 52.15517440, 5.38720621) < 1.0

    @pytest.mark.parametrize(
        "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4258"]
    )
    def test_a_declared_wgs84_or_etrs89_is_read_as_degrees(self, gemeente, name):
        collection = read(WGS84_2023)
        collection["crs"] = {"type": "name", "properties": {"name": name}}

        verslag = import_wijken(as_bytes(collection), gemeenten=[gemeente])

        assert verslag.projectie == "WGS84 (EPSG:4326)"

    def test_rd_new_is_recognised_by_its_coordinates_without_a_crs_member(self, gemeente):
        collection = read(RD_2019)
        del collection["crs"]

        verslag = import_wijken(as_bytes(collection), gemeenten=[gemeente])

        assert verslag.projectie == "RD New (EPSG:28992)"
        assert 5.9 < shape(wijk("WK020001").grens).centroid.x < 6.0

    def test_secret_figures_are_stored_as_unknown_and_never_summed(self, gemeente):
        verslag = import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])

        sprengenweg = wijk("BU02000102")
        assert (sprengenweg.inwoners, sprengenweg.aandeel_65_plus) == (None, None)
        buurten = Wijk.objects.filter(soort=WijkSoort.BUURT, wijk__cbs_code="WK020001")
        assert buurten.aggregate(totaal=Sum("inwoners"))["totaal"] == 4520
        assert verslag.cijfers_onbekend == 1

    def test_water_a_missing_wijk_and_another_gemeente_are_skipped_with_their_reasons(
        self, gemeente
    ):
        verslag = import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])

        assert not Wijk.objects.filter(
            cbs_code__in=["BU02000109", "BU02000301", "WK035501"]
        ).exists()
        assert verslag.overgeslagen == {
            "alleen water": ["BU02000109 Kanaal"],
            "wijk niet in het bestand en nog niet geïmporteerd": ["BU02000301 Kerschoten-Noord"],
            "andere gemeente (GM0355)": ["WK035501 Zeist-Centrum"],
        }
        assert verslag.aantal_overgeslagen == 3
        assert "alleen water: 1 (BU02000109 Kanaal)" in verslag.overgeslagen_regels()

    def test_a_buurt_finds_its_wijk_in_the_database(self, gemeente):
        WijkFactory(gemeente=gemeente, cbs_code="WK020003", naam="Kerschoten")

        import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])

        assert wijk("BU02000301").wijk == wijk("WK020003")

    def test_only_the_gemeenten_given_are_imported(self, gemeente, andere_gemeente):
        verslag = import_wijken(RD_2019.read_bytes(), gemeenten=[andere_gemeente])

        assert list(Wijk.objects.values_list("cbs_code", flat=True)) == ["WK035501"]
        assert wijk("WK035501").gemeente == andere_gemeente
        assert len(verslag.overgeslagen["andere gemeente (GM0200)"]) == 4


class TestNewerPdokColumnsInWgs84:
    def test_it_reads_pdoks_column_names(self, gemeente):
        verslag = import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        zevenhuizen = wijk("WK020002")
        assert (zevenhuizen.naam, zevenhuizen.inwoners) == ("Zevenhuizen", 20135)
        oost = wijk("BU02000202")
        assert (oost.naam, oost.wijk, oost.inwoners) == ("Zevenhuizen-Oost", zevenhuizen, 8895)
        assert oost.aandeel_65_plus is None
        assert wijk("BU02000201").aandeel_65_plus == Decimal("18")
        assert not Wijk.objects.filter(cbs_code="BU02000209").exists()  # water
        assert verslag.projectie == "WGS84 (EPSG:4326)"
        assert verslag.nieuw == {"wijk": 1, "buurt": 2}

    def test_the_coordinates_and_a_hole_are_kept(self, gemeente):
        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        west = shape(wijk("BU02000201").grens)
        assert west.bounds == pytest.approx((5.97, 52.19, 5.98, 52.2))
        assert len(west.geoms[0].interiors) == 1
        # RFC 7946: outer rings counter-clockwise.
        assert west.geoms[0].exterior.is_ccw

    def test_column_names_are_read_whatever_their_case(self, gemeente):
        collection = read(WGS84_2023)
        for item in collection["features"]:
            item["properties"] = {k.upper(): v for k, v in item["properties"].items()}

        import_wijken(as_bytes(collection), gemeenten=[gemeente])

        assert wijk("BU02000201").inwoners == 11240


class TestReimport:
    def test_it_updates_in_place_and_keeps_the_slugs(self, gemeente):
        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])
        west = wijk("BU02000201")
        Wijk.objects.filter(pk=west.pk).update(slug="zevenhuizen-west-eigen")
        collection = read(WGS84_2023)
        properties = collection["features"][1]["properties"]
        properties.update(buurtnaam="Zevenhuizen-Noordwest", aantalInwoners=11500)
        collection["features"][1]["geometry"]["coordinates"] = [square(5.97, 52.19, 5.98, 52.21)]

        verslag = import_wijken(as_bytes(collection), gemeenten=[gemeente])

        west.refresh_from_db()
        assert (west.naam, west.inwoners, west.slug) == (
            "Zevenhuizen-Noordwest",
            11500,
            "zevenhuizen-west-eigen",
        )
        assert shape(west.grens).bounds == pytest.approx((5.97, 52.19, 5.98, 52.21))
        assert Wijk.objects.count() == 3
        assert verslag.nieuw == {}
        assert verslag.bijgewerkt == {"buurt": 1}
        assert verslag.ongewijzigd == {"wijk": 1, "buurt": 1}

    def test_a_demo_wijk_with_the_same_code_becomes_the_real_one(self, gemeente):
        demo = WijkFactory(
            gemeente=gemeente, cbs_code="WK020002", slug="apeldoorn-zh", is_demo=True
        )

        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        demo.refresh_from_db()
        assert (demo.naam, demo.slug, demo.is_demo) == ("Zevenhuizen", "apeldoorn-zh", False)

    def test_new_slugs_do_not_clash_with_each_other_or_existing_ones(self, gemeente):
        WijkFactory(gemeente=gemeente, slug="apeldoorn-zevenhuizen-west")
        collection = read(WGS84_2023)
        collection["features"][2]["properties"]["buurtnaam"] = "Zevenhuizen-West"

        import_wijken(as_bytes(collection), gemeenten=[gemeente])

        assert wijk("BU02000201").slug == "apeldoorn-zevenhuizen-west-2"
        assert wijk("BU02000202").slug == "apeldoorn-zevenhuizen-west-3"


def _refusal(inhoud: bytes, gemeente) -> str:
    with pytest.raises(ImportFout) as refused:
        import_wijken(inhoud, gemeenten=[gemeente])
    return " ".join(refused.value.problemen)


def _with_features(*features, **extra) -> bytes:
    return as_bytes({"type": "FeatureCollection", "features": list(features), **extra})


APELDOORN_WIJK = {"WK_CODE": "WK020005", "WK_NAAM": "De Maten", "GM_CODE": "GM0200"}
IN_APELDOORN = square(5.95, 52.2, 5.96, 52.21)

BROKEN_FILES = {
    "not-json": (b"<html><body>Not found</body></html>", "geen geldige JSON"),
    "not-utf8": ('{"naam": "Ède"}'.encode("latin-1"), "geen tekst in UTF-8"),
    "empty": (b"   ", "leeg"),
    "json-array": (b"[1, 2, 3]", "geen GeoJSON FeatureCollection"),
    "single-feature": (
        json.dumps(feature(APELDOORN_WIJK, IN_APELDOORN)).encode(),
        "geen GeoJSON FeatureCollection (Feature)",
    ),
    "no-features": (_with_features(), "geen wijken of buurten"),
    "unknown-columns": (
        _with_features(feature({"name": "Park", "osm_id": 5}, IN_APELDOORN)),
        "Geen van de objecten heeft bekende CBS-kolommen",
    ),
    "a-point": (
        _with_features(feature(APELDOORN_WIJK, [5.95, 52.2], kind="Point")),
        "Object 1 (WK020005) is een Point",
    ),
    "no-geometry": (
        _with_features({"type": "Feature", "properties": APELDOORN_WIJK, "geometry": None}),
        "Object 1 (WK020005) heeft geen geometrie",
    ),
    "broken-coordinates": (
        _with_features(feature(APELDOORN_WIJK, [[[5.95, 52.2], ["x"]]])),
        "de coördinaten vormen geen geldig vlak",
    ),
    "web-mercator": (
        _with_features(
            feature(APELDOORN_WIJK, square(664_000, 6_837_000, 665_000, 6_838_000)),
            crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        ),
        "coördinatenstelsel urn:ogc:def:crs:EPSG::3857",
    ),
    "not-in-the-netherlands": (
        _with_features(feature(APELDOORN_WIJK, square(13.3, 52.5, 13.4, 52.6))),
        "niet in Nederland",
    ),
    "rd-declared-but-degrees": (
        _with_features(
            feature(APELDOORN_WIJK, IN_APELDOORN),
            crs={"type": "name", "properties": {"name": "EPSG:28992"}},
        ),
        "zegt RD New (EPSG:28992) te gebruiken",
    ),
    "latitude-first": (
        _with_features(feature(APELDOORN_WIJK, square(52.2, 5.95, 52.21, 5.96))),
        "als breedtegraad, lengtegraad",
    ),
    "not-a-cbs-code": (
        _with_features(feature({"BU_CODE": "BU123", "BU_NAAM": "Dorp"}, IN_APELDOORN)),
        "code ‘BU123’; dat is geen CBS-code van een buurt",
    ),
    "twice-the-same-code": (
        _with_features(
            feature(APELDOORN_WIJK, IN_APELDOORN), feature(APELDOORN_WIJK, IN_APELDOORN)
        ),
        "WK020005 staat twee keer in het bestand",
    ),
    "no-name": (
        _with_features(feature({"WK_CODE": "WK020005", "WK_NAAM": ""}, IN_APELDOORN)),
        "(WK020005) heeft geen naam",
    ),
    "a-buurt-in-the-wrong-wijk": (
        # Found only when storing, after the wijk was created: that is rolled back too.
        _with_features(
            feature(APELDOORN_WIJK, IN_APELDOORN),
            feature(
                {"BU_CODE": "BU02000401", "BU_NAAM": "Elders", "WK_CODE": "WK020005"},
                IN_APELDOORN,
            ),
        ),
        "Een buurtcode begint met de cijfers van haar wijk (WK020005)",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_FILES))
def test_a_broken_or_foreign_file_is_refused_with_a_reason_and_changes_nothing(gemeente, name):
    bestaand = WijkFactory(gemeente=gemeente, cbs_code="WK020005", naam="De Maten", inwoners=1)
    locatie = LocatieFactory(gemeente=gemeente)
    inhoud, reason = BROKEN_FILES[name]

    assert reason in _refusal(inhoud, gemeente)

    assert list(Wijk.objects.all()) == [bestaand]
    bestaand.refresh_from_db()
    assert (bestaand.naam, bestaand.inwoners, bestaand.grens) == ("De Maten", 1, None)
    locatie.refresh_from_db()
    assert locatie.wijk is None


def test_a_refusal_names_every_problem_up_to_a_limit(gemeente):
    features = [feature({"BU_CODE": f"BU{n}", "BU_NAAM": "x"}, IN_APELDOORN) for n in range(25)]
    problems = _refusal(_with_features(*features), gemeente)
    assert "Object 1 " in problems and "Object 20 " in problems
    assert "Object 21 " not in problems and "… en nog 5 problemen." in problems


def test_a_self_intersecting_boundary_is_repaired_and_reported(gemeente):
    bowtie = [[[5.95, 52.2], [5.96, 52.21], [5.96, 52.2], [5.95, 52.21], [5.95, 52.2]]]

    verslag = import_wijken(_with_features(feature(APELDOORN_WIJK, bowtie)), gemeenten=[gemeente])

    grens = shape(wijk("WK020005").grens)
    assert grens.is_valid and grens.geom_type == "MultiPolygon"
    assert grens.area == pytest.approx(0.00005)
    assert verslag.hersteld == ["WK020005 De Maten"]
    assert "De grens van 1 gebied sneed zichzelf en is hersteld" in " ".join(verslag.regels())


def _zigzag(points: int) -> list:
    """A closed ring of `points` points in Apeldoorn whose every edge crosses the edges
    around it: a crafted boundary that is very costly to repair."""
    rng = np.random.default_rng(11)
    ring = np.column_stack([5.95 + rng.random(points) * 0.01, 52.2 + rng.random(points) * 0.01])
    return [np.vstack([ring, ring[:1]]).round(6).tolist()]


def test_a_40000_point_self_intersecting_boundary_is_refused_quickly_and_nothing_is_written(
    gemeente,
):
    inhoud = _with_features(feature(APELDOORN_WIJK, _zigzag(40_000)))
    assert len(inhoud) > 800_000
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    started = time.perf_counter()

    problems = _refusal(inhoud, gemeente)

    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert "heeft een grens van 40001 punten; het maximum is 20000" in problems
    assert seconds < 5
    assert peak < 200 * 1024 * 1024
    assert rss_growth < 200 * 1024
    assert not Wijk.objects.exists()


def test_a_boundary_too_costly_to_repair_is_refused_with_a_message(gemeente, monkeypatch):
    """Within the point limit a crafted boundary can still take minutes to repair: the repair
    is stopped after REPAIR_SECONDS and the file refused."""
    monkeypatch.setattr(wijkimport, "REPAIR_SECONDS", 1)
    inhoud = _with_features(feature(APELDOORN_WIJK, _zigzag(600)))
    started = time.perf_counter()

    problems = _refusal(inhoud, gemeente)

    assert time.perf_counter() - started < 5
    assert "WK020005 De Maten snijden zichzelf zo vaak dat herstellen te veel rekenwerk is" in (
        problems
    )
    assert not Wijk.objects.exists()


def test_more_points_in_all_than_allowed_are_refused_unless_lifted(gemeente):
    inhoud = _with_features(feature(APELDOORN_WIJK, IN_APELDOORN))
    with pytest.raises(ImportFout) as refused:
        import_wijken(inhoud, gemeenten=[gemeente], max_punten=4)
    assert "samen 5 punten; het maximum is 4" in refused.value.problemen[0]

    import_wijken(inhoud, gemeenten=[gemeente], max_punten=None)
    assert wijk("WK020005").naam == "De Maten"


@pytest.mark.parametrize("teken", ["\x00", "\x1b", "\n"])
def test_a_name_with_a_control_character_is_refused_and_nothing_is_written(gemeente, teken):
    naam = f"De{teken}Maten"
    inhoud = _with_features(feature({**APELDOORN_WIJK, "WK_NAAM": naam}, IN_APELDOORN))

    problems = _refusal(inhoud, gemeente)

    assert "Object 1 (WK020005) heeft een naam met een onzichtbaar stuurteken" in problems
    assert not Wijk.objects.exists()


def test_a_gemeente_outline_in_the_file_is_skipped(gemeente):
    outline = feature({"gemeentecode": "GM0200", "gemeentenaam": "Apeldoorn"}, IN_APELDOORN)

    verslag = import_wijken(
        _with_features(outline, feature(APELDOORN_WIJK, IN_APELDOORN)), gemeenten=[gemeente]
    )

    assert verslag.overgeslagen == {"gemeentegrens, geen wijk of buurt": ["GM0200"]}
    assert wijk("WK020005")


def test_the_statcode_columns_of_cbs_gebiedsindelingen_are_read(gemeente):
    import_wijken(
        _with_features(feature({"statcode": "WK020005", "statnaam": "De Maten"}, IN_APELDOORN)),
        gemeenten=[gemeente],
    )
    assert wijk("WK020005").naam == "De Maten"


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (-99997, None),
        (-99999999, None),
        ("-99997", None),
        ("", None),
        ("geheim", None),
        (None, None),
        (True, None),
        (12.5, None),
        ("1234", 1234),
        (1234.0, 1234),
        (0, 0),
    ],
)
def test_population_figures_are_read_as_cbs_writes_them(gemeente, value, stored):
    properties = {**APELDOORN_WIJK, "AANT_INW": value}
    import_wijken(_with_features(feature(properties, IN_APELDOORN)), gemeenten=[gemeente])
    assert wijk("WK020005").inwoners == stored


# Places in wijken -----------------------------------------------------------------------------


class TestPlacesGetTheirWijk:
    def test_a_place_gets_the_buurt_that_holds_it_and_its_wijk(
        self, gemeente, gemeente_medewerker
    ):
        locatie = LocatieFactory(gemeente=gemeente, latitude=52.195, longitude=5.975)

        verslag = import_wijken(
            WGS84_2023.read_bytes(), gemeenten=[gemeente], door=gemeente_medewerker
        )

        locatie.refresh_from_db()
        assert (locatie.wijk, locatie.buurt) == (wijk("WK020002"), wijk("BU02000201"))
        assert verslag.locaties_gewijzigd == 1
        latest = locatie.history.latest()
        assert latest.history_user == gemeente_medewerker
        assert latest.history_change_reason == "Wijk en buurt bepaald uit de grenzen van CBS"

    def test_a_place_on_the_line_between_two_buurten_gets_the_lowest_code(self, gemeente):
        # West (BU02000201) and Oost (BU02000202) meet at 5.98 E.
        on_the_line = LocatieFactory(gemeente=gemeente, latitude=52.195, longitude=5.98)
        on_the_corner = LocatieFactory(gemeente=gemeente, latitude=52.2, longitude=5.98)

        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        for locatie in (on_the_line, on_the_corner):
            locatie.refresh_from_db()
            assert locatie.buurt == wijk("BU02000201")

    def test_a_place_in_a_wijk_but_in_no_buurt_gets_only_the_wijk(self, gemeente):
        # The pond in West is a hole; its water buurt is not imported.
        in_the_pond = LocatieFactory(gemeente=gemeente, latitude=52.193, longitude=5.973)

        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        in_the_pond.refresh_from_db()
        assert (in_the_pond.wijk, in_the_pond.buurt) == (wijk("WK020002"), None)

    def test_a_place_outside_every_boundary_keeps_its_wijk(self, gemeente):
        elders = WijkFactory(gemeente=gemeente, cbs_code="WK020009")
        outside = LocatieFactory(gemeente=gemeente, latitude=52.25, longitude=5.9, wijk=elders)
        no_coordinates = LocatieFactory(
            gemeente=gemeente, latitude=None, longitude=None, wijk=elders
        )

        verslag = import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])

        for locatie in (outside, no_coordinates):
            locatie.refresh_from_db()
            assert locatie.wijk == elders
        assert (verslag.locaties_gewijzigd, verslag.locaties_buiten_grenzen) == (0, 1)
        assert "1 locatie met coördinaten ligt binnen geen enkele grens" in " ".join(
            verslag.regels()
        )

    def test_a_place_of_another_gemeente_is_left_alone(self, gemeente, andere_gemeente):
        # Coordinates in Apeldoorn's wijk, but registered in Zeist: not Apeldoorn's to assign.
        elders = LocatieFactory(gemeente=andere_gemeente, latitude=52.195, longitude=5.975)

        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente, andere_gemeente])

        elders.refresh_from_db()
        assert elders.wijk is None

    def test_reimporting_moves_a_place_whose_buurt_changed_shape(self, gemeente):
        locatie = LocatieFactory(gemeente=gemeente, latitude=52.195, longitude=5.979)
        import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])
        collection = read(WGS84_2023)
        collection["features"][1]["geometry"]["coordinates"] = [square(5.97, 52.19, 5.978, 52.2)]
        collection["features"][2]["geometry"]["coordinates"] = [square(5.978, 52.19, 5.99, 52.2)]

        verslag = import_wijken(as_bytes(collection), gemeenten=[gemeente])

        locatie.refresh_from_db()
        assert locatie.buurt == wijk("BU02000202")
        assert verslag.locaties_gewijzigd == 1

    def test_a_place_keeps_its_buurt_when_only_the_wijk_boundary_is_known(self, gemeente):
        binnenstad = WijkFactory(gemeente=gemeente, cbs_code="WK020001")
        centrum = Wijk.objects.create(
            gemeente=gemeente,
            cbs_code="BU02000101",
            naam="Centrum",
            slug="centrum",
            soort=WijkSoort.BUURT,
            wijk=binnenstad,
        )
        locatie = LocatieFactory(gemeente=gemeente, buurt=centrum, wijk=binnenstad)
        collection = read(RD_2019)
        collection["features"] = collection["features"][:1]  # the wijk alone

        import_wijken(as_bytes(collection), gemeenten=[gemeente])

        locatie.refresh_from_db()
        assert (locatie.wijk, locatie.buurt) == (binnenstad, centrum)


def test_a_trial_reports_but_changes_nothing(gemeente):
    locatie = LocatieFactory(gemeente=gemeente, latitude=52.195, longitude=5.975)

    verslag = import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente], proef=True)

    assert verslag.nieuw == {"wijk": 1, "buurt": 2}
    assert verslag.locaties_gewijzigd == 1
    assert verslag.regels()[0].startswith("Proefimport: er is niets opgeslagen.")
    assert "1 locatie zou een andere wijk of buurt krijgen." in verslag.regels()
    assert not Wijk.objects.exists()
    locatie.refresh_from_db()
    assert locatie.wijk is None


# The command ---------------------------------------------------------------------------------


class TestCommand:
    def run(self, *args) -> str:
        out = io.StringIO()
        call_command("importeer_wijken", *args, stdout=out)
        return out.getvalue()

    def test_it_imports_for_the_gemeente_named_and_prints_the_report(self, gemeente):
        output = self.run(str(RD_2019), "--gemeente", "gm0200")

        assert "Wijken: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in output
        assert "Buurten: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in output
        assert "Overgeslagen (3):\n" in output
        assert "  - andere gemeente (GM0355): 1 (WK035501 Zeist-Centrum)" in output
        assert Wijk.objects.count() == 3

    def test_without_a_gemeente_it_imports_every_registered_one(self, gemeente, andere_gemeente):
        self.run(str(RD_2019))
        assert Wijk.objects.count() == 4  # Apeldoorn's three and Zeist's wijk

    def test_a_dry_run_saves_nothing(self, gemeente):
        output = self.run(str(WGS84_2023), "--dry-run")
        assert "Proefimport" in output and "Buurten: 2 nieuw" in output
        assert not Wijk.objects.exists()

    def test_a_broken_file_stops_with_the_reason(self, gemeente, tmp_path):
        broken = tmp_path / "wijken.geojson"
        broken.write_text('{"type": "FeatureCollection", "features": [')
        with pytest.raises(CommandError, match="geen geldige JSON"):
            self.run(str(broken))

    def test_an_unknown_gemeente_or_file_stops_with_the_reason(self, gemeente, tmp_path):
        with pytest.raises(CommandError, match="Gemeente GM9999 is niet geregistreerd"):
            self.run(str(RD_2019), "--gemeente", "GM9999")
        with pytest.raises(CommandError, match="Kan .* niet lezen"):
            self.run(str(tmp_path / "bestaat-niet.geojson"))


# The portal's upload page --------------------------------------------------------------------


def upload_url(gemeente=None):
    url = reverse("beheer:wijken_importeren")
    return f"{url}?gemeente={gemeente.slug}" if gemeente else url


def upload(path_or_bytes, name="wijken.geojson"):
    inhoud = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    bestand = io.BytesIO(inhoud)
    bestand.name = name
    return bestand


class TestUploadPage:
    def test_gemeente_staff_upload_a_file_and_see_the_report(self, client, gemeente_medewerker):
        client.force_login(gemeente_medewerker)
        locatie = LocatieFactory(
            gemeente=gemeente_medewerker.lidmaatschappen.get().partner.gemeente
        )

        response = client.post(upload_url(), {"bestand": upload(RD_2019)}, follow=True)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Resultaat van de import" in html
        assert "Buurten: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in html
        assert "3 gebieden overgeslagen:" in html
        assert "andere gemeente (GM0355): 1 (WK035501 Zeist-Centrum)" in html
        assert "1 locatie kreeg een andere wijk of buurt." in html
        locatie.refresh_from_db()
        assert locatie.buurt == wijk("BU02000101")  # the factory's centre of Apeldoorn
        assert locatie.history.latest().history_user == gemeente_medewerker
        # The report is shown once.
        assert "Resultaat van de import" not in client.get(upload_url()).content.decode()

    def test_a_trial_upload_saves_nothing(self, client, gemeente_medewerker):
        client.force_login(gemeente_medewerker)
        response = client.post(
            upload_url(), {"bestand": upload(RD_2019), "proef": "on"}, follow=True
        )
        assert "Resultaat van de controle" in response.content.decode()
        assert not Wijk.objects.exists()

    def test_a_broken_file_is_refused_with_the_reason_and_changes_nothing(
        self, client, gemeente_medewerker
    ):
        client.force_login(gemeente_medewerker)
        response = client.post(upload_url(), {"bestand": upload(b"PK\x03\x04zip", "w.zip")})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Het bestand is niet geïmporteerd; er is niets veranderd." in html
        assert "Het bestand is een zip-archief. Pak het eerst uit" in html
        assert not Wijk.objects.exists()

    def test_a_nul_byte_in_a_name_is_refused_with_a_message_not_an_error(
        self, client, gemeente_medewerker
    ):
        client.force_login(gemeente_medewerker)
        naam = {"WK_CODE": "WK020005", "WK_NAAM": "De\u0000Maten", "GM_CODE": "GM0200"}
        inhoud = _with_features(feature(naam, IN_APELDOORN))
        assert b"\\u0000" in inhoud

        response = client.post(upload_url(), {"bestand": upload(inhoud)})

        assert response.status_code == 200
        assert "heeft een naam met een onzichtbaar stuurteken" in response.content.decode()
        assert not Wijk.objects.exists()

    def test_a_file_over_the_limit_is_refused(self, client, gemeente_medewerker, monkeypatch):
        monkeypatch.setattr(wijkimport, "MAX_UPLOAD_BYTES", 1024 * 1024)
        client.force_login(gemeente_medewerker)
        response = client.post(upload_url(), {"bestand": upload(b" " * (3 * 1024 * 1024))})
        assert "Het bestand is 3 MB; de grens is 1 MB." in response.content.decode()

    def test_without_a_file_it_asks_for_one(self, client, gemeente_medewerker):
        client.force_login(gemeente_medewerker)
        response = client.post(upload_url(), {})
        assert response.status_code == 200
        assert 'class="field field--invalid"' in response.content.decode()

    def test_only_the_gemeenten_one_manages_are_imported(
        self, client, gemeente_medewerker, andere_gemeente
    ):
        client.force_login(gemeente_medewerker)
        client.post(upload_url(), {"bestand": upload(RD_2019)})
        assert not Wijk.objects.filter(gemeente=andere_gemeente).exists()

    def test_other_staff_get_404(self, client, corporatie_medewerker):
        client.force_login(corporatie_medewerker)
        assert client.get(upload_url()).status_code == 404
        response = client.post(upload_url(), {"bestand": upload(RD_2019)})
        assert response.status_code == 404
        assert not Wijk.objects.exists()

    @pytest.mark.parametrize("wijken", [1, 50])
    def test_the_page_runs_a_fixed_number_of_queries(
        self, client, gemeente, gemeente_medewerker, django_assert_max_num_queries, wijken
    ):
        for n in range(wijken):
            WijkFactory(gemeente=gemeente, cbs_code=f"WK0200{n:02d}")
        client.force_login(gemeente_medewerker)
        with django_assert_max_num_queries(7):
            assert client.get(upload_url()).status_code == 200

    def test_a_gemeente_one_does_not_manage_gives_404(
        self, client, gemeente_medewerker, andere_gemeente
    ):
        client.force_login(gemeente_medewerker)
        assert client.get(upload_url(andere_gemeente)).status_code == 404


# The list of wijken ----------------------------------------------------------------------------


def list_url(gemeente=None):
    url = reverse("beheer:wijken")
    return f"{url}?gemeente={gemeente.slug}" if gemeente else url


class TestListPage:
    def test_it_shows_wijken_and_their_buurten_with_figures_and_places(
        self, client, gemeente, corporatie_medewerker
    ):
        import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])
        Wijk.objects.filter(cbs_code="BU02000102").update(grens=None)
        LocatieFactory(gemeente=gemeente, gepubliceerd=True, latitude=None, longitude=None)
        for _ in range(2):
            LocatieFactory(
                gemeente=gemeente,
                gepubliceerd=True,
                wijk=wijk("WK020001"),
                buurt=wijk("BU02000101"),
            )
        LocatieFactory(gemeente=gemeente, wijk=wijk("WK020001"))  # concept: not counted
        client.force_login(corporatie_medewerker)

        response = client.get(list_url())

        assert response.status_code == 200
        rijen = response.context["rijen"]
        assert [(r.cbs_code, r.plekken, r.heeft_grens) for r in rijen] == [
            ("WK020001", 2, True),
            ("BU02000101", 2, True),
            ("BU02000102", 0, False),
        ]
        html = response.content.decode()
        assert "9.120" in html and "21%" in html and "onbekend" in html
        assert "1 zonder grens." in html
        assert "Wijkindeling importeren" not in html  # a corporatie reads, does not import

    def test_gemeente_staff_see_the_way_to_import(self, client, gemeente, gemeente_medewerker):
        client.force_login(gemeente_medewerker)
        html = client.get(list_url()).content.decode()
        assert "Wijkindeling importeren" in html
        assert "Voor Apeldoorn zijn nog geen wijken of buurten vastgelegd." in html

    def test_a_gemeente_outside_ones_work_gives_404(
        self, client, andere_gemeente, corporatie_medewerker
    ):
        client.force_login(corporatie_medewerker)
        assert client.get(list_url(andere_gemeente)).status_code == 404

    @pytest.mark.parametrize("buurten", [3, 60])
    def test_it_runs_a_fixed_number_of_queries(
        self, client, gemeente, gemeente_medewerker, django_assert_max_num_queries, buurten
    ):
        wijken = [WijkFactory(gemeente=gemeente, cbs_code=f"WK0200{n:02d}") for n in range(3)]
        Wijk.objects.bulk_create(
            Wijk(
                gemeente=gemeente,
                cbs_code=f"BU{wijken[n % 3].cbs_code[2:]}{n:02d}",
                naam=f"Buurt {n}",
                slug=f"buurt-{n}",
                soort=WijkSoort.BUURT,
                wijk=wijken[n % 3],
                inwoners=100 + n,
            )
            for n in range(buurten)
        )
        for n in range(buurten):
            LocatieFactory(gemeente=gemeente, gepubliceerd=True, wijk=wijken[n % 3])
        client.force_login(gemeente_medewerker)

        with django_assert_max_num_queries(7):
            response = client.get(list_url())

        assert len(response.context["rijen"]) == 3 + buurten


def test_places_of_the_fixture_lie_where_the_tests_say(gemeente):
    """The factory's default place (52.211 N, 5.970 E) lies in RD x 194.8 km: in Centrum."""
    import_wijken(RD_2019.read_bytes(), gemeenten=[gemeente])
    centrum = shape(wijk("BU02000101").grens)
    assert centrum.contains(shape({"type": "Point", "coordinates": [5.970, 52.211]}))


def test_an_import_leaves_history_of_names_boundaries_and_figures_by_whom(gemeente):
    door = UserFactory()
    figures = {**APELDOORN_WIJK, "AANT_INW": 1200}
    import_wijken(_with_features(feature(figures, IN_APELDOORN)), gemeenten=[gemeente], door=door)
    changed = {**figures, "WK_NAAM": "De Maten-Zuid", "AANT_INW": 1300}
    import_wijken(
        _with_features(feature(changed, square(5.95, 52.2, 5.97, 52.21))),
        gemeenten=[gemeente],
        door=door,
    )

    created, updated = wijk("WK020005").history.order_by("history_id")
    assert (created.history_type, created.naam, created.inwoners) == ("+", "De Maten", 1200)
    assert (updated.history_type, updated.naam, updated.inwoners) == ("~", "De Maten-Zuid", 1300)
    assert created.history_user == updated.history_user == door
    assert updated.history_change_reason == "Import van de wijk- en buurtkaart (WGS84 (EPSG:4326))"
    delta = {change.field for change in updated.diff_against(created).changes}
    assert delta == {"naam", "grens", "inwoners"}


def test_an_import_that_changes_nothing_adds_no_history(gemeente):
    inhoud = _with_features(feature(APELDOORN_WIJK, IN_APELDOORN))
    import_wijken(inhoud, gemeenten=[gemeente])
    import_wijken(inhoud, gemeenten=[gemeente])

    assert wijk("WK020005").history.count() == 1
