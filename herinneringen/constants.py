from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    """The kinds of reminder; each person can switch each one off (Voorkeur)."""

    TER_BEOORDELING = "ter_beoordeling", _("Een locatie is ingediend ter beoordeling")
    BEVESTIGEN = "bevestigen", _("Kloppen de gegevens van een locatie nog?")
    SAMENWERKING_LOOPT_AF = "samenwerking_loopt_af", _("Een samenwerkingsovereenkomst loopt af")
    FINANCIERING_LOOPT_AF = "financiering_loopt_af", _("Tijdelijke financiering loopt af")


# Reminders before an end date: at 3 months and at 1 month (the smallest one reached counts).
DREMPELS_MAANDEN = (3, 1)
