from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners import permissions
from partners.decorators import redirect_to_mfa_setup


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("Ontmoetingsplekken — functioneel beheer")
    site_title = _("Functioneel beheer")

    def has_permission(self, request):
        # Staff of partner organisations work in the portal; the admin is for superusers.
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        """Every admin page but the login asks a superuser without a second factor to set
        one up first, by the portal's own rule (permissions.requires_mfa_setup); with one,
        allauth's login has already asked for it."""
        protected = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if self.has_permission(request) and permissions.requires_mfa_setup(request.user):
                return redirect_to_mfa_setup(request)
            return protected(request, *args, **kwargs)

        return update_wrapper(inner, protected)

    def login(self, request, extra_context=None):
        """Everyone signs in through allauth, so its rate limits, e-mail verification and
        two-factor authentication also guard the admin. A signed-in person without
        admin rights is refused rather than asked to sign in again."""
        if request.user.is_authenticated:
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, login_url=reverse("account_login"))
