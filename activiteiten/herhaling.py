"""Plain-language recurrence choices and the RFC 5545 RRULE they stand for, both ways.

Welfare workers choose ‘elke week op dinsdag’, ‘om de week’, ‘elke eerste maandag van de
maand’ or ‘elke werkdag’ with an end (never, on a date, after a number of times); `to_rule`
writes the RRULE that activiteiten/schedule.py expands with python-dateutil, and `from_rule`
reads a stored rule back into those choices when it fits them, or answers None so that the
form shows it in the advanced field. Nothing here expands dates: dateutil does (schedule.py).

Rules are written in one canonical form, FREQ;INTERVAL;BYDAY|BYMONTHDAY;COUNT|UNTIL, with
UNTIL as a bare date (‘up to and including that day’, as schedule.py reads it).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activiteiten import schedule

WEEKDAGEN = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 names, Monday first
WERKDAGEN = WEEKDAGEN[:5]
MAX_AANTAL = 1000  # "na N keer": more than twenty years of a weekly activity


class Patroon(models.TextChoices):
    EENMALIG = "eenmalig", _("Eenmalig")
    WEKELIJKS = "wekelijks", _("Elke week")
    TWEEWEKELIJKS = "tweewekelijks", _("Om de week")
    MAANDELIJKS = "maandelijks", _("Elke maand")
    WERKDAGEN = "werkdagen", _("Elke werkdag (maandag tot en met vrijdag)")
    GEAVANCEERD = "geavanceerd", _("Geavanceerd: een eigen herhaalregel (RRULE)")


class Weekdag(models.TextChoices):
    MO = "MO", _("maandag")
    TU = "TU", _("dinsdag")
    WE = "WE", _("woensdag")
    TH = "TH", _("donderdag")
    FR = "FR", _("vrijdag")
    SA = "SA", _("zaterdag")
    SU = "SU", _("zondag")


class MaandSoort(models.TextChoices):
    WEEKDAG = "weekdag", _("Op een vaste weekdag, zoals de eerste maandag")
    DAG = "dag", _("Op een vaste dag, zoals de 15e")


class MaandWeek(models.TextChoices):
    EERSTE = "1", _("eerste")
    TWEEDE = "2", _("tweede")
    DERDE = "3", _("derde")
    VIERDE = "4", _("vierde")
    LAATSTE = "-1", _("laatste")


class Einde(models.TextChoices):
    NOOIT = "nooit", _("Nooit: de reeks loopt door")
    DATUM = "datum", _("Op een datum")
    AANTAL = "aantal", _("Na een aantal keer")


PLAIN_REPEATING = {
    Patroon.WEKELIJKS,
    Patroon.TWEEWEKELIJKS,
    Patroon.MAANDELIJKS,
    Patroon.WERKDAGEN,
}


@dataclass
class Keuze:
    """The plain choices of the activity form; only the parts the patroon needs are read."""

    patroon: str = Patroon.EENMALIG
    weekdagen: list[str] = field(default_factory=list)
    maand_soort: str = MaandSoort.WEEKDAG
    maand_week: str = MaandWeek.EERSTE
    maand_weekdag: str = "MO"
    maand_dag: int | None = None
    einde: str = Einde.NOOIT
    einde_datum: dt.date | None = None
    einde_aantal: int | None = None


def default_keuze(startdatum: dt.date | None) -> Keuze:
    """The choices a new form opens with: once, and should it repeat, on the first date's
    weekday (and its place in the month)."""
    if startdatum is None:
        return Keuze()
    weekdag = WEEKDAGEN[startdatum.weekday()]
    return Keuze(
        weekdagen=[weekdag],
        maand_week=nth_of_month(startdatum),
        maand_weekdag=weekdag,
        maand_dag=startdatum.day,
    )


def nth_of_month(day: dt.date) -> str:
    """'1'..'4' for the first to fourth such weekday of its month, '-1' for a fifth."""
    n = (day.day - 1) // 7 + 1
    return str(n) if n <= 4 else MaandWeek.LAATSTE


def to_rule(keuze: Keuze) -> str:
    """The RRULE text for the plain choices ('' for a one-off activity). Raises ValueError
    for choices the form should have refused (it checks them first, with Dutch messages)."""
    if keuze.patroon == Patroon.EENMALIG:
        return ""
    if keuze.patroon == Patroon.WERKDAGEN:
        parts = ["FREQ=WEEKLY", "BYDAY=" + ",".join(WERKDAGEN)]
    elif keuze.patroon in (Patroon.WEKELIJKS, Patroon.TWEEWEKELIJKS):
        dagen = [dag for dag in WEEKDAGEN if dag in keuze.weekdagen]
        if not dagen:
            raise ValueError("a weekly rule needs weekdays")
        parts = ["FREQ=WEEKLY"]
        if keuze.patroon == Patroon.TWEEWEKELIJKS:
            parts.append("INTERVAL=2")
        parts.append("BYDAY=" + ",".join(dagen))
    elif keuze.patroon == Patroon.MAANDELIJKS:
        parts = ["FREQ=MONTHLY"]
        if keuze.maand_soort == MaandSoort.DAG:
            if not keuze.maand_dag or not 1 <= keuze.maand_dag <= 31:
                raise ValueError("a day of the month is 1..31")
            parts.append(f"BYMONTHDAY={keuze.maand_dag}")
        else:
            if keuze.maand_week not in MaandWeek.values or keuze.maand_weekdag not in WEEKDAGEN:
                raise ValueError("an nth weekday needs its week and day")
            parts.append(f"BYDAY={keuze.maand_week}{keuze.maand_weekdag}")
    else:
        raise ValueError(f"no rule for {keuze.patroon!r}")
    if keuze.einde == Einde.DATUM:
        if keuze.einde_datum is None:
            raise ValueError("an end date is needed")
        parts.append(f"UNTIL={keuze.einde_datum:%Y%m%d}")
    elif keuze.einde == Einde.AANTAL:
        if not keuze.einde_aantal or not 1 <= keuze.einde_aantal <= MAX_AANTAL:
            raise ValueError("a count is 1..MAX_AANTAL")
        parts.append(f"COUNT={keuze.einde_aantal}")
    return ";".join(parts)


def rule_parts(herhaling: str) -> dict[str, str]:
    """{'FREQ': 'WEEKLY', 'BYDAY': 'TU', …} of an RRULE text, upper case, no 'RRULE:'."""
    text = "".join(herhaling.split()).upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts = {}
    for part in filter(None, text.split(";")):
        name, _sep, value = part.partition("=")
        parts[name] = value
    return parts


def until_date(value: str, begintijd: dt.time) -> dt.date:
    """The last day an UNTIL value lets the activity take place, given its begintijd: a bare
    date is that day; a moment (UTC with Z, else Amsterdam wall-clock) is its local day when
    the activity begins by then, else the day before."""
    if "T" not in value:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    moment = dt.datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        moment = moment.replace(tzinfo=dt.UTC).astimezone(schedule.AMSTERDAM).replace(tzinfo=None)
    if moment.time() >= begintijd:
        return moment.date()
    return moment.date() - dt.timedelta(days=1)


def from_rule(herhaling: str, startdatum: dt.date, begintijd: dt.time = dt.time()) -> Keuze | None:
    """The plain choices that give exactly the dates of `herhaling`, or None when the rule is
    not valid or does more than the plain choices can say (then it belongs in the advanced
    field). Equivalent spellings are recognised: FREQ=WEEKLY without BYDAY repeats on the
    first date's weekday, FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR is every working day."""
    keuze = default_keuze(startdatum)
    herhaling = "".join(herhaling.split()).upper()
    if not herhaling:
        return keuze
    try:
        schedule.parse_rule(herhaling, startdatum, begintijd)
    except ValidationError:
        return None
    parts = rule_parts(herhaling)
    freq = parts.pop("FREQ", "")
    interval = parts.pop("INTERVAL", "1")
    if parts.get("WKST", "MO") != "MO":
        return None  # with another week start, ‘om de week’ on two days may pair them otherwise
    parts.pop("WKST", None)
    if "COUNT" in parts:
        keuze.einde = Einde.AANTAL
        if not parts["COUNT"].isdigit() or not 1 <= int(parts["COUNT"]) <= MAX_AANTAL:
            return None
        keuze.einde_aantal = int(parts.pop("COUNT"))
    elif "UNTIL" in parts:
        keuze.einde = Einde.DATUM
        try:
            keuze.einde_datum = until_date(parts.pop("UNTIL"), begintijd)
        except ValueError:
            return None
    byday = [day for day in parts.pop("BYDAY", "").split(",") if day]
    bymonthday = parts.pop("BYMONTHDAY", "")
    if parts or interval not in {"1", "2"}:
        return None  # BYMONTH, BYSETPOS, INTERVAL=3, …: only the advanced field says that
    if (
        freq == "DAILY"
        and interval == "1"
        and not bymonthday
        and sorted(byday) == sorted(WERKDAGEN)
    ):
        keuze.patroon = Patroon.WERKDAGEN
        return keuze
    if freq == "WEEKLY" and not bymonthday:
        if not byday:
            byday = [WEEKDAGEN[startdatum.weekday()]]
        if any(day not in WEEKDAGEN for day in byday):
            return None  # an ordinal such as 2MO has no meaning in a weekly rule
        if interval == "1" and sorted(byday) == sorted(WERKDAGEN):
            keuze.patroon = Patroon.WERKDAGEN
        else:
            keuze.patroon = Patroon.WEKELIJKS if interval == "1" else Patroon.TWEEWEKELIJKS
        keuze.weekdagen = [day for day in WEEKDAGEN if day in byday]
        return keuze
    if freq == "MONTHLY" and interval == "1":
        keuze.patroon = Patroon.MAANDELIJKS
        if bymonthday and not byday:
            if not bymonthday.isdigit() or not 1 <= int(bymonthday) <= 31:
                return None  # -1 (the last day) and lists are advanced
            keuze.maand_soort = MaandSoort.DAG
            keuze.maand_dag = int(bymonthday)
            return keuze
        if not bymonthday and not byday:
            keuze.maand_soort = MaandSoort.DAG
            keuze.maand_dag = startdatum.day
            return keuze
        if not bymonthday and len(byday) == 1:
            week, weekdag = byday[0][:-2].lstrip("+"), byday[0][-2:]
            if week in MaandWeek.values and weekdag in WEEKDAGEN:
                keuze.maand_soort = MaandSoort.WEEKDAG
                keuze.maand_week = week
                keuze.maand_weekdag = weekdag
                return keuze
    return None


