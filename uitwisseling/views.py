"""The portal's import and export pages (/beheer/uitwisseling/…).

Import: upload → dry run, stored with the file in an Importbestand → the preview page says
per row what would happen and lists every error → confirm → the same import, for real, in one
transaction → the result page. A large file (`is_groot`: more places than
settings.UITWISSELING_SYNC_RIJEN, or five times as many rows over all sheets) does not hold a
request open: its dry run and its import run as background jobs (uitwisseling/tasks.py) and
the person follows them on the job's progress page (beheer:taak), which links on to the
preview or the result.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from kern import taken
from locaties.constants import LocatieStatus
from partners import permissions
from partners.decorators import editor_required, member_required
from uitwisseling import exporteren, importeren, lezen, tasks
from uitwisseling.forms import ImportForm
from uitwisseling.kolommen import BLADEN, LOCATIES
from uitwisseling.models import Importbestand

BEWAAR_DUUR = dt.timedelta(days=1)
TOON_MAX = 500  # rows and messages shown on a page; the rest is counted


def is_groot(gelezen: lezen.Gelezen) -> bool:
    """Whether a file is checked and imported as a background job."""
    grens = settings.UITWISSELING_SYNC_RIJEN
    aantal = len(gelezen.tabellen[LOCATIES.naam].rijen)
    return aantal > grens or gelezen.aantal_rijen > grens * 5


def opruimen() -> None:
    """Files older than a day are removed, confirmed or not."""
    Importbestand.objects.filter(aangemaakt_op__lt=timezone.now() - BEWAAR_DUUR).delete()


def _bestandsnaam(naam: str) -> str:
    naam = "".join(c for c in (naam or "") if c.isprintable()).strip()
    return naam[-255:] or "bestand"


@editor_required
def upload(request):
    """Upload a file; its dry run is stored and shown on the preview page."""
    user = request.user
    if not importeren.mag_importeren(user):
        raise Http404
    partners = permissions.registering_partners(user).order_by("naam")
    mag_beoordelen = permissions.own_gemeenten(user).exists()
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        partners=partners,
        mag_beoordelen=mag_beoordelen,
    )
    problemen = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        inhoud = upload.read()
        try:
            gelezen = lezen.lees_bestand(inhoud)
        except lezen.Bestandsfout as fout:
            problemen = fout.problemen
        else:
            partner = form.cleaned_data["partner"]
            status_nieuw = form.cleaned_data.get("status_nieuw") or LocatieStatus.CONCEPT
            naam = _bestandsnaam(upload.name)
            opruimen()
            if is_groot(gelezen):
                # The dry run as a background job; its page shows how far it is.
                bestand = Importbestand.objects.create(
                    eigenaar=user,
                    bestandsnaam=naam,
                    inhoud=inhoud,
                    partner=partner,
                    status_nieuw=status_nieuw,
                    op_achtergrond=True,
                )
                return _start(request, bestand, tasks.CONTROLE, tasks.controleer_import)
            verslag = importeren.importeer(
                gelezen,
                rechten=importeren.rechten_van(user, partner),
                bestandsnaam=naam,
                proef=True,
                status_nieuw=status_nieuw,
            )
            bestand = Importbestand.objects.create(
                eigenaar=user,
                bestandsnaam=naam,
                inhoud=inhoud,
                partner=partner,
                status_nieuw=status_nieuw,
                verslag=verslag.as_dict(),
            )
            return redirect("beheer:uitwisseling_controle", token=bestand.token)
    return render(
        request,
        "beheer/uitwisseling/importeren.html",
        {
            "form": form,
            "problemen": problemen,
            "max_rijen": settings.UITWISSELING_SYNC_RIJEN,
            "bladen": BLADEN,
        },
    )


def _start(request, bestand: Importbestand, soort: str, task) -> HttpResponse:
    """A background job for `bestand` (one per file and step: a second click finds the same
    one), started once this request's writes are committed; on to its progress page."""
    taak = taken.nieuwe_taak(soort, door=request.user, sleutel=f"{soort}-{bestand.token}")
    Importbestand.objects.filter(pk=bestand.pk).update(taak=taak)
    if taak.status == taak.Status.WACHTEND and not taak.pogingen:
        taal = get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: task.delay(taak.pk, bestand.pk, taal))
    return redirect("beheer:taak", pk=taak.pk)


def _eigen_bestand(request, token) -> Importbestand:
    return get_object_or_404(
        Importbestand.objects.select_related("taak")
        .defer("inhoud", "taak__invoer")
        .filter(aangemaakt_op__gte=timezone.now() - BEWAAR_DUUR),
        token=token,
        eigenaar=request.user,
    )


