from django.db import models
from django.utils.translation import gettext_lazy as _


class VacatureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Gesloten")


class HulpvraagSoort(models.TextChoices):
    VRAAG = "vraag", _("Ik zoek iemand")
    AANBOD = "aanbod", _("Ik wil iets doen")


class HulpvraagStatus(models.TextChoices):
    TE_BEOORDELEN = "te_beoordelen", _("Te beoordelen")
    ZICHTBAAR = "zichtbaar", _("Zichtbaar")
    GESLOTEN = "gesloten", _("Gesloten")


class ReactieStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    GEKOPPELD = "gekoppeld", _("Gekoppeld")
    GESLOTEN = "gesloten", _("Gesloten")
