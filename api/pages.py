"""The "Open data" page: what is published, the licence and how to use it."""

from django.shortcuts import render
from django.urls import reverse

from api import hsds


def open_data(request):
    context = {
        "taxonomies": [hsds.taxonomy(key) | {"key": key} for key in hsds.TAXONOMIES],
        "links": {
            "hsds": request.build_absolute_uri(reverse("api:hsds")),
            "openapi": request.build_absolute_uri(reverse("api:openapi")),
        },
    }
    return render(request, "opendata/open_data.html", context)
