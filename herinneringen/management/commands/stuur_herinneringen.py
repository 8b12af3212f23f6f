"""Daily: e-mail each person what is newly due for them (places to review, details to confirm,
agreements and financing that end). Safe to run more than once: running it again sends
nothing new. Celery beat runs the same function (herinneringen/tasks.py)."""

from django.core.management.base import BaseCommand

from herinneringen.versturen import stuur_herinneringen


class Command(BaseCommand):
    help = "Stuur de herinneringen per e-mail die nu aan de beurt zijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Laat zien wie wat zou krijgen; verstuur en bewaar niets.",
        )

    def handle(self, *args, dry_run=False, **options):
        resultaat = stuur_herinneringen(dry_run=dry_run)
        for email, aantal in sorted(resultaat.per_persoon.items()):
            self.stdout.write(f"  {email}: {aantal}")
        verb = "zou versturen" if dry_run else "verstuurd"
        self.stdout.write(
            f"{resultaat.emails} e-mails {verb} met {resultaat.items} herinneringen; "
            f"{resultaat.overgeslagen_voorkeur} uitgezet door de ontvanger; "
            f"{resultaat.mislukt} mislukt (volgende keer opnieuw)."
        )
        if resultaat.onbevestigd:
            self.stderr.write(
                f"{resultaat.onbevestigd} herinneringen van een eerdere run zijn geclaimd maar "
                "niet als verstuurd gemarkeerd (onderbroken tijdens het versturen); ze worden "
                "niet opnieuw verstuurd."
            )
