"""The public "Klopt er iets niet?" form. No account is needed; see kern/spam.py for what
keeps it usable for residents and useless for bots."""

from django.conf import settings
from django.core.validators import slug_unicode_re
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from activiteiten.models import Activiteit
from kern import spam
from locaties.models import Locatie
from meldingen.forms import MeldingForm
from meldingen.handling import file_melding
from meldingen.models import OMSCHRIJVING_MAX


def _slug(request, name: str) -> str:
    """The slug in query parameter `name` ("" when absent); 404 for what no slug can be, such
    as a NUL byte, which PostgreSQL refuses in a query."""
    value = request.GET.get(name, "")
    if value and (len(value) > 220 or not slug_unicode_re.fullmatch(value)):
        raise Http404
    return value


def _subject(request):
    """The public place, and optionally its public activity, named in the query string; else
    404: a resident reports only on what the public pages show."""
    slug = _slug(request, "locatie")
    if not slug:
        raise Http404
    locatie = get_object_or_404(Locatie.objects.openbaar().select_related("gemeente"), slug=slug)
    activiteit = None
    if activiteit_slug := _slug(request, "activiteit"):
        activiteit = get_object_or_404(
            Activiteit.objects.openbaar(),
            slug=activiteit_slug,
            locatie=locatie,
        )
    return locatie, activiteit


@require_http_methods(["GET", "POST"])
def nieuw(request):
    locatie, activiteit = _subject(request)
    context = {"locatie": locatie, "activiteit": activiteit}
    if spam.is_limited(
        request,
        purpose="meldingen",
        subject_pk=locatie.pk,
        per_ip_per_hour=settings.MELDINGEN_PER_IP_PER_HOUR,
        per_subject_per_day=settings.MELDINGEN_PER_LOCATIE_PER_DAY,
    ):
        # What was typed is shown back, so it can be copied and sent later.
        context["omschrijving"] = request.POST.get("omschrijving", "")[: OMSCHRIJVING_MAX + 100]
        return render(request, "meldingen/te_veel.html", context, status=429)
    form = MeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            file_melding(
                locatie=locatie,
                activiteit=activiteit,
                omschrijving=form.cleaned_data["omschrijving"],
                email=form.cleaned_data["email"],
                site_url=request.build_absolute_uri("/"),
            )
        spam.count(request, purpose="meldingen", subject_pk=locatie.pk)
        query = {"locatie": locatie.slug}
        if activiteit:
            query["activiteit"] = activiteit.slug
        return redirect(f"{reverse('meldingen:bedankt')}?{urlencode(query)}")
    context["form"] = form
    return render(request, "meldingen/nieuw.html", context)


def bedankt(request):
    locatie = activiteit = None
    try:
        locatie, activiteit = _subject(request)
    except Http404:
        pass  # the thanks stand without the way back
    return render(
        request, "meldingen/bedankt.html", {"locatie": locatie, "activiteit": activiteit}
    )
