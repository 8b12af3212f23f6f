"""Which gemeente a portal page about one gemeente shows (coverage, risks, wijken):
`?gemeente=<slug>` among those the person may see, else their own gemeente, else the first."""

import re

from django.db.models import QuerySet
from django.http import Http404

from partners import permissions
from partners.models import Gemeente

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def chosen_gemeente(request, gemeenten: QuerySet) -> Gemeente | None:
    """The gemeente of `?gemeente=` when it is in `gemeenten` (404 otherwise, telling nothing
    about gemeenten outside one's rights); without the parameter the person's own gemeente,
    else the first by name; None when `gemeenten` is empty."""
    gemeenten = gemeenten.order_by("naam")
    slug = request.GET.get("gemeente", "").strip()
    if slug:
        if not SLUG.fullmatch(slug):
            raise Http404  # no gemeente has such a slug; PostgreSQL refuses a NUL byte
        gemeente = gemeenten.filter(slug=slug).first()
        if gemeente is None:
            raise Http404
        return gemeente
    own = permissions.own_gemeenten(request.user).filter(pk__in=gemeenten.values("pk"))
    return own.order_by("naam").first() or gemeenten.first()
