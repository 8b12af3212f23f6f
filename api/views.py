"""The open data API: HSDS 3.0 under /api/v1/hsds/, GeoJSON, the upcoming-dates feed and the
dataset description, built on Django REST framework (throttling, content negotiation and the
OpenAPI description through drf-spectacular) following the Dutch API Design Rules: an
API-Version header, errors as application/problem+json, CORS open for reads, ETag and
Last-Modified with 304, Cache-Control and a rate limit per client (429 with Retry-After)."""

import json
import math

from django.db.models import Max
from django.http import Http404, StreamingHttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView, exception_handler

from api import agenda as agenda_feed
from api import dcat, geojson, hsds, params, querysets
from api.params import InvalidParams
from locaties import geo

API_VERSION = "1.0.0"
CACHE_SECONDS = 300
NDJSON_CHUNK = 500
PROBLEM = "application/problem+json"

conditional = decorator_from_middleware(ConditionalGetMiddleware)


class ApiThrottle(AnonRateThrottle):
    """Every client (signed in or not) by address, in the shared cache."""

    scope = "api"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UTF8JSONRenderer(JSONRenderer):
    charset = "utf-8"


class ProblemRenderer(UTF8JSONRenderer):
    media_type = PROBLEM


def problem(status: int, title: str, detail: str = "", invalid_params=None) -> Response:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if invalid_params:
        body["invalid_params"] = [
            {"name": name, "reason": reason} for name, reason in sorted(invalid_params.items())
        ]
    return Response(body, status=status, content_type=PROBLEM)


