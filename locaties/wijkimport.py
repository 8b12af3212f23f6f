"""Import of wijk and buurt boundaries and population from a CBS/PDOK wijk- en buurtkaart.

The input is a GeoJSON FeatureCollection as CBS publishes it (the downloads of the Wijk- en
Buurtkaart, or PDOK's WFS/OGC API with `outputFormat=json`), one layer (wijken or buurten) or
both. It is read as it comes:

- columns in the older upper-case style (`BU_CODE`, `BU_NAAM`, `WK_CODE`, `WK_NAAM`,
  `GM_CODE`, `GM_NAAM`, `AANT_INW`, `P_65_EO_JR`, `WATER`) or in the style of PDOK's editions
  since 2022 (`buurtcode`, `buurtnaam`, `wijkcode`, `wijknaam`, `gemeentecode`,
  `gemeentenaam`, `aantalInwoners`, `percentagePersonen65JaarEnOuder`, `water`), and the
  `statcode`/`statnaam` of CBS's gebiedsindelingen; names are matched without regard to case;
- coordinates in RD New (EPSG:28992, metres) or WGS84 degrees (ETRS89 read as WGS84), told
  by the `crs` member or, without one, by the range of the coordinates; RD New is
  reprojected with pyproj;
- CBS's negative codes (-99997 "geheim", -99999999 and the like) mean unknown: stored as
  null, so they never enter a sum;
- areas that are only water (`WATER = JA`) are skipped.

A file that cannot be read as such (not JSON, not GeoJSON, no known columns, an unknown
projection, a geometry that is not a polygon, a code that is no CBS code) is refused as a
whole with the problems named, and nothing changes: everything happens in one transaction.
A self-intersecting boundary is thinned to the storage grid and repaired (shapely's
make_valid, keeping the polygonal parts) and the repair is reported; a boundary with no area
left is refused. The work is bounded, as a file may be crafted to exhaust the server: at most
MAX_POINTS_PER_GEOMETRY points per boundary and MAX_POINTS_TOTAL in the file (the command for
the national file lifts the latter), and the repair runs in a child process stopped after
REPAIR_SECONDS or REPAIR_MEMORY_BYTES; beyond these the file is refused with a message.

Re-importing updates wijken and buurten in place by their CBS code (names, boundaries,
figures); slugs stay as they are. Wijken and buurten that are not in the file stay untouched.
Afterwards every place with coordinates in the gemeenten imported gets its wijk and buurt
from the boundaries (`assign_wijken`).
"""

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.errors import GEOSException
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern import projections
from kern.slugs import free_slug
from locaties import geo
from locaties.constants import WijkSoort
from locaties.models import Locatie, Wijk
from locaties.validators import NEDERLAND_LAT, NEDERLAND_LON

# The portal refuses larger uploads; the command reads files of any size (the whole country
# in full detail is some hundreds of megabytes).
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

# Boundaries are stored to a millionth of a degree: about 0.1 m, well below the precision of
# CBS's boundaries, and half the size of full double precision.
GRID_DEGREES = 1e-6

# Bounds on the work a file may cause (see the module's docstring). CBS's most detailed
# buurt boundaries have a few thousand points.
MAX_POINTS_PER_GEOMETRY = 20_000
MAX_POINTS_TOTAL = 3_000_000
REPAIR_SECONDS = 20
REPAIR_MEMORY_BYTES = 1024 * 1024 * 1024

# Characters a name may not hold: control characters (PostgreSQL refuses NUL in text).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

# Rows asked for by key at a time (SQLite allows a limited number of parameters).
CHUNK = 500

# How many problems a refusal lists before "and n more".
MAX_PROBLEMS = 20
# How many examples of one reason to skip the report names.
MAX_EXAMPLES = 10

# The RD New grid of the Netherlands (with a margin): x and y in metres.
RD_X = (-7_000, 300_000)
RD_Y = (289_000, 629_000)

BUURTCODE = re.compile(r"^BU\d{8}$")
WIJKCODE = re.compile(r"^WK\d{6}$")
GEMEENTECODE = re.compile(r"^GM\d{4}$")

# The names CBS gives its columns, in lower case: the older upper-case style first, then
# PDOK's names since 2022, then those of the gebiedsindelingen.
COLUMNS = {
    "buurtcode": ("bu_code", "buurtcode"),
    "buurtnaam": ("bu_naam", "buurtnaam"),
    "wijkcode": ("wk_code", "wijkcode"),
    "wijknaam": ("wk_naam", "wijknaam"),
    "gemeentecode": ("gm_code", "gemeentecode"),
    "statcode": ("statcode",),
    "statnaam": ("statnaam",),
    "inwoners": ("aant_inw", "aantalinwoners"),
    "aandeel_65_plus": ("p_65_eo_jr", "percentagepersonen65jaarenouder"),
    "water": ("water",),
}
CODE_COLUMNS = ("buurtcode", "wijkcode", "gemeentecode", "statcode")


class ImportFout(Exception):
    """The file is refused as a whole; `problemen` says why, in Dutch, one line each."""

    def __init__(self, problemen: list[str]):
        self.problemen = problemen
        super().__init__("\n".join(problemen))


