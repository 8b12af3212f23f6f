"""The resident pages that show places and activities together: the home page, a place's
page, a wijk's page, and the accessibility and privacy statements. Each view writes and pins
its own queries; what "public" means comes from the model layer (`openbaar()`)."""

import datetime as dt
import functools
import hashlib
import json
import time
from html import escape  # the standard library's: Django's is lazy-aware and slower
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activiteiten import agenda
from activiteiten import jsonld as event_jsonld
from activiteiten.models import Activiteit, Occurrence
from kern.paginering import page_or_nearest
from locaties import currency, geo, geocoding, jsonld, opening
from locaties.constants import LocatieSoort, SamenwerkingRol, WijkSoort
from locaties.filters import LocatieFilter
from locaties.models import (
    Locatie,
    LocatieQuerySet,
    Openingstijd,
    Samenwerking,
    Sluiting,
    Wijk,
    openbaar_adres_van,
)
from partners.models import Gemeente
from partners.permissions import active_samenwerking
from publiek import zoeken

WEEK_HIGHLIGHTS = 12
NEAREST_ON_HOME = 5
# After a search the week's highlights come from places within this distance, by a box on
# the places' indexed coordinates (its corners reach a little further); the whole registry's
# highlights when nothing is on nearby.
NEARBY_ACTIVITIES_M = 5_000
# A place's page shows its activities of the coming four weeks, the first week open.
PLACE_WEEKS = 4
# A place page's description and address are cached, keyed on the place's last change; this
# bounds how old they may be for what is edited as a record of its own (a wijk's name, say).
PLACE_FRAGMENT_SECONDS = 300
# ... and the rest (hours, support, programme, partners), keyed on the day and the activities'
# last change too: this bounds how old it may be for a date called off or moved, or a partner's
# role (no longer than a shared cache may keep the page).
PLACE_AGENDA_SECONDS = 60


# --- Finding a place and an activity: the list with search and filters, and its map data ----

PER_PAGE = 20
# Activities that match the words, shown above the places on the list's first page.
ACTIVITIES_IN_LIST = 10
ACTIVITIES_ON_HOME = 5
MAP_FEATURE_LIMIT = 2000
MAP_CACHE_SECONDS = 300
# Request parameters that are not filters; everything else the filter form reads.
SEARCH_PARAMETERS = ("q", "lat", "lon")
# The list's number of places found, its cards and its rendered filter form are cached, keyed
# on the search, the filters and the registry's latest change (`registry_stamp`); these bound
# how old they may be for changes the stamp does not see (an activity, hours for "nu open", a
# wijk): no longer than a shared cache may keep the whole page (PUBLIC_CACHE_MAX_AGE).
LIST_COUNT_SECONDS = 60
LIST_FILTERS_SECONDS = 300
# The columns a result card shows (`result_cards`).
CARD_FIELDS = (
    "naam",
    "slug",
    "soort",
    "is_sterlocatie",
    "adres_openbaar",
    "straat",
    "huisnummer",
    "huisnummer_toevoeging",
    "postcode",
    "plaats",
    "rolstoeltoegankelijk",
)


def locatie_url(slug: str) -> str:
    """The public page of a place, in the active language."""
    return reverse("publiek:locatie", kwargs={"slug": slug})


def printable_query(query: QueryDict) -> QueryDict:
    """The query string without control characters: PostgreSQL refuses NUL in text, and no
    search or filter value needs them."""
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        cleaned.setlist(name, ["".join(c for c in v if c.isprintable()) for v in values])
    return cleaned


def search_from(query: QueryDict) -> zoeken.Zoekopdracht:
    """The resident's search: words, a place or both (publiek/zoeken.py)."""
    return zoeken.zoek(q=query.get("q", ""), lat=query.get("lat", ""), lon=query.get("lon", ""))


def searched_locaties(locaties, zoekopdracht: zoeken.Zoekopdracht, *, count: int | None = None):
    """`locaties` narrowed by the search's words, in the order to show: nearest first from a
    point, else those with the words in their name first (counted up to
    zoeken.MAX_AANTAL), else by name. `count`, the number of places nearest first pages
    through when the caller knows it (from the cache), saves counting them."""
    point = zoekopdracht.point
    if zoekopdracht.woorden and not point:
        return zoeken.op_relevantie(locaties, zoekopdracht.woorden)
    if zoekopdracht.woorden:
        locaties = zoeken.filter_locaties(locaties, zoekopdracht.woorden)
    if point:
        return geo.ByDistance(locaties, lat=point.latitude, lon=point.longitude, count=count)
    return locaties.order_by("naam", "pk")


