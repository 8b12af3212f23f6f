"""The staff portal's pages for one gemeente's coverage and risks, for the gemeenten a person
may read (partners/permissions.py, werkgebied_gemeenten): gemeente staff see their own gemeente,
other staff the gemeenten their organisations work in, and may choose among them with
?gemeente=<slug>; a gemeente outside one's rights answers 404.

- The coverage dashboard (/beheer/dekking/) and its export. Staff of an organisation that
  works in no gemeente get a page that says so (and the export answers 404). The figures come
  from dekking/dekking.py; this module only chooses, sorts and formats them. Everything the
  map shows is in the tables too: the page works without JavaScript.
- The risk lists (/beheer/dekking/risico/, dekking/risico.py) on a page and as CSV or XLSX.

The tables' columns, for the page and the export alike, are in dekking/tables.py.
"""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dekking import begroting as begroting_module
from dekking import dekking as dekking_module
from dekking import risico
from dekking import scenario as scenario_module
from dekking import week as week_module
from dekking.dekking import KERN_STRAAL_M, STANDAARD_STRAAL, STRALEN, Cijfers, Dekking
from dekking.forms import WatAlsForm
from dekking.tables import (
    Kolom,
    aandeel,
    aantal,
    afstand,
    begroting_kolommen,
    cijferkolommen,
    dekking_kolommen,
    euro,
    export_tabel,
    financiering_kolommen,
    in_gevaar_kolommen,
    onbevestigd_kolommen,
    op_pagina,
    pagina_rij,
    procent,
    samenwerking_kolommen,
    uren,
    week_kolommen,
)
from kern.export import Tabel, download
from locaties import currency
from locaties.constants import LocatieStatus
from locaties.gemeente_choice import chosen_gemeente
from locaties.models import Locatie, Samenwerking
from partners import permissions
from partners.decorators import member_required

# The colour classes of the map: share of residents within reach, in fifths. The colours
# themselves are in static/css/site.css (section "Dekking"), read from the legend by the map.
KLASSEN = 5


# Sorting -----------------------------------------------------------------------------------


NAAM_SLEUTELS = {"buurt": lambda c: c.naam.casefold(), "wijk": lambda c: (c.wijk_code, c.code)}
STANDAARD_SORTERING = "wijk"


def sorteer(rijen: list[Cijfers], sortering: str, kolommen: list[Kolom]) -> list[Cijfers]:
    """Rows sorted on `sortering` ('bereik', '-bereik'); unknown values last either way,
    ties in CBS code order."""
    aflopend = sortering.startswith("-")
    sleutel = sortering.lstrip("-")
    if sleutel in NAAM_SLEUTELS:
        waarde = NAAM_SLEUTELS[sleutel]
    else:
        waarde = next(k.waarde for k in kolommen if k.sleutel == sleutel)
    rijen = sorted(rijen, key=lambda c: c.code)
    bekend = [c for c in rijen if waarde(c) is not None]
    onbekend = [c for c in rijen if waarde(c) is None]
    return sorted(bekend, key=waarde, reverse=aflopend) + onbekend


def _sortering(request, kolommen: list[Kolom]) -> str:
    gevraagd = request.GET.get("sort", "").strip()
    geldig = set(NAAM_SLEUTELS) | {k.sleutel for k in kolommen}
    return (
        gevraagd
        if gevraagd.lstrip("-") in geldig and gevraagd.count("-") <= 1
        else (STANDAARD_SORTERING)
    )


def _sorteerkeuzes(kolommen: list[Kolom]) -> list[tuple[str, str]]:
    """(value, label) of every order, for the sort form shown where the headers are not."""
    keuzes = [
        ("wijk", _("Wijk en buurt (CBS-code)")),
        ("buurt", _("Naam, A–Z")),
        ("-buurt", _("Naam, Z–A")),
    ]
    for kolom in kolommen:
        keuzes.append((kolom.sleutel, _("%(kolom)s, oplopend") % {"kolom": kolom.titel}))
        keuzes.append((f"-{kolom.sleutel}", _("%(kolom)s, aflopend") % {"kolom": kolom.titel}))
    return keuzes


def _kop(request, kolom: Kolom, sortering: str) -> dict:
    """A sortable header: the link to sort on it (again, the other way), and aria-sort."""
    sleutel = kolom.sleutel
    query = request.GET.copy()
    actief = sortering.lstrip("-") == sleutel
    aflopend = sortering.startswith("-")
    query["sort"] = f"-{sleutel}" if actief and not aflopend else sleutel
    return {
        "titel": kolom.titel,
        "url": f"?{query.urlencode()}",
        "aria_sort": ("descending" if aflopend else "ascending") if actief else "",
        "actie": _("sorteer aflopend") if actief and not aflopend else _("sorteer oplopend"),
        "numeriek": kolom.numeriek,
    }


