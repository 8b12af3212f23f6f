"""Import a file of places for one gemeente, as the portal does, without a size limit:
manage.py importeer_locaties FILE --gemeente GM0200 [--dry-run] [--ter-beoordeling]
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from locaties.constants import LocatieStatus
from partners.models import Gemeente
from uitwisseling import importeren, lezen


class Command(BaseCommand):
    help = "Importeer locaties (CSV of XLSX volgens het sjabloon) voor één gemeente."

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--gemeente", required=True, help="CBS-code, zoals GM0200")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")
        parser.add_argument(
            "--ter-beoordeling",
            action="store_true",
            help="Nieuwe locaties komen binnen als 'ter beoordeling' in plaats van concept.",
        )

    def handle(self, *args, bestand, gemeente, dry_run, ter_beoordeling, **options):
        try:
            gemeente_obj = Gemeente.objects.get(cbs_code__iexact=gemeente)
        except Gemeente.DoesNotExist:
            raise CommandError(f"Onbekende gemeente: {gemeente}") from None
        pad = Path(bestand)
        try:
            inhoud = pad.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {bestand} niet lezen: {error}") from None
        try:
            # No upload limit: a large file is what the command is for.
            gelezen = lezen.lees_bestand(inhoud, max_bytes=None)
        except lezen.Bestandsfout as fout:
            raise CommandError("\n".join(fout.problemen)) from None

        def voortgang(gedaan, totaal):
            self.stderr.write(f"\r{gedaan}/{totaal} rijen", ending="")
            if gedaan == totaal:
                self.stderr.write("")

        verslag = importeren.importeer(
            gelezen,
            rechten=importeren.rechten_voor_gemeente(gemeente_obj),
            bestandsnaam=pad.name,
            proef=dry_run,
            status_nieuw=(
                LocatieStatus.TER_BEOORDELING if ter_beoordeling else LocatieStatus.CONCEPT
            ),
            voortgang=voortgang if sys.stderr.isatty() else None,
        )
        for melding in verslag.waarschuwingen:
            self.stdout.write(f"Let op: {melding.blad} {melding}")
        for melding in verslag.fouten:
            self.stdout.write(f"Fout: {melding.blad} {melding}")
        for blad, telling in verslag.tellingen.items():
            self.stdout.write(
                f"{blad}: {telling['nieuw']} nieuw, {telling['gewijzigd']} gewijzigd, "
                f"{telling['ongewijzigd']} ongewijzigd, {telling['geweigerd']} geweigerd"
            )
        if verslag.fouten:
            raise CommandError(f"{len(verslag.fouten)} fouten: er is niets opgeslagen.")
        self.stdout.write(
            "Alleen gecontroleerd; er is niets opgeslagen." if dry_run else "Opgeslagen."
        )
