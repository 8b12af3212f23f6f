from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from partners import permissions


def site(request):
    """What every page's base template needs."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "language_switch": language_switch(request),
        # Asked only when a page shows the staff link, so public pages pay no query for it.
        "portal_member": SimpleLazyObject(lambda: permissions.is_member(request.user)),
        # The portal's menu links the rooms overview for those who manage rooms; answered by
        # the same query as portal_member.
        "portal_ruimten": SimpleLazyObject(lambda: permissions.manages_ruimten(request.user)),
    }


def language_switch(request) -> dict:
    """The other language and this page's address in it, for the header's language switch.

    The switch is a plain link (every public address carries its language), so a page needs
    no form and no CSRF cookie for it and stays cacheable. The address is translated here,
    while the page's own language is active."""
    current = get_language()
    other = next(code for code, _ in settings.LANGUAGES if code != current)
    return {"code": other, "next": translate_url(request.get_full_path(), other)}
