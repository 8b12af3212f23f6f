"""Search by word (publiek/zoeken.py) on PostgreSQL: the pg_trgm and unaccent extensions, the
`ontmoeting_nl` text search configuration (Dutch stemming after unaccent), GIN indexes on the
searched texts, GiST trigram indexes for typo suggestions, an index on lower(plaats) for
recognising a place name and one on an activity's category. The index expressions are the ones zoeken.py queries with;
tests/publiek/test_zoeken.py checks on PostgreSQL that the plans use them.

On SQLite this migration does nothing: SQLite searches whole words with a Python function
(publiek/apps.py) and needs no index at its size.

Expression indexes rather than a stored search column: the searched texts live in three
tables (places, activities, organisations) and the labels of choices are matched in Python, so
a stored column would need every write path (forms, admin, imports, demo data) to refresh it;
an expression index is kept by PostgreSQL itself."""

from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Index
from django.db.models.functions import Lower

CONFIG = "ontmoeting_nl"


def _document(*velden):
    return SearchVector(*velden, config=CONFIG)


def _indexes():
    return [
        (
            "locaties",
            "Locatie",
            GinIndex(_document("naam", "omschrijving"), name="locatie_zoek_gin"),
        ),
        ("locaties", "Locatie", GinIndex(_document("naam"), name="locatie_naam_zoek_gin")),
        (
            "locaties",
            "Locatie",
            GistIndex(fields=["naam"], opclasses=["gist_trgm_ops"], name="locatie_naam_trgm"),
        ),
        ("locaties", "Locatie", Index(Lower("plaats"), name="locatie_plaats_lower_idx")),
        (
            "activiteiten",
            "Activiteit",
            GinIndex(_document("titel", "omschrijving"), name="activiteit_zoek_gin"),
        ),
        (
            "activiteiten",
            "Activiteit",
            GinIndex(_document("titel"), name="activiteit_titel_zoek_gin"),
        ),
        (
            "activiteiten",
            "Activiteit",
            GistIndex(
                fields=["titel"], opclasses=["gist_trgm_ops"], name="activiteit_titel_trgm"
            ),
        ),
        (
            "activiteiten",
            "Activiteit",
            Index(fields=["categorie", "status"], name="activiteit_categorie_idx"),
        ),
        ("partners", "Partner", GinIndex(_document("naam"), name="partner_zoek_gin")),
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.dutch)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem"
    )
    for app, model, index in _indexes():
        schema_editor.add_index(apps.get_model(app, model), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, model, index in _indexes():
        schema_editor.remove_index(apps.get_model(app, model), index)
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("locaties", "0005_history_tijden_bevestiging_ruimte_buiten_gebruik"),
        ("activiteiten", "0005_occurrence_indexes_ruimte_set_null"),
        ("partners", "0005_uitnodiging_lidmaatschap_history"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
