"""Finding a place: the public list with search and filters, and its map data. A place's and
a wijk's own page live in `publiek`, which shows their activities too."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from locaties import geo, geocoding
from locaties.filters import LocatieFilter
from locaties.models import Locatie

# --- Finding a place: the list with search and filters, and its map data -------------------

PER_PAGE = 20
MAP_FEATURE_LIMIT = 2000
MAP_CACHE_SECONDS = 300
# Request parameters that are not filters; everything else the filter form reads.
SEARCH_PARAMETERS = ("q", "lat", "lon")


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


def search_from(query: QueryDict) -> geocoding.Search:
    return geocoding.resolve_search(
        q=query.get("q", ""), lat=query.get("lat", ""), lon=query.get("lon", "")
    )


def with_distances(locaties, search: geocoding.Search):
    """Give each place its URL and, when there is a search point, its distance in words."""
    for locatie in locaties:
        locatie.url = locatie_url(locatie.slug)
        if search.point and getattr(locatie, "afstand_m", None) is not None:
            locatie.afstand = geo.format_distance(locatie.afstand_m)
    return locaties


def _page(paginator: Paginator, number: str):
    """The requested page, or the nearest existing one with a sentence saying so."""
    try:
        return paginator.page(number or 1), ""
    except PageNotAnInteger:
        return paginator.page(1), _(
            "„%(pagina)s” is geen paginanummer; dit is de eerste pagina."
        ) % {"pagina": number[:20]}
    except EmptyPage:
        if int(number) < 1:
            return paginator.page(1), _("Pagina’s beginnen bij 1; dit is de eerste pagina.")
        return paginator.page(paginator.num_pages), ngettext(
            "Er is maar %(aantal)s pagina; dit is die pagina.",
            "Er zijn maar %(aantal)s pagina’s; dit is de laatste.",
            paginator.num_pages,
        ) % {"aantal": paginator.num_pages}


def _with_query(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def locatie_list(request):
    """Published places, nearest first when the resident searched from a point, narrowed by
    the filters; everything is in the query string, so the URL can be shared."""
    query = printable_query(request.GET)
    search = search_from(query)
    filterset = LocatieFilter(query, queryset=Locatie.objects.openbaar())
    # The card shows the place's own fields only: no joins, and no long texts.
    locaties = filterset.qs.defer("omschrijving", "toegankelijkheid_toelichting")
    if search.point:
        results = geo.ByDistance(locaties, lat=search.point.latitude, lon=search.point.longitude)
    else:
        results = locaties.order_by("naam", "pk")
    paginator = Paginator(results, PER_PAGE)
    page, page_notice = _page(paginator, query.get("page", ""))
    with_distances(page.object_list, search)

    without_page = query.copy()
    without_page.pop("page", None)
    search_only = QueryDict(mutable=True)
    for name in SEARCH_PARAMETERS:
        if query.get(name):
            search_only[name] = query[name][: geocoding.MAX_QUERY_LENGTH]
    context = {
        "search": search,
        "filterset": filterset,
        "filter_errors": filterset.form.errors,
        "filters_active": sum(
            1 for name, values in query.lists() if name in filterset.filters and any(values)
        ),
        "page": page,
        "paginator": paginator,
        "query_without_page": without_page.urlencode(),
        "page_notice": page_notice,
        "geojson_url": _with_query(reverse("locaties:kaart"), without_page),
        "clear_filters_url": _with_query(reverse("locaties:lijst"), search_only),
    }
    return render(request, "locaties/locatie_list.html", context)


def kaart(request):
    """The places of the list as GeoJSON for the map: the same search and filters, nearest
    first when there is a search point, at most MAP_FEATURE_LIMIT of them."""
    query = printable_query(request.GET)
    search = search_from(query)
    filterset = LocatieFilter(query, queryset=Locatie.objects.openbaar())
    locaties = filterset.qs.filter(latitude__isnull=False).only(
        "naam",
        "slug",
        "soort",
        "is_sterlocatie",
        "latitude",
        "longitude",
        "straat",
        "huisnummer",
        "huisnummer_toevoeging",
        "postcode",
        "plaats",
        "adres_openbaar",
    )
    if search.point:
        rows = geo.nearest(
            locaties,
            lat=search.point.latitude,
            lon=search.point.longitude,
            limit=MAP_FEATURE_LIMIT + 1,
        )
    else:
        rows = list(locaties.order_by("naam", "pk")[: MAP_FEATURE_LIMIT + 1])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [locatie.longitude, locatie.latitude]},
            "properties": {
                "naam": locatie.naam,
                "url": locatie_url(locatie.slug),
                "adres": locatie.openbaar_adres,
                "soort": str(locatie.get_soort_display()),
                "sterlocatie": locatie.is_sterlocatie,
            },
        }
        for locatie in rows[:MAP_FEATURE_LIMIT]
    ]
    response = JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            # A foreign member (RFC 7946 §6.1): more places matched than the map shows.
            "afgekapt": len(rows) > MAP_FEATURE_LIMIT,
        },
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=MAP_CACHE_SECONDS)
    return response


# ---------------------------------------------------------------------------------------------
# One place and one neighbourhood. Their activities come from the `agenda` template tags of
# the activiteiten app: locaties does not import activiteiten.
# ---------------------------------------------------------------------------------------------
