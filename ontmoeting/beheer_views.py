"""The staff portal's start page: per person, their organisations, places and activities,
and what waits for them."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from activiteiten.constants import ActiviteitStatus
from herinneringen import signalen
from kern.models import Taak
from locaties import currency, history
from locaties.constants import LocatieStatus
from partners import permissions
from partners.decorators import member_required
from partners.models import Lidmaatschap, Uitnodiging

# Each section of the start page shows this many rows and links to the full list.
SECTION_SIZE = 10

# A running job's page reloads itself this often.
TAAK_VERVERS_SECONDEN = 2


def _section(queryset):
    """The first SECTION_SIZE rows and the total, in two queries whatever the total."""
    return {"rijen": list(queryset[:SECTION_SIZE]), "totaal": queryset.count()}


def _ending(user) -> dict:
    """Agreements on paper and temporary financing that end within three months, as the daily
    reminders tell `user` of them (herinneringen/signalen.py), soonest first."""
    today = timezone.localdate()
    due = signalen.ending(today=today, user=user)
    rijen = sorted(
        ((signaal, due.onderwerp(signaal)) for signaal in due.signalen),
        key=lambda row: (row[1].einddatum, row[1].locatie.naam, row[0].soort, row[1].pk),
    )
    return {"rijen": rijen[:SECTION_SIZE], "totaal": len(rijen), "tot": signalen.end_window(today)}


@member_required
@require_safe
def start(request):
    user = request.user
    lidmaatschappen = (
        Lidmaatschap.objects.filter(user=user).select_related("partner").order_by("partner__naam")
    )
    mijn_locaties = permissions.with_locatie_rights(
        permissions.portal_locaties(user).select_related("gemeente"), user
    )
    bewerkbaar = permissions.editable_locaties(user)

    teruggestuurd_qs = bewerkbaar.filter(status=LocatieStatus.CONCEPT).order_by("-gewijzigd_op")
    redenen = history.sent_back(teruggestuurd_qs.values("id"))
    teruggestuurd = [
        (locatie, redenen[locatie.pk])
        for locatie in teruggestuurd_qs.filter(pk__in=list(redenen))[:SECTION_SIZE]
    ]

    activiteiten = (
        permissions.editable_activiteiten(user)
        .exclude(status=ActiviteitStatus.GEARCHIVEERD)
        .select_related("locatie", "organisator")
        .order_by("titel", "id")
    )
    per_status = dict(
        mijn_locaties.order_by()
        .values_list("status")
        .annotate(aantal=Count("id"))
        .values_list("status", "aantal")
    )
    context = {
        "lidmaatschappen": lidmaatschappen,
        "locaties": _section(mijn_locaties.order_by("-gewijzigd_op", "id")),
        "per_status": [
            (LocatieStatus(status).label, status, per_status.get(status, 0))
            for status in LocatieStatus.values
        ],
        "activiteiten": _section(activiteiten),
        "teruggestuurd": teruggestuurd,
        "te_bevestigen": _section(
            currency.due_for_reminder(bewerkbaar.select_related("gemeente"))
        ),
        "bevestig_maanden": currency.REMINDER_AFTER_MONTHS,
        "loopt_af": _ending(user),
        "concepten": _section(
            bewerkbaar.filter(status=LocatieStatus.CONCEPT).order_by("-gewijzigd_op", "id")
        ),
        "meldingen": _section(
            permissions.handleable_meldingen(user)
            .open()
            .select_related("locatie", "activiteit")
            .order_by("aangemaakt_op", "id")
        ),
        "uitnodigingen": _section(
            Uitnodiging.objects.open()
            .filter(partner__in=permissions.member_manageable_partners(user))
            .select_related("partner")
            .order_by("verloopt_op", "id")
        ),
        "is_beoordelaar": permissions.is_reviewer(user),
        "kan_registreren": permissions.can_register_locatie(user),
    }
    if context["is_beoordelaar"]:
        context["wachtrij"] = _section(
            permissions.reviewable_locaties(user)
            .filter(status=LocatieStatus.TER_BEOORDELING)
            .select_related("gemeente")
            .order_by("gewijzigd_op", "id")
        )
    return render(request, "beheer/start.html", context)


@member_required
@require_safe
def taak(request, pk):
    """A background job's progress for the person who started it (kern/taken.py); the page
    reloads itself until the job is finished. Anyone else gets 404."""
    taak = get_object_or_404(Taak, pk=pk, gestart_door=request.user)
    return render(
        request,
        "beheer/taak.html",
        {"taak": taak, "ververs_seconden": None if taak.is_afgerond else TAAK_VERVERS_SECONDEN},
    )
