"""The resident pages that show places and activities together: the home page, a place's
page, a wijk's page, and the accessibility and privacy statements. Each view writes and pins
its own queries; what "public" means comes from the model layer (`openbaar()`)."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from activiteiten import agenda
from activiteiten import jsonld as event_jsonld
from activiteiten.models import Activiteit, Occurrence
from locaties import geo, jsonld, opening
from locaties.constants import SamenwerkingRol, WijkSoort
from locaties.models import Locatie, LocatieQuerySet, Samenwerking, Sluiting, Wijk
from locaties.views import printable_query, search_from, with_distances
from partners.models import Gemeente

WEEK_HIGHLIGHTS = 12
NEAREST_ON_HOME = 5
# After a search the week's highlights come from places within this distance, by a box on
# the places' indexed coordinates (its corners reach a little further); the whole registry's
# highlights when nothing is on nearby.
NEARBY_ACTIVITIES_M = 5_000
# A place's page shows its activities of the coming four weeks, the first week open.
PLACE_WEEKS = 4


def home(request):
    """The front page: a search box, the places nearest to what was searched, the
    municipalities in the registry and what is on in the coming week (nearby, after a
    search)."""
    search = search_from(printable_query(request.GET))
    nearest = []
    if search.point:
        nearest = with_distances(
            geo.nearest(
                Locatie.objects.openbaar().select_related("gemeente"),
                lat=search.point.latitude,
                lon=search.point.longitude,
                limit=NEAREST_ON_HOME,
            ),
            search,
        )
    published = LocatieQuerySet.openbaar_q("locaties__")
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
    return render(request, "publiek/home.html", context)


def toegankelijkheid(request):
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return render(
        request, "publiek/toegankelijkheid.html", {"contact_email": settings.CONTACT_EMAIL}
    )


def privacy(request):
    """The privacy statement; names the map tile server, which sees every visitor of a map."""
    context = {
        "contact_email": settings.CONTACT_EMAIL,
        "tile_host": urlsplit(settings.MAP_TILE_URL).hostname or "",
        "bewaartermijn_maanden": settings.VRIJWILLIGERS_BEWAARTERMIJN_MAANDEN,
    }
    return render(request, "publiek/privacy.html", context)


def week_highlights(start: dt.date, end: dt.date, where: Q | None = None) -> list[Occurrence]:
    """The front page's stored dates in [start, end] of published activities open to
    everyone: each activity's next date that is not cancelled, at most one activity of a
    category a day, so one kind of activity (a daily meal, say) cannot fill it.

    Two queries whatever the number of dates: the dates in order as small tuples, read until
    enough are chosen (a server-side cursor on PostgreSQL stops reading there), then the
    chosen ones with what a line shows."""
    dates = Occurrence.objects.filter(
        Activiteit.objects.openbaar_q("activiteit__"),
        datum__range=(start, end),
        vervalt=False,
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


# --- A place and a wijk ------------------------------------------------------------------

ROUTE_URL = "https://www.openstreetmap.org/directions?to={lat}%2C{lon}"


def _current_sluitingen(today):
    return Prefetch("sluitingen", queryset=Sluiting.objects.filter(tot__gte=today))


def locatie_detail(request, slug):
    """A published place: address, hours and whether it is open now, accessibility,
    partners, support, and its activities of the coming four weeks."""
    now = timezone.now()
    today = timezone.localdate(now)
    locatie = get_object_or_404(
        Locatie.objects.openbaar()
        .select_related("gemeente", "wijk", "buurt")
        .prefetch_related(
            "openingstijden",
            "begeleidingstijden",
            _current_sluitingen(today),
            Prefetch("samenwerkingen", queryset=Samenwerking.objects.select_related("partner")),
            "doelgroepen",
            "voorzieningen",
        ),
        slug=slug,
    )
    page_url = request.build_absolute_uri()
    toegankelijkheid = [
        (Locatie._meta.get_field(name).verbose_name, getattr(locatie, name))
        for name in (
            "rolstoeltoegankelijk",
            "aangepast_toilet",
            "ringleiding",
            "prikkelarme_ruimte",
            "gehandicaptenparkeerplaats",
        )
    ]
    has_point = locatie.adres_openbaar and locatie.latitude is not None
    programma = agenda.programma(
        Activiteit.objects.openbaar().filter(locatie=locatie), today=today, weken=PLACE_WEEKS
    )
    context = {
        "locatie": locatie,
        "status": opening.status_now(locatie, now),
        "openingstijden": opening.week_hours(locatie.openingstijden.all()),
        "has_openingstijden": bool(locatie.openingstijden.all()),
        "begeleidingstijden": opening.week_hours(locatie.begeleidingstijden.all()),
        "sluitingen": opening.upcoming_closures(locatie, today),
        "today_weekday": today.weekday(),
        "toegankelijkheid": toegankelijkheid,
        "partners": _partners_with_roles(locatie.samenwerkingen.all(), today),
        # Only a public address gets a marker and a route to the exact point; otherwise the
        # street and the wijk are the address, and residents ask the contact for the way.
        "has_point": has_point,
        "route_url": (
            ROUTE_URL.format(lat=f"{locatie.latitude:.6f}", lon=f"{locatie.longitude:.6f}")
            if has_point
            else ""
        ),
        "place_jsonld": jsonld.script_tag(jsonld.place(locatie, page_url)),
        "page_url": page_url,
        "programma": programma,
        # Organisations with activities here get a link to their feed beside their name.
        "organisatoren": {item.activiteit.organisator_id for item in programma.items},
        "events_jsonld": event_jsonld.script_tag(programma.items, request),
    }
    return render(request, "publiek/locatie.html", context)


def _partners_with_roles(samenwerkingen, today) -> list[tuple]:
    """[(partner, [role labels])] for the current Samenwerkingen, one line per partner, in the
    order of their first role (eigenaar first)."""
    order = {rol: index for index, rol in enumerate(SamenwerkingRol.values)}
    roles: dict = {}
    for samenwerking in sorted(
        samenwerkingen, key=lambda s: (order.get(s.rol, len(order)), s.partner.naam)
    ):
        if samenwerking.einddatum is None or samenwerking.einddatum >= today:
            roles.setdefault(samenwerking.partner, []).append(samenwerking.get_rol_display())
    return list(roles.items())


def wijk_detail(request, slug):
    """A wijk or buurt: its published places (a wijk's include those of its buurten), its
    figures, and the coming week's activities."""
    now = timezone.now()
    today = timezone.localdate(now)
    wijk = get_object_or_404(Wijk.objects.select_related("gemeente", "wijk"), slug=slug)
    locaties = (
        Locatie.objects.openbaar()
        .select_related("buurt")
        .prefetch_related("openingstijden", _current_sluitingen(today))
        .order_by("naam")
    )
    if wijk.soort == WijkSoort.WIJK:
        locaties = locaties.filter(wijk=wijk)
        buurten = list(wijk.buurten.order_by("naam"))
    else:
        locaties = locaties.filter(buurt=wijk)
        buurten = []
    plekken = [(locatie, opening.status_now(locatie, now)) for locatie in locaties]
    programma = agenda.programma(
        agenda.in_wijk(Activiteit.objects.openbaar(), wijk), today=today, weken=1
    )
    context = {
        "programma": programma,
        "events_jsonld": event_jsonld.script_tag(programma.items, request),
        "wijk": wijk,
        "plekken": plekken,
        "buurten": buurten,
        "aantal_sterlocaties": sum(1 for locatie, _status in plekken if locatie.is_sterlocatie),
    }
    return render(request, "publiek/wijk.html", context)
