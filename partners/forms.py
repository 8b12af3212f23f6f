from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kern.concurrency import VersionedFormMixin
from kern.fields import ModelMultipleChoiceField
from partners.constants import LidmaatschapRol, PartnerSoort
from partners.models import Gemeente, Partner, User

PARTNER_FIELDS = [
    "naam",
    "rechtsvorm",
    "kvk_nummer",
    "statuten_algemeen_belang",
    "anbi",
    "email",
    "telefoon",
    "website",
    "omschrijving",
]


def _website_field():
    return Partner._meta.get_field("website").formfield(assume_scheme="https")


class WerkgebiedMixin(forms.ModelForm):
    """Offers the werkgebied for gemeente staff: the gemeenten in `werkgebied_choices`
    (partners/permissions.py) can be ticked; the ones not offered (their own gemeente) are kept
    as they are, and `vaste_gemeenten` are always included."""

    werkgebied = ModelMultipleChoiceField(
        label=_("Werkt ook in"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, werkgebied_choices=None, vaste_gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.vaste_gemeenten = list(vaste_gemeenten)
        if werkgebied_choices is None or not self.vaste_gemeenten:
            del self.fields["werkgebied"]
            return
        field = self.fields["werkgebied"]
        field.queryset = werkgebied_choices
        field.help_text = _("%(gemeenten)s hoort altijd bij het werkgebied.") % {
            "gemeenten": ", ".join(g.naam for g in self.vaste_gemeenten)
        }
        if self.instance.pk:
            field.initial = [g.pk for g in self.instance.werkgebied.all()]

    def save_werkgebied(self, partner: Partner) -> None:
        if "werkgebied" not in self.fields:
            return
        offered = set(self.fields["werkgebied"].queryset.values_list("pk", flat=True))
        kept = {g.pk for g in partner.werkgebied.all()} - offered
        chosen = {g.pk for g in self.cleaned_data["werkgebied"]}
        fixed = {g.pk for g in self.vaste_gemeenten}
        partner.werkgebied.set(kept | chosen | fixed)


OMSCHRIJVING_WIDGET = forms.Textarea(attrs={"rows": 4})


class NieuwePartnerForm(WerkgebiedMixin, forms.ModelForm):
    """Gemeente staff register an organisation that works in their gemeente, and may invite
    its first beheerder at once."""

    beheerder_email = forms.EmailField(
        label=_("E-mailadres van de eerste beheerder"),
        required=False,
        help_text=_(
            "Deze persoon krijgt een uitnodiging en kan daarna zelf collega's uitnodigen."
        ),
    )
    website = _website_field()

    class Meta:
        model = Partner
        fields = ["naam", "soort", *PARTNER_FIELDS[1:]]
        widgets = {"omschrijving": OMSCHRIJVING_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One organisation of kind gemeente per gemeente; the functioneel beheerder adds it.
        self.fields["soort"].choices = [("", _("Kies de soort organisatie"))] + [
            choice for choice in PartnerSoort.choices if choice[0] != PartnerSoort.GEMEENTE
        ]

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        if Partner.objects.filter(naam__iexact=naam).exists():
            raise forms.ValidationError(
                _(
                    "Er is al een organisatie met deze naam. Staat zij niet in je lijst, dan "
                    "werkt zij (nog) niet in je gemeente: vraag de functioneel beheerder je "
                    "gemeente aan haar werkgebied toe te voegen."
                )
            )
        return naam


class PartnerForm(VersionedFormMixin, WerkgebiedMixin, forms.ModelForm):
    """An organisation's details. Its kind is fixed once registered (rights depend on it);
    the functioneel beheerder can change it in the admin."""

    website = _website_field()

    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        widgets = {"omschrijving": OMSCHRIJVING_WIDGET}

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        others = Partner.objects.exclude(pk=self.instance.pk)
        if others.filter(naam__iexact=naam).exists():
            raise forms.ValidationError(_("Er is al een andere organisatie met deze naam."))
        return naam


class UitnodigingForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het werkadres van je collega. Daar komt de uitnodiging met de link."),
    )
    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=LidmaatschapRol.choices,
        initial=LidmaatschapRol.MEDEWERKER,
        widget=forms.RadioSelect,
        help_text=_("Een beheerder van de organisatie kan ook collega's uitnodigen en beheren."),
    )


class LidRolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Rol"), choices=LidmaatschapRol.choices)


class AccountAanmakenForm(forms.Form):
    """A new account from an invitation: a name and a password (the address is the one the
    invitation was sent to)."""

    naam = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens; geen veelgebruikt wachtwoord en niet alleen cijfers."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif password1:
            candidate = User(email=self.email, naam=cleaned.get("naam", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