# The dashboard -----------------------------------------------------------------------------


def _gemeente_en_straal(request):
    """(gemeenten to choose from, the chosen gemeente or None, straal, message about a
    straal that could not be used or None)."""
    gemeenten = permissions.werkgebied_gemeenten(request.user).order_by("naam")
    gemeente = chosen_gemeente(request, gemeenten)
    gevraagd = request.GET.get("straal")
    straal = dekking_module.kies_straal(gevraagd) if gevraagd is not None else STANDAARD_STRAAL
    melding = None
    if straal is None:
        straal = STANDAARD_STRAAL
        melding = _(
            "Kies een loopafstand van 400, 800 of 1200 meter. Nu getoond: %(straal)s meter."
        ) % {"straal": straal}
    return list(gemeenten), gemeente, straal, melding


def _klasse(cijfers: Cijfers) -> str:
    if cijfers.aandeel_plek is None:
        return "geen" if cijfers.inwoners == 0 or not cijfers.heeft_grens else "onbekend"
    return str(min(KLASSEN - 1, int(cijfers.aandeel_plek * KLASSEN)))


def kaartgegevens(resultaat: Dekking) -> dict:
    """What the map draws, for json_script: the buurten as GeoJSON with their class and a
    label, the places with their kind, and the radii."""
    features = []
    grenzen = resultaat.kaartgrenzen()
    for buurt in resultaat.buurten:
        grens = grenzen.get(buurt.code)
        if not grens:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": grens,
                "properties": {
                    "code": buurt.code,
                    "klasse": _klasse(buurt),
                    "gat": buurt.is_gat,
                    "tekst": _("%(buurt)s: %(aandeel)s binnen %(straal)s m van een plek")
                    % {
                        "buurt": buurt.naam,
                        "aandeel": aandeel(buurt, buurt.aandeel_plek),
                        "straal": resultaat.straal,
                    },
                },
            }
        )
    return {
        "straal": resultaat.straal,
        "kernstraal": KERN_STRAAL_M,
        "buurten": {"type": "FeatureCollection", "features": features},
        "plekken": [
            {
                "naam": plek.naam,
                "lat": plek.latitude,
                "lon": plek.longitude,
                "ster": plek.is_sterlocatie,
                "kern": plek.is_kern,
                "url": reverse("publiek:locatie", args=[plek.slug]),
            }
            for plek in resultaat.plekken
        ],
    }


def grafiek(resultaat: Dekking) -> dict:
    """Activity hours per week by category per wijk: bars as a share of the largest value,
    each split into hours open to everyone and hours for a target group only, and the same
    figures as a table."""
    labels = dict(resultaat.categorieen)
    per_wijk = resultaat.activiteiten_per_wijk
    grootste = max((w for wijk in per_wijk.values() for w in wijk.values()), default=0)
    wijken = []
    for wijk in resultaat.wijken:
        per_categorie = per_wijk.get(wijk.code, {})
        doelgroep = resultaat.doelgroep_per_wijk.get(wijk.code, {})
        totaal = sum(per_categorie.values())
        alleen_doelgroep = sum(doelgroep.values())
        staven = []
        for code, waarde in per_categorie.items():
            if waarde <= 0:
                continue
            dicht = doelgroep.get(code, 0.0)
            staven.append(
                {
                    "label": labels[code],
                    "uren": uren(waarde),
                    "doelgroep": uren(dicht) if dicht > 0 else "",
                    "open_breedte": f"{100 * (waarde - dicht) / grootste:.1f}%",
                    "doelgroep_x": f"{100 * (waarde - dicht) / grootste:.1f}%",
                    "doelgroep_breedte": f"{100 * dicht / grootste:.1f}%",
                }
            )
        wijken.append(
            {
                "naam": wijk.naam,
                "totaal": uren(totaal),
                "open": uren(totaal - alleen_doelgroep),
                "doelgroep": uren(alleen_doelgroep),
                "heeft_doelgroep": alleen_doelgroep > 0,
                "staven": staven,
                "cellen": [
                    uren(per_categorie.get(code, 0.0)) for code, _label in resultaat.categorieen
                ],
            }
        )
    return {"wijken": wijken, "categorieen": [label for _code, label in resultaat.categorieen]}


