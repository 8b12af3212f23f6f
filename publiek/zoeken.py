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
  finds "breiclub"), in the stored search document of each place and activity
  (publiek/zoekdocument.py: everything listed above in one GIN-indexed column, kept current
  by the database). Name, title and description alone, for the order, are matched on GIN
  indexes on the same expressions as `document` below.
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

from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    SearchVectorField,
    TrigramWordDistance,
)
from django.db import connection, connections
from django.db.models import (
    Case,
    Exists,
    Expression,
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Lower
from django.utils.translation import gettext as _

from activiteiten.constants import Categorie
from activiteiten.models import Activiteit, Occurrence
from locaties import geo, geocoding
from locaties.constants import DoelgroepCode, LocatieSoort, VoorzieningCode
from locaties.models import Locatie, Samenwerking
from partners.models import Gemeente, Partner
from publiek import zoekdocument

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


# At most this many places are counted: "meer dan 500 plekken" says enough, and counting
# every one of 24 000 places that serve a meal costs more than the rest of the search.
MAX_AANTAL = 500


class Zoekdocument(Expression):
    """The stored search document (publiek/zoekdocument.py) of the rows of the queryset it is
    used in: `locaties_locatie.zoekdocument` or `activiteiten_activiteit.zoekdocument`.
    PostgreSQL only; the column is no model field, so it is written next to the primary key
    of the same table alias."""

    def __init__(self):
        super().__init__(output_field=SearchVectorField())
        self.pk_col = F("pk")

    def get_source_expressions(self):
        return [self.pk_col]

    def set_source_expressions(self, exprs):
        (self.pk_col,) = exprs

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        resolved = self.copy()
        resolved.pk_col = self.pk_col.resolve_expression(
            query, allow_joins, reuse, summarize, for_save
        )
        return resolved

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(self.pk_col.alias)
        return f"{alias}.{connection.ops.quote_name(zoekdocument.COLUMN)}", []


def _in_document(queryset: QuerySet, woorden) -> QuerySet:
    """`queryset` narrowed to rows whose stored search document has every word."""
    return queryset.alias(_zoekdocument=Zoekdocument()).filter(_zoekdocument=_tsquery(woorden))


def filter_locaties(locaties: QuerySet, woorden) -> QuerySet:
    """`locaties` narrowed to those every word matches: on PostgreSQL their stored search
    document, on SQLite each word's own match (`locaties_met_woord`)."""
    if _is_postgres():
        return _in_document(locaties, woorden)
    for woord in woorden:
        locaties = locaties.filter(pk__in=locaties_met_woord(woord))
    return locaties


def _past(queryset: QuerySet, woorden, veld: str, tekst: tuple[str, ...]) -> QuerySet:
    """`queryset` with `veld`: 2 when `tekst[0]` (the name or title) has every word, 1 when
    all of `tekst` together have them, else 0 (the words are in what is around it). On
    PostgreSQL the texts of each row are matched as they are read (used on a page of rows);
    on SQLite through the word matches of `_tekst`."""
    delen = [(2, tekst[:1])] + ([(1, tekst)] if len(tekst) > 1 else [])
    when = []
    for past, velden in delen:
        if _is_postgres():
            alias = f"_{veld}_{past}"
            queryset = queryset.alias(**{alias: document(*velden)})
            when.append(When(Q(**{alias: _tsquery(woorden)}), then=Value(past)))
        else:
            ids = _tekst(queryset.model.objects.all(), velden, woorden).values("pk")
            when.append(When(pk__in=ids, then=Value(past)))
    return queryset.annotate(**{veld: Case(*when, default=Value(0), output_field=IntegerField())})


def _op_relevantie_ids(
    queryset: QuerySet,
    gevonden: QuerySet,
    woorden,
    tekst: tuple[str, ...],
    start: int,
    stop: int,
    *,
    veel: bool | None = None,
) -> RawSQL:
    """On PostgreSQL: SQL for the ids of rows `start` to `stop` of `gevonden` (`queryset`
    narrowed to the words) in order of relevance — those of `queryset` whose `tekst[0]` (the
    name or title) has every word first, then those whose `tekst` together have them, then
    the rest of `gevonden`, each group by `tekst[0]`.

    Each group is its own query that stops at `stop` rows. The groups overlap (a name match
    is a text match and a document match); a row counts with its best group, and a row
    beyond `stop` in its own group cannot be among the first `stop` of all, so nothing is
    missed. The text groups are sorted after their GIN index found them (`naam || ''` is no
    index order): walking the names in order and computing each name's words until 20 match
    takes the whole table for a word no name has. The document group may walk the name
    index when the words are common (`veel`: more than MAX_AANTAL matches; None when not
    counted), because checking a stored document is a column read."""
    orde = tekst[0]
    groepen = [(2, _tekst(queryset, tekst[:1], woorden), False)]
    if len(tekst) > 1:
        groepen.append((1, _tekst(queryset, tekst, woorden), False))
    groepen.append((0, gevonden, veel is not False))
    delen, params = [], []
    for past, deel, index_volgorde in groepen:
        volgorde = F(orde) if index_volgorde else Concat(orde, Value(""))
        deel = deel.annotate(_orde=volgorde).order_by("_orde", "pk")
        sql, deel_params = deel.values_list("pk", orde)[:stop].query.sql_with_params()
        delen.append(f"SELECT d0, d1, {past} AS past FROM ({sql}) AS deel (d0, d1)")
        params.extend(deel_params)
    sql = (
        f"SELECT d0 FROM ({' UNION ALL '.join(delen)}) AS groepen "
        f"GROUP BY d0, d1 ORDER BY max(past) DESC, d1, d0 "
        f"LIMIT {int(stop - start)} OFFSET {int(start)}"
    )
    return RawSQL(sql, params)


class OpRelevantie:
    """The places of `locaties` that every word matches, in order of relevance: the words in
    the name first, then in name and description, then the rest, each group by name. A
    sequence Django's Paginator can page through: `count()` stops at MAX_AANTAL (`afgekapt`
    says there are more; the pages show the first MAX_AANTAL), and each slice is one query."""

    ordered = True

    def __init__(self, locaties: QuerySet, woorden, *, max_aantal: int | None = None):
        self.locaties = locaties
        self.woorden = tuple(woorden)
        self.max_aantal = MAX_AANTAL if max_aantal is None else max_aantal
        self._count = None

    @property
    def gevonden(self) -> QuerySet:
        return filter_locaties(self.locaties, self.woorden)

    def count(self) -> int:
        """The number of places, at most MAX_AANTAL: the pages go no further."""
        if self._count is None:
            self._count = self.gevonden.order_by()[: self.max_aantal + 1].count()
        return min(self._count, self.max_aantal)

    @property
    def afgekapt(self) -> bool:
        """Whether more places than MAX_AANTAL match ("meer dan 500")."""
        self.count()
        return self._count > self.max_aantal

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("OpRelevantie supports plain slices only")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        if stop <= start:
            return []
        tekst = ("naam", "omschrijving")
        if _is_postgres():
            # The ids of the slice by relevance, then those rows with their group again
            # (three small text matches on at most `stop - start` rows) to put them in order.
            veel = None if self._count is None else self._count > self.max_aantal
            ids = _op_relevantie_ids(
                self.locaties, self.gevonden, self.woorden, tekst, start, stop, veel=veel
            )
            rijen = _past(self.locaties.filter(pk__in=ids), self.woorden, "past", tekst)
            return list(rijen.order_by("-past", "naam", "pk"))
        rijen = _past(self.gevonden, self.woorden, "past", tekst)
        return list(rijen.order_by("-past", "naam", "pk")[start:stop])


def op_relevantie(locaties: QuerySet, woorden) -> OpRelevantie:
    """Places every word matches, those whose name has the words first (OpRelevantie)."""
    return OpRelevantie(locaties, woorden)


def _activiteiten_met_woorden(activiteiten: QuerySet, woorden) -> QuerySet:
    """`activiteiten` narrowed to those every word matches: on PostgreSQL their stored search
    document, on SQLite each word's own match (`activiteiten_met_woord`)."""
    if _is_postgres():
        return _in_document(activiteiten, woorden)
    for woord in woorden:
        activiteiten = activiteiten.filter(pk__in=activiteiten_met_woord(woord))
    return activiteiten


def filter_activiteiten(activiteiten: QuerySet, woorden) -> QuerySet:
    """`activiteiten` narrowed to those every word matches, with `titel_past` (2 when the
    title has every word, else 0)."""
    return _past(
        _activiteiten_met_woorden(activiteiten, woorden), woorden, "titel_past", ("titel",)
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
    if _is_postgres():
        return all(_in_document(Locatie.objects.all(), [woord]).exists() for woord in woorden)
    return all(locaties_met_woord(woord)[:1].exists() for woord in woorden)


# The activities most relevant to the words, public or not, from which the first public ones
# with a date to come are taken (see `gevonden_activiteiten`).
KANDIDATEN = 100


def gevonden_activiteiten(
    woorden, *, today, point=None, binnen: QuerySet | None = None, limit: int = 10
) -> list[Activiteit]:
    """The first `limit` public activities every word matches that still have a date to come,
    each with `volgende_begin` and `volgende_einde` (its next stored date that is not
    cancelled), its place and organiser. Nearest first when there is a point, else those with
    the words in their title first, then by title. `binnen` narrows to places of a filtered
    list.

    One query; on PostgreSQL without a point two: the ids of the KANDIDATEN activities most
    relevant to the words, public or not (`_op_relevantie_ids`: no joins, no sorting of every
    match), then the first `limit` of those that are public and have a date to come. Only
    when all KANDIDATEN came back and fewer than `limit` qualify may the candidates have run
    out, and a third query asks all matches."""
    volgende = Occurrence.objects.filter(
        activiteit=OuterRef("pk"), datum__gte=today, vervalt=False
    ).order_by("datum", "begin")
    activiteiten = Activiteit.objects.openbaar().filter(Exists(volgende))
    if binnen is not None:
        activiteiten = activiteiten.filter(locatie__in=binnen.values("pk"))

    def lijst(activiteiten: QuerySet) -> list[Activiteit]:
        activiteiten = (
            _past(activiteiten, woorden, "titel_past", ("titel",))
            .select_related("locatie", "locatie__gemeente", "organisator")
            .annotate(
                volgende_begin=Subquery(volgende.values("begin")[:1]),
                volgende_einde=Subquery(volgende.values("einde")[:1]),
            )
        )
        if point is None:
            return list(activiteiten.order_by("-titel_past", "titel", "pk")[:limit])
        activiteiten = activiteiten.annotate(
            afstand_m=geo.distance_expression(point.latitude, point.longitude, via="locatie__")
        ).order_by(F("afstand_m").asc(nulls_last=True), "-titel_past", "titel", "pk")
        gevonden = list(activiteiten[:limit])
        for activiteit in gevonden:
            if activiteit.afstand_m is not None:
                activiteit.afstand = geo.format_distance(activiteit.afstand_m)
        return gevonden

    if point is None and _is_postgres():
        alle = Activiteit.objects.all()
        ids = _op_relevantie_ids(
            alle, _activiteiten_met_woorden(alle, woorden), woorden, ("titel",), 0, KANDIDATEN
        )
        # Plain ids on a cursor of the database the queryset reads from (a replica for
        # anonymous visitors): a hundred model instances only to read their keys cost more
        # than the query.
        with connections[alle.db].cursor() as cursor:
            cursor.execute(f"SELECT d0 FROM ({ids.sql}) AS k", ids.params)
            kandidaten = [row[0] for row in cursor.fetchall()]
        if not kandidaten:
            return []
        gevonden = lijst(activiteiten.filter(pk__in=kandidaten))
        if len(gevonden) == limit or len(kandidaten) < KANDIDATEN:
            return gevonden
    return lijst(_activiteiten_met_woorden(activiteiten, woorden))
