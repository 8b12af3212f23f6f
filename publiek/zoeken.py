"""Searching public places and activities by word, alone or with a postcode or place.

A resident types one line: "computerles", "Heel Europa", "breien zeist", "spreekuur 7311".
`lees` splits it into the words to look for and the part that says where (a postcode, the four
digits of one, a place or gemeente name, or a street with a house number); the words filter,
the place sorts by distance (locaties/geocoding.py finds its point).

A word matches a place when it is in the place's name or description, its kind, facilities,
target groups or accessibility, the name of an organisation that works there, or an activity
held there; it matches an activity when it is in the title or description, the category, the
target groups, the organiser's name or the name of its place. Every word must match (AND).
Labels of choices (kind, category, facilities, target groups) are matched in Python against
their Dutch and current-language labels and become a filter on the stored codes.

Texts are matched per database:
- PostgreSQL: full-text search with the `ontmoeting_nl` configuration (Dutch stemming with
  accents removed first, made by publiek/migrations/0001), each word as a prefix (`brei:*`
  finds "breiclub"), on GIN indexes on the same expressions as the queries below.
- SQLite: whole words with accents and case folded by `ontmoeting_fold` (a Python function
  registered on each SQLite connection, see publiek/apps.py), a word matching the start of a
  word, and a simple plural rule (maaltijden → maaltijd).

A typo ("computreles") is corrected only when nothing matches: the closest word in the titles
and names nearest to it (trigram distance on a GiST index on PostgreSQL) or in the labels, and
the resident is told what was searched instead.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramWordDistance
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from activiteiten.constants import Categorie
from activiteiten.models import Activiteit, Occurrence
from locaties import geo, geocoding
from locaties.constants import DoelgroepCode, LocatieSoort, VoorzieningCode
from locaties.models import Locatie, Samenwerking
from partners.models import Gemeente, Partner

# The text search configuration made by publiek/migrations/0001_search_indexes: Dutch
# stemming after unaccent, so "café" and "cafe", "maaltijden" and "maaltijd" meet.
CONFIG = "ontmoeting_nl"
# Function registered on SQLite connections (publiek/apps.py): folded words between spaces.
FOLD_FUNCTION = "ontmoeting_fold"

# Words that say nothing on their own: PostgreSQL's Dutch stop words (an empty tsquery
# would match nothing), plus a few a resident adds to a question.
STOPWOORDEN = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere waar wanneer welke ergens buurt""".split()
)
MAX_WOORDEN = 6
POSTCODE = re.compile(r"\b([1-9][0-9]{3})\s?([a-zA-Z]{2})\b")
PC4 = re.compile(r"\b[1-9][0-9]{3}\b")
# A typo is corrected to a word at least this similar (difflib's ratio, 0 to 1).
TYPO_RATIO = 0.75
TYPO_CANDIDATES = 8

# Accessibility fields a word can ask for: the word's start → the field that must be True.
TOEGANKELIJKHEID = {
    "rolstoel": "rolstoeltoegankelijk",
    "rolstoeltoegankelijk": "rolstoeltoegankelijk",
    "toegankelijk": "rolstoeltoegankelijk",
    "invalidentoilet": "aangepast_toilet",
    "toilet": "aangepast_toilet",
    "ringleiding": "ringleiding",
    "gehoor": "ringleiding",
    "prikkelarm": "prikkelarme_ruimte",
    "parkeren": "gehandicaptenparkeerplaats",
}


def fold(text: str) -> str:
    """Lower case without accents: "Café" → "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def woorden_van(text: str) -> list[str]:
    """The folded words of a text: "PostNL-punt, café" → ["postnl", "punt", "cafe"]."""
    return re.findall(r"[0-9a-z]+", fold(text))


def folded_words(text: str | None) -> str:
    """The SQLite function `ontmoeting_fold`: the folded words of a text between spaces, so
    that `LIKE '% woord%'` finds a word's start and nothing inside a word."""
    return " " + " ".join(woorden_van(text or "")) + " "


def stam(woord: str) -> str:
    """A simple Dutch plural rule for SQLite and for labels: maaltijden → maaltijd, breien →
    brei, spelletjes → spelletje. A stem is matched as the start of a word."""
    if len(woord) > 5 and woord.endswith("en"):
        return woord[:-2]
    if len(woord) > 4 and woord.endswith("s"):
        return woord[:-1]
    return woord


