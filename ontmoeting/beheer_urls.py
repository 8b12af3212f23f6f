"""The staff portal under /beheer/, one namespace ("beheer") for the whole portal. The views
live in the app that owns the records (`<app>/beheer_views.py`); this module only routes.
tests/test_beheer_authorization.py walks these patterns: a new URL needs an expectation there.
"""

from django.urls import path  # noqa: F401

app_name = "beheer"

urlpatterns = [
    # Start page and history (ontmoeting/beheer_views.py)
    # Organisations, members, invitations (partners/beheer_views.py)
    # Places, rooms, hours, samenwerkingen, financing, review (locaties/beheer_views.py)
    # Activities (activiteiten/beheer_views.py)
    # Reports from residents (meldingen/beheer_views.py)
]
