"""Public pages of places and neighbourhoods. Included at the site root, so each route names
its own prefix (`locaties/…`, `wijken/…`)."""

from django.urls import path  # noqa: F401

from locaties import views  # noqa: F401

app_name = "locaties"

urlpatterns = []
