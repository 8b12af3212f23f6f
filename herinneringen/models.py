"""Reminders sent by e-mail, and each person's choices about them.

A Herinnering is one item of one reminder e-mail: what it was about (soort + onderwerp_id),
for whom, and the moment it is due for (a submission, a confirmation, an end date and the
threshold before it). The unique constraint makes the daily run idempotent: what was claimed
once is never sent again (herinneringen/versturen.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herinneringen.constants import Soort


class Herinnering(models.Model):
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="herinneringen",
    )
    # The id of the Locatie, Samenwerking or Financiering (the soort says which). Not a
    # foreign key: what was sent stays recorded when the record goes.
    onderwerp_id = models.PositiveBigIntegerField(_("onderwerp"))
    moment = models.DateTimeField(
        _("moment"),
        help_text=_("Het indienen, de laatste bevestiging of de einddatum waar het om gaat."),
    )
    drempel_maanden = models.PositiveSmallIntegerField(
        _("maanden vooraf"), default=0, help_text=_("0 als er geen drempel is.")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-aangemaakt_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "user", "onderwerp_id", "moment", "drempel_maanden"],
                name="herinnering_eenmaal",
            )
        ]
        indexes = [
            models.Index(fields=["soort", "onderwerp_id"], name="herinnering_onderwerp_idx")
        ]

    def __str__(self):
        return f"{self.get_soort_display()} → {self.user_id} ({self.onderwerp_id})"


class Voorkeur(models.Model):
    """A person's choices: which reminders they get, and in which language. Without a row,
    every reminder is on and the language is Dutch."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="herinneringsvoorkeur",
    )
    taal = models.CharField(
        _("taal van de e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    ter_beoordeling = models.BooleanField(_("ter beoordeling ingediend"), default=True)
    bevestigen = models.BooleanField(_("gegevens bevestigen"), default=True)
    samenwerking_loopt_af = models.BooleanField(_("samenwerking loopt af"), default=True)
    financiering_loopt_af = models.BooleanField(_("financiering loopt af"), default=True)

    class Meta:
        verbose_name = _("voorkeur voor herinneringen")
        verbose_name_plural = _("voorkeuren voor herinneringen")

    def __str__(self):
        return str(self.user)

    def wil(self, soort: str) -> bool:
        """Whether this person wants reminders of `soort` (a Soort value)."""
        return getattr(self, soort)
