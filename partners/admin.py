from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Gemeente, Lidmaatschap, Partner, Uitnodiging, User


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user", "partner"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "lidmaatschappen__partner__soort"]
    search_fields = ["email", "naam"]
    inlines = [LidmaatschapInline]
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        (_("Rechten"), {"fields": ["is_active", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "naam", "password1", "password2"]})
    ]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["naam", "soort", "rechtsvorm", "kvk_nummer", "is_demo"]
    list_filter = ["soort", "rechtsvorm", "statuten_algemeen_belang", "anbi", "werkgebied"]
    search_fields = ["naam", "kvk_nummer", "email"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["werkgebied"]
    inlines = [LidmaatschapInline]


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partner", "rol", "aangemaakt_op"]
    list_filter = ["rol", "partner__soort"]
    search_fields = ["user__email", "partner__naam"]
    autocomplete_fields = ["user", "partner"]
    list_select_related = ["user", "partner"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    """Invitations are made in the portal (partners/invitations.py); the admin shows them. The
    link cannot be recovered here: only its hash is stored."""

    list_display = ["email", "partner", "rol", "aangemaakt_op", "verloopt_op", "geaccepteerd_op"]
    list_filter = ["rol", "partner__soort"]
    search_fields = ["email", "partner__naam"]
    list_select_related = ["partner"]
    readonly_fields = [
        "partner",
        "email",
        "rol",
        "uitgenodigd_door",
        "aangemaakt_op",
        "verzonden_op",
        "verloopt_op",
        "geaccepteerd_op",
        "geaccepteerd_door",
        "ingetrokken_op",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False
