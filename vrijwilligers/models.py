"""Volunteers ("koppelen", as Zeist's Wijkservicepunt Noord does it): a place asks for help
(Vacature), a resident asks or offers something small (Hulpvraag, reviewed before it is shown),
a resident answers either (Reactie), and staff match the two (Koppeling).

Privacy by design: a resident gives a name and one way to reach them, nothing more. Those
details and the free text are erased (`gewist_op` set, rows kept for the counts) when the
resident asks through the link in their confirmation, or VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN
after closing (vrijwilligers/privacy.py). Rows that hold a resident's details have no
HistoricalRecords: a history table would keep a copy of what erasure must remove.
"""

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activiteiten.models import Activiteit
from locaties.models import Locatie
from vrijwilligers.constants import HulpvraagSoort, HulpvraagStatus, ReactieStatus, VacatureStatus

TEKST_MIN = 10
TEKST_MAX = 1000


class VacatureQuerySet(models.QuerySet):
    def openbaar(self):
        """Vacatures residents see: open, at a public place, and if tied to an activity, a
        public one (a called-off activity takes its vacature off the site)."""
        return self.filter(
            Locatie.objects.openbaar_q("locatie__"),
            models.Q(activiteit__isnull=True) | Activiteit.objects.openbaar_q("activiteit__"),
            status=VacatureStatus.OPEN,
        )


class HulpvraagQuerySet(models.QuerySet):
    def openbaar(self):
        """Requests residents see: reviewed and shown by staff, at a public place."""
        return self.filter(
            Locatie.objects.openbaar_q("locatie__"), status=HulpvraagStatus.ZICHTBAAR
        )


class Vacature(models.Model):
    """Help a place asks for, posted by staff of an organisation working there."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="vacatures"
    )
    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("bij activiteit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacatures",
    )
    titel = models.CharField(_("titel"), max_length=120)
    omschrijving = models.TextField(_("wat ga je doen?"), max_length=2000)
    wanneer = models.CharField(
        _("wanneer"), max_length=120, help_text=_("Bijvoorbeeld: dinsdag 10.00–14.00 uur.")
    )
    hoe_vaak = models.CharField(
        _("hoe vaak"), max_length=120, help_text=_("Bijvoorbeeld: elke week, of af en toe.")
    )
    wat_het_vraagt = models.TextField(
        _("wat vraagt het van je?"),
        max_length=1000,
        blank=True,
        help_text=_("Bijvoorbeeld: rijbewijs B, gastvrij zijn, goed kunnen luisteren."),
    )
    vog_nodig = models.BooleanField(
        _("VOG nodig"),
        default=False,
        help_text=_("Een Verklaring Omtrent het Gedrag. De organisatie vraagt die aan."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VacatureStatus.choices, default=VacatureStatus.OPEN
    )
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geplaatst door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    objects = VacatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["titel", "id"]
        indexes = [models.Index(fields=["locatie", "status"], name="vacature_locatie_status_idx")]

    def __str__(self):
        return self.titel


class Hulpvraag(models.Model):
    """A resident's small request or offer at a place ("ik zoek iemand om mee te wandelen",
    "ik wil breiles geven"). Shown only after staff of the place have looked at it."""

    soort = models.CharField(_("soort"), max_length=10, choices=HulpvraagSoort.choices)
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="hulpvragen"
    )
    tekst = models.TextField(
        _("wat zoek of bied je?"),
        max_length=TEKST_MAX,
        validators=[MinLengthValidator(TEKST_MIN)],
    )
    naam = models.CharField(_("naam"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=HulpvraagStatus.choices,
        default=HulpvraagStatus.TE_BEOORDELEN,
    )
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    gewist_op = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    objects = HulpvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag of aanbod")
        verbose_name_plural = _("vragen en aanbod")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["locatie", "status"], name="hulpvraag_locatie_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gewist_op__isnull=False)
                | ~models.Q(telefoon="")
                | ~models.Q(email=""),
                name="hulpvraag_has_contact",
            ),
        ]

    def __str__(self):
        return self.tekst[:60] or str(_("gewist"))


class Reactie(models.Model):
    """A resident's answer to a Vacature or a Hulpvraag (exactly one of them)."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="reacties"
    )
    vacature = models.ForeignKey(
        Vacature,
        verbose_name=_("vacature"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reacties",
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag,
        verbose_name=_("vraag of aanbod"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reacties",
    )
    naam = models.CharField(_("naam"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    bericht = models.TextField(_("bericht"), max_length=TEKST_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ReactieStatus.choices, default=ReactieStatus.NIEUW
    )
    aangemaakt_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    gewist_op = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["locatie", "status"], name="reactie_locatie_status_idx"),
            models.Index(fields=["gesloten_op", "gewist_op"], name="reactie_bewaartermijn_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vacature__isnull=True, hulpvraag__isnull=False)
                | models.Q(vacature__isnull=False, hulpvraag__isnull=True),
                name="reactie_answers_one_thing",
            ),
            models.CheckConstraint(
                condition=models.Q(gewist_op__isnull=False)
                | ~models.Q(telefoon="")
                | ~models.Q(email=""),
                name="reactie_has_contact",
            ),
        ]

    def __str__(self):
        return f"{self.naam or _('gewist')}: {self.onderwerp}"

    @property
    def onderwerp(self):
        return self.vacature or self.hulpvraag


class Koppeling(models.Model):
    """A match staff made: the resident of `reactie` with the vacature or with the resident
    who posted the hulpvraag it answers. Followed up with a note, then closed."""

    reactie = models.OneToOneField(
        Reactie, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="koppeling"
    )
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="koppelingen"
    )
    notitie = models.TextField(
        _("opvolging"),
        max_length=2000,
        blank=True,
        help_text=_("Hoe gaat het? Schrijf alleen op wat nodig is om goed op te volgen."),
    )
    gekoppeld_op = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)
    gekoppeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekoppeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    # The note may name people: it stays out of the history, which erasure cannot reach.
    history = HistoricalRecords(excluded_fields=["notitie"])

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-gekoppeld_op", "-id"]
        indexes = [models.Index(fields=["locatie", "gekoppeld_op"], name="koppeling_locatie_idx")]

    def __str__(self):
        return str(self.reactie)
