"""django-filter filter sets for lists of places."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from locaties import currency
from locaties.constants import LocatieSoort, LocatieStatus
from partners.models import Gemeente

# ---------------------------------------------------------------------------------------------
# Staff portal (beheer:locaties). Public filters live in their own block.
# ---------------------------------------------------------------------------------------------


class BeheerLocatieFilter(django_filters.FilterSet):
    """The portal's list of places: by status, gemeente, kind, and words in name or address;
    sorted by name, status or last change."""

    q = django_filters.CharFilter(
        label=_("Zoek op naam of adres"), method="filter_q", max_length=100
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LocatieStatus.choices, empty_label=_("Alle statussen")
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Gemeente.objects.none(), empty_label=_("Alle gemeenten")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort plek"), choices=LocatieSoort.choices, empty_label=_("Alle soorten")
    )
    te_bevestigen = django_filters.BooleanFilter(
        label=_("Alleen locaties die op bevestiging wachten"),
        method="filter_te_bevestigen",
        widget=forms.CheckboxInput,
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteren op"),
        fields=(("naam", "naam"), ("status", "status"), ("gewijzigd_op", "gewijzigd")),
        field_labels={
            "naam": _("naam"),
            "status": _("status"),
            "gewijzigd_op": _("laatste wijziging"),
        },
        empty_label=None,
        null_label=None,
    )

    def __init__(self, *args, gemeenten=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gemeenten is not None:
            self.filters["gemeente"].queryset = gemeenten
        self.form.fields["q"].widget = forms.TextInput(attrs={"type": "search"})

    def filter_q(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(naam__icontains=word)
                | Q(straat__icontains=word)
                | Q(postcode__icontains=word.upper())
                | Q(plaats__icontains=word)
            )
        return queryset

    def filter_te_bevestigen(self, queryset, name, value):
        return currency.unconfirmed(queryset) if value else queryset

    @property
    def qs(self):
        # The list's own order (name) unless the person chose one; the id keeps pages stable.
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sorteer"):
            queryset = queryset.order_by("naam", "id")
        return queryset
