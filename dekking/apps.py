from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DekkingConfig(AppConfig):
    name = "dekking"
    verbose_name = _("Dekking")
