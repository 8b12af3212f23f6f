"""Public volunteer pages: the list per gemeente and wijk, a vacature or request with the answer
form, posting a request, and erasure on request. No account is needed; kern/spam.py keeps the
forms usable for residents and useless for bots."""

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from kern import spam
from locaties.models import Locatie
from vrijwilligers import koppelen, privacy
from vrijwilligers.filters import VacatureFilter
from vrijwilligers.forms import HulpvraagForm, ReactieForm
from vrijwilligers.models import Hulpvraag, Vacature

PER_PAGE = 25
HULPVRAGEN_MAX = 30
PURPOSE = "vrijwilligers"


def lijst(request):
    filterset = VacatureFilter(
        request.GET,
        queryset=Vacature.objects.openbaar()
        .select_related("locatie", "activiteit")
        .order_by("locatie__naam", "titel", "pk"),
    )
    vacatures = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    hulpvragen = (
        Hulpvraag.objects.openbaar().select_related("locatie").defer("naam", "telefoon", "email")
    )
    if filterset.is_valid():
        if gemeente := filterset.form.cleaned_data.get("gemeente"):
            hulpvragen = hulpvragen.filter(locatie__gemeente=gemeente)
        if wijk := filterset.form.cleaned_data.get("wijk"):
            hulpvragen = hulpvragen.filter(locatie__wijk=wijk)
    else:
        hulpvragen = hulpvragen.none()
    page = Paginator(vacatures, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filter": filterset,
        "page": page,
        "hulpvragen": list(hulpvragen[:HULPVRAGEN_MAX]),
        "query": query.urlencode(),
    }
    return render(request, "vrijwilligers/lijst.html", context)


def _limited(request, locatie) -> bool:
    return spam.is_limited(
        request,
        purpose=PURPOSE,
        subject_pk=locatie.pk,
        per_ip_per_hour=settings.VRIJWILLIGERS_PER_IP_PER_HOUR,
        per_subject_per_day=settings.VRIJWILLIGERS_PER_LOCATIE_PER_DAY,
    )


def _too_many(request, locatie):
    context = {"locatie": locatie, "tekst": request.POST.get("bericht", "")[:1100]}
    return render(request, "vrijwilligers/te_veel.html", context, status=429)


def _respond(request, onderwerp, template):
    locatie = onderwerp.locatie
    if request.method == "POST" and _limited(request, locatie):
        return _too_many(request, locatie)
    form = ReactieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            koppelen.answer(
                onderwerp=onderwerp,
                naam=form.cleaned_data["naam"],
                telefoon=form.cleaned_data["telefoon"],
                email=form.cleaned_data["email"],
                bericht=form.cleaned_data["bericht"],
                site_url=request.build_absolute_uri("/"),
            )
        spam.count(request, purpose=PURPOSE, subject_pk=locatie.pk)
        return redirect(f"{reverse('vrijwilligers:bedankt')}?{urlencode({'plek': locatie.slug})}")
    return render(request, template, {"onderwerp": onderwerp, "locatie": locatie, "form": form})


@require_http_methods(["GET", "POST"])
def vacature(request, pk):
    onderwerp = get_object_or_404(
        Vacature.objects.openbaar().select_related("locatie__gemeente", "activiteit"), pk=pk
    )
    return _respond(request, onderwerp, "vrijwilligers/vacature.html")


@require_http_methods(["GET", "POST"])
def hulpvraag(request, pk):
    onderwerp = get_object_or_404(
        Hulpvraag.objects.openbaar()
        .select_related("locatie__gemeente")
        .defer("naam", "telefoon", "email"),
        pk=pk,
    )
    return _respond(request, onderwerp, "vrijwilligers/hulpvraag.html")


def _locatie_from_query(request):
    slug = request.GET.get("locatie", "")
    if not slug or len(slug) > 220 or not slug_unicode_re.fullmatch(slug):
        raise Http404
    return get_object_or_404(Locatie.objects.openbaar().select_related("gemeente"), slug=slug)


@require_http_methods(["GET", "POST"])
def hulpvraag_nieuw(request):
    locatie = _locatie_from_query(request)
    if request.method == "POST" and _limited(request, locatie):
        return _too_many(request, locatie)
    form = HulpvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            koppelen.post_hulpvraag(
                locatie=locatie,
                soort=form.cleaned_data["soort"],
                tekst=form.cleaned_data["tekst"],
                naam=form.cleaned_data["naam"],
                telefoon=form.cleaned_data["telefoon"],
                email=form.cleaned_data["email"],
                site_url=request.build_absolute_uri("/"),
            )
        spam.count(request, purpose=PURPOSE, subject_pk=locatie.pk)
        query = urlencode({"plek": locatie.slug, "soort": "vraag"})
        return redirect(f"{reverse('vrijwilligers:bedankt')}?{query}")
    return render(
        request, "vrijwilligers/hulpvraag_nieuw.html", {"locatie": locatie, "form": form}
    )


def bedankt(request):
    slug = request.GET.get("plek", "")
    locatie = None
    if slug and len(slug) <= 220 and slug_unicode_re.fullmatch(slug):
        locatie = Locatie.objects.openbaar().filter(slug=slug).first()
    context = {"locatie": locatie, "is_vraag": request.GET.get("soort") == "vraag"}
    return render(request, "vrijwilligers/bedankt.html", context)


@require_http_methods(["GET", "POST"])
def wissen(request, token):
    """Erasure on request: the link from the confirmation e-mail. GET asks, POST erases (a
    mail scanner that follows links erases nothing)."""
    record = privacy.record_for_token(token)
    if record is None:
        raise Http404
    if request.method == "POST" and not record.gewist_op:
        privacy.erase(record)
        record.refresh_from_db()
    return render(request, "vrijwilligers/wissen.html", {"record": record})
