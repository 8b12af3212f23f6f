"""Public pages that a shared cache (a reverse proxy, a CDN) may keep, compressed.

A response is *public* when it is the same for every anonymous visitor: an anonymous GET or
HEAD answered with 200 (or 304 Not Modified, to a cache asking again with the page's ETag),
without a cookie set, whose page used no CSRF token (no form that posts) and that said
nothing itself about caching. Such a response gets
`Cache-Control: public, max-age=PUBLIC_CACHE_MAX_AGE` and is the only kind compressed.
Anything a signed-in person gets, and anything that sets a cookie, is marked `private` unless
the view said otherwise.

`Vary: Cookie` (added by Django's session middleware once the user is looked at) is kept: it is
what stops a cache from handing the anonymous page to someone signed in. A request without
cookies shares one cache entry with every other such request.

Compression and BREACH: BREACH recovers a secret from the compressed size of a page that also
reflects attacker-chosen text. Only public responses are compressed, and those hold no secret
at all (no CSRF token, nothing personal); pages with a form and all pages of signed-in people
stay uncompressed. Static files are compressed ahead of time by WhiteNoise.
"""

from django.conf import settings
from django.http import FileResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control


def is_public_response(request, response) -> bool:
    """The same answer for every anonymous visitor: safe to share and to compress."""
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in (200, 304)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
    )


class PublicCacheMiddleware:
    """Before (outside) the session and CSRF middleware, so it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_public_response(request, response):
            if settings.PUBLIC_CACHE_MAX_AGE > 0:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
        elif response.cookies or getattr(request, "user", None) and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip, for public responses only (see the module's note on BREACH)."""

    def process_response(self, request, response):
        if isinstance(response, FileResponse) or not is_public_response(request, response):
            return response  # static files come compressed from WhiteNoise
        return super().process_response(request, response)
