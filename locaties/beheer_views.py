"""The staff portal's pages for places: list, register, edit, hours, rooms, lettings,
samenwerkingen, financing, submit, review and confirm.

Every record is fetched through a narrower of partners/permissions.py, so a person without
rights gets a 404. Pages that show an edit form or change data use editor_required.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kern.concurrency import StaleEdit, refuse_stale, save_unless_changed
from kern.slugs import unique_slug
from locaties import currency, geocoding, history, wijkimport
from locaties.constants import LocatieStatus
from locaties.filters import BeheerLocatieFilter
from locaties.forms import (
    BegeleidingstijdFormSet,
    FinancieringForm,
    LocatieForm,
    NieuweLocatieForm,
    OpeningstijdFormSet,
    RuimteForm,
    SamenwerkingForm,
    SluitingFormSet,
    StatusForm,
    TijdenVersieForm,
    VerhuurForm,
)
from locaties.models import (
    Financiering,
    Locatie,
    Ruimte,
    Samenwerking,
    Verhuur,
    overlap_message,
)
from locaties.publication import change_status, publication_problems
from partners import permissions
from partners.decorators import editor_required, member_required

PAGE_SIZE = 50


# Lists -------------------------------------------------------------------------------------


@member_required
@require_safe
def locaties(request):
    """Every place the person works with, filtered and sorted, one page at a time."""
    queryset = permissions.with_locatie_rights(
        permissions.portal_locaties(request.user).select_related("gemeente", "wijk"),
        request.user,
    )
    filterset = BeheerLocatieFilter(
        request.GET or None,
        queryset=queryset,
        gemeenten=permissions.werkgebied_gemeenten(request.user).order_by("naam"),
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "beheer/locaties/lijst.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "kan_registreren": permissions.can_register_locatie(request.user),
        },
    )


@member_required
@require_safe
def beoordelen(request):
    """The review queue: places of the person's own gemeente that wait for a decision.
    Only gemeente staff review; for anyone else the page does not exist."""
    if not permissions.is_reviewer(request.user):
        raise Http404
    wachtrij = (
        permissions.reviewable_locaties(request.user)
        .filter(status=LocatieStatus.TER_BEOORDELING)
        .select_related("gemeente", "wijk")
        .order_by("gewijzigd_op", "id")
    )
    page = Paginator(wachtrij, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "beheer/locaties/beoordelen.html", {"page": page})


# One place ---------------------------------------------------------------------------------


def _detail_context(request, locatie, *, status_form=None):
    user = request.user
    kan_bewerken = permissions.can_edit_locatie(user, locatie)
    kan_beoordelen = permissions.can_review_locatie(user, locatie)
    ruimten = locatie.ruimten.prefetch_related(
        "voorzieningen",
        Prefetch("verhuringen", queryset=Verhuur.objects.select_related("huurder")),
    )
    teruggestuurd = None
    if locatie.status == LocatieStatus.CONCEPT:
        teruggestuurd = history.sent_back([locatie.pk]).get(locatie.pk)
    return {
        "locatie": locatie,
        "kan_bewerken": kan_bewerken,
        "kan_beoordelen": kan_beoordelen,
        "kan_indienen": permissions.can_submit_locatie(user, locatie, may_edit=kan_bewerken),
        "ruimten": ruimten,
        "openingstijden": locatie.openingstijden.all(),
        "begeleidingstijden": locatie.begeleidingstijden.all(),
        "sluitingen": locatie.sluitingen.all(),
        "samenwerkingen": locatie.samenwerkingen.select_related("partner"),
        "financieringen": locatie.financieringen.select_related("financier"),
        "doelgroepen": locatie.doelgroepen.all(),
        "voorzieningen": locatie.voorzieningen.all(),
        "geschiedenis": history.locatie_history(locatie),
        "teruggestuurd": teruggestuurd,
        "problemen": publication_problems(locatie),
        "bevestiging_verlopen": currency.is_overdue(locatie),
        "status_form": status_form or (StatusForm(locatie=locatie) if kan_beoordelen else None),
    }


@member_required
@require_safe
def locatie(request, slug):
    """A place's portal page: everything about it, what one may do with it, and its history."""
    obj = get_object_or_404(
        permissions.portal_locaties(request.user).select_related(
            "gemeente", "wijk", "buurt", "laatst_bevestigd_door"
        ),
        slug=slug,
    )
    return render(request, "beheer/locaties/detail.html", _detail_context(request, obj))


@editor_required
def locatie_nieuw(request):
    """Register a place as concept, on behalf of one of the person's organisations."""
    partners = permissions.registering_partners(request.user).order_by("naam")
    if not partners.exists():
        raise Http404
    gemeenten = permissions.werkgebied_gemeenten(request.user).order_by("naam")
    form = NieuweLocatieForm(request.POST or None, partners=partners, gemeenten=gemeenten)
    if request.method == "POST":
        if form.is_valid():
            located = geocoding.locate_address(form.instance, changed_fields=form.changed_data)
            placed = _place_in_wijk(form)
            obj = _register(form, user=request.user)
            for message in (located, placed):
                if message:
                    messages.info(request, message)
            messages.success(
                request,
                _("‘%(naam)s’ is geregistreerd als concept. Vul de openingstijden aan en dien "
                  "de locatie in ter beoordeling.") % {"naam": obj.naam},
            )  # fmt: skip
            return redirect("beheer:locatie", slug=obj.slug)
    return render(request, "beheer/locaties/bewerken.html", {"form": form, "nieuw": True})


