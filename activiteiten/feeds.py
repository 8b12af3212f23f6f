"""iCalendar feeds of published activities (per place, per organisation, per wijk or buurt and
per activity, and one date as a download), and the links that put one date in Google Calendar
or Outlook.com.

Every date is its own VEVENT, read from the stored Occurrence rows, rather than one VEVENT with
the activity's RRULE and EXDATEs:

- cancelled and moved dates are already applied in the rows; with a rule they would need
  EXDATEs plus RECURRENCE-ID overrides, which calendar apps handle unevenly (some show a moved
  date twice, some drop a cancelled override), while a plain event with STATUS:CANCELLED or a
  new DTSTART is understood everywhere;
- the subscriber sees exactly the dates the agenda and the activity's page show, over a fixed
  window (WEEKS_BACK before today to MONTHS_AHEAD after), and no rule is expanded per request;
- RFC 5545 rules the project allows but clients expand differently (BYSETPOS, UNTIL in local
  time) cannot make a resident's calendar differ from ours.

The price is a longer file (a weekly activity gives some thirty events), which is small.

Identity: the UID is `<activiteit pk>-<date the schedule gives>@<host>`, so a moved date keeps
its UID and the calendar moves the event instead of adding a second one. SEQUENCE is the
Occurrence row's id: `occurrences.regenerate` rewrites an activity's rows from today on after
every change of its schedule (a cancelled, moved or edited date), and ids only grow, so the
number grows with every revision of the date.
"""

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from activiteiten.models import Activiteit, Occurrence, Uitzondering
from activiteiten.templatetags.agenda import vervalt_tekst
from kern.timezones import AMSTERDAM
from locaties import geo
from locaties.constants import WijkSoort

TZID = "Europe/Amsterdam"
WEEKS_BACK = 4
MONTHS_AHEAD = 6
CACHE_SECONDS = 60 * 60
# How often a subscribed calendar app should fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
REFRESH = dt.timedelta(hours=6)
# Part of the ETag: raise it when the content of a feed changes for the same data.
FORMAT_VERSION = "1"
# Links with all their text in the query string stay well below what browsers and the two
# calendar sites accept (about 2000 characters).
LINK_TEXT_CHARS = 400

