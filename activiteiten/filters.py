import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit
from partners import permissions


def _locaties(request):
    return permissions.portal_locaties(request.user).order_by("naam")


class ActiviteitFilter(django_filters.FilterSet):
    """Filters of the portal's activity list; the queryset passed in is already narrowed to
    what the person may edit."""

    q = django_filters.CharFilter(method="search", label=_("Zoeken"), max_length=100)
    locatie = django_filters.ModelChoiceFilter(
        queryset=_locaties, to_field_name="slug", label=_("Locatie"), empty_label=_("Alle")
    )
    status = django_filters.ChoiceFilter(
        choices=ActiviteitStatus.choices, label=_("Status"), empty_label=_("Alle")
    )
    categorie = django_filters.ChoiceFilter(
        choices=Categorie.choices, label=_("Categorie"), empty_label=_("Alle")
    )
    sortering = django_filters.OrderingFilter(
        label=_("Sorteren op"),
        empty_label=_("Datum"),
        fields=(
            ("startdatum", "datum"),
            ("titel", "titel"),
            ("locatie__naam", "locatie"),
            ("status", "status"),
        ),
        field_labels={
            "startdatum": _("Datum"),
            "titel": _("Titel"),
            "locatie__naam": _("Locatie"),
            "status": _("Status"),
        },
    )

    class Meta:
        model = Activiteit
        fields = ["q", "locatie", "status", "categorie"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(titel__icontains=value)
            | Q(locatie__naam__icontains=value)
            | Q(organisator__naam__icontains=value)
        )
