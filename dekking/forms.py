"""The what-if form (dekking/views.py wat_als): a GET form, so a scenario is a link to share;
nothing it asks is saved."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from dekking.dekking import STANDAARD_STRAAL, STRALEN
from dekking.scenario import MAX_PUNTEN

# The Netherlands with a margin: a point outside is a typing error (latitude and longitude
# swapped, a digit missing).
NL_LAT = (50.6, 53.7)
NL_LON = (3.2, 7.3)
SCHEIDING = re.compile(r"\s*[;,\s]\s*")


class LocatieKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.naam} ({obj.get_status_display().lower()})" if not obj.is_openbaar else obj.naam
        )


class WatAlsForm(forms.Form):
    straal = forms.TypedChoiceField(
        label=_("Loopafstand"),
        choices=[(s, f"{s} m") for s in STRALEN],
        coerce=int,
        initial=STANDAARD_STRAAL,
    )
    erbij = LocatieKeuze(
        label=_("Deze plekken erbij"),
        queryset=None,
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Plekken in concept of ter beoordeling, met coördinaten."),
    )
    punten = forms.CharField(
        label=_("Of een punt op de kaart erbij"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_(
            "Eén punt per regel: breedtegraad en lengtegraad met een punt als decimaalteken, "
            "bijvoorbeeld 52.0907, 5.2331. Hoogstens %(max)s punten."
        )
        % {"max": MAX_PUNTEN},
    )
    eraf = LocatieKeuze(
        label=_("Deze plekken eraf"),
        queryset=None,
        to_field_name="slug",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Gepubliceerde plekken. Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
    )

    def __init__(self, *args, erbij, eraf, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["erbij"].queryset = erbij
        self.fields["eraf"].queryset = eraf

    def clean_punten(self) -> list[tuple[float, float]]:
        punten = []
        for nummer, regel in enumerate(self.cleaned_data["punten"].splitlines(), start=1):
            regel = regel.strip()
            if not regel:
                continue
            delen = [d for d in SCHEIDING.split(regel) if d]
            try:
                if len(delen) != 2:
                    raise ValueError
                lat, lon = (float(d) for d in delen)
            except ValueError:
                raise forms.ValidationError(
                    _(
                        "Regel %(nummer)s is geen punt. Schrijf breedtegraad, lengtegraad, "
                        "bijvoorbeeld 52.0907, 5.2331."
                    )
                    % {"nummer": nummer}
                ) from None
            if not (NL_LAT[0] <= lat <= NL_LAT[1] and NL_LON[0] <= lon <= NL_LON[1]):
                raise forms.ValidationError(
                    _(
                        "Het punt op regel %(nummer)s ligt niet in Nederland. Staan "
                        "breedtegraad en lengtegraad in de goede volgorde?"
                    )
                    % {"nummer": nummer}
                )
            punten.append((lat, lon))
        if len(punten) > MAX_PUNTEN:
            raise forms.ValidationError(_("Kies hoogstens %(max)s punten.") % {"max": MAX_PUNTEN})
        return punten
