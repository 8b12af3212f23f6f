"""Paging a public list whose page number comes from the address bar."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def page_or_nearest(paginator: Paginator, number: str | None) -> tuple[Page, str]:
    """The requested page, or the nearest existing one with a sentence saying so (a resident
    who edits the address gets a page and an explanation, never an error)."""
    try:
        return paginator.page(number or 1), ""
    except PageNotAnInteger:
        return paginator.page(1), _(
            "„%(pagina)s” is geen paginanummer; dit is de eerste pagina."
        ) % {"pagina": number[:20]}
    except EmptyPage:
        if int(number) < 1:
            return paginator.page(1), _("Pagina’s beginnen bij 1; dit is de eerste pagina.")
        return paginator.page(paginator.num_pages), ngettext(
            "Er is maar %(aantal)s pagina; dit is die pagina.",
            "Er zijn maar %(aantal)s pagina’s; dit is de laatste.",
            paginator.num_pages,
        ) % {"aantal": paginator.num_pages}
