"""Background jobs with a row in the database (kern.models.Taak): the person who started one
sees its progress, and a job delivered twice, or again after its worker died, is done once.

- `nieuwe_taak` makes the row (or finds the one with the same `sleutel`);
- a task `claim`s it: in a short transaction the row is locked (`SKIP LOCKED`: a second worker
  with the same job passes it by) and moved to `bezig`, unless it is finished, or another worker
  touched it less than TAAK_LEASE_SECONDS ago (so a job whose worker was killed is taken up
  again once the lease has run out);
- `voortgang` records progress as it goes, `klaar`/`mislukt` end it. Work that writes to the
  database calls `klaar` inside its own transaction, so the work and "done" commit together.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern.models import Taak


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "TAAK_LEASE_SECONDS", 300))


def nieuwe_taak(soort: str, *, door=None, sleutel: str | None = None, invoer=None) -> Taak:
    """A new job, or the existing one with the same `sleutel`."""
    if sleutel:
        try:
            with transaction.atomic():
                return Taak.objects.create(
                    soort=soort, sleutel=sleutel, gestart_door=door, invoer=invoer
                )
        except IntegrityError:
            return Taak.objects.get(sleutel=sleutel)
    return Taak.objects.create(soort=soort, gestart_door=door, invoer=invoer)


def claim(taak_id: int) -> Taak | None:
    """The job, now `bezig` for the caller; None when it is finished, runs elsewhere, or is
    gone."""
    with transaction.atomic():
        taak = Taak.objects.select_for_update(skip_locked=True).filter(pk=taak_id).first()
        if taak is None or taak.is_afgerond:
            return None
        if taak.status == Taak.Status.BEZIG and taak.bijgewerkt > timezone.now() - lease():
            return None
        taak.status = Taak.Status.BEZIG
        taak.pogingen += 1
        taak.save(update_fields=["status", "pogingen", "bijgewerkt"])
        return taak


def voortgang(taak: Taak, procent: int, bericht: str = "") -> None:
    taak.voortgang = max(0, min(100, procent))
    taak.bericht = str(bericht)[:300]
    Taak.objects.filter(pk=taak.pk).update(
        voortgang=taak.voortgang, bericht=taak.bericht, bijgewerkt=timezone.now()
    )


def klaar(taak: Taak, bericht: str = "", resultaat: dict | None = None) -> None:
    _einde(taak, Taak.Status.KLAAR, bericht, resultaat or {})


def mislukt(taak: Taak, bericht: str, resultaat: dict | None = None) -> None:
    _einde(taak, Taak.Status.MISLUKT, bericht, resultaat or {})


def _einde(taak: Taak, status: str, bericht: str, resultaat: dict) -> None:
    taak.status = status
    taak.voortgang = 100 if status == Taak.Status.KLAAR else taak.voortgang
    taak.bericht = str(bericht)[:300]
    taak.resultaat = resultaat
    taak.invoer = None
    taak.afgerond = timezone.now()
    taak.save(
        update_fields=[
            "status",
            "voortgang",
            "bericht",
            "resultaat",
            "invoer",
            "afgerond",
            "bijgewerkt",
        ]
    )