@member_required
@require_safe
def dashboard(request):
    """The coverage of one gemeente: key figures, the gaps, a map, tables per wijk and per
    buurt, and the activity hours per wijk."""
    gemeenten, gemeente, straal, melding = _gemeente_en_straal(request)
    if melding:
        messages.warning(request, melding)
    context = {
        "gemeenten": gemeenten,
        "gemeente": gemeente,
        "straal": straal,
        "stralen": STRALEN,
        "kernstraal_km": KERN_STRAAL_M // 1000,
        "behoud": request.GET,
    }
    if gemeente is None:
        return render(request, "beheer/dekking/dashboard.html", context)

    resultaat = dekking_module.dekking(gemeente, straal=straal)
    cijfers = op_pagina(cijferkolommen(straal))
    sortering = _sortering(request, cijfers)
    buurt_kolommen = dekking_kolommen("buurt", straal)
    wijk_kolommen = dekking_kolommen("wijk", straal)

    buurtnamen = {b.code: b.naam for b in resultaat.buurten}
    query = QueryDict(mutable=True)
    query.update({"gemeente": gemeente.slug, "straal": straal})
    context.update(
        {
            "dekking": resultaat,
            "totaal": _rij(wijk_kolommen, resultaat.totaal),
            "buurten": [
                _rij(buurt_kolommen, c) for c in sorteer(resultaat.buurten, sortering, cijfers)
            ],
            "wijken": [
                _rij(wijk_kolommen, c) for c in sorteer(resultaat.wijken, sortering, cijfers)
            ],
            "buurt_koppen": [_kop(request, k, sortering) for k in op_pagina(buurt_kolommen)],
            "wijk_koppen": [_kop(request, k, sortering) for k in op_pagina(wijk_kolommen)],
            "sorteerkeuzes": _sorteerkeuzes(cijfers),
            "sortering": sortering,
            "gaten": [
                {
                    "cijfers": gat,
                    "buiten_bereik": aantal(gat.buiten_bereik_65_plus),
                    "aandeel": aandeel(gat, gat.aandeel_plek),
                    "afstand": afstand(gat.afstand_plek_m),
                }
                for gat in resultaat.gaten
            ],
            "kerncijfers": _kerncijfers(resultaat),
            "kaart": kaartgegevens(resultaat),
            "grafiek": grafiek(resultaat),
            "plekken": [
                {"plek": plek, "buurt": buurtnamen.get(plek.buurt_code, "")}
                for plek in sorted(resultaat.plekken, key=lambda p: p.naam.casefold())
            ],
            "export_query": query.urlencode(),
            "klassen": [
                (str(k), f"{100 * k // KLASSEN}–{100 * (k + 1) // KLASSEN}%")
                for k in range(KLASSEN)
            ],
        }
    )
    return render(request, "beheer/dekking/dashboard.html", context)


def _rij(kolommen: list[Kolom], cijfers: Cijfers) -> dict:
    return {"cijfers": cijfers, **pagina_rij(kolommen, cijfers)}


def _kerncijfers(resultaat: Dekking) -> dict:
    totaal = resultaat.totaal
    return {
        "bereik": aandeel(totaal, totaal.aandeel_plek),
        "bereik_65": aandeel(totaal, totaal.aandeel_plek_65_plus),
        "buiten_bereik_65": aantal(sum(b.buiten_bereik_65_plus or 0 for b in resultaat.buurten)),
        "bereik_ster": aandeel(totaal, totaal.aandeel_sterlocatie),
        "bereik_kern": aandeel(totaal, totaal.aandeel_kern),
        "inwoners": aantal(totaal.inwoners),
        "openingsuren": uren(totaal.openingsuren),
        "activiteitenuren": uren(totaal.activiteitenuren),
        "activiteitenuren_open": uren(totaal.activiteitenuren_open),
        "activiteitenuren_doelgroep": uren(totaal.activiteitenuren_doelgroep),
    }


# Export ------------------------------------------------------------------------------------


