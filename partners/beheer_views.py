"""The portal's pages for organisations, their members and invitations, and "Mijn account".

Every record is fetched through a narrower of partners/permissions.py, so a person outside its
rights gets a 404. Reading needs membership; changing needs an editor (two-factor login when the
installation demands it). Writes go through partners/invitations.py and partners/memberships.py.
"""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kern.concurrency import StaleEdit, refuse_stale, save_unless_changed
from kern.slugs import unique_slug
from partners import invitations, memberships, permissions
from partners.constants import LidmaatschapRol, PartnerSoort
from partners.decorators import editor_required, member_required
from partners.filters import PartnerFilter
from partners.forms import (
    LidRolForm,
    NieuwePartnerForm,
    PartnerForm,
    UitnodigingForm,
)
from partners.history import membership_history, partner_history
from partners.models import Partner, Uitnodiging

PAGE_SIZE = 50
# An organisation's page lists at most this many of the places it works at.
WERKPLEKKEN_MAX = 200


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _manageable(request, slug) -> Partner:
    return get_object_or_404(permissions.member_manageable_partners(request.user), slug=slug)


@member_required
@require_safe
def organisaties(request):
    """The organisations a person works with: their own, and for gemeente staff every partner
    in their gemeente. Filter by kind, search by name, sort."""
    partners = permissions.with_partner_rights(
        permissions.visible_partners(request.user), request.user
    ).annotate(aantal_leden=Count("lidmaatschappen"))
    partners = partners.order_by(Lower("naam"), "pk")
    filterset = PartnerFilter(request.GET or None, queryset=partners)
    results = filterset.qs if filterset.is_valid() else partners
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "beheer/organisaties.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "kan_aanmaken": permissions.can_create_partners(request.user),
        },
    )


@member_required
@require_safe
def organisatie(request, slug):
    """An organisation's page: details, members, open invitations and what changed."""
    partner = get_object_or_404(
        permissions.with_partner_rights(
            permissions.visible_partners(request.user), request.user
        ).select_related("gemeente"),
        slug=slug,
    )
    werkgebied = list(partner.werkgebied.all())
    leden = Paginator(
        partner.lidmaatschappen.select_related("user").order_by("user__naam", "user__email"),
        PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    werkplekken = _werkplekken(partner, request.user)
    context = {
        "partner": partner,
        "werkgebied": werkgebied,
        "werkplekken": werkplekken[:WERKPLEKKEN_MAX],
        "werkplekken_afgekapt": len(werkplekken) > WERKPLEKKEN_MAX,
        "leden": leden,
        "rol_choices": LidmaatschapRol.choices,
        "wijzigingen": partner_history(partner),
    }
    if partner.kan_leden_beheren:
        context["uitnodigingen"] = list(
            partner.uitnodigingen.open()
            .select_related("uitgenodigd_door")
            .order_by("-aangemaakt_op")[:PAGE_SIZE]
        )
        context["ledenhistorie"] = membership_history(partner)
    return render(request, "beheer/organisatie.html", context)


def _werkplekken(partner, user) -> list:
    """Where `partner` works: its Samenwerkingen that have not ended (in force, or starting
    later), at the places `user` works with, with the place's name, status, gemeente and wijk.
    One narrow query, at most WERKPLEKKEN_MAX + 1 rows (the last one says there are more)."""
    today = timezone.localdate()
    return list(
        partner.samenwerkingen.filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=today),
            locatie__in=permissions.portal_locaties(user),
        )
        .select_related("locatie__gemeente", "locatie__wijk")
        .only(
            "partner",  # the related manager puts `partner` on each row
            "rol",
            "schriftelijk_vastgelegd",
            "ingangsdatum",
            "einddatum",
            "locatie__naam",
            "locatie__slug",
            "locatie__status",
            "locatie__gemeente__naam",
            "locatie__wijk__naam",
        )
        .order_by(
            "locatie__gemeente__naam",
            F("locatie__wijk__naam").asc(nulls_last=True),  # places without a wijk last
            "locatie__naam",
            "rol",
        )[: WERKPLEKKEN_MAX + 1]
    )


@editor_required
def organisatie_nieuw(request):
    """Gemeente staff register an organisation working in their gemeente and may invite its
    first beheerder."""
    if not permissions.can_create_partners(request.user):
        raise Http404
    eigen = list(permissions.own_gemeenten(request.user))
    form_kwargs = {
        "werkgebied_choices": permissions.werkgebied_choices(request.user),
        "vaste_gemeenten": eigen,
    }
    form = NieuwePartnerForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                partner = form.save(commit=False)
                partner.slug = unique_slug(Partner, partner.naam)
                partner._history_user = request.user
                partner.save()
                form.save_werkgebied(partner)
                email = form.cleaned_data["beheerder_email"]
                if email:
                    invitations.invite(
                        partner=partner,
                        email=email,
                        rol=LidmaatschapRol.BEHEERDER,
                        uitgenodigd_door=request.user,
                        base_url=_base_url(request),
                    )
        except ValidationError as error:
            form.add_error("beheerder_email", error.messages)
        except IntegrityError:  # someone registered the same name at the same moment
            form.add_error("naam", _("Er is net een organisatie met deze naam toegevoegd."))
        else:
            text = _("%(naam)s is toegevoegd.") % {"naam": partner.naam}
            if email:
                text += " " + _("De uitnodiging is verstuurd naar %(email)s.") % {"email": email}
            messages.success(request, text)
            return redirect("beheer:organisatie", slug=partner.slug)
    return render(request, "beheer/organisatie_form.html", {"form": form, "nieuw": True})