@dataclass(frozen=True)
class Zoekvraag:
    """What a resident typed, split: the words to look for and where to look from."""

    tekst: str = ""
    woorden: tuple[str, ...] = ()
    plek: str = ""  # a postcode, place name or address for geocoding; "" for none


def lees(tekst: str) -> Zoekvraag:
    """Split a search line into words and a place. A postcode (1234 AB or 1234) and the name of
    a place or gemeente with public places are the place; a remaining number means a street
    and house number, so the whole line is an address. Two small queries on indexed names."""
    tekst = " ".join((tekst or "").split())
    if not tekst:
        return Zoekvraag()
    plek_delen = []
    rest = tekst
    postcode = POSTCODE.search(rest) or PC4.search(rest)
    if postcode:
        plek_delen.append(postcode.group(0))
        rest = rest[: postcode.start()] + " " + rest[postcode.end() :]
    woorden = woorden_van(rest)
    if any(w.isdigit() for w in woorden):
        return Zoekvraag(tekst=tekst, plek=tekst)
    plaatsnaam = _plaatsnaam(woorden)
    if plaatsnaam:
        plek_delen.append(plaatsnaam)
        woorden = _zonder(woorden, woorden_van(plaatsnaam))
    woorden = [w for w in dict.fromkeys(woorden) if len(w) > 1 and w not in STOPWOORDEN]
    return Zoekvraag(tekst=tekst, woorden=tuple(woorden[:MAX_WOORDEN]), plek=" ".join(plek_delen))


def _zonder(woorden: list[str], weg: list[str]) -> list[str]:
    for index in range(len(woorden) - len(weg) + 1):
        if woorden[index : index + len(weg)] == weg:
            return woorden[:index] + woorden[index + len(weg) :]
    return woorden


def _plaatsnaam(woorden: list[str]) -> str:
    """The longest run of words (up to three) that is the name of a place or gemeente in the
    registry, as written there; "" when none is."""
    kandidaten = {
        " ".join(woorden[i : i + n])
        for n in (3, 2, 1)
        for i in range(len(woorden) - n + 1)
        if not any(w.isdigit() for w in woorden[i : i + n])
    }
    if not kandidaten:
        return ""
    gevonden = list(
        Gemeente.objects.alias(sleutel=Lower("naam"))
        .filter(sleutel__in=kandidaten)
        .values_list("naam", flat=True)
    ) + list(
        Locatie.objects.openbaar()
        .alias(sleutel=Lower("plaats"))
        .filter(sleutel__in=kandidaten)
        .order_by()
        .values_list("plaats", flat=True)
        .distinct()[:10]
    )
    return max(gevonden, key=lambda naam: (len(naam), naam), default="")


# --- Matching one word ---------------------------------------------------------------------


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def document(*velden: str) -> SearchVector:
    """The text of `velden` as PostgreSQL searches it. publiek/migrations/0001 indexes these
    very expressions: places (naam, omschrijving) and (naam), activities (titel, omschrijving)
    and (titel), organisations (naam). No weights: a weight in the query would make
    PostgreSQL recompute every matched row's text to check it."""
    return SearchVector(*velden, config=CONFIG)


# A word this long also finds longer words it starts ("brei" in "breiclub"); a shorter one only
# itself, or "heel" (stem "hel") would find every "helpen".
PREFIX_FROM = 5


def _tsquery(woorden) -> SearchQuery:
    """All words required, a long one as a prefix: 'maaltijden' → to_tsquery('maaltijden:*')
    → 'maaltijd':* after stemming. Words are [0-9a-z]+ (see `woorden_van`), safe in raw
    syntax."""
    termen = [f"{w}:*" if len(w) >= PREFIX_FROM else w for w in woorden]
    return SearchQuery(" & ".join(termen), config=CONFIG, search_type="raw")


class _Fold(Func):
    function = FOLD_FUNCTION
    output_field = TextField()


