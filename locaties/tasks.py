"""Background jobs of the places: the import of a large wijk- en buurtkaart."""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from kern import taken
from kern.models import Taak
from locaties import wijkimport
from partners.models import Gemeente

logger = logging.getLogger(__name__)


class _AlGedaan(Exception):
    """Another delivery of the same job finished it meanwhile: this one is undone."""


def verslag_als_dict(verslag: wijkimport.ImportVerslag) -> dict:
    """What the import page shows of a report (also kept in the session after a small import)."""
    return {
        "regels": verslag.regels(),
        "overgeslagen": verslag.overgeslagen_regels(),
        "aantal_overgeslagen": verslag.aantal_overgeslagen,
        "proef": verslag.proef,
        "geimporteerd": bool(verslag.aantal_verwerkt),
    }


@shared_task
def importeer_wijken(taak_id: int, gemeente_ids: list[int], proef: bool) -> None:
    """The wijk import of the file kept in Taak `taak_id`, done once: a second delivery finds
    the job claimed or finished and does nothing (kern/taken.py), and the import commits
    together with "done" after checking, under the job's row lock, that no other delivery
    finished it first. A worker killed halfway leaves nothing half-saved; the job is taken up
    again when its lease has run out."""
    taak = taken.claim(taak_id)
    if taak is None:
        return
    gemeenten = list(Gemeente.objects.filter(pk__in=gemeente_ids).order_by("naam"))

    def afronden(verslag):
        if Taak.objects.select_for_update().get(pk=taak.pk).is_afgerond:
            raise _AlGedaan
        taken.klaar(taak, _("De import is klaar."), verslag_als_dict(verslag))

    try:
        verslag = wijkimport.import_wijken(
            bytes(taak.invoer or b""),
            gemeenten=gemeenten,
            door=taak.gestart_door,
            proef=proef,
            voortgang=lambda procent, bericht: taken.voortgang(taak, procent, bericht),
            bij_opslaan=afronden,
        )
    except _AlGedaan:
        logger.info("taak %s: already done by another delivery; undone", taak.pk)
        return
    except wijkimport.ImportFout as fout:
        taken.mislukt(
            taak,
            _("Het bestand is niet geïmporteerd; er is niets veranderd."),
            {"problemen": fout.problemen},
        )
        return
    if proef:
        taken.klaar(taak, _("De controle is klaar."), verslag_als_dict(verslag))
    logger.info("taak %s: wijkimport committed (attempt %s)", taak.pk, taak.pogingen)
