from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from partners import authlog
        from partners.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="partners.start_idle_clock")
        authlog.connect_receivers()
