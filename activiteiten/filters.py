"""Filters of the public agenda and of the portal's activity list.

In the agenda, a value that does not exist (an old link, a typo) is left out with a message on
its field; the rest of the filters still apply."""

import re

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from activiteiten import agenda
from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit
from locaties.constants import WijkSoort
from locaties.models import Doelgroep, Locatie, LocatieQuerySet, Wijk
from partners import permissions
from partners.models import Gemeente

# Slugs and codes are ASCII letters, digits, hyphens and underscores. Anything else is refused
# before it reaches the database (PostgreSQL refuses a NUL byte with an error, not a miss).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not SLUG.fullmatch(str(value)):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of one record by its slug (or code) in the query string."""

    field_class = SlugChoiceField


def _published_in(field: str):
    return Exists(Locatie.objects.openbaar().filter(**{field: OuterRef("pk")}))


class AgendaFilter(django_filters.FilterSet):
    gemeente = SlugChoiceFilter(
        label=_("Gemeente"),
        field_name="locatie__gemeente",
        to_field_name="slug",
        queryset=Gemeente.objects.filter(_published_in("gemeente")).order_by("naam"),
        empty_label=_("Alle gemeenten"),
        error_messages={"invalid_choice": _("Deze gemeente kennen we niet; kies er een.")},
    )
    wijk = SlugChoiceFilter(
        label=_("Wijk"),
        method="filter_wijk",
        to_field_name="slug",
        # Buurten are valid too (a buurt page links to its programme), but only the wijken
        # are offered in the list: see `form`.
        queryset=Wijk.objects.select_related("gemeente"),
        empty_label=_("Alle wijken"),
        error_messages={"invalid_choice": _("Deze wijk kennen we niet; kies er een.")},
    )
    categorie = django_filters.ChoiceFilter(
        label=_("Soort activiteit"),
        choices=Categorie.choices,
        empty_label=_("Alle soorten"),
        error_messages={"invalid_choice": _("Deze soort activiteit kennen we niet; kies er een.")},
    )
    doelgroep = SlugChoiceFilter(
        label=_("Voor wie"),
        field_name="doelgroepen",
        to_field_name="code",
        queryset=Doelgroep.objects.all(),
        empty_label=_("Iedereen"),
        error_messages={"invalid_choice": _("Deze doelgroep kennen we niet; kies er een.")},
    )
    gratis = django_filters.BooleanFilter(
        label=_("Alleen gratis activiteiten"),
        method="filter_gratis",
        widget=forms.CheckboxInput,
    )
    locatie = SlugChoiceFilter(
        label=_("Ontmoetingsplek"),
        field_name="locatie",
        to_field_name="slug",
        queryset=Locatie.objects.openbaar().select_related("gemeente"),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "Deze ontmoetingsplek staat niet (meer) in het register; je ziet alle plekken."
            )
        },
    )

    class Meta:
        fields = ["gemeente", "wijk", "categorie", "doelgroep", "gratis", "locatie"]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            field = form.fields["wijk"]
            wijken = Wijk.objects.filter(
                LocatieQuerySet.openbaar_q("locaties__"), soort=WijkSoort.WIJK
            ).distinct()
            choices = [("", field.empty_label)] + [
                (wijk.slug, f"{wijk.naam} ({wijk.gemeente.naam})")
                for wijk in wijken.select_related("gemeente").order_by("gemeente__naam", "naam")
            ]
            chosen = self.data.get("wijk") if self.data else None
            if chosen and SLUG.fullmatch(chosen) and chosen not in {s for s, _label in choices}:
                # A buurt from a buurt page's link: offer it so the select shows the choice.
                buurt = Wijk.objects.filter(slug=chosen).select_related("gemeente").first()
                if buurt:
                    choices.append((buurt.slug, f"{buurt.naam} ({buurt.gemeente.naam})"))
            field.widget.choices = choices
        return self._form

    def filter_wijk(self, queryset, name, value):
        return agenda.in_wijk(queryset, value)

    def filter_gratis(self, queryset, name, value):
        return queryset.filter(kosten=0) if value else queryset


# The staff portal's activity list -------------------------------------------------------


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
            # The descending labels too: django-filter would build them at start-up from
            # "%s (aflopend)" in the default language, and English pages would show Dutch.
            "-datum": _("Datum (laatste eerst)"),
            "-titel": _("Titel (Z–A)"),
            "-locatie": _("Locatie (Z–A)"),
            "-status": _("Status (omgekeerd)"),
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
