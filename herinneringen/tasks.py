"""The daily reminders as a Celery task (beat: CELERY_BEAT_SCHEDULE in settings), the same
function as the `stuur_herinneringen` command."""

from celery import shared_task

from herinneringen.versturen import stuur_herinneringen as run


@shared_task
def stuur_herinneringen() -> int:
    """Send the reminders now due; the number of e-mails sent."""
    return run().emails
