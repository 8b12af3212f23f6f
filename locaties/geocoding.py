"""Where a resident searches from: what they typed (a postcode, a street and house number, a
place name) turned into a point, or the point their browser sent.

Text goes to PDOK's Locatieserver (free, no key) with a short timeout, and answers are cached.
Residents' sentences do not name PDOK (a name that means nothing to them): they say what was
searched, and when the address service could not help, what was searched instead.
When PDOK is unreachable or finds nothing, the registry's own addresses answer: a postcode
(or only its four digits), a street, or a place or gemeente where published places are, taken
as the middle of those places. Every outcome comes with one sentence for the resident saying
what was searched, or why nothing was.
"""

import hashlib
import logging
import re
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Min, Q
from django.utils.translation import gettext as _

from locaties import geo
from locaties.models import Locatie
from locaties.validators import NEDERLAND_LAT, NEDERLAND_LON

logger = logging.getLogger(__name__)

SOURCE_PDOK = "pdok"
SOURCE_REGISTER = "register"
SOURCE_DEVICE = "apparaat"

# Longer than any Dutch address; longer text is refused before it reaches PDOK or the cache.
MAX_QUERY_LENGTH = 120
# Kinds of PDOK documents a resident can mean; parcels and hectometre posts are left out.
PDOK_TYPES = "type:(adres OR postcode OR weg OR woonplaats OR gemeente)"
# Addresses do not move: a found point is kept a week, "not found" an hour, and after a
# failure PDOK is left alone for a minute so that every search does not wait for a timeout.
CACHE_FOUND_SECONDS = 7 * 24 * 3600
CACHE_NOT_FOUND_SECONDS = 3600
PDOK_PAUSE_SECONDS = 60
PDOK_PAUSE_KEY = "geocoding:pdok:paused"

POSTCODE_IN_TEXT = re.compile(r"\b([1-9][0-9]{3})\s?([A-Za-z]{2})\b")
PC4_IN_TEXT = re.compile(r"\b([1-9][0-9]{3})\b")
POINT_WKT = re.compile(r"POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)", re.IGNORECASE)
STREET_AND_NUMBER = re.compile(r"^(?P<straat>[^\d,]+?)\s*(?P<nummer>\d+)\s*[A-Za-z]?(?P<rest>.*)$")


@dataclass(frozen=True)
class SearchPoint:
    latitude: float
    longitude: float
    label: str  # what was found, e.g. "7311 AB Apeldoorn"
    source: str  # SOURCE_PDOK, SOURCE_REGISTER or SOURCE_DEVICE


@dataclass(frozen=True)
class Search:
    """A resident's search: the text to show back in the search box, the point to search
    around (None when there is none), and one sentence saying what was searched or why not."""

    text: str = ""
    point: SearchPoint | None = None
    notice: str = ""
    problem: bool = False  # the notice explains a failure or an approximation


class PdokUnavailable(Exception):
    pass


def resolve_search(*, q: str = "", lat: str = "", lon: str = "") -> Search:
    """The search of a request's `q`, `lat` and `lon` parameters. Text wins over a point:
    a resident who types a postcode means it, whatever an earlier search left behind."""
    text = " ".join((q or "").split())
    if text:
        return geocode(text)
    if (lat or "").strip() or (lon or "").strip():
        try:
            latitude, longitude = geo.parse_point(lat, lon)
        except ValidationError as error:
            return Search(
                notice=_("%(reden)s Vul een postcode, adres of plaatsnaam in.")
                % {"reden": error.messages[0]},
                problem=True,
            )
        point = SearchPoint(latitude, longitude, _("jouw locatie"), SOURCE_DEVICE)
        return Search(point=point, notice=_("Gezocht rond de plek waar je nu bent."))
    return Search()


