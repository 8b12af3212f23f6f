import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
application = get_wsgi_application()

# Fail at start rather than at the first request that signs a cookie.
try:
    settings.SECRET_KEY  # noqa: B018 - Django raises on reading an empty key
except ImproperlyConfigured:
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or DEBUG=true for development; `make run` does that)."
    ) from None
