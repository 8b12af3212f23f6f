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
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import CharField, Count, Func, Max, QuerySet
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vText,
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
    path: str = ""  # the feed's own address, in the active language

    def lookups(self, prefix: str) -> dict:
        return {f"{prefix}{name}": value for name, value in self.filters.items()}

    def occurrences(self, start: dt.date, end: dt.date) -> QuerySet:
        """The published dates of the feed in [start, end], in the order of the events, on
        the (datum, begin) index."""
        return Occurrence.objects.filter(
            Activiteit.objects.openbaar_q("activiteit__"),
            datum__range=(start, end),
            **self.lookups("activiteit__"),
        ).order_by("begin", "activiteit_id")


def voor_locatie(locatie) -> Feed:
    return Feed(
        naam=_("Activiteiten bij %(naam)s") % {"naam": locatie.naam},
        key=f"locatie-{locatie.pk}",
        bestandsnaam=f"{locatie.slug}.ics",
        filters={"locatie": locatie},
        page_path=reverse("publiek:locatie", args=[locatie.slug]),
        path=reverse("activiteiten:feed_locatie", args=[locatie.slug]),
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
        path=reverse("activiteiten:feed_wijk", args=[wijk.slug]),
    )


def voor_organisatie(partner) -> Feed:
    return Feed(
        naam=_("Activiteiten van %(naam)s") % {"naam": partner.naam},
        key=f"organisatie-{partner.pk}",
        bestandsnaam=f"{partner.slug}.ics",
        filters={"organisator": partner},
        path=reverse("activiteiten:feed_organisatie", args=[partner.slug]),
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
        path=reverse("activiteiten:feed", args=[activiteit.slug]),
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


# ------------------------------------------------------- built ahead, served from the cache

# How long the cache remembers in which forms (scheme, host, language) a feed was asked for,
# so that a change builds those again in the background.
VARIANTS_SECONDS = 30 * 24 * 60 * 60
MAX_VARIANTS = 8


@dataclass(frozen=True)
class Variant:
    """What a feed's body depends on besides its data: the scheme and host in its URLs and
    UIDs and the language of its texts."""

    scheme: str
    netloc: str  # host and port, for URLs
    language: str

    @classmethod
    def of(cls, request) -> "Variant":
        return cls(request.scheme, request.get_host(), translation.get_language())

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def host(self) -> str:
        """The host part of UIDs: without the port."""
        domain, _port = split_domain_port(self.netloc)
        return domain or "localhost"

    @property
    def key(self) -> str:
        return f"{self.base_url}|{self.language}"


def body_key(validators: "Validators") -> str:
    # The ETag names everything the body is made of, so a change makes a new key.
    return f"activiteiten.feed.{validators.etag}"


def keep(key: str, body: bytes) -> None:
    """Put a feed's body in the cache, compressed: the text repeats each activity's lines on
    every date, so it shrinks some twentyfold, and a big feed is read back that much faster."""
    cache.set(key, zlib.compress(body, 1), CACHE_SECONDS)


def build(feed: Feed, variant: Variant, start: dt.date, end: dt.date) -> bytes:
    return calendar(
        feed,
        feed.occurrences(start, end),
        base_url=variant.base_url,
        host=variant.host,
        source=variant.base_url + feed.path,
        start=start,
        end=end,
    )


def cached_or_built(
    feed: Feed, validators: "Validators", *, variant: Variant, start: dt.date, end: dt.date
) -> bytes:
    """The feed's body from the cache (built ahead by `build_ahead`, or by an earlier
    request), else built now, kept, and the variant remembered for the next change."""
    key = body_key(validators)
    variants_key = f"activiteiten.feed.varianten.{feed.key}"
    found = cache.get_many([key, variants_key])
    if key in found:
        body = zlib.decompress(found[key])
    else:
        body = build(feed, variant, start, end)
        keep(key, body)
    # Kept as plain tuples, so that what the cache holds does not depend on this module.
    known = found.get(variants_key) or []
    asked = (variant.scheme, variant.netloc, variant.language)
    if asked not in known:
        cache.set(variants_key, [asked, *known][:MAX_VARIANTS], VARIANTS_SECONDS)
    return body


def feeds_of(activiteit) -> list:
    """(make_feed, subject) of every feed an activity's dates appear in: its own, its
    place's, its organisation's, its wijk's and its buurt's. Made in the language of a
    variant, since the feed's name is translated."""
    locatie = activiteit.locatie
    found = [(voor_activiteit, activiteit), (voor_locatie, locatie)]
    found.append((voor_organisatie, activiteit.organisator))
    found += [(voor_wijk, wijk) for wijk in (locatie.wijk, locatie.buurt) if wijk is not None]
    return found


def build_ahead(activiteit_ids, *, today: dt.date) -> int:
    """Build, in every variant it was asked for, each feed that holds one of these
    activities and put it in the cache under the ETag a request will compute; returns the
    number of bodies built. Feeds nobody asked for are left to their first request."""
    start, end = window(today)
    activiteiten = Activiteit.objects.filter(pk__in=activiteit_ids).select_related(
        "organisator", "locatie__wijk", "locatie__buurt"
    )
    built, done = 0, set()
    for activiteit in activiteiten:
        for make_feed, subject in feeds_of(activiteit):
            key = (make_feed, subject.pk)
            if key in done:
                continue
            done.add(key)
            with translation.override(settings.LANGUAGE_CODE):
                feed_key = make_feed(subject).key
            for asked in cache.get(f"activiteiten.feed.varianten.{feed_key}") or []:
                variant = Variant(*asked)
                with translation.override(variant.language):
                    feed = make_feed(subject)
                    found = validators(feed, start, end, variant=variant.key)
                    if cache.get(body_key(found)) is None:
                        keep(body_key(found), build(feed, variant, start, end))
                        built += 1
    return built


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
    return _status_tekst(
        vervalt=occurrence.vervalt,
        uitzondering=occurrence.uitzondering,
        verplaatst=occurrence.is_verplaatst,
        datum=occurrence.datum,
        oorspronkelijke_datum=occurrence.oorspronkelijke_datum,
    )


def _status_tekst(*, vervalt, uitzondering, verplaatst, datum, oorspronkelijke_datum) -> str:
    if vervalt:
        return vervalt_tekst(uitzondering)
    if verplaatst and datum != oorspronkelijke_datum:
        return _("Verplaatst van %(datum)s.") % {
            "datum": formats.date_format(oorspronkelijke_datum, "l j F")
        }
    if verplaatst:
        return _("Andere tijd dan gewoonlijk.")
    return ""


def description(occurrence, page_url: str, *, short: bool = False) -> str:
    """The text of an event: what is different about this date, what the activity is, what
    it costs, how to sign up, who organises it, and where to read more."""
    return "\n\n".join(
        line
        for line in (
            status_tekst(occurrence),
            about(occurrence.activiteit, page_url, short=short),
        )
        if line
    )


def about(activiteit, page_url: str, *, short: bool = False) -> str:
    """The part of an event's text that is the same on every date of the activity."""
    omschrijving = activiteit.omschrijving.strip()
    if short and omschrijving:
        omschrijving = Truncator(omschrijving).chars(LINK_TEXT_CHARS)
    lines = [
        omschrijving,
        kosten_tekst(activiteit),
        aanmelden_tekst(activiteit),
        _("Georganiseerd door %(naam)s.") % {"naam": activiteit.organisator.naam},
        _("Meer informatie: %(url)s") % {"url": page_url},
    ]
    return "\n\n".join(line for line in lines if line)


# The columns of a date that an event needs; the rest comes from its activity, read once.
DATE_COLUMNS = (
    "pk",
    "activiteit_id",
    "oorspronkelijke_datum",
    "datum",
    "begin",
    "einde",
    "vervalt",
    "uitzondering_id",
    "uitzondering__reden",
)


@dataclass(frozen=True)
class _Reden:
    reden: str


def calendar(
    feed: Feed,
    dates: QuerySet,
    *,
    base_url: str,
    host: str,
    source: str,
    start: dt.date,
    end: dt.date,
) -> bytes:
    """The feed's `dates` (Occurrences in [start, end]) as an RFC 5545 VCALENDAR
    (METHOD:PUBLISH) with a VTIMEZONE for Amsterdam that covers the window. `base_url` is
    scheme and host ("https://example.org"), `host` the host part of UIDs, `source` the
    feed's own address.

    The calendar around the events comes from icalendar; the events are written as text
    from `.values_list()` rows, each property escaped by icalendar (vText) and folded at
    75 octets, and what is the same on every date of an
    activity (its text, place, categories, times of change) once per activity: thousands of
    dates take a fraction of a second, where an icalendar Event per date took seconds.
    Two queries: the dates, and their activities with place, room and organiser."""
    cal = Calendar.new(
        prodid=f"-//{settings.SITE_NAME}//Agenda//{translation.get_language().upper()}",
        name=feed.naam,
        method="PUBLISH",
        calscale="GREGORIAN",
        uid=f"{feed.key}@{host}",
        url=base_url + feed.page_path if feed.page_path else None,
        source=source,
        refresh_interval=REFRESH,
        description=_(
            "Activiteiten van %(site)s. Wijzigingen en vervallen data komen vanzelf mee."
        )
        % {"site": settings.SITE_NAME},
    )
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.subcomponents.append(vtimezone(start.year, end.year))
    head = cal.to_ical()
    closing = b"END:VCALENDAR\r\n"
    assert head.endswith(closing)

    if connections[dates.db].vendor == "postgresql":
        # The local times as iCalendar writes them, by PostgreSQL: no datetime per date to
        # read and convert in Python.
        dates = dates.annotate(
            begin_tekst=_LocalStamp("begin"), einde_tekst=_LocalStamp("einde")
        ).values_list(*DATE_COLUMNS[:4], "begin_tekst", "einde_tekst", *DATE_COLUMNS[6:])
    else:
        dates = dates.values_list(*DATE_COLUMNS)
    rows = list(dates)
    activiteiten = Activiteit.objects.filter(pk__in={row[1] for row in rows}).select_related(
        "locatie", "ruimte", "organisator"
    )
    activiteiten = {activiteit.pk: activiteit for activiteit in activiteiten}
    points = geo.public_points({a.locatie_id: a.locatie for a in activiteiten.values()}.values())
    detail = reverse("activiteiten:detail", args=["slug-placeholder"])
    parts = {
        pk: _Vast.of(
            activiteit,
            page_url=base_url + detail.replace("slug-placeholder", activiteit.slug),
            point=points[activiteit.locatie_id],
            transparent=feed.transparent,
        )
        for pk, activiteit in activiteiten.items()
    }
    descriptions: dict[tuple[int, str], str] = {}
    events = []
    for pk, activiteit_id, oorspronkelijk, datum, begin, einde, vervalt, u_id, reden in rows:
        vast = parts[activiteit_id]
        status = _status_tekst(
            vervalt=vervalt,
            uitzondering=_Reden(reden or "") if u_id is not None else None,
            verplaatst=datum != oorspronkelijk or (u_id is not None and not vervalt),
            datum=datum,
            oorspronkelijke_datum=oorspronkelijk,
        )
        text = descriptions.get((activiteit_id, status))
        if text is None:
            text = descriptions[activiteit_id, status] = _line(
                "DESCRIPTION",
                _escaped(status) + "\\n\\n" + vast.description if status else vast.description,
            )
        events.append(
            "BEGIN:VEVENT\r\n"
            f"{vast.summary_vervalt if vervalt else vast.summary}"
            f"DTSTART;TZID={TZID}:{_stamp(begin)}\r\n"
            f"DTEND;TZID={TZID}:{_stamp(einde)}\r\n"
            f"{vast.stamp}"
            + _line("UID", f"{activiteit_id}-{oorspronkelijk:%Y%m%d}@{host}")
            + f"SEQUENCE:{pk}\r\n"
            f"{vast.categories}"
            "CLASS:PUBLIC\r\n"
            f"{text}{vast.geo}{vast.last_modified}{vast.location}"
            f"STATUS:{'CANCELLED' if vervalt else 'CONFIRMED'}\r\n"
            f"{vast.transp}{vast.url}"
            "END:VEVENT\r\n"
        )
    return head[: -len(closing)] + "".join(events).encode() + closing


def _line(name: str, value: str) -> str:
    """One content line, `value` already escaped, folded into pieces of at most 75 octets
    (RFC 5545 §3.1) without splitting a character."""
    line = f"{name}:{value}"
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
    data = line.encode()
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, 74  # a continuation line starts with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode() + "\r\n"


class _LocalStamp(Func):
    """A moment as Amsterdam wall-clock time in iCalendar's form, 20270112T100000
    (PostgreSQL)."""

    template = f"to_char(%(expressions)s AT TIME ZONE '{TZID}', 'YYYYMMDD\"T\"HH24MISS')"
    output_field = CharField()


def _stamp(moment) -> str:
    """The local time of a date's begin or end: already text from PostgreSQL (_LocalStamp),
    or a datetime to convert."""
    if isinstance(moment, str):
        return moment
    return f"{moment.astimezone(AMSTERDAM):%Y%m%dT%H%M%S}"


def _escaped(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (backslash, comma, semicolon, newline)."""
    return vText(value).to_ical().decode()


def _text(name: str, value: str) -> str:
    return _line(name, _escaped(value))


@dataclass(frozen=True)
class _Vast:
    """The content lines of an event that are the same on every date of an activity."""

    summary: str
    summary_vervalt: str
    description: str  # escaped, not folded: a date's status goes before it
    stamp: str
    last_modified: str
    categories: str
    geo: str
    location: str
    transp: str
    url: str

    @classmethod
    def of(cls, activiteit, *, page_url: str, point, transparent: bool) -> "_Vast":
        changed = f"{activiteit.gewijzigd_op.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
        return cls(
            summary=_text("SUMMARY", activiteit.titel),
            summary_vervalt=_text(
                "SUMMARY", _("%(titel)s (vervalt)") % {"titel": activiteit.titel}
            ),
            description=_escaped(about(activiteit, page_url)),
            stamp=f"DTSTAMP:{changed}\r\n",
            last_modified=f"LAST-MODIFIED:{changed}\r\n",
            categories=_text("CATEGORIES", str(activiteit.get_categorie_display())),
            geo=f"GEO:{point.latitude};{point.longitude}\r\n" if point is not None else "",
            location=_text("LOCATION", location(activiteit)),
            transp=f"TRANSP:{'TRANSPARENT' if transparent else 'OPAQUE'}\r\n",
            url=_line("URL", page_url),
        )


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
