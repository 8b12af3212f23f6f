import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.constants import LidmaatschapRol, PartnerSoort, Rechtsvorm
from partners.validators import validate_gemeentecode, validate_kvk_nummer


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: staff of a partner organisation, or the functioneel beheerder.

    People sign in with their e-mail address; there are no usernames. Residents have no account.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self):
        return self.naam or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def is_staff(self) -> bool:
        """Django's admin is the functioneel beheerder's alone: superusers. Staff of partner
        organisations work in the portal, so there is no separate flag to keep in step."""
        return self.is_superuser

    def get_full_name(self):
        return self.naam or self.email

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email


class Gemeente(models.Model):
    """A Dutch municipality, identified by its CBS code (GM0200 is Apeldoorn).

    Lives in `partners` because a Partner of kind gemeente stands for one, and `partners`
    may not import `locaties`; Locatie and Wijk refer to it from there.
    """

    naam = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"), max_length=6, unique=True, validators=[validate_gemeentecode]
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    @property
    def code_cijfers(self) -> str:
        """The four digits that CBS wijk and buurt codes of this gemeente start with."""
        return self.cbs_code[2:]


class Partner(models.Model):
    """An organisation taking part: gemeente, woningcorporatie, zorg, welzijn, and others."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    soort = models.CharField(_("soort organisatie"), max_length=20, choices=PartnerSoort.choices)
    rechtsvorm = models.CharField(
        _("rechtsvorm"), max_length=20, choices=Rechtsvorm.choices, default=Rechtsvorm.ONBEKEND
    )
    statuten_algemeen_belang = models.BooleanField(
        _("statuten uitsluitend gericht op het algemeen belang"),
        default=False,
        help_text=_(
            "Van belang voor de Btiv-regel bij het huren van een ontmoetingsruimte van "
            "een woningcorporatie."
        ),
    )
    anbi = models.BooleanField(_("ANBI-status"), default=False)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_nummer]
    )
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("vertegenwoordigt gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeentepartners",
        help_text=_("Alleen voor een partner van de soort gemeente: de gemeente die zij is."),
    )
    werkgebied = models.ManyToManyField(
        Gemeente,
        verbose_name=_("werkgebied"),
        blank=True,
        related_name="actieve_partners",
        help_text=_("De gemeenten waarin de organisatie werkt."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    is_demo = models.BooleanField(
        _("demogegevens"),
        default=False,
        help_text=_("Verzonnen of aangevuld voor de demonstratie."),
    )
    # The public id in the open data (API, GeoJSON): it does not change with name or slug.
    uuid = models.UUIDField(_("publieke id"), default=uuid.uuid4, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente"],
                condition=models.Q(soort=PartnerSoort.GEMEENTE),
                name="partner_one_gemeentepartner_per_gemeente",
                violation_error_message=_("Deze gemeente heeft al een partner."),
            ),
            models.CheckConstraint(
                condition=models.Q(soort=PartnerSoort.GEMEENTE, gemeente__isnull=False)
                | ~models.Q(soort=PartnerSoort.GEMEENTE) & models.Q(gemeente__isnull=True),
                name="partner_gemeente_only_for_gemeentepartner",
                violation_error_message=_(
                    "Alleen een partner van de soort gemeente vertegenwoordigt een gemeente, "
                    "en die moet dan ook zijn ingevuld."
                ),
            ),
        ]
        indexes = [models.Index(fields=["soort"], name="partner_soort_idx")]

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        if self.soort == PartnerSoort.GEMEENTE:
            if self.gemeente_id is None:
                raise ValidationError(
                    {"gemeente": _("Kies welke gemeente deze partner vertegenwoordigt.")}
                )
            if self.rechtsvorm == Rechtsvorm.ONBEKEND:
                self.rechtsvorm = Rechtsvorm.PUBLIEKRECHTELIJK
            elif self.rechtsvorm != Rechtsvorm.PUBLIEKRECHTELIJK:
                raise ValidationError(
                    {"rechtsvorm": _("Een gemeente is een publiekrechtelijk lichaam.")}
                )
        elif self.gemeente_id is not None:
            raise ValidationError(
                {
                    "gemeente": _(
                        "Alleen een partner van de soort gemeente vertegenwoordigt een "
                        "gemeente. Gebruik het werkgebied voor de gemeenten waar deze "
                        "organisatie werkt."
                    )
                }
            )


class Lidmaatschap(models.Model):
    """A person's membership of a Partner, with their role in that organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    rol = models.CharField(
        _("rol"),
        max_length=20,
        choices=LidmaatschapRol.choices,
        default=LidmaatschapRol.MEDEWERKER,
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    # Role changes and removals are attributable: who, when, what (the portal shows them).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partner"],
                name="lidmaatschap_unique_user_partner",
                violation_error_message=_("Deze persoon is al lid van deze organisatie."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.partner} ({self.get_rol_display()})"


class UitnodigingQuerySet(models.QuerySet):
    def open(self):
        """Not yet accepted and not revoked (an open invitation may have expired)."""
        return self.filter(geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True)


class Uitnodiging(models.Model):
    """An invitation to join a Partner with a role, sent by e-mail (partners/invitations.py).

    Only a hash of the secret in the link is stored, so the table does not hold usable links.
    The link expires (settings.INVITATION_VALID_DAYS) and works once: acceptance is a
    conditional UPDATE on `geaccepteerd_op IS NULL`, so of two simultaneous acceptances the
    database lets exactly one through.
    """

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    email = models.EmailField(_("e-mailadres"))
    rol = models.CharField(
        _("rol"),
        max_length=20,
        choices=LidmaatschapRol.choices,
        default=LidmaatschapRol.MEDEWERKER,
    )
    token_hash = models.CharField(_("token (hash)"), max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        User,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verzonden_op = models.DateTimeField(_("laatst verzonden op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    geaccepteerd_op = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    geaccepteerd_door = models.ForeignKey(
        User,
        verbose_name=_("geaccepteerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "email"],
                condition=models.Q(geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True),
                name="uitnodiging_one_open_per_partner_email",
                violation_error_message=_(
                    "Er staat al een uitnodiging open voor dit e-mailadres bij deze organisatie."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(geaccepteerd_op__isnull=True)
                | models.Q(ingetrokken_op__isnull=True),
                name="uitnodiging_not_both_accepted_and_revoked",
            ),
        ]

    def __str__(self):
        return f"{self.email} — {self.partner}"

    @property
    def is_open(self) -> bool:
        """Not yet accepted, not revoked (it may have expired)."""
        return self.geaccepteerd_op is None and self.ingetrokken_op is None

    @property
    def is_verlopen(self) -> bool:
        return self.verloopt_op <= timezone.now()
