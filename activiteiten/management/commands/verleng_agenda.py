"""`manage.py verleng_agenda`: the daily run that keeps every activity's dates stored up to the
horizon (activiteiten/occurrences.py). Safe to run more often, or again after a missed day:
it adds only what is missing."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activiteiten.occurrences import extend_horizon

# The summary names this many dates stored without their room, then counts the rest.
NAMED_OVERLAPS = 20


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Geef een datum als 2027-12-31.")) from None


class Command(BaseCommand):
    help = (
        "Zet de datums van alle activiteiten tot de horizon in de agenda (standaard vandaag "
        "plus OCCURRENCE_HORIZON_MONTHS maanden) en rolt nieuwe activiteiten uit. Bedoeld "
        "voor een dagelijkse cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tot",
            type=iso_date,
            help="Tot en met deze datum (JJJJ-MM-DD) in plaats van de horizon.",
        )

    def handle(self, *args, tot=None, **options):
        started = time.monotonic()
        result = extend_horizon(tot)
        seconds = time.monotonic() - started
        tot_tekst = formats.date_format(result.tot, "j F Y")
        if not result.activiteiten and not result.overgeslagen:
            self.stdout.write(
                _("Alle activiteiten staan al tot en met %(tot)s in de agenda.")
                % {"tot": tot_tekst}
            )
            return
        self.stdout.write(
            ngettext(
                "Agenda verlengd tot en met %(tot)s: %(n)d activiteit (%(nieuw)d nieuw), "
                "%(datums)d datums toegevoegd in %(sec)s s.",
                "Agenda verlengd tot en met %(tot)s: %(n)d activiteiten (%(nieuw)d nieuw), "
                "%(datums)d datums toegevoegd in %(sec)s s.",
                result.activiteiten,
            )
            % {
                "tot": tot_tekst,
                "n": result.activiteiten,
                "nieuw": result.nieuw,
                "datums": result.datums,
                "sec": formats.number_format(seconds, 1),
            }
        )
        if result.overlappingen:
            self.stdout.write(
                self.style.WARNING(
                    ngettext(
                        "%(n)d datum valt samen met een andere activiteit in dezelfde ruimte. "
                        "Hij staat in de agenda, maar houdt de ruimte niet vast; los het op "
                        "in het portaal:",
                        "%(n)d datums vallen samen met een andere activiteit in dezelfde "
                        "ruimte. Ze staan in de agenda, maar houden de ruimte niet vast; los "
                        "het op in het portaal:",
                        len(result.overlappingen),
                    )
                    % {"n": len(result.overlappingen)}
                )
            )
            for overlap in result.overlappingen[:NAMED_OVERLAPS]:
                self.stdout.write(
                    "- "
                    + _("%(titel)s op %(datum)s: de ruimte is dan bezet door %(ander)s")
                    % {
                        "titel": overlap.titel,
                        "datum": formats.date_format(overlap.datum.datum, "D j-n-Y"),
                        "ander": overlap.bezet_door,
                    }
                )
            more = len(result.overlappingen) - NAMED_OVERLAPS
            if more > 0:
                self.stdout.write(
                    ngettext("… en nog %(n)d datum.", "… en nog %(n)d datums.", more) % {"n": more}
                )
        if result.overgeslagen:
            self.stdout.write(
                self.style.WARNING(
                    ngettext(
                        "%(n)d activiteit is overgeslagen omdat haar ruimte intussen werd "
                        "geboekt; de volgende run probeert het opnieuw.",
                        "%(n)d activiteiten zijn overgeslagen omdat hun ruimte intussen werd "
                        "geboekt; de volgende run probeert het opnieuw.",
                        len(result.overgeslagen),
                    )
                    % {"n": len(result.overgeslagen)}
                )
            )
