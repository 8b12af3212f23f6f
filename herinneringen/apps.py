from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerinneringenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "herinneringen"
    verbose_name = _("herinneringen")