def _place_in_wijk(form) -> str:
    """Give the form's place the wijk and buurt of its coordinates (before it is saved, so the
    one history row holds both). Returns a sentence for the person when the boundaries chose
    another wijk or buurt than the form had, else empty."""
    locatie = form.instance
    if not wijkimport.assign_wijk(locatie):
        return ""
    names = [str(area) for area in (locatie.wijk, locatie.buurt) if area is not None]
    if not names:
        return _(
            "De coördinaten liggen buiten de wijken en buurten van %(gemeente)s; de locatie "
            "heeft nu geen wijk of buurt."
        ) % {"gemeente": locatie.gemeente}
    return _("Wijk en buurt volgen uit de coördinaten: %(gebied)s.") % {"gebied": ", ".join(names)}


@transaction.atomic
def _register(form, *, user) -> Locatie:
    """Save a new place and the registering organisation's role there, in one transaction."""
    obj = form.instance
    obj.status = LocatieStatus.CONCEPT
    obj.slug = unique_slug(Locatie, obj.naam, max_length=220)
    obj._history_user = user
    obj._change_reason = _("Geregistreerd")
    form.save()
    partner = form.cleaned_data["partner"]
    rol = permissions.registration_role(partner)
    if rol:
        samenwerking = Samenwerking(locatie=obj, partner=partner, rol=rol)
        samenwerking._history_user = user
        samenwerking.save()
    return obj


@editor_required
def locatie_bewerken(request, slug):
    obj = get_object_or_404(
        permissions.editable_locaties(request.user).select_related("gemeente"), slug=slug
    )
    point_before = (obj.latitude, obj.longitude)
    form = LocatieForm(request.POST or None, instance=obj)
    if request.method == "POST":
        if form.is_valid():
            located = geocoding.locate_address(form.instance, changed_fields=form.changed_data)
            placed = ""
            moved = (form.instance.latitude, form.instance.longitude) != point_before
            if moved or {"wijk", "buurt"} & set(form.changed_data):
                placed = _place_in_wijk(form)
            try:
                save_unless_changed(form, user=request.user, reason=form.m2m_change_summary())
            except StaleEdit as stale:
                refuse_stale(form, stale)
            else:
                for message in (located, placed):
                    if message:
                        messages.info(request, message)
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("beheer:locatie", slug=obj.slug)
    return render(
        request, "beheer/locaties/bewerken.html", {"form": form, "locatie": obj, "nieuw": False}
    )


@editor_required
def locatie_tijden(request, slug):
    """Opening hours, closures and (for a sterlocatie) support hours, as one record: saved
    together, against the place's version, or not at all."""
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    data = request.POST or None
    versie = TijdenVersieForm(data, instance=obj)
    formsets = {
        "openingstijden": OpeningstijdFormSet(data, instance=obj, prefix="open"),
        "sluitingen": SluitingFormSet(data, instance=obj, prefix="sluiting"),
    }
    if obj.is_sterlocatie:
        formsets["begeleidingstijden"] = BegeleidingstijdFormSet(
            data, instance=obj, prefix="begeleiding"
        )
    # Validate every formset (no short-circuit), so each shows its errors at once.
    valid = request.method == "POST" and all(
        [versie.is_valid(), *(formset.is_valid() for formset in formsets.values())]
    )
    if valid:
        try:
            _save_tijden(versie, formsets.values(), user=request.user)
        except StaleEdit as stale:
            refuse_stale(versie, stale)
        else:
            messages.success(request, _("De tijden zijn opgeslagen."))
            return redirect("beheer:locatie", slug=obj.slug)
    return render(
        request,
        "beheer/locaties/tijden.html",
        {
            "locatie": obj,
            "versie_form": versie,
            "formsets": formsets,
            "heeft_fouten": request.method == "POST" and not valid,
        },
    )


@transaction.atomic
def _save_tijden(versie_form, formsets, *, user) -> None:
    """Lock the place, refuse a stale version, save every formset, and record the change on
    the place so its version moves on."""
    for formset in formsets:
        for form in formset.forms:
            form.instance._history_user = user
        for form in formset.deleted_forms:
            form.instance._history_user = user
    save_unless_changed(versie_form, user=user, reason=_("Tijden gewijzigd"))
    for formset in formsets:
        formset.save()


# Rooms and lettings ------------------------------------------------------------------------


