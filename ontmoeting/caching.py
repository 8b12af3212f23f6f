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

The app keeps those public pages itself too (`AnonymousPageCacheMiddleware`): a visitor who
sends no cookie at all gets the page from the cache for as long as its `max-age` allows, the
same as a shared cache in front would give it. Anyone with a cookie (every signed-in person has
a session cookie) is served by the app as before.

Compression and BREACH: BREACH recovers a secret from the compressed size of a page that also
reflects attacker-chosen text. Only public responses are compressed, and those hold no secret
at all (no CSRF token, nothing personal); pages with a form and all pages of signed-in people
stay uncompressed. Static files are compressed ahead of time by WhiteNoise.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    get_max_age,
    learn_cache_key,
    patch_cache_control,
)

PAGE_CACHE_PREFIX = "publieke-pagina"


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


def may_come_from_cache(request) -> bool:
    """A plain GET by a visitor who sends no cookie and no credentials: someone signed in
    always sends a session cookie, so they never reach the cache."""
    return (
        settings.PUBLIC_PAGE_CACHE
        and request.method == "GET"
        and not request.META.get("HTTP_COOKIE")
        and "HTTP_AUTHORIZATION" not in request.META
    )


def may_keep(request, response) -> bool:
    """A complete public page (see `is_public_response`) that says a shared cache may keep
    it for a while."""
    return (
        response.status_code == 200
        and not response.streaming
        and is_public_response(request, response)
        and "public" in response.get("Cache-Control", "")
        and (get_max_age(response) or 0) > 0
    )


class AnonymousPageCacheMiddleware:
    """Outside PublicGZipMiddleware and PublicCacheMiddleware, so it keeps the page as sent
    (compressed or not, with its Cache-Control and ETag); the key follows the page's Vary
    headers (Django's `learn_cache_key`), so a compressed page goes only to those who asked
    for one. A page is kept for its own `max-age`, never longer; an ETag the visitor sends
    back gets 304 Not Modified from the cache too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_come_from_cache(request):
            return self.get_response(request)
        key = get_cache_key(request, PAGE_CACHE_PREFIX, "GET", cache=cache)
        cached = cache.get(key) if key is not None else None
        if cached is not None:
            return get_conditional_response(request, etag=cached.get("ETag"), response=cached)
        response = self.get_response(request)
        if may_keep(request, response):
            seconds = get_max_age(response)
            key = learn_cache_key(request, response, seconds, PAGE_CACHE_PREFIX, cache=cache)
            cache.set(key, response, seconds)
        return response
