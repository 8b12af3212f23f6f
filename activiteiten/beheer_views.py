"""Activities in the staff portal: the list of activities the person may edit, scheduling a new
one with a preview of its dates and the holidays it meets, changing it (refused when someone
else saved in between), cancelling or moving one date, stopping a series from a date on, and
moving it through its statuses. Also the rooms overview: every room of the places one manages,
who rents it, which activities use it in a week and when it is free (activiteiten/vrije_uren.py).
Rights come from partners/permissions.py; what a change means from activiteiten/planning.py."""

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from activiteiten import agenda, herhaling, planning, vrije_uren
from activiteiten.constants import ActiviteitStatus
from activiteiten.filters import ActiviteitFilter
from activiteiten.forms import (
    ActiviteitForm,
    LocatieKeuzeForm,
    RuimtenKeuzeForm,
    StatusForm,
    StoppenForm,
    UitzonderingForm,
    VerplaatsForm,
)
from activiteiten.history import activiteit_history
from activiteiten.models import Uitzondering
from activiteiten.occurrences import RuimteBezet
from kern import export
from kern.concurrency import StaleEdit, refuse_stale
from partners import permissions
from partners.decorators import editor_required, member_required

PER_PAGE = 50
VOORBEELD = "voorbeeld"  # the name of the "Bekijk de data" button: show, do not save


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
        "kan_plannen": permissions.portal_locaties(request.user).exists(),
    }
    return render(request, "beheer/activiteiten/lijst.html", context)


def _schedule_context(form, *, uitzonderingen=(), voorbeeld=False) -> dict:
    """Offer the holidays on dates of the form's series as checkboxes and, when asked
    ("Bekijk de data"), the next dates as saving would store them: nothing is saved."""
    context = {"voorbeeld_gevraagd": voorbeeld, "voorbeeld": None}
    if form.is_bound:
        if not form.schedule_is_valid():
            form.offer_holidays([])
            return context
    elif form.instance.pk is None:
        form.offer_holidays([])  # a new form has no dates yet
        return context
    activiteit = form.instance
    context["schema"] = herhaling.describe_rule(
        activiteit.herhaling, activiteit.startdatum, activiteit.begintijd
    )
    pairs = planning.holidays_in_series(
        activiteit, uitzonderingen=[u.datum for u in uitzonderingen]
    )
    form.offer_holidays(pairs)
    if voorbeeld:
        names = dict(pairs)
        ticked = [
            Uitzondering(datum=day, reden=names[day])
            for day in form.cleaned_data.get("feestdagen", ())
            if day in names
        ]
        context["voorbeeld"] = planning.preview(
            activiteit, uitzonderingen=[*uitzonderingen, *ticked]
        )
    return context


def _new_page(request, form, locatie, **extra):
    context = {"form": form, "locatie": locatie, **extra}
    return render(request, "beheer/activiteiten/nieuw.html", context)


@editor_required
def activiteit_nieuw(request):
    """Step one chooses the place (a GET form, so it works without JavaScript); step two, with
    ?locatie=<slug>, is the activity's form with the organisers and rooms of that place.
    "Bekijk de data" shows the next dates without saving."""
    keuze = LocatieKeuzeForm(request.GET or None, user=request.user)
    if not keuze.is_valid():
        return render(request, "beheer/activiteiten/locatie_kiezen.html", {"keuze": keuze})
    locatie = keuze.cleaned_data["locatie"]
    form = ActiviteitForm(request.POST or None, user=request.user, locatie=locatie)
    voorbeeld = request.method == "POST" and VOORBEELD in request.POST
    if request.method == "POST" and not voorbeeld and form.is_valid():
        try:
            activiteit = planning.schedule_activiteit(form=form, door=request.user)
        except RuimteBezet as bezet:
            form.add_error("ruimte", bezet.messages[0])
        else:
            messages.success(
                request,
                _("‘%(titel)s’ is opgeslagen als concept. Publiceer het als alles klopt.")
                % {"titel": activiteit.titel},
            )
            open_holidays = planning.holidays_in_series(
                activiteit,
                uitzonderingen=activiteit.uitzonderingen.values_list("datum", flat=True),
            )
            if open_holidays:
                messages.info(
                    request,
                    ngettext(
                        "Er valt een feestdag in deze reeks. Bij ‘Wanneer’ kun je hem laten "
                        "vervallen.",
                        "Er vallen %(n)d feestdagen in deze reeks. Bij ‘Wanneer’ kun je ze "
                        "laten vervallen.",
                        len(open_holidays),
                    )
                    % {"n": len(open_holidays)},
                )
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _new_page(request, form, locatie, **_schedule_context(form, voorbeeld=voorbeeld))


