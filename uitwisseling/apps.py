from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UitwisselingConfig(AppConfig):
    name = "uitwisseling"
    verbose_name = _("Import en export")
