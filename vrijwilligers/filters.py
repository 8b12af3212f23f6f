"""The filters of the public list of vacatures (django-filter): gemeente and wijk by slug, a
VOG or not. Each narrows the queryset in SQL."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from locaties.constants import WijkSoort
from locaties.models import Locatie, Wijk
from partners.models import Gemeente
from vrijwilligers.models import Vacature


def gemeenten_met_plekken(request=None):
    return Gemeente.objects.filter(
        Exists(Locatie.objects.openbaar().filter(gemeente=OuterRef("pk")))
    ).order_by("naam")


def wijken_met_plekken(request=None):
    return (
        Wijk.objects.filter(
            Exists(Locatie.objects.openbaar().filter(wijk=OuterRef("pk"))), soort=WijkSoort.WIJK
        )
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
    )


class VacatureFilter(django_filters.FilterSet):
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        field_name="locatie__gemeente",
        to_field_name="slug",
        queryset=gemeenten_met_plekken,
        empty_label=_("Alle gemeenten"),
    )
    wijk = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        field_name="locatie__wijk",
        to_field_name="slug",
        queryset=wijken_met_plekken,
        empty_label=_("Alle wijken"),
    )
    zonder_vog = django_filters.BooleanFilter(
        label=_("Alleen zonder VOG"),
        method="filter_zonder_vog",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta:
        model = Vacature
        fields = ["gemeente", "wijk"]

    def filter_zonder_vog(self, queryset, name, value):
        return queryset.filter(vog_nodig=False) if value else queryset
