"""Scheduled housekeeping of the background jobs themselves."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from kern.models import Taak


@shared_task
def ruim_taken_op() -> int:
    """Delete finished jobs older than TAAK_BEWAAR_DAGEN; running twice deletes nothing more.
    Returns the number deleted."""
    grens = timezone.now() - dt.timedelta(days=settings.TAAK_BEWAAR_DAGEN)
    deleted, _ = Taak.objects.filter(
        status__in=[Taak.Status.KLAAR, Taak.Status.MISLUKT], afgerond__lt=grens
    ).delete()
    return deleted


@shared_task
def ruim_sessies_op() -> None:
    """Delete expired sessions from the database (Django's `clearsessions`); idempotent."""
    call_command("clearsessions")
