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
    """Offers gemeente staff the gemeenten in `werkgebied_choices` (their own gemeenten,
    partners/permissions.py) to add to or remove from an organisation's werkgebied. The other
    gemeenten in it stay as they are, and `vaste_gemeenten` are always included."""

    werkgebied = ModelMultipleChoiceField(
        label=_("Werkt in"),
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, werkgebied_choices=None, vaste_gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.vaste_gemeenten = list(vaste_gemeenten)
        self.werkgebied_offered = werkgebied_choices is not None
        if werkgebied_choices is None:
            del self.fields["werkgebied"]
            return
        offered = werkgebied_choices.exclude(pk__in=[g.pk for g in self.vaste_gemeenten])
        if not offered.exists():
            del self.fields["werkgebied"]
            return
        field = self.fields["werkgebied"]
        field.queryset = offered
        if self.vaste_gemeenten:
            field.help_text = _("%(gemeenten)s hoort altijd bij het werkgebied.") % {
                "gemeenten": ", ".join(g.naam for g in self.vaste_gemeenten)
            }
        anderen = [g.naam for g in self._current_werkgebied() if g not in offered]
        if anderen:
            field.help_text = _(
                "Het werkgebied omvat ook %(gemeenten)s; dat blijft zoals het is."
            ) % {"gemeenten": ", ".join(anderen)}
        if self.instance.pk:
            field.initial = [g.pk for g in self._current_werkgebied() if g in offered]

    def _current_werkgebied(self) -> list:
        if not self.instance.pk:
            return []
        if not hasattr(self, "_werkgebied_before"):
            self._werkgebied_before = list(self.instance.werkgebied.all())
        return self._werkgebied_before

    def new_werkgebied(self) -> set:
        """The gemeenten of the werkgebied after saving: the current ones not offered, the
        offered ones ticked, and the fixed ones."""
        current = set(self._current_werkgebied())
        fixed = set(self.vaste_gemeenten)
        if "werkgebied" not in self.fields:
            return current | fixed
        offered = set(self.fields["werkgebied"].queryset)
        return (current - offered) | set(self.cleaned_data.get("werkgebied") or ()) | fixed

    def clean(self):
        cleaned_data = super().clean()
        if "werkgebied" in self.fields and "werkgebied" in cleaned_data:
            if not self.new_werkgebied():
                self.add_error("werkgebied", _("Een organisatie werkt in minstens één gemeente."))
        return cleaned_data

    def werkgebied_change(self) -> str:
        """What saving changes in the werkgebied, for the history row: "" when nothing."""
        if not self.werkgebied_offered:
            return ""
        before, after = set(self._current_werkgebied()), self.new_werkgebied()
        parts = []
        if added := sorted(g.naam for g in after - before):
            parts.append(_("toegevoegd: %(gemeenten)s") % {"gemeenten": ", ".join(added)})
        if removed := sorted(g.naam for g in before - after):
            parts.append(_("verwijderd: %(gemeenten)s") % {"gemeenten": ", ".join(removed)})
        if not parts:
            return ""
        return _("Werkgebied %(wijziging)s") % {"wijziging": "; ".join(parts)}

    def save_werkgebied(self, partner: Partner) -> None:
        if not self.werkgebied_offered:
            return
        partner.werkgebied.set(self.new_werkgebied())


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
