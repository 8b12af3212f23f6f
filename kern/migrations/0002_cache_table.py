"""The table of the database cache, made by `migrate` so that no manual `createcachetable`
step can be forgotten (a missing table once made every address search answer 500). The
table is made whatever cache the settings name now: switching REDIS_URL off later needs
nothing else."""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

DEFAULT_TABLE = "django_cache"


def _tables() -> set[str]:
    tables = {DEFAULT_TABLE}
    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith(("db.DatabaseCache", "cache.ForgivingDatabaseCache")):
            tables.add(cache["LOCATION"])
    return tables


def create_tables(apps, schema_editor):
    alias = schema_editor.connection.alias
    command = CreateCacheTable()
    command.verbosity = 0
    for table in sorted(_tables()):
        # Does nothing when the table is there already (e.g. made by createcachetable).
        command.create_table(alias, table, dry_run=False)


def drop_tables(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    existing = set(schema_editor.connection.introspection.table_names())
    for table in sorted(_tables() & existing):
        schema_editor.execute(f"DROP TABLE {quote(table)}")


class Migration(migrations.Migration):
    dependencies = [("kern", "0001_initial")]

    operations = [migrations.RunPython(create_tables, drop_tables, elidable=False)]
