"""The staff portal's pages for a gemeente's wijken and buurten: the list with their figures,
and the import of CBS boundaries and population (locaties/wijkimport.py).

Everyone who may read a gemeente's figures (permissions.werkgebied_gemeenten) sees the list;
the import is for the staff of the gemeente itself (permissions.own_gemeenten).
"""

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from locaties import wijkimport
from locaties.constants import WijkSoort
from locaties.forms import WijkImportForm
from locaties.gemeente_choice import chosen_gemeente
from locaties.models import Locatie, Wijk
from partners import permissions
from partners.decorators import editor_required, member_required

# The last import's report, shown once on the import page after the redirect.
VERSLAG_SESSION_KEY = "wijkimport_verslag"


def _place_count(**filters) -> Coalesce:
    """The number of published places of the Wijk in OuterRef('pk'), as a subquery."""
    places = (
        Locatie.objects.openbaar()
        .filter(**filters)
        .order_by()
        .values("status")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(places, output_field=IntegerField()), Value(0))


def wijken_met_cijfers(gemeente):
    """The wijken of `gemeente`, each followed by its buurten, with the number of published
    places (`plekken`) and whether a boundary is known (`heeft_grens`); the boundaries
    themselves are not read."""
    return (
        Wijk.objects.filter(gemeente=gemeente)
        .defer("grens")
        .annotate(
            heeft_grens=ExpressionWrapper(Q(grens__isnull=False), output_field=BooleanField()),
            plekken_wijk=_place_count(wijk=OuterRef("pk")),
            plekken_buurt=_place_count(buurt=OuterRef("pk")),
        )
        # WK + 6 digits and BU + 8 digits share the gemeente's and the wijk's digits.
        .order_by(Substr("cbs_code", 3, 6), "-soort", "cbs_code")
    )


@member_required
@require_safe
def wijken(request):
    """The wijken and buurten of one gemeente with population, share of 65-plussers, number
    of places and whether their boundary is known."""
    gemeenten = permissions.werkgebied_gemeenten(request.user)
    gemeente = chosen_gemeente(request, gemeenten)
    if gemeente is None:
        raise Http404
    rijen = list(wijken_met_cijfers(gemeente))
    for rij in rijen:
        rij.plekken = rij.plekken_wijk if rij.soort == WijkSoort.WIJK else rij.plekken_buurt
    wijk_rijen = [rij for rij in rijen if rij.soort == WijkSoort.WIJK]
    return render(
        request,
        "beheer/wijken/lijst.html",
        {
            "gemeente": gemeente,
            "gemeenten": list(gemeenten.order_by("naam")),
            "behoud": request.GET,
            "rijen": rijen,
            "aantal_wijken": len(wijk_rijen),
            "aantal_buurten": len(rijen) - len(wijk_rijen),
            "zonder_grens": sum(1 for rij in rijen if not rij.heeft_grens),
            "zonder_inwoners": sum(1 for rij in rijen if rij.inwoners is None),
            "kan_importeren": permissions.own_gemeenten(request.user)
            .filter(pk=gemeente.pk)
            .exists(),
        },
    )


@editor_required
def wijken_importeren(request):
    """Upload a CBS wijk- en buurtkaart: the wijken and buurten of the gemeenten the person
    manages are created or updated, the rest is skipped; the report follows the redirect."""
    beheerd = permissions.own_gemeenten(request.user)
    gemeenten = list(beheerd.order_by("naam"))
    if not gemeenten:
        raise Http404
    gemeente = chosen_gemeente(request, beheerd)
    problemen = []
    if request.method == "POST":
        form = WijkImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                verslag = wijkimport.import_wijken(
                    form.cleaned_data["bestand"].read(),
                    gemeenten=gemeenten,
                    door=request.user,
                    proef=form.cleaned_data["proef"],
                )
            except wijkimport.ImportFout as fout:
                problemen = fout.problemen
            else:
                request.session[VERSLAG_SESSION_KEY] = {
                    "regels": verslag.regels(),
                    "overgeslagen": verslag.overgeslagen_regels(),
                    "aantal_overgeslagen": verslag.aantal_overgeslagen,
                    "proef": verslag.proef,
                    "geimporteerd": bool(verslag.aantal_verwerkt),
                }
                url = reverse("beheer:wijken_importeren")
                return redirect(f"{url}?{urlencode({'gemeente': gemeente.slug})}")
    else:
        form = WijkImportForm()
    return render(
        request,
        "beheer/wijken/importeren.html",
        {
            "gemeente": gemeente,
            "gemeenten": gemeenten,
            "behoud": request.GET,
            "form": form,
            "problemen": problemen,
            "verslag": request.session.pop(VERSLAG_SESSION_KEY, None)
            if request.method == "GET"
            else None,
            "max_mb": wijkimport.MAX_UPLOAD_BYTES // 1024 // 1024,
        },
    )
