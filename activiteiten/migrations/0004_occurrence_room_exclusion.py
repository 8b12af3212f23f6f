"""On PostgreSQL, two occurrences may not hold the same room at overlapping times: an exclusion
constraint over (room, time range), which needs the btree_gist extension for the equality on
the room's id. It makes the application's check in activiteiten/occurrences.py hold when two
saves race. SQLite has no such constraint; there the application check stands alone.

The constraint is not declared in Occurrence.Meta because Django's ExclusionConstraint would
then be created on SQLite too, where it cannot exist."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "occurrence_ruimte_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE activiteiten_occurrence ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (ruimte_bezet_id WITH =, tstzrange(begin, einde, '[)') WITH &&) "
        "WHERE (ruimte_bezet_id IS NOT NULL)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE activiteiten_occurrence DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("activiteiten", "0003_occurrences")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint, elidable=False),
    ]