@member_required
@require_safe
def export(request, formaat: str):
    """The dashboard's tables as CSV or XLSX, with the gemeente, date and radius in the file."""
    _gemeenten, gemeente, straal, _melding = _gemeente_en_straal(request)
    if gemeente is None:
        raise Http404
    resultaat = dekking_module.dekking(gemeente, straal=straal)
    kenmerken = [
        (_("Gemeente"), f"{gemeente.naam} ({gemeente.cbs_code})"),
        (_("Datum"), resultaat.peildatum),
        (_("Loopafstand (m)"), straal),
        (_("Cirkel rond een kern (m)"), KERN_STRAAL_M),
        (
            _("Activiteiten"),
            _("gemiddelde per week over %(van)s t/m %(tot)s")
            % {
                "van": date_format(resultaat.peildatum, "j F Y"),
                "tot": date_format(resultaat.periode_tot, "j F Y"),
            },
        ),
        (
            _("Binnen bereik"),
            _(
                "aandeel van het oppervlak van de buurt binnen de loopafstand (hemelsbreed) van "
                "een plek; inwoners gelijk over de buurt verdeeld; gewogen naar inwoners"
            ),
        ),
        (_("Aandelen"), _("als fractie: 0,25 is 25%")),
    ]
    tabellen = [
        export_tabel(
            _("Dekking per buurt"),
            dekking_kolommen("buurt", straal),
            resultaat.buurten,
            kenmerken,
        ),
        export_tabel(
            _("Dekking per wijk"), dekking_kolommen("wijk", straal), resultaat.wijken, kenmerken
        ),
        export_tabel(
            _("Dekking van de gemeente"),
            dekking_kolommen("gemeente", straal),
            [resultaat.totaal],
            kenmerken
            + [
                (_("Gepubliceerde plekken zonder coördinaten"), resultaat.zonder_coordinaten),
                (_("Gepubliceerde plekken buiten de buurtgrenzen"), resultaat.buiten_buurten),
            ],
        ),
        Tabel(
            titel=_("Activiteitenuren per week per wijk"),
            kolommen=[
                _("Wijk"),
                *(label for _code, label in resultaat.categorieen),
                *(
                    _("%(categorie)s, alleen voor een doelgroep") % {"categorie": label}
                    for _code, label in resultaat.categorieen
                ),
                _("Open voor iedereen"),
                _("Alleen voor een doelgroep"),
                _("Totaal"),
            ],
            rijen=[
                [
                    wijk.naam,
                    *(
                        round(resultaat.activiteiten_per_wijk[wijk.code][code], 2)
                        for code, _label in resultaat.categorieen
                    ),
                    *(
                        round(resultaat.doelgroep_per_wijk[wijk.code][code], 2)
                        for code, _label in resultaat.categorieen
                    ),
                    round(wijk.activiteitenuren_open, 2),
                    round(wijk.activiteitenuren_doelgroep, 2),
                    round(wijk.activiteitenuren, 2),
                ]
                for wijk in resultaat.wijken
            ],
            kenmerken=kenmerken[:2] + [kenmerken[4]],
        ),
    ]
    bestandsnaam = f"dekking-{gemeente.slug}-{straal}m-{timezone.localdate():%Y-%m-%d}"
    return download(tabellen, bestandsnaam, formaat)


# Risks -------------------------------------------------------------------------------------


def _risico_gemeente(request):
    gemeenten = permissions.werkgebied_gemeenten(request.user)
    gemeente = chosen_gemeente(request, gemeenten)
    if gemeente is None:
        raise Http404
    return gemeente, gemeenten


@member_required
@require_safe
def risico_lijsten(request):
    """Places whose financing runs out or is missing, cooperation not on paper, and records
    not confirmed for a year, with their numbers on top."""
    gemeente, gemeenten = _risico_gemeente(request)
    risicos = risico.risks(gemeente, request.user)
    tabellen = {
        "financiering": (financiering_kolommen(), risicos.financiering),
        "samenwerkingen": (samenwerking_kolommen(), risicos.samenwerkingen),
        "onbevestigd": (onbevestigd_kolommen(), risicos.onbevestigd),
    }
    return render(
        request,
        "beheer/dekking/risico.html",
        {
            "gemeente": gemeente,
            "gemeenten": list(gemeenten.order_by("naam")),
            "behoud": request.GET,
            "risicos": risicos,
            "tabellen": {
                naam: {
                    "koppen": [
                        {"titel": k.titel, "numeriek": k.numeriek} for k in op_pagina(kolommen)
                    ],
                    "rijen": [pagina_rij(kolommen, rij) for rij in rijen],
                }
                for naam, (kolommen, rijen) in tabellen.items()
            },
            "maanden": risico.RISK_MONTHS,
            "geldig_maanden": currency.CONFIRMATION_VALID_MONTHS,
        },
    )


