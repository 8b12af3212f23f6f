import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat, Length, Lower, Trim, Upper
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from locaties import geo
from locaties.btiv import check_verhuur
from locaties.constants import (
    Beheervorm,
    DoelgroepCode,
    FinancieringBron,
    LocatieSoort,
    LocatieStatus,
    SamenwerkingRol,
    VoorzieningCode,
    Weekdag,
    WijkSoort,
)
from locaties.validators import (
    normalize_postcode,
    validate_huisnummer_toevoeging,
    validate_latitude,
    validate_longitude,
    validate_postcode,
)
from partners.models import Gemeente, Partner


class Doelgroep(models.Model):
    """A target group. The rows are the codes of DoelgroepCode, loaded by a migration, so
    the labels stay translatable while places and activities refer to them as rows."""

    code = models.CharField(
        _("code"), max_length=40, primary_key=True, choices=DoelgroepCode.choices
    )

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["code"]

    def __str__(self):
        return str(self.get_code_display())


class Voorziening(models.Model):
    """A facility of a place or room; rows are the codes of VoorzieningCode (see Doelgroep)."""

    code = models.CharField(
        _("code"), max_length=40, primary_key=True, choices=VoorzieningCode.choices
    )

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["code"]

    def __str__(self):
        return str(self.get_code_display())


