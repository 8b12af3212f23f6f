"""The lines of a programme and their wording, for every page that shows activities' dates
(the agenda, an activity's page, and the place and wijk pages of `publiek`):

    {% load agenda %}
    {% agenda_regel item show_place=True %}
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from activiteiten import schedule
from activiteiten.models import Occurrence

register = template.Library()


@register.filter
def bedrag(value) -> str:
    """'€ 2,50': an amount in euros in the notation of the active language."""
    return f"€\u00a0{formats.number_format(value, 2)}"


def _vervalt_reden(uitzondering) -> str:
    reden = (getattr(uitzondering, "reden", "") or "").strip()
    if reden.lower().startswith("vervalt"):
        reden = reden[len("vervalt") :].lstrip(" :—-")
    return reden


@register.filter
def vervalt_tekst(uitzondering) -> str:
    """'Vervalt: Koningsdag' for a cancelled date ('Vervalt' without a reason)."""
    reden = _vervalt_reden(uitzondering)
    if not reden:
        return _("Vervalt")
    return _("Vervalt: %(reden)s") % {"reden": reden}


@register.filter
def vervalt_html(uitzondering) -> SafeString:
    """vervalt_tekst as HTML, the reason (typed by partners, so Dutch on an English page too)
    marked lang="nl"."""
    reden = _vervalt_reden(uitzondering)
    if not reden:
        return mark_safe(escape(_("Vervalt")))
    marked = f'<span lang="nl">{escape(reden)}</span>'
    return mark_safe(escape(_("Vervalt: %(reden)s")) % {"reden": marked})  # escaped above


@register.filter
def verplaatst_tekst(item: Occurrence) -> str:
    """'Verplaatst van dinsdag 27 april' for a date moved to another day; 'Andere tijd (anders
    10:00–12:00)' for one moved within its day."""
    activiteit = item.activiteit
    if item.datum != item.oorspronkelijke_datum:
        tekst = _("Verplaatst van %(datum)s") % {
            "datum": formats.date_format(item.oorspronkelijke_datum, "l j F")
        }
    else:
        tekst = _("Andere tijd (anders %(begin)s–%(einde)s)") % {
            "begin": activiteit.begintijd.strftime("%H:%M"),
            "einde": activiteit.eindtijd.strftime("%H:%M"),
        }
    return tekst


# One line of a programme ------------------------------------------------------------------

MEMO = "agenda_regel"
SLUG_PLACEHOLDER = "slug-placeholder"


@register.simple_tag(takes_context=True)
def agenda_regel(context, item: Occurrence, show_place=True) -> SafeString:
    """One line of a programme (an Occurrence with its activity, or an agenda.Regel) as
    HTML: when (with 'vervalt' or 'verplaatst'), what, where and the practical details.

    Built here with plain string formatting rather than in a template, because a gemeente's
    week holds hundreds of lines (template nodes and format_html cost several times as much),
    and the part that depends only on the activity is built once per activity per render.
    Every value is escaped."""
    return SafeString(_regel_html(_memo(context), item, bool(show_place)))


@register.simple_tag(takes_context=True)
def agenda_regels(context, items, show_place=True) -> SafeString:
    """The lines of `items` (a day of a programme), each as `agenda_regel` writes it: one tag
    for the day rather than one per line, as a week holds hundreds."""
    memo, show_place = _memo(context), bool(show_place)
    return SafeString("".join(_regel_html(memo, item, show_place) for item in items))


def _memo(context) -> dict:
    memo = context.render_context.get(MEMO)
    if memo is None:
        memo = context.render_context[MEMO] = {
            # Slugs are URL-safe, so one reverse() serves every place and activity.
            "place_url": reverse("publiek:locatie", args=[SLUG_PLACEHOLDER]),
            "activiteit_url": reverse("activiteiten:detail", args=[SLUG_PLACEHOLDER]),
        }
    return memo


def _regel_html(memo: dict, item, show_place: bool) -> str:
    key = (item.activiteit_id, show_place)
    over = memo.get(key)
    if over is None:
        over = memo[key] = _activiteit_html(item.activiteit, show_place, memo)
    begin, einde = (
        item.begin.astimezone(schedule.AMSTERDAM),
        item.einde.astimezone(schedule.AMSTERDAM),
    )
    status, modifier = "", ""
    if item.vervalt:
        modifier = " agenda__item--vervalt"
        status = (
            f' <strong class="label label--vervalt">{vervalt_html(item.uitzondering)}</strong>'
        )
    elif item.is_verplaatst:
        # A short badge (badges do not wrap), then the reason as plain text.
        status = f' <strong class="badge badge--warning">{escape(verplaatst_tekst(item))}</strong>'
        reden = (getattr(item.uitzondering, "reden", "") or "").strip()
        if reden:
            status += f' <span lang="nl">{escape(reden)}</span>'
    # Every value above and in `over` is escaped.
    return (
        f'<li class="agenda__item{modifier}"><p class="agenda__when">'
        f'<time datetime="{begin.isoformat()}">{begin:%H:%M}–{einde:%H:%M}</time>{status}</p>'
        f"{over}</li>"
    )


def _activiteit_html(activiteit, show_place: bool, urls: dict) -> str:
    """What (linking the activity's page), where and the details of an agenda line, escaped:
    the same on each of its dates."""
    url = urls["activiteit_url"].replace(SLUG_PLACEHOLDER, activiteit.slug)
    html = (
        f'<p class="agenda__what"><a href="{escape(url)}" lang="nl"><strong>'
        f"{escape(activiteit.titel)}</strong></a></p>"
    )
    if show_place:
        locatie = activiteit.locatie
        url = urls["place_url"].replace(SLUG_PLACEHOLDER, locatie.slug)
        html += (
            f'<p class="agenda__where"><a href="{escape(url)}">{escape(locatie.naam)}</a>'
            f'<span class="agenda__plaats">, {escape(locatie.plaats)}</span></p>'
        )
    # Text that partners typed is Dutch whatever the page's language: marked lang="nl".
    kosten = escape(_("Gratis") if activiteit.is_gratis else bedrag(activiteit.kosten))
    if activiteit.kosten_toelichting:
        kosten += f' (<span lang="nl">{escape(activiteit.kosten_toelichting)}</span>)'
    if activiteit.aanmelden_nodig:
        aanmelden = escape(_("aanmelden nodig"))
        if activiteit.aanmelden_via:
            aanmelden += f': <span lang="nl">{escape(activiteit.aanmelden_via)}</span>'
    else:
        aanmelden = escape(_("aanmelden niet nodig"))
    details = [kosten, aanmelden]
    if activiteit.alleen_voor_doelgroep:
        doelgroepen = activiteit.doelgroepen
        if not isinstance(doelgroepen, tuple):  # an Activiteit; agenda.Wat has the labels
            doelgroepen = [str(d) for d in doelgroepen.all()]
        groepen = ", ".join(label.lower() for label in doelgroepen)
        details.append(escape(f"{_('alleen voor')} {groepen or _('de doelgroep')}"))
    return html + f'<p class="agenda__details">{" · ".join(details)}</p>'
