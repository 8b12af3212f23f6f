"""The "Open data" page (what is published, the licence, how to use it) and the agenda that
other websites may frame."""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt

from activiteiten.agenda import by_day
from api import agenda as agenda_feed
from api import hsds


def open_data(request):
    context = {
        "taxonomies": [hsds.taxonomy(key) | {"key": key} for key in hsds.TAXONOMIES],
        "links": {
            "hsds": request.build_absolute_uri(reverse("api:hsds")),
            "openapi": request.build_absolute_uri(reverse("api:openapi")),
            "geojson": request.build_absolute_uri(reverse("api:geojson")),
            "agenda": request.build_absolute_uri(reverse("api:agenda")),
            "dataset": request.build_absolute_uri(reverse("api:dataset")),
        },
    }
    return render(request, "opendata/open_data.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_agenda(request):
    """A compact agenda that other websites may frame: upcoming dates of a place, wijk or
    organisation. It sets no cookie (no form, no session, no language cookie)."""
    found, reasons = agenda_feed.check(request.GET)
    if reasons:
        return render(request, "opendata/embed_agenda.html", {"fout": True}, status=400)
    activiteiten, naam = agenda_feed.scope(found)
    rows = agenda_feed.upcoming(activiteiten, found.get("dagen", 14))
    context = {"naam": naam, "dagen": by_day(rows), "scope": found}
    response = render(request, "opendata/embed_agenda.html", context)
    patch_cache_control(response, public=True, max_age=300)
    return response
