"""Forms of the staff portal for places and the records that belong to them."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.concurrency import VersionedFormMixin
from locaties import wijkimport
from locaties.constants import LocatieStatus, WijkSoort
from locaties.models import (
    Begeleidingstijd,
    Financiering,
    Locatie,
    Openingstijd,
    Ruimte,
    Samenwerking,
    Sluiting,
    Verhuur,
    Wijk,
)
from locaties.publication import ALLOWED_TRANSITIONS
from partners.models import Partner

# Numbers as text inputs: a browser empties a number input holding text, and the person's
# input must stay in the form when it is refused.
WHOLE_NUMBER_INPUT = forms.TextInput(attrs={"inputmode": "numeric"})
DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal"})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

# (legend, fields) in the order the edit page shows them.
LOCATIE_FIELDSETS = [
    (
        gettext_lazy("Algemeen"),
        ["naam", "soort", "omschrijving", "beheervorm", "heeft_community_builder",
         "biedt_dagbesteding"],
    ),
    (
        gettext_lazy("Adres en ligging"),
        ["straat", "huisnummer", "huisnummer_toevoeging", "postcode", "plaats", "adres_openbaar",
         "wijk", "buurt", "latitude", "longitude"],
    ),
    (gettext_lazy("Contact"), ["telefoon", "email", "website"]),
    (gettext_lazy("Voorzieningen en doelgroepen"), ["voorzieningen", "doelgroepen"]),
    (
        gettext_lazy("Toegankelijkheid"),
        ["rolstoeltoegankelijk", "aangepast_toilet", "ringleiding", "prikkelarme_ruimte",
         "gehandicaptenparkeerplaats", "toegankelijkheid_toelichting"],
    ),
    (
        gettext_lazy("Sterlocatie"),
        ["is_sterlocatie", "begeleiding_lichamelijk", "begeleiding_verstandelijk",
         "begeleiding_psychiatrie"],
    ),
]  # fmt: skip

M2M_FIELDS = ("voorzieningen", "doelgroepen")


def _formfield(model_field, **kwargs):
    """Web addresses typed without a scheme are taken as https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class LocatieForm(VersionedFormMixin, forms.ModelForm):
    """A place's details. The gemeente is fixed once registered; wijk and buurt are those of
    the place's gemeente."""

    fieldsets = LOCATIE_FIELDSETS

    class Meta:
        model = Locatie
        formfield_callback = _formfield
        fields = [name for _legend, names in LOCATIE_FIELDSETS for name in names]
        widgets = {
            "voorzieningen": forms.CheckboxSelectMultiple,
            "doelgroepen": forms.CheckboxSelectMultiple,
            "omschrijving": forms.Textarea(attrs={"rows": 5}),
            "toegankelijkheid_toelichting": forms.Textarea(attrs={"rows": 3}),
            "huisnummer": WHOLE_NUMBER_INPUT,
            "latitude": DECIMAL_INPUT,
            "longitude": DECIMAL_INPUT,
        }
        help_texts = {
            "latitude": gettext_lazy(
                "In graden WGS84, zoals 52.2112. Laat leeg als je het niet weet."
            ),
            "longitude": gettext_lazy("In graden WGS84, zoals 5.9699."),
        }

    def __init__(self, *args, gemeenten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.gemeente_id:
            gemeenten = [self.instance.gemeente_id]
        wijken = Wijk.objects.filter(gemeente__in=gemeenten or [])
        self.fields["wijk"].queryset = wijken.filter(soort=WijkSoort.WIJK)
        self.fields["buurt"].queryset = wijken.filter(soort=WijkSoort.BUURT)
        # model_to_dict put the ticked rows of a saved record in initial.
        self._m2m_before = {
            name: {getattr(item, "pk", item) for item in self.initial.get(name) or []}
            for name in M2M_FIELDS
        }

    def fieldset_list(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def m2m_change_summary(self) -> str:
        """The changes to facilities and target groups in words, for the history: simple
        history records fields, this records what was ticked and unticked."""
        parts = []
        for name in M2M_FIELDS:
            after = {item.pk: item for item in self.cleaned_data.get(name) or []}
            before = self._m2m_before[name]
            added = [str(after[pk]) for pk in sorted(set(after) - before)]
            removed = sorted(before - set(after))
            if not (added or removed):
                continue
            labels = dict(self.fields[name].queryset.model._meta.get_field("code").flatchoices)
            words = [f"+ {label}" for label in added]
            words += [f"− {labels.get(pk, pk)}" for pk in removed]
            parts.append(f"{self.fields[name].label}: {', '.join(words)}")
        return "; ".join(parts)


class NieuweLocatieForm(LocatieForm):
    """Registering a place: on behalf of which organisation, and in which gemeente."""

    partner = forms.ModelChoiceField(
        label=gettext_lazy("Namens organisatie"),
        queryset=Partner.objects.none(),
        empty_label=None,
        help_text=gettext_lazy(
            "De organisatie wordt eigenaar (woningcorporatie) of beheerder van de locatie."
        ),
    )

    fieldsets = [
        (gettext_lazy("Registratie"), ["partner", "gemeente"]),
        *LOCATIE_FIELDSETS,
    ]

    class Meta(LocatieForm.Meta):
        fields = ["gemeente", *LocatieForm.Meta.fields]

    def __init__(self, *args, partners, gemeenten, **kwargs):
        super().__init__(*args, gemeenten=gemeenten, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["gemeente"].queryset = gemeenten
        # With one organisation there is nothing to choose: it registers.
        self.only_partner = partners.first() if len(partners[:2]) == 1 else None
        if self.only_partner:
            self.fields["partner"].widget = forms.HiddenInput()
            self.fields["partner"].required = False

    def clean_partner(self):
        return self.cleaned_data.get("partner") or self.only_partner

    def clean(self):
        cleaned = super().clean()
        partner, gemeente = cleaned.get("partner"), cleaned.get("gemeente")
        if partner and gemeente:
            works_there = partner.gemeente_id == gemeente.pk or (
                partner.werkgebied.filter(pk=gemeente.pk).exists()
            )
            if not works_there:
                self.add_error(
                    "gemeente",
                    _("%(partner)s werkt niet in %(gemeente)s. Kies een andere gemeente of "
                      "organisatie.") % {"partner": partner, "gemeente": gemeente},
                )  # fmt: skip
        return cleaned


class StatusForm(forms.Form):
    """A reviewer's decision on a place."""

    status = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=[
            (LocatieStatus.GEPUBLICEERD, gettext_lazy("Publiceren")),
            (LocatieStatus.CONCEPT, gettext_lazy("Terugsturen naar concept")),
            (LocatieStatus.GEARCHIVEERD, gettext_lazy("Archiveren")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden of toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Verplicht bij terugsturen: de indiener ziet deze tekst en weet wat er moet gebeuren."
        ),
    )

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the steps the workflow allows from the place's current status.
        allowed = ALLOWED_TRANSITIONS.get(locatie.status, set())
        field = self.fields["status"]
        field.choices = [(value, label) for value, label in field.choices if value in allowed]


# Opening hours, closures and support hours: inline formsets, saved with the Locatie's version.


class TijdvakForm(forms.ModelForm):
    class Meta:
        fields = ["weekdag", "van", "tot"]
        widgets = {"van": TIME_INPUT, "tot": TIME_INPUT}


class SluitingForm(forms.ModelForm):
    class Meta:
        model = Sluiting
        fields = ["van", "tot", "reden"]
        widgets = {"van": DATE_INPUT, "tot": DATE_INPUT}


class BaseTijdvakFormSet(forms.BaseInlineFormSet):
    """Checks overlaps between the rows as they will be, not as they are stored."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            dag, van, tot = (form.cleaned_data.get(key) for key in ("weekdag", "van", "tot"))
            if dag is None or van is None or tot is None:
                continue
            for other_dag, other_van, other_tot in seen:
                if dag == other_dag and van < other_tot and tot > other_van:
                    raise forms.ValidationError(
                        _("Twee tijdvakken op %(dag)s overlappen elkaar.")
                        % {"dag": form.instance.get_weekdag_display()}
                    )
            seen.append((dag, van, tot))


def tijdvak_formset(model):
    return forms.inlineformset_factory(
        Locatie,
        model,
        form=TijdvakForm,
        formset=BaseTijdvakFormSet,
        fields=TijdvakForm.Meta.fields,
        # One empty row: each row costs a keyboard user about ten Tab presses.
        extra=1,
        can_delete=True,
        max_num=50,
        absolute_max=50,  # a forged TOTAL_FORMS builds no more forms than may be sent
        validate_max=True,
    )


OpeningstijdFormSet = tijdvak_formset(Openingstijd)
BegeleidingstijdFormSet = tijdvak_formset(Begeleidingstijd)
SluitingFormSet = forms.inlineformset_factory(
    Locatie,
    Sluiting,
    form=SluitingForm,
    extra=1,
    can_delete=True,
    max_num=100,
    absolute_max=100,
    validate_max=True,
)


class TijdenVersieForm(VersionedFormMixin, forms.ModelForm):
    """Carries the Locatie's version for the hours page: the hours are part of its record."""

    class Meta:
        model = Locatie
        fields = []


class RuimteForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Ruimte
        fields = [
            "naam",
            "capaciteit",
            "oppervlakte_m2",
            "voorzieningen",
            "verhuurbaar",
            "huurprijs_per_dagdeel",
            "huurvoorwaarden",
            "buiten_gebruik_sinds",
        ]
        widgets = {
            "capaciteit": WHOLE_NUMBER_INPUT,
            "oppervlakte_m2": DECIMAL_INPUT,
            "huurprijs_per_dagdeel": DECIMAL_INPUT,
            "voorzieningen": forms.CheckboxSelectMultiple,
            "huurvoorwaarden": forms.Textarea(attrs={"rows": 4}),
            "buiten_gebruik_sinds": DATE_INPUT,
        }

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.locatie = locatie
        self.instance.locatie = locatie

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        others = Ruimte.objects.filter(locatie=self.locatie, naam__iexact=naam)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Deze locatie heeft al een ruimte met deze naam."))
        return naam

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("huurprijs_per_dagdeel") is not None and not cleaned.get("verhuurbaar"):
            self.add_error(
                "verhuurbaar",
                _("Een huurprijs hoort bij een ruimte die te huur is: vink dit aan."),
            )
        return cleaned


class VerhuurForm(forms.ModelForm):
    class Meta:
        model = Verhuur
        fields = ["huurder", "ingangsdatum", "einddatum", "doel", "niet_commercieel"]
        widgets = {
            "ingangsdatum": DATE_INPUT,
            "einddatum": DATE_INPUT,
            "doel": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, ruimte, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.ruimte = ruimte
        gemeente = ruimte.locatie.gemeente_id
        self.fields["huurder"].queryset = (
            Partner.objects.filter(Q(werkgebied=gemeente) | Q(gemeente=gemeente))
            .distinct()
            .order_by("naam")
        )


class SamenwerkingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Samenwerking
        fields = [
            "partner",
            "rol",
            "schriftelijk_vastgelegd",
            "ingangsdatum",
            "einddatum",
            "toelichting",
        ]
        widgets = {
            "ingangsdatum": DATE_INPUT,
            "einddatum": DATE_INPUT,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "einddatum": gettext_lazy(
                "Een samenwerking wordt niet verwijderd: vul een einddatum in als zij stopt."
            )
        }

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.locatie = locatie
        self.instance.locatie = locatie
        gemeente = locatie.gemeente_id
        self.fields["partner"].queryset = (
            Partner.objects.filter(Q(werkgebied=gemeente) | Q(gemeente=gemeente))
            .distinct()
            .order_by("naam")
        )

    def clean(self):
        cleaned = super().clean()
        partner, rol = cleaned.get("partner"), cleaned.get("rol")
        if partner and rol:
            others = Samenwerking.objects.filter(locatie=self.locatie, partner=partner, rol=rol)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error("rol", _("Deze partner heeft deze rol al bij deze locatie."))
        return cleaned


class FinancieringForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Financiering
        fields = [
            "bron",
            "financier",
            "bedrag_per_jaar",
            "structureel",
            "ingangsdatum",
            "einddatum",
            "toelichting",
        ]
        widgets = {
            "bedrag_per_jaar": DECIMAL_INPUT,
            "ingangsdatum": DATE_INPUT,
            "einddatum": DATE_INPUT,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, locatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.locatie = locatie
        gemeente = locatie.gemeente_id
        self.fields["financier"].queryset = (
            Partner.objects.filter(Q(werkgebied=gemeente) | Q(gemeente=gemeente))
            .distinct()
            .order_by("naam")
        )


# Wijken: import of CBS boundaries (locaties/wijkimport.py) ----------------------------------


class WijkImportForm(forms.Form):
    bestand = forms.FileField(
        widget=forms.ClearableFileInput(
            attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
        ),
        label=gettext_lazy("GeoJSON-bestand van de wijk- en buurtkaart"),
        help_text=gettext_lazy(
            "Het bestand van CBS of PDOK met wijken, buurten of beide, in RD New of WGS84. "
            "Hoogstens 50 MB: kies bij een groot bestand alleen je eigen gemeente."
        ),
    )
    proef = forms.BooleanField(
        label=gettext_lazy("Alleen controleren, nog niets opslaan"),
        required=False,
        help_text=gettext_lazy("Je ziet dan wat de import zou doen."),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > wijkimport.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "Het bestand is %(grootte)s MB; de grens is %(max)s MB. Download alleen de "
                    "wijken en buurten van je eigen gemeente, of vraag de functioneel beheerder "
                    "het bestand met het beheercommando in te lezen."
                ),
                params={
                    "grootte": round(bestand.size / 1024 / 1024),
                    "max": wijkimport.MAX_UPLOAD_BYTES // 1024 // 1024,
                },
            )
        return bestand
