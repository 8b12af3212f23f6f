from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from api import pages as api_pages

# Dutch lives at the plain paths whatever the browser asks for; English under /en/.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Open data: one address in every language, outside the /en/ prefix.
    path("api/v1/", include("api.urls")),
    # The one page other websites may frame (api/pages.py loosens frame-ancestors for it).
    path("embed/agenda/", api_pages.embed_agenda, name="embed_agenda"),
    *i18n_patterns(
        path("", include("publiek.urls")),
        path("", include("activiteiten.urls")),
        path("", include("meldingen.urls")),
        path("", include("vrijwilligers.urls")),
        path("", include("partners.urls")),
        path("", include("api.page_urls")),
        path("accounts/", include("allauth.urls")),
        path("beheer/", include("ontmoeting.beheer_urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]
