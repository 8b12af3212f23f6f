"""The demodata command: refuses in production mode unless forced, and prints the accounts.
These tests start from an empty database, so they do not share the module-loaded demo."""

import pytest
from django.core.management import CommandError, call_command

from locaties.models import Locatie

pytestmark = pytest.mark.django_db


def test_command_refuses_to_run_in_production_mode(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demodata")

    assert not Locatie.objects.exists()


def test_command_runs_in_production_mode_when_forced(settings, capsys):
    settings.DEBUG = False

    call_command("demodata", "--force")

    assert Locatie.objects.filter(gemeente__cbs_code="GM0200").count() == 50
    assert "ontmoeten-demo-2026" in capsys.readouterr().out
