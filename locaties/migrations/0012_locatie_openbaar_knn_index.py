""" "Near me" on PostgreSQL: the `cube` extension and a GiST index on the point of every public
place with coordinates as a unit vector (locaties.geo.UnitVector), which PostgreSQL walks in
order of distance (`<->`, locaties.geo.KnnDistance). The index's condition is what "public"
means for a place (LocatieQuerySet.openbaar_q), so the queries of the public pages imply it.

Not earthdistance's ll_to_earth: an index on it fails to restore with pg_restore on
PostgreSQL 15 (`type "earth" does not exist`, its SQL body is not schema-qualified), while
`cube(float8[])` is a C function and restores like any other index.

On SQLite this migration does nothing: "near me" narrows by boxes on the (latitude,
longitude) index there (locaties.geo.nearest)."""

from django.contrib.postgres.indexes import GistIndex
from django.db import migrations
from django.db.models import F, Q

from locaties.geo import KNN_INDEX, UnitVector
from locaties.models import LocatieQuerySet


def _index():
    return GistIndex(
        UnitVector(F("latitude"), F("longitude")),
        condition=LocatieQuerySet.openbaar_q()
        & Q(latitude__isnull=False, longitude__isnull=False),
        name=KNN_INDEX,
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS cube")
    schema_editor.add_index(apps.get_model("locaties", "Locatie"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("locaties", "Locatie"), _index())


class Migration(migrations.Migration):
    dependencies = [("locaties", "0011_locatie_gewijzigd_op_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
