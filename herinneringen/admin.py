from django.contrib import admin

from herinneringen.models import Herinnering, Voorkeur


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ["soort", "user", "onderwerp_id", "moment", "drempel_maanden", "verstuurd_op"]
    list_filter = ["soort"]
    search_fields = ["user__email"]
    readonly_fields = ["aangemaakt_op"]


@admin.register(Voorkeur)
class VoorkeurAdmin(admin.ModelAdmin):
    list_display = ["user", "taal", "ter_beoordeling", "bevestigen"]
    search_fields = ["user__email"]
