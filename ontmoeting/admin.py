from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("Ontmoetingsplekken — functioneel beheer")
    site_title = _("Functioneel beheer")

    def has_permission(self, request):
        # Staff of partner organisations work in the portal; is_staff alone is not enough here.
        return request.user.is_active and request.user.is_superuser
