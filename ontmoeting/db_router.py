"""Reads of anonymous public pages go to the read replica; everything else to the primary.

With DATABASE_REPLICA_URL set, settings add a "replica" database. `ReplicaMiddleware` marks a
request as one that may read from it: an anonymous GET or HEAD outside the staff portal, the
admin and the account pages. Everything a signed-in person does, every write, every read inside
a transaction, and all work outside a request (commands, Celery tasks) uses the primary — so a
staff member sees their own change at once, whatever the replica's lag.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"

_may_read_replica: ContextVar[bool] = ContextVar("may_read_replica", default=False)

# State that a request may just have written (sessions, the database cache: rate limits, locks)
# is always read from the primary, whatever the request.
PRIMARY_APPS = {"sessions", "django_cache"}

# Paths (after the language prefix) whose reads always go to the primary.
PRIMARY_PATHS = ("/beheer/", "/admin/", "/accounts/", "/i18n/", "/readyz")


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def may_read_replica() -> bool:
    return _may_read_replica.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _may_read_replica.get()
            and model._meta.app_label not in PRIMARY_APPS
            and replica_configured()
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by streaming replication; nothing migrates there.
        return db != REPLICA


def _public_path(path: str) -> bool:
    for prefix, _name in settings.LANGUAGES:
        if prefix != settings.LANGUAGE_CODE and path.startswith(f"/{prefix}/"):
            path = path[len(prefix) + 1 :]
            break
    return not path.startswith(PRIMARY_PATHS)


class ReplicaMiddleware:
    """After AuthenticationMiddleware: may this request read from the replica?"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = (
            replica_configured()
            and request.method in ("GET", "HEAD")
            and _public_path(request.path_info)
            and not request.user.is_authenticated
        )
        token = _may_read_replica.set(allowed)
        try:
            return self.get_response(request)
        finally:
            _may_read_replica.reset(token)
