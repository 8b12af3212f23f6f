from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activiteiten.models import Activiteit, Uitzondering


class UitzonderingInline(admin.TabularInline):
    model = Uitzondering
    extra = 0


@admin.register(Activiteit)
class ActiviteitAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "locatie", "organisator", "categorie", "startdatum", "status"]
    list_filter = ["status", "categorie", "locatie__gemeente", "is_demo"]
    list_select_related = ["locatie", "organisator"]
    search_fields = ["titel", "locatie__naam", "organisator__naam"]
    prepopulated_fields = {"slug": ["titel"]}
    autocomplete_fields = ["locatie", "ruimte", "organisator"]
    filter_horizontal = ["doelgroepen"]
    inlines = [UitzonderingInline]