def with_until(herhaling: str, laatste_dag: dt.date) -> str:
    """`herhaling` ending on `laatste_dag` (inclusive): its COUNT or UNTIL replaced by
    UNTIL=<laatste_dag>, every other part kept as it was."""
    kept = [
        part
        for part in "".join(herhaling.split()).upper().removeprefix("RRULE:").split(";")
        if part and part.partition("=")[0] not in {"COUNT", "UNTIL"}
    ]
    return ";".join([*kept, f"UNTIL={laatste_dag:%Y%m%d}"])


def describe(keuze: Keuze) -> str:
    """A Dutch sentence for the choices, for lists and the history: ‘elke week op dinsdag’."""
    dagen = get_text_list([str(Weekdag(d).label) for d in keuze.weekdagen], gettext("en"))
    if keuze.patroon == Patroon.EENMALIG:
        return gettext("eenmalig")
    if keuze.patroon == Patroon.WERKDAGEN:
        text = gettext("elke werkdag")
    elif keuze.patroon == Patroon.WEKELIJKS:
        text = gettext("elke week op %(dagen)s") % {"dagen": dagen}
    elif keuze.patroon == Patroon.TWEEWEKELIJKS:
        text = gettext("om de week op %(dagen)s") % {"dagen": dagen}
    elif keuze.maand_soort == MaandSoort.DAG:
        text = gettext("elke maand op de %(dag)de") % {"dag": keuze.maand_dag}
    else:
        text = gettext("elke %(week)s %(dag)s van de maand") % {
            "week": MaandWeek(keuze.maand_week).label,
            "dag": Weekdag(keuze.maand_weekdag).label,
        }
    if keuze.einde == Einde.DATUM and keuze.einde_datum:
        text += " " + gettext("tot en met %(datum)s") % {"datum": f"{keuze.einde_datum:%d-%m-%Y}"}
    elif keuze.einde == Einde.AANTAL and keuze.einde_aantal:
        text += " " + gettext("(%(n)d keer)") % {"n": keuze.einde_aantal}
    return text


