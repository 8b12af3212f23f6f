"""Public views of activities."""

import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from activiteiten import agenda
from activiteiten.filters import AgendaFilter
from activiteiten.models import Activiteit
from activiteiten.occurrences import horizon_end
from kern.paginering import page_or_nearest

# Lines per page of the agenda when no place or wijk is chosen.
PER_PAGE = 100


def agenda_week(request):
    """The week's activities, day by day, filtered; with `locatie` or `wijk` it is that
    place's or wijk's week programme, printable on one page for the notice board."""
    today = timezone.localdate()
    monday, week_message = agenda.parse_week(request.GET.get("week"), today)
    sunday = monday + dt.timedelta(days=6)
    filterset = AgendaFilter(request.GET, queryset=Activiteit.objects.openbaar())
    regels = agenda.Regels(filterset.qs, monday, sunday)
    horizon_message = agenda.horizon_notice(monday, today)

    cleaned = filterset.form.cleaned_data
    locatie, wijk = cleaned.get("locatie"), cleaned.get("wijk")
    # A place's or wijk's week is a programme to print on one page; the agenda of a gemeente
    # or the whole country is read in pages.
    page, page_notice, query_without_page = None, "", ""
    if locatie or wijk:
        items = regels[:]
        count = len(items)
    else:
        page, page_notice = page_or_nearest(Paginator(regels, PER_PAGE), request.GET.get("pagina"))
        items, count = page.object_list, page.paginator.count
        without_page = request.GET.copy()
        without_page.pop("pagina", None)
        query_without_page = without_page.urlencode()
    if locatie:
        more_info = reverse("publiek:locatie", args=[locatie.slug])
    elif wijk:
        more_info = reverse("publiek:wijk", args=[wijk.slug])
    else:
        more_info = request.get_full_path()
    first, last = agenda.week_bounds(today)
    previous_week = monday - dt.timedelta(days=7)
    next_week = monday + dt.timedelta(days=7)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "days": agenda.by_day(items),
        "count": count,
        "page": page,
        "page_notice": page_notice,
        "query_without_page": query_without_page,
        "monday": monday,
        "sunday": sunday,
        "today": today,
        "week": agenda.week_param(monday),
        "week_number": monday.isocalendar().week,
        "is_this_week": monday == agenda.monday_of(today),
        "this_week": agenda.week_param(agenda.monday_of(today)),
        "previous_week": agenda.week_param(previous_week) if previous_week >= first else None,
        # The first week past the stored dates says so; the weeks after it are not linked.
        "next_week": (
            agenda.week_param(next_week)
            if next_week <= last and monday <= horizon_end(today)
            else None
        ),
        "week_message": week_message,
        "horizon_message": horizon_message,
        "locatie": locatie,
        "wijk": wijk,
        "more_info_url": request.build_absolute_uri(more_info),
    }
    return render(request, "activiteiten/agenda.html", context)
