"""What the benchmark scripts share: a throw-away PostgreSQL database beside the one
DATABASE_URL names (created, and dropped afterwards also when the run fails), Django set up on
it, and one row of a timing table."""

import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, name: str) -> str:
    """`url` with its database name replaced by `name`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def admin_conninfo(url: str) -> str:
    """psycopg wants postgresql://; DATABASE_URL may say postgres://."""
    return "postgresql://" + url.split("://", 1)[1]


def on_throwaway_database(
    prefix: str, run: Callable[[str], int], *, keep: bool = False, reuse: str = ""
) -> int:
    """Create the database `<prefix>_<pid>` on the server DATABASE_URL names, call `run` with
    its URL, and drop it afterwards (unless `keep`). With `reuse`, that database instead:
    created when missing, kept afterwards, so a second run can skip filling it (the script
    decides). 2 when DATABASE_URL is not PostgreSQL."""
    import psycopg

    base_url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not base_url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at a PostgreSQL server (postgres://…).", file=sys.stderr)
        return 2
    name = reuse or f"{prefix}_{os.getpid()}"
    admin = admin_conninfo(base_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}", flush=True)
    try:
        return run(with_database(base_url, name))
    finally:
        if not keep and not reuse:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"Dropped database {name}")


def setup_django(url: str) -> None:
    """Django on the database at `url`, with the project's settings (DEBUG on, as `make run`)."""
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def summary(label: str, seconds: list[float], queries: list[int] | None = None) -> str:
    """'| label | runs | median | p95 | max | queries (mean) | queries (max) |' in ms."""
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    queries_text = " | – | –"
    if queries:
        queries_text = f" | {statistics.mean(queries):.2f} | {max(queries)}"
    return (
        f"| {label} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f}"
        f"{queries_text} |"
    )


def machine_line() -> str:
    """The database and machine a table was measured on, to print above it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        version = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"{version}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        "times in ms (wall clock, Python + database)"
    )
