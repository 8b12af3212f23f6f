"""What the open data publishes, as querysets: only public records, asked through
`openbaar()` / `openbaar_q()`, and the filters of the HSDS API on them."""

from django.db.models import Q, QuerySet

from activiteiten.models import Activiteit, ActiviteitQuerySet
from api import hsds
from api.params import Params
from locaties import geo, geocoding
from locaties.models import Locatie, LocatieQuerySet, Samenwerking
from partners.models import Partner


def services() -> QuerySet:
    return (
        Activiteit.objects.openbaar()
        .select_related("organisator", "locatie", "locatie__gemeente")
        .order_by("pk")
    )


def organizations() -> QuerySet:
    """The organisations the public can see: who organises a public activity, and who owns or
    runs a public place. Partners only known inside the portal stay out."""
    public = Partner.objects.filter(
        ActiviteitQuerySet.openbaar_q("activiteiten__")
        | (
            LocatieQuerySet.openbaar_q("samenwerkingen__locatie__")
            & Q(samenwerkingen__rol__in=hsds.ORGANIZATION_ROLES)
        )
    )
    return Partner.objects.filter(pk__in=public.values("pk")).order_by("naam", "pk")


def with_location_organizations(activiteiten: list) -> None:
    """Give each activity's place its HSDS organization_id (who runs it, else who owns it):
    one query for a page of activities."""
    locatie_ids = {activiteit.locatie_id for activiteit in activiteiten}
    if not locatie_ids:
        return
    rows = (
        Samenwerking.objects.filter(locatie_id__in=locatie_ids, rol__in=hsds.ORGANIZATION_ROLES)
        .order_by("locatie_id", "rol", "pk")
        .values_list("locatie_id", "rol", "partner__uuid")
    )
    best: dict[int, tuple[int, str]] = {}
    for locatie_id, rol, partner_uuid in rows:
        rank = hsds.ORGANIZATION_ROLES.index(rol)
        if locatie_id not in best or rank < best[locatie_id][0]:
            best[locatie_id] = (rank, str(partner_uuid))
    for activiteit in activiteiten:
        found = best.get(activiteit.locatie_id)
        activiteit.locatie.hsds_org = found[1] if found else None


def near_postcode(postcode: str, proximity: int) -> QuerySet | None:
    """The public places within `proximity` metres of the middle of `postcode` (from the
    registry's own addresses), as a queryset of pks; None when the postcode is unknown.
    Places whose address is not public are never matched on distance: repeated searches
    could otherwise pin down their exact position."""
    point = geocoding.registry_point(postcode)
    if point is None:
        return None
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
        point.latitude, point.longitude, proximity
    )
    return (
        Locatie.objects.openbaar()
        .filter(
            adres_openbaar=True,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
        )
        .annotate(afstand_m=geo.distance_expression(point.latitude, point.longitude))
        .filter(afstand_m__lte=proximity)
        .values("pk")
    )


def filter_services(queryset: QuerySet, params: Params) -> QuerySet:
    if params.search:
        queryset = queryset.filter(
            Q(titel__icontains=params.search)
            | Q(omschrijving__icontains=params.search)
            | Q(organisator__naam__icontains=params.search)
            | Q(locatie__naam__icontains=params.search)
        )
    if params.organization_id:
        queryset = queryset.filter(organisator__uuid=params.organization_id)
    if params.modified_after:
        queryset = queryset.filter(gewijzigd_op__gte=params.modified_after)
    if params.taxonomy_term_id:
        key, code = hsds.terms_by_id().get(params.taxonomy_term_id, (None, None))
        if key == "activiteit-categorie":
            queryset = queryset.filter(categorie=code)
        elif key == "doelgroep":
            queryset = queryset.filter(doelgroepen__code=code)
        elif key == "locatie-soort":
            queryset = queryset.filter(locatie__soort=code)
        else:
            queryset = queryset.none()
    if params.taxonomy_id:
        if params.taxonomy_id == hsds.taxonomy_id("doelgroep"):
            queryset = queryset.filter(doelgroepen__isnull=False)
        elif params.taxonomy_id not in {hsds.taxonomy_id(key) for key in hsds.TAXONOMIES}:
            queryset = queryset.none()
    if params.postcode and params.proximity:
        near = near_postcode(params.postcode, params.proximity)
        queryset = queryset.none() if near is None else queryset.filter(locatie__in=near)
    elif params.postcode:
        if " " in params.postcode:
            queryset = queryset.filter(locatie__postcode=params.postcode)
        else:
            queryset = queryset.filter(locatie__postcode__startswith=params.postcode)
    if params.taxonomy_term_id or params.taxonomy_id:
        # A filter through doelgroepen can repeat a row; keep each activity once.
        queryset = queryset.distinct()
    return queryset
