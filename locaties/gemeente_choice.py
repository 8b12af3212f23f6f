"""Which gemeente a portal page about one gemeente shows (coverage, risks, wijken):
`?gemeente=<slug>` among those the person may see, else their own gemeente, else the first."""

from django.db.models import QuerySet
from django.http import Http404

from partners import permissions
from partners.models import Gemeente


def chosen_gemeente(request, gemeenten: QuerySet) -> Gemeente | None:
    """The gemeente of `?gemeente=` when it is in `gemeenten` (404 otherwise, telling nothing
    about gemeenten outside one's rights); without the parameter the person's own gemeente,
    else the first by name; None when `gemeenten` is empty."""
    gemeenten = gemeenten.order_by("naam")
    slug = request.GET.get("gemeente", "").strip()
    if slug:
        gemeente = gemeenten.filter(slug=slug[:100]).first()
        if gemeente is None:
            raise Http404
        return gemeente
    own = permissions.own_gemeenten(request.user).filter(pk__in=gemeenten.values("pk"))
    return own.order_by("naam").first() or gemeenten.first()
