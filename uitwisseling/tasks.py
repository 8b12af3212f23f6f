"""Background jobs of the import: the dry run and the confirmed import of a large file.

The file is the stored Importbestand (its bytes are in the database, so any worker can read
it). A job is done once (kern/taken.py): a second delivery finds it claimed or finished and
does nothing, and the confirmed import commits together with "done" and the file's result,
after checking under row locks that no other delivery finished it first. The rights are
those of the person who started the job, checked again here: what they may no longer do is
refused as in the portal.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kern import taken
from kern.models import Taak
from partners import permissions
from uitwisseling import importeren, lezen
from uitwisseling.models import Importbestand

logger = logging.getLogger(__name__)

CONTROLE = "uitwisseling-controle"
IMPORT = "uitwisseling-import"
# Checking the rows is most of the work; the last part of the bar is for writing.
TOT_GECONTROLEERD = 90


class _AlGedaan(Exception):
    """Another delivery of the same job finished it meanwhile: this one is undone."""


def mag_nog_importeren(user) -> bool:
    """The portal's guards (editor_required and the import page's own check), again."""
    return (
        user is not None
        and user.is_active
        and permissions.is_member(user)
        and not permissions.requires_mfa_setup(user)
        and importeren.mag_importeren(user)
    )


@shared_task
def controleer_import(taak_id: int, bestand_id: int, taal: str = "nl") -> None:
    """The dry run of a large file: its report is stored with the file."""
    with translation.override(taal):
        _voer_uit(taak_id, bestand_id, proef=True)


@shared_task
def voer_import_uit(taak_id: int, bestand_id: int, taal: str = "nl") -> None:
    """The confirmed import of a large file: all or nothing, in one transaction."""
    with translation.override(taal):
        _voer_uit(taak_id, bestand_id, proef=False)


def _voer_uit(taak_id: int, bestand_id: int, *, proef: bool) -> None:
    taak = taken.claim(taak_id)
    if taak is None:
        return
    user = taak.gestart_door
    bestand = (
        Importbestand.objects.select_related("partner")
        .filter(pk=bestand_id, eigenaar=user)
        .first()
        if user is not None
        else None
    )
    if bestand is None:
        taken.mislukt(
            taak, _("Het bestand is er niet meer. Upload het opnieuw; er is niets veranderd.")
        )
        return
    if not mag_nog_importeren(user):
        taken.mislukt(taak, _("Je mag geen locaties (meer) importeren. Er is niets veranderd."))
        return
    vervolg = {"token": str(bestand.token)}
    if bestand.uitgevoerd_op:
        taken.klaar(taak, _("Dit bestand is al geïmporteerd."), vervolg)
        return
    try:
        gelezen = lezen.lees_bestand(bytes(bestand.inhoud))
    except lezen.Bestandsfout as fout:
        taken.mislukt(
            taak,
            _("Het bestand is niet te gebruiken; er is niets veranderd."),
            {"problemen": fout.problemen},
        )
        return

    def voortgang(gedaan: int, totaal: int) -> None:
        taken.voortgang(
            taak,
            gedaan * TOT_GECONTROLEERD // max(totaal, 1),
            _("%(gedaan)s van %(totaal)s rijen gecontroleerd.")
            % {"gedaan": gedaan, "totaal": totaal},
        )

    def afronden(verslag: importeren.Verslag) -> None:
        # Inside the import's transaction: the job's row and the file's are locked, so a
        # second delivery waits here and then finds the work done.
        if Taak.objects.select_for_update().get(pk=taak.pk).is_afgerond:
            raise _AlGedaan
        if Importbestand.objects.select_for_update().get(pk=bestand.pk).uitgevoerd_op:
            raise _AlGedaan
        Importbestand.objects.filter(pk=bestand.pk).update(
            verslag=verslag.as_dict(), inhoud=b"", uitgevoerd_op=timezone.now()
        )
        taken.klaar(taak, _("De import is klaar."), vervolg)

    try:
        verslag = importeren.importeer(
            gelezen,
            rechten=importeren.rechten_van(user, bestand.partner),
            bestandsnaam=bestand.bestandsnaam,
            proef=proef,
            status_nieuw=bestand.status_nieuw,
            voortgang=voortgang,
            bij_opslaan=None if proef else afronden,
        )
    except _AlGedaan:
        logger.info("taak %s: already done by another delivery; undone", taak.pk)
        return
    if verslag.uitgevoerd:
        logger.info("taak %s: import committed (attempt %s)", taak.pk, taak.pogingen)
        return
    # A dry run, or an import that found errors (the places changed since the dry run):
    # the report goes with the file, nothing else is written.
    with transaction.atomic():
        if Taak.objects.select_for_update().get(pk=taak.pk).is_afgerond:
            return
        Importbestand.objects.filter(pk=bestand.pk).update(verslag=verslag.as_dict())
        if proef:
            bericht = _("De controle is klaar. Er is nog niets opgeslagen.")
        else:
            bericht = _("Er zijn fouten gevonden; er is niets opgeslagen.")
        taken.klaar(taak, bericht, vervolg)