def _tekst(queryset: QuerySet, velden: tuple[str, ...], woorden) -> QuerySet:
    """`queryset` narrowed to rows whose `velden` together have every word: on PostgreSQL the
    indexed `document` against a prefix tsquery; on SQLite each word's stem at the start of a
    word of one of the fields."""
    if _is_postgres():
        return queryset.alias(_document=document(*velden)).filter(_document=_tsquery(woorden))
    aliases = {f"_fold_{veld}": _Fold(F(veld)) for veld in velden}
    queryset = queryset.alias(**aliases)
    for woord in woorden:
        queryset = queryset.filter(
            reduce(
                lambda a, b: a | b,
                [Q(**{f"{alias}__contains": _sqlite_woord(woord)}) for alias in aliases],
            )
        )
    return queryset


def _sqlite_woord(woord: str) -> str:
    """What LIKE looks for in folded words: a long word's stem at a word's start, a short
    word whole (see PREFIX_FROM)."""
    return f" {stam(woord)}" if len(woord) >= PREFIX_FROM else f" {woord} "


def _codes(keuzes, woord: str) -> list[str]:
    """Codes of `keuzes` whose label (Dutch or the active language) or code has a word that
    starts with the word's stem: "maaltijden" → Categorie.MAALTIJD."""
    stem = stam(woord)
    found = []
    for code, label in keuzes.choices:
        words = woorden_van(f"{code.replace('_', ' ')} {label}")
        with_dutch = woorden_van(str(_dutch(label)))
        if any(w.startswith(stem) for w in words + with_dutch):
            found.append(code)
    return found


def _dutch(label):
    from django.utils import translation

    with translation.override("nl"):
        return str(label)


def _toegankelijkheid(woord: str) -> list[str]:
    return sorted(
        {veld for begin, veld in TOEGANKELIJKHEID.items() if begin.startswith(stam(woord))}
    )


def _partners(woord: str) -> QuerySet:
    return _tekst(Partner.objects.all(), ("naam",), [woord]).values("pk")


def activiteiten_met_woord(woord: str) -> QuerySet:
    """Ids of public activities the word matches (see the module's docstring)."""
    openbaar = Activiteit.objects.openbaar()
    delen = [
        _tekst(openbaar, ("titel", "omschrijving"), [woord]).values("pk"),
        openbaar.filter(organisator__in=_partners(woord)).values("pk"),
        openbaar.filter(
            locatie__in=_tekst(Locatie.objects.all(), ("naam",), [woord]).values("pk")
        ).values("pk"),
    ]
    categorieen = _codes(Categorie, woord)
    if categorieen:
        delen.append(openbaar.filter(categorie__in=categorieen).values("pk"))
    doelgroepen = _codes(DoelgroepCode, woord)
    if doelgroepen:
        delen.append(
            Activiteit.doelgroepen.through.objects.filter(doelgroep_id__in=doelgroepen).values(
                "activiteit_id"
            )
        )
    return _union(delen)


def locaties_met_woord(woord: str) -> QuerySet:
    """Ids of places the word matches (see the module's docstring); the caller narrows to
    public places."""
    alle = Locatie.objects.all()
    delen = [
        _tekst(alle, ("naam", "omschrijving"), [woord]).values("pk"),
        Samenwerking.objects.filter(partner__in=_partners(woord)).values("locatie_id"),
        Activiteit.objects.openbaar()
        .filter(
            pk__in=_tekst(Activiteit.objects.all(), ("titel", "omschrijving"), [woord]).values(
                "pk"
            )
        )
        .values("locatie_id"),
    ]
    soorten = _codes(LocatieSoort, woord)
    if soorten:
        delen.append(alle.filter(soort__in=soorten).values("pk"))
    voorzieningen = _codes(VoorzieningCode, woord)
    if voorzieningen:
        delen.append(
            Locatie.voorzieningen.through.objects.filter(voorziening_id__in=voorzieningen).values(
                "locatie_id"
            )
        )
    doelgroepen = _codes(DoelgroepCode, woord)
    if doelgroepen:
        delen.append(
            Locatie.doelgroepen.through.objects.filter(doelgroep_id__in=doelgroepen).values(
                "locatie_id"
            )
        )
    categorieen = _codes(Categorie, woord)
    if categorieen:
        delen.append(
            Activiteit.objects.openbaar().filter(categorie__in=categorieen).values("locatie_id")
        )
    for veld in _toegankelijkheid(woord):
        delen.append(alle.filter(**{veld: True}).values("pk"))
    return _union(delen)


