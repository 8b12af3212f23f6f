from django.db import models
from django.utils.translation import gettext_lazy as _


class Categorie(models.TextChoices):
    KOFFIE = "koffie", _("Koffie en ontmoeting")
    MAALTIJD = "maaltijd", _("Maaltijd")
    SPELLETJES = "spelletjes", _("Spelletjes")
    COMPUTERLES = "computerles", _("Computer en digitaal")
    SPREEKUUR = "spreekuur", _("Spreekuur en advies")
    DAGBESTEDING = "dagbesteding", _("Dagbesteding")
    BEWEGEN = "bewegen", _("Bewegen en wandelen")
    CREATIEF = "creatief", _("Creatief en handwerk")
    KLUSSEN = "klussen", _("Klussen in de wijk")
    CURSUS = "cursus", _("Cursus en voorlichting")
    OVERIG = "overig", _("Overig")


class ActiviteitStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")
    AFGELAST = "afgelast", _("Afgelast")
    GEARCHIVEERD = "gearchiveerd", _("Gearchiveerd")