@editor_required
def organisatie_bewerken(request, slug):
    partner = get_object_or_404(permissions.member_manageable_partners(request.user), slug=slug)
    form_kwargs = {
        "instance": partner,
        "werkgebied_choices": permissions.werkgebied_choices(request.user),
    }
    if partner.soort == PartnerSoort.GEMEENTE:
        form_kwargs["werkgebied_choices"] = None
    form = PartnerForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                save_unless_changed(form, user=request.user, reason=form.werkgebied_change())
                form.save_werkgebied(partner)
        except StaleEdit as stale:
            refuse_stale(form, stale)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            if not permissions.visible_partners(request.user).filter(pk=partner.pk).exists():
                return redirect("beheer:organisaties")  # it no longer works in their gemeente
            return redirect("beheer:organisatie", slug=partner.slug)
    return render(
        request, "beheer/organisatie_form.html", {"form": form, "partner": partner, "nieuw": False}
    )


@editor_required
def uitnodigen(request, slug):
    partner = _manageable(request, slug)
    form = UitnodigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = invitations.invite(
                partner=partner,
                email=form.cleaned_data["email"],
                rol=form.cleaned_data["rol"],
                uitgenodigd_door=request.user,
                base_url=_base_url(request),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s. De link werkt %(dagen)s dagen.")
                % {"email": uitnodiging.email, "dagen": _days(uitnodiging)},
            )
            return redirect("beheer:organisatie", slug=partner.slug)
    return render(request, "beheer/uitnodigen.html", {"partner": partner, "form": form})


def _days(uitnodiging: Uitnodiging) -> int:
    return (uitnodiging.verloopt_op - uitnodiging.verzonden_op).days


def _open_invitation(partner, pk) -> Uitnodiging:
    return get_object_or_404(
        partner.uitnodigingen.open(),
        pk=pk,
    )


@require_POST
@editor_required
def uitnodiging_intrekken(request, slug, pk):
    partner = _manageable(request, slug)
    uitnodiging = _open_invitation(partner, pk)
    invitations.revoke(uitnodiging=uitnodiging, door=request.user, request=request)
    messages.success(
        request,
        _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": uitnodiging.email},
    )
    return redirect("beheer:organisatie", slug=partner.slug)


@require_POST
@editor_required
def uitnodiging_opnieuw(request, slug, pk):
    partner = _manageable(request, slug)
    uitnodiging = _open_invitation(partner, pk)
    try:
        invitations.resend(uitnodiging=uitnodiging, base_url=_base_url(request))
    except invitations.InvitationUnusable as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("De uitnodiging is opnieuw verstuurd naar %(email)s, met een nieuwe link.")
            % {"email": uitnodiging.email},
        )
    return redirect("beheer:organisatie", slug=partner.slug)


@require_POST
@editor_required
def lid_rol(request, slug, pk):
    partner = _manageable(request, slug)
    lidmaatschap = get_object_or_404(partner.lidmaatschappen.select_related("user"), pk=pk)
    form = LidRolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige rol."))
    else:
        try:
            memberships.change_role(
                lidmaatschap=lidmaatschap, rol=form.cleaned_data["rol"], door=request.user
            )
        except memberships.LastBeheerder as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(naam)s is nu %(rol)s.")
                % {"naam": lidmaatschap.user, "rol": lidmaatschap.get_rol_display().lower()},
            )
    return redirect("beheer:organisatie", slug=partner.slug)


@require_POST
@editor_required
def lid_verwijderen(request, slug, pk):
    """End a membership. Removing oneself is confirmed first: one loses access at once."""
    partner = _manageable(request, slug)
    lidmaatschap = get_object_or_404(partner.lidmaatschappen.select_related("user"), pk=pk)
    zelf = lidmaatschap.user_id == request.user.pk
    if zelf and request.POST.get("bevestigd") != "ja":
        return render(
            request, "beheer/lid_verwijderen.html", {"partner": partner, "lid": lidmaatschap}
        )
    try:
        memberships.remove(lidmaatschap=lidmaatschap, door=request.user)
    except memberships.LastBeheerder as error:
        messages.error(request, error.message)
        return redirect("beheer:organisatie", slug=partner.slug)
    if zelf:
        messages.success(
            request, _("Je bent geen lid meer van %(partner)s.") % {"partner": partner.naam}
        )
        if permissions.visible_partners(request.user).filter(pk=partner.pk).exists():
            return redirect("beheer:organisatie", slug=partner.slug)
        return redirect("beheer:account")
    messages.success(
        request,
        _("%(naam)s is geen lid meer van %(partner)s.")
        % {"naam": lidmaatschap.user, "partner": partner.naam},
    )
    return redirect("beheer:organisatie", slug=partner.slug)


@login_required
@require_safe
def account(request):
    """Mijn account: one's details, organisations and the way to password, e-mail and
    two-factor settings (allauth's pages)."""
    authenticators = {a.type: a for a in Authenticator.objects.filter(user=request.user)}
    recovery = authenticators.get(Authenticator.Type.RECOVERY_CODES)
    context = {
        "lidmaatschappen": request.user.lidmaatschappen.select_related("partner").order_by(
            "partner__naam"
        ),
        "totp": authenticators.get(Authenticator.Type.TOTP),
        "herstelcodes_over": len(recovery.wrap().get_unused_codes()) if recovery else None,
        "mfa_nodig": permissions.requires_mfa_setup(request.user),
        "mfa_verplicht": permissions.has_write_rights(request.user),
        "emailadressen": request.user.emailaddress_set.order_by("-primary", "email"),
    }
    return render(request, "beheer/account.html", context)
