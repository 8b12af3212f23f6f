"""Daily: erase residents' names and contact details VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN months
after their answer or request was closed. Safe to run more than once."""

from django.core.management.base import BaseCommand

from vrijwilligers.privacy import erase_expired


class Command(BaseCommand):
    help = "Wis namen en contactgegevens van vrijwilligers na de bewaartermijn."

    def handle(self, *args, **options):
        erased = erase_expired()
        self.stdout.write(
            f"{erased['reacties']} reacties en {erased['hulpvragen']} vragen gewist."
        )
