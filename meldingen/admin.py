from django.contrib import admin

from meldingen.models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = ["aangemaakt_op", "locatie", "activiteit", "afgehandeld_op"]
    list_filter = [("afgehandeld_op", admin.EmptyFieldListFilter), "locatie__gemeente"]
    list_select_related = ["locatie", "activiteit"]
    search_fields = ["omschrijving", "locatie__naam", "activiteit__titel"]
    date_hierarchy = "aangemaakt_op"
    # Reports are handled in the portal, where handling erases the reporter's address.
    readonly_fields = [
        "locatie",
        "activiteit",
        "omschrijving",
        "email",
        "aangemaakt_op",
        "afgehandeld_op",
        "afgehandeld_door",
        "afhandeling",
    ]

    def has_add_permission(self, request):
        return False
