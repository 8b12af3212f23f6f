"""The cache backends the settings choose from: Redis in production, else the database.

The Redis backend is Django's, with one `redis.Redis` kept per connection pool
(`RedisCacheClient`). The database cache is made forgiving: a missing or unreadable cache table
means no cache, never a 500.

The table comes with `migrate` (kern/migrations/0002_cache_table.py), so this only matters on a
database that was set up some other way or while a release is half migrated. On an error the
operation answers as if the cache were empty (a `get` misses, a `set` stores nothing, an `add`
reports it added nothing) and logs a warning once; the table is looked for again after
RETRY_SECONDS, so it comes back by itself once `migrate` has run.

On PostgreSQL an error inside a transaction spoils the transaction, so there, inside an atomic
block, an operation runs in a savepoint until the table has once been seen working in this
process.
"""

import logging
import time

from django.core.cache.backends import redis as redis_backend
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)


class RedisCacheClient(redis_backend.RedisCacheClient):
    """Django's client, which builds a new `redis.Redis` for every operation; redis-py's
    constructor registers some 170 response callbacks each time, which cost more than the
    round trip of a cache read. One is kept per connection pool (it is thread-safe: the
    pool hands out the connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis_backend.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


RETRY_SECONDS = 60

# What each operation answers when the cache cannot be read or written.
_FALLBACK = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "set": lambda args, kwargs: None,
    "add": lambda args, kwargs: False,
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "has_key": lambda args, kwargs: False,
    "clear": lambda args, kwargs: None,
}


class ForgivingDatabaseCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._missing_until = 0.0
        self._seen_working = False

    def _guarded(self, name, *args, **kwargs):
        if time.monotonic() < self._missing_until:
            return _FALLBACK[name](args, kwargs)
        operation = getattr(super(), name)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        try:
            if (
                not self._seen_working
                and connection.in_atomic_block
                and connection.vendor == "postgresql"
            ):
                with transaction.atomic(using=alias):
                    result = operation(*args, **kwargs)
            else:
                result = operation(*args, **kwargs)
        except DatabaseError as error:
            if self._missing_until == 0.0 or self._seen_working:
                logger.warning(
                    "Cache table %s cannot be used (%s); going on without a cache. "
                    "Run `manage.py migrate`.",
                    self._table,
                    error,
                )
            self._missing_until = time.monotonic() + RETRY_SECONDS
            self._seen_working = False
            return _FALLBACK[name](args, kwargs)
        self._seen_working = True
        return result

    def get(self, *args, **kwargs):
        return self._guarded("get", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._guarded("get_many", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guarded("set", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guarded("add", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded("delete", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded("delete_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guarded("has_key", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._guarded("clear", *args, **kwargs)
