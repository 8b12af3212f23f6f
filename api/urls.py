"""/api/v1/: the HSDS 3.0 API, its OpenAPI description, GeoJSON, the dates feed and the
dataset description. Outside the /en/ prefix: the data has one address in every language."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("hsds/", views.ApiInfo.as_view(), name="hsds"),
    path("hsds/services", views.ServiceList.as_view(), name="services"),
    path("hsds/services/<uuid:id>", views.ServiceDetail.as_view(), name="service"),
    path(
        "hsds/service_at_locations",
        views.ServiceAtLocationList.as_view(),
        name="service_at_locations",
    ),
    path(
        "hsds/service_at_locations/<uuid:id>",
        views.ServiceAtLocationDetail.as_view(),
        name="service_at_location",
    ),
    path("hsds/organizations", views.OrganizationList.as_view(), name="organizations"),
    path("hsds/organizations/<uuid:id>", views.OrganizationDetail.as_view(), name="organization"),
    path("hsds/taxonomies", views.TaxonomyList.as_view(), name="taxonomies"),
    path("hsds/taxonomies/<uuid:id>", views.TaxonomyDetail.as_view(), name="taxonomy"),
    path("hsds/taxonomy_terms", views.TaxonomyTermList.as_view(), name="taxonomy_terms"),
    path(
        "hsds/taxonomy_terms/<uuid:id>", views.TaxonomyTermDetail.as_view(), name="taxonomy_term"
    ),
    path("locaties.geojson", views.LocatiesGeoJSON.as_view(), name="geojson"),
    path("agenda.json", views.AgendaFeed.as_view(), name="agenda"),
    path("dataset.jsonld", views.Dataset.as_view(), name="dataset"),
    re_path(r"^(?P<rest>.*)$", views.NotFound.as_view(), name="not_found"),
]
