import pytest
from django.core.exceptions import ValidationError

from meldingen.models import Melding
from tests.factories import ActiviteitFactory, LocatieFactory

pytestmark = pytest.mark.django_db


def test_a_report_about_an_activity_elsewhere_is_refused():
    melding = Melding(
        locatie=LocatieFactory(gepubliceerd=True),
        activiteit=ActiviteitFactory(),
        omschrijving="De tijden kloppen niet.",
    )
    with pytest.raises(ValidationError) as error:
        melding.full_clean()
    assert "Deze activiteit vindt op een andere plek plaats." in error.value.messages