def geocode(text: str) -> Search:
    """The point for a postcode, street and house number or place name, from PDOK or else
    from the registry, with the sentence that tells the resident which."""
    text = " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())
    if len(text) > MAX_QUERY_LENGTH:
        return Search(
            text=text[:MAX_QUERY_LENGTH],
            notice=_(
                "Je zoekopdracht is te lang. Vul een postcode (1234 AB), een straat met "
                "huisnummer of een plaatsnaam in."
            ),
            problem=True,
        )
    if not any(character.isalnum() for character in text):
        return Search(
            text=text,
            notice=_(
                "Vul een postcode (1234 AB), een straat met huisnummer of een plaatsnaam in."
            ),
            problem=True,
        )

    try:
        found = pdok_point(text)
    except PdokUnavailable:
        found, pdok_reason = None, _("We konden het adres nu niet opzoeken.")
    else:
        pdok_reason = _("We vonden geen adres bij „%(tekst)s”.") % {"tekst": text}
    if found:
        return Search(
            text=text,
            point=found,
            notice=_("Gezocht rond: %(plek)s.") % {"plek": found.label},
        )

    fallback = registry_point(text)
    if fallback:
        return Search(
            text=text,
            point=fallback,
            notice=_(
                "%(reden)s Daarom is gezocht rond %(plek)s: het midden van de plekken met "
                "dat adres in dit overzicht. De afstanden kloppen ongeveer."
            )
            % {"reden": pdok_reason, "plek": fallback.label},
            problem=True,
        )
    return Search(
        text=text,
        notice=_(
            "%(reden)s Ook in dit overzicht staat „%(tekst)s” niet. Probeer een woord (zoals "
            "koffie), een postcode (1234 AB), een straat met huisnummer en plaats, of een "
            "plaatsnaam. Hieronder staan alle plekken op naam."
        )
        % {"reden": pdok_reason, "tekst": text},
        problem=True,
    )


def pdok_point(text: str) -> SearchPoint | None:
    """PDOK's best match for `text`, None when it finds nothing, PdokUnavailable when it
    cannot be asked. Answers are cached in Django's cache (shared by all app servers)."""
    key = "geocoding:pdok:" + hashlib.sha256(text.lower().encode()).hexdigest()
    cached = cache.get_many([key, PDOK_PAUSE_KEY])
    if key in cached:
        return SearchPoint(**cached[key]) if cached[key] else None
    if PDOK_PAUSE_KEY in cached:
        raise PdokUnavailable
    try:
        found = _ask_pdok(text)
    except PdokUnavailable:
        cache.set(PDOK_PAUSE_KEY, True, PDOK_PAUSE_SECONDS)
        raise
    if found:
        cache.set(key, found.__dict__, CACHE_FOUND_SECONDS)
    else:
        cache.set(key, {}, CACHE_NOT_FOUND_SECONDS)
    return found


def _ask_pdok(text: str) -> SearchPoint | None:
    try:
        response = requests.get(
            settings.PDOK_LOCATIESERVER_URL,
            params={"q": text, "rows": 1, "fq": PDOK_TYPES},
            headers={"Accept": "application/json"},
            timeout=settings.GEOCODING_TIMEOUT,
        )
        response.raise_for_status()
        docs = response.json()["response"]["docs"]
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        logger.warning("PDOK Locatieserver unavailable: %s", error)
        raise PdokUnavailable from error
    if not isinstance(docs, list) or not docs or not isinstance(docs[0], dict):
        return None
    doc = docs[0]
    match = POINT_WKT.fullmatch(str(doc.get("centroide_ll", "")).strip())
    if not match:
        logger.warning("PDOK document without a usable centroide_ll: %r", doc.get("id"))
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    if not (
        NEDERLAND_LAT[0] <= latitude <= NEDERLAND_LAT[1]
        and NEDERLAND_LON[0] <= longitude <= NEDERLAND_LON[1]
    ):
        return None
    label = str(doc.get("weergavenaam") or text)
    return SearchPoint(latitude, longitude, label, SOURCE_PDOK)


