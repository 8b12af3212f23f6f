"""`/healthz`: the process answers (no database). `/readyz`: the database(s), the cache and,
when configured, the Celery broker are reachable; 503 with a JSON body naming what failed.

They are answered by a middleware first in the chain, so a load balancer's probe needs no
allowed host name and no HTTPS, and no session, language or CSRF work is done for it.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def _database(alias: str) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise RuntimeError("the cache did not keep a value")


def _broker() -> None:
    from ontmoeting.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)


def checks() -> dict:
    found = {f"database:{alias}": (lambda a=alias: _database(a)) for alias in settings.DATABASES}
    found["cache"] = _cache
    if settings.CELERY_BROKER_URL:
        found["broker"] = _broker
    return found


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    results = {}
    failed = False
    for name, check in checks().items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure makes the instance not ready
            failed = True
            # Only the kind of error: the probe may be reachable from outside, the details
            # (host names, database names) go to the log.
            results[name] = {"ok": False, "error": type(error).__name__}
            logger.warning("readyz: %s failed: %s", name, error)
        else:
            results[name] = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    body = {"status": "unavailable" if failed else "ok", "checks": results}
    return JsonResponse(body, status=503 if failed else 200)


ROUTES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = ROUTES.get(request.path_info.rstrip("/") or "/")
        if view is not None and request.method in ("GET", "HEAD"):
            response = view(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
