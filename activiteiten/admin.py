from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from activiteiten import occurrences
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The stored dates follow the schedule and its exceptions, as after a portal save.
        try:
            occurrences.regenerate(form.instance)
        except occurrences.RuimteBezet as bezet:
            self.message_user(request, bezet.messages[0], messages.WARNING)