def problem_handler(exc, context):
    """Every error of the API as RFC 9457 problem details in Dutch."""
    if isinstance(exc, InvalidParams):
        return problem(
            400,
            "Ongeldige parameters",
            "Een of meer parameters kloppen niet; zie invalid_params.",
            exc.reasons,
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem(404, "Niet gevonden", "Dit record bestaat niet of is niet openbaar.")
    if isinstance(exc, exceptions.Throttled):
        response = problem(
            429,
            "Te veel verzoeken",
            f"Probeer het over {exc.wait or 60} seconden opnieuw.",
        )
        response["Retry-After"] = str(math.ceil(exc.wait or 60))
        return response
    if isinstance(exc, exceptions.MethodNotAllowed):
        response = problem(405, "Methode niet toegestaan", "Deze API kan alleen gelezen worden.")
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    if isinstance(exc, exceptions.NotAcceptable):
        return problem(406, "Formaat niet beschikbaar", "Vraag om application/json.")
    response = exception_handler(exc, context)
    if response is not None:
        return problem(response.status_code, "Fout", str(getattr(exc, "detail", "")))
    return None


class OpenDataView(APIView):
    """Read-only, anonymous, throttled; the API headers on every answer, errors included."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [ApiThrottle]
    renderer_classes = [UTF8JSONRenderer, ProblemRenderer]
    http_method_names = ["get", "head", "options"]
    allowed_params: set[str] = set()

    def initial(self, request, *args, **kwargs):
        hsds.BASE_URL.set(f"{request.scheme}://{request.get_host()}")
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self):
        return problem_handler

    def params(self, request, **extra):
        return params.parse(request.GET, self.allowed_params, **extra)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "API-Version, ETag, Last-Modified, Retry-After"
        if response.status_code < 400:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        else:
            patch_cache_control(response, no_store=True)
        return response

    @classmethod
    def as_view(cls, **initkwargs):
        return conditional(super().as_view(**initkwargs))


def page_of(queryset, p: params.Params, item) -> dict:
    """HSDS pagination: total_items, total_pages, page_number, size, first_page, last_page,
    empty, contents. Two queries: the count and the page."""
    total = queryset.count()
    pages = max(1, math.ceil(total / p.per_page))
    start = (p.page - 1) * p.per_page
    rows = list(queryset[start : start + p.per_page]) if start < total else []
    contents = item(rows)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": p.page,
        "size": len(contents),
        "first_page": p.page == 1,
        "last_page": p.page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def ndjson(queryset, item) -> StreamingHttpResponse:
    """Every row of `queryset` as one JSON line, in chunks, without pagination."""

    def lines():
        chunk = []
        for row in queryset.iterator(chunk_size=NDJSON_CHUNK):
            chunk.append(row)
            if len(chunk) == NDJSON_CHUNK:
                yield from _lines(item(chunk))
                chunk = []
        if chunk:
            yield from _lines(item(chunk))

    return StreamingHttpResponse(lines(), content_type="application/x-ndjson; charset=utf-8")


def _lines(records):
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _services_full(rows: list) -> list[dict]:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(rows, "doelgroepen")
    querysets.with_location_organizations(rows)
    _with_public_points(rows)
    return [hsds.service(row) for row in rows]


def _with_public_points(rows: list) -> None:
    """Each row's place gets `public_point` for hsds.location: one query for the page's hidden
    addresses together instead of one per place."""
    locaties = {row.locatie.pk: row.locatie for row in rows}
    for pk, point in geo.public_points(locaties.values()).items():
        locaties[pk].public_point = point


def _services_list(rows: list) -> list[dict]:
    return [hsds.service_list_item(row) for row in rows]


def _sal_list(rows: list) -> list[dict]:
    return [hsds.service_at_location_list_item(row) for row in rows]


def _sal_full(rows: list) -> list[dict]:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(rows, "doelgroepen")
    querysets.with_location_organizations(rows)
    _with_public_points(rows)
    return [hsds.service_at_location(row) for row in rows]


def _organizations(rows: list) -> list[dict]:
    return [hsds.organization(row) for row in rows]


PAGE_PARAMS = [
    OpenApiParameter("page", int, description="Paginanummer, vanaf 1."),
    OpenApiParameter("per_page", int, description="Aantal per pagina, 1 tot en met 100."),
    OpenApiParameter("format", str, enum=["json", "ndjson"], description="ndjson: alles."),
    OpenApiParameter("search", str, description="Zoek in naam en omschrijving."),
]
SERVICE_PARAMS = [
    *PAGE_PARAMS,
    OpenApiParameter("postcode", str, description="Postcode (7311 AB) of cijfers (7311)."),
    OpenApiParameter("proximity", int, description="Afstand in meters vanaf de postcode."),
    OpenApiParameter("taxonomy_term_id", OpenApiTypes.UUID),
    OpenApiParameter("taxonomy_id", OpenApiTypes.UUID),
    OpenApiParameter("organization_id", OpenApiTypes.UUID),
    OpenApiParameter("modified_after", OpenApiTypes.DATETIME),
]
SERVICE_FILTERS = {
    "search",
    "postcode",
    "proximity",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
}


class ApiInfo(OpenDataView):
    @extend_schema(
        operation_id="getAPIMetaInformation",
        summary="Over deze API",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        self.params(request)
        return Response(hsds.api_info(request.build_absolute_uri(reverse("api:openapi"))))


class ServiceList(OpenDataView):
    allowed_params = SERVICE_FILTERS

    @extend_schema(
        operation_id="getPaginatedListOfServices",
        summary="Activiteiten als HSDS-services",
        parameters=SERVICE_PARAMS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        p = self.params(request)
        queryset = querysets.filter_services(querysets.services(), p)
        if p.ndjson:
            return ndjson(queryset, _services_full)
        return Response(page_of(queryset, p, _services_list))


class ServiceDetail(OpenDataView):
    @extend_schema(
        operation_id="getFullyNestedServiceById",
        summary="Eén activiteit, volledig",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        self.params(request)
        row = querysets.services().filter(uuid=id).first()
        if row is None:
            raise Http404
        return Response(_services_full([row])[0])


class ServiceAtLocationList(OpenDataView):
    allowed_params = SERVICE_FILTERS

    @extend_schema(
        operation_id="getPaginatedListOfServiceAtLocation",
        summary="Activiteiten op hun plek",
        parameters=SERVICE_PARAMS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        p = self.params(request)
        queryset = querysets.filter_services(querysets.services(), p)
        if p.ndjson:
            return ndjson(queryset, _sal_full)
        return Response(page_of(queryset, p, _sal_list))


class ServiceAtLocationDetail(OpenDataView):
    @extend_schema(
        operation_id="getServiceAtLocationWithNestedDataById",
        summary="Eén activiteit op haar plek",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        self.params(request)
        row = querysets.services().filter(uuid=id).first()
        if row is None:
            raise Http404
        return Response(_sal_full([row])[0])


class OrganizationList(OpenDataView):
    allowed_params = {"search"}

    @extend_schema(
        operation_id="getPaginatedListOfOrganizations",
        summary="Organisaties",
        parameters=PAGE_PARAMS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        p = self.params(request)
        queryset = querysets.organizations()
        if p.search:
            queryset = queryset.filter(naam__icontains=p.search)
        if p.ndjson:
            return ndjson(queryset, _organizations)
        return Response(page_of(queryset, p, _organizations))


class OrganizationDetail(OpenDataView):
    @extend_schema(
        operation_id="getOrganizationById",
        summary="Eén organisatie",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        self.params(request)
        partner = querysets.organizations().filter(uuid=id).first()
        if partner is None:
            raise Http404
        services = [
            hsds.service_list_item(row) for row in querysets.services().filter(organisator=partner)
        ]
        return Response(hsds.organization(partner, services=services))


def _search_terms(records: list[dict], search: str) -> list[dict]:
    needle = search.casefold()
    return [r for r in records if needle in (r["name"] + " " + r["description"]).casefold()]


class _ListOfRecords:
    """A fixed list that `page_of` can count and slice like a queryset."""

    def __init__(self, records):
        self.records = records

    def count(self):
        return len(self.records)

    def __getitem__(self, key):
        return self.records[key]


class TaxonomyList(OpenDataView):
    allowed_params = {"search"}

    @extend_schema(
        operation_id="getPaginatedListOfTaxonomies",
        summary="Taxonomieën",
        parameters=PAGE_PARAMS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        p = self.params(request)
        records = [hsds.taxonomy(key) for key in hsds.TAXONOMIES]
        if p.search:
            records = _search_terms(records, p.search)
        if p.ndjson:
            return StreamingHttpResponse(
                _lines(records), content_type="application/x-ndjson; charset=utf-8"
            )
        return Response(page_of(_ListOfRecords(records), p, list))


class TaxonomyDetail(OpenDataView):
    @extend_schema(
        operation_id="getTaxonomyById",
        summary="Eén taxonomie",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        self.params(request)
        for key in hsds.TAXONOMIES:
            if hsds.taxonomy_id(key) == str(id):
                return Response(hsds.taxonomy(key))
        raise Http404


class TaxonomyTermList(OpenDataView):
    allowed_params = {"search", "taxonomy_id"}

    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        summary="Termen van de taxonomieën",
        parameters=[*PAGE_PARAMS, OpenApiParameter("taxonomy_id", OpenApiTypes.UUID)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        p = self.params(request)
        records = hsds.taxonomy_terms()
        if p.taxonomy_id:
            records = [r for r in records if r["taxonomy_id"] == p.taxonomy_id]
        if p.search:
            records = _search_terms(records, p.search)
        if p.ndjson:
            return StreamingHttpResponse(
                _lines(records), content_type="application/x-ndjson; charset=utf-8"
            )
        return Response(page_of(_ListOfRecords(records), p, list))


class TaxonomyTermDetail(OpenDataView):
    @extend_schema(
        operation_id="getTaxonomyTermById",
        summary="Eén term",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, id):
        self.params(request)
        for record in hsds.taxonomy_terms():
            if record["id"] == str(id):
                return Response(record)
        raise Http404


class NotFound(OpenDataView):
    """Any other path under /api/: a problem+json 404 rather than the HTML page."""

    @extend_schema(exclude=True)
    def get(self, request, rest=""):
        raise Http404


def last_modified_of(*querysets_) -> str | None:
    moments = [qs.aggregate(m=Max("gewijzigd_op"))["m"] for qs in querysets_]
    moments = [m for m in moments if m is not None]
    return http_date(max(moments).timestamp()) if moments else None


# --------------------------------------------------------------------------- GeoJSON, feeds


class LocatiesGeoJSON(OpenDataView):
    """Every published place, or a gemeente's (?gemeente=<slug>), as a streamed GeoJSON
    FeatureCollection with licence (CC0) and attribution, and Last-Modified."""

    @extend_schema(
        operation_id="getLocatiesGeoJSON",
        summary="Openbare plekken als GeoJSON (CC0)",
        parameters=[OpenApiParameter("gemeente", str, description="Slug van de gemeente.")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        from partners.models import Gemeente

        checked = params.parse(
            request.GET, set(), extra={"gemeente": lambda value, reasons: value}
        )
        if checked.page != 1 or checked.per_page != params.DEFAULT_PER_PAGE or checked.ndjson:
            raise InvalidParams({"page": "GeoJSON heeft geen pagina's of formaten."})
        gemeente_id = None
        if "gemeente" in checked.extra:
            gemeente = Gemeente.objects.filter(slug=checked.extra["gemeente"]).first()
            if gemeente is None:
                raise Http404
            gemeente_id = gemeente.pk
        places = geojson.places(gemeente_id)
        base = f"{request.scheme}://{request.get_host()}"
        response = StreamingHttpResponse(
            geojson.stream(places, base, attribution(request)),
            content_type="application/geo+json; charset=utf-8",
        )
        modified = last_modified_of(places)
        if modified:
            response["Last-Modified"] = modified
        return response


def attribution(request) -> str:
    from django.conf import settings

    return f"{settings.SITE_NAME} ({request.scheme}://{request.get_host()}/open-data/)"


class AgendaFeed(OpenDataView):
    """Upcoming dates of public activities at a place, in a wijk or of an organisation."""

    @extend_schema(
        operation_id="getAgenda",
        summary="Komende data van activiteiten",
        parameters=[
            OpenApiParameter("locatie", str, description="Slug van een plek."),
            OpenApiParameter("wijk", str, description="Slug van een wijk of buurt."),
            OpenApiParameter("organisatie", str, description="Slug van een organisatie."),
            OpenApiParameter("dagen", int, description="Aantal dagen vooruit, 1 tot en met 92."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        found, reasons = agenda_feed.check(request.GET)
        if reasons:
            raise InvalidParams(reasons)
        activiteiten, naam = agenda_feed.scope(found)
        days = found.get("dagen", agenda_feed.DEFAULT_DAYS)
        base = f"{request.scheme}://{request.get_host()}"
        rows = agenda_feed.upcoming(activiteiten, days)
        return Response(
            {
                "naam": naam,
                "van": agenda_feed.today().isoformat(),
                "dagen": days,
                "licentie": geojson.LICENCE,
                "data": [agenda_feed.item(row, base) for row in rows],
            }
        )


class JSONLDRenderer(UTF8JSONRenderer):
    media_type = "application/ld+json"


class Dataset(OpenDataView):
    """The DCAT-AP (DONL profile) description of the open data, as JSON-LD."""

    renderer_classes = [JSONLDRenderer, UTF8JSONRenderer, ProblemRenderer]

    @extend_schema(
        operation_id="getDataset",
        summary="Beschrijving van de dataset (DCAT-AP DONL, JSON-LD)",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        self.params(request)
        return Response(dcat.dataset(request))