class Wijk(models.Model):
    """A neighbourhood of a gemeente as CBS defines it: a wijk, or a buurt inside a wijk."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="wijken"
    )
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=10,
        unique=True,
        help_text=_(
            "WK gevolgd door 6 cijfers voor een wijk, BU gevolgd door 8 cijfers voor "
            "een buurt, bijvoorbeeld WK020001 of BU02000101."
        ),
    )
    naam = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    soort = models.CharField(_("soort"), max_length=5, choices=WijkSoort.choices)
    wijk = models.ForeignKey(
        "self",
        verbose_name=_("ligt in wijk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buurten",
        limit_choices_to={"soort": WijkSoort.WIJK},
    )
    grens = models.JSONField(
        _("grens"),
        null=True,
        blank=True,
        help_text=_("GeoJSON Polygon of MultiPolygon in WGS84 (lengtegraad, breedtegraad)."),
    )
    inwoners = models.PositiveIntegerField(_("aantal inwoners"), null=True, blank=True)
    aandeel_65_plus = models.DecimalField(
        _("aandeel 65-plussers (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    # Imports (locaties/wijkimport.py) and edits are recorded: names, boundaries, figures.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wijk of buurt")
        verbose_name_plural = _("wijken en buurten")
        ordering = ["cbs_code"]  # starts with the gemeente code, so it groups per gemeente
        indexes = [models.Index(fields=["gemeente", "soort"], name="wijk_gemeente_soort_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort=WijkSoort.WIJK, wijk__isnull=True)
                | models.Q(soort=WijkSoort.BUURT, wijk__isnull=False),
                name="wijk_buurt_has_parent_wijk",
                violation_error_message=_("Een buurt ligt in een wijk; een wijk niet."),
            ),
            models.CheckConstraint(
                condition=models.Q(aandeel_65_plus__gte=0, aandeel_65_plus__lte=100)
                | models.Q(aandeel_65_plus__isnull=True),
                name="wijk_aandeel_65_plus_percentage",
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        errors = {}
        code = (self.cbs_code or "").upper()
        self.cbs_code = code
        prefix, length = ("WK", 8) if self.soort == WijkSoort.WIJK else ("BU", 10)
        if not (code.startswith(prefix) and len(code) == length and code[2:].isdigit()):
            errors["cbs_code"] = _(
                "Een %(soort)s-code is %(prefix)s gevolgd door %(digits)s cijfers."
            ) % {"soort": self.get_soort_display().lower(), "prefix": prefix, "digits": length - 2}
        elif self.gemeente_id and code[2:6] != self.gemeente.code_cijfers:
            errors["cbs_code"] = _(
                "De code hoort bij een andere gemeente: codes van %(gemeente)s beginnen met "
                "%(prefix)s%(cijfers)s."
            ) % {
                "gemeente": self.gemeente,
                "prefix": prefix,
                "cijfers": self.gemeente.code_cijfers,
            }
        if self.soort == WijkSoort.BUURT:
            if self.wijk_id is None:
                errors["wijk"] = _("Kies de wijk waarin deze buurt ligt.")
            elif self.wijk.gemeente_id != self.gemeente_id:
                errors["wijk"] = _("De wijk ligt in een andere gemeente.")
            elif "cbs_code" not in errors and code[2:8] != self.wijk.cbs_code[2:8]:
                errors["cbs_code"] = _(
                    "Een buurtcode begint met de cijfers van haar wijk (%(wijk)s)."
                ) % {"wijk": self.wijk.cbs_code}
        elif self.wijk_id is not None:
            errors["wijk"] = _("Alleen een buurt ligt in een wijk.")
        if self.grens is not None:
            try:
                geo.boundary_shape(self.grens)
            except ValidationError as error:
                errors["grens"] = error.messages
        if errors:
            raise ValidationError(errors)


class LocatieQuerySet(models.QuerySet):
    """Where "public" is defined for places: every page, feed, export, API answer and
    permission rule asks these, never the status itself."""

    @staticmethod
    def openbaar_q(via: str = "") -> models.Q:
        """A public place as a filter; `via` is the relation path from the model filtered
        ('locaties__', 'activiteit__locatie__'), '' for Locatie itself."""
        return models.Q(**{f"{via}status": LocatieStatus.GEPUBLICEERD})

    def openbaar(self):
        """The places residents see: published ones."""
        return self.filter(self.openbaar_q())

    def concept(self):
        """Places still being written, which their editors may submit for review."""
        return self.filter(status=LocatieStatus.CONCEPT)

    def with_openbaar_adres(self, name: str = "adres"):
        """Each place's `Locatie.openbaar_adres`, computed in the database as `name`, for
        answers built without model instances (the map's data). The same rule as the
        property: street, number with its addition (a single letter joined, anything else
        after a dash), postcode and town; street and town only when the address is hidden."""
        toevoeging = Trim("huisnummer_toevoeging")
        nummer = Cast("huisnummer", models.CharField())
        return self.alias(
            _toevoeging=toevoeging,
            _toevoeging_lengte=Length(toevoeging),
            _toevoeging_hoog=Upper(toevoeging),
            _toevoeging_laag=Lower(toevoeging),
        ).annotate(
            **{
                name: models.Case(
                    models.When(
                        adres_openbaar=False, then=Concat("straat", Value(", "), "plaats")
                    ),
                    default=Concat(
                        "straat",
                        Value(" "),
                        models.Case(
                            models.When(_toevoeging="", then=nummer),
                            # One letter (it has an upper and a lower case) is joined.
                            models.When(
                                models.Q(_toevoeging_lengte=1)
                                & ~models.Q(_toevoeging_hoog=F("_toevoeging_laag")),
                                then=Concat(nummer, F("_toevoeging")),
                            ),
                            default=Concat(nummer, Value("-"), F("_toevoeging")),
                            output_field=models.CharField(),
                        ),
                        Value(", "),
                        "postcode",
                        Value(" "),
                        "plaats",
                        output_field=models.CharField(),
                    ),
                    output_field=models.CharField(),
                )
            }
        )


def volledig_huisnummer(huisnummer, toevoeging: str) -> str:
    """The house number with its addition: a single letter joined ("12a"), anything else
    after a dash ("12-2")."""
    toevoeging = (toevoeging or "").strip()
    if not toevoeging:
        return str(huisnummer)
    separator = "" if toevoeging[0].isalpha() and len(toevoeging) == 1 else "-"
    return f"{huisnummer}{separator}{toevoeging}"


def openbaar_adres_van(plek) -> str:
    """The address residents may see of `plek`: a Locatie, or any object with its fields
    adres_openbaar, straat, huisnummer, huisnummer_toevoeging, postcode and plaats (a
    `.values()` row as attributes). `LocatieQuerySet.with_openbaar_adres` is the same rule in
    SQL."""
    if plek.adres_openbaar:
        nummer = volledig_huisnummer(plek.huisnummer, plek.huisnummer_toevoeging)
        return f"{plek.straat} {nummer}, {plek.postcode} {plek.plaats}"
    return f"{plek.straat}, {plek.plaats}"


class Locatie(models.Model):
    """A meeting place (ontmoetingsplek) and everything a resident or officer needs to know."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    # The source system's own code for the place (a sociale kaart, the gemeente's list), so
    # that an import finds it again; unique within a gemeente when filled in.
    extern_id = models.CharField(
        _("externe code"),
        max_length=100,
        blank=True,
        help_text=_("De code van deze locatie in een ander systeem, voor import en export."),
    )
    soort = models.CharField(_("soort plek"), max_length=20, choices=LocatieSoort.choices)
    status = models.CharField(
        _("publicatiestatus"),
        max_length=20,
        choices=LocatieStatus.choices,
        default=LocatieStatus.CONCEPT,
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    # Address. Some places inside residential complexes show only street and wijk publicly.
    straat = models.CharField(_("straat"), max_length=200)
    huisnummer = models.PositiveIntegerField(
        _("huisnummer"), validators=[MinValueValidator(1), MaxValueValidator(99999)]
    )
    huisnummer_toevoeging = models.CharField(
        _("toevoeging"), max_length=6, blank=True, validators=[validate_huisnummer_toevoeging]
    )
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    plaats = models.CharField(_("plaats"), max_length=100)
    adres_openbaar = models.BooleanField(
        _("volledig adres openbaar"),
        default=True,
        help_text=_(
            "Uit: bewoners zien alleen de straat en de wijk, bijvoorbeeld bij een "
            "ontmoetingsruimte in een wooncomplex."
        ),
    )
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="locaties"
    )
    # Both levels are stored so that a wijk page and per-wijk figures are one indexed filter;
    # clean() keeps them consistent (the buurt lies in the wijk).
    wijk = models.ForeignKey(
        Wijk,
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locaties",
        limit_choices_to={"soort": WijkSoort.WIJK},
    )
    buurt = models.ForeignKey(
        Wijk,
        verbose_name=_("buurt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buurtlocaties",
        limit_choices_to={"soort": WijkSoort.BUURT},
    )
    latitude = models.FloatField(
        _("breedtegraad"), null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.FloatField(
        _("lengtegraad"), null=True, blank=True, validators=[validate_longitude]
    )

    # Contact.
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)

    doelgroepen = models.ManyToManyField(
        Doelgroep, verbose_name=_("doelgroepen"), blank=True, related_name="locaties"
    )
    voorzieningen = models.ManyToManyField(
        Voorziening, verbose_name=_("voorzieningen"), blank=True, related_name="locaties"
    )

    # Accessibility: yes, no, or not known (null) — "not known" must not read as "no".
    rolstoeltoegankelijk = models.BooleanField(_("rolstoeltoegankelijk"), null=True, blank=True)
    aangepast_toilet = models.BooleanField(_("aangepast toilet"), null=True, blank=True)
    ringleiding = models.BooleanField(_("ringleiding"), null=True, blank=True)
    prikkelarme_ruimte = models.BooleanField(_("prikkelarme ruimte"), null=True, blank=True)
    gehandicaptenparkeerplaats = models.BooleanField(
        _("gehandicaptenparkeerplaats"), null=True, blank=True
    )
    toegankelijkheid_toelichting = models.TextField(_("toelichting toegankelijkheid"), blank=True)

    beheervorm = models.CharField(
        _("beheervorm"), max_length=20, choices=Beheervorm.choices, blank=True
    )
    heeft_community_builder = models.BooleanField(
        _("community builder of bewonerscoach aanwezig"), default=False
    )
    biedt_dagbesteding = models.BooleanField(_("biedt dagbesteding"), default=False)

    # Sterlocatie: professional support from gehandicaptenzorg or psychiatrie is present.
    is_sterlocatie = models.BooleanField(_("sterlocatie"), default=False)
    begeleiding_lichamelijk = models.BooleanField(
        _("begeleiding bij lichamelijke beperking"), default=False
    )
    begeleiding_verstandelijk = models.BooleanField(
        _("begeleiding bij verstandelijke beperking"), default=False
    )
    begeleiding_psychiatrie = models.BooleanField(
        _("begeleiding vanuit psychiatrie"), default=False
    )

    is_demo = models.BooleanField(
        _("demogegevens"),
        default=False,
        help_text=_("Adres, coördinaten of activiteiten zijn verzonnen voor de demonstratie."),
    )
    # The public id in the open data (API, GeoJSON): it does not change with name or slug.
    uuid = models.UUIDField(_("publieke id"), default=uuid.uuid4, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gepubliceerd_op = models.DateTimeField(_("eerst gepubliceerd op"), null=True, blank=True)
    # Confirmation of currency: someone who may edit the record said it is still correct.
    # locaties/currency.py holds the rule for when a confirmation is overdue.
    laatst_bevestigd_op = models.DateTimeField(_("laatst bevestigd op"), null=True, blank=True)
    laatst_bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst bevestigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    objects = LocatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam"]
        indexes = [
            models.Index(fields=["status", "gemeente"], name="locatie_status_gemeente_idx"),
            # Bounding-box prefilter for "near me": a range on latitude, then longitude.
            models.Index(fields=["latitude", "longitude"], name="locatie_lat_lon_idx"),
            models.Index(fields=["wijk", "status"], name="locatie_wijk_status_idx"),
            # The public place list's order (by name, then id) without a sort: public places
            # only, so the index stays small and the planner walks it and stops at a page.
            models.Index(
                fields=["naam", "id"],
                condition=LocatieQuerySet.openbaar_q(),
                name="locatie_openbaar_naam_idx",
            ),
            # The registry's latest change, read on every list page to key its cached count
            # and filter form (publiek/views.py): a backward index scan that stops at one row.
            models.Index(fields=["gewijzigd_op"], name="locatie_gewijzigd_op_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "extern_id"],
                condition=~models.Q(extern_id=""),
                name="locatie_unique_extern_id_per_gemeente",
                violation_error_message=_(
                    "Een andere locatie in deze gemeente heeft al deze externe code."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="locatie_coordinates_both_or_neither",
                violation_error_message=_(
                    "Vul zowel breedtegraad als lengtegraad in, of geen van beide."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(is_sterlocatie=False)
                | models.Q(begeleiding_lichamelijk=True)
                | models.Q(begeleiding_verstandelijk=True)
                | models.Q(begeleiding_psychiatrie=True),
                name="locatie_sterlocatie_has_begeleiding",
                violation_error_message=_(
                    "Een sterlocatie heeft professionele begeleiding van ten minste één soort."
                ),
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def is_openbaar(self) -> bool:
        """Whether residents see this place (LocatieQuerySet.openbaar, for one record)."""
        return self.status == LocatieStatus.GEPUBLICEERD

    @property
    def is_concept(self) -> bool:
        return self.status == LocatieStatus.CONCEPT

    @property
    def is_in_voorbereiding(self) -> bool:
        """Concept or waiting for review: on its way to the public, not yet there."""
        return self.status in (LocatieStatus.CONCEPT, LocatieStatus.TER_BEOORDELING)

    @property
    def wacht_op_beoordeling(self) -> bool:
        return self.status == LocatieStatus.TER_BEOORDELING

    def clean_fields(self, exclude=None):
        # Normalise first, so that '7311ab' is accepted as '7311 AB' rather than refused.
        self.postcode = normalize_postcode(self.postcode)
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Vul zowel breedtegraad als lengtegraad in, of geen van beide."
            )
        if self.buurt_id:
            if self.buurt.soort != WijkSoort.BUURT:
                errors["buurt"] = _("Kies een buurt, geen wijk.")
            elif self.wijk_id is None:
                self.wijk_id = self.buurt.wijk_id
            elif self.buurt.wijk_id != self.wijk_id:
                errors["buurt"] = _("Deze buurt ligt niet in de gekozen wijk.")
        if self.wijk_id and self.wijk.soort != WijkSoort.WIJK:
            errors["wijk"] = _("Kies een wijk, geen buurt.")
        elif self.wijk_id and self.gemeente_id and self.wijk.gemeente_id != self.gemeente_id:
            errors["wijk"] = _("Deze wijk hoort bij een andere gemeente.")
        if self.is_sterlocatie and not self.begeleiding_soorten:
            errors["is_sterlocatie"] = _(
                "Kruis aan welke professionele begeleiding er is: lichamelijke beperking, "
                "verstandelijke beperking of psychiatrie."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def huisnummer_volledig(self) -> str:
        return volledig_huisnummer(self.huisnummer, self.huisnummer_toevoeging)

    @property
    def openbaar_adres(self) -> str:
        """The address as residents may see it."""
        return openbaar_adres_van(self)

    @property
    def begeleiding_soorten(self) -> list[str]:
        """Labels of the kinds of professional support present, for display."""
        soorten = [
            (self.begeleiding_lichamelijk, _("lichamelijke beperking")),
            (self.begeleiding_verstandelijk, _("verstandelijke beperking")),
            (self.begeleiding_psychiatrie, _("psychiatrie")),
        ]
        return [str(label) for present, label in soorten if present]


class WeekTijdvak(models.Model):
    """A weekly period on one weekday, such as maandag 09:00–12:00."""

    weekdag = models.PositiveSmallIntegerField(_("dag"), choices=Weekdag.choices)
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))

    class Meta:
        abstract = True
        ordering = ["weekdag", "van"]

    def __str__(self):
        return f"{self.get_weekdag_display()} {self.van:%H:%M}–{self.tot:%H:%M}"

    def clean(self):
        super().clean()
        if self.van is not None and self.tot is not None and self.tot <= self.van:
            raise ValidationError({"tot": _("De eindtijd moet na de begintijd liggen.")})
        if self.locatie_id and self.van is not None and self.tot is not None:
            overlapping = (
                type(self)
                .objects.filter(
                    locatie_id=self.locatie_id,
                    weekdag=self.weekdag,
                    van__lt=self.tot,
                    tot__gt=self.van,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if overlapping:
                raise ValidationError(
                    _("Dit tijdvak overlapt met %(ander)s.") % {"ander": overlapping}
                )


class Openingstijd(WeekTijdvak):
    """When a Locatie is open; a day may have several periods (morning and afternoon)."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="openingstijden"
    )

    history = HistoricalRecords()

    class Meta(WeekTijdvak.Meta):
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gt=models.F("van")), name="openingstijd_tot_after_van"
            ),
        ]


class Begeleidingstijd(WeekTijdvak):
    """When the professional support of a sterlocatie is present (not the opening hours)."""

    locatie = models.ForeignKey(
        Locatie,
        verbose_name=_("locatie"),
        on_delete=models.CASCADE,
        related_name="begeleidingstijden",
    )

    history = HistoricalRecords()

    class Meta(WeekTijdvak.Meta):
        verbose_name = _("begeleidingstijd")
        verbose_name_plural = _("begeleidingstijden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gt=models.F("van")), name="begeleidingstijd_tot_after_van"
            ),
        ]


class Sluiting(models.Model):
    """An exceptional closure, such as a public holiday or the summer break (dates inclusive)."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="sluitingen"
    )
    van = models.DateField(_("gesloten van"))
    tot = models.DateField(_("gesloten tot en met"))
    reden = models.CharField(_("reden"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sluiting")
        verbose_name_plural = _("sluitingen")
        ordering = ["van"]
        indexes = [models.Index(fields=["locatie", "tot"], name="sluiting_locatie_tot_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tot__gte=models.F("van")), name="sluiting_tot_not_before_van"
            ),
            models.UniqueConstraint(fields=["locatie", "van"], name="sluiting_unique_start"),
        ]

    def __str__(self):
        return f"{self.locatie}: {self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"

    def clean(self):
        super().clean()
        if self.van and self.tot and self.tot < self.van:
            raise ValidationError({"tot": _("De laatste dag ligt vóór de eerste dag.")})


class Ruimte(models.Model):
    """A room inside a Locatie, with its capacity, facilities and rental terms."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="ruimten"
    )
    naam = models.CharField(_("naam"), max_length=120)
    capaciteit = models.PositiveIntegerField(
        _("capaciteit (personen)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    oppervlakte_m2 = models.DecimalField(
        _("oppervlakte (m²)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    voorzieningen = models.ManyToManyField(
        Voorziening, verbose_name=_("voorzieningen"), blank=True, related_name="ruimten"
    )
    verhuurbaar = models.BooleanField(_("te huur"), default=False)
    huurprijs_per_dagdeel = models.DecimalField(
        _("huurprijs per dagdeel (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    huurvoorwaarden = models.TextField(_("huurvoorwaarden"), blank=True)
    # A room is never deleted (its lettings and history refer to it): it is taken out of use.
    buiten_gebruik_sinds = models.DateField(
        _("buiten gebruik sinds"),
        null=True,
        blank=True,
        help_text=_("Vul in als de ruimte niet meer gebruikt of verhuurd wordt."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ruimte")
        verbose_name_plural = _("ruimten")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["locatie", "naam"],
                name="ruimte_unique_naam_per_locatie",
                violation_error_message=_("Deze locatie heeft al een ruimte met deze naam."),
            )
        ]

    def __str__(self):
        return f"{self.naam} ({self.locatie})"


class Verhuur(models.Model):
    """A Ruimte let to a Partner. For a woningcorporatie's room the Btiv rule decides who may
    rent it; see locaties/btiv.py."""

    ruimte = models.ForeignKey(
        Ruimte, verbose_name=_("ruimte"), on_delete=models.CASCADE, related_name="verhuringen"
    )
    huurder = models.ForeignKey(
        Partner, verbose_name=_("huurder"), on_delete=models.PROTECT, related_name="huurcontracten"
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    doel = models.TextField(_("waarvoor wordt de ruimte gebruikt"))
    niet_commercieel = models.BooleanField(
        _("uitsluitend maatschappelijk, niet-commercieel gebruik"),
        default=False,
        help_text=_(
            "Vereist als een natuurlijk persoon een ruimte van een woningcorporatie huurt."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verhuur")
        verbose_name_plural = _("verhuringen")
        ordering = ["-ingangsdatum"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="verhuur_einddatum_not_before_ingangsdatum",
            )
        ]

    def __str__(self):
        return f"{self.ruimte} → {self.huurder}"

    def clean(self):
        super().clean()
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})
        if self.ruimte_id and not self.ruimte.verhuurbaar:
            raise ValidationError(
                {"ruimte": _("Deze ruimte staat niet als ‘te huur’ geregistreerd.")}
            )
        if self.ruimte_id and self.ingangsdatum:
            overlap = overlapping_verhuringen(
                ruimte_id=self.ruimte_id,
                ingangsdatum=self.ingangsdatum,
                einddatum=self.einddatum,
                exclude_pk=self.pk,
            ).first()
            if overlap is not None:
                raise ValidationError(overlap_message(overlap))
        if self.ruimte_id and self.huurder_id and self.ingangsdatum:
            check_verhuur(
                ruimte=self.ruimte,
                huurder=self.huurder,
                niet_commercieel=self.niet_commercieel,
                ingangsdatum=self.ingangsdatum,
            )


def overlapping_verhuringen(*, ruimte_id, ingangsdatum, einddatum, exclude_pk=None):
    """The lettings of a room that share a day with [ingangsdatum, einddatum] (both days
    included; no einddatum: open-ended). A room is let to one tenant at a time; on PostgreSQL
    the exclusion constraint verhuur_ruimte_no_overlap (migration 0007) holds it when two
    saves race."""
    verhuringen = Verhuur.objects.filter(ruimte_id=ruimte_id).filter(
        models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=ingangsdatum)
    )
    if einddatum is not None:
        verhuringen = verhuringen.filter(ingangsdatum__lte=einddatum)
    if exclude_pk is not None:
        verhuringen = verhuringen.exclude(pk=exclude_pk)
    return verhuringen.select_related("huurder").order_by("ingangsdatum")


def overlap_message(verhuur=None) -> str:
    """Why a letting is refused: the room is let to someone else in that period."""
    if verhuur is None:
        return _("Deze ruimte is in die periode al verhuurd. Kies een andere periode.")
    values = {"huurder": verhuur.huurder, "van": date_format(verhuur.ingangsdatum, "j F Y")}
    if verhuur.einddatum is None:
        return (
            _(
                "Deze ruimte is in die periode al verhuurd aan %(huurder)s (vanaf %(van)s, zonder "
                "einddatum). Kies een andere periode."
            )
            % values
        )
    return _(
        "Deze ruimte is in die periode al verhuurd aan %(huurder)s (van %(van)s tot en met "
        "%(tot)s). Kies een andere periode."
    ) % {**values, "tot": date_format(verhuur.einddatum, "j F Y")}


class Samenwerking(models.Model):
    """A Partner's role at a Locatie, and whether it is laid down in a written agreement."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="samenwerkingen"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="samenwerkingen"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=SamenwerkingRol.choices)
    schriftelijk_vastgelegd = models.BooleanField(
        _("vastgelegd in een samenwerkingsovereenkomst"), default=False
    )
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samenwerking")
        verbose_name_plural = _("samenwerkingen")
        ordering = ["rol", "id"]
        indexes = [models.Index(fields=["partner", "rol"], name="samenwerking_partner_rol_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["locatie", "partner", "rol"],
                name="samenwerking_unique_rol",
                violation_error_message=_("Deze partner heeft deze rol al bij deze locatie."),
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(ingangsdatum__isnull=True)
                | models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="samenwerking_einddatum_not_before_ingangsdatum",
            ),
        ]

    def __str__(self):
        return f"{self.partner} — {self.get_rol_display()} — {self.locatie}"

    def clean(self):
        super().clean()
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de ingangsdatum.")})


class Financiering(models.Model):
    """How a Locatie is paid for. Temporary money that runs out is the main risk to a place."""

    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="financieringen"
    )
    bron = models.CharField(_("bron"), max_length=20, choices=FinancieringBron.choices)
    financier = models.ForeignKey(
        Partner,
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financieringen",
    )
    bedrag_per_jaar = models.DecimalField(
        _("bedrag per jaar (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    structureel = models.BooleanField(
        _("structureel"),
        default=False,
        help_text=_("Uit: tijdelijke financiering met een einddatum."),
    )
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financiering")
        verbose_name_plural = _("financieringen")
        ordering = ["einddatum", "id"]
        indexes = [models.Index(fields=["einddatum"], name="financiering_einddatum_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(structureel=True) | models.Q(einddatum__isnull=False),
                name="financiering_tijdelijk_has_einddatum",
                violation_error_message=_("Tijdelijke financiering heeft een einddatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(ingangsdatum__isnull=True)
                | models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="financiering_einddatum_not_before_ingangsdatum",
            ),
            models.CheckConstraint(
                condition=models.Q(bedrag_per_jaar__isnull=True)
                | models.Q(bedrag_per_jaar__gte=0),
                name="financiering_bedrag_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.locatie}: {self.get_bron_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if not self.structureel and self.einddatum is None:
            errors["einddatum"] = _("Tijdelijke financiering heeft een einddatum: tot wanneer?")
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            errors["einddatum"] = _("De einddatum ligt vóór de ingangsdatum.")
        if errors:
            raise ValidationError(errors)
