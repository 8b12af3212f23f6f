"""The portal's pages for reminders: a person's choices, and the "klopt nog" link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from herinneringen import kloptnog
from herinneringen.forms import VoorkeurForm
from herinneringen.models import Voorkeur


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def voorkeuren(request):
    """Which reminder e-mails one gets (each kind can be switched off; all on by default)
    and their language."""
    voorkeur = Voorkeur.objects.filter(user=request.user).first() or Voorkeur(user=request.user)
    form = VoorkeurForm(request.POST or None, instance=voorkeur)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je keuzes voor de e-mails zijn opgeslagen."))
        return redirect("beheer:herinneringen_voorkeuren")
    return render(request, "beheer/herinneringen/voorkeuren.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def klopt_nog(request, token):
    """The "klopt nog" link of a reminder (herinneringen/kloptnog.py): GET shows the place and
    one button, POST confirms. A link that was tampered with, or whose person may no longer
    edit the place, answers 404; an expired one says so (410); someone else signed in gets 403."""
    try:
        data = kloptnog.read_token(token)
    except kloptnog.LinkVerlopen:
        return render(
            request,
            "beheer/herinneringen/klopt_nog_verlopen.html",
            {"dagen": settings.KLOPT_NOG_GELDIG_DAGEN},
            status=410,
        )
    except signing.BadSignature:
        raise Http404 from None
    if request.user.is_authenticated and request.user.pk != data["u"]:
        return render(request, "beheer/herinneringen/klopt_nog_ander.html", status=403)
    klopt = kloptnog.resolve(data)
    if request.method == "POST":
        # The page answers with the result itself (no redirect): pressing again or reloading
        # confirms nothing more, as the place is confirmed since the link was made.
        kloptnog.confirm(klopt)
    return render(request, "beheer/herinneringen/klopt_nog.html", {"klopt": klopt})