GOOGLE_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_URL = "https://outlook.live.com/calendar/0/deeplink/compose"


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a feed holds: from WEEKS_BACK before `today` to MONTHS_AHEAD after."""
    return today - dt.timedelta(weeks=WEEKS_BACK), today + relativedelta(months=MONTHS_AHEAD)


# --------------------------------------------------------------------------- what a feed holds


@dataclass(frozen=True)
class Feed:
    """One feed. `filters` are lookups on Activiteit that give its scope, whatever the status;
    `key` names it in the calendar's UID and its ETag; `transparent` feeds (a whole place or
    organisation) do not make the subscriber look busy."""

    naam: str
    key: str
    bestandsnaam: str
    filters: dict
    page_path: str = ""
    transparent: bool = True

    def lookups(self, prefix: str) -> dict:
        return {f"{prefix}{name}": value for name, value in self.filters.items()}

    def occurrences(self, start: dt.date, end: dt.date) -> QuerySet:
        """The published dates of the feed in [start, end], with what an event shows: one
        query, on the (datum, begin) index."""
        return (
            Occurrence.objects.filter(
                Activiteit.objects.openbaar_q("activiteit__"),
                datum__range=(start, end),
                **self.lookups("activiteit__"),
            )
            .select_related(
                "activiteit",
                "activiteit__locatie",
                "activiteit__ruimte",
                "activiteit__organisator",
                "uitzondering",
            )
            .order_by("begin", "activiteit_id")
        )


def voor_locatie(locatie) -> Feed:
    return Feed(
        naam=_("Activiteiten bij %(naam)s") % {"naam": locatie.naam},
        key=f"locatie-{locatie.pk}",
        bestandsnaam=f"{locatie.slug}.ics",
        filters={"locatie": locatie},
        page_path=reverse("publiek:locatie", args=[locatie.slug]),
    )


def voor_wijk(wijk) -> Feed:
    """A wijk's feed holds the places of its buurten too; a buurt's only its own."""
    field = "locatie__buurt" if wijk.soort == WijkSoort.BUURT else "locatie__wijk"
    return Feed(
        naam=_("Activiteiten in %(naam)s") % {"naam": wijk.naam},
        key=f"wijk-{wijk.pk}",
        bestandsnaam=f"{wijk.slug}.ics",
        filters={field: wijk},
        page_path=reverse("publiek:wijk", args=[wijk.slug]),
    )


def voor_organisatie(partner) -> Feed:
    return Feed(
        naam=_("Activiteiten van %(naam)s") % {"naam": partner.naam},
        key=f"organisatie-{partner.pk}",
        bestandsnaam=f"{partner.slug}.ics",
        filters={"organisator": partner},
    )


def voor_activiteit(activiteit) -> Feed:
    """One activity: the subscriber means to go, so its dates show them busy."""
    return Feed(
        naam=activiteit.titel,
        key=f"activiteit-{activiteit.pk}",
        bestandsnaam=f"{activiteit.slug}.ics",
        filters={"pk": activiteit.pk},
        page_path=reverse("activiteiten:detail", args=[activiteit.slug]),
        transparent=False,
    )


# ------------------------------------------------------------------------ caching validators


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None


def validators(feed: Feed, start: dt.date, end: dt.date, *, variant: str = "") -> Validators:
    """ETag and Last-Modified of a feed in three aggregate queries, without building it.

    Last-Modified is the latest change to the scope's activities (any status, so an activity
    that leaves the feed counts too), their places and organisers, and their Uitzonderingen
    (a cancelled, moved or restored date; from their history, as cancelling does not touch
    the activity). The ETag adds what Last-Modified cannot see: the number and the newest id
    of the rows in the window (regenerate writes new rows), the window itself, and `variant`
    (host and language, which change UIDs and texts)."""
    rows = feed.occurrences(start, end).aggregate(aantal=Count("pk"), nieuwste=Max("pk"))
    changed = Activiteit.objects.filter(**feed.filters).aggregate(
        activiteit=Max("gewijzigd_op"),
        locatie=Max("locatie__gewijzigd_op"),
        organisator=Max("organisator__gewijzigd_op"),
    )
    changed["uitzondering"] = (
        Uitzondering.history.filter(**feed.lookups("activiteit__"))
        .aggregate(laatst=Max("history_date"))
        .get("laatst")
    )
    moments = [moment for moment in changed.values() if moment is not None]
    last_modified = max(moments) if moments else None
    parts = [
        FORMAT_VERSION,
        feed.key,
        variant,
        start.isoformat(),
        end.isoformat(),
        str(rows["aantal"]),
        str(rows["nieuwste"]),
        *(moment.isoformat() if moment else "-" for moment in changed.values()),
    ]
    etag = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return Validators(etag=etag, last_modified=last_modified)


# ----------------------------------------------------------------------------- the calendar


def host_of(request) -> str:
    """The host part of UIDs: the site's host name without the port."""
    domain, _port = split_domain_port(request.get_host())
    return domain or "localhost"


def uid(occurrence, host: str) -> str:
    return f"{occurrence.activiteit_id}-{occurrence.oorspronkelijke_datum:%Y%m%d}@{host}"


def location(activiteit) -> str:
    """Room, place and the address as residents may see it (street and town only when the
    place's full address is not public)."""
    locatie = activiteit.locatie
    parts = [locatie.naam, locatie.openbaar_adres]
    if activiteit.ruimte_id:
        parts.insert(0, activiteit.ruimte.naam)
    return ", ".join(parts)


