"""The backup procedure of docs/backup.md: `pg_dump -Fc` of the database, `pg_restore` into a
fresh one, and every table comes back with the same rows (count and a checksum of the rows in
order)."""

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from tests.factories import ActiviteitFactory, LocatieFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump and pg_restore are PostgreSQL's; SQLite is backed up as a file",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="pg_dump and pg_restore are not installed",
    ),
]

# Row count and an md5 over the rows as text in their text order, for one table.
CHECKSUM = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
    "FROM {table} AS t"
)


def _env(settings_dict) -> dict:
    env = {**os.environ, "PGHOST": settings_dict["HOST"] or "", "PGUSER": settings_dict["USER"]}
    if settings_dict["PORT"]:
        env["PGPORT"] = str(settings_dict["PORT"])
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
    )
    return [row[0] for row in cursor.fetchall()]


def _fingerprint(cursor) -> dict[str, tuple]:
    found = {}
    for table in _tables(cursor):
        cursor.execute(CHECKSUM.format(table=table))
        found[table] = cursor.fetchone()
    return found


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_a_fresh_database_has_every_row_of_every_table(tmp_path):
    ActiviteitFactory(locatie=LocatieFactory(gepubliceerd=True))
    LocatieFactory(naam='Café Noord, "Zeist"\tmet tab', gepubliceerd=True)
    settings_dict = connection.settings_dict
    env = _env(settings_dict)
    dump = tmp_path / "ontmoeting.dump"
    subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "-f", str(dump), settings_dict["NAME"]],
        env=env,
        check=True,
    )
    restored = f"{settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        original = _fingerprint(cursor)
        cursor.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
            env=env,
            check=True,
        )
        copy = _fingerprint_of(restored, env)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    assert original.keys() == copy.keys()
    assert original == copy
    assert original["public.locaties_locatie"][0] >= 2
    assert original["public.activiteiten_activiteit"][0] >= 1


def _fingerprint_of(database: str, env: dict) -> dict[str, tuple]:
    with (
        psycopg.connect(
            dbname=database,
            host=env.get("PGHOST") or None,
            port=env.get("PGPORT"),
            user=env["PGUSER"],
            password=env.get("PGPASSWORD"),
        ) as other,
        other.cursor() as cursor,
    ):
        return _fingerprint(cursor)