@member_required
@require_safe
def risico_export(request, formaat):
    """The three risk lists as one file, with the gemeente and the date in it."""
    gemeente, _gemeenten = _risico_gemeente(request)
    risicos = risico.risks(gemeente, request.user)
    kenmerken = [
        (_("Gemeente"), gemeente.naam),
        (_("Peildatum"), risicos.peildatum),
    ]
    tabellen = [
        export_tabel(
            _("Financiering in gevaar"),
            financiering_kolommen(),
            risicos.financiering,
            [
                *kenmerken,
                (_("Tijdelijke financiering die afloopt tot en met"), risicos.horizon),
            ],
        ),
        export_tabel(
            _("Samenwerking niet vastgelegd"),
            samenwerking_kolommen(),
            risicos.samenwerkingen,
            kenmerken,
        ),
        export_tabel(
            _("Niet bevestigd in %(n)s maanden") % {"n": currency.CONFIRMATION_VALID_MONTHS},
            onbevestigd_kolommen(),
            risicos.onbevestigd,
            [
                *kenmerken,
                (
                    _("Niet bevestigd sinds"),
                    formats.date_format(currency.confirmation_cutoff(), "j F Y"),
                ),
            ],
        ),
    ]
    bestandsnaam = f"risicos-{gemeente.slug}-{risicos.peildatum.isoformat()}"
    return download(tabellen, bestandsnaam, formaat)


# Budget ------------------------------------------------------------------------------------


def _begroting_keuzes(request):
    """(gemeenten, the chosen gemeente (404 outside one's rights or when there is none),
    horizon in months, straal, messages about values that could not be used)."""
    gemeenten = permissions.werkgebied_gemeenten(request.user).order_by("naam")
    gemeente = chosen_gemeente(request, gemeenten)
    if gemeente is None:
        raise Http404
    meldingen = []
    gevraagd = request.GET.get("horizon")
    horizon = begroting_module.kies_horizon(gevraagd) if gevraagd is not None else None
    if horizon is None:
        if gevraagd is not None:
            meldingen.append(
                _(
                    "Kies een termijn van %(min)s tot en met %(max)s maanden. "
                    "Nu getoond: %(maanden)s maanden."
                )
                % {
                    "min": begroting_module.HORIZON_MIN,
                    "max": begroting_module.HORIZON_MAX,
                    "maanden": begroting_module.STANDAARD_HORIZON,
                }
            )
        horizon = begroting_module.STANDAARD_HORIZON
    gevraagd = request.GET.get("straal")
    straal = dekking_module.kies_straal(gevraagd) if gevraagd is not None else STANDAARD_STRAAL
    if straal is None:
        straal = STANDAARD_STRAAL
        meldingen.append(
            _("Kies een loopafstand van 400, 800 of 1200 meter. Nu getoond: %(straal)s meter.")
            % {"straal": straal}
        )
    return list(gemeenten), gemeente, horizon, straal, meldingen


def _begroting_tabellen(resultaat) -> dict:
    """{name: (columns, rows)} of the budget's tables, in the page's order."""
    jaren, maanden = resultaat.jaren, resultaat.horizon_maanden
    return {
        "in_gevaar": (in_gevaar_kolommen(resultaat.straal), resultaat.in_gevaar),
        "totaal": (begroting_kolommen("totaal", jaren, maanden), [resultaat.totaal]),
        "wijken": (begroting_kolommen("wijk", jaren, maanden), resultaat.wijken),
        "bronnen": (begroting_kolommen("bron", jaren, maanden), resultaat.bronnen),
        "financiers": (begroting_kolommen("financier", jaren, maanden), resultaat.financiers),
        "plekken": (begroting_kolommen("plek", jaren, maanden), resultaat.plekken),
    }


@member_required
@require_safe
def begroting(request):
    """Financing as a budget: the places whose only money ends within the chosen horizon first,
    then the totals per year, per wijk, per source, per funder and per place."""
    gemeenten, gemeente, horizon, straal, meldingen = _begroting_keuzes(request)
    for melding in meldingen:
        messages.warning(request, melding)
    resultaat = begroting_module.begroting(
        gemeente, request.user, horizon_maanden=horizon, straal=straal
    )
    query = QueryDict(mutable=True)
    query.update({"gemeente": gemeente.slug, "horizon": horizon, "straal": straal})
    return render(
        request,
        "beheer/dekking/begroting.html",
        {
            "gemeente": gemeente,
            "gemeenten": gemeenten,
            "behoud": request.GET,
            "begroting": resultaat,
            "horizon": horizon,
            "horizonnen": range(begroting_module.HORIZON_MIN, begroting_module.HORIZON_MAX + 1),
            "straal": straal,
            "stralen": STRALEN,
            "export_query": query.urlencode(),
            "tabellen": {
                naam: {
                    "koppen": [
                        {"titel": k.titel, "numeriek": k.numeriek} for k in op_pagina(kolommen)
                    ],
                    "rijen": [pagina_rij(kolommen, rij) for rij in rijen],
                }
                for naam, (kolommen, rijen) in _begroting_tabellen(resultaat).items()
            },
        },
    )


