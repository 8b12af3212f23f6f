from django.conf import settings


def site(request):
    """What every page's base template needs."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
