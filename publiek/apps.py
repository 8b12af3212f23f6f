from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PubliekConfig(AppConfig):
    """The resident pages that show places and activities together: home, place, wijk, and
    the statements. It sits above locaties and activiteiten, so each page's queries are
    written and pinned in its view."""

    name = "publiek"
    verbose_name = _("Publieke pagina's")
