"""Background jobs of the volunteers (ontmoeting/celery.py runs them; beat every night)."""

from celery import shared_task

from vrijwilligers.privacy import erase_expired


@shared_task
def wis_verlopen_gegevens() -> dict[str, int]:
    """The nightly `manage.py wis_vrijwilligersgegevens`: residents' names and contact details
    erased after the retention period. Running it twice erases nothing more the second time."""
    return erase_expired()
