import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kern.spam import SpamGuardForm
from partners import permissions
from vrijwilligers.models import TEKST_MIN, Hulpvraag, Reactie, Vacature

TELEFOON = re.compile(r"^\+?[0-9][0-9 ()-]{8,18}$")
LINKS_MESSAGE = _("Je bericht mag ten hoogste %(aantal)d link bevatten.")


class _ContactMixin:
    """Name plus at least one way to reach the resident: a phone number or an e-mail address."""

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        if not naam:
            raise forms.ValidationError(_("Vul je naam in."), code="required")
        return naam

    def clean_telefoon(self):
        telefoon = self.cleaned_data["telefoon"].strip()
        if telefoon and not TELEFOON.fullmatch(telefoon):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 030 123 45 67."),
                code="invalid",
            )
        return telefoon

    def clean(self):
        cleaned = super().clean()
        if (
            "telefoon" not in self.errors
            and "email" not in self.errors
            and not cleaned.get("telefoon")
            and not cleaned.get("email")
        ):
            self.add_error(
                "telefoon",
                _("Vul een telefoonnummer of een e-mailadres in, zodat we je kunnen bereiken."),
            )
        return cleaned


_CONTACT_WIDGETS = {
    "naam": forms.TextInput(attrs={"autocomplete": "name"}),
    "telefoon": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    "email": forms.EmailInput(attrs={"autocomplete": "email"}),
}
_CONTACT_LABELS = {
    "naam": _("Je naam"),
    "telefoon": _("Je telefoonnummer"),
    "email": _("Je e-mailadres"),
}
_CONTACT_HELP = {
    "telefoon": _("Vul een telefoonnummer, een e-mailadres of allebei in."),
}


class ReactieForm(_ContactMixin, SpamGuardForm, forms.ModelForm):
    """A resident's answer to a vacature or a request: no account, spam guards of kern/spam.py."""

    spam_purpose = "vrijwilligers"

    class Meta:
        model = Reactie
        fields = ["naam", "telefoon", "email", "bericht"]
        labels = {**_CONTACT_LABELS, "bericht": _("Wil je iets vertellen of vragen?")}
        help_texts = {
            **_CONTACT_HELP,
            "bericht": _("Bijvoorbeeld wanneer je kunt. Schrijf geen gegevens over anderen."),
        }
        widgets = {**_CONTACT_WIDGETS, "bericht": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].required = True
        self.fields["naam"].error_messages["required"] = _("Vul je naam in.")

    def clean_bericht(self):
        return self.check_links(
            self.cleaned_data["bericht"].strip(),
            maximum=settings.VRIJWILLIGERS_MAX_LINKS,
            message=LINKS_MESSAGE,
        )


class HulpvraagForm(_ContactMixin, SpamGuardForm, forms.ModelForm):
    """A resident's request or offer; staff of the place look at it before it is shown."""

    spam_purpose = "vrijwilligers"

    class Meta:
        model = Hulpvraag
        fields = ["soort", "tekst", "naam", "telefoon", "email"]
        labels = {
            **_CONTACT_LABELS,
            "soort": _("Zoek je iemand, of wil je iets doen?"),
            "tekst": _("Wat zoek of bied je?"),
        }
        help_texts = {
            **_CONTACT_HELP,
            "tekst": _(
                "Bijvoorbeeld: ‘Ik zoek iemand om mee te wandelen’ of ‘Ik wil breiles geven’. "
                "Alleen deze tekst komt op de website, zonder je naam."
            ),
        }
        error_messages = {
            "tekst": {
                "min_length": _("Schrijf in ten minste %(limit_value)d tekens wat je zoekt."),
                "max_length": _("Houd het kort: ten hoogste %(limit_value)d tekens."),
            },
        }
        widgets = {
            **_CONTACT_WIDGETS,
            "soort": forms.RadioSelect,
            "tekst": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naam"].required = True
        self.fields["naam"].error_messages["required"] = _("Vul je naam in.")
        self.fields["soort"].choices = self.fields["soort"].choices[1:]  # no empty choice

    def clean_tekst(self):
        tekst = self.cleaned_data["tekst"].strip()
        if len(tekst) < TEKST_MIN:
            raise forms.ValidationError(
                _("Schrijf in ten minste %(aantal)d tekens wat je zoekt.") % {"aantal": TEKST_MIN}
            )
        return self.check_links(
            tekst, maximum=settings.VRIJWILLIGERS_MAX_LINKS, message=LINKS_MESSAGE
        )


class VacatureForm(forms.ModelForm):
    """Staff post or change a vacature at a place where their organisation works."""

    class Meta:
        model = Vacature
        fields = [
            "locatie",
            "activiteit",
            "titel",
            "omschrijving",
            "wanneer",
            "hoe_vaak",
            "wat_het_vraagt",
            "vog_nodig",
            "status",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "wat_het_vraagt": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        locaties = permissions.vrijwilligers_locaties(user).order_by("naam")
        self.fields["locatie"].queryset = locaties
        self.fields["activiteit"].queryset = (
            self.fields["activiteit"]
            .queryset.filter(locatie__in=locaties.values("pk"))
            .select_related("locatie")
            .order_by("locatie__naam", "titel")
        )
        self.fields["activiteit"].label_from_instance = lambda a: f"{a.titel} ({a.locatie.naam})"

    def clean(self):
        cleaned = super().clean()
        locatie, activiteit = cleaned.get("locatie"), cleaned.get("activiteit")
        if locatie and activiteit and activiteit.locatie_id != locatie.pk:
            self.add_error("activiteit", _("Deze activiteit vindt op een andere plek plaats."))
        return cleaned


class NotitieForm(forms.Form):
    notitie = forms.CharField(
        label=_("Opvolging"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hoe gaat het? Schrijf alleen op wat nodig is om goed op te volgen."),
    )


class BeoordeelForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Wat doe je met deze vraag?"),
        choices=[("tonen", _("Tonen op de website")), ("sluiten", _("Sluiten"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de vraag getoond of gesloten wordt.")},
    )


class ReactieActieForm(forms.Form):
    actie = forms.ChoiceField(
        choices=[
            ("oppakken", _("Ik pak dit op")),
            ("koppelen", _("Koppelen")),
            ("sluiten", _("Sluiten")),
        ],
        error_messages={"required": _("Kies wat je met de reactie doet.")},
    )
    notitie = NotitieForm.base_fields["notitie"]
