"""Filters of the public list of places and its map (django-filter). Every filter narrows the
queryset in SQL, so a filtered page costs the same few queries whatever the number of places.

Activities live in the `activiteiten` app, which depends on this one and not the other way
round: the activity filters reach Activiteit through the `activiteiten` relation of Locatie,
never through an import.
"""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.timezones import AMSTERDAM
from locaties import currency
from locaties.constants import LocatieSoort, LocatieStatus, Weekdag, WijkSoort
from locaties.models import Doelgroep, Locatie, Voorziening, Wijk
from partners.models import Gemeente

TOEGANKELIJKHEID = [
    ("rolstoeltoegankelijk", _("Rolstoeltoegankelijk")),
    ("aangepast_toilet", _("Aangepast toilet")),
    ("ringleiding", _("Ringleiding")),
    ("prikkelarme_ruimte", _("Prikkelarme ruimte")),
    ("gehandicaptenparkeerplaats", _("Gehandicaptenparkeerplaats")),
]


def amsterdam_now() -> dt.datetime:
    """The wall-clock time in Europe/Amsterdam, which opening hours are written in."""
    return timezone.now().astimezone(AMSTERDAM)


def activiteit_model():
    """Activiteit, reached through Locatie's reverse relation instead of an import."""
    return Locatie._meta.get_field("activiteiten").related_model


def activiteit_categorieen():
    """The activity categories, read from the field through the relation (lazily, so the
    labels follow the active language)."""
    return activiteit_model()._meta.get_field("categorie").choices


def published_gemeenten():
    places = Locatie.objects.openbaar().filter(gemeente=OuterRef("pk"))
    return Gemeente.objects.filter(Exists(places)).order_by("naam")


def published_wijken():
    places = Locatie.objects.openbaar().filter(wijk=OuterRef("pk"))
    return (
        Wijk.objects.filter(Exists(places), soort=WijkSoort.WIJK)
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
    )


class WijkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.gemeente.naam})"


class WijkFilter(django_filters.ModelChoiceFilter):
    field_class = WijkChoiceField


