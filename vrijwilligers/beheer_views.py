"""Volunteers in the staff portal. Answers, requests and vacatures are fetched through the
narrowers of partners/permissions.py (handleable_reacties, handleable_hulpvragen,
handleable_vacatures: the places where one's organisation works), so staff of another
organisation get a 404. The counts page reads vrijwilligers_cijfer_locaties: gemeente staff see
numbers for their whole gemeente, never names."""

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kern.timezones import AMSTERDAM
from partners import permissions
from partners.decorators import editor_required, member_required
from vrijwilligers import koppelen
from vrijwilligers.constants import HulpvraagStatus, ReactieStatus, VacatureStatus
from vrijwilligers.forms import BeoordeelForm, ReactieActieForm, VacatureForm
from vrijwilligers.models import Koppeling, Reactie

PER_PAGE = 50
STATUSES = ("open", "gesloten")
MAANDEN = 12


@member_required
@require_GET
def overzicht(request):
    user = request.user
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    reacties = permissions.handleable_reacties(user).select_related(
        "locatie", "vacature", "hulpvraag", "koppeling"
    )
    aantallen = reacties.aggregate(
        open=Count("pk", filter=~Q(status=ReactieStatus.GESLOTEN)),
        gesloten=Count("pk", filter=Q(status=ReactieStatus.GESLOTEN)),
    )
    if status == "open":
        reacties = reacties.exclude(status=ReactieStatus.GESLOTEN).order_by("aangemaakt_op", "id")
    else:
        reacties = reacties.filter(status=ReactieStatus.GESLOTEN).order_by("-gesloten_op", "-id")
    context = {
        "status": status,
        "aantallen": aantallen,
        "page": Paginator(reacties, PER_PAGE).get_page(request.GET.get("pagina")),
        "te_beoordelen": list(
            permissions.handleable_hulpvragen(user)
            .filter(status=HulpvraagStatus.TE_BEOORDELEN)
            .select_related("locatie")
            .order_by("aangemaakt_op", "id")[:PER_PAGE]
        ),
        "vacatures": list(
            permissions.handleable_vacatures(user)
            .filter(status=VacatureStatus.OPEN)
            .select_related("locatie")
            .annotate(aantal_reacties=Count("reacties"))
            .order_by("locatie__naam", "titel", "id")[:PER_PAGE]
        ),
        "kan_plaatsen": permissions.vrijwilligers_locaties(user).exists(),
    }
    return render(request, "beheer/vrijwilligers/overzicht.html", context)


def _vacature_form(request, vacature):
    form = VacatureForm(request.POST or None, instance=vacature, user=request.user)
    if request.method == "POST" and form.is_valid():
        koppelen.save_vacature(vacature=form.instance, door=request.user)
        messages.success(request, _("De vacature is opgeslagen."))
        return redirect("beheer:vrijwilligers")
    context = {
        "form": form,
        "vacature": vacature,
        "kan_plaatsen": vacature is not None or form.fields["locatie"].queryset.exists(),
    }
    return render(request, "beheer/vrijwilligers/vacature_form.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def vacature_nieuw(request):
    return _vacature_form(request, None)


@editor_required
@require_http_methods(["GET", "POST"])
def vacature_bewerken(request, pk):
    vacature = get_object_or_404(permissions.handleable_vacatures(request.user), pk=pk)
    return _vacature_form(request, vacature)


@editor_required
@require_http_methods(["GET", "POST"])
def reactie(request, pk):
    """One answer with the resident's contact details; take it up, match, follow up, close."""
    reactie = get_object_or_404(
        permissions.handleable_reacties(request.user).select_related(
            "locatie", "vacature", "hulpvraag"
        ),
        pk=pk,
    )
    koppeling = Koppeling.objects.filter(reactie=reactie).select_related("gekoppeld_door").first()
    form = ReactieActieForm(
        request.POST or None, initial={"notitie": koppeling.notitie} if koppeling else None
    )
    if request.method == "POST" and form.is_valid():
        actie = form.cleaned_data["actie"]
        notitie = form.cleaned_data["notitie"]
        try:
            if actie == "oppakken":
                koppelen.take_up(reactie=reactie)
                messages.success(request, _("Je hebt de reactie opgepakt."))
            elif actie == "koppelen" and koppeling is None:
                koppelen.match(reactie=reactie, door=request.user, notitie=notitie)
                messages.success(request, _("De koppeling is vastgelegd."))
            elif actie == "koppelen":
                koppelen.follow_up(koppeling=koppeling, notitie=notitie)
                messages.success(request, _("De opvolging is opgeslagen."))
            else:
                koppelen.close(reactie=reactie)
                messages.success(request, _("De reactie is gesloten."))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("beheer:vrijwilligers_reactie", pk=reactie.pk)
    context = {"reactie": reactie, "koppeling": koppeling, "form": form}
    return render(request, "beheer/vrijwilligers/reactie.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def hulpvraag(request, pk):
    hulpvraag = get_object_or_404(
        permissions.handleable_hulpvragen(request.user).select_related("locatie"), pk=pk
    )
    form = BeoordeelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if hulpvraag.gewist_op:
            messages.error(request, _("De gegevens van deze vraag zijn gewist."))
        else:
            koppelen.review_hulpvraag(
                hulpvraag=hulpvraag, tonen=form.cleaned_data["besluit"] == "tonen"
            )
            messages.success(request, _("Je besluit is opgeslagen."))
        return redirect("beheer:vrijwilligers")
    reacties = list(
        Reactie.objects.filter(hulpvraag=hulpvraag)
        .filter(pk__in=permissions.handleable_reacties(request.user).values("pk"))
        .order_by("aangemaakt_op", "id")
    )
    context = {"hulpvraag": hulpvraag, "form": form, "reacties": reacties}
    return render(request, "beheer/vrijwilligers/hulpvraag.html", context)


@member_required
@require_GET
def cijfers(request):
    """Sign-ups (answers) and matches per place and month over the last year, without names;
    and per place how many residents help now (open matches). Gemeente staff see every place
    in their gemeente (vrijwilligers_cijfer_locaties). Three queries whatever the numbers."""
    locaties = permissions.vrijwilligers_cijfer_locaties(request.user).values("pk")
    sinds = (timezone.now() - relativedelta(months=MAANDEN - 1)).astimezone(AMSTERDAM)
    sinds = sinds.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rijen: dict[tuple, dict] = {}
    for soort, model, veld in (
        ("aanmeldingen", Reactie, "aangemaakt_op"),
        ("koppelingen", Koppeling, "gekoppeld_op"),
    ):
        rows = (
            model.objects.filter(locatie__in=locaties, **{f"{veld}__gte": sinds})
            .annotate(maand=TruncMonth(veld, tzinfo=AMSTERDAM))
            .values("locatie__naam", "locatie", "maand")
            .annotate(aantal=Count("pk"))
            .order_by()
        )
        for row in rows:
            rij = rijen.setdefault(
                (row["locatie"], row["maand"]),
                {"locatie": row["locatie__naam"], "maand": row["maand"]},
            )
            rij[soort] = row["aantal"]
    per_maand = sorted(rijen.values(), key=lambda rij: rij["locatie"])
    per_maand.sort(key=lambda rij: rij["maand"], reverse=True)
    helpen = (
        Koppeling.objects.filter(locatie__in=locaties, gesloten_op__isnull=True)
        .values("locatie__naam")
        .annotate(aantal=Count("pk"))
        .order_by("locatie__naam")
    )
    context = {"per_maand": per_maand, "helpen": list(helpen), "maanden": MAANDEN}
    return render(request, "beheer/vrijwilligers/cijfers.html", context)
