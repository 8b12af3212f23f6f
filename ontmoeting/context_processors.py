from django.conf import settings


def site(request):
    """What every page's base template needs."""
    return {"SITE_NAME": settings.SITE_NAME}
