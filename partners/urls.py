"""Public pages of partners: accepting an invitation (the token in the link is the key)."""

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path(
        "uitnodiging/<str:token>/",
        views.uitnodiging_accepteren,
        name="uitnodiging_accepteren",
    ),
]