@member_required
@require_safe
def begroting_export(request, formaat: str):
    """The budget's tables as one CSV or XLSX file, with the gemeente, date and horizon in it."""
    _gemeenten, gemeente, horizon, straal, _meldingen = _begroting_keuzes(request)
    resultaat = begroting_module.begroting(
        gemeente, request.user, horizon_maanden=horizon, straal=straal
    )
    kenmerken = [
        (_("Gemeente"), f"{gemeente.naam} ({gemeente.cbs_code})"),
        (_("Peildatum"), resultaat.peildatum),
        (_("Tijdelijk geld dat afloopt tot en met"), resultaat.horizon),
        (_("Loopafstand (m)"), straal),
        (
            _("Bedrag per kalenderjaar"),
            _("bedrag per jaar maal het deel van het jaar dat de financiering loopt (in dagen)"),
        ),
    ]
    titels = {
        "in_gevaar": _("Alleen tijdelijk geld dat afloopt"),
        "totaal": _("Financiering van de gemeente"),
        "wijken": _("Financiering per wijk"),
        "bronnen": _("Financiering per bron"),
        "financiers": _("Financiering per financier"),
        "plekken": _("Financiering per locatie"),
    }
    tabellen = [
        export_tabel(titels[naam], kolommen, rijen, kenmerken)
        for naam, (kolommen, rijen) in _begroting_tabellen(resultaat).items()
    ]
    bestandsnaam = f"financiering-{gemeente.slug}-{horizon}mnd-{resultaat.peildatum.isoformat()}"
    return download(tabellen, bestandsnaam, formaat)


# The week ----------------------------------------------------------------------------------


def _weekklasse(waarde: float | None) -> str:
    if waarde is None:
        return "geen"
    return str(min(KLASSEN - 1, int(waarde * KLASSEN)))


def _weekcel(gebied, dag: int, dagdeel: int) -> dict:
    waarde = gebied.cel(dag, dagdeel)
    ouderen = gebied.cel(dag, dagdeel, ouderen=True)
    return {
        "tekst": procent(waarde) if waarde is not None else _("onbekend"),
        "ouderen": procent(ouderen) if ouderen is not None else "",
        "klasse": _weekklasse(waarde),
    }


def weekrooster(resultaat, gebied) -> dict:
    """The grid of one area: a row per part of the day, a column per day."""
    return {
        "naam": gebied.naam,
        "dagen": resultaat.dagen,
        "rijen": [
            {
                "dagdeel": label,
                "tijd": f"{van:%H:%M}–{tot:%H:%M}",
                "cellen": [_weekcel(gebied, dag, j) for dag in range(week_module.DAGEN)],
            }
            for j, (_code, label, van, tot) in enumerate(week_module.DAGDELEN)
        ],
    }


def wijkbeeld(gemeente, user, wijk_code: str) -> dict:
    """The portal's picture of one wijk beside its coverage: its money (per year now, of
    which temporary, and temporary money ending within the budget's standard horizon), the
    places that depend on that money only, and the Samenwerkingen in force at its places,
    written down or not. The places are those `user` may see (risico.register_locaties).
    The budget's queries (two to four) and one for the Samenwerkingen."""
    resultaat = begroting_module.begroting(gemeente, user)
    plekken = [
        plek
        for plek in resultaat.plekken
        if plek.locatie.wijk_id and plek.locatie.wijk.cbs_code == wijk_code
    ]
    samenwerkingen = list(
        Samenwerking.objects.filter(
            permissions.active_samenwerking(),
            locatie__in=risico.register_locaties(gemeente, user)
            .filter(wijk__cbs_code=wijk_code)
            .values("pk"),
        )
        .select_related("locatie", "partner")
        .only(
            "rol",
            "schriftelijk_vastgelegd",
            "einddatum",
            "locatie__naam",
            "locatie__slug",
            "partner__naam",
        )
        .order_by("locatie__naam", "locatie_id", "partner__naam", "rol")
    )
    return {
        "horizon": resultaat.horizon_maanden,
        "plekken": len(plekken),
        "per_jaar_nu": euro(sum(p.per_jaar_nu for p in plekken)),
        "tijdelijk_nu": euro(sum(p.tijdelijk_nu for p in plekken)),
        "afloop": euro(sum(p.afloop for p in plekken)),
        "zonder_bedrag": sum(p.zonder_bedrag for p in plekken),
        "in_gevaar": [p for p in plekken if p.alleen_tijdelijk],
        "samenwerkingen": samenwerkingen,
        "niet_op_papier": sum(1 for s in samenwerkingen if not s.schriftelijk_vastgelegd),
    }


