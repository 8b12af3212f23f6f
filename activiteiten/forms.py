import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from activiteiten import herhaling, occurrences, planning
from activiteiten.herhaling import Einde, MaandSoort, MaandWeek, Patroon, Weekdag
from activiteiten.models import Activiteit
from kern.concurrency import VersionedFormMixin
from locaties.models import Locatie
from partners import permissions
from partners.models import Partner

HERHALING_HELP = _(
    "Alleen bij ‘Geavanceerd’. Een herhaalregel (RFC 5545 RRULE), "
    "bijvoorbeeld: FREQ=WEEKLY;BYDAY=TU (elke dinsdag) · FREQ=WEEKLY;INTERVAL=2;BYDAY=WE "
    "(om de week op woensdag) · FREQ=MONTHLY;BYDAY=1TH (elke eerste donderdag van de maand) · "
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20271231 (maandag, woensdag en vrijdag tot en met "
    "31 december 2027) · FREQ=WEEKLY;BYDAY=TH;COUNT=8 (acht donderdagen). De eerste keer is "
    "de datum hierboven."
)


class LocatieKeuzeForm(forms.Form):
    """Step one of scheduling: the place, among those where the person may schedule."""

    locatie = forms.ModelChoiceField(
        label=_("Op welke locatie?"),
        queryset=Locatie.objects.none(),
        to_field_name="slug",
        empty_label=_("Kies een locatie"),
        error_messages={
            "required": _("Kies een locatie."),
            "invalid_choice": _("Op deze locatie kun je geen activiteiten plannen."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = permissions.portal_locaties(user).order_by("naam")


class RuimtenKeuzeForm(forms.Form):
    """The rooms overview's filter: one place among those whose rooms the person manages.
    The week is read by activiteiten/agenda.py (parse_week), which explains a wrong one."""

    locatie = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=Locatie.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle locaties"),
        error_messages={
            "invalid_choice": _("Deze locatie staat niet in de lijst. Je ziet nu alle locaties.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locatie"].queryset = Locatie.objects.filter(
            pk__in=permissions.managed_ruimten(user).values("locatie")
        ).order_by("naam", "pk")


DATE_INPUT = {"type": "date"}
DATE_ERRORS = {"invalid": _("Vul een datum in, bijvoorbeeld 12-01-2027.")}
# The fields of the schedule: when one of them is wrong, there are no dates to show.
SCHEDULE_FIELDS = (
    "startdatum",
    "begintijd",
    "eindtijd",
    "herhaling",
    "patroon",
    "weekdagen",
    "maand_soort",
    "maand_week",
    "maand_weekdag",
    "maand_dag",
    "einde",
    "einde_datum",
    "einde_aantal",
    "ruimte",
)


class ActiviteitForm(VersionedFormMixin, forms.ModelForm):
    """An activity's details and schedule at one place; the place itself is chosen before.

    The schedule is chosen in plain words (activiteiten/herhaling.py turns them into the RRULE
    kept in `herhaling`); ‘Geavanceerd’ takes the rule as typed. A form posted without
    `patroon` (an older page, a script) is read as the rule in `herhaling`, or once."""

    patroon = forms.ChoiceField(
        label=_("Hoe vaak?"),
        choices=Patroon.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe vaak de activiteit is.")},
    )
    weekdagen = forms.MultipleChoiceField(
        label=_("Op welke dagen?"),
        choices=Weekdag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Bij ‘Elke week’ en ‘Om de week’."),
    )
    maand_soort = forms.ChoiceField(
        label=_("Welke dag van de maand?"),
        choices=MaandSoort.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Bij ‘Elke maand’."),
    )
    maand_week = forms.ChoiceField(
        label=_("De hoeveelste?"), choices=MaandWeek.choices, required=False
    )
    maand_weekdag = forms.ChoiceField(
        label=_("Welke weekdag?"), choices=Weekdag.choices, required=False
    )
    maand_dag = forms.IntegerField(
        label=_("Of: dag van de maand"),
        min_value=1,
        max_value=31,
        required=False,
        help_text=_("1 tot en met 31. Heeft een maand die dag niet, dan is er die maand niets."),
        error_messages={"invalid": _("Vul een dag van 1 tot en met 31 in.")},
    )
    einde = forms.ChoiceField(
        label=_("Tot wanneer?"),
        choices=Einde.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Bij ‘Geavanceerd’ staat het einde in de regel zelf (UNTIL of COUNT)."),
    )
    einde_datum = forms.DateField(
        label=_("Laatste datum"),
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Bij ‘Op een datum’: op deze dag is de activiteit voor het laatst."),
        error_messages=DATE_ERRORS,
    )
    einde_aantal = forms.IntegerField(
        label=_("Aantal keer"),
        min_value=1,
        max_value=herhaling.MAX_AANTAL,
        required=False,
        help_text=_("Bij ‘Na een aantal keer’, de eerste keer meegeteld."),
        error_messages={"invalid": _("Vul een aantal in, bijvoorbeeld 10.")},
    )
    feestdagen = forms.MultipleChoiceField(
        label=_("Feestdagen in deze reeks"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Aangevinkte feestdagen vervallen bij het opslaan, met de naam van de feestdag als "
            "reden voor bewoners. Gaat de activiteit op een feestdag gewoon door, laat het vakje "
            "dan leeg."
        ),
    )

    class Meta:
        model = Activiteit
        fields = [
            "titel",
            "omschrijving",
            "organisator",
            "ruimte",
            "categorie",
            "doelgroepen",
            "alleen_voor_doelgroep",
            "startdatum",
            "begintijd",
            "eindtijd",
            "herhaling",
            "kosten",
            "kosten_toelichting",
            "aanmelden_nodig",
            "aanmelden_via",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "doelgroepen": forms.CheckboxSelectMultiple,
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "begintijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "eindtijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "herhaling": forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "off"}),
        }
        help_texts = {"herhaling": HERHALING_HELP}

    def __init__(self, *args, user, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.add_prefix("patroon") not in self.data:
            # Posted without the plain choices: the rule as typed, or once.
            self.data = self.data.copy()
            rule = self.data.get(self.add_prefix("herhaling"), "")
            self.data[self.add_prefix("patroon")] = (
                Patroon.GEAVANCEERD if str(rule).strip() else Patroon.EENMALIG
            )
        self.instance.locatie = locatie
        organisers = Q(pk__in=permissions.organising_partners(user, locatie).values("pk"))
        if self.instance.organisator_id:
            organisers |= Q(pk=self.instance.organisator_id)
        self.fields["organisator"].queryset = Partner.objects.filter(organisers).order_by("naam")
        self.fields["organisator"].empty_label = None
        self.fields["ruimte"].queryset = locatie.ruimten.order_by("naam")
        self.fields["ruimte"].empty_label = _("Geen bepaalde ruimte")
        self.fields["ruimte"].label_from_instance = lambda ruimte: ruimte.naam
        for name in ("titel", "herhaling", "kosten_toelichting", "aanmelden_via"):
            self.fields[name].strip = True
        self.fields["herhaling"].label = _("Eigen herhaalregel (RRULE)")
        # Any Dutch public holiday up to the horizon may be ticked; the page offers those on
        # dates of the series (offer_holidays), and saving cancels only those.
        today = timezone.localdate()
        self.fields["feestdagen"].choices = [
            (day.isoformat(), name)
            for day, name in planning.dutch_holidays(today, occurrences.horizon_end()).items()
        ]
        self._set_initial_schedule()

    def _set_initial_schedule(self):
        instance = self.instance
        if instance.pk is None:
            keuze = herhaling.default_keuze(instance.startdatum)
        else:
            keuze = herhaling.from_rule(
                instance.herhaling, instance.startdatum, instance.begintijd
            )
            if keuze is None:
                keuze = herhaling.default_keuze(instance.startdatum)
                keuze.patroon = Patroon.GEAVANCEERD
        for name, value in vars(keuze).items():
            self.initial.setdefault(name, value)

    def offer_holidays(self, pairs: list[tuple[dt.date, str]]) -> None:
        """Show only these (date, holiday name) as checkboxes: ‘Laat vervallen: Koningsdag
        (di 27-04-2027)’. Not ticked unless the person ticked them: a date that silently falls
        out is worse than one announced on a holiday (the Christmas meal, the koffie-ochtend
        on Tweede paasdag for those who are alone are the point of a meeting place), and
        Goede vrijdag or Bevrijdingsdag are working days for many."""
        self.fields["feestdagen"].choices = [
            (
                day.isoformat(),
                _("Laat vervallen: %(naam)s (%(datum)s)")
                % {"naam": name, "datum": formats.date_format(day, "D d-m-Y")},
            )
            for day, name in pairs
        ]

    def schedule_is_valid(self) -> bool:
        """Whether the schedule part is valid, so that its dates can be shown, even when other
        fields (the title, say) are still wrong."""
        self.is_valid()
        instance = self.instance
        return (
            not any(name in self.errors for name in SCHEDULE_FIELDS)
            and instance.startdatum is not None
            and instance.begintijd is not None
            and instance.eindtijd is not None
            and instance.eindtijd > instance.begintijd
        )

    def clean_feestdagen(self):
        return [dt.date.fromisoformat(value) for value in self.cleaned_data["feestdagen"]]

    def clean(self):
        cleaned = super().clean()
        patroon = cleaned.get("patroon")
        if not patroon:
            cleaned["herhaling"] = ""  # no choice, no rule; the message is on `patroon`
            return cleaned
        if patroon == Patroon.GEAVANCEERD:
            if not cleaned.get("herhaling") and "herhaling" not in self.errors:
                self.add_error(
                    "herhaling",
                    _("Vul een herhaalregel in, of kies hierboven hoe vaak de activiteit is."),
                )
            return cleaned
        keuze = herhaling.Keuze(
            patroon=patroon,
            weekdagen=cleaned.get("weekdagen") or [],
            maand_soort=cleaned.get("maand_soort") or "",
            maand_week=cleaned.get("maand_week") or "",
            maand_weekdag=cleaned.get("maand_weekdag") or "",
            maand_dag=cleaned.get("maand_dag"),
            einde=cleaned.get("einde") or Einde.NOOIT,
            einde_datum=cleaned.get("einde_datum"),
            einde_aantal=cleaned.get("einde_aantal"),
        )
        before = len(self.errors)
        if patroon != Patroon.EENMALIG:
            self._check_plain_schedule(keuze, cleaned.get("startdatum"))
        if len(self.errors) > before or any(name in self.errors for name in SCHEDULE_FIELDS):
            cleaned["herhaling"] = ""  # the form is refused; no second message on the rule
        else:
            cleaned["herhaling"] = herhaling.to_rule(keuze)
        return cleaned

    def _check_plain_schedule(self, keuze, startdatum) -> None:
        """Dutch messages on the field that is missing or wrong for the chosen patroon."""
        if keuze.patroon in (Patroon.WEKELIJKS, Patroon.TWEEWEKELIJKS) and not keuze.weekdagen:
            if "weekdagen" not in self.errors:
                self.add_error("weekdagen", _("Kies op welke dag of dagen van de week."))
        if keuze.patroon == Patroon.MAANDELIJKS:
            if keuze.maand_soort == MaandSoort.DAG:
                if keuze.maand_dag is None and "maand_dag" not in self.errors:
                    self.add_error("maand_dag", _("Vul de dag van de maand in (1 tot en met 31)."))
            elif keuze.maand_soort == MaandSoort.WEEKDAG:
                if not keuze.maand_week and "maand_week" not in self.errors:
                    self.add_error("maand_week", _("Kies de eerste, tweede, … of laatste."))
                if not keuze.maand_weekdag and "maand_weekdag" not in self.errors:
                    self.add_error("maand_weekdag", _("Kies de dag van de week."))
            elif "maand_soort" not in self.errors:
                self.add_error(
                    "maand_soort", _("Kies een vaste weekdag of een vaste dag van de maand.")
                )
        if keuze.einde == Einde.DATUM:
            if keuze.einde_datum is None:
                if "einde_datum" not in self.errors:
                    self.add_error("einde_datum", _("Vul de laatste datum in."))
            elif startdatum and keuze.einde_datum < startdatum:
                self.add_error("einde_datum", _("De laatste datum ligt vóór de eerste datum."))
        elif keuze.einde == Einde.AANTAL and keuze.einde_aantal is None:
            if "einde_aantal" not in self.errors:
                self.add_error("einde_aantal", _("Vul in hoe vaak de activiteit is."))

    def clean_herhaling(self):
        # People paste rules with spaces or in lower case; the rule itself is checked by the model.
        return "".join(self.cleaned_data["herhaling"].split()).upper()


def upcoming_choices(rows) -> list[tuple[str, str]]:
    """Select options for stored dates: ('2027-01-12', 'di 12-01-2027 10:00–12:00')."""
    return [
        (
            row.oorspronkelijke_datum.isoformat(),
            f"{formats.date_format(row.oorspronkelijke_datum, 'D d-m-Y')} "
            f"{timezone.localtime(row.begin):%H:%M}–{timezone.localtime(row.einde):%H:%M}",
        )
        for row in rows
    ]


class DatumKeuzeForm(forms.Form):
    """A form about one date of the series: `datum` is a select of the next dates when there
    are stored ones (`upcoming`, from planning.upcoming_dates), with `andere_datum` for a date
    further on; without upcoming dates `datum` is a date field. Either way a date typed or
    posted is read as a date, and the planning function judges it."""

    datum_label = _("Welke datum?")

    datum = forms.DateField(required=False, error_messages=DATE_ERRORS)
    andere_datum = forms.DateField(
        label=_("Of een latere datum"),
        required=False,
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        help_text=_("Staat de datum niet in de lijst, vul hem dan hier in."),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, upcoming=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].label = self.datum_label
        choices = upcoming_choices(upcoming)
        posted = self.data.get(self.add_prefix("datum"), "") if self.is_bound else ""
        if choices and posted and posted not in dict(choices):
            # A date further on, posted or typed before: keep it chosen when the form returns.
            try:
                day = dt.date.fromisoformat(str(posted))
            except ValueError:
                pass
            else:
                choices.append((day.isoformat(), formats.date_format(day, "D d-m-Y")))
        if choices:
            self.fields["datum"].widget = forms.Select(
                choices=[("", _("Kies een datum")), *choices]
            )
        else:
            self.fields["datum"].widget = forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d")
            del self.fields["andere_datum"]

    def clean(self):
        cleaned = super().clean()
        gekozen = cleaned.get("andere_datum") or cleaned.get("datum")
        if gekozen is None and not ({"datum", "andere_datum"} & self.errors.keys()):
            self.add_error("datum", _("Kies een datum."))
        cleaned["datum"] = gekozen
        return cleaned


class UitzonderingForm(DatumKeuzeForm):
    datum_label = _("Welke datum vervalt?")

    reden = forms.CharField(
        label=_("Reden voor bewoners"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Koningsdag’ of ‘de ruimte is bezet’. Bewoners zien dit."),
        error_messages={"required": _("Zeg waarom deze datum vervalt; bewoners zien dat.")},
    )


class VerplaatsForm(DatumKeuzeForm):
    datum_label = _("Welke datum verschuift?")

    nieuwe_datum = forms.DateField(
        label=_("Naar welke datum?"),
        widget=forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
        error_messages={**DATE_ERRORS, "required": _("Vul de nieuwe datum in.")},
    )
    nieuwe_begintijd = forms.TimeField(
        label=_("Nieuwe begintijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leeg: de gewone begintijd."),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 10:00.")},
    )
    nieuwe_eindtijd = forms.TimeField(
        label=_("Nieuwe eindtijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Leeg: de gewone eindtijd."),
        error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 12:00.")},
    )
    reden = forms.CharField(
        label=_("Reden voor bewoners"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘de ruimte is die dag bezet’. Bewoners zien dit."),
        error_messages={"required": _("Zeg waarom deze datum verschuift; bewoners zien dat.")},
    )


class StoppenForm(DatumKeuzeForm):
    datum_label = _("Vanaf welke datum stopt de reeks?")

    versie = forms.CharField(widget=forms.HiddenInput, required=False)
    reden = forms.CharField(
        label=_("Waarom stopt de reeks?"),
        max_length=planning.REASON_MAX,
        help_text=_(
            "Dit komt in de geschiedenis. De datums hiervoor blijven staan; vanaf deze datum "
            "is er niets meer."
        ),
        error_messages={"required": _("Zeg waarom de reeks stopt; dat komt in de geschiedenis.")},
    )


class StatusForm(forms.Form):
    """The status buttons; planning.change_status judges the values."""

    status = forms.CharField(required=False)
    gezien = forms.CharField(required=False)
    reden = forms.CharField(required=False)
