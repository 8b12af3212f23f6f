from django import forms
from django.utils.translation import gettext_lazy as _

from herinneringen.models import Voorkeur


class VoorkeurForm(forms.ModelForm):
    """Which reminders a person gets by e-mail, and in which language."""

    class Meta:
        model = Voorkeur
        fields = [
            "ter_beoordeling",
            "bevestigen",
            "samenwerking_loopt_af",
            "financiering_loopt_af",
            "taal",
        ]
        labels = {
            "ter_beoordeling": _("Een locatie is ingediend en wacht op beoordeling"),
            "bevestigen": _("De gegevens van een locatie zijn bijna een jaar niet bevestigd"),
            "samenwerking_loopt_af": _(
                "Een samenwerkingsovereenkomst loopt over 3 maanden of 1 maand af"
            ),
            "financiering_loopt_af": _(
                "Tijdelijke financiering loopt over 3 maanden of 1 maand af"
            ),
            "taal": _("Taal van de e-mails"),
        }
        widgets = {"taal": forms.RadioSelect}