def describe_rule(herhaling: str, startdatum: dt.date, begintijd: dt.time) -> str:
    """The sentence for a stored rule, or the rule itself when it is beyond the plain
    choices: ‘elke week op dinsdag’, ‘eigen regel: FREQ=YEARLY;BYMONTH=4’."""
    keuze = from_rule(herhaling, startdatum, begintijd)
    if keuze is None:
        return gettext("eigen regel: %(regel)s") % {"regel": herhaling}
    return describe(keuze)


_TEXT_END_DATE = re.compile(r"\s+tot en met (\d{1,2})-(\d{1,2})-(\d{4})$")
_TEXT_END_COUNT = re.compile(r"\s*\(?(\d+) ?(?:keer|x)\)?$")
_TEXT_WEEKLY = re.compile(r"(elke week|om de week) op (.+)")
_TEXT_MONTH_DAY = re.compile(r"elke maand op de (\d{1,2})(?:e|de|ste)?")
_TEXT_MONTH_NTH = re.compile(r"elke (\S+) (\S+) van de maand")


def _weekday_from_text(word: str) -> str | None:
    """'dinsdag' or 'di' → 'TU' (Dutch names, as describe() writes them)."""
    word = word.strip()
    if len(word) < 2:
        return None
    with translation.override("nl"):
        for code, label in Weekdag.choices:
            if str(label) == word or str(label).startswith(word):
                return code
    return None


