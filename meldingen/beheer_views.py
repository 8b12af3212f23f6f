"""Reports from residents in the staff portal: the open and handled reports of records the
person may edit (partners/permissions.py: handleable_meldingen), one report with the
reporter's e-mail address, and handling it, which erases that address."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from meldingen.forms import AfhandelForm
from meldingen.handling import handle_melding
from partners import permissions
from partners.decorators import editor_required, member_required

PER_PAGE = 50
STATUSES = ("open", "afgehandeld")


def _meldingen(user):
    return permissions.handleable_meldingen(user).select_related(
        "locatie", "activiteit", "afgehandeld_door"
    )


@member_required
@require_GET
def meldingen(request):
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"
    all_meldingen = permissions.handleable_meldingen(request.user)
    aantallen = all_meldingen.aggregate(
        open=Count("pk", filter=Q(afgehandeld_op__isnull=True)),
        afgehandeld=Count("pk", filter=Q(afgehandeld_op__isnull=False)),
    )
    rows = _meldingen(request.user).defer("email")
    if status == "open":
        rows = rows.open().order_by("aangemaakt_op", "id")  # oldest first: it waited longest
    else:
        rows = rows.afgehandeld().order_by("-afgehandeld_op", "-id")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("pagina"))
    context = {"page": page, "status": status, "aantallen": aantallen}
    return render(request, "beheer/meldingen/lijst.html", context)


@editor_required
@require_GET
def melding(request, pk):
    melding = get_object_or_404(_meldingen(request.user), pk=pk)
    context = {"melding": melding, "form": AfhandelForm()}
    return render(request, "beheer/meldingen/detail.html", context)


@editor_required
@require_POST
def melding_afhandelen(request, pk):
    melding = get_object_or_404(_meldingen(request.user), pk=pk)
    form = AfhandelForm(request.POST)
    if not form.is_valid():
        context = {"melding": melding, "form": form}
        return render(request, "beheer/meldingen/detail.html", context)
    try:
        handle_melding(
            melding=melding, door=request.user, afhandeling=form.cleaned_data["afhandeling"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("beheer:melding", pk=melding.pk)
    messages.success(
        request, _("De melding is afgehandeld en het e-mailadres van de melder is gewist.")
    )
    return redirect("beheer:meldingen")
