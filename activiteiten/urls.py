"""Public pages of activities: the agenda, one activity's page, and the iCalendar feeds.
Included at the site root, so each route names its own prefix. The feed addresses are
subscribed to by residents' calendar apps: keep them stable."""

from django.urls import path

from activiteiten import detail_views, views

app_name = "activiteiten"

urlpatterns = [
    path("activiteiten/", views.agenda_week, name="agenda"),
    path("activiteiten/<slug:slug>/", detail_views.activiteit_detail, name="detail"),
    path("activiteiten/<slug:slug>/agenda.ics", detail_views.feed_activiteit, name="feed"),
    path("activiteiten/<slug:slug>/<str:datum>.ics", detail_views.datum_ics, name="datum_ics"),
    path("locaties/<slug:slug>/agenda.ics", detail_views.feed_locatie, name="feed_locatie"),
    path("wijken/<slug:slug>/agenda.ics", detail_views.feed_wijk, name="feed_wijk"),
    path(
        "organisaties/<slug:slug>/agenda.ics",
        detail_views.feed_organisatie,
        name="feed_organisatie",
    ),
]
