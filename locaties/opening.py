"""Whether a Locatie is open: now, next, and the week's hours as residents read them.

Plain functions over the place's prefetched `openingstijden` and `sluitingen`, so a page that
shows the status of many places asks the database nothing extra. Times are wall-clock times in
Europe/Amsterdam: 09:00 on a Tuesday is 09:00 in summer and winter, also on the weekend the
clocks change.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kern.timezones import AMSTERDAM
from locaties.constants import Weekdag

# How far ahead to look for the next opening: long enough to get past a summer break or a
# renovation, short enough to stay a few hundred cheap steps.
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Status:
    """A place's state at one moment.

    `known` is False when the place has no opening hours at all ("op afspraak"). When open,
    `closes_at` is the end of the current (merged) period; when closed, `next_opening` is the
    next start, or None when nothing is planned within the horizon. `closure` is the Sluiting
    in force today, if any.
    """

    now: dt.datetime
    known: bool
    is_open: bool
    closes_at: dt.datetime | None = None
    next_opening: dt.datetime | None = None
    closure: object | None = None

    @property
    def text(self) -> str:
        return status_text(self)

    @property
    def html(self) -> str:
        """`text`, escaped, with the reason of a closure (typed by partners, so Dutch on an
        English page too) marked lang="nl"."""
        html = escape(self.text)
        reden = (self.closure.reden or "").strip() if self.closure else ""
        if reden:
            marked = escape(reden)
            html = html.replace(f"({marked})", f'(<span lang="nl">{marked}</span>)', 1)
        return mark_safe(html)  # built from escaped text only


def periods_by_weekday(openingstijden) -> dict[int, list[tuple[dt.time, dt.time]]]:
    """{weekday: [(van, tot), ...]} with touching or overlapping periods merged, so that
    09:00–12:00 and 12:00–17:00 read as one period that closes at 17:00."""
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for tijd in sorted(openingstijden, key=lambda t: (t.weekdag, t.van)):
        periods = by_day.setdefault(tijd.weekdag, [])
        if periods and tijd.van <= periods[-1][1]:
            periods[-1] = (periods[-1][0], max(periods[-1][1], tijd.tot))
        else:
            periods.append((tijd.van, tijd.tot))
    return by_day


def closure_on(sluitingen, day: dt.date):
    """The Sluiting that covers `day`, or None (the one that lasts longest when they overlap)."""
    covering = [s for s in sluitingen if s.van <= day <= s.tot]
    return max(covering, key=lambda s: s.tot, default=None)


def status_now(locatie, now: dt.datetime) -> Status:
    """Open or closed at `now` (an aware datetime), with until when or from when."""
    return status_at(locatie.openingstijden.all(), locatie.sluitingen.all(), now)


def status_at(openingstijden, sluitingen, now: dt.datetime) -> Status:
    """`status_now` from a place's Openingstijd rows and its Sluitingen (those that end
    before `now` may be left out), for a caller that keeps them apart from the place."""
    local = now.astimezone(AMSTERDAM)
    by_day = periods_by_weekday(openingstijden)
    sluitingen = list(sluitingen)
    today = local.date()
    closure = closure_on(sluitingen, today)
    if not by_day:
        return Status(now=local, known=False, is_open=False, closure=closure)

    clock = local.time().replace(tzinfo=None)
    if closure is None:
        for van, tot in by_day.get(today.weekday(), []):
            if van <= clock < tot:
                return Status(now=local, known=True, is_open=True, closes_at=_aware(today, tot))
    return Status(
        now=local,
        known=True,
        is_open=False,
        next_opening=_next_opening(by_day, sluitingen, today, clock),
        closure=closure,
    )


def _next_opening(by_day, sluitingen, today: dt.date, clock: dt.time) -> dt.datetime | None:
    for offset in range(HORIZON_DAYS):
        day = today + dt.timedelta(days=offset)
        periods = by_day.get(day.weekday())
        if not periods or closure_on(sluitingen, day):
            continue
        for van, _tot in periods:
            if offset > 0 or van > clock:
                return _aware(day, van)
    return None


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    # zoneinfo resolves a wall-clock time on the day the clocks change (fold=0: the first).
    return dt.datetime.combine(day, time, tzinfo=AMSTERDAM)


def status_text(status: Status) -> str:
    """One honest Dutch sentence: 'Nu open, sluit om 12:00', 'Gesloten, opent dinsdag om
    09:00', 'Tijdelijk gesloten tot en met 13 augustus (zomerstop)'."""
    if not status.known:
        if status.closure:
            return _closure_text(status.closure)
        return _("Geen vaste openingstijden: open op afspraak")
    if status.is_open:
        return _("Nu open, sluit om %(tijd)s") % {"tijd": _clock(status.closes_at)}
    parts = []
    if status.closure:
        parts.append(_closure_text(status.closure))
    else:
        parts.append(_("Nu gesloten"))
    if status.next_opening:
        parts.append(_opens_text(status.next_opening, status.now.date(), bool(status.closure)))
    else:
        parts.append(_("geen openingstijden gepland"))
    return ", ".join(parts)


def _closure_text(closure) -> str:
    text = _("Tijdelijk gesloten tot en met %(datum)s") % {
        "datum": formats.date_format(closure.tot, "j F")
    }
    if closure.reden:
        text += f" ({closure.reden.strip()})"
    return text


def _opens_text(moment: dt.datetime, today: dt.date, again: bool) -> str:
    day = moment.date()
    values = {"tijd": _clock(moment)}
    if day == today:
        return _("opent vandaag om %(tijd)s") % values
    if day == today + dt.timedelta(days=1):
        if again:
            return _("opent weer morgen om %(tijd)s") % values
        return _("opent morgen om %(tijd)s") % values
    if day < today + dt.timedelta(days=7):
        values["dag"] = formats.date_format(day, "l")
        if again:
            return _("opent weer %(dag)s om %(tijd)s") % values
        return _("opent %(dag)s om %(tijd)s") % values
    values["dag"] = formats.date_format(day, "l j F")
    if again:
        return _("opent weer op %(dag)s om %(tijd)s") % values
    return _("opent op %(dag)s om %(tijd)s") % values


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def week_hours(tijden) -> list[tuple[str, list[tuple[dt.time, dt.time]]]]:
    """(day name, periods) for Monday to Sunday from Openingstijd or Begeleidingstijd rows;
    a day without periods has an empty list."""
    by_day = periods_by_weekday(tijden)
    return [(Weekdag(weekday).label, by_day.get(weekday, [])) for weekday in range(7)]


def upcoming_closures(sluitingen, today: dt.date) -> list:
    """Of a place's Sluitingen, those that have not ended yet, first first."""
    return sorted((s for s in sluitingen if s.tot >= today), key=lambda s: s.van)
