import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Occurrence
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
    this_week = []
    if search.point:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            search.point.latitude, search.point.longitude, NEARBY_ACTIVITIES_M
        )
        nearby = Q(
            activiteit__locatie__latitude__range=(min_lat, max_lat),
            activiteit__locatie__longitude__range=(min_lon, max_lon),
        )
        this_week = week_highlights(today, week_end, nearby)
    this_week_nearby = bool(this_week)
    if not this_week:
        this_week = week_highlights(today, week_end)
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


def week_highlights(start: dt.date, end: dt.date, where: Q | None = None) -> list[Occurrence]:
    """The front page's stored dates in [start, end] of published activities open to
    everyone: each activity's next date that is not cancelled, at most one activity of a
    category a day, so one kind of activity (a daily meal, say) cannot fill it.

    Two queries whatever the number of dates: the dates in order as small tuples, read until
    enough are chosen (a server-side cursor on PostgreSQL stops reading there), then the
    chosen ones with what a line shows."""
    dates = Occurrence.objects.filter(
        datum__range=(start, end),
        vervalt=False,
        activiteit__status=ActiviteitStatus.GEPUBLICEERD,
        activiteit__locatie__status=LocatieStatus.GEPUBLICEERD,
        activiteit__alleen_voor_doelgroep=False,
    )
    if where is not None:
        dates = dates.filter(where)
    ordered = dates.order_by("datum", "begin", "activiteit__titel", "activiteit_id").values_list(
        "pk", "activiteit_id", "datum", "activiteit__categorie"
    )
    chosen, seen_activiteiten, seen_days = [], set(), set()
    for pk, activiteit_id, datum, categorie in ordered.iterator(chunk_size=WEEK_HIGHLIGHTS * 8):
        if activiteit_id in seen_activiteiten:
            continue
        seen_activiteiten.add(activiteit_id)
        if (datum, categorie) in seen_days:
            continue
        seen_days.add((datum, categorie))
        chosen.append(pk)
        if len(chosen) == WEEK_HIGHLIGHTS:
            break
    if not chosen:
        return []
    rows = Occurrence.objects.filter(pk__in=chosen).select_related(
        "activiteit", "activiteit__locatie", "activiteit__locatie__gemeente"
    )
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in chosen]
