from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def register_fold_function(sender, connection, **kwargs):
    """Search by word on SQLite (publiek/zoeken.py) folds accents and case in Python: SQLite's
    own LOWER and LIKE know ASCII only."""
    if connection.vendor == "sqlite":
        from publiek.zoeken import FOLD_FUNCTION, folded_words

        connection.connection.create_function(FOLD_FUNCTION, 1, folded_words, deterministic=True)


class PubliekConfig(AppConfig):
    """The resident pages that show places and activities together: home, place, wijk, the
    list with search by word, and the statements. It sits above locaties and activiteiten, so
    each page's queries are written and pinned in its view."""

    name = "publiek"
    verbose_name = _("Publieke pagina's")

    def ready(self):
        connection_created.connect(register_fold_function, dispatch_uid="publiek_fold")
