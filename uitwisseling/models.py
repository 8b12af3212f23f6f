import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Importbestand(models.Model):
    """An uploaded file between the dry run and the confirmation, kept in the database so
    that any app server can carry out the confirmation (nothing on an app server's disk).
    The bytes are removed once the import ran; the record itself after a day
    (uitwisseling.views.opruimen). An empty `verslag` means the dry run is still to come (a
    background job, `taak`)."""

    token = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    inhoud = models.BinaryField(_("inhoud"), editable=False)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("namens organisatie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status_nieuw = models.CharField(_("status van nieuwe locaties"), max_length=20)
    verslag = models.JSONField(_("verslag"), default=dict)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    # A large file (uitwisseling.views.is_groot): its dry run and its import run as a
    # background job, the latest of which is `taak`.
    op_achtergrond = models.BooleanField(_("op de achtergrond"), default=False)
    taak = models.ForeignKey(
        "kern.Taak",
        verbose_name=_("taak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")

    def __str__(self):
        return self.bestandsnaam
