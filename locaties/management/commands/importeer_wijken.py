"""manage.py importeer_wijken FILE [--gemeente GM0355] [--dry-run]

Reads a CBS/PDOK wijk- en buurtkaart (GeoJSON, RD New or WGS84) and creates or updates the
wijken and buurten of the registered gemeenten, or of the one named; then gives the places
their wijk and buurt. See locaties/wijkimport.py for what is read and how.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from locaties.wijkimport import ImportFout, import_wijken
from partners.models import Gemeente


class Command(BaseCommand):
    help = (
        "Importeer wijken en buurten (grenzen, inwoners, aandeel 65-plussers) uit een "
        "GeoJSON-bestand van de CBS wijk- en buurtkaart."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="GeoJSON-bestand (RD New of WGS84)")
        parser.add_argument(
            "--gemeente",
            help="CBS-code van de gemeente, zoals GM0355; zonder: alle geregistreerde gemeenten",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en verslag geven; niets opslaan",
        )

    def handle(self, *args, bestand, gemeente=None, dry_run=False, **options):
        if gemeente:
            gemeenten = list(Gemeente.objects.filter(cbs_code=gemeente.strip().upper()))
            if not gemeenten:
                raise CommandError(f"Gemeente {gemeente} is niet geregistreerd.")
        else:
            gemeenten = list(Gemeente.objects.all())
            if not gemeenten:
                raise CommandError("Er zijn nog geen gemeenten geregistreerd.")
        try:
            inhoud = Path(bestand).read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {bestand} niet lezen: {error.strerror}.") from None
        try:
            # The national file is large in total; each boundary stays bounded.
            verslag = import_wijken(inhoud, gemeenten=gemeenten, proef=dry_run, max_punten=None)
        except ImportFout as fout:
            raise CommandError(
                "Het bestand is niet geïmporteerd; er is niets veranderd.\n"
                + "\n".join(fout.problemen)
            ) from None
        for regel in verslag.regels():
            self.stdout.write(regel)
        if verslag.aantal_overgeslagen:
            self.stdout.write(f"Overgeslagen ({verslag.aantal_overgeslagen}):")
        for regel in verslag.overgeslagen_regels():
            self.stdout.write(f"  - {regel}")