@member_required
@require_safe
def week(request):
    """Coverage through the week: for the gemeente or one wijk, the share of residents within
    the walking distance of a place that is open, per part of each day; and per buurt (or
    wijk) the four parts of the week."""
    gemeenten, gemeente, straal, melding = _gemeente_en_straal(request)
    if gemeente is None:
        raise Http404
    if melding:
        messages.warning(request, melding)
    resultaat = week_module.week(gemeente, straal=straal)
    wijken = {w.code: w for w in resultaat.wijken}
    gevraagd = request.GET.get("wijk", "").strip()
    wijk = wijken.get(gevraagd)
    if gevraagd and wijk is None:
        messages.warning(
            request, _("Deze wijk bestaat niet in %(gemeente)s.") % {"gemeente": gemeente.naam}
        )
    gebied = wijk or resultaat.totaal
    if wijk is not None:
        onderdelen = [b for b in resultaat.buurten if b.wijk_code == wijk.code]
    else:
        onderdelen = resultaat.wijken
    export_query = QueryDict(mutable=True)
    export_query.update({"gemeente": gemeente.slug, "straal": straal})
    return render(
        request,
        "beheer/dekking/week.html",
        {
            "gemeente": gemeente,
            "gemeenten": gemeenten,
            "behoud": request.GET,
            "straal": straal,
            "stralen": STRALEN,
            "week": resultaat,
            "wijk": wijk,
            "wijkbeeld": wijkbeeld(gemeente, request.user, wijk.code) if wijk else None,
            "wijken": resultaat.wijken,
            "rooster": weekrooster(resultaat, gebied),
            "delen": [label for _code, label in week_module.DEELTEN],
            "onderdelen": [
                {
                    "naam": onderdeel.naam,
                    "code": onderdeel.code,
                    "delen": [
                        {"label": label, "tekst": aandeel_of_onbekend(onderdeel.deel(code))}
                        for code, label in week_module.DEELTEN
                    ],
                }
                for onderdeel in onderdelen
            ],
            "onderdeel_soort": _("Buurt") if wijk is not None else _("Wijk"),
            "export_query": export_query.urlencode(),
            "klassen": [
                (str(k), f"{100 * k // KLASSEN}–{100 * (k + 1) // KLASSEN}%")
                for k in range(KLASSEN)
            ],
        },
    )


@member_required
@require_safe
def week_export(request, formaat: str):
    """The week grid per buurt, per wijk and of the gemeente as CSV or XLSX, with the
    gemeente, the week and the walking distance in the file."""
    _gemeenten, gemeente, straal, _melding = _gemeente_en_straal(request)
    if gemeente is None:
        raise Http404
    resultaat = week_module.week(gemeente, straal=straal)
    kenmerken = [
        (_("Gemeente"), f"{gemeente.naam} ({gemeente.cbs_code})"),
        (
            _("Week"),
            _("%(van)s t/m %(tot)s")
            % {
                "van": date_format(resultaat.maandag, "j F Y"),
                "tot": date_format(resultaat.dagen[-1], "j F Y"),
            },
        ),
        (_("Loopafstand (m)"), straal),
        (
            _("Dagdelen"),
            ", ".join(
                f"{label} {van:%H:%M}–{tot:%H:%M}"
                for _code, label, van, tot in week_module.DAGDELEN
            ),
        ),
        (
            _("Binnen bereik"),
            _(
                "aandeel van het oppervlak van de buurt binnen de loopafstand (hemelsbreed) van "
                "een plek die dan open is; inwoners gelijk over de buurt verdeeld; gewogen "
                "naar inwoners"
            ),
        ),
        (_("Aandelen"), _("als fractie: 0,25 is 25%")),
    ]
    tabellen = [
        export_tabel(
            _("Dekking door de week per buurt"),
            week_kolommen("buurt", resultaat.dagen),
            resultaat.buurten,
            kenmerken,
        ),
        export_tabel(
            _("Dekking door de week per wijk"),
            week_kolommen("wijk", resultaat.dagen),
            resultaat.wijken,
            kenmerken,
        ),
        export_tabel(
            _("Dekking door de week van de gemeente"),
            week_kolommen("gemeente", resultaat.dagen),
            [resultaat.totaal],
            kenmerken,
        ),
    ]
    bestandsnaam = f"week-{gemeente.slug}-{straal}m-{resultaat.maandag:%Y-%m-%d}"
    return download(tabellen, bestandsnaam, formaat)


