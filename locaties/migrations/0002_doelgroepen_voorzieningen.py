from django.db import migrations

# The codes as they stand in locaties/constants.py when this migration was written. A later
# code gets its own migration, so this one keeps meaning the same thing.
DOELGROEPEN = [
    "iedereen", "ouderen", "lichamelijke_beperking", "verstandelijke_beperking",
    "psychische_kwetsbaarheid", "mantelzorgers", "jongeren", "gezinnen", "nieuwkomers",
    "werkzoekenden",
]
VOORZIENINGEN = [
    "keuken", "maaltijden", "postnl_punt", "computers", "wifi", "buitenruimte",
    "spreekuurruimte", "winkel", "bibliotheek", "beamer", "parkeren",
]


def load_codes(apps, schema_editor):
    Doelgroep = apps.get_model("locaties", "Doelgroep")
    Voorziening = apps.get_model("locaties", "Voorziening")
    for code in DOELGROEPEN:
        Doelgroep.objects.get_or_create(code=code)
    for code in VOORZIENINGEN:
        Voorziening.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("locaties", "0001_initial")]

    operations = [migrations.RunPython(load_codes, migrations.RunPython.noop)]