class LocatieFilter(django_filters.FilterSet):
    """Filters of published places. Parameter names are Dutch words a shared link can show:
    ?gemeente=apeldoorn&soort=plus_punt&nu_open=on&activiteit=maaltijd&dag=1."""

    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        queryset=published_gemeenten(),
        to_field_name="slug",
        empty_label=_("Alle gemeenten"),
    )
    wijk = WijkFilter(
        label=_("Wijk"),
        queryset=published_wijken(),
        to_field_name="slug",
        empty_label=_("Alle wijken"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort plek"), choices=LocatieSoort.choices, empty_label=_("Alle soorten")
    )
    sterlocatie = django_filters.BooleanFilter(
        label=_("Alleen sterlocaties (met professionele begeleiding)"),
        method="filter_sterlocatie",
        widget=forms.CheckboxInput,
    )
    nu_open = django_filters.BooleanFilter(
        label=_("Nu open"), method="filter_nu_open", widget=forms.CheckboxInput
    )
    doelgroep = django_filters.ModelMultipleChoiceFilter(
        label=_("Voor wie"),
        queryset=Doelgroep.objects.all(),
        method="filter_doelgroep",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Plekken voor ten minste één van de gekozen groepen."),
    )
    voorziening = django_filters.ModelMultipleChoiceFilter(
        label=_("Voorzieningen"),
        queryset=Voorziening.objects.all(),
        method="filter_voorziening",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Plekken met alle gekozen voorzieningen."),
    )
    toegankelijk = django_filters.MultipleChoiceFilter(
        label=_("Toegankelijkheid"),
        choices=TOEGANKELIJKHEID,
        method="filter_toegankelijk",
        widget=forms.CheckboxSelectMultiple,
    )
    activiteit = django_filters.ChoiceFilter(
        label=_("Activiteit"),
        choices=activiteit_categorieen,
        method="filter_activiteit",
        empty_label=_("Alle activiteiten"),
    )
    dag = django_filters.ChoiceFilter(
        label=_("Op dag"),
        help_text=_("De eerstvolgende, vanaf vandaag."),
        choices=[(str(value), label) for value, label in Weekdag.choices],
        method="filter_activiteit",
        empty_label=_("Elke dag"),
    )

    class Meta:
        model = Locatie
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # With a gemeente chosen, only its wijken are offered: a national installation has
        # thousands.
        slug = self.data.get("gemeente") if self.data else None
        if isinstance(slug, str) and slug:
            field = self.form.fields["wijk"]
            field.queryset = field.queryset.filter(gemeente__slug=slug)

    def filter_sterlocatie(self, queryset, name, value):
        return queryset.filter(is_sterlocatie=True) if value else queryset

    def filter_nu_open(self, queryset, name, value):
        """Open at this moment by the weekly opening hours, and not closed today."""
        if not value:
            return queryset
        now = amsterdam_now()
        today, time = now.date(), now.time().replace(second=0, microsecond=0)
        open_now = Locatie.objects.filter(
            openingstijden__weekdag=today.weekday(),
            openingstijden__van__lte=time,
            openingstijden__tot__gt=time,
        )
        closed_today = Locatie.objects.filter(
            sluitingen__van__lte=today, sluitingen__tot__gte=today
        )
        return queryset.filter(pk__in=open_now.values("pk")).exclude(
            pk__in=closed_today.values("pk")
        )

    def filter_doelgroep(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=Locatie.objects.filter(doelgroepen__in=value).values("pk"))

    def filter_voorziening(self, queryset, name, value):
        for voorziening in value:
            queryset = queryset.filter(
                pk__in=Locatie.objects.filter(voorzieningen=voorziening).values("pk")
            )
        return queryset

    def filter_toegankelijk(self, queryset, name, value):
        known = dict(TOEGANKELIJKHEID)
        return queryset.filter(**{field: True for field in value if field in known})

    def filter_activiteit(self, queryset, name, value):
        """Places with a published activity of the chosen category, on the chosen day.

        `activiteit` and `dag` describe the same activity, so both go into one subquery,
        applied once. The day is the first such weekday from today on. Both read the stored
        dates of the activities (activiteiten/occurrences.py) through the relation, so a
        fortnightly or monthly activity counts only on its real dates, and a cancelled date
        does not count. Without a day: any date from today on.
        """
        cleaned = self.form.cleaned_data
        categorie = cleaned.get("activiteit")
        dag = int(cleaned["dag"]) if cleaned.get("dag") else None
        if name == "dag" and categorie:
            return queryset  # already applied together with the category
        today = amsterdam_now().date()
        activiteiten = activiteit_model().objects.openbaar().filter(locatie=OuterRef("pk"))
        if categorie:
            activiteiten = activiteiten.filter(categorie=categorie)
        if dag is None:
            dates = Q(occurrences__datum__gte=today)
        else:
            dates = Q(occurrences__datum=today + dt.timedelta(days=(dag - today.weekday()) % 7))
        # One filter() call, so the day and "not cancelled" hold for the same date.
        activiteiten = activiteiten.filter(dates, occurrences__vervalt=False)
        return queryset.filter(Exists(activiteiten))


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
            # The descending labels too: django-filter would build them at start-up from
            # "%s (aflopend)" in the default language, and English pages would show Dutch.
            "-naam": _("naam (Z–A)"),
            "-status": _("status (omgekeerd)"),
            "-gewijzigd": _("laatste wijziging (nieuwste eerst)"),
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
        return currency.due_for_reminder(queryset) if value else queryset

    @property
    def qs(self):
        # The list's own order (name) unless the person chose one; the id keeps pages stable.
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sorteer"):
            queryset = queryset.order_by("naam", "id")
        return queryset
