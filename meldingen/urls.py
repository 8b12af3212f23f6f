"""Public pages of reports from residents. Included at the site root."""

from django.urls import path

from meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("meldingen/nieuw/", views.nieuw, name="nieuw"),
    path("meldingen/bedankt/", views.bedankt, name="bedankt"),
]
