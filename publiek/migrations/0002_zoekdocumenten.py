"""Search by word on PostgreSQL reads one stored search document per place and per activity
(publiek/zoekdocument.py): the `zoekdocument` tsvector columns with their GIN indexes, the
label table, the functions that compute a document and the triggers that keep them current;
then every document is filled. On SQLite this migration does nothing (zoeken.py searches
whole words in Python there)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from publiek import zoekdocument

    with schema_editor.connection.cursor() as cursor:
        zoekdocument.installeer(cursor)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from publiek import zoekdocument

    with schema_editor.connection.cursor() as cursor:
        zoekdocument.verwijder(cursor)


class Migration(migrations.Migration):
    dependencies = [
        ("publiek", "0001_search_indexes"),
        ("locaties", "0010_openbaar_naam_index"),
        ("activiteiten", "0006_activiteit_public_uuid"),
        ("partners", "0007_uitnodiging_ingetrokken_door"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