def with_distances(locaties, search: geocoding.Search):
    """Give each place what its card shows, in words (`result_cards`): its URL, its kind, its
    public address, its distance when there is a search point, and whether a wheelchair gets
    in. Set here once a page: twenty cards that each translate, reverse a URL or build the
    translated choices anew (get_soort_display) cost more than the query that found them."""
    soorten = dict(LocatieSoort.choices)
    marker = "slug-placeholder"
    prefix, suffix = locatie_url(marker).split(marker)
    toegang = {
        True: _("Rolstoeltoegankelijk"),
        False: _("Niet rolstoeltoegankelijk"),
        None: _("Rolstoeltoegankelijkheid niet bekend"),
    }
    op_afstand, words = _("Op %(afstand)s afstand"), geo.distance_words()
    for locatie in locaties:
        locatie.url = f"{prefix}{locatie.slug}{suffix}"
        locatie.soort_label = soorten.get(locatie.soort, locatie.soort)
        locatie.adres = openbaar_adres_van(locatie)
        locatie.toegang = toegang[locatie.rolstoeltoegankelijk]
        locatie.afstand = ""
        if search.point and getattr(locatie, "afstand_m", None) is not None:
            locatie.afstand = op_afstand % {"afstand": words(locatie.afstand_m)}
    return locaties


# One place in a result list (the home page, the place list), for `result_cards`.
RESULT_CARD = """<li class="card resultaat">
  <h3 class="card__title"><a href="{}">{}</a></h3>
  <p class="resultaat__soort">{}{}</p>
  <p class="resultaat__adres">{}</p>
  {}<p class="resultaat__toegang">{}</p>
</li>
"""


def result_cards(locaties) -> str:
    """The cards of `locaties` (given their words by `with_distances`), each an <li> for the
    page's result list. Written here rather than by a template: twenty cards through Django's
    template engine cost as much as the rest of the list page (docs/benchmarks.md)."""
    ster = format_html(' · <strong class="resultaat__ster">{}</strong>', _("Sterlocatie"))
    cards = []
    for locatie in locaties:
        afstand = (
            f'<p class="resultaat__afstand">{escape(locatie.afstand)}</p>\n  '
            if locatie.afstand
            else ""
        )
        cards.append(
            RESULT_CARD.format(
                escape(locatie.url),
                escape(locatie.naam),
                escape(locatie.soort_label),
                ster if locatie.is_sterlocatie else "",
                escape(locatie.adres),
                afstand,
                escape(locatie.toegang),
            )
        )
    return mark_safe("".join(cards))  # every value above is escaped


