from django.apps import AppConfig
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def register_fold_function(sender, connection, **kwargs):
    """Search by word on SQLite (publiek/zoeken.py) folds accents and case in Python: SQLite's
    own LOWER and LIKE know ASCII only."""
    if connection.vendor == "sqlite":
        from publiek.zoeken import FOLD_FUNCTION, folded_words

        connection.connection.create_function(FOLD_FUNCTION, 1, folded_words, deterministic=True)


def forget_registry_stamp(sender, **kwargs):
    """A place saved or deleted here shows on this process's next list page: the stamp is
    read anew now, and again once the change is committed (a page between the two would
    otherwise keep the stamp from before it)."""
    from publiek.views import forget_registry_stamp

    forget_registry_stamp()
    transaction.on_commit(forget_registry_stamp)


class PubliekConfig(AppConfig):
    """The resident pages that show places and activities together: home, place, wijk, the
    list with search by word, and the statements. It sits above locaties and activiteiten, so
    each page's queries are written and pinned in its view."""

    name = "publiek"
    verbose_name = _("Publieke pagina's")

    def ready(self):
        from locaties.models import Locatie

        connection_created.connect(register_fold_function, dispatch_uid="publiek_fold")
        post_save.connect(forget_registry_stamp, sender=Locatie, dispatch_uid="publiek_stamp")
        post_delete.connect(
            forget_registry_stamp, sender=Locatie, dispatch_uid="publiek_stamp_delete"
        )
