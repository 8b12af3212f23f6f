"""Public pages of activities: the agenda. Included at the site root."""

from django.urls import path  # noqa: F401

from activiteiten import views  # noqa: F401

app_name = "activiteiten"

urlpatterns = []
