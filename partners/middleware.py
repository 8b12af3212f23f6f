"""Sessions of signed-in people end after a while without a request (an idle timeout)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from partners import authlog

LAST_SEEN_SESSION_KEY = "laatst_actief"
# The time of the last request is written at most this often, so that a burst of requests
# does not write the session each time.
LAST_SEEN_RESOLUTION_SECONDS = 60


def start_idle_clock(sender, request, user, **kwargs):
    """On signing in (Django's user_logged_in, connected in partners/apps.py) the idle clock
    starts, so the first requests after it need not write the session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_SESSION_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Signs out anyone signed in who sent no request for settings.SESSION_IDLE_TIMEOUT
    seconds (every account is staff, and staff change the register), and keeps the session of
    an active person alive: the session is saved again when the time of the last request is
    written, so its expiry moves on; anonymous visitors get no session at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                authlog.log_event("session_idle_timeout", request=request, user=request.user)
                logout(request)
                messages.info(
                    request,
                    _(
                        "Je bent afgemeld omdat je een tijd niets hebt gedaan. "
                        "Meld je opnieuw aan."
                    ),
                )
            elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)
