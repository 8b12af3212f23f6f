import datetime as dt
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from activiteiten.schedule import dates_between
from locaties import geo
from locaties.constants import LocatieStatus
from locaties.models import Locatie
from locaties.views import printable_query, published_locaties, search_from, with_distances
from partners.models import Gemeente

WEEK_HIGHLIGHTS = 12
NEAREST_ON_HOME = 5
# After a search the week's highlights come from places within this distance, by a box on
# the places' indexed coordinates (its corners reach a little further); the whole registry's
# highlights when nothing is on nearby.
NEARBY_ACTIVITIES_M = 5_000

logger = logging.getLogger(__name__)


def home(request):
    """The front page: a search box, the places nearest to what was searched, the
    municipalities in the registry and what is on in the coming week (nearby, after a
    search)."""
    search = search_from(printable_query(request.GET))
    nearest = []
    if search.point:
        nearest = with_distances(
            geo.nearest(
                published_locaties().select_related("gemeente"),
                lat=search.point.latitude,
                lon=search.point.longitude,
                limit=NEAREST_ON_HOME,
            ),
            search,
        )
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
    this_week = []
    if search.point:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            search.point.latitude, search.point.longitude, NEARBY_ACTIVITIES_M
        )
        nearby = activiteiten.filter(
            locatie__latitude__range=(min_lat, max_lat),
            locatie__longitude__range=(min_lon, max_lon),
        )
        this_week = week_highlights(nearby, today, week_end)
    this_week_nearby = bool(this_week)
    if not this_week:
        this_week = week_highlights(activiteiten, today, week_end)
    context = {
        "search": search,
        "nearest": nearest,
        "list_url": f"{reverse('locaties:lijst')}?{request.GET.urlencode()}",
        "gemeenten": gemeenten,
        "this_week": this_week,
        "this_week_nearby": this_week_nearby,
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
