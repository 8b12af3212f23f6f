import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    """Give every existing Activiteit a uuid of its own, and its history rows the same one."""
    Model = apps.get_model("activiteiten", "Activiteit")
    History = apps.get_model("activiteiten", "HistoricalActiviteit")
    for pk in Model.objects.values_list("pk", flat=True).iterator():
        value = uuid.uuid4()
        Model.objects.filter(pk=pk).update(uuid=value)
        History.objects.filter(id=pk).update(uuid=value)


class Migration(migrations.Migration):
    dependencies = [("activiteiten", "0005_occurrence_indexes_ruimte_set_null")]

    operations = [
        migrations.AddField(
            model_name="activiteit",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="historicalactiviteit",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activiteit",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="publieke id"
            ),
        ),
        migrations.AlterField(
            model_name="historicalactiviteit",
            name="uuid",
            field=models.UUIDField(
                db_index=True, default=uuid.uuid4, editable=False, verbose_name="publieke id"
            ),
        ),
    ]