def _with_query(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


# The registry's stamp is read at most once in this many seconds by each process, and anew
# after a place is saved or deleted in it (publiek/apps.py): one query fewer on almost every
# list page, for at most this long before another app server sees a change.
REGISTRY_STAMP_SECONDS = 1.0
_registry_stamp = {"stamp": "", "until": 0.0}


def registry_stamp() -> str:
    """When a place was last changed (one indexed row): part of the keys of what the list
    caches, so an edit or a publication shows at once."""
    now = time.monotonic()
    if now < _registry_stamp["until"]:
        return _registry_stamp["stamp"]
    # On a bare cursor: the ORM's aggregate costs more to build than the index needs to
    # answer it. Its text (a datetime, or SQLite's string) is the stamp.
    with connections[Locatie.objects.db].cursor() as cursor:
        cursor.execute(f"SELECT MAX(gewijzigd_op) FROM {Locatie._meta.db_table}")
        (latest,) = cursor.fetchone()
    stamp = str(latest) if latest else "-"
    _registry_stamp.update(stamp=stamp, until=now + REGISTRY_STAMP_SECONDS)
    return stamp


def forget_registry_stamp() -> None:
    """The next list page reads the stamp anew."""
    _registry_stamp["until"] = 0.0


def list_cache_key(kind: str, stamp: str, query: QueryDict) -> str:
    """A key for `kind` of the list for this search and these filters (the page number left
    out), at registry state `stamp`."""
    parts = sorted((name, value) for name, values in query.lists() for value in values)
    digest = hashlib.sha256(repr((stamp, parts)).encode()).hexdigest()
    return f"publiek:lijst:{kind}:{digest}"


def count_key(stamp: str, without_page: QueryDict, *, nearest_first: bool) -> str:
    """The cache key of the number of places found. Nearest first counts the places with
    coordinates, the same number from every point: one key for all points."""
    if not nearest_first:
        return list_cache_key("aantal", stamp, without_page)
    query = without_page.copy()
    for name in ("lat", "lon"):
        query.pop(name, None)
    return list_cache_key("aantal-dichtbij", stamp, query)


def locatie_list(request):
    """Published places, nearest first when the resident searched from a point, narrowed by
    the filters; everything is in the query string, so the URL can be shared."""
    query = printable_query(request.GET)
    zoekopdracht = search_from(query)
    search = zoekopdracht.search
    # Built only when used: without filter values the rendered controls come from the cache
    # (lijst.html), and building a filter set copies its ~10 filters and their fields.
    filterset = SimpleLazyObject(lambda: LocatieFilter(query, queryset=Locatie.objects.openbaar()))
    filters_active = sum(
        1 for name, values in query.lists() if name in LocatieFilter.base_filters and any(values)
    )
    filters_given = any(name in LocatieFilter.base_filters for name in query)
    locaties = filterset.qs if filters_given else Locatie.objects.openbaar()
    # The card shows a few of the place's own fields: no joins, no other columns; nearest
    # first reads them as `.values()` rows (a model instance costs more to make than its row
    # costs to read).
    if search.point:
        locaties = locaties.values("pk", *CARD_FIELDS)
    else:
        locaties = locaties.only(*CARD_FIELDS)
    activiteiten = []
    if zoekopdracht.woorden and query.get("page", "1") in ("", "1"):
        activiteiten = zoeken.gevonden_activiteiten(
            zoekopdracht.woorden,
            today=timezone.localdate(),
            point=search.point,
            binnen=filterset.qs if filters_active else None,
            limit=ACTIVITIES_IN_LIST,
        )
    without_page = query.copy()
    without_page.pop("page", None)
    stamp = registry_stamp()
    # The number of places found and the rendered filter controls come from the cache in one
    # round trip; the count is counted (and kept) when it is not there, the controls rendered
    # (and kept) by the template's {% cache %} of the same key.
    aantal_key = count_key(stamp, without_page, nearest_first=bool(search.point))
    filters_key = list_cache_key("filters", stamp, filter_values(query))
    filters_fragment = make_template_fragment_key("lijst_filters", [get_language(), filters_key])
    found = cache.get_many([aantal_key, filters_fragment])
    aantal = found.get(aantal_key)
    results = searched_locaties(locaties, zoekopdracht, count=aantal)
    paginator = Paginator(results, PER_PAGE)
    if aantal is None:
        cache.set(aantal_key, paginator.count, LIST_COUNT_SECONDS)
    else:
        paginator.count = aantal  # Paginator.count is a cached_property: this is its value now
    page, page_notice = page_or_nearest(paginator, query.get("page", ""))

    search_only = QueryDict(mutable=True)
    for name in SEARCH_PARAMETERS:
        if query.get(name):
            search_only[name] = query[name][: geocoding.MAX_QUERY_LENGTH]
    context = {
        "search": search,
        "zoekopdracht": zoekopdracht,
        "activiteiten": activiteiten,
        "filterset": filterset,
        "filter_errors": filterset.form.errors if filters_given else {},
        # The rendered filter controls are cached per language, filters and registry state.
        "filters_key": filters_key,
        "filters_html": found.get(filters_fragment),
        "filters_seconds": LIST_FILTERS_SECONDS,
        "filters_active": filters_active,
        "page": page,
        # The cards are a cached fragment too (lijst.html), keyed like the count and on the
        # page's number: the page's rows are read only when it is rendered anew.
        "kaarten": functools.cache(
            lambda: result_cards(with_distances(list(page.object_list), search))
        ),
        # Not for a point from the browser's location: every resident's is another, so its
        # copy would never be asked for again.
        "kaarten_key": (
            f"{list_cache_key('kaarten', stamp, without_page)}:{page.number}"
            if zoekopdracht.woorden or not query.get("lat")
            else ""
        ),
        "kaarten_seconds": LIST_COUNT_SECONDS,
        "paginator": paginator,
        # A search by word counts up to zoeken.MAX_AANTAL places: "meer dan 500".
        "aantal_afgekapt": results.max_aantal if getattr(results, "afgekapt", False) else None,
        "query_without_page": without_page.urlencode(),
        "page_notice": page_notice,
        "geojson_url": _with_query(reverse("publiek:kaart"), without_page),
        "clear_filters_url": _with_query(reverse("publiek:lijst"), search_only),
    }
    return render(request, "publiek/lijst.html", context)


def filter_values(query: QueryDict) -> QueryDict:
    """The part of the query string the filter form shows (its selected values)."""
    values = QueryDict(mutable=True)
    for name, items in query.lists():
        if name in LocatieFilter.base_filters:
            values.setlist(name, items)
    return values


def kaart(request):
    """The places of the list as GeoJSON for the map: the same search and filters, nearest
    first when there is a search point, at most MAP_FEATURE_LIMIT of them."""
    query = printable_query(request.GET)
    zoekopdracht = search_from(query)
    search = zoekopdracht.search
    filterset = LocatieFilter(query, queryset=Locatie.objects.openbaar())
    locaties = filterset.qs.filter(latitude__isnull=False)
    if zoekopdracht.woorden and not search.point:
        rows = zoeken.op_relevantie(map_rows(locaties), zoekopdracht.woorden)[
            : MAP_FEATURE_LIMIT + 1
        ]
        return _map_response(rows[:MAP_FEATURE_LIMIT], afgekapt=len(rows) > MAP_FEATURE_LIMIT)
    if zoekopdracht.woorden:
        locaties = zoeken.filter_locaties(locaties, zoekopdracht.woorden)
    rows = map_rows(locaties)
    if search.point:
        rows = geo.nearest(
            rows,
            lat=search.point.latitude,
            lon=search.point.longitude,
            limit=MAP_FEATURE_LIMIT + 1,
        )
    else:
        rows = list(rows.order_by("naam", "pk")[: MAP_FEATURE_LIMIT + 1])
    return _map_response(rows[:MAP_FEATURE_LIMIT], afgekapt=len(rows) > MAP_FEATURE_LIMIT)


class _JsonText(Func):
    """PostgreSQL's json_build_object(key, value, …) as text: a feature's properties written
    by the database, passed through to the response as they are."""

    function = "json_build_object"
    template = "%(function)s(%(expressions)s)::text"
    output_field = TextField()


def map_rows(locaties):
    """`locaties` as `.values()` rows with what a map feature needs: where the point comes
    from (id, adres_openbaar, latitude, longitude, buurt_id, wijk_id, for
    geo.public_points), `naam`, and the feature's properties — on PostgreSQL as JSON text
    built by the database (`eigenschappen`), elsewhere as the fields to write it from. No
    model instance, no reverse() or label lookup per place."""
    marker = "slug-placeholder"
    prefix, suffix = locatie_url(marker).split(marker)
    soort = Case(
        *(When(soort=value, then=Value(str(label))) for value, label in LocatieSoort.choices),
        default=F("soort"),
        output_field=CharField(),
    )
    computed = {
        "url": Concat(Value(prefix), "slug", Value(suffix), output_field=CharField()),
        "soort_label": soort,
    }
    located = locaties.with_openbaar_adres("adres")
    position = ("id", "adres_openbaar", "latitude", "longitude", "buurt_id", "wijk_id", "naam")
    if connections[located.db].vendor != "postgresql":
        return located.values(*position, "adres", "is_sterlocatie", **computed)
    eigenschappen = _JsonText(
        Value("naam"), F("naam"),
        Value("url"), computed["url"],
        Value("adres"), F("adres"),
        Value("soort"), computed["soort_label"],
        Value("sterlocatie"), F("is_sterlocatie"),
        # geo.public_points: the place's own point exactly when its address is public.
        Value("exact"), F("adres_openbaar"),
    )  # fmt: skip
    return located.values(*position, eigenschappen=eigenschappen)


def _map_response(rows, *, afgekapt: bool) -> HttpResponse:
    """The places `rows` (map_rows) as a GeoJSON FeatureCollection for includes/kaart.html,
    written as text around the properties the database wrote."""
    # A place whose address is not public is shown at its neighbourhood's centre, or not at
    # all (geo.public_points); "exact" tells the map which kind of point it is.
    points = geo.public_points(rows)
    features = []
    for row in rows:
        point = points[row["id"]]
        if point is None:
            continue
        eigenschappen = row.get("eigenschappen")
        if eigenschappen is None:
            eigenschappen = json.dumps(
                {
                    "naam": row["naam"],
                    "url": row["url"],
                    "adres": row["adres"],
                    "soort": row["soort_label"],
                    "sterlocatie": bool(row["is_sterlocatie"]),
                    "exact": point.exact,
                },
                ensure_ascii=False,
            )
        features.append(
            '{"type":"Feature","geometry":{"type":"Point","coordinates":'
            f"[{float(point.longitude)!r},{float(point.latitude)!r}]}},"
            f'"properties":{eigenschappen}}}'
        )
    # "afgekapt" is a foreign member (RFC 7946 §6.1): more places matched than the map shows.
    body = (
        '{"type":"FeatureCollection","features":['
        + ",".join(features)
        + f'],"afgekapt":{"true" if afgekapt else "false"}}}'
    )
    response = HttpResponse(body, content_type="application/geo+json")
    patch_cache_control(response, public=True, max_age=MAP_CACHE_SECONDS)
    return response


# --- The home page and the statements --------------------------------------------------------


def home(request):
    """The front page: a search box, the places nearest to what was searched, the
    municipalities in the registry and what is on in the coming week (nearby, after a
    search)."""
    zoekopdracht = search_from(printable_query(request.GET))
    search = zoekopdracht.search
    nearest, activiteiten = [], []
    if search.point or zoekopdracht.woorden:
        nearest = with_distances(
            list(
                searched_locaties(
                    Locatie.objects.openbaar().select_related("gemeente"), zoekopdracht
                )[:NEAREST_ON_HOME]
            ),
            search,
        )
    if zoekopdracht.woorden:
        activiteiten = zoeken.gevonden_activiteiten(
            zoekopdracht.woorden,
            today=timezone.localdate(),
            point=search.point,
            limit=ACTIVITIES_ON_HOME,
        )
    published = LocatieQuerySet.openbaar_q("locaties__")
    gemeenten = (
        Gemeente.objects.annotate(
            aantal_locaties=Count("locaties", filter=published, distinct=True),
            aantal_sterlocaties=Count(
                "locaties", filter=published & Q(locaties__is_sterlocatie=True), distinct=True
            ),
        )
        .filter(aantal_locaties__gt=0)
        .order_by("naam")
    )

    today = timezone.localdate()
    week_end = today + dt.timedelta(days=6)
    this_week = []
    if search.point:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            search.point.latitude, search.point.longitude, NEARBY_ACTIVITIES_M
        )
        nearby = Q(
            activiteit__locatie__latitude__range=(min_lat, max_lat),
            activiteit__locatie__longitude__range=(min_lon, max_lon),
        )
        this_week = week_highlights(today, week_end, nearby)
    this_week_nearby = bool(this_week)
    if not this_week:
        this_week = week_highlights(today, week_end)
    context = {
        "search": search,
        "zoekopdracht": zoekopdracht,
        "activiteiten": activiteiten,
        "nearest": nearest,
        "nearest_cards": result_cards(nearest),
        "list_url": f"{reverse('publiek:lijst')}?{request.GET.urlencode()}",
        "gemeenten": gemeenten,
        "this_week": this_week,
        "this_week_nearby": this_week_nearby,
        "today": today,
        "has_demo_data": Locatie.objects.filter(is_demo=True).exists(),
    }
    return render(request, "publiek/home.html", context)


