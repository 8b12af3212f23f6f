"""Background jobs of the places: the import of a large wijk- en buurtkaart."""

from celery import shared_task
from django.utils.translation import gettext as _

from kern import taken
from locaties import wijkimport
from partners.models import Gemeente


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
    """The wijk import of the file kept in Taak `taak_id`. A second delivery of the same job
    finds it claimed or finished and does nothing (kern/taken.py); the import itself is one
    transaction, so a worker killed halfway leaves nothing half-saved for the next attempt."""
    taak = taken.claim(taak_id)
    if taak is None:
        return
    gemeenten = list(Gemeente.objects.filter(pk__in=gemeente_ids).order_by("naam"))
    try:
        verslag = wijkimport.import_wijken(
            bytes(taak.invoer or b""),
            gemeenten=gemeenten,
            door=taak.gestart_door,
            proef=proef,
            voortgang=lambda procent, bericht: taken.voortgang(taak, procent, bericht),
        )
    except wijkimport.ImportFout as fout:
        taken.mislukt(
            taak,
            _("Het bestand is niet geïmporteerd; er is niets veranderd."),
            {"problemen": fout.problemen},
        )
        return
    taken.klaar(taak, _("De import is klaar."), verslag_als_dict(verslag))