def from_text(text: str) -> Keuze | None:
    """The plain choices for a sentence as describe() writes it (in Dutch): ‘eenmalig’, ‘elke
    werkdag’, ‘elke week op dinsdag en donderdag’, ‘om de week op woensdag’, ‘elke maand op de
    15de’, ‘elke eerste maandag van de maand’, each optionally followed by ‘tot en met
    31-12-2027’ or ‘(8 keer)’. None when the sentence is not one of those. Used where people
    type a schedule in a cell (the bulk import), so that a file says what the form offers."""
    text = " ".join(text.lower().split()).rstrip(".")
    keuze = Keuze()
    if match := _TEXT_END_DATE.search(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            keuze.einde_datum = dt.date(year, month, day)
        except ValueError:
            return None
        keuze.einde = Einde.DATUM
        text = text[: match.start()]
    elif (match := _TEXT_END_COUNT.search(text)) and text[: match.start()].strip():
        keuze.einde_aantal = int(match.group(1))
        if not 1 <= keuze.einde_aantal <= MAX_AANTAL:
            return None
        keuze.einde = Einde.AANTAL
        text = text[: match.start()]
    text = text.strip()
    if text in ("", "eenmalig", "één keer", "een keer"):
        return Keuze() if keuze.einde == Einde.NOOIT else None
    if text in ("elke werkdag", "iedere werkdag"):
        keuze.patroon = Patroon.WERKDAGEN
        return keuze
    if match := _TEXT_WEEKLY.fullmatch(text):
        dagen = [_weekday_from_text(w) for w in re.split(r",| en ", match.group(2)) if w.strip()]
        if not dagen or None in dagen:
            return None
        keuze.patroon = (
            Patroon.WEKELIJKS if match.group(1) == "elke week" else Patroon.TWEEWEKELIJKS
        )
        keuze.weekdagen = [dag for dag in WEEKDAGEN if dag in dagen]
        return keuze
    if match := _TEXT_MONTH_DAY.fullmatch(text):
        keuze.patroon = Patroon.MAANDELIJKS
        keuze.maand_soort = MaandSoort.DAG
        keuze.maand_dag = int(match.group(1))
        return keuze if 1 <= keuze.maand_dag <= 31 else None
    if match := _TEXT_MONTH_NTH.fullmatch(text):
        with translation.override("nl"):
            weeks = {str(label): value for value, label in MaandWeek.choices}
        week, dag = weeks.get(match.group(1)), _weekday_from_text(match.group(2))
        if week is None or dag is None:
            return None
        keuze.patroon = Patroon.MAANDELIJKS
        keuze.maand_soort = MaandSoort.WEEKDAG
        keuze.maand_week, keuze.maand_weekdag = week, dag
        return keuze
    return None


def canonical_text(herhaling: str, startdatum: dt.date, begintijd: dt.time) -> str:
    """The Dutch sentence for a stored rule when from_text() reads it back to exactly this
    rule, else the rule itself: what a file shows so that reading it again changes nothing."""
    rule = "".join(herhaling.split()).upper().removeprefix("RRULE:")
    keuze = from_rule(rule, startdatum, begintijd)
    if keuze is None or to_rule(keuze) != rule:
        return rule
    with translation.override("nl"):
        return describe(keuze)