def kosten_tekst(activiteit) -> str:
    """'Gratis.' or 'Kosten: € 2,50 (koffie en thee inbegrepen).'"""
    if activiteit.is_gratis:
        tekst = _("Gratis")
    else:
        tekst = _("Kosten: %(bedrag)s") % {
            "bedrag": f"€\u00a0{formats.number_format(activiteit.kosten, 2)}"
        }
    if activiteit.kosten_toelichting:
        tekst += f" ({activiteit.kosten_toelichting})"
    return tekst + "."


def aanmelden_tekst(activiteit) -> str:
    if not activiteit.aanmelden_nodig:
        return _("Aanmelden is niet nodig.")
    if activiteit.aanmelden_via:
        return _("Aanmelden nodig: %(via)s") % {"via": activiteit.aanmelden_via}
    return _("Aanmelden nodig.")


def status_tekst(occurrence) -> str:
    """'Vervalt: Koningsdag', 'Verplaatst van dinsdag 5 januari.' or ''."""
    if occurrence.vervalt:
        return vervalt_tekst(occurrence.uitzondering)
    if occurrence.is_verplaatst and occurrence.datum != occurrence.oorspronkelijke_datum:
        return _("Verplaatst van %(datum)s.") % {
            "datum": formats.date_format(occurrence.oorspronkelijke_datum, "l j F")
        }
    if occurrence.is_verplaatst:
        return _("Andere tijd dan gewoonlijk.")
    return ""


def description(occurrence, page_url: str, *, short: bool = False) -> str:
    """The text of an event: what is different about this date, what the activity is, what
    it costs, how to sign up, who organises it, and where to read more."""
    activiteit = occurrence.activiteit
    omschrijving = activiteit.omschrijving.strip()
    if short and omschrijving:
        omschrijving = Truncator(omschrijving).chars(LINK_TEXT_CHARS)
    lines = [
        status_tekst(occurrence),
        omschrijving,
        kosten_tekst(activiteit),
        aanmelden_tekst(activiteit),
        _("Georganiseerd door %(naam)s.") % {"naam": activiteit.organisator.naam},
        _("Meer informatie: %(url)s") % {"url": page_url},
    ]
    return "\n\n".join(line for line in lines if line)


def event(occurrence, *, host: str, page_url: str, transparent: bool, point=None) -> Event:
    """One date as a VEVENT; `point` is the place's geo.public_point (None: no GEO)."""
    activiteit = occurrence.activiteit
    summary = activiteit.titel
    if occurrence.vervalt:
        summary = _("%(titel)s (vervalt)") % {"titel": activiteit.titel}
    changed = activiteit.gewijzigd_op.astimezone(dt.UTC)
    item = Event.new(
        uid=uid(occurrence, host),
        stamp=changed,
        last_modified=changed,
        start=occurrence.begin.astimezone(AMSTERDAM),
        end=occurrence.einde.astimezone(AMSTERDAM),
        summary=summary,
        description=description(occurrence, page_url),
        location=location(activiteit),
        url=page_url,
        sequence=occurrence.pk,
        status="CANCELLED" if occurrence.vervalt else "CONFIRMED",
        transparency="TRANSPARENT" if transparent else "OPAQUE",
        categories=[str(activiteit.get_categorie_display())],
    )
    item.add("CLASS", "PUBLIC")
    if point is not None:
        item.add("GEO", (point.latitude, point.longitude))
    return item


def calendar(feed: Feed, rows, *, request, start: dt.date, end: dt.date) -> bytes:
    """The feed's `rows` (dates in [start, end]) as an RFC 5545 VCALENDAR (METHOD:PUBLISH)
    with a VTIMEZONE for Amsterdam that covers the window."""
    host = host_of(request)
    page_urls: dict[str, str] = {}

    def page_url(activiteit) -> str:
        if activiteit.slug not in page_urls:
            page_urls[activiteit.slug] = request.build_absolute_uri(
                reverse("activiteiten:detail", args=[activiteit.slug])
            )
        return page_urls[activiteit.slug]

    cal = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Agenda//{translation.get_language().upper()}",
        name=feed.naam,
        method="PUBLISH",
        calscale="GREGORIAN",
        uid=f"{feed.key}@{host}",
        url=request.build_absolute_uri(feed.page_path) if feed.page_path else None,
        source=request.build_absolute_uri(request.path),
        refresh_interval=REFRESH,
        description=_(
            "Activiteiten van %(site)s. Wijzigingen en vervallen data komen vanzelf mee."
        )
        % {"site": settings.SITE_NAME},
    )
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.subcomponents.append(vtimezone(start.year, end.year))
    rows = list(rows)
    points = geo.public_points(
        {row.activiteit.locatie.pk: row.activiteit.locatie for row in rows}.values()
    )
    for row in rows:
        cal.add_component(
            event(
                row,
                host=host,
                page_url=page_url(row.activiteit),
                transparent=feed.transparent,
                point=points[row.activiteit.locatie.pk],
            )
        )
    return cal.to_ical()


