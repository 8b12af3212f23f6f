"""The coverage dashboard (/beheer/dekking/) and its export, for the gemeenten a person may
read (partners/permissions.py, readable_gemeenten): gemeente staff see their own gemeente,
other staff the gemeenten their organisations work in, and may choose among them with
?gemeente=<slug>; a gemeente outside one's rights answers 404. Staff of an organisation that
works in no gemeente get a page that says so (and the export answers 404).

The figures come from locaties/dekking.py; this module only chooses, sorts and formats them.
Everything the map shows is in the tables too: the page works without JavaScript.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kern.export import Tabel, download
from locaties import dekking as dekking_module
from locaties.dekking import KERN_STRAAL_M, STANDAARD_STRAAL, STRALEN, Cijfers, Dekking
from locaties.gemeente_choice import chosen_gemeente
from locaties.geo import format_distance
from partners import permissions
from partners.decorators import member_required

# The colour classes of the map: share of residents within reach, in fifths. The colours
# themselves are in static/css/site.css (section "Dekking"), read from the legend by the map.
KLASSEN = 5


# Formatting --------------------------------------------------------------------------------


def _aantal(waarde) -> str:
    if waarde is None:
        return _("onbekend")
    return number_format(round(waarde), 0, force_grouping=True)


def _uren(waarde: float) -> str:
    return number_format(round(waarde, 1), 1, force_grouping=True)


def _afstand(waarde: float | None) -> str:
    if waarde is None:
        return _("geen grens")
    if math.isinf(waarde):
        return _("meer dan %(km)s km") % {"km": dekking_module.DEKKING_MARGE_M // 1000}
    if waarde < 10:
        return _("in de buurt")  # the centre is (next to) a place
    return format_distance(waarde)


def procent(waarde: float) -> str:
    """'37%'; '<1%' and '>99%' rather than rounding a little to nothing or to everything."""
    if 0 < waarde < 0.005:
        return "<1%"
    if 0.995 <= waarde < 1:
        return ">99%"
    return f"{number_format(round(waarde * 100), 0)}%"


def _aandeel(cijfers: Cijfers, waarde: float | None) -> str:
    if waarde is not None:
        return procent(waarde)
    if not cijfers.heeft_grens:
        return _("geen grens")
    if cijfers.inwoners == 0:
        return _("geen inwoners")
    return _("onbekend")


def _per_plek(cijfers: Cijfers, waarde: float | None) -> str:
    if cijfers.inwoners == 0:
        return _("geen inwoners")
    if not cijfers.plekken:
        return _("geen plek")
    return _aantal(waarde)


# Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """A column of the tables: its ?sort= key, header, sort value and displayed text."""

    sleutel: str
    titel: str
    waarde: Callable[[Cijfers], Any]
    tekst: Callable[[Cijfers], str]
    numeriek: bool = True


def kolommen(straal: int) -> list[Kolom]:
    """The columns after the name, the same for buurten, wijken and the gemeente."""
    binnen = _("Binnen %(afstand)s") % {"afstand": f"{straal} m"}
    return [
        Kolom("inwoners", _("Inwoners"), lambda c: c.inwoners, lambda c: _aantal(c.inwoners)),
        Kolom(
            "ouderen",
            _("65-plussers"),
            lambda c: c.inwoners_65_plus,
            lambda c: _aantal(c.inwoners_65_plus),
        ),
        Kolom("plekken", _("Plekken"), lambda c: c.plekken, lambda c: _aantal(c.plekken)),
        Kolom(
            "sterlocaties",
            _("Sterlocaties"),
            lambda c: c.sterlocaties,
            lambda c: _aantal(c.sterlocaties),
        ),
        Kolom(
            "openingsuren",
            _("Openingsuren per week"),
            lambda c: c.openingsuren,
            lambda c: _uren(c.openingsuren),
        ),
        Kolom(
            "activiteitenuren",
            _("Activiteitenuren per week"),
            lambda c: c.activiteitenuren,
            lambda c: _uren(c.activiteitenuren),
        ),
        Kolom(
            "per_plek",
            _("Inwoners per plek"),
            lambda c: c.inwoners_per_plek,
            lambda c: _per_plek(c, c.inwoners_per_plek),
        ),
        Kolom(
            "ouderen_per_plek",
            _("65-plussers per plek"),
            lambda c: c.inwoners_65_plus_per_plek,
            lambda c: _per_plek(c, c.inwoners_65_plus_per_plek),
        ),
        Kolom(
            "afstand",
            _("Afstand tot een plek"),
            lambda c: c.afstand_plek_m,
            lambda c: _afstand(c.afstand_plek_m),
        ),
        Kolom(
            "bereik",
            _("%(binnen)s van een plek") % {"binnen": binnen},
            lambda c: c.aandeel_plek,
            lambda c: _aandeel(c, c.aandeel_plek),
        ),
        Kolom(
            "bereik_ster",
            _("%(binnen)s van een sterlocatie") % {"binnen": binnen},
            lambda c: c.aandeel_sterlocatie,
            lambda c: _aandeel(c, c.aandeel_sterlocatie),
        ),
        Kolom(
            "bereik_kern",
            _("Binnen 2 km van een kern"),
            lambda c: c.aandeel_kern,
            lambda c: _aandeel(c, c.aandeel_kern),
        ),
    ]


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


def _kop(request, sleutel: str, titel: str, sortering: str, numeriek: bool) -> dict:
    """A sortable header: the link to sort on it (again, the other way), and aria-sort."""
    query = request.GET.copy()
    actief = sortering.lstrip("-") == sleutel
    aflopend = sortering.startswith("-")
    query["sort"] = f"-{sleutel}" if actief and not aflopend else sleutel
    return {
        "titel": titel,
        "url": f"?{query.urlencode()}",
        "aria_sort": ("descending" if aflopend else "ascending") if actief else "",
        "actie": _("sorteer aflopend") if actief and not aflopend else _("sorteer oplopend"),
        "numeriek": numeriek,
    }


# The page ----------------------------------------------------------------------------------


def _gemeente_en_straal(request):
    """(gemeenten to choose from, the chosen gemeente or None, straal, message about a
    straal that could not be used or None)."""
    gemeenten = permissions.readable_gemeenten(request.user).order_by("naam")
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
                        "aandeel": _aandeel(buurt, buurt.aandeel_plek),
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
    and the same figures as a table."""
    labels = dict(resultaat.categorieen)
    per_wijk = resultaat.activiteiten_per_wijk
    grootste = max((uren for wijk in per_wijk.values() for uren in wijk.values()), default=0)
    wijken = []
    for wijk in resultaat.wijken:
        uren = per_wijk.get(wijk.code, {})
        wijken.append(
            {
                "naam": wijk.naam,
                "totaal": _uren(sum(uren.values())),
                "staven": [
                    {
                        "label": labels[code],
                        "uren": _uren(waarde),
                        "breedte": f"{100 * waarde / grootste:.1f}%",
                    }
                    for code, waarde in uren.items()
                    if waarde > 0
                ],
                "cellen": [_uren(uren.get(code, 0.0)) for code, _label in resultaat.categorieen],
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
    cols = kolommen(straal)
    sortering = _sortering(request, cols)

    def rij(cijfers: Cijfers) -> dict:
        return {
            "cijfers": cijfers,
            "cellen": [
                {"titel": kolom.titel, "tekst": kolom.tekst(cijfers), "numeriek": kolom.numeriek}
                for kolom in cols
            ],
        }

    buurtnamen = {b.code: b.naam for b in resultaat.buurten}
    koppen = [_kop(request, k.sleutel, k.titel, sortering, k.numeriek) for k in cols]
    query = QueryDict(mutable=True)
    query.update({"gemeente": gemeente.slug, "straal": straal})
    context.update(
        {
            "dekking": resultaat,
            "totaal": rij(resultaat.totaal),
            "buurten": [rij(c) for c in sorteer(resultaat.buurten, sortering, cols)],
            "wijken": [rij(c) for c in sorteer(resultaat.wijken, sortering, cols)],
            "buurt_koppen": [
                _kop(request, "buurt", _("Buurt"), sortering, False),
                _kop(request, "wijk", _("Wijk"), sortering, False),
                *koppen,
            ],
            "wijk_koppen": [_kop(request, "wijk", _("Wijk"), sortering, False), *koppen],
            "sorteerkeuzes": _sorteerkeuzes(cols),
            "sortering": sortering,
            "gaten": [
                {
                    "cijfers": gat,
                    "buiten_bereik": _aantal(gat.buiten_bereik_65_plus),
                    "aandeel": _aandeel(gat, gat.aandeel_plek),
                    "afstand": _afstand(gat.afstand_plek_m),
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


def _kerncijfers(resultaat: Dekking) -> dict:
    totaal = resultaat.totaal
    return {
        "bereik": _aandeel(totaal, totaal.aandeel_plek),
        "bereik_65": _aandeel(totaal, totaal.aandeel_plek_65_plus),
        "buiten_bereik_65": _aantal(sum(b.buiten_bereik_65_plus or 0 for b in resultaat.buurten)),
        "bereik_ster": _aandeel(totaal, totaal.aandeel_sterlocatie),
        "bereik_kern": _aandeel(totaal, totaal.aandeel_kern),
        "inwoners": _aantal(totaal.inwoners),
        "openingsuren": _uren(totaal.openingsuren),
        "activiteitenuren": _uren(totaal.activiteitenuren),
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
    kolomnamen = [
        _("Inwoners"),
        _("65-plussers"),
        _("Plekken"),
        _("Sterlocaties"),
        _("Kernen"),
        _("Openingsuren per week"),
        _("Activiteitenuren per week"),
        _("Inwoners per plek"),
        _("65-plussers per plek"),
        _("Afstand tot plek (m)"),
        _("Afstand tot sterlocatie (m)"),
        _("Afstand tot kern (m)"),
        _("Binnen %(straal)s m van een plek") % {"straal": straal},
        _("65-plussers binnen %(straal)s m van een plek") % {"straal": straal},
        _("Binnen %(straal)s m van een sterlocatie") % {"straal": straal},
        _("Binnen 2 km van een kern"),
        _("65-plussers zonder plek binnen %(straal)s m") % {"straal": straal},
    ]
    tabellen = [
        Tabel(
            titel=_("Dekking per buurt"),
            kolommen=[_("CBS-code"), _("Buurt"), _("Wijk"), *kolomnamen],
            rijen=[[b.code, b.naam, b.wijk_naam, *_export_cijfers(b)] for b in resultaat.buurten],
            kenmerken=kenmerken,
        ),
        Tabel(
            titel=_("Dekking per wijk"),
            kolommen=[_("CBS-code"), _("Wijk"), *kolomnamen],
            rijen=[[w.code, w.naam, *_export_cijfers(w)] for w in resultaat.wijken],
            kenmerken=kenmerken,
        ),
        Tabel(
            titel=_("Dekking van de gemeente"),
            kolommen=[_("CBS-code"), _("Gemeente"), *kolomnamen],
            rijen=[[gemeente.cbs_code, gemeente.naam, *_export_cijfers(resultaat.totaal)]],
            kenmerken=kenmerken
            + [
                (_("Gepubliceerde plekken zonder coördinaten"), resultaat.zonder_coordinaten),
                (_("Gepubliceerde plekken buiten de buurtgrenzen"), resultaat.buiten_buurten),
            ],
        ),
        Tabel(
            titel=_("Activiteitenuren per week per wijk"),
            kolommen=[_("Wijk"), *(label for _code, label in resultaat.categorieen)],
            rijen=[
                [
                    wijk.naam,
                    *(
                        round(resultaat.activiteiten_per_wijk[wijk.code][code], 2)
                        for code, _label in resultaat.categorieen
                    ),
                ]
                for wijk in resultaat.wijken
            ],
            kenmerken=kenmerken[:2] + [kenmerken[4]],
        ),
    ]
    bestandsnaam = f"dekking-{gemeente.slug}-{straal}m-{timezone.localdate():%Y-%m-%d}"
    return download(tabellen, bestandsnaam, formaat)


def _export_getal(waarde, decimalen: int):
    if waarde is None:
        return None
    if isinstance(waarde, float) and math.isinf(waarde):
        return _("meer dan %(m)s") % {"m": dekking_module.DEKKING_MARGE_M}
    return round(waarde, decimalen) if decimalen else round(waarde)


def _export_cijfers(c: Cijfers) -> list:
    return [
        c.inwoners,
        _export_getal(c.inwoners_65_plus, 0),
        c.plekken,
        c.sterlocaties,
        c.kernen,
        _export_getal(c.openingsuren, 2),
        _export_getal(c.activiteitenuren, 2),
        _export_getal(c.inwoners_per_plek, 0),
        _export_getal(c.inwoners_65_plus_per_plek, 0),
        _export_getal(c.afstand_plek_m, 0),
        _export_getal(c.afstand_sterlocatie_m, 0),
        _export_getal(c.afstand_kern_m, 0),
        _export_getal(c.aandeel_plek, 4),
        _export_getal(c.aandeel_plek_65_plus, 4),
        _export_getal(c.aandeel_sterlocatie, 4),
        _export_getal(c.aandeel_kern, 4),
        _export_getal(c.buiten_bereik_65_plus, 0),
    ]
