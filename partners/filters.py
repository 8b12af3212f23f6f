import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.constants import PartnerSoort
from partners.models import Partner


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Naam of KvK-nummer"), method="search")
    soort = django_filters.ChoiceFilter(
        label=_("Soort organisatie"), choices=PartnerSoort.choices, empty_label=_("Alle soorten")
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteren op"),
        empty_label=None,
        fields=[("naam", "naam"), ("soort", "soort"), ("aantal_leden", "aantal_leden")],
        field_labels={
            "naam": _("naam (A–Z)"),
            "-naam": _("naam (Z–A)"),
            "soort": _("soort"),
            "-soort": _("soort (omgekeerd)"),
            "aantal_leden": _("minste leden"),
            "-aantal_leden": _("meeste leden"),
        },
    )

    class Meta:
        model = Partner
        fields = ["q", "soort"]

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(naam__icontains=value) | Q(kvk_nummer=value))