def toegankelijkheid(request):
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return render(
        request, "publiek/toegankelijkheid.html", {"contact_email": settings.CONTACT_EMAIL}
    )


def privacy(request):
    """The privacy statement; names the map tile server, which sees every visitor of a map."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "tile_host": urlsplit(settings.MAP_TILE_URL).hostname or "",
        "bewaartermijn_maanden": settings.VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN,
    }
    return render(request, "publiek/privacy.html", context)


def week_highlights(start: dt.date, end: dt.date, where: Q | None = None) -> list[Occurrence]:
    """The front page's stored dates in [start, end] of published activities open to
    everyone: each activity's next date that is not cancelled, at most one activity of a
    category a day, so one kind of activity (a daily meal, say) cannot fill it.

    Two queries whatever the number of dates: the dates in order as small tuples, read until
    enough are chosen (a server-side cursor on PostgreSQL stops reading there), then the
    chosen ones with what a line shows."""
    dates = Occurrence.objects.filter(
        Activiteit.objects.openbaar_q("activiteit__"),
        datum__range=(start, end),
        vervalt=False,
        activiteit__alleen_voor_doelgroep=False,
    )
    if where is not None:
        dates = dates.filter(where)
    ordered = dates.order_by("datum", "begin", "activiteit__titel", "activiteit_id").values_list(
        "pk", "activiteit_id", "datum", "activiteit__categorie"
    )
    chosen, seen_activiteiten, seen_days = [], set(), set()
    for pk, activiteit_id, datum, categorie in ordered.iterator(chunk_size=WEEK_HIGHLIGHTS * 8):
        if activiteit_id in seen_activiteiten:
            continue
        seen_activiteiten.add(activiteit_id)
        if (datum, categorie) in seen_days:
            continue
        seen_days.add((datum, categorie))
        chosen.append(pk)
        if len(chosen) == WEEK_HIGHLIGHTS:
            break
    if not chosen:
        return []
    rows = Occurrence.objects.filter(pk__in=chosen).select_related(
        "activiteit", "activiteit__locatie", "activiteit__locatie__gemeente"
    )
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in chosen]


# --- A place and a wijk ------------------------------------------------------------------

ROUTE_URL = "https://www.openstreetmap.org/directions?to={lat}%2C{lon}"


def _sluitingen_vanaf(today):
    """Closures that have not ended by `today`: those a place page and "open now" read."""
    return Sluiting.objects.filter(tot__gte=today)


def _current_sluitingen(today):
    return Prefetch("sluitingen", queryset=_sluitingen_vanaf(today))


def locatie_detail(request, slug):
    """A published place: address, hours and whether it is open now, accessibility,
    partners, support, and its activities of the coming four weeks.

    Each request reads one row (what the header shows and the stamps the cached fragments
    are keyed on) and the hours for "open now" from the cache; the rest of the place and its
    programme are read only when a fragment of publiek/locatie.html is rendered anew."""
    now = timezone.now()
    today = timezone.localdate(now)
    plek = get_object_or_404(
        Locatie.objects.openbaar()
        .only("pk", "slug", "naam", "soort", "is_sterlocatie", "gewijzigd_op")
        # The last change of an activity here, in the same row: the programme's cache key.
        .annotate(
            activiteiten_gewijzigd=Subquery(
                Activiteit.objects.filter(locatie=OuterRef("pk"))
                .order_by("-gewijzigd_op")
                .values("gewijzigd_op")[:1]
            )
        ),
        slug=slug,
    )
    locatie = SimpleLazyObject(
        lambda: Locatie.objects.select_related("gemeente", "wijk", "buurt").get(pk=plek.pk)
    )
    openingstijden, sluitingen = _hours(plek, today)
    activiteiten_stamp = (
        plek.activiteiten_gewijzigd.isoformat() if plek.activiteiten_gewijzigd else "-"
    )
    # Its own address, without a query string: it is written into a cached fragment.
    page_url = request.build_absolute_uri(request.path)
    public_point = functools.cache(lambda: geo.public_point(locatie))

    @functools.cache
    def agenda_deel():
        activiteiten = Activiteit.objects.openbaar().filter(locatie_id=plek.pk)
        programma = agenda.programma(activiteiten, today=today, weken=PLACE_WEEKS)
        return {
            "programma": programma,
            "later": [] if programma.items else next_dates(locatie, after=programma.end),
            "organisatoren": {item.activiteit.organisator_id for item in programma.items},
            "events_jsonld": event_jsonld.script_tag(programma.items, request),
        }

    def deel(name):
        return SimpleLazyObject(lambda: agenda_deel()[name])

    # Only the place's own point gets a marker and a route on its page; the neighbourhood's
    # centre would send residents to the wrong door. Otherwise the street and the wijk are
    # the address, and residents ask the contact for the way.
    def has_point():
        point = public_point()
        return point is not None and point.exact

    def route_url():
        if not has_point():
            return ""
        return ROUTE_URL.format(lat=f"{locatie.latitude:.6f}", lon=f"{locatie.longitude:.6f}")

    context = {
        "plek": plek,
        "soort_label": dict(LocatieSoort.choices).get(plek.soort, plek.soort),
        "locatie": locatie,
        "status": opening.status_at(openingstijden, sluitingen, now),
        "openingstijden": opening.week_hours(openingstijden),
        "has_openingstijden": bool(openingstijden),
        "sluitingen": opening.upcoming_closures(sluitingen, today),
        "today": today,
        "today_weekday": today.weekday(),
        "activiteiten_stamp": activiteiten_stamp,
        # The volunteers' block keeps its own copy, keyed on both of the place's stamps.
        "fragment_stamp": f"{plek.gewijzigd_op.isoformat()}|{activiteiten_stamp}",
        "fragment_seconds": PLACE_FRAGMENT_SECONDS,
        "agenda_seconds": PLACE_AGENDA_SECONDS,
        # What the fragments show, computed only when one is rendered anew.
        "laatst_gecontroleerd": functools.cache(lambda: currency.last_checked(locatie)),
        "toegankelijkheid": functools.cache(
            lambda: [
                (Locatie._meta.get_field(name).verbose_name, getattr(locatie, name))
                for name in TOEGANKELIJKHEID
            ]
        ),
        "begeleidingstijden": functools.cache(
            lambda: opening.week_hours(locatie.begeleidingstijden.all())
        ),
        "partners": functools.cache(
            lambda: _partners_with_roles(
                Samenwerking.objects.filter(locatie_id=plek.pk).select_related("partner"), today
            )
        ),
        "has_point": functools.cache(has_point),
        "route_url": functools.cache(route_url),
        "place_jsonld": functools.cache(
            lambda: jsonld.script_tag(jsonld.place(locatie, page_url, point=public_point()))
        ),
        "page_url": page_url,
        "later": deel("later"),
        "programma": deel("programma"),
        # Organisations with activities here get a link to their feed beside their name.
        "organisatoren": deel("organisatoren"),
        "events_jsonld": deel("events_jsonld"),
    }
    return render(request, "publiek/locatie.html", context)


# The accessibility features a place page lists, in this order.
TOEGANKELIJKHEID = (
    "rolstoeltoegankelijk",
    "aangepast_toilet",
    "ringleiding",
    "prikkelarme_ruimte",
    "gehandicaptenparkeerplaats",
)


def _hours(plek, today: dt.date) -> tuple[list, list]:
    """The place's Openingstijd rows and the Sluitingen that have not ended by `today`, for
    "open now" on each request: from the cache, keyed on the place's last change (the hours
    and closures are edited with the place), else read."""
    key = f"publiek:plek:uren:{plek.pk}:{plek.gewijzigd_op.isoformat()}:{today.isoformat()}"
    hours = cache.get(key)
    if hours is None:
        hours = (
            list(Openingstijd.objects.filter(locatie_id=plek.pk)),
            list(_sluitingen_vanaf(today).filter(locatie_id=plek.pk)),
        )
        cache.set(key, hours, PLACE_FRAGMENT_SECONDS)
    return hours


LATER_DATES = 3


def next_dates(locatie, *, after: dt.date) -> list[Occurrence]:
    """The place's first LATER_DATES dates after `after` that are not cancelled, for a page
    whose coming weeks are empty: four queries at most."""
    rows = list(
        Occurrence.objects.filter(
            activiteit__in=Activiteit.objects.openbaar().filter(locatie=locatie).values("pk"),
            datum__gt=after,
            vervalt=False,
        ).order_by("datum", "begin", "activiteit_id")[:LATER_DATES]
    )
    agenda.with_activiteit(rows)
    return rows


def _partners_with_roles(samenwerkingen, today) -> list[tuple]:
    """[(partner, [role labels])] for the current Samenwerkingen, one line per partner, in the
    order of their first role (eigenaar first)."""
    order = {rol: index for index, rol in enumerate(SamenwerkingRol.values)}
    roles: dict = {}
    for samenwerking in sorted(
        samenwerkingen, key=lambda s: (order.get(s.rol, len(order)), s.partner.naam)
    ):
        if samenwerking.einddatum is None or samenwerking.einddatum >= today:
            roles.setdefault(samenwerking.partner, []).append(samenwerking.get_rol_display())
    return list(roles.items())


def _wijk_locaties(wijk) -> LocatieQuerySet:
    """The published places of a wijk (its buurten's too) or of a buurt."""
    locaties = Locatie.objects.openbaar()
    if wijk.soort == WijkSoort.WIJK:
        return locaties.filter(wijk=wijk)
    return locaties.filter(buurt=wijk)


def _partners_in_wijk(plekken) -> list[tuple]:
    """[(partner, [(role label, [places])])] of the Samenwerkingen in force (prefetched as
    `samenwerkingen_nu`) at the places of `plekken`, by partner name; each partner's roles in
    the order of the roles (eigenaar first), each role's places in the order of `plekken`."""
    order = {rol: index for index, rol in enumerate(SamenwerkingRol.values)}
    per_partner: dict = {}
    for locatie, _status in plekken:
        for samenwerking in locatie.samenwerkingen_nu:
            rollen = per_partner.setdefault(samenwerking.partner, {})
            rollen.setdefault(samenwerking.rol, []).append(locatie)
    return [
        (
            partner,
            [
                (SamenwerkingRol(rol).label if rol in order else rol, locaties)
                for rol, locaties in sorted(rollen.items(), key=lambda r: order.get(r[0], 99))
            ],
        )
        for partner, rollen in sorted(per_partner.items(), key=lambda item: item[0].naam.lower())
    ]


def wijk_detail(request, slug):
    """A wijk or buurt, the Purmerendse cirkels: its published places (a wijk's include those
    of its buurten) with their facilities, on a map, the partners working there and in which
    role, its figures, and the coming week's activities."""
    now = timezone.now()
    today = timezone.localdate(now)
    wijk = get_object_or_404(Wijk.objects.select_related("gemeente", "wijk"), slug=slug)
    locaties = (
        _wijk_locaties(wijk)
        .select_related("buurt")
        .prefetch_related(
            "openingstijden",
            "voorzieningen",
            _current_sluitingen(today),
            Prefetch(
                "samenwerkingen",
                queryset=Samenwerking.objects.filter(active_samenwerking()).select_related(
                    "partner"
                ),
                to_attr="samenwerkingen_nu",
            ),
        )
        .order_by("naam")
    )
    buurten = list(wijk.buurten.order_by("naam")) if wijk.soort == WijkSoort.WIJK else []
    plekken = [(locatie, opening.status_now(locatie, now)) for locatie in locaties]
    programma = agenda.programma(
        agenda.in_wijk(Activiteit.objects.openbaar(), wijk), today=today, weken=1
    )
    context = {
        "programma": programma,
        "events_jsonld": event_jsonld.script_tag(programma.items, request),
        "wijk": wijk,
        "plekken": plekken,
        "partners": _partners_in_wijk(plekken),
        "buurten": buurten,
        "aantal_sterlocaties": sum(1 for locatie, _status in plekken if locatie.is_sterlocatie),
        "op_de_kaart": any(locatie.latitude is not None for locatie, _status in plekken),
    }
    return render(request, "publiek/wijk.html", context)


def parse_maand(value: str | None, today: dt.date) -> tuple[dt.date, str]:
    """The first day of the month in `?maand=2027-01`, and a message when the value was not
    a month between a year back and two ahead (then this month is shown)."""
    try:
        year, month = (int(part) for part in (value or "").strip().split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = None
    if first is None or not (today.year - 1 <= first.year <= today.year + 2):
        message = _("Die maand kennen we niet. Hieronder staat deze maand.") if value else ""
        return today.replace(day=1), message
    return first, ""


def locatie_poster(request, slug):
    """A month poster of a place for its notice board: the month's dates, the place's address
    and phone, in large type on one A4."""
    today = timezone.localdate()
    locatie = get_object_or_404(Locatie.objects.openbaar(), slug=slug)
    first, maand_message = parse_maand(request.GET.get("maand"), today)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    items = agenda.occurrences(
        agenda.in_locatie(Activiteit.objects.openbaar(), locatie), first, last
    )
    return render(
        request,
        "publiek/poster.html",
        {
            "locatie": locatie,
            "maand": first,
            "maand_message": maand_message,
            "days": agenda.by_day(items),
            "page_url": request.build_absolute_uri(reverse("publiek:locatie", args=[slug])),
        },
    )


def wijk_kaart(request, slug):
    """The published places of a wijk or buurt as GeoJSON for the map on its page; a place
    whose address is not public at its neighbourhood's centre (geo.public_points)."""
    wijk = get_object_or_404(Wijk.objects.only("pk", "soort"), slug=slug)
    rows = list(
        map_rows(_wijk_locaties(wijk).filter(latitude__isnull=False)).order_by("naam", "pk")[
            : MAP_FEATURE_LIMIT + 1
        ]
    )
    return _map_response(rows[:MAP_FEATURE_LIMIT], afgekapt=len(rows) > MAP_FEATURE_LIMIT)
