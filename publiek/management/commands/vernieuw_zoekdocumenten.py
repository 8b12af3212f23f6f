"""manage.py vernieuw_zoekdocumenten

Recomputes the stored search document of every place and activity on PostgreSQL
(publiek/zoekdocument.py), and the labels they hold. Triggers keep the documents current on
every change; run this after changing the labels of choices or their translation, or after a
bulk load with triggers switched off. On SQLite there is nothing to do.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from publiek import zoekdocument


class Command(BaseCommand):
    help = "Bereken de zoekdocumenten van alle plekken en activiteiten opnieuw (PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite zoekt zonder opgeslagen zoekdocumenten; niets te doen.")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            locaties, activiteiten = zoekdocument.vernieuw_alles(cursor)
        self.stdout.write(
            f"Zoekdocumenten vernieuwd: {locaties} plekken, {activiteiten} activiteiten."
        )
