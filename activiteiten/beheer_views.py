"""Activities in the staff portal: the list of activities the person may edit, scheduling a new
one, changing it (refused when someone else saved in between), cancelling one date, and moving
it through its statuses. Rights come from partners/permissions.py; what a change means from
activiteiten/planning.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from activiteiten import planning
from activiteiten.constants import ActiviteitStatus
from activiteiten.filters import ActiviteitFilter
from activiteiten.forms import ActiviteitForm, LocatieKeuzeForm, StatusForm, UitzonderingForm
from activiteiten.history import activiteit_history
from activiteiten.occurrences import RuimteBezet
from ontmoeting.concurrency import StaleEdit, refuse_stale
from partners import permissions
from partners.decorators import editor_required, member_required

PER_PAGE = 50


def _editable(user):
    return permissions.editable_activiteiten(user).select_related(
        "locatie", "organisator", "ruimte"
    )


@member_required
@require_GET
def activiteiten(request):
    rows = _editable(request.user).order_by("startdatum", "begintijd", "titel")
    filterset = ActiviteitFilter(request.GET or None, queryset=rows, request=request)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "kan_plannen": permissions.schedulable_locaties(request.user).exists(),
    }
    return render(request, "beheer/activiteiten/lijst.html", context)


@editor_required
def activiteit_nieuw(request):
    """Step one chooses the place (a GET form, so it works without JavaScript); step two, with
    ?locatie=<slug>, is the activity's form with the organisers and rooms of that place."""
    keuze = LocatieKeuzeForm(request.GET or None, user=request.user)
    if not keuze.is_valid():
        return render(request, "beheer/activiteiten/locatie_kiezen.html", {"keuze": keuze})
    locatie = keuze.cleaned_data["locatie"]
    form = ActiviteitForm(request.POST or None, user=request.user, locatie=locatie)
    if request.method == "POST" and form.is_valid():
        try:
            activiteit = planning.schedule_activiteit(form=form, door=request.user)
        except RuimteBezet as bezet:
            form.add_error("ruimte", bezet.messages[0])
            return render(
                request, "beheer/activiteiten/nieuw.html", {"form": form, "locatie": locatie}
            )
        messages.success(
            request,
            _("‘%(titel)s’ is opgeslagen als concept. Publiceer het als alles klopt.")
            % {"titel": activiteit.titel},
        )
        return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return render(request, "beheer/activiteiten/nieuw.html", {"form": form, "locatie": locatie})


def _edit_page(request, activiteit, form, **extra):
    context = {
        "activiteit": activiteit,
        "form": form,
        "uitzondering_form": extra.pop("uitzondering_form", None) or UitzonderingForm(),
        "uitzonderingen": activiteit.uitzonderingen.order_by("datum"),
        "volgende_statussen": planning.next_statuses(activiteit),
        "geschiedenis": activiteit_history(activiteit),
        "status_afgelast": ActiviteitStatus.AFGELAST,
        "vandaag": timezone.localdate(),
        **extra,
    }
    return render(request, "beheer/activiteiten/bewerken.html", context)


@editor_required
def activiteit_bewerken(request, slug):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = ActiviteitForm(
        request.POST or None, instance=activiteit, user=request.user, locatie=activiteit.locatie
    )
    if request.method == "POST" and form.is_valid():
        try:
            planning.save_activiteit(form=form, door=request.user)
        except StaleEdit as stale:
            refuse_stale(form, stale)
        except RuimteBezet as bezet:
            form.add_error("ruimte", bezet.messages[0])
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _edit_page(request, activiteit, form)


@editor_required
@require_POST
def activiteit_uitzondering(request, slug):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = UitzonderingForm(request.POST)
    if form.is_valid():
        try:
            planning.cancel_date(
                activiteit=activiteit,
                datum=form.cleaned_data["datum"],
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("%(datum)s vervalt. Bewoners zien de reden in de agenda.")
                % {"datum": form.cleaned_data["datum"].strftime("%d-%m-%Y")},
            )
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    edit_form = ActiviteitForm(instance=activiteit, user=request.user, locatie=activiteit.locatie)
    return _edit_page(request, activiteit, edit_form, uitzondering_form=form)


@editor_required
@require_POST
def activiteit_status(request, slug):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = StatusForm(request.POST)
    form.is_valid()  # every field is optional text: only null characters make it invalid
    # planning.change_status calls a status with them unknown; a reason with them is refused
    # here, not dropped.
    if "reden" in form.errors:
        messages.error(request, form.errors["reden"][0])
        return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    try:
        planning.change_status(
            activiteit=activiteit,
            status=form.cleaned_data.get("status", ""),
            door=request.user,
            reden=form.cleaned_data.get("reden", ""),
            gezien=form.cleaned_data.get("gezien", ""),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("De status is nu ‘%(status)s’.")
            % {"status": ActiviteitStatus(activiteit.status).label},
        )
    return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)


@editor_required
@require_POST
def activiteit_uitzondering_intrekken(request, slug, pk):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    uitzondering = get_object_or_404(activiteit.uitzonderingen, pk=pk)
    try:
        planning.restore_date(uitzondering=uitzondering, door=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(datum)s gaat toch door.") % {"datum": uitzondering.datum.strftime("%d-%m-%Y")},
        )
    return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
