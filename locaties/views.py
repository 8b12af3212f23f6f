"""Public views of places and neighbourhoods."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from locaties import geo, geocoding, jsonld, opening
from locaties.constants import LocatieStatus, SamenwerkingRol, WijkSoort
from locaties.filters import LocatieFilter
from locaties.models import Locatie, Samenwerking, Sluiting, Wijk

# --- Finding a place: the list with search and filters, and its map data -------------------

PER_PAGE = 20
MAP_FEATURE_LIMIT = 2000
MAP_CACHE_SECONDS = 300
# Request parameters that are not filters; everything else the filter form reads.
SEARCH_PARAMETERS = ("q", "lat", "lon")


def locatie_url(slug: str) -> str:
    """The public page of a place, in the active language."""
    return reverse("locaties:detail", kwargs={"slug": slug})


def published_locaties():
    return Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)


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
    filterset = LocatieFilter(query, queryset=published_locaties())
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
    filterset = LocatieFilter(query, queryset=published_locaties())
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
        "buurt",
        "wijk",
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
    # A place whose address is not public is shown at its neighbourhood's centre, or not at
    # all (geo.public_points); "exact" tells the map which kind of point it is.
    points = geo.public_points(rows[:MAP_FEATURE_LIMIT])
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
            "properties": {
                "naam": locatie.naam,
                "url": locatie_url(locatie.slug),
                "adres": locatie.openbaar_adres,
                "soort": str(locatie.get_soort_display()),
                "sterlocatie": locatie.is_sterlocatie,
                "exact": point.exact,
            },
        }
        for locatie in rows[:MAP_FEATURE_LIMIT]
        if (point := points[locatie.pk]) is not None
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

ROUTE_URL = "https://www.openstreetmap.org/directions?to={lat}%2C{lon}"


def _current_sluitingen(today):
    return Prefetch("sluitingen", queryset=Sluiting.objects.filter(tot__gte=today))


def locatie_detail(request, slug):
    """A published place: address, hours and whether it is open now, accessibility,
    partners, support; its coming activities come from the template."""
    now = timezone.now()
    today = timezone.localdate(now)
    locatie = get_object_or_404(
        Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)
        .select_related("gemeente", "wijk", "buurt")
        .prefetch_related(
            "openingstijden",
            "begeleidingstijden",
            _current_sluitingen(today),
            Prefetch("samenwerkingen", queryset=Samenwerking.objects.select_related("partner")),
            "doelgroepen",
            "voorzieningen",
        ),
        slug=slug,
    )
    page_url = request.build_absolute_uri()
    toegankelijkheid = [
        (Locatie._meta.get_field(name).verbose_name, getattr(locatie, name))
        for name in (
            "rolstoeltoegankelijk",
            "aangepast_toilet",
            "ringleiding",
            "prikkelarme_ruimte",
            "gehandicaptenparkeerplaats",
        )
    ]
    point = geo.public_point(locatie)
    # Only the place's own point gets a marker and a route on its page; the neighbourhood's
    # centre would send residents to the wrong door.
    has_point = point is not None and point.exact
    context = {
        "locatie": locatie,
        "status": opening.status_now(locatie, now),
        "openingstijden": opening.week_hours(locatie.openingstijden.all()),
        "has_openingstijden": bool(locatie.openingstijden.all()),
        "begeleidingstijden": opening.week_hours(locatie.begeleidingstijden.all()),
        "sluitingen": opening.upcoming_closures(locatie, today),
        "today_weekday": today.weekday(),
        "toegankelijkheid": toegankelijkheid,
        "partners": _partners_with_roles(locatie.samenwerkingen.all(), today),
        # Only a public address gets a marker and a route to the exact point; otherwise the
        # street and the wijk are the address, and residents ask the contact for the way.
        "has_point": has_point,
        "route_url": (
            ROUTE_URL.format(lat=f"{locatie.latitude:.6f}", lon=f"{locatie.longitude:.6f}")
            if has_point
            else ""
        ),
        "place_jsonld": jsonld.script_tag(jsonld.place(locatie, page_url, point=point)),
        "page_url": page_url,
    }
    return render(request, "locaties/locatie_detail.html", context)


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


def wijk_detail(request, slug):
    """A wijk or buurt: its published places (a wijk's include those of its buurten), its
    figures, and the coming week's activities (from the template)."""
    now = timezone.now()
    today = timezone.localdate(now)
    wijk = get_object_or_404(Wijk.objects.select_related("gemeente", "wijk"), slug=slug)
    locaties = (
        Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)
        .select_related("buurt")
        .prefetch_related("openingstijden", _current_sluitingen(today))
        .order_by("naam")
    )
    if wijk.soort == WijkSoort.WIJK:
        locaties = locaties.filter(wijk=wijk)
        buurten = list(wijk.buurten.order_by("naam"))
    else:
        locaties = locaties.filter(buurt=wijk)
        buurten = []
    plekken = [(locatie, opening.status_now(locatie, now)) for locatie in locaties]
    context = {
        "wijk": wijk,
        "plekken": plekken,
        "buurten": buurten,
        "aantal_sterlocaties": sum(1 for locatie, _status in plekken if locatie.is_sterlocatie),
    }
    return render(request, "locaties/wijk_detail.html", context)
