from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from locaties import wijkimport
from locaties.models import (
    Begeleidingstijd,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
    Wijk,
)


class OpeningstijdInline(admin.TabularInline):
    model = Openingstijd
    extra = 0


class BegeleidingstijdInline(admin.TabularInline):
    model = Begeleidingstijd
    extra = 0


class SluitingInline(admin.TabularInline):
    model = Sluiting
    extra = 0


class SamenwerkingInline(admin.TabularInline):
    model = Samenwerking
    extra = 0
    autocomplete_fields = ["partner"]


class FinancieringInline(admin.TabularInline):
    model = Financiering
    extra = 0
    autocomplete_fields = ["financier"]


class RuimteInline(admin.TabularInline):
    model = Ruimte
    extra = 0
    fields = ["naam", "capaciteit", "oppervlakte_m2", "verhuurbaar", "huurprijs_per_dagdeel"]
    show_change_link = True


@admin.register(Locatie)
class LocatieAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["naam", "soort", "gemeente", "wijk", "status", "is_sterlocatie", "is_demo"]
    list_filter = ["status", "gemeente", "soort", "is_sterlocatie", "beheervorm", "is_demo"]
    list_select_related = ["gemeente", "wijk"]
    search_fields = ["naam", "straat", "postcode", "plaats"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["wijk", "buurt"]
    filter_horizontal = ["doelgroepen", "voorzieningen"]
    readonly_fields = ["aangemaakt_op", "gewijzigd_op", "gepubliceerd_op"]
    inlines = [
        OpeningstijdInline,
        SluitingInline,
        BegeleidingstijdInline,
        RuimteInline,
        SamenwerkingInline,
        FinancieringInline,
    ]

    def save_model(self, request, obj, form, change):
        # The portal's rule holds here too: a new or moved point decides the wijk and buurt,
        # unless the functioneel beheerder chose them in the same form (a deliberate override).
        point_changed = {"latitude", "longitude"} & set(form.changed_data)
        area_chosen = {"wijk", "buurt"} & set(form.changed_data)
        if point_changed and not area_chosen:
            wijkimport.assign_wijk(obj)
        super().save_model(request, obj, form, change)


class VerhuurInline(admin.TabularInline):
    model = Verhuur
    extra = 0
    autocomplete_fields = ["huurder"]


@admin.register(Ruimte)
class RuimteAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "locatie", "capaciteit", "verhuurbaar"]
    list_filter = ["verhuurbaar", "locatie__gemeente"]
    list_select_related = ["locatie"]
    search_fields = ["naam", "locatie__naam"]
    autocomplete_fields = ["locatie"]
    filter_horizontal = ["voorzieningen"]
    inlines = [VerhuurInline]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "soort", "gemeente", "inwoners", "aandeel_65_plus"]
    list_filter = ["gemeente", "soort", "is_demo"]
    list_select_related = ["gemeente"]
    search_fields = ["naam", "cbs_code"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["wijk"]


@admin.register(Samenwerking)
class SamenwerkingAdmin(SimpleHistoryAdmin):
    list_display = ["locatie", "partner", "rol", "schriftelijk_vastgelegd", "einddatum"]
    list_filter = ["rol", "schriftelijk_vastgelegd", "partner__soort"]
    list_select_related = ["locatie", "partner"]
    search_fields = ["locatie__naam", "partner__naam"]
    autocomplete_fields = ["locatie", "partner"]


@admin.register(Financiering)
class FinancieringAdmin(SimpleHistoryAdmin):
    list_display = ["locatie", "bron", "financier", "bedrag_per_jaar", "structureel", "einddatum"]
    list_filter = ["bron", "structureel"]
    list_select_related = ["locatie", "financier"]
    search_fields = ["locatie__naam", "financier__naam"]
    autocomplete_fields = ["locatie", "financier"]
    date_hierarchy = "einddatum"


@admin.register(Verhuur)
class VerhuurAdmin(SimpleHistoryAdmin):
    list_display = ["ruimte", "huurder", "ingangsdatum", "einddatum"]
    list_select_related = ["ruimte__locatie", "huurder"]
    search_fields = ["ruimte__naam", "huurder__naam"]
    autocomplete_fields = ["ruimte", "huurder"]