def _edit_child(request, *, locatie, form, template, success):
    """The shared flow of a versioned child record's form: save unless stale, else show."""
    if request.method == "POST":
        if form.is_valid():
            try:
                save_unless_changed(form, user=request.user)
            except StaleEdit as stale:
                refuse_stale(form, stale)
            else:
                messages.success(request, success)
                return redirect("beheer:locatie", slug=locatie.slug)
    return render(request, template, {"locatie": locatie, "form": form})


@editor_required
def ruimte_nieuw(request, slug):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    form = RuimteForm(request.POST or None, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/ruimte.html",
        success=_("De ruimte is toegevoegd."),
    )


@editor_required
def ruimte_bewerken(request, slug, pk):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    ruimte = get_object_or_404(Ruimte, locatie=obj, pk=pk)
    form = RuimteForm(request.POST or None, instance=ruimte, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/ruimte.html",
        success=_("De ruimte is opgeslagen."),
    )


@editor_required
def verhuur_nieuw(request, slug, pk):
    """Let a room; for a corporatie's room the Btiv rule decides who may rent it."""
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    ruimte = get_object_or_404(
        Ruimte.objects.filter(buiten_gebruik_sinds__isnull=True).select_related("locatie"),
        locatie=obj,
        pk=pk,
        verhuurbaar=True,
    )
    form = VerhuurForm(request.POST or None, ruimte=ruimte)
    if request.method == "POST" and form.is_valid():
        verhuur = form.save(commit=False)
        verhuur._history_user = request.user
        try:
            with transaction.atomic():
                verhuur.save()
        except IntegrityError as error:
            # Someone let the room for an overlapping period at the same moment (PostgreSQL's
            # verhuur_ruimte_no_overlap); the form's own check saw nothing yet.
            if "verhuur_ruimte_no_overlap" not in str(error):
                raise
            form.add_error(None, overlap_message())
        else:
            messages.success(request, _("De verhuur is vastgelegd."))
            return redirect("beheer:locatie", slug=obj.slug)
    return render(
        request, "beheer/locaties/verhuur.html", {"locatie": obj, "ruimte": ruimte, "form": form}
    )


# Samenwerkingen and financing --------------------------------------------------------------


@editor_required
def samenwerking_nieuw(request, slug):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    form = SamenwerkingForm(request.POST or None, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/samenwerking.html",
        success=_("De samenwerking is toegevoegd."),
    )


@editor_required
def samenwerking_bewerken(request, slug, pk):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    samenwerking = get_object_or_404(Samenwerking, locatie=obj, pk=pk)
    form = SamenwerkingForm(request.POST or None, instance=samenwerking, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/samenwerking.html",
        success=_("De samenwerking is opgeslagen."),
    )


@editor_required
def financiering_nieuw(request, slug):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    form = FinancieringForm(request.POST or None, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/financiering.html",
        success=_("De financiering is toegevoegd."),
    )


@editor_required
def financiering_bewerken(request, slug, pk):
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    financiering = get_object_or_404(Financiering, locatie=obj, pk=pk)
    form = FinancieringForm(request.POST or None, instance=financiering, locatie=obj)
    return _edit_child(
        request,
        locatie=obj,
        form=form,
        template="beheer/locaties/financiering.html",
        success=_("De financiering is opgeslagen."),
    )


# Workflow ----------------------------------------------------------------------------------


@require_POST
@editor_required
def locatie_indienen(request, slug):
    """Submit a concept for review by the gemeente."""
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    try:
        change_status(obj, LocatieStatus.TER_BEOORDELING, door=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("‘%(naam)s’ is ingediend ter beoordeling bij de gemeente.") % {"naam": obj}
        )
    return redirect("beheer:locatie", slug=obj.slug)


@require_POST
@editor_required
def locatie_status(request, slug):
    """A reviewer publishes, sends back to concept (with a reason) or archives a place."""
    obj = get_object_or_404(
        permissions.reviewable_locaties(request.user).select_related(
            "gemeente", "wijk", "buurt", "laatst_bevestigd_door"
        ),
        slug=slug,
    )
    form = StatusForm(request.POST, locatie=obj)
    if form.is_valid():
        try:
            change_status(
                obj,
                form.cleaned_data["status"],
                door=request.user,
                reden=form.cleaned_data["reden"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De status van ‘%(naam)s’ is nu: %(status)s.")
                % {"naam": obj, "status": obj.get_status_display()},
            )
            return redirect("beheer:locatie", slug=obj.slug)
    obj.refresh_from_db()
    messages.error(request, _("De status is niet gewijzigd: zie de toelichting hieronder."))
    return render(
        request,
        "beheer/locaties/detail.html",
        _detail_context(request, obj, status_form=form),
        status=400,
    )


@require_POST
@editor_required
def locatie_bevestigen(request, slug):
    """One click: the details of this place are still correct."""
    obj = get_object_or_404(permissions.editable_locaties(request.user), slug=slug)
    currency.confirm_locatie(obj, door=request.user)
    messages.success(request, _("Bevestigd: de gegevens van ‘%(naam)s’ kloppen.") % {"naam": obj})
    target = request.POST.get("next", "")
    if target == "start":
        return redirect("beheer:start")
    return redirect("beheer:locatie", slug=obj.slug)
