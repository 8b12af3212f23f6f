"""Two people who change related records at the same instant: PostgreSQL may end one of the
two transactions (a deadlock, or a serialization failure) to let the other finish. That
request's atomic block was rolled back whole, so nothing of it is saved; the person gets a
page that says so and asks them to try again (503 with Retry-After), never a 500.

An example that can happen: a place renamed while one of its activities is saved. The search
documents (publiek/zoekdocument.py) are written by triggers that lock the place's row from
the activity's save and the activities' rows from the place's rename, in the opposite order.
"""

import logging

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# PostgreSQL's codes for "ended to let another transaction finish; trying again will work".
RETRYABLE_SQLSTATES = {"40P01", "40001"}  # deadlock_detected, serialization_failure
RETRY_AFTER_SECONDS = 2


def is_concurrent_write(exception: BaseException) -> bool:
    cause = exception.__cause__
    return isinstance(exception, DatabaseError) and (
        getattr(cause, "sqlstate", None) in RETRYABLE_SQLSTATES
    )


class ConcurrentWriteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_concurrent_write(exception):
            return None
        logger.warning(
            "Transaction ended by PostgreSQL (%s) on %s %s; the person is asked to try again",
            exception.__cause__.sqlstate,
            request.method,
            request.path,
        )
        title = _("Dat lukte net niet")
        detail = _(
            "Iemand anders veranderde op hetzelfde moment iets wat hierbij hoort. Er is niets "
            "opgeslagen. Probeer het over een paar seconden opnieuw."
        )
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"type": "about:blank", "title": title, "status": 503, "detail": detail},
                status=503,
                content_type="application/problem+json",
            )
        else:
            response = render(request, "503.html", {"titel": title, "uitleg": detail}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
