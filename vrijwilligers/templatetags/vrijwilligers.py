"""The "Vrijwilliger worden" block of a public place page. A tag rather than context from the
place view, so publiek does not need to know this app: the template includes
vrijwilligers/_locatie.html.

The block is kept in the cache per place and language, with the place's stamp (its last
change and its activities' last change: a called-off activity takes its vacature off the
site); a vacature saved or deleted drops the place's copies (vrijwilligers/apps.py)."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from vrijwilligers.models import Vacature

register = template.Library()

MAX_VACATURES = 5
# Bounds how old a copy may be for what neither stamp nor a saved vacature shows.
CACHE_SECONDS = 300


def cache_key(locatie_pk: int, taal: str) -> str:
    return f"vrijwilligers:plek:{locatie_pk}:{taal}"


def forget_place(locatie_pk: int) -> None:
    """Drop the place's cached blocks in every language."""
    cache.delete_many([cache_key(locatie_pk, code) for code, _name in settings.LANGUAGES])


def block_context(locatie) -> dict:
    """The place's open vacatures, the first MAX_VACATURES by title: one query."""
    vacatures = (
        Vacature.objects.openbaar()
        .filter(locatie_id=locatie.pk)
        .only("pk", "titel", "wanneer")
        .order_by("titel", "pk")[:MAX_VACATURES]
    )
    return {"locatie": locatie, "vacatures": list(vacatures)}


@register.simple_tag
def vrijwilliger_worden(locatie, stamp: str):
    """The block for `locatie` at `stamp`, from the cache when it holds that stamp's copy."""
    key = cache_key(locatie.pk, get_language())
    cached = cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    html = render_to_string("vrijwilligers/_vrijwilliger_worden.html", block_context(locatie))
    cache.set(key, (stamp, html), CACHE_SECONDS)
    return html