def _when(activiteit) -> str:
    """‘elke week op dinsdag vanaf 5 januari 2027, 10:00–12:00’ for the page's heading."""
    tijden = f"{activiteit.begintijd:%H:%M}–{activiteit.eindtijd:%H:%M}"
    datum = formats.date_format(activiteit.startdatum, "j F Y")
    if not activiteit.herhaling:
        return f"{datum}, {tijden}"
    schema = herhaling.describe_rule(
        activiteit.herhaling, activiteit.startdatum, activiteit.begintijd
    )
    return _("%(schema)s vanaf %(datum)s, %(tijden)s") % {
        "schema": schema,
        "datum": datum,
        "tijden": tijden,
    }


def _edit_page(
    request, activiteit, form, *, uitzonderingen=None, voorbeeld=False, wanneer=None, **extra
):
    if uitzonderingen is None:
        uitzonderingen = list(activiteit.uitzonderingen.order_by("datum"))
    upcoming = planning.upcoming_dates(activiteit)
    context = {
        "activiteit": activiteit,
        "wanneer": wanneer or _when(activiteit),
        "form": form,
        "uitzondering_form": extra.pop("uitzondering_form", None)
        or UitzonderingForm(upcoming=upcoming),
        "verplaats_form": extra.pop("verplaats_form", None) or VerplaatsForm(upcoming=upcoming),
        "stoppen_form": extra.pop("stoppen_form", None)
        or StoppenForm(upcoming=upcoming, initial={"versie": form.fields["versie"].initial}),
        "uitzonderingen": uitzonderingen,
        "volgende_statussen": planning.next_statuses(activiteit),
        "geschiedenis": activiteit_history(activiteit),
        "status_afgelast": ActiviteitStatus.AFGELAST,
        "vandaag": timezone.localdate(),
        **_schedule_context(form, uitzonderingen=uitzonderingen, voorbeeld=voorbeeld),
        **extra,
    }
    return render(request, "beheer/activiteiten/bewerken.html", context)


@editor_required
def activiteit_bewerken(request, slug):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    # Read before the form changes the activity in memory.
    uitzonderingen = list(activiteit.uitzonderingen.order_by("datum"))
    wanneer = _when(activiteit)
    form = ActiviteitForm(
        request.POST or None, instance=activiteit, user=request.user, locatie=activiteit.locatie
    )
    voorbeeld = request.method == "POST" and VOORBEELD in request.POST
    if request.method == "POST" and not voorbeeld and form.is_valid():
        try:
            planning.save_activiteit(form=form, door=request.user)
        except StaleEdit as stale:
            refuse_stale(form, stale)
        except RuimteBezet as bezet:
            form.add_error("ruimte", bezet.messages[0])
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _edit_page(
        request,
        activiteit,
        form,
        uitzonderingen=uitzonderingen,
        voorbeeld=voorbeeld,
        wanneer=wanneer,
    )


def _refused(form, error: ValidationError) -> None:
    """Put a ValidationError from activiteiten/planning.py on the form's fields."""
    if hasattr(error, "error_dict"):
        by_field = error.message_dict.items()
    else:
        by_field = [(None, error.messages)]
    for name, errors in by_field:
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


def _date_form_page(request, activiteit, **forms):
    """The edit page again with a refused date form, its input kept; the activity's own form
    as it is stored."""
    activiteit.refresh_from_db()
    edit_form = ActiviteitForm(instance=activiteit, user=request.user, locatie=activiteit.locatie)
    return _edit_page(request, activiteit, edit_form, **forms)


@editor_required
@require_POST
def activiteit_uitzondering(request, slug):
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = UitzonderingForm(request.POST, upcoming=planning.upcoming_dates(activiteit))
    if form.is_valid():
        try:
            planning.cancel_date(
                activiteit=activiteit,
                datum=form.cleaned_data["datum"],
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(datum)s vervalt. Bewoners zien de reden in de agenda.")
                % {"datum": form.cleaned_data["datum"].strftime("%d-%m-%Y")},
            )
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _date_form_page(request, activiteit, uitzondering_form=form)


