from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kern.spam import SpamGuardForm
from meldingen.models import Melding


class MeldingForm(SpamGuardForm, forms.ModelForm):
    """The public "Klopt er iets niet?" form. Besides what the resident types it carries a
    honeypot (`website`, hidden from people) and the signed moment it was handed out (`start`):
    kern/spam.py.
    """

    spam_purpose = "meldingen"
    spam_too_fast_message = _(
        "Dat ging wel heel snel. Kijk je melding nog even na en verstuur hem opnieuw."
    )

    class Meta:
        model = Melding
        fields = ["omschrijving", "email"]
        labels = {"omschrijving": _("Wat klopt er niet?")}
        help_texts = {
            "omschrijving": _(
                "Bijvoorbeeld: de openingstijden zijn veranderd, de activiteit gaat niet meer "
                "door, het telefoonnummer werkt niet. Schrijf geen gegevens over andere mensen."
            ),
        }
        error_messages = {
            "omschrijving": {
                "max_length": _(
                    "Houd het kort: ten hoogste %(limit_value)d tekens (nu %(show_value)d)."
                ),
            },
        }
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_omschrijving(self):
        omschrijving = self.cleaned_data["omschrijving"].strip()
        return self.check_links(
            omschrijving,
            maximum=settings.MELDINGEN_MAX_LINKS,
            message=_("Een melding mag ten hoogste %(aantal)d links bevatten."),
        )


class AfhandelForm(forms.Form):
    afhandeling = forms.CharField(
        label=_("Wat is ermee gedaan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bijvoorbeeld ‘openingstijden aangepast’ of ‘klopte al’. Het e-mailadres van de "
            "melder wordt bij het afhandelen gewist; stuur een antwoord dus vóór je afhandelt."
        ),
        error_messages={"required": _("Schrijf kort op wat er met de melding is gedaan.")},
    )

    def clean_afhandeling(self):
        afhandeling = self.cleaned_data["afhandeling"].strip()
        if not afhandeling:
            raise forms.ValidationError(_("Schrijf kort op wat er met de melding is gedaan."))
        return afhandeling
