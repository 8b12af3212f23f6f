from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    ZORG = "zorg", _("Zorgorganisatie")
    WELZIJN = "welzijn", _("Welzijnsorganisatie")
    HUURDERS_BEWONERS = "huurders_bewoners", _("Huurders- of bewonersorganisatie")
    VRIJWILLIGERS = "vrijwilligers", _("Vrijwilligersorganisatie")
    ZORGKANTOOR = "zorgkantoor", _("Zorgkantoor")
    OVERIG = "overig", _("Overig")


class Rechtsvorm(models.TextChoices):
    STICHTING = "stichting", _("Stichting")
    VERENIGING = "vereniging", _("Vereniging")
    COOPERATIE = "cooperatie", _("Coöperatie")
    PUBLIEKRECHTELIJK = "publiekrechtelijk", _("Publiekrechtelijk lichaam")
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    BV = "bv", _("Besloten vennootschap (bv)")
    NV = "nv", _("Naamloze vennootschap (nv)")
    PERSONENVENNOOTSCHAP = "personenvennootschap", _("Eenmanszaak, vof of maatschap")
    ONBEKEND = "onbekend", _("Onbekend")


class LidmaatschapRol(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder van de organisatie")
    MEDEWERKER = "medewerker", _("Medewerker")
