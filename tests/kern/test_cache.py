"""The cache table comes with `migrate`, and a missing table means no cache, not a 500."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import LocatieFactory


def _tables():
    return set(connection.introspection.table_names())


@pytest.fixture
def zonder_cachetabel(db, settings):
    """The database cache without its table, as on a database where it was never made."""
    settings.CACHES = {
        "default": {"BACKEND": "kern.cache.ForgivingDatabaseCache", "LOCATION": "geen_tabel"}
    }
    # Django's test signals give the cache handler the new settings.
    return caches["default"]


def test_migrate_makes_the_cache_table(db):
    assert "django_cache" in _tables()


def test_the_cache_migration_can_be_undone_and_done_again(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("kern", "0001_initial")])
    assert "django_cache" not in _tables()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "django_cache" in _tables()


def test_the_database_cache_stores_and_reads_with_its_table(db):
    cache = caches["default"]
    cache.set("sleutel", {"a": 1}, 60)
    assert cache.get("sleutel") == {"a": 1}
    assert cache.add("sleutel", 2) is False


def test_without_its_table_the_cache_misses_instead_of_failing(zonder_cachetabel):
    cache = zonder_cachetabel
    cache.set("sleutel", 1, 60)
    assert cache.get("sleutel") is None
    assert cache.get("sleutel", "standaard") == "standaard"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("sleutel", 1) is False
    assert cache.has_key("sleutel") is False
    with pytest.raises(ValueError):
        cache.incr("sleutel")


def test_an_address_search_answers_without_a_cache_table(zonder_cachetabel, client, settings):
    settings.PDOK_LOCATIESERVER_URL = "http://127.0.0.1:9/"
    LocatieFactory(naam="Buurthuis De Kolk", plaats="Apeldoorn")
    response = client.get("/locaties/", {"q": "Apeldoorn"})
    assert response.status_code == 200


def test_createcachetable_after_migrate_finds_nothing_to_do(db):
    call_command("createcachetable", verbosity=0)
    assert "django_cache" in _tables()


# --- Redis -------------------------------------------------------------------------------------


@pytest.fixture
def redis_server(tmp_path):
    """A throw-away redis-server on a free port, when the machine has one (production's cache;
    `make test` runs on the database cache without it)."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            with socket.socket() as attempt:
                if attempt.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_redis_cache_keeps_one_client_for_every_operation():
    from kern.cache import RedisCache

    backend = RedisCache("redis://127.0.0.1:9/0", {})  # no server needed: nothing is sent

    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_the_redis_cache_stores_and_reads(redis_server):
    from kern.cache import RedisCache

    backend = RedisCache(redis_server, {})
    backend.set("plek", {"naam": "De Linde"}, 30)
    backend.set_many({"a": 1, "b": 2}, 30)

    assert backend.get("plek") == {"naam": "De Linde"}
    assert backend.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    backend.delete_many(["a", "b"])
    assert backend.get("a") is None