def _verslag_context(bestand: Importbestand) -> dict:
    verslag = importeren.Verslag.from_dict(bestand.verslag)
    per_blad = {}
    for melding in verslag.fouten[:TOON_MAX]:
        per_blad.setdefault(melding.blad, []).append(melding)
    return {
        "bestand": bestand,
        "verslag": verslag,
        "tellingen": [
            (blad.naam, verslag.tellingen[blad.naam])
            for blad in BLADEN
            if blad.naam in verslag.tellingen
        ],
        "fouten_per_blad": list(per_blad.items()),
        "meer_fouten": max(0, len(verslag.fouten) - TOON_MAX),
        "waarschuwingen": verslag.waarschuwingen[:TOON_MAX],
        "meer_waarschuwingen": max(0, len(verslag.waarschuwingen) - TOON_MAX),
        "rijen": [r for r in verslag.rijen if r.actie != importeren.ONGEWIJZIGD][:TOON_MAX],
        "meer_rijen": max(
            0,
            sum(1 for r in verslag.rijen if r.actie != importeren.ONGEWIJZIGD) - TOON_MAX,
        ),
    }


@editor_required
def controle(request, token):
    """The dry run's outcome; confirming runs the import for real."""
    bestand = _eigen_bestand(request, token)
    if bestand.uitgevoerd_op:
        return redirect("beheer:uitwisseling_resultaat", token=bestand.token)
    if bestand.taak and not bestand.taak.is_afgerond:
        return redirect("beheer:taak", pk=bestand.taak.pk)
    if not bestand.verslag:
        # The dry run's job failed (its page says why) or its job is gone.
        if bestand.taak:
            return redirect("beheer:taak", pk=bestand.taak.pk)
        raise Http404
    if request.method == "POST" and bestand.op_achtergrond:
        if importeren.Verslag.from_dict(bestand.verslag).fouten:
            # Nothing to confirm: the page says what to fix.
            return render(request, "beheer/uitwisseling/controle.html", _verslag_context(bestand))
        return _start(request, bestand, tasks.IMPORT, tasks.voer_import_uit)
    if request.method == "POST":
        inhoud = bytes(
            Importbestand.objects.filter(pk=bestand.pk).values_list("inhoud", flat=True)[0]
        )
        try:
            gelezen = lezen.lees_bestand(inhoud)
        except lezen.Bestandsfout:  # it was read before; a file does not change
            raise Http404 from None
        verslag = importeren.importeer(
            gelezen,
            rechten=importeren.rechten_van(request.user, bestand.partner),
            bestandsnaam=bestand.bestandsnaam,
            proef=False,
            status_nieuw=bestand.status_nieuw,
        )
        bestand.verslag = verslag.as_dict()
        if verslag.uitgevoerd:
            bestand.inhoud = b""
            bestand.uitgevoerd_op = timezone.now()
            bestand.save(update_fields=["verslag", "inhoud", "uitgevoerd_op"])
            return redirect("beheer:uitwisseling_resultaat", token=bestand.token)
        bestand.save(update_fields=["verslag"])
    return render(request, "beheer/uitwisseling/controle.html", _verslag_context(bestand))


@member_required
@require_safe
def resultaat(request, token):
    bestand = _eigen_bestand(request, token)
    if not bestand.uitgevoerd_op:
        return redirect("beheer:uitwisseling_controle", token=bestand.token)
    return render(request, "beheer/uitwisseling/resultaat.html", _verslag_context(bestand))


def _bijlage(inhoud: bytes, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
@require_safe
def sjabloon(request):
    return _bijlage(exporteren.sjabloon(), exporteren.XLSX_TYPE, "sjabloon-locaties.xlsx")


def _export_rijen(request):
    locaties = permissions.portal_locaties(request.user)
    return exporteren.export_rijen(locaties)


@member_required
@require_safe
def export_xlsx(request):
    """Everything the person works with (portal_locaties), in the template's columns."""
    inhoud = exporteren.als_xlsx(_export_rijen(request))
    naam = f"locaties-{timezone.localdate():%Y-%m-%d}.xlsx"
    return _bijlage(inhoud, exporteren.XLSX_TYPE, naam)


@member_required
@require_safe
def export_csv(request):
    inhoud = exporteren.als_csv(_export_rijen(request))
    naam = f"locaties-{timezone.localdate():%Y-%m-%d}.csv"
    return _bijlage(inhoud, exporteren.CSV_TYPE, naam)
