from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vrijwilligers.models import Hulpvraag, Koppeling, Reactie, Vacature


@admin.register(Vacature)
class VacatureAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "locatie", "status", "vog_nodig"]
    list_filter = ["status", "locatie__gemeente"]
    list_select_related = ["locatie"]
    search_fields = ["titel", "locatie__naam"]


# Residents' details are handled in the portal, where closing starts the retention period and
# erasure empties them; the admin shows the records without their contact details.
@admin.register(Hulpvraag)
class HulpvraagAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "soort", "locatie", "status", "gewist_op"]
    list_filter = ["status", "soort"]
    list_select_related = ["locatie"]
    exclude = ["naam", "telefoon", "email"]
    readonly_fields = ["soort", "locatie", "tekst", "aangemaakt_op", "gesloten_op", "gewist_op"]

    def has_add_permission(self, request):
        return False


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "locatie", "vacature", "status", "gewist_op"]
    list_filter = ["status"]
    list_select_related = ["locatie", "vacature"]
    exclude = ["naam", "telefoon", "email", "bericht"]
    readonly_fields = ["locatie", "vacature", "hulpvraag", "status", "gesloten_op", "gewist_op"]

    def has_add_permission(self, request):
        return False


@admin.register(Koppeling)
class KoppelingAdmin(SimpleHistoryAdmin):
    list_display = ["gekoppeld_op", "locatie", "gesloten_op"]
    list_select_related = ["locatie"]
    exclude = ["notitie"]
    readonly_fields = ["reactie", "locatie", "gekoppeld_door", "gesloten_op"]

    def has_add_permission(self, request):
        return False
