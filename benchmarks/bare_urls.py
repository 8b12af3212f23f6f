"""The project's URLs plus bare views for benchmarks/public_pages.py and near_me.py: the same
rows as the place list, the place page, "near me" and the map data, fetched in one query of the
app's own queryset or one raw SQL query (values only) and written out without a template,
middleware-wise served like any other page, except that they say `no-store`: the app's page
cache never keeps them, so they always cost their query."""

import math

from django.db import connection
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.html import escape
from django.views.decorators.cache import never_cache

from locaties.models import Locatie
from ontmoeting.urls import urlpatterns as project_urlpatterns
from publiek.views import search_from, searched_locaties

PER_PAGE = 20


@never_cache
def bare_lijst(request):
    """The first 20 places of /locaties/ (with ?q=… the same search): one query, or as many as
    the search itself runs (reading the line, the ids by relevance, their rows)."""
    zoekopdracht = search_from(request.GET)
    # A search by word answers a sequence in order of relevance (publiek.zoeken.OpRelevantie),
    # not a queryset: slice it as the list's paginator does.
    found = searched_locaties(
        Locatie.objects.openbaar().only("naam", "slug", "plaats"), zoekopdracht
    )
    items = "".join(
        f'<li><a href="/locaties/{plek.slug}/">{escape(plek.naam)}</a> {escape(plek.plaats)}</li>'
        for plek in found[:PER_PAGE]
    )
    return HttpResponse(f"<!doctype html><title>Plekken</title><ul>{items}</ul>")


@never_cache
def bare_locatie(request, slug):
    """A place's own fields, one query."""
    row = (
        Locatie.objects.openbaar()
        .filter(slug=slug)
        .values_list("naam", "omschrijving", "straat", "huisnummer", "postcode", "plaats")
        .first()
    )
    if row is None:
        raise Http404
    naam, omschrijving, straat, huisnummer, postcode, plaats = (escape(v) for v in row)
    return HttpResponse(
        f"<!doctype html><title>{naam}</title><h1>{naam}</h1><p>{omschrijving}</p>"
        f"<p>{straat} {huisnummer}, {postcode} {plaats}</p>"
    )


# The best raw indexed SQL for the 20 public places nearest to a point: the GiST index's
# nearest-neighbour order (locaties.geo.UnitVector, migration locaties/0012), with the
# haversine distance of the rows read. `{columns}` are filled in by the caller.
RAW_NEAREST = """
SELECT {columns},
       2 * 6371008.8 * asin(sqrt(power(sin((radians(latitude) - %(phi)s) / 2), 2)
           + %(cos_phi)s * cos(radians(latitude))
             * power(sin((radians(longitude) - %(lam)s) / 2), 2)))
FROM locaties_locatie
WHERE status = 'gepubliceerd' AND latitude IS NOT NULL AND longitude IS NOT NULL
ORDER BY cube(ARRAY[cos(radians(latitude)) * cos(radians(longitude)),
                    cos(radians(latitude)) * sin(radians(longitude)), sin(radians(latitude))])
         <-> cube(ARRAY[%(x)s, %(y)s, %(z)s]::float8[])
LIMIT %(limit)s
"""


def raw_nearest_params(lat: float, lon: float, limit: int = PER_PAGE) -> dict:
    phi, lam = math.radians(lat), math.radians(lon)
    return {
        "phi": phi,
        "lam": lam,
        "cos_phi": math.cos(phi),
        "x": math.cos(phi) * math.cos(lam),
        "y": math.cos(phi) * math.sin(lam),
        "z": math.sin(phi),
        "limit": limit,
    }


@never_cache
def bare_dichtbij(request):
    """The 20 public places nearest to ?lat=…&lon=… (PostgreSQL), one raw query."""
    lat, lon = float(request.GET["lat"]), float(request.GET["lon"])
    with connection.cursor() as cursor:
        cursor.execute(
            RAW_NEAREST.format(columns="naam, slug, plaats"), raw_nearest_params(lat, lon)
        )
        rows = cursor.fetchall()
    items = "".join(
        f'<li><a href="/locaties/{slug}/">{escape(naam)}</a> {escape(plaats)} '
        f"{afstand / 1000:.1f} km</li>"
        for naam, slug, plaats, afstand in rows
    )
    return HttpResponse(f"<!doctype html><title>Dichtbij</title><ul>{items}</ul>")


# The map data of /locaties/kaart.geojson (the first 2 000 public places by name), the whole
# FeatureCollection built by PostgreSQL with json_build_object / json_agg in one query.
RAW_MAP = """
SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', coalesce(json_agg(feature ORDER BY naam, id), '[]'),
    'afgekapt', true)::text
FROM (
    SELECT naam, id, json_build_object(
        'type', 'Feature',
        'geometry', json_build_object(
            'type', 'Point', 'coordinates', json_build_array(longitude, latitude)),
        'properties', json_build_object(
            'naam', naam, 'url', '/locaties/' || slug || '/',
            'adres', straat || ' ' || huisnummer || huisnummer_toevoeging || ', ' || postcode
                || ' ' || plaats,
            'soort', soort, 'sterlocatie', is_sterlocatie, 'exact', adres_openbaar)) AS feature
    FROM locaties_locatie
    WHERE status = 'gepubliceerd' AND latitude IS NOT NULL
    ORDER BY naam, id
    LIMIT 2000
) AS features
"""


@never_cache
def bare_kaart(request):
    """The map data as PostgreSQL writes it (RAW_MAP), one query."""
    with connection.cursor() as cursor:
        cursor.execute(RAW_MAP)
        [body] = cursor.fetchone()
    return HttpResponse(body, content_type="application/geo+json")


urlpatterns = [
    path("bare/dichtbij/", bare_dichtbij),
    path("bare/kaart/", bare_kaart),
    path("bare/lijst/", bare_lijst),
    path("bare/locaties/<slug:slug>/", bare_locatie),
    *project_urlpatterns,
]
