"""On PostgreSQL, two lettings (Verhuur) of one room may not share a day: an exclusion
constraint over (room, date range with both days included, open-ended without einddatum),
which needs the btree_gist extension for the equality on the room's id. It makes the check in
Verhuur.clean (locaties.models.overlapping_verhuringen) hold when two saves race. SQLite has
no such constraint; there the application check stands alone.

Not declared in Verhuur.Meta because Django's ExclusionConstraint would then be created on
SQLite too, where it cannot exist (as activiteiten/migrations/0004_occurrence_room_exclusion)."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "verhuur_ruimte_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE locaties_verhuur ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (ruimte_id WITH =, daterange(ingangsdatum, einddatum, '[]') WITH &&)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE locaties_verhuur DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("locaties", "0008_wijk_history")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint, elidable=False),
    ]
