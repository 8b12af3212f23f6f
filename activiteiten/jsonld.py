"""schema.org Event JSON-LD for the stored dates of activities: one Event per date, on the
agenda's place and wijk programmes and on an activity's own page. A cancelled date is
EventCancelled, a moved one EventRescheduled with its previous start."""

from django.urls import reverse
from django.utils import timezone

from activiteiten import schedule
from locaties import jsonld


def event(item, request) -> dict:
    """The Event of one Occurrence; its URL is the activity's public page."""
    activiteit = item.activiteit
    locatie = activiteit.locatie
    if item.vervalt:
        status = "https://schema.org/EventCancelled"
    elif item.is_verplaatst:
        status = "https://schema.org/EventRescheduled"
    else:
        status = "https://schema.org/EventScheduled"
    result = {
        "@type": "Event",
        "name": activiteit.titel,
        "url": request.build_absolute_uri(reverse("activiteiten:detail", args=[activiteit.slug])),
        "startDate": timezone.localtime(item.begin).isoformat(),
        "endDate": timezone.localtime(item.einde).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": status,
        "location": {
            "@type": "Place",
            "@id": request.build_absolute_uri(reverse("publiek:locatie", args=[locatie.slug])),
            "name": locatie.naam,
            "address": jsonld.postal_address(locatie),
        },
        "organizer": {"@type": "Organization", "name": activiteit.organisator.naam},
        "isAccessibleForFree": activiteit.is_gratis,
    }
    if item.is_verplaatst:
        result["previousStartDate"] = schedule.aware(
            item.oorspronkelijke_datum, activiteit.begintijd
        ).isoformat()
    if activiteit.omschrijving:
        result["description"] = activiteit.omschrijving
    if not activiteit.is_gratis:
        result["offers"] = {
            "@type": "Offer",
            "price": f"{activiteit.kosten:.2f}",
            "priceCurrency": "EUR",
        }
    return result


def script_tag(items, request) -> str:
    """A `<script type="application/ld+json">` with an Event per item ('' without items)."""
    if not items:
        return ""
    return jsonld.script_tag(
        {"@context": "https://schema.org", "@graph": [event(item, request) for item in items]}
    )