def registry_point(text: str) -> SearchPoint | None:
    """The middle of the published places that match `text` by postcode (or its four
    digits), by street, or by place or gemeente; None when none match."""
    postcode = POSTCODE_IN_TEXT.search(text)
    pc4 = PC4_IN_TEXT.search(text)
    if postcode:
        full = f"{postcode.group(1)} {postcode.group(2).upper()}"
        return _middle(Q(postcode=full), full, " ") or _middle(
            Q(postcode__startswith=postcode.group(1)),
            _("postcodegebied %(pc4)s") % {"pc4": postcode.group(1)},
            " ",
        )
    if pc4 and pc4.group(0) == text.strip():
        return _middle(
            Q(postcode__startswith=pc4.group(1)),
            _("postcodegebied %(pc4)s") % {"pc4": pc4.group(1)},
            " ",
        )
    street = STREET_AND_NUMBER.match(text)
    if street:
        straat = street.group("straat").strip(" ,")
        plaats = street.group("rest").strip(" ,")
        where = Q(straat__iexact=straat)
        if plaats:
            where &= Q(plaats__iexact=plaats) | Q(gemeente__naam__iexact=plaats)
        return _middle(where, straat) or (_place(plaats) if plaats else None)
    return _place(text)


def _place(name: str) -> SearchPoint | None:
    return _middle(Q(plaats__iexact=name) | Q(gemeente__naam__iexact=name), None)


def _middle(where: Q, label: str | None, separator: str = ", ") -> SearchPoint | None:
    """The average position of the published places matching `where`, labelled with
    `label` and their place name ("7311 AB Apeldoorn", "Hoofdstraat, Apeldoorn")."""
    found = (
        Locatie.objects.openbaar()
        .filter(where, latitude__isnull=False)
        .order_by()
        .aggregate(
            latitude=Avg("latitude"),
            longitude=Avg("longitude"),
            aantal=Count("pk"),
            plaats=Min("plaats"),
        )
    )
    if not found["aantal"]:
        return None
    full_label = f"{label}{separator}{found['plaats']}" if label else found["plaats"]
    return SearchPoint(found["latitude"], found["longitude"], full_label, SOURCE_REGISTER)


# --- Staff entering an address --------------------------------------------------------------

ADDRESS_FIELDS = ("straat", "huisnummer", "huisnummer_toevoeging", "postcode", "plaats")


def locate_address(locatie, *, changed_fields=()) -> str:
    """Put `locatie` on the map from its address when staff left the coordinates empty, or
    changed the address without touching the coordinates. Returns one sentence for the person
    saying what happened (empty when nothing was looked up). PDOK being unreachable or finding
    nothing is said, never an error: the coordinates can always be entered by hand."""
    coordinates_given = locatie.latitude is not None and locatie.longitude is not None
    hand_placed = {"latitude", "longitude"} & set(changed_fields)
    address_changed = set(ADDRESS_FIELDS) & set(changed_fields)
    if coordinates_given and (hand_placed or not address_changed):
        return ""
    address = (
        f"{locatie.straat} {locatie.huisnummer_volledig}, {locatie.postcode} {locatie.plaats}"
    )
    try:
        point = pdok_point(address)
    except PdokUnavailable:
        return _(
            "De adreszoekdienst PDOK is nu niet bereikbaar, dus de locatie staat niet op de "
            "kaart. Vul de breedtegraad en lengtegraad zelf in, of probeer het later opnieuw."
        )
    if point is None:
        return _(
            "PDOK vond dit adres niet; controleer het adres of vul de breedtegraad en "
            "lengtegraad zelf in."
        )
    locatie.latitude, locatie.longitude = round(point.latitude, 6), round(point.longitude, 6)
    return _(
        "Op de kaart gezet bij ‘%(label)s’ (bron: PDOK). Klopt de punt niet precies? "
        "Pas de coördinaten aan."
    ) % {"label": point.label}