@editor_required
@require_POST
def activiteit_verplaatsen(request, slug):
    """Move one date to another day or time; refused, naming the dates, when the room is
    taken then. Undone with activiteit_uitzondering_intrekken."""
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = VerplaatsForm(request.POST, upcoming=planning.upcoming_dates(activiteit))
    if form.is_valid():
        try:
            uitzondering = planning.move_date(
                activiteit=activiteit,
                datum=form.cleaned_data["datum"],
                nieuwe_datum=form.cleaned_data["nieuwe_datum"],
                nieuwe_begintijd=form.cleaned_data["nieuwe_begintijd"],
                nieuwe_eindtijd=form.cleaned_data["nieuwe_eindtijd"],
                reden=form.cleaned_data["reden"],
                door=request.user,
            )
        except RuimteBezet as bezet:
            form.add_error("nieuwe_datum", bezet.messages[0])
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(datum)s is verplaatst naar %(nieuw)s. Bewoners zien dat in de agenda.")
                % {
                    "datum": uitzondering.datum.strftime("%d-%m-%Y"),
                    "nieuw": uitzondering.nieuwe_datum.strftime("%d-%m-%Y"),
                },
            )
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _date_form_page(request, activiteit, verplaats_form=form)


@editor_required
@require_POST
def activiteit_stoppen(request, slug):
    """Stop the series from a date on; the dates before it stay as they were."""
    activiteit = get_object_or_404(_editable(request.user), slug=slug)
    form = StoppenForm(request.POST, upcoming=planning.upcoming_dates(activiteit))
    if form.is_valid():
        try:
            planning.end_series(
                activiteit=activiteit,
                vanaf=form.cleaned_data["datum"],
                reden=form.cleaned_data["reden"],
                versie=form.cleaned_data["versie"],
                door=request.user,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("De reeks stopt vanaf %(datum)s. De datums daarvoor blijven staan.")
                % {"datum": form.cleaned_data["datum"].strftime("%d-%m-%Y")},
            )
            return redirect("beheer:activiteit_bewerken", slug=activiteit.slug)
    return _date_form_page(request, activiteit, stoppen_form=form)


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


# The rooms overview ---------------------------------------------------------------------------


def _rooms_week(request) -> dict:
    """What the rooms overview and its export show: the chosen week (ISO week, or this week
    with a message), the chosen place, and a RuimteWeek for each room, grouped by place."""
    user = request.user
    if not permissions.manages_ruimten(user):
        raise Http404
    today = timezone.localdate()
    monday, week_message = agenda.parse_week(request.GET.get("week"), today)
    form = RuimtenKeuzeForm(request.GET, user=user)
    locatie = form.cleaned_data.get("locatie") if form.is_valid() else None
    ruimten = permissions.managed_ruimten(user).exclude(buiten_gebruik_sinds__lte=monday)
    if locatie is not None:
        ruimten = ruimten.filter(locatie=locatie)
    ruimten = ruimten.order_by("locatie__naam", "locatie_id", "naam", "pk")
    weeks = vrije_uren.rooms_week(ruimten, monday=monday, today=today)
    first, last = agenda.week_bounds(today)
    previous_week, next_week = monday - dt.timedelta(days=7), monday + dt.timedelta(days=7)
    return {
        "form": form,
        "locatie": locatie,
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "week": agenda.week_param(monday),
        "week_number": monday.isocalendar().week,
        "week_message": week_message,
        "horizon_message": agenda.horizon_notice(monday, today),
        "is_this_week": monday == agenda.monday_of(today),
        "this_week": agenda.week_param(agenda.monday_of(today)),
        "previous_week": agenda.week_param(previous_week) if previous_week >= first else None,
        "next_week": agenda.week_param(next_week) if next_week <= last else None,
        "weeks": weeks,
        "per_locatie": [
            (group[0].ruimte.locatie, group)
            for group in (
                list(rows) for _key, rows in groupby(weeks, key=lambda w: w.ruimte.locatie_id)
            )
        ],
    }


@member_required
@require_GET
def ruimten(request):
    """Every room of the places the person manages, grouped by place: its facilities, who
    rents it now and later, the activities that use it in the chosen week and its free hours
    within the place's opening hours. Only for people who manage rooms; others get a 404."""
    context = _rooms_week(request)
    query = request.GET.copy()
    query["week"] = context["week"]
    context["export_query"] = query.urlencode()
    return render(request, "beheer/ruimten.html", context)


@member_required
@require_GET
def ruimten_export(request, formaat):
    """The rows of the rooms overview as CSV or XLSX, for the same week and place."""
    context = _rooms_week(request)
    kenmerken = [
        (
            _("Week"),
            _("week %(nummer)s: %(van)s tot en met %(tot)s")
            % {
                "nummer": context["week_number"],
                "van": formats.date_format(context["monday"], "j F Y"),
                "tot": formats.date_format(context["sunday"], "j F Y"),
            },
        ),
        (_("Locatie"), context["locatie"].naam if context["locatie"] else _("Alle locaties")),
        (_("Gemaakt op"), formats.date_format(timezone.localtime(), "j F Y H:i")),
    ]
    tabel = vrije_uren.as_tabel(context["weeks"], kenmerken=kenmerken)
    return export.download([tabel], f"ruimten-{context['week']}", formaat)
