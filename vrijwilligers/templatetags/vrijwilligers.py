"""The "Vrijwilliger worden" block of a public place page. A tag rather than context from the
place view, so publiek does not need to know this app: the template includes
vrijwilligers/_locatie.html, which costs one query."""

from django import template

from vrijwilligers.models import Vacature

register = template.Library()

MAX_VACATURES = 5


@register.inclusion_tag("vrijwilligers/_vrijwilliger_worden.html")
def vrijwilliger_worden(locatie):
    vacatures = (
        Vacature.objects.openbaar()
        .filter(locatie=locatie)
        .only("pk", "titel", "wanneer")
        .order_by("titel", "pk")[:MAX_VACATURES]
    )
    return {"locatie": locatie, "vacatures": list(vacatures)}
