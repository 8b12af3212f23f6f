"""Upcoming dates of public activities for one place, wijk (or buurt) or organisation: the
JSON feed for sites that render their own agenda and the embeddable agenda page share this."""

import datetime as dt

from django.http import Http404
from django.utils import timezone

from activiteiten import agenda
from activiteiten.models import Activiteit
from api import querysets
from kern.timezones import AMSTERDAM
from locaties.models import Locatie, Wijk

SCOPES = ("locatie", "wijk", "organisatie")
DEFAULT_DAYS = 28
MAX_DAYS = 92


def today() -> dt.date:
    return timezone.now().astimezone(AMSTERDAM).date()


def check(query) -> tuple[dict, dict[str, str]]:
    """({scope: slug, 'dagen': n}, {parameter: reason}) from a QueryDict."""
    reasons, found = {}, {}
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            reasons[name.replace("\x00", "")] = "Deze parameter bevat een ongeldig teken."
        elif name not in (*SCOPES, "dagen"):
            reasons[name] = "Deze parameter bestaat niet voor dit adres."
        elif len(values) != 1 or not values[0].strip():
            reasons[name] = "Geef deze parameter één keer, met een waarde."
        elif name == "dagen":
            value = values[0].strip()
            if not value.isdigit() or not 1 <= int(value) <= MAX_DAYS:
                reasons[name] = f"Geef een aantal dagen van 1 tot en met {MAX_DAYS}."
            else:
                found["dagen"] = int(value)
        else:
            found[name] = values[0].strip()
    if not reasons and len([s for s in SCOPES if s in found]) != 1:
        reasons["locatie"] = "Kies één van locatie, wijk of organisatie (met de slug)."
    return found, reasons


def scope(found: dict):
    """(public activities in the chosen scope, its name); Http404 when the place, wijk or
    organisation is not public."""
    activiteiten = Activiteit.objects.openbaar()
    if "locatie" in found:
        locatie = Locatie.objects.openbaar().filter(slug=found["locatie"]).first()
        if locatie is None:
            raise Http404
        return agenda.in_locatie(activiteiten, locatie), locatie.naam
    if "wijk" in found:
        wijk = Wijk.objects.filter(slug=found["wijk"]).first()
        if wijk is None:
            raise Http404
        return agenda.in_wijk(activiteiten, wijk), wijk.naam
    partner = querysets.organizations().filter(slug=found["organisatie"]).first()
    if partner is None:
        raise Http404
    return activiteiten.filter(organisator=partner), partner.naam


def upcoming(activiteiten, days: int):
    start = today()
    return agenda.occurrences(activiteiten, start, start + dt.timedelta(days=days - 1))


def item(occurrence, base: str) -> dict:
    from django.urls import reverse

    activiteit = occurrence.activiteit
    locatie = activiteit.locatie
    return {
        "id": str(activiteit.uuid),
        "titel": activiteit.titel,
        "datum": occurrence.datum.isoformat(),
        "begin": occurrence.begin.astimezone(AMSTERDAM).isoformat(),
        "einde": occurrence.einde.astimezone(AMSTERDAM).isoformat(),
        "vervalt": occurrence.vervalt,
        "gratis": activiteit.is_gratis,
        "locatie": {
            "id": str(locatie.uuid),
            "naam": locatie.naam,
            "adres": locatie.openbaar_adres,
        },
        "organisatie": {
            "id": str(activiteit.organisator.uuid),
            "naam": activiteit.organisator.naam,
        },
        "url": base + reverse("activiteiten:detail", args=[activiteit.slug]),
    }
