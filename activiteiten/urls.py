"""Public pages of activities: the agenda. Included at the site root."""

from django.urls import path

from activiteiten import views

app_name = "activiteiten"

urlpatterns = [
    path("activiteiten/", views.agenda_week, name="agenda"),
]
