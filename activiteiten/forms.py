from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activiteiten.models import Activiteit
from locaties.models import Locatie
from ontmoeting.concurrency import VersionedFormMixin
from partners import permissions
from partners.models import Partner

HERHALING_HELP = _(
    "Leeg voor een activiteit van één dag. Anders een herhaalregel (RFC 5545 RRULE), "
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
        self.fields["locatie"].queryset = permissions.schedulable_locaties(user).order_by("naam")


class ActiviteitForm(VersionedFormMixin, forms.ModelForm):
    """An activity's details and schedule at one place; the place itself is chosen before."""

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

    def clean_herhaling(self):
        # People paste rules with spaces or in lower case; the rule itself is checked by the model.
        return "".join(self.cleaned_data["herhaling"].split()).upper()


class UitzonderingForm(forms.Form):
    datum = forms.DateField(
        label=_("Welke datum vervalt?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 12-01-2027.")},
    )
    reden = forms.CharField(
        label=_("Reden voor bewoners"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Koningsdag’ of ‘de ruimte is bezet’. Bewoners zien dit."),
        error_messages={"required": _("Zeg waarom deze datum vervalt; bewoners zien dat.")},
    )


class StatusForm(forms.Form):
    """The status buttons; planning.change_status judges the values."""

    status = forms.CharField(required=False)
    gezien = forms.CharField(required=False)
    reden = forms.CharField(required=False)
