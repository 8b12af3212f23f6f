"""A background job as the person who started it sees it (kern/taken.py runs it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Taak(models.Model):
    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wacht op zijn beurt")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    soort = models.CharField(_("soort"), max_length=60)
    # Two requests for the same work (a double click, a beat tick delivered twice) give the
    # same key and so one Taak.
    sleutel = models.CharField(_("sleutel"), max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTEND
    )
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    bericht = models.CharField(_("bericht"), max_length=300, blank=True)
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    # The input a worker needs (e.g. an uploaded file): kept in the database because no app
    # server's disk is shared; emptied when the job ends.
    invoer = models.BinaryField(_("invoer"), null=True, blank=True, editable=False)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    afgerond = models.DateTimeField(_("afgerond"), null=True, blank=True)

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["-aangemaakt"]

    def __str__(self):
        return f"{self.soort} #{self.pk} ({self.status})"

    @property
    def is_afgerond(self) -> bool:
        return self.status in {self.Status.KLAAR, self.Status.MISLUKT}
