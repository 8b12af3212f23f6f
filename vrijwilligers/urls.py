"""Public volunteer pages. Included at the site root."""

from django.urls import path

from vrijwilligers import views

app_name = "vrijwilligers"

urlpatterns = [
    path("vrijwilligers/", views.lijst, name="lijst"),
    path("vrijwilligers/<int:pk>/", views.vacature, name="vacature"),
    path("vrijwilligers/vraag/nieuw/", views.hulpvraag_nieuw, name="hulpvraag_nieuw"),
    path("vrijwilligers/vraag/<int:pk>/", views.hulpvraag, name="hulpvraag"),
    path("vrijwilligers/bedankt/", views.bedankt, name="bedankt"),
    path("vrijwilligers/wissen/<str:token>/", views.wissen, name="wissen"),
]
