from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

# Dutch lives at the plain paths whatever the browser asks for; English under /en/.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(
        path("", include("publiek.urls")),
        path("", include("activiteiten.urls")),
        path("", include("meldingen.urls")),
        path("", include("partners.urls")),
        path("accounts/", include("allauth.urls")),
        path("beheer/", include("ontmoeting.beheer_urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]