def _union(delen: list[QuerySet]) -> QuerySet:
    """One id list from several, duplicates left in (models' default orderings dropped: SQL
    allows no ORDER BY in the parts of a UNION)."""
    delen = [deel.order_by() for deel in delen]
    # UNION ALL: `pk IN (…)` removes duplicates itself, and a plain UNION would sort or hash
    # every id first.
    return delen[0].union(*delen[1:], all=True)


# --- Searching ------------------------------------------------------------------------------


def filter_locaties(locaties: QuerySet, woorden) -> QuerySet:
    """`locaties` narrowed to those every word matches, with `past` to order by: 2 when the
    name has every word, 1 when name and description together have them, else 0 (the words
    are in its facilities, partners or activities)."""
    for woord in woorden:
        locaties = locaties.filter(pk__in=locaties_met_woord(woord))
    alle = Locatie.objects.all()
    in_naam = _tekst(alle, ("naam",), woorden)
    in_tekst = _tekst(alle, ("naam", "omschrijving"), woorden)
    return locaties.annotate(
        past=Case(
            When(pk__in=in_naam.values("pk"), then=Value(2)),
            When(pk__in=in_tekst.values("pk"), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def op_relevantie(locaties: QuerySet) -> QuerySet:
    """Places whose name has the words first, then those whose description has them, each
    group by name."""
    return locaties.order_by("-past", "naam", "pk")


def filter_activiteiten(activiteiten: QuerySet, woorden) -> QuerySet:
    """`activiteiten` narrowed to those every word matches, with `titel_past` (1 when the
    title has every word)."""
    for woord in woorden:
        activiteiten = activiteiten.filter(pk__in=activiteiten_met_woord(woord))
    titel = _tekst(Activiteit.objects.all(), ("titel",), woorden).values("pk")
    return activiteiten.annotate(
        titel_past=Case(
            When(pk__in=titel, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


@dataclass
class Verbetering:
    """Words corrected after nothing matched: {typed: searched}."""

    woorden: tuple[str, ...]
    vervangen: dict[str, str] = field(default_factory=dict)

    @property
    def melding(self) -> str:
        if not self.vervangen:
            return ""
        fout = ", ".join(f"„{woord}”" for woord in self.vervangen)
        goed = ", ".join(f"„{woord}”" for woord in self.vervangen.values())
        return _("Niets gevonden met %(fout)s. Daarom is gezocht op %(goed)s.") % {
            "fout": fout,
            "goed": goed,
        }


def verbeter(woorden) -> Verbetering:
    """The words with each typo replaced by the closest word in the registry's titles, names
    and labels (difflib ratio ≥ TYPO_RATIO). Two queries: the titles and the names nearest
    to the words (by trigram word distance on PostgreSQL's GiST index; all of them on SQLite,
    whose registries are small)."""
    vervangen = {}
    for woord in woorden:
        kandidaten = set(_label_woorden())
        kandidaten.update(_woorden_dichtbij(woord))
        beste = difflib.get_close_matches(woord, kandidaten, n=1, cutoff=TYPO_RATIO)
        if beste and beste[0] != woord:
            vervangen[woord] = beste[0]
    return Verbetering(woorden=tuple(vervangen.get(w, w) for w in woorden), vervangen=vervangen)


def _label_woorden() -> set[str]:
    words = set()
    for keuzes in (Categorie, LocatieSoort, VoorzieningCode, DoelgroepCode):
        for _code, label in keuzes.choices:
            words.update(woorden_van(str(_dutch(label))))
    words.update(TOEGANKELIJKHEID)
    return {w for w in words if len(w) > 3}


def _woorden_dichtbij(woord: str) -> set[str]:
    titels = Activiteit.objects.openbaar()
    namen = Locatie.objects.openbaar()
    if _is_postgres():
        titels = titels.annotate(_afstand=TrigramWordDistance(Value(woord), "titel")).order_by(
            "_afstand"
        )[:TYPO_CANDIDATES]
        namen = namen.annotate(_afstand=TrigramWordDistance(Value(woord), "naam")).order_by(
            "_afstand"
        )[:TYPO_CANDIDATES]
    words = set()
    for text in list(titels.values_list("titel", flat=True)) + list(
        namen.values_list("naam", flat=True)
    ):
        words.update(w for w in woorden_van(text) if len(w) > 3)
    return words


@dataclass(frozen=True)
class Zoekopdracht:
    """A resolved search: the words that filter (after typo correction), the point and sentence
    of locaties/geocoding.py for where, and one sentence about the words."""

    search: geocoding.Search
    woorden: tuple[str, ...] = ()
    woord_melding: str = ""

    @property
    def point(self):
        return self.search.point


def zoek(*, q: str = "", lat: str = "", lon: str = "") -> Zoekopdracht:
    """The search of a request's `q`, `lat` and `lon`: words, a place, or both. Words that
    match nothing are corrected when a close word exists; when they still match nothing and no
    place was named, the whole line is taken as an address (a street, a town elsewhere)."""
    vraag = lees(q)
    if not vraag.tekst:
        return Zoekopdracht(search=geocoding.resolve_search(lat=lat, lon=lon))
    if len(vraag.tekst) > geocoding.MAX_QUERY_LENGTH or not (vraag.woorden or vraag.plek):
        return Zoekopdracht(search=geocoding.geocode(vraag.tekst))
    woorden, woord_melding = vraag.woorden, ""
    if woorden and not _iets_gevonden(woorden):
        verbetering = verbeter(woorden)
        if verbetering.vervangen and _iets_gevonden(verbetering.woorden):
            woorden, woord_melding = verbetering.woorden, verbetering.melding
        elif not vraag.plek:
            return Zoekopdracht(search=geocoding.geocode(vraag.tekst))
        else:
            woord_melding = _("Niets gevonden met %(woorden)s.") % {
                "woorden": ", ".join(f"„{w}”" for w in woorden)
            }
            woorden = ()
    if not vraag.plek:
        return Zoekopdracht(
            search=geocoding.Search(text=vraag.tekst), woorden=woorden, woord_melding=woord_melding
        )
    search = geocoding.geocode(vraag.plek)
    return Zoekopdracht(
        search=replace(search, text=vraag.tekst), woorden=woorden, woord_melding=woord_melding
    )


def _iets_gevonden(woorden) -> bool:
    """Whether every word is somewhere in the registry: one query a word, each stopping at the
    first id found (a word only in records that are not public counts as found: then nothing
    is shown, and nothing is corrected)."""
    return all(locaties_met_woord(woord)[:1].exists() for woord in woorden)


def gevonden_activiteiten(
    woorden, *, today, point=None, binnen: QuerySet | None = None, limit: int = 10
) -> list[Activiteit]:
    """The first `limit` public activities every word matches that still have a date to come,
    each with `volgende_begin` and `volgende_einde` (its next stored date that is not
    cancelled), its place and organiser. Nearest first when there is a point, else those with
    the words in their title first, then by title. `binnen` narrows to places of a filtered
    list. One query."""
    volgende = Occurrence.objects.filter(
        activiteit=OuterRef("pk"), datum__gte=today, vervalt=False
    ).order_by("datum", "begin")
    activiteiten = filter_activiteiten(Activiteit.objects.openbaar(), woorden).filter(
        Exists(volgende)
    )
    if binnen is not None:
        activiteiten = activiteiten.filter(locatie__in=binnen.values("pk"))
    activiteiten = activiteiten.select_related(
        "locatie", "locatie__gemeente", "organisator"
    ).annotate(
        volgende_begin=Subquery(volgende.values("begin")[:1]),
        volgende_einde=Subquery(volgende.values("einde")[:1]),
    )
    if point is not None:
        activiteiten = activiteiten.annotate(
            afstand_m=geo.distance_expression(point.latitude, point.longitude, via="locatie__")
        ).order_by(F("afstand_m").asc(nulls_last=True), "-titel_past", "titel", "pk")
    else:
        activiteiten = activiteiten.order_by("-titel_past", "titel", "pk")
    gevonden = list(activiteiten[:limit])
    for activiteit in gevonden:
        if getattr(activiteit, "afstand_m", None) is not None:
            activiteit.afstand = geo.format_distance(activiteit.afstand_m)
    return gevonden
