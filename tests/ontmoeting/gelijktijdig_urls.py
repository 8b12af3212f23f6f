"""A view that fails the way a transaction ended by PostgreSQL for another one does."""

import psycopg.errors
from django.conf.urls.i18n import i18n_patterns
from django.db import OperationalError
from django.urls import path

from ontmoeting.urls import urlpatterns as site_urlpatterns


def ended_by_a_deadlock(request):
    try:
        raise psycopg.errors.DeadlockDetected("deadlock detected")
    except psycopg.errors.DeadlockDetected as cause:
        raise OperationalError("deadlock detected") from cause


def a_bug(request):
    raise OperationalError("no such table: nergens")


urlpatterns = [
    *i18n_patterns(path("plek/opslaan/", ended_by_a_deadlock), prefix_default_language=False),
    path("api/v1/plekken/", ended_by_a_deadlock),
    path("fout/", a_bug),
    *site_urlpatterns,  # the page's header links to the site's pages
]
