"""The project's URLs plus bare views for benchmarks/public_pages.py: the same rows as the
place list and the place page, fetched in one query of the app's own queryset (values only)
and written out without a template, middleware-wise served like any other page, except that
they say `no-store`: the app's page cache never keeps them, so they always cost their query."""

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
    """The first 20 places of /locaties/ (with ?q=… the same search), one query."""
    zoekopdracht = search_from(request.GET)
    rows = searched_locaties(Locatie.objects.openbaar(), zoekopdracht).values_list(
        "naam", "slug", "plaats"
    )[:PER_PAGE]
    items = "".join(
        f'<li><a href="/locaties/{slug}/">{escape(naam)}</a> {escape(plaats)}</li>'
        for naam, slug, plaats in rows
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


urlpatterns = [
    path("bare/lijst/", bare_lijst),
    path("bare/locaties/<slug:slug>/", bare_locatie),
    *project_urlpatterns,
]
