"""Public pages of partners: accepting an invitation. The secret token in the link is the key;
the page creates the account (or asks the person to sign in) and adds the membership."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partners import invitations
from partners.forms import AccountAanmakenForm


def uitnodiging_accepteren(request, token):
    """The public page an invitation's link opens: create the account (or sign in) and join."""
    uitnodiging = invitations.find(token)
    if uitnodiging is None:
        raise Http404
    try:
        invitations.check_usable(uitnodiging)
    except invitations.InvitationUnusable as error:
        return render(
            request,
            "partners/uitnodiging_accepteren.html",
            {"uitnodiging": uitnodiging, "onbruikbaar": error.message},
            status=410,
        )
    bestaand_account = invitations.existing_account(uitnodiging)
    signed_in = request.user.is_authenticated
    context = {
        "uitnodiging": uitnodiging,
        "bestaand_account": bestaand_account,
        "login_url": reverse("account_login") + "?" + _next(request.path),
    }
    if signed_in and not invitations.is_addressed_to(uitnodiging, request.user):
        context["ander_account"] = True
        return render(request, "partners/uitnodiging_accepteren.html", context, status=403)
    form = None
    if not signed_in and bestaand_account is None:
        form = AccountAanmakenForm(request.POST or None, email=uitnodiging.email)
    context["form"] = form
    if request.method == "POST" and (signed_in or (form is not None and form.is_valid())):
        try:
            if signed_in:
                lidmaatschap = invitations.accept(uitnodiging=uitnodiging, user=request.user)
            else:
                lidmaatschap = invitations.accept(
                    uitnodiging=uitnodiging,
                    naam=form.cleaned_data["naam"],
                    password=form.cleaned_data["password1"],
                )
        except invitations.InvitationUnusable as error:
            context["onbruikbaar"] = error.message
            return render(request, "partners/uitnodiging_accepteren.html", context, status=410)
        if not signed_in:
            login(request, lidmaatschap.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welkom bij %(partner)s. Je bent nu %(rol)s.")
            % {
                "partner": lidmaatschap.partner.naam,
                "rol": lidmaatschap.get_rol_display().lower(),
            },
        )
        return redirect("beheer:account")
    return render(request, "partners/uitnodiging_accepteren.html", context)


def _next(path: str) -> str:
    return urlencode({"next": path})