@dataclass
class ImportVerslag:
    """What an import did (or, for a trial, would do)."""

    projectie: str = ""
    proef: bool = False
    gemeenten: list[str] = field(default_factory=list)
    nieuw: Counter = field(default_factory=Counter)  # soort -> number
    bijgewerkt: Counter = field(default_factory=Counter)
    ongewijzigd: Counter = field(default_factory=Counter)
    overgeslagen: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    hersteld: list[str] = field(default_factory=list)
    cijfers_onbekend: int = 0
    locaties_gewijzigd: int = 0
    locaties_buiten_grenzen: int = 0

    @property
    def aantal_verwerkt(self) -> int:
        return sum(self.nieuw.values()) + sum(self.bijgewerkt.values())

    def regels(self) -> list[str]:
        """The report in sentences, for the page and the command."""
        regels = []
        if self.proef:
            regels.append(_("Proefimport: er is niets opgeslagen. Zo zou de import uitpakken:"))
        if self.projectie:
            regels.append(
                _("Coördinaten gelezen als %(projectie)s.") % {"projectie": self.projectie}
            )
        for soort, naam in ((WijkSoort.WIJK, _("Wijken")), (WijkSoort.BUURT, _("Buurten"))):
            nieuw, bij, gelijk = (
                self.nieuw[soort],
                self.bijgewerkt[soort],
                self.ongewijzigd[soort],
            )
            if nieuw or bij or gelijk:
                regels.append(
                    _("%(soort)s: %(nieuw)s nieuw, %(bij)s bijgewerkt, %(gelijk)s ongewijzigd.")
                    % {
                        "soort": naam,
                        "nieuw": nieuw,
                        "bij": bij,
                        "gelijk": gelijk,
                    }
                )
        if not self.aantal_verwerkt and not sum(self.ongewijzigd.values()):
            regels.append(_("Er is geen wijk of buurt geïmporteerd."))
        if self.cijfers_onbekend:
            regels.append(
                ngettext(
                    "Bij %(n)s wijk of buurt is een cijfer onbekend of geheim (CBS-code "
                    "zoals -99997); dat is leeg gelaten en telt nergens mee.",
                    "Bij %(n)s wijken en buurten is een cijfer onbekend of geheim (CBS-code "
                    "zoals -99997); dat is leeg gelaten en telt nergens mee.",
                    self.cijfers_onbekend,
                )
                % {"n": self.cijfers_onbekend}
            )
        if self.hersteld:
            regels.append(
                ngettext(
                    "De grens van %(n)s gebied sneed zichzelf en is hersteld: %(namen)s.",
                    "De grenzen van %(n)s gebieden sneden zichzelf en zijn hersteld: %(namen)s.",
                    len(self.hersteld),
                )
                % {"n": len(self.hersteld), "namen": _examples(self.hersteld)}
            )
        if self.proef:
            locaties = ngettext(
                "%(n)s locatie zou een andere wijk of buurt krijgen.",
                "%(n)s locaties zouden een andere wijk of buurt krijgen.",
                self.locaties_gewijzigd,
            )
        else:
            locaties = ngettext(
                "%(n)s locatie kreeg een andere wijk of buurt.",
                "%(n)s locaties kregen een andere wijk of buurt.",
                self.locaties_gewijzigd,
            )
        regels.append(locaties % {"n": self.locaties_gewijzigd})
        if self.locaties_buiten_grenzen:
            regels.append(
                ngettext(
                    "%(n)s locatie met coördinaten ligt binnen geen enkele grens van haar "
                    "gemeente; haar wijk en buurt zijn niet veranderd.",
                    "%(n)s locaties met coördinaten liggen binnen geen enkele grens van hun "
                    "gemeente; hun wijk en buurt zijn niet veranderd.",
                    self.locaties_buiten_grenzen,
                )
                % {"n": self.locaties_buiten_grenzen}
            )
        return regels

    @property
    def aantal_overgeslagen(self) -> int:
        return sum(len(labels) for labels in self.overgeslagen.values())

    def overgeslagen_regels(self) -> list[str]:
        """One line per reason to skip: the reason, how many, and some examples."""
        return [
            _("%(reden)s: %(n)s (%(voorbeelden)s)")
            % {"reden": reden, "n": len(labels), "voorbeelden": _examples(labels)}
            for reden, labels in sorted(self.overgeslagen.items())
        ]


def _examples(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_EXAMPLES])
    if len(labels) > MAX_EXAMPLES:
        shown += " " + _("en %(n)s meer") % {"n": len(labels) - MAX_EXAMPLES}
    return shown


# Reading the file ----------------------------------------------------------------------------


@dataclass
class _Gebied:
    """One feature of the file, read."""

    nummer: int  # position in the file, from 1
    soort: str
    code: str
    naam: str
    wijkcode: str  # a buurt's wijk
    gemeentecode: str
    inwoners: int | None
    aandeel_65_plus: Decimal | None
    cijfer_onbekend: bool
    water: bool
    geometrie: object  # shapely geometry, later WGS84
    grens: dict | None = None

    @property
    def label(self) -> str:
        return f"{self.code} {self.naam}".strip()


def _problem_list(problemen: list[str]) -> list[str]:
    if len(problemen) > MAX_PROBLEMS:
        rest = len(problemen) - MAX_PROBLEMS
        problemen = problemen[:MAX_PROBLEMS] + [
            ngettext("… en nog %(n)s probleem.", "… en nog %(n)s problemen.", rest) % {"n": rest}
        ]
    return problemen


