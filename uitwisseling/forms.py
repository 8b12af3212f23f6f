from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from locaties.constants import LocatieStatus
from uitwisseling import lezen


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy(
            "Het sjabloon als Excel-bestand (.xlsx), of een CSV-bestand met alleen locaties. "
            "Hoogstens 20 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet"
            }
        ),
    )
    partner = forms.ModelChoiceField(
        label=gettext_lazy("Nieuwe locaties registreren namens"),
        queryset=None,
        empty_label=None,
        help_text=gettext_lazy(
            "De organisatie wordt eigenaar (woningcorporatie) of beheerder van nieuwe locaties."
        ),
    )
    status_nieuw = forms.ChoiceField(
        label=gettext_lazy("Nieuwe locaties komen binnen als"),
        choices=[
            (LocatieStatus.CONCEPT, gettext_lazy("Concept")),
            (LocatieStatus.TER_BEOORDELING, gettext_lazy("Ter beoordeling")),
        ],
        initial=LocatieStatus.CONCEPT,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("De import publiceert nooit: dat doe je daarna zelf."),
    )

    def __init__(self, *args, partners, mag_beoordelen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.only_partner = partners.first() if len(partners[:2]) == 1 else None
        if self.only_partner:
            self.fields["partner"].widget = forms.HiddenInput()
            self.fields["partner"].required = False
        if not mag_beoordelen:
            del self.fields["status_nieuw"]

    def clean_partner(self):
        return self.cleaned_data.get("partner") or self.only_partner

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        # Refused by its size before a byte is read.
        if bestand.size > lezen.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(lezen.te_groot(bestand.size))
        if not bestand.size:
            raise forms.ValidationError(_("Het bestand is leeg."))
        return bestand

    def clean_status_nieuw(self):
        return self.cleaned_data.get("status_nieuw") or LocatieStatus.CONCEPT