@functools.lru_cache(maxsize=16)
def vtimezone(first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for Europe/Amsterdam from 1 January of `first_year` to the end of
    `last_year`, with every change of offset taken from zoneinfo.

    Built here rather than with icalendar's `Timezone.from_tzid`: icalendar 7.3 writes the
    onset of summer time as the wall-clock time after the change (DTSTART 03:00 with
    TZOFFSETFROM +0100), where RFC 5545 §3.6.5 reads DTSTART in the offset before it (02:00).
    Each change is its own STANDARD or DAYLIGHT observance, onset in the old offset."""
    start = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    timezone = Timezone()
    timezone.add("TZID", TZID)
    offset = start.astimezone(AMSTERDAM).utcoffset()
    timezone.add_component(_observance(start, offset, offset))
    for moment, before, after in _offset_changes(start, end):
        timezone.add_component(_observance(moment, before, after))
    return timezone


def _observance(moment: dt.datetime, before: dt.timedelta, after: dt.timedelta):
    local = moment.astimezone(AMSTERDAM)
    observance = TimezoneDaylight() if local.dst() else TimezoneStandard()
    observance.add("TZNAME", local.tzname())
    observance.TZOFFSETFROM = before
    observance.TZOFFSETTO = after
    observance.DTSTART = (moment + before).replace(tzinfo=None)
    return observance


def _offset_changes(start: dt.datetime, end: dt.datetime):
    """(UTC moment, offset before, offset after) for each change of Amsterdam's UTC offset in
    [start, end): a step per day, then halving to the second."""
    day = dt.timedelta(days=1)
    moment = start
    offset = moment.astimezone(AMSTERDAM).utcoffset()
    while moment < end:
        following = moment + day
        new = following.astimezone(AMSTERDAM).utcoffset()
        if new != offset:
            low, high = moment, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(AMSTERDAM).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            yield high.replace(microsecond=0), offset, new
            offset = new
        moment = following


# ---------------------------------------------------------------- one date in another calendar


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def google_url(occurrence, *, page_url: str) -> str:
    """'Add to Google Calendar' for one date: times in UTC ('…Z'), shown in Amsterdam time."""
    activiteit = occurrence.activiteit
    dates = "/".join(
        _utc(moment).strftime("%Y%m%dT%H%M%SZ") for moment in (occurrence.begin, occurrence.einde)
    )
    query = {
        "action": "TEMPLATE",
        "text": activiteit.titel,
        "dates": dates,
        "details": description(occurrence, page_url, short=True),
        "location": location(activiteit),
        "ctz": TZID,
    }
    return f"{GOOGLE_URL}?{urlencode(query, quote_via=quote)}"


def outlook_url(occurrence, *, page_url: str) -> str:
    """'Add to Outlook.com' for one date: times in UTC in ISO 8601 ('2027-01-05T09:00:00Z')."""
    activiteit = occurrence.activiteit
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": activiteit.titel,
        "startdt": _utc(occurrence.begin).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _utc(occurrence.einde).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "location": location(activiteit),
        "body": description(occurrence, page_url, short=True),
    }
    return f"{OUTLOOK_URL}?{urlencode(query, quote_via=quote)}"