def _load_json(inhoud: bytes):
    if not inhoud.strip():
        raise ImportFout([_("Het bestand is leeg.")])
    if inhoud.startswith(b"PK\x03\x04"):
        raise ImportFout(
            [
                _(
                    "Het bestand is een zip-archief. Pak het eerst uit en kies het "
                    "GeoJSON-bestand dat erin zit."
                )
            ]
        )
    try:
        return json.loads(inhoud.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFout(
            [
                _(
                    "Het bestand is geen tekst in UTF-8; een GeoJSON-bestand van CBS of PDOK "
                    "is dat wel."
                )
            ]
        ) from None
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        raise ImportFout(
            [
                _(
                    "Het bestand is geen geldige JSON (fout in regel %(regel)s). Kies het "
                    "GeoJSON-bestand van de wijk- en buurtkaart."
                )
                % {"regel": line or "?"}
            ]
        ) from None


def _declared_crs(collectie: dict) -> str | None:
    """EPSG:28992 or EPSG:4326 from the `crs` member of older GeoJSON, None without one."""
    crs = collectie.get("crs")
    if crs is None:
        return None
    naam = ""
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        naam = str(crs["properties"].get("name") or "")
    digits = re.findall(r"\d+", naam.upper())
    # ETRS89 (EPSG:4258, one of PDOK's choices) lies within a metre of WGS84 in the
    # Netherlands: less than the boundaries' own precision, so it is read as WGS84.
    if "CRS84" in naam.upper() or (digits and digits[-1] in {"4326", "4258"}):
        return projections.WGS84
    if digits and digits[-1] in {"28992", "7415"}:  # 7415: RD New with NAP heights
        return projections.RD_NEW
    raise ImportFout(
        [
            _(
                "Het bestand gebruikt coördinatenstelsel %(crs)s. Alleen RD New (EPSG:28992) en "
                "WGS84 (EPSG:4326, of ETRS89) worden gelezen; exporteer het bestand opnieuw in "
                "een daarvan."
            )
            % {"crs": naam or _("(onbekend)")}
        ]
    )


def _number(value) -> tuple[float | None, bool]:
    """(the number, whether it was there but unknown): CBS's negative codes, text that is no
    number and missing values all give None."""
    if value is None or value == "":
        return None, False
    if isinstance(value, bool):
        return None, True
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None, True
    if (
        not isinstance(value, (int, float))
        or value != value
        or value
        in (
            float("inf"),
            float("-inf"),
        )
    ):
        return None, True
    if value < 0:
        return None, True
    return value, False


def _figures(eigenschappen: dict) -> tuple[int | None, Decimal | None, bool]:
    inwoners, inwoners_onbekend = _number(eigenschappen.get("inwoners"))
    aandeel, aandeel_onbekend = _number(eigenschappen.get("aandeel_65_plus"))
    if inwoners is not None and (inwoners != int(inwoners) or inwoners > 2_147_483_647):
        inwoners, inwoners_onbekend = None, True
    if aandeel is not None and aandeel > 100:
        aandeel, aandeel_onbekend = None, True
    if aandeel is not None:
        try:
            aandeel = Decimal(str(round(aandeel, 1)))
        except InvalidOperation:
            aandeel, aandeel_onbekend = None, True
    return (
        int(inwoners) if inwoners is not None else None,
        aandeel,
        inwoners_onbekend or aandeel_onbekend,
    )


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _read_feature(
    nummer: int, feature, problemen: list[str], zonder_code: list[int]
) -> _Gebied | None:
    """One feature read, or None after adding what is wrong with it to `problemen` (and its
    number to `zonder_code` when it has no CBS code column at all)."""
    where = _("Object %(nummer)s") % {"nummer": nummer}
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problemen.append(_("%(waar)s is geen GeoJSON Feature.") % {"waar": where})
        return None
    raw = feature.get("properties")
    lower = {str(k).lower(): v for k, v in raw.items()} if isinstance(raw, dict) else {}
    eigenschappen = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in lower:
                eigenschappen[name] = lower[alias]
                break
    if not any(_text(eigenschappen.get(name)) for name in CODE_COLUMNS):
        problemen.append(
            _(
                "%(waar)s heeft geen CBS-code: geen kolom BU_CODE, WK_CODE of GM_CODE "
                "(of buurtcode, wijkcode, gemeentecode)."
            )
            % {"waar": where}
        )
        zonder_code.append(nummer)
        return None

    buurtcode = _text(eigenschappen.get("buurtcode")).upper()
    wijkcode = _text(eigenschappen.get("wijkcode")).upper()
    statcode = _text(eigenschappen.get("statcode")).upper()
    gemeentecode = _text(eigenschappen.get("gemeentecode")).upper()
    if buurtcode or statcode.startswith("BU"):
        soort, code = WijkSoort.BUURT, buurtcode or statcode
        naam = _text(eigenschappen.get("buurtnaam") or eigenschappen.get("statnaam"))
        valid = BUURTCODE.match(code)
        if valid and not wijkcode:
            wijkcode = "WK" + code[2:8]
    elif wijkcode or statcode.startswith("WK"):
        soort, code = WijkSoort.WIJK, wijkcode or statcode
        naam = _text(eigenschappen.get("wijknaam") or eigenschappen.get("statnaam"))
        valid = WIJKCODE.match(code)
        wijkcode = ""
    else:
        # A gemeente's own outline (the gemeenten layer): no wijk or buurt.
        soort, code, naam, valid = "", gemeentecode or statcode, "", True
    if not valid:
        problemen.append(
            _("%(waar)s heeft code ‘%(code)s’; dat is geen CBS-code van een %(soort)s.")
            % {"waar": where, "code": code[:20], "soort": WijkSoort(soort).label.lower()}
        )
        return None
    if not gemeentecode and soort:
        gemeentecode = "GM" + code[2:6]
    if not GEMEENTECODE.match(gemeentecode):
        problemen.append(
            _("%(waar)s (%(code)s) heeft gemeentecode ‘%(gemeente)s’; dat is geen CBS-code.")
            % {"waar": where, "code": code, "gemeente": gemeentecode[:20]}
        )
        return None
    if soort and not naam:
        problemen.append(_("%(waar)s (%(code)s) heeft geen naam.") % {"waar": where, "code": code})
        return None
    if CONTROL_CHARACTERS.search(naam):
        problemen.append(
            _(
                "%(waar)s (%(code)s) heeft een naam met een onzichtbaar stuurteken (zoals een "
                "NUL-teken); zo'n naam kan niet worden opgeslagen. Herstel de naam in het "
                "bestand."
            )
            % {"waar": where, "code": code}
        )
        return None
    if len(naam) > Wijk._meta.get_field("naam").max_length:
        problemen.append(
            _("%(waar)s (%(code)s) heeft een naam van meer dan %(max)s tekens.")
            % {"waar": where, "code": code, "max": Wijk._meta.get_field("naam").max_length}
        )
        return None

    geometrie = _read_geometry(feature.get("geometry"), f"{where} ({code})", problemen)
    if geometrie is None:
        return None
    inwoners, aandeel, onbekend = _figures(eigenschappen)
    return _Gebied(
        nummer=nummer,
        soort=soort,
        code=code,
        naam=naam,
        wijkcode=wijkcode,
        gemeentecode=gemeentecode,
        inwoners=inwoners,
        aandeel_65_plus=aandeel,
        cijfer_onbekend=onbekend,
        water=_text(eigenschappen.get("water")).upper() == "JA",
        geometrie=geometrie,
    )


def _read_geometry(geometry, where: str, problemen: list[str]):
    if not isinstance(geometry, dict) or not geometry.get("type"):
        problemen.append(_("%(waar)s heeft geen geometrie.") % {"waar": where})
        return None
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        problemen.append(
            _("%(waar)s is een %(type)s; een wijk of buurt is een vlak (Polygon of MultiPolygon).")
            % {"waar": where, "type": str(geometry.get("type"))[:40]}
        )
        return None
    try:
        shape = shapely.geometry.shape(geometry)
        if shape.is_empty:
            raise ValueError
        punten = shapely.get_num_coordinates(shape)
        if punten <= MAX_POINTS_PER_GEOMETRY:
            coordinates = shapely.get_coordinates(shape)
            if not np.isfinite(coordinates).all():
                raise ValueError
    except (GEOSException, ValueError, TypeError, IndexError, AttributeError, KeyError):
        problemen.append(_("%(waar)s: de coördinaten vormen geen geldig vlak.") % {"waar": where})
        return None
    if punten > MAX_POINTS_PER_GEOMETRY:
        problemen.append(
            _(
                "%(waar)s heeft een grens van %(punten)s punten; het maximum is %(max)s. "
                "Vereenvoudig de grenzen (bijvoorbeeld met QGIS of mapshaper) of kies de "
                "gegeneraliseerde kaart van CBS."
            )
            % {
                "waar": where,
                "punten": punten,
                "max": MAX_POINTS_PER_GEOMETRY,
            }
        )
        return None
    return shape


def _projection(gebieden: list[_Gebied], declared: str | None) -> str:
    """RD New or WGS84: as declared, checked against the coordinates, or told by them."""
    xmin, ymin, xmax, ymax = shapely.total_bounds([g.geometrie for g in gebieden])
    in_wgs84 = (
        NEDERLAND_LON[0] <= xmin <= xmax <= NEDERLAND_LON[1]
        and NEDERLAND_LAT[0] <= ymin <= ymax <= NEDERLAND_LAT[1]
    )
    in_rd = RD_X[0] <= xmin <= xmax <= RD_X[1] and RD_Y[0] <= ymin <= ymax <= RD_Y[1]
    swapped = (
        NEDERLAND_LAT[0] <= xmin <= xmax <= NEDERLAND_LAT[1]
        and NEDERLAND_LON[0] <= ymin <= ymax <= NEDERLAND_LON[1]
    )
    if declared == projections.WGS84 and in_wgs84 or declared is None and in_wgs84:
        return projections.WGS84
    if declared == projections.RD_NEW and in_rd or declared is None and in_rd:
        return projections.RD_NEW
    if swapped:
        problem = _(
            "De coördinaten staan als breedtegraad, lengtegraad; GeoJSON heeft lengtegraad, "
            "breedtegraad. Exporteer het bestand opnieuw."
        )
    elif declared:
        problem = _(
            "Het bestand zegt %(crs)s te gebruiken, maar de coördinaten liggen daarin niet in "
            "Nederland. Klopt de projectie?"
        ) % {"crs": "RD New (EPSG:28992)" if declared == projections.RD_NEW else "WGS84"}
    else:
        problem = _(
            "De coördinaten liggen niet in Nederland, in RD New (meters) noch in WGS84 "
            "(graden). Is het bestand in een andere projectie?"
        )
    raise ImportFout([problem])


def _polygonal(shape):
    """The polygons of a repaired geometry (make_valid may add lines or points)."""
    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape
    parts = [
        part
        for part in getattr(shape, "geoms", [])
        if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _boundaries(gebieden: list[_Gebied], projectie: str, verslag: ImportVerslag) -> None:
    """WGS84 GeoJSON for every gebied: reprojected, repaired when self-intersecting, on the
    storage grid, outer rings counter-clockwise (RFC 7946)."""
    shapes = np.array([g.geometrie for g in gebieden], dtype=object)
    if projectie == projections.RD_NEW:
        shapes = projections.to_wgs84(shapes)
    invalid = np.flatnonzero(~shapely.is_valid(shapes))
    problemen = []
    # Points closer together than the storage grid go first: fewer edges to repair, the same
    # result. (Not shapely.simplify: it repairs polygons with buffer(0), dropping parts.)
    simplified = shapely.remove_repeated_points(shapes[invalid], GRID_DEGREES)
    try:
        repairs = (
            geo.make_valid_within(
                simplified, seconds=REPAIR_SECONDS, memory_bytes=REPAIR_MEMORY_BYTES
            )
            if len(invalid)
            else []
        )
    except geo.RepairTooCostly:
        raise ImportFout(
            [
                _(
                    "De grenzen van %(gebieden)s snijden zichzelf zo vaak dat herstellen te "
                    "veel rekenwerk is. Controleer en herstel ze (bijvoorbeeld met QGIS) en "
                    "probeer het opnieuw."
                )
                % {"gebieden": _examples([gebieden[index].label for index in invalid])}
            ]
        ) from None
    for index, repair in zip(invalid, repairs, strict=True):
        repaired = _polygonal(repair)
        if repaired.is_empty:
            problemen.append(
                _("De grens van %(gebied)s heeft geen oppervlak.")
                % {"gebied": gebieden[index].label}
            )
        shapes[index] = repaired
        verslag.hersteld.append(gebieden[index].label)
    shapes = shapely.orient_polygons(shapely.set_precision(shapes, GRID_DEGREES))
    for index in np.flatnonzero(shapely.is_empty(shapes)):
        problemen.append(
            _("De grens van %(gebied)s is te klein om op te slaan.")
            % {"gebied": gebieden[index].label}
        )
    if problemen:
        raise ImportFout(_problem_list(problemen))
    for gebied, geojson in zip(gebieden, shapely.to_geojson(shapes), strict=True):
        gebied.grens = json.loads(geojson)


def read_file(
    inhoud: bytes, *, max_punten: int | None = MAX_POINTS_TOTAL
) -> tuple[list[_Gebied], str]:
    """The wijken and buurten of a CBS GeoJSON file with WGS84 boundaries, and the projection
    it was in; ImportFout when the file cannot be read as such or has more than `max_punten`
    points in all (None: no limit)."""
    collectie = _load_json(inhoud)
    if not isinstance(collectie, dict) or collectie.get("type") != "FeatureCollection":
        soort = collectie.get("type") if isinstance(collectie, dict) else None
        raise ImportFout(
            [
                _(
                    "Het bestand is geen GeoJSON FeatureCollection%(soort)s. Kies het "
                    "GeoJSON-bestand van de wijk- en buurtkaart van CBS of PDOK."
                )
                % {"soort": f" ({str(soort)[:40]})" if soort else ""}
            ]
        )
    features = collectie.get("features")
    if not isinstance(features, list) or not features:
        raise ImportFout([_("Het bestand bevat geen wijken of buurten (geen features).")])
    declared = _declared_crs(collectie)
    problemen: list[str] = []
    zonder_code: list[int] = []
    gebieden = []
    for nummer, feature in enumerate(features, start=1):
        gebied = _read_feature(nummer, feature, problemen, zonder_code)
        if gebied is not None:
            gebieden.append(gebied)
    if problemen:
        if len(zonder_code) == len(features):
            problemen = [
                _(
                    "Geen van de objecten heeft bekende CBS-kolommen (zoals BU_CODE, WK_CODE, "
                    "GM_CODE of buurtcode, wijkcode, gemeentecode). Is dit de wijk- en "
                    "buurtkaart van CBS?"
                )
            ]
        raise ImportFout(_problem_list(problemen))
    seen: dict[str, int] = {}
    for gebied in gebieden:
        if gebied.soort and gebied.code in seen:
            problemen.append(
                _("%(code)s staat twee keer in het bestand (object %(eerste)s en %(tweede)s).")
                % {"code": gebied.code, "eerste": seen[gebied.code], "tweede": gebied.nummer}
            )
        seen.setdefault(gebied.code, gebied.nummer)
    if problemen:
        raise ImportFout(_problem_list(problemen))
    punten = int(shapely.get_num_coordinates([g.geometrie for g in gebieden]).sum())
    if max_punten is not None and punten > max_punten:
        raise ImportFout(
            [
                _(
                    "De grenzen in het bestand hebben samen %(punten)s punten; het maximum is "
                    "%(max)s. Kies alleen de gemeenten die je nodig hebt of de "
                    "gegeneraliseerde kaart van CBS."
                )
                % {"punten": punten, "max": max_punten}
            ]
        )
    projectie = _projection(gebieden, declared)
    return gebieden, projectie


# Storing ------------------------------------------------------------------------------------


def import_wijken(
    inhoud: bytes,
    *,
    gemeenten,
    door=None,
    proef: bool = False,
    max_punten: int | None = MAX_POINTS_TOTAL,
    voortgang=None,
    bij_opslaan=None,
) -> ImportVerslag:
    """Import the wijken and buurten of the CBS GeoJSON `inhoud` for `gemeenten` (those of
    other gemeenten are skipped), then give the places of those gemeenten their wijk and buurt.
    One transaction: ImportFout leaves everything as it was, and so does `proef` (a trial run
    that reports what would happen). `door` is recorded as the author of the places' changes.
    `voortgang(procent, bericht)`, when given, hears how far it is (a background job's page);
    `bij_opslaan(verslag)` runs inside the transaction just before it commits (not in a trial),
    so a background job can mark itself done in the same commit, or undo the import by raising.
    """
    voortgang = voortgang or (lambda procent, bericht: None)
    voortgang(5, _("Het bestand wordt gelezen."))
    gebieden, projectie = read_file(inhoud, max_punten=max_punten)
    verslag = ImportVerslag(
        projectie="RD New (EPSG:28992)"
        if projectie == projections.RD_NEW
        else "WGS84 (EPSG:4326)",
        proef=proef,
    )
    toegestaan = {gemeente.cbs_code: gemeente for gemeente in gemeenten}

    te_importeren = []
    for gebied in gebieden:
        if not gebied.soort:
            verslag.overgeslagen[_("gemeentegrens, geen wijk of buurt")].append(gebied.code)
        elif gebied.water:
            verslag.overgeslagen[_("alleen water")].append(gebied.label)
        elif gebied.gemeentecode not in toegestaan:
            verslag.overgeslagen[
                _("andere gemeente (%(code)s)") % {"code": gebied.gemeentecode}
            ].append(gebied.label)
        else:
            te_importeren.append(gebied)
    if te_importeren:
        voortgang(40, _("De grenzen worden gecontroleerd."))
        _boundaries(te_importeren, projectie, verslag)

    voortgang(70, _("Wijken en buurten worden opgeslagen en locaties ingedeeld."))
    with transaction.atomic():
        betrokken = _store(te_importeren, toegestaan, verslag, door=door)
        if betrokken:
            verslag.gemeenten = sorted(gemeente.naam for gemeente in betrokken)
            verslag.locaties_gewijzigd, verslag.locaties_buiten_grenzen = assign_wijken(
                betrokken, door=door
            )
        if proef:
            transaction.set_rollback(True)
        elif bij_opslaan is not None:
            bij_opslaan(verslag)
    return verslag


def _store(gebieden: list[_Gebied], toegestaan: dict, verslag: ImportVerslag, *, door) -> list:
    """Create or update the Wijk rows of `gebieden`: wijken first, then buurten (which need
    their wijk), each with a history row by `door`. Returns the gemeenten something was
    imported for."""
    reden = _("Import van de wijk- en buurtkaart (%(projectie)s)") % {
        "projectie": verslag.projectie
    }
    codes = [gebied.code for gebied in gebieden]
    bestaand = {wijk.cbs_code: wijk for wijk in _by_code(codes)}
    wijkcodes = {g.wijkcode for g in gebieden if g.soort == WijkSoort.BUURT}
    ouders = {wijk.cbs_code: wijk for wijk in _by_code(wijkcodes)}
    slugs = set(Wijk.objects.values_list("slug", flat=True))
    problemen = []
    betrokken = {}

    for soort in (WijkSoort.WIJK, WijkSoort.BUURT):
        nieuw, gewijzigd = [], []
        for gebied in (g for g in gebieden if g.soort == soort):
            gemeente = toegestaan[gebied.gemeentecode]
            wijk = bestaand.get(gebied.code)
            if wijk is not None and (wijk.soort != soort or wijk.gemeente_id != gemeente.pk):
                problemen.append(
                    _("%(gebied)s bestaat al als %(soort)s van gemeente %(gemeente)s.")
                    % {
                        "gebied": gebied.label,
                        "soort": wijk.get_soort_display().lower(),
                        "gemeente": wijk.gemeente,
                    }
                )
                continue
            ouder = None
            if soort == WijkSoort.BUURT:
                ouder = ouders.get(gebied.wijkcode)
                if ouder is None:
                    verslag.overgeslagen[
                        _("wijk niet in het bestand en nog niet geïmporteerd")
                    ].append(gebied.label)
                    continue
            values = {
                "naam": gebied.naam,
                "grens": gebied.grens,
                "inwoners": gebied.inwoners,
                "aandeel_65_plus": gebied.aandeel_65_plus,
                "wijk": ouder,
                "is_demo": False,
            }
            if wijk is None:
                wijk = Wijk(
                    gemeente=gemeente,
                    cbs_code=gebied.code,
                    soort=soort,
                    slug=_new_slug(f"{gemeente.naam} {gebied.naam}", slugs),
                    **values,
                )
                nieuw.append(wijk)
                verslag.nieuw[soort] += 1
            elif _differs(wijk, values):
                for name, value in values.items():
                    setattr(wijk, name, value)
                gewijzigd.append(wijk)
                verslag.bijgewerkt[soort] += 1
            else:
                verslag.ongewijzigd[soort] += 1
                betrokken[gemeente.pk] = gemeente
                continue
            wijk.gemeente = gemeente
            try:
                wijk.clean_fields(exclude=["gemeente", "wijk"])
                wijk.clean()
            except ValidationError as error:
                problemen.extend(f"{gebied.label}: {message}" for message in _messages(error))
                continue
            if gebied.cijfer_onbekend:
                verslag.cijfers_onbekend += 1
            betrokken[gemeente.pk] = gemeente
        if problemen:
            raise ImportFout(_problem_list(problemen))
        # With a history row each (who, when, and the names, boundaries and figures).
        bulk_create_with_history(
            nieuw, Wijk, batch_size=500, default_user=door, default_change_reason=reden
        )
        bulk_update_with_history(
            gewijzigd,
            Wijk,
            ["naam", "grens", "inwoners", "aandeel_65_plus", "wijk", "is_demo"],
            batch_size=500,
            default_user=door,
            default_change_reason=reden,
        )
        if soort == WijkSoort.WIJK:
            ouders.update((w.cbs_code, w) for w in _by_code([w.cbs_code for w in nieuw]))
            ouders.update((w.cbs_code, w) for w in gewijzigd)
    return list(betrokken.values())


def _by_code(codes) -> list[Wijk]:
    """The Wijk rows with these CBS codes, asked in chunks (SQLite limits the parameters)."""
    codes = sorted(codes)
    rows = []
    for start in range(0, len(codes), CHUNK):
        rows += Wijk.objects.select_related("gemeente").filter(
            cbs_code__in=codes[start : start + CHUNK]
        )
    return rows


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def _differs(wijk: Wijk, values: dict) -> bool:
    for name, value in values.items():
        current = getattr(wijk, "wijk_id" if name == "wijk" else name)
        new = value.pk if name == "wijk" and value is not None else value
        if current != new:
            return True
    return False


def _new_slug(text: str, taken: set[str]) -> str:
    """A free slug against the slugs taken so far (this import's too), which it joins."""
    slug = free_slug(
        text, taken, max_length=Wijk._meta.get_field("slug").max_length, fallback="wijk"
    )
    taken.add(slug)
    return slug


# Places in wijken ----------------------------------------------------------------------------


def _containing(points, point_gemeente, shapes, shape_gemeente) -> np.ndarray:
    """For each point the index of the shape of its own gemeente that contains it or has it on
    its boundary, -1 for none. Where several do (a point on the line between two buurten),
    the lowest index wins: the shapes come sorted by CBS code, so the lowest code."""
    none = len(shapes)
    best = np.full(len(points), none)
    if len(shapes) and len(points):
        tree = shapely.STRtree(shapes)
        point_index, shape_index = tree.query(points, predicate="intersects")
        same = point_gemeente[point_index] == shape_gemeente[shape_index]
        np.minimum.at(best, point_index[same], shape_index[same])
    best[best == none] = -1
    return best


def _save_assignments(updates: dict[int, tuple], *, door, reason=None) -> None:
    """Store the new (wijk, buurt) of each place in `updates`: one UPDATE per pair (a handful
    per buurt, where Django's bulk_update writes a CASE per row), then their history rows."""
    now = timezone.now()
    by_pair = defaultdict(list)
    for pk, pair in updates.items():
        by_pair[pair].append(pk)
    for (wijk_id, buurt_id), pks in by_pair.items():
        for start in range(0, len(pks), CHUNK):
            Locatie.objects.filter(pk__in=pks[start : start + CHUNK]).update(
                wijk_id=wijk_id, buurt_id=buurt_id, gewijzigd_op=now
            )
    ids = sorted(updates)
    locaties = []
    for start in range(0, len(ids), CHUNK):
        locaties += Locatie.objects.filter(pk__in=ids[start : start + CHUNK])
    Locatie.history.bulk_history_create(
        locaties,
        batch_size=CHUNK,
        update=True,
        default_user=door,
        default_change_reason=reason or _("Wijk en buurt bepaald uit de grenzen van CBS"),
        default_date=now,
    )


def _layers(gemeente_ids) -> tuple[list, dict]:
    """The boundaries of the wijken and buurten of `gemeente_ids`, sorted by CBS code, as
    (pk, soort, wijk_id, gemeente_id, boundary as JSON text) rows, and {buurt pk: its wijk}.
    Two queries; the boundaries come as the database's JSON text, read by shapely at once."""
    gebieden = list(
        Wijk.objects.filter(gemeente__in=gemeente_ids, grens__isnull=False)
        .annotate(grens_tekst=Cast("grens", output_field=TextField()))
        .order_by("cbs_code")
        .values_list("pk", "soort", "wijk_id", "gemeente_id", "grens_tekst")
    )
    buurt_wijk = dict(
        Wijk.objects.filter(gemeente__in=gemeente_ids, soort=WijkSoort.BUURT).values_list(
            "pk", "wijk_id"
        )
    )
    return gebieden, buurt_wijk


def _assignments(plekken, gebieden, buurt_wijk, *, strict: bool):
    """The point in polygon of `plekken` ((pk, gemeente_id, lat, lon, wijk_id, buurt_id)
    rows) against the boundaries of `_layers`. Returns (updates, outside): {pk: (wijk_id,
    buurt_id)} of the places whose wijk or buurt changes, and how many lie in no boundary.

    A place gets the buurt (and that buurt's wijk) whose boundary holds it, or, without such a
    buurt, the wijk whose boundary does (its buurt is kept only when it lies in that wijk). A
    place on the boundary between two areas gets the one with the lowest CBS code.

    Not `strict` (an import of boundaries, perhaps of part of a gemeente): a place inside no
    boundary keeps its wijk and buurt. `strict` (the place's own point was just set): where
    its gemeente has buurt boundaries and none holds it, it loses its buurt; where its
    gemeente has boundaries and none holds it, it loses its wijk too. A gemeente without any
    boundaries leaves the wijk and buurt as they are."""
    pk, gemeente, lat, lon, wijk, buurt = (
        np.array(column) for column in zip(*plekken, strict=True)
    )
    wijk = np.array([w or 0 for w in wijk])  # 0: none (no primary key is 0)
    buurt = np.array([b or 0 for b in buurt])
    points = shapely.points(lon.astype(float), lat.astype(float))

    def layer(soort):
        rows = [row for row in gebieden if row[1] == soort]
        shapes = shapely.from_geojson([row[4] for row in rows]) if rows else []
        return (
            np.array([row[0] for row in rows], dtype=np.int64),
            np.array([row[2] or 0 for row in rows], dtype=np.int64),
            np.array([row[3] for row in rows], dtype=np.int64),
            np.asarray(shapes),
        )

    buurt_pk, buurt_ouder, buurt_gemeente, buurt_shapes = layer(WijkSoort.BUURT)
    wijk_pk, _wijk_ouder, wijk_gemeente, wijk_shapes = layer(WijkSoort.WIJK)
    in_buurt = _containing(points, gemeente, buurt_shapes, buurt_gemeente)
    in_wijk = _containing(points, gemeente, wijk_shapes, wijk_gemeente)

    huidige_buurt_wijk = np.array([buurt_wijk.get(b, 0) for b in buurt.tolist()])
    wijk_match = np.where(in_wijk >= 0, wijk_pk[np.maximum(in_wijk, 0)] if len(wijk_pk) else 0, 0)
    outside = (in_buurt < 0) & (in_wijk < 0)
    kept_wijk, kept_buurt = wijk, buurt
    if strict:
        has_buurten = np.isin(gemeente, buurt_gemeente)
        has_any = has_buurten | np.isin(gemeente, wijk_gemeente)
        kept_wijk = np.where(has_any, 0, wijk)
        kept_buurt = np.where(has_any, 0, buurt)
    nieuwe_wijk = np.where(
        in_buurt >= 0,
        buurt_ouder[np.maximum(in_buurt, 0)] if len(buurt_pk) else 0,
        np.where(in_wijk >= 0, wijk_match, kept_wijk),
    )
    in_wijk_buurt = np.where(huidige_buurt_wijk == wijk_match, buurt, 0)
    if strict:
        in_wijk_buurt = np.where(has_buurten, 0, in_wijk_buurt)
    nieuwe_buurt = np.where(
        in_buurt >= 0,
        buurt_pk[np.maximum(in_buurt, 0)] if len(buurt_pk) else 0,
        np.where(in_wijk >= 0, in_wijk_buurt, kept_buurt),
    )
    changed = (nieuwe_wijk != wijk) | (nieuwe_buurt != buurt)
    updates = {
        int(p): (int(w) or None, int(b) or None)
        for p, w, b in zip(pk[changed], nieuwe_wijk[changed], nieuwe_buurt[changed], strict=True)
    }
    return updates, int(outside.sum())


def assign_wijken(gemeenten, *, door=None, only=None, reason=None) -> tuple[int, int]:
    """Give every place with coordinates in `gemeenten` the wijk and buurt whose boundaries
    hold it (see `_assignments`; a place inside no boundary keeps its wijk and buurt). Changes
    are recorded in the places' history, by `door`.

    With `only` (primary keys), just those places are looked at; `reason` replaces the
    history's default reason.

    Returns (number of places changed, number of places inside no boundary).
    """
    gemeente_ids = [gemeente.pk for gemeente in gemeenten]
    gebieden, buurt_wijk = _layers(gemeente_ids)
    plekken = list(
        Locatie.objects.filter(
            gemeente__in=gemeente_ids, latitude__isnull=False, longitude__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "gemeente_id", "latitude", "longitude", "wijk_id", "buurt_id")
    )
    if only is not None:
        only = set(only)
        plekken = [plek for plek in plekken if plek[0] in only]
    if not plekken:
        return 0, 0
    updates, buiten = _assignments(plekken, gebieden, buurt_wijk, strict=False)
    if updates:
        _save_assignments(updates, door=door, reason=reason)
    return len(updates), buiten


def assign_wijk(locatie) -> bool:
    """Set the wijk and buurt of `locatie` (in memory, not saved) from its coordinates, by the
    same point in polygon as `assign_wijken`, strictly: a place moved outside every buurt of
    its gemeente loses its buurt (and, outside every boundary, its wijk). A place without
    coordinates, or in a gemeente without boundaries, keeps what it has. Called by the pages
    and imports that write a place's point, before they save it (so one history row records
    the point and its wijk together). Two queries when there are coordinates, else none.
    Returns whether the wijk or buurt changed."""
    if locatie.latitude is None or locatie.longitude is None or not locatie.gemeente_id:
        return False
    gebieden, buurt_wijk = _layers([locatie.gemeente_id])
    if not gebieden:
        return False
    plek = (
        locatie.pk or 0,
        locatie.gemeente_id,
        locatie.latitude,
        locatie.longitude,
        locatie.wijk_id,
        locatie.buurt_id,
    )
    updates, _outside = _assignments([plek], gebieden, buurt_wijk, strict=True)
    if not updates:
        return False
    locatie.wijk_id, locatie.buurt_id = next(iter(updates.values()))
    return True
