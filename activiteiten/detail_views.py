"""Public pages of one activity and the iCalendar feeds: the activity's own page with its next
dates and "Zet in je agenda" links, the feeds per place, wijk, organisation and activity, and
one date as an .ics download. The calendar itself is built in activiteiten/feeds.py."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from activiteiten import feeds
from activiteiten import jsonld as event_jsonld
from activiteiten.models import Activiteit
from locaties.models import Locatie, Wijk
from partners.models import Partner

# The activity page lists the dates of the coming WEEKS weeks, at least MIN_DATES of them
# (a monthly activity) and at most MAX_DATES (a daily one).
WEEKS = 8
MIN_DATES = 3
MAX_DATES = 12


@dataclass(frozen=True)
class Datum:
    """One date on the activity page, with its links into other calendars."""

    occurrence: object
    status: str
    google_url: str
    outlook_url: str
    ics_url: str


def activiteit_detail(request, slug):
    """A published activity at a published place: what, for whom, what it costs, where, who
    organises it, its next dates (cancelled and moved ones marked) with links to put a date
    in one's own calendar, and a feed to subscribe to."""
    activiteit = get_object_or_404(
        Activiteit.objects.openbaar()
        .select_related(
            "locatie",
            "locatie__gemeente",
            "locatie__wijk",
            "locatie__buurt",
            "ruimte",
            "organisator",
        )
        .prefetch_related("doelgroepen"),
        slug=slug,
    )
    today = timezone.localdate()
    rows = list(
        activiteit.occurrences.filter(datum__gte=today)
        .select_related("uitzondering")
        .order_by("begin")[:MAX_DATES]
    )
    until = today + dt.timedelta(weeks=WEEKS)
    rows = [row for index, row in enumerate(rows) if row.datum < until or index < MIN_DATES]
    page_url = request.build_absolute_uri(reverse("activiteiten:detail", args=[slug]))
    datums = [
        Datum(
            occurrence=row,
            status=feeds.status_tekst(row),
            google_url=feeds.google_url(row, page_url=page_url),
            outlook_url=feeds.outlook_url(row, page_url=page_url),
            ics_url=reverse(
                "activiteiten:datum_ics", args=[slug, row.oorspronkelijke_datum.isoformat()]
            ),
        )
        for row in rows
    ]
    context = {
        "activiteit": activiteit,
        "locatie": activiteit.locatie,
        "datums": datums,
        "weken": WEEKS,
        "today": today,
        "page_url": page_url,
        "events_jsonld": event_jsonld.script_tag(rows, request),
    }
    return render(request, "activiteiten/detail.html", context)


# ----------------------------------------------------------------------------------- feeds


def _published_locatie(slug):
    return get_object_or_404(Locatie.objects.openbaar(), slug=slug)


def _wijk(slug):
    return get_object_or_404(Wijk, slug=slug)


def _organisatie(slug):
    """An organisation that organises at least one published activity at a published place:
    others have no public agenda (and their feed would tell that they exist)."""
    return get_object_or_404(
        Partner.objects.filter(
            Exists(Activiteit.objects.openbaar().filter(organisator=OuterRef("pk")))
        ),
        slug=slug,
    )


def _published_activiteit(slug):
    return get_object_or_404(Activiteit.objects.openbaar(), slug=slug)


def _feed_view(lookup, make_feed):
    """A feed view: 404 for what is not public, 304 when the client's copy is current
    (ETag or Last-Modified, from `feeds.validators`), else the calendar; public caching for
    CACHE_SECONDS either way."""

    def prepare(request, slug):
        # Django's `condition` asks for the ETag and Last-Modified separately, then calls the
        # view: the feed and its validators are worked out once per request.
        if not hasattr(request, "_feed"):
            feed = make_feed(lookup(slug))
            start, end = feeds.window(timezone.localdate())
            variant = feeds.Variant.of(request)
            request._feed = (
                feed,
                start,
                end,
                feeds.validators(feed, start, end, variant=variant.key),
            )
        return request._feed

    @require_safe
    @cache_control(public=True, max_age=feeds.CACHE_SECONDS)
    @condition(
        etag_func=lambda request, slug: prepare(request, slug)[3].etag,
        last_modified_func=lambda request, slug: prepare(request, slug)[3].last_modified,
    )
    def view(request, slug):
        feed, start, end, validators = prepare(request, slug)
        # Calendar apps that do not send If-None-Match (most poll every few hours) get the
        # body built for the same ETag, by an earlier request or ahead in the background
        # after a change (feeds.build_ahead); the ETag names everything the body is made of.
        body = feeds.cached_or_built(
            feed, validators, variant=feeds.Variant.of(request), start=start, end=end
        )
        return _ics_response(body, feed.bestandsnaam)

    return view


def _ics_response(body: bytes, bestandsnaam: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


feed_locatie = _feed_view(_published_locatie, feeds.voor_locatie)
feed_wijk = _feed_view(_wijk, feeds.voor_wijk)
feed_organisatie = _feed_view(_organisatie, feeds.voor_organisatie)
feed_activiteit = _feed_view(_published_activiteit, feeds.voor_activiteit)


@require_safe
@cache_control(public=True, max_age=feeds.CACHE_SECONDS)
def datum_ics(request, slug, datum):
    """One date of a published activity as an .ics file to open in a calendar app; `datum` is
    the date the schedule gives (so the link of a moved date keeps working)."""
    try:
        oorspronkelijke_datum = dt.date.fromisoformat(datum)
    except ValueError:
        raise Http404 from None
    activiteit = get_object_or_404(
        Activiteit.objects.openbaar().select_related("locatie", "ruimte", "organisator"),
        slug=slug,
    )
    row = get_object_or_404(
        activiteit.occurrences.select_related("uitzondering"),
        oorspronkelijke_datum=oorspronkelijke_datum,
    )
    variant = feeds.Variant.of(request)
    body = feeds.calendar(
        feeds.voor_activiteit(activiteit),
        activiteit.occurrences.filter(pk=row.pk),
        base_url=variant.base_url,
        host=variant.host,
        source=request.build_absolute_uri(request.path),
        start=row.datum,
        end=row.datum,
    )
    return _ics_response(body, f"{activiteit.slug}-{oorspronkelijke_datum.isoformat()}.ics")
