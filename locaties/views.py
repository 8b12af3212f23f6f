"""Public views of places and neighbourhoods."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from locaties import jsonld, opening
from locaties.constants import LocatieStatus, SamenwerkingRol, WijkSoort
from locaties.models import Locatie, Samenwerking, Sluiting, Wijk

# ---------------------------------------------------------------------------------------------
# One place and one neighbourhood. Their activities come from the `agenda` template tags of
# the activiteiten app: locaties does not import activiteiten.
# ---------------------------------------------------------------------------------------------

ROUTE_URL = "https://www.openstreetmap.org/directions?to={lat}%2C{lon}"


def _current_sluitingen(today):
    return Prefetch("sluitingen", queryset=Sluiting.objects.filter(tot__gte=today))


def locatie_detail(request, slug):
    """A published place: address, hours and whether it is open now, accessibility,
    partners, support; its coming activities come from the template."""
    now = timezone.now()
    today = timezone.localdate(now)
    locatie = get_object_or_404(
        Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)
        .select_related("gemeente", "wijk", "buurt")
        .prefetch_related(
            "openingstijden",
            "begeleidingstijden",
            _current_sluitingen(today),
            Prefetch("samenwerkingen", queryset=Samenwerking.objects.select_related("partner")),
            "doelgroepen",
            "voorzieningen",
        ),
        slug=slug,
    )
    page_url = request.build_absolute_uri()
    toegankelijkheid = [
        (Locatie._meta.get_field(name).verbose_name, getattr(locatie, name))
        for name in (
            "rolstoeltoegankelijk",
            "aangepast_toilet",
            "ringleiding",
            "prikkelarme_ruimte",
            "gehandicaptenparkeerplaats",
        )
    ]
    has_point = locatie.adres_openbaar and locatie.latitude is not None
    context = {
        "locatie": locatie,
        "status": opening.status_now(locatie, now),
        "openingstijden": opening.week_hours(locatie.openingstijden.all()),
        "has_openingstijden": bool(locatie.openingstijden.all()),
        "begeleidingstijden": opening.week_hours(locatie.begeleidingstijden.all()),
        "sluitingen": opening.upcoming_closures(locatie, today),
        "today_weekday": today.weekday(),
        "toegankelijkheid": toegankelijkheid,
        "partners": _partners_with_roles(locatie.samenwerkingen.all(), today),
        # Only a public address gets a marker and a route to the exact point; otherwise the
        # street and the wijk are the address, and residents ask the contact for the way.
        "has_point": has_point,
        "route_url": (
            ROUTE_URL.format(lat=f"{locatie.latitude:.6f}", lon=f"{locatie.longitude:.6f}")
            if has_point
            else ""
        ),
        "place_jsonld": jsonld.script_tag(jsonld.place(locatie, page_url)),
        "page_url": page_url,
    }
    return render(request, "locaties/locatie_detail.html", context)


def _partners_with_roles(samenwerkingen, today) -> list[tuple]:
    """[(partner, [role labels])] for the current Samenwerkingen, one line per partner, in the
    order of their first role (eigenaar first)."""
    order = {rol: index for index, rol in enumerate(SamenwerkingRol.values)}
    roles: dict = {}
    for samenwerking in sorted(
        samenwerkingen, key=lambda s: (order.get(s.rol, len(order)), s.partner.naam)
    ):
        if samenwerking.einddatum is None or samenwerking.einddatum >= today:
            roles.setdefault(samenwerking.partner, []).append(samenwerking.get_rol_display())
    return list(roles.items())


def wijk_detail(request, slug):
    """A wijk or buurt: its published places (a wijk's include those of its buurten), its
    figures, and the coming week's activities (from the template)."""
    now = timezone.now()
    today = timezone.localdate(now)
    wijk = get_object_or_404(Wijk.objects.select_related("gemeente", "wijk"), slug=slug)
    locaties = (
        Locatie.objects.filter(status=LocatieStatus.GEPUBLICEERD)
        .select_related("buurt")
        .prefetch_related("openingstijden", _current_sluitingen(today))
        .order_by("naam")
    )
    if wijk.soort == WijkSoort.WIJK:
        locaties = locaties.filter(wijk=wijk)
        buurten = list(wijk.buurten.order_by("naam"))
    else:
        locaties = locaties.filter(buurt=wijk)
        buurten = []
    plekken = [(locatie, opening.status_now(locatie, now)) for locatie in locaties]
    context = {
        "wijk": wijk,
        "plekken": plekken,
        "buurten": buurten,
        "aantal_sterlocaties": sum(1 for locatie, _status in plekken if locatie.is_sterlocatie),
    }
    return render(request, "locaties/wijk_detail.html", context)
