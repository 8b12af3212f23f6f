from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class VrijwilligersConfig(AppConfig):
    name = "vrijwilligers"
    verbose_name = _("Vrijwilligers")

    def ready(self):
        from vrijwilligers.models import Vacature

        post_save.connect(_forget_place_of, sender=Vacature, dispatch_uid="vacature-saved")
        post_delete.connect(_forget_place_of, sender=Vacature, dispatch_uid="vacature-deleted")


def _forget_place_of(sender, instance, **kwargs):
    """A place page's volunteers' block shows the vacature's change once it is committed (a
    copy cached before the commit would otherwise stay)."""
    from vrijwilligers.templatetags.vrijwilligers import forget_place

    transaction.on_commit(lambda: forget_place(instance.locatie_id))
