"""The staff portal's risk lists for one gemeente (locaties/risico.py), on a page and as CSV
or XLSX, for everyone who may read the gemeente's figures (permissions.readable_gemeenten)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kern.export import Tabel, download
from locaties import currency, risico
from locaties.gemeente_choice import chosen_gemeente
from partners import permissions
from partners.decorators import member_required


def _gemeente(request):
    gemeenten = permissions.readable_gemeenten(request.user)
    gemeente = chosen_gemeente(request, gemeenten)
    if gemeente is None:
        raise Http404
    return gemeente, gemeenten


@member_required
@require_safe
def risico_lijsten(request):
    """Places whose financing runs out or is missing, cooperation not on paper, and records
    not confirmed for a year, with their numbers on top."""
    gemeente, gemeenten = _gemeente(request)
    risicos = risico.risks(gemeente, request.user)
    return render(
        request,
        "beheer/dekking/risico.html",
        {
            "gemeente": gemeente,
            "gemeenten": list(gemeenten.order_by("naam")),
            "behoud": request.GET,
            "risicos": risicos,
            "maanden": risico.RISK_MONTHS,
            "geldig_maanden": currency.CONFIRMATION_VALID_MONTHS,
        },
    )


@member_required
@require_safe
def risico_export(request, formaat):
    """The three risk lists as one file, with the gemeente and the date in it."""
    gemeente, _gemeenten = _gemeente(request)
    risicos = risico.risks(gemeente, request.user)
    kenmerken = [
        (_("Gemeente"), gemeente.naam),
        (_("Peildatum"), risicos.peildatum),
    ]
    tabellen = [
        Tabel(
            titel=_("Financiering in gevaar"),
            kenmerken=[
                *kenmerken,
                (_("Tijdelijke financiering die afloopt tot en met"), risicos.horizon),
            ],
            kolommen=[
                _("Locatie"),
                _("Status"),
                _("Reden"),
                _("Einddatum"),
                _("Bron"),
                _("Financier"),
                _("Structureel gefinancierd"),
            ],
            rijen=[
                [
                    rij.naam,
                    rij.get_status_display(),
                    rij.reden,
                    rij.einde,
                    rij.bron,
                    rij.einde_financier,
                    rij.structureel,
                ]
                for rij in risicos.financiering
            ],
        ),
        Tabel(
            titel=_("Samenwerking niet vastgelegd"),
            kenmerken=kenmerken,
            kolommen=[_("Locatie"), _("Partner"), _("Rol"), _("Sinds"), _("Tot")],
            rijen=[
                [
                    samenwerking.locatie.naam,
                    samenwerking.partner.naam,
                    samenwerking.get_rol_display(),
                    samenwerking.ingangsdatum,
                    samenwerking.einddatum,
                ]
                for samenwerking in risicos.samenwerkingen
            ],
        ),
        Tabel(
            titel=_("Niet bevestigd in %(n)s maanden") % {"n": currency.CONFIRMATION_VALID_MONTHS},
            kenmerken=[
                *kenmerken,
                (
                    _("Niet bevestigd sinds"),
                    formats.date_format(currency.confirmation_cutoff(), "j F Y"),
                ),
            ],
            kolommen=[
                _("Locatie"),
                _("Status"),
                _("Laatst bevestigd op"),
                _("Laatst bevestigd door"),
                _("Geregistreerd op"),
            ],
            rijen=[
                [
                    locatie.naam,
                    locatie.get_status_display(),
                    (
                        timezone.localdate(locatie.laatst_bevestigd_op)
                        if locatie.laatst_bevestigd_op
                        else None
                    ),
                    str(locatie.laatst_bevestigd_door or ""),
                    timezone.localdate(locatie.aangemaakt_op),
                ]
                for locatie in risicos.onbevestigd
            ],
        ),
    ]
    bestandsnaam = f"risicos-{gemeente.slug}-{risicos.peildatum.isoformat()}"
    return download(tabellen, bestandsnaam, formaat)
