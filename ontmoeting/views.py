import datetime as dt
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from activiteiten.schedule import dates_between
from locaties.constants import LocatieStatus
from locaties.models import Locatie
from partners.models import Gemeente

WEEK_HIGHLIGHTS = 12

logger = logging.getLogger(__name__)


def home(request):
    """The front page: the municipalities in the registry and what is on in the coming week."""
    published = Q(locaties__status=LocatieStatus.GEPUBLICEERD)
    gemeenten = (
        Gemeente.objects.annotate(
            aantal_locaties=Count("locaties", filter=published, distinct=True),
            aantal_sterlocaties=Count(
                "locaties", filter=published & Q(locaties__is_sterlocatie=True), distinct=True
            ),
        )
        .filter(aantal_locaties__gt=0)
        .order_by("naam")
    )

    today = timezone.localdate()
    week_end = today + dt.timedelta(days=6)
    activiteiten = (
        Activiteit.objects.filter(
            status=ActiviteitStatus.GEPUBLICEERD,
            locatie__status=LocatieStatus.GEPUBLICEERD,
            alleen_voor_doelgroep=False,
            startdatum__lte=week_end,
        )
        .exclude(herhaling="", startdatum__lt=today)  # one-off activities that are over
        .select_related("locatie", "locatie__gemeente")
        .prefetch_related("uitzonderingen")
    )
    context = {
        "gemeenten": gemeenten,
        "this_week": week_highlights(activiteiten, today, week_end),
        "today": today,
        "has_demo_data": Locatie.objects.filter(is_demo=True).exists(),
    }
    return render(request, "home.html", context)


def toegankelijkheid(request):
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return render(
        request, "pages/toegankelijkheid.html", {"contact_email": settings.CONTACT_EMAIL}
    )


def privacy(request):
    """The privacy statement; names the map tile server, which sees every visitor of a map."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "tile_host": urlsplit(settings.MAP_TILE_URL).hostname or "",
    }
    return render(request, "pages/privacy.html", context)


def week_highlights(activiteiten, start: dt.date, end: dt.date) -> list[tuple]:
    """(date, activiteit) pairs for the front page: each activity's next date, at most one
    activity of a category a day, so one kind of activity (a daily meal, say) cannot fill it."""
    next_dates = []
    for activiteit in activiteiten:
        skipped = [u.datum for u in activiteit.uitzonderingen.all()]
        try:
            dates = dates_between(activiteit, start, end, uitzonderingen=skipped)
        except ValidationError:
            # A rule that got in without validation (an import, say) costs one activity,
            # not the front page.
            logger.warning("Activiteit %s has an unusable herhaling; skipped", activiteit.pk)
            continue
        if dates:
            next_dates.append((dates[0], activiteit))
    next_dates.sort(key=lambda item: (item[0], item[1].begintijd, item[1].titel))
    highlights, seen = [], set()
    for day, activiteit in next_dates:
        if (day, activiteit.categorie) not in seen:
            seen.add((day, activiteit.categorie))
            highlights.append((day, activiteit))
    return highlights[:WEEK_HIGHLIGHTS]
