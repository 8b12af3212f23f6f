from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from meldingen import spam
from meldingen.models import Melding


class MeldingForm(forms.ModelForm):
    """The public "Klopt er iets niet?" form. Besides what the resident types it carries a
    honeypot (`website`, hidden from people) and the signed moment it was handed out (`start`).
    """

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    start = forms.CharField(widget=forms.HiddenInput, required=False)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["start"] = spam.issue_token()
        self.is_spam = False

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:
            # Shown again with the resident's text: the clock starts anew, so a form that stood
            # open too long is accepted once it is sent again.
            data = self.data.copy()
            data[self.add_prefix("start")] = spam.issue_token()
            self.data = data

    def clean_omschrijving(self):
        omschrijving = self.cleaned_data["omschrijving"].strip()
        if spam.count_links(omschrijving) > settings.MELDINGEN_MAX_LINKS:
            raise forms.ValidationError(
                _("Een melding mag ten hoogste %(aantal)d links bevatten.")
                % {"aantal": settings.MELDINGEN_MAX_LINKS},
                code="links",
            )
        return omschrijving

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Filled in by a bot: accepted in appearance (so it learns nothing), never saved.
            self.is_spam = True
        problem = spam.token_problem(self.data.get(self.add_prefix("start"), ""))
        if problem == spam.TokenProblem.TOO_FAST:
            self.add_error(
                None,
                _("Dat ging wel heel snel. Kijk je melding nog even na en verstuur hem opnieuw."),
            )
        elif problem is not None:
            self.add_error(
                None,
                _(
                    "Dit formulier stond te lang open of is niet compleet geladen. Je tekst "
                    "staat er nog: verstuur hem opnieuw."
                ),
            )
        return cleaned


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
