from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from activiteiten.models import Activiteit
from locaties.models import Locatie

OMSCHRIJVING_MIN = 10
OMSCHRIJVING_MAX = 2000


class MeldingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(afgehandeld_op__isnull=True)

    def afgehandeld(self):
        return self.filter(afgehandeld_op__isnull=False)


class Melding(models.Model):
    """A resident's report that something on a public page is wrong ("Klopt er iets niet?").

    The reporter has no account; the e-mail address for a reply is optional, shown only to the
    people who may handle the report, and erased when it is handled (see meldingen/handling.py).
    No IP address is stored: the rate limits work on a keyed hash in the cache.
    """

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="meldingen"
    )
    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldingen",
    )
    omschrijving = models.TextField(
        _("wat klopt er niet?"),
        max_length=OMSCHRIJVING_MAX,
        validators=[
            MinLengthValidator(
                OMSCHRIJVING_MIN,
                message=_("Beschrijf in ten minste %(limit_value)d tekens wat er niet klopt."),
            ),
            MaxLengthValidator(
                OMSCHRIJVING_MAX,
                message=_(
                    "Houd het kort: ten hoogste %(limit_value)d tekens (nu %(show_value)d)."
                ),
            ),
        ],
    )
    email = models.EmailField(
        _("e-mailadres voor een antwoord"),
        blank=True,
        help_text=_(
            "Alleen de beheerders van deze plek zien het, en het wordt gewist "
            "zodra de melding is afgehandeld."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="afgehandelde_meldingen",
    )
    afhandeling = models.TextField(_("afhandeling"), blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["locatie", "afgehandeld_op"], name="melding_locatie_open_idx"),
            models.Index(fields=["afgehandeld_op", "aangemaakt_op"], name="melding_open_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(afgehandeld_op__isnull=True) | models.Q(email=""),
                name="melding_handled_has_no_email",
                violation_error_message=_(
                    "Het e-mailadres van de melder wordt gewist bij het afhandelen."
                ),
            ),
        ]

    def __str__(self):
        onderwerp = self.activiteit or self.locatie
        return f"{onderwerp}: {self.omschrijving[:60]}"

    @property
    def is_afgehandeld(self) -> bool:
        return self.afgehandeld_op is not None

    def clean(self):
        super().clean()
        if (
            self.activiteit_id
            and self.locatie_id
            and self.activiteit.locatie_id != self.locatie_id
        ):
            raise ValidationError(
                {"activiteit": _("Deze activiteit vindt op een andere plek plaats.")}
            )