def aandeel_of_onbekend(waarde: float | None) -> str:
    return procent(waarde) if waarde is not None else _("onbekend")


# What if -----------------------------------------------------------------------------------


def _scenario_rij(verschil) -> dict:
    def deel(waarde):
        return procent(waarde) if waarde is not None else _("onbekend")

    if verschil.verschil is None:
        punten = "–"
    else:
        punten = number_format(round(verschil.verschil * 100, 1), 1, force_grouping=True)
        if verschil.verschil > 0:
            punten = f"+{punten}"
    if verschil.ouderen_erbij is None:
        ouderen = _("onbekend")
    else:
        ouderen = aantal(verschil.ouderen_erbij)
        if round(verschil.ouderen_erbij) > 0:
            ouderen = f"+{ouderen}"
    return {
        "object": verschil,
        "nu": deel(verschil.nu),
        "straks": deel(verschil.straks),
        "verschil": punten,
        "ouderen": ouderen,
    }


@member_required
@require_safe
def wat_als(request):
    """What if: the coverage per buurt with places added or taken away, next to the coverage
    now. A GET form; nothing is saved."""
    gemeenten = permissions.werkgebied_gemeenten(request.user).order_by("naam")
    gemeente = chosen_gemeente(request, gemeenten)
    if gemeente is None:
        raise Http404
    erbij = (
        permissions.visible_locaties(request.user)
        .filter(
            gemeente=gemeente,
            status__in=[LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING],
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .order_by("naam", "pk")
    )
    eraf = (
        Locatie.objects.openbaar()
        .filter(gemeente=gemeente, latitude__isnull=False, longitude__isnull=False)
        .order_by("naam", "pk")
    )
    gevraagd = any(naam in request.GET for naam in ("straal", "erbij", "punten", "eraf"))
    data = None
    if gevraagd:
        data = request.GET.copy()
        data.setdefault("straal", str(STANDAARD_STRAAL))
    form = WatAlsForm(data, erbij=erbij, eraf=eraf)
    resultaat = None
    if gevraagd and form.is_valid():
        data = form.cleaned_data
        resultaat = scenario_module.wat_als(
            gemeente,
            straal=data["straal"],
            erbij=[locatie.pk for locatie in data["erbij"]],
            punten=data["punten"],
            eraf=[locatie.pk for locatie in data["eraf"]],
        )
    return render(
        request,
        "beheer/dekking/wat_als.html",
        {
            "kaart": wat_als_kaart(gemeente, eraf, resultaat),
            "max_punten": scenario_module.MAX_PUNTEN,
            "gemeente": gemeente,
            "gemeenten": list(gemeenten),
            "behoud": {"gemeente": gemeente.slug},
            "form": form,
            "scenario": resultaat,
            "totaal": _scenario_rij(resultaat.totaal) if resultaat else None,
            "buurten": [_scenario_rij(b) for b in resultaat.veranderd] if resultaat else [],
            "wijken": [_scenario_rij(w) for w in resultaat.wijken] if resultaat else [],
        },
    )


def wat_als_kaart(gemeente, openbaar, resultaat) -> dict:
    """What the what-if page's map draws, for json_script: the buurten (with their change
    when there is a result) and the published places (`openbaar`). Two queries without a
    result (the buurten, the places), one with."""
    buurten = resultaat.kaartbuurten() if resultaat else scenario_module.kaartbuurten(gemeente)
    veranderd = {b.code: _scenario_rij(b) for b in resultaat.veranderd} if resultaat else {}
    features = []
    for code, naam, grens in buurten:
        rij = veranderd.get(code)
        tekst = naam
        if rij:
            tekst = _("%(buurt)s: nu %(nu)s, met deze keuze %(straks)s") % {
                "buurt": naam,
                "nu": rij["nu"],
                "straks": rij["straks"],
            }
        features.append(
            {
                "type": "Feature",
                "geometry": grens,
                "properties": {
                    "code": code,
                    "tekst": tekst,
                    "verandering": (
                        "" if not rij else "meer" if rij["object"].verschil > 0 else "minder"
                    ),
                },
            }
        )
    return {
        "buurten": {"type": "FeatureCollection", "features": features},
        "plekken": [
            {"naam": naam, "lat": float(lat), "lon": float(lon)}
            for naam, lat, lon in openbaar.values_list("naam", "latitude", "longitude")
        ],
    }
