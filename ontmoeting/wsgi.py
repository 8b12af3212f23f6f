import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
application = get_wsgi_application()

# Fail at start rather than at the first request that signs a cookie or writes a record.
try:
    settings.SECRET_KEY  # noqa: B018 - Django raises on reading an empty key
except ImproperlyConfigured:
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or DEBUG=true for development; `make run` does that)."
    ) from None
if not settings.DEBUG and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # App servers keep nothing on their own disk; production data lives in PostgreSQL.
    raise ImproperlyConfigured("Set DATABASE_URL to a PostgreSQL database (postgres://…).")
