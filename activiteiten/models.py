import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activiteiten import schedule
from activiteiten.constants import ActiviteitStatus, Categorie
from locaties.models import Doelgroep, Locatie, LocatieQuerySet, Ruimte
from partners.models import Partner


class ActiviteitQuerySet(models.QuerySet):
    """Where "public" is defined for activities: published, not called off (afgelast) and at a
    public place. Every page, feed, report form and API answer asks these."""

    @staticmethod
    def openbaar_q(via: str = "") -> models.Q:
        """A public activity as a filter; `via` is the relation path from the model filtered
        ('activiteit__', 'activiteiten__'), '' for Activiteit itself."""
        return models.Q(**{f"{via}status": ActiviteitStatus.GEPUBLICEERD}) & (
            LocatieQuerySet.openbaar_q(f"{via}locatie__")
        )

    def openbaar(self):
        return self.filter(self.openbaar_q())


class Activiteit(models.Model):
    """Something that happens at a Locatie, once or on a recurring schedule.

    The schedule is kept as the start date, a start and end time on the wall clock of
    Europe/Amsterdam, and an optional RFC 5545 RRULE; single dates are left out through
    Uitzondering rows.
    """

    titel = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.PROTECT, related_name="activiteiten"
    )
    ruimte = models.ForeignKey(
        Ruimte,
        verbose_name=_("ruimte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activiteiten",
    )
    organisator = models.ForeignKey(
        Partner,
        verbose_name=_("georganiseerd door"),
        on_delete=models.PROTECT,
        related_name="activiteiten",
    )
    categorie = models.CharField(_("categorie"), max_length=20, choices=Categorie.choices)
    doelgroepen = models.ManyToManyField(
        Doelgroep, verbose_name=_("doelgroepen"), blank=True, related_name="activiteiten"
    )
    alleen_voor_doelgroep = models.BooleanField(
        _("alleen voor de doelgroep"),
        default=False,
        help_text=_("Uit: iedereen is welkom."),
    )
    kosten = models.DecimalField(
        _("kosten (€)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 betekent gratis."),
    )
    kosten_toelichting = models.CharField(_("toelichting kosten"), max_length=200, blank=True)
    aanmelden_nodig = models.BooleanField(_("aanmelden nodig"), default=False)
    aanmelden_via = models.CharField(
        _("aanmelden via"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld een telefoonnummer, e-mailadres of ‘aan de balie’."),
    )

    startdatum = models.DateField(_("(eerste) datum"))
    begintijd = models.TimeField(_("begintijd"))
    eindtijd = models.TimeField(_("eindtijd"))
    herhaling = models.CharField(
        _("herhaling (RRULE)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Leeg voor een eenmalige activiteit; anders een RFC 5545-regel, zoals "
            "FREQ=WEEKLY;BYDAY=TU voor elke dinsdag."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActiviteitStatus.choices,
        default=ActiviteitStatus.CONCEPT,
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    # The last date up to which the schedule is stored as Occurrence rows; the daily
    # `verleng_agenda` command moves it forward (see activiteiten/occurrences.py).
    uitgerold_tot = models.DateField(_("uitgerold tot"), null=True, blank=True, editable=False)
    # The public id in the open data (API, GeoJSON): it does not change with name or slug.
    uuid = models.UUIDField(_("publieke id"), default=uuid.uuid4, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op", "uitgerold_tot"])

    objects = ActiviteitQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["startdatum", "begintijd", "titel"]
        indexes = [
            models.Index(fields=["status", "startdatum"], name="activiteit_status_start_idx"),
            models.Index(fields=["locatie", "status"], name="activiteit_locatie_status_idx"),
            models.Index(fields=["organisator", "status"], name="activiteit_org_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eindtijd__gt=models.F("begintijd")),
                name="activiteit_eindtijd_after_begintijd",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
            models.CheckConstraint(
                condition=models.Q(kosten__gte=0), name="activiteit_kosten_not_negative"
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_openbaar(self) -> bool:
        """Whether residents see this activity (ActiviteitQuerySet.openbaar, for one record)."""
        return self.status == ActiviteitStatus.GEPUBLICEERD and self.locatie.is_openbaar

    @property
    def is_gratis(self) -> bool:
        return not self.kosten

    def clean(self):
        super().clean()
        errors = {}
        if self.begintijd and self.eindtijd and self.eindtijd <= self.begintijd:
            errors["eindtijd"] = _("De eindtijd moet na de begintijd liggen.")
        if self.ruimte_id and self.locatie_id and self.ruimte.locatie_id != self.locatie_id:
            errors["ruimte"] = _("Deze ruimte hoort bij een andere locatie.")
        if self.herhaling and self.startdatum:
            try:
                schedule.parse_rule(self.herhaling, self.startdatum, self.begintijd or dt.time())
            except ValidationError as error:
                errors["herhaling"] = error.messages
        if self.aanmelden_nodig and not self.aanmelden_via.strip():
            errors["aanmelden_via"] = _("Zeg hoe bewoners zich kunnen aanmelden.")
        if errors:
            raise ValidationError(errors)


class Uitzondering(models.Model):
    """A date of an Activiteit's schedule that does not go as planned, with the reason residents
    see: cancelled (‘vervalt: Koningsdag’), or moved to another day or time when `nieuwe_datum`
    is set (the times default to the activity's own)."""

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="uitzonderingen",
    )
    datum = models.DateField(_("datum"))
    reden = models.CharField(_("reden"), max_length=200, blank=True)
    nieuwe_datum = models.DateField(_("verplaatst naar datum"), null=True, blank=True)
    nieuwe_begintijd = models.TimeField(_("nieuwe begintijd"), null=True, blank=True)
    nieuwe_eindtijd = models.TimeField(_("nieuwe eindtijd"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitzondering")
        verbose_name_plural = _("uitzonderingen")
        ordering = ["datum"]
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "datum"],
                name="uitzondering_unique_datum",
                violation_error_message=_("Deze datum is al uitgezonderd."),
            ),
            models.CheckConstraint(
                condition=models.Q(nieuwe_datum__isnull=False)
                | models.Q(nieuwe_begintijd__isnull=True, nieuwe_eindtijd__isnull=True),
                name="uitzondering_tijden_only_when_moved",
            ),
            models.CheckConstraint(
                condition=models.Q(nieuwe_begintijd__isnull=True)
                | models.Q(nieuwe_eindtijd__isnull=True)
                | models.Q(nieuwe_eindtijd__gt=models.F("nieuwe_begintijd")),
                name="uitzondering_nieuwe_eindtijd_after_begintijd",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
        ]

    def __str__(self):
        return f"{self.activiteit}: {self.datum:%d-%m-%Y}"

    @property
    def is_verplaatst(self) -> bool:
        return self.nieuwe_datum is not None


class Occurrence(models.Model):
    """One date of an Activiteit, stored so that the agenda, "what is on near me" and the
    double-booking check are indexed queries instead of recurrence expansion per request.

    Rows are written only by activiteiten/occurrences.py, from the activity's schedule and its
    Uitzonderingen, for a rolling horizon. `oorspronkelijke_datum` is the date the schedule
    gives (the iCalendar RECURRENCE-ID, and the stable part of a feed's UID); `datum`, `begin`
    and `einde` are when it actually takes place, which differ after a move. `ruimte_bezet` is
    the room this date holds: set only when the activity has a room, is a concept or published,
    and the date is not cancelled. On PostgreSQL an exclusion constraint (migration 0004)
    refuses two rows holding the same room at overlapping times.
    """

    activiteit = models.ForeignKey(
        Activiteit,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="occurrences",
        # Indexed by occurrence_act_datum_idx and the unique (activiteit, date).
        db_index=False,
    )
    oorspronkelijke_datum = models.DateField(_("datum volgens het schema"))
    datum = models.DateField(_("datum"))
    begin = models.DateTimeField(_("begin"))
    einde = models.DateTimeField(_("einde"))
    uitzondering = models.ForeignKey(
        Uitzondering,
        verbose_name=_("uitzondering"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    vervalt = models.BooleanField(_("vervalt"), default=False)
    ruimte_bezet = models.ForeignKey(
        Ruimte,
        verbose_name=_("bezette ruimte"),
        # A room taken out of the register frees its dates; the dates themselves stay.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("datum van een activiteit")
        verbose_name_plural = _("datums van activiteiten")
        ordering = ["begin", "activiteit_id"]
        indexes = [
            models.Index(fields=["datum", "begin"], name="occurrence_datum_idx"),
            # The agenda of a gemeente, place or wijk: its activities' dates in a week.
            models.Index(fields=["activiteit", "datum"], name="occurrence_act_datum_idx"),
            models.Index(fields=["ruimte_bezet", "begin"], name="occurrence_ruimte_begin_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["activiteit", "oorspronkelijke_datum"], name="occurrence_unique_date"
            ),
            models.CheckConstraint(
                condition=models.Q(einde__gt=models.F("begin")),
                name="occurrence_einde_after_begin",
            ),
        ]

    def __str__(self):
        return f"{self.activiteit}: {self.datum:%d-%m-%Y}"

    @property
    def is_verplaatst(self) -> bool:
        return self.datum != self.oorspronkelijke_datum or (
            self.uitzondering_id is not None and not self.vervalt
        )
