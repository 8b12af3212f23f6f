from django.apps import AppConfig


class KernConfig(AppConfig):
    """The bottom of the house: helpers every app may import. It imports no app of the project
    (tests/test_layers.py holds it to that)."""

    name = "kern"
    verbose_name = "Kern"
