"""The shared form fields of kern/fields.py."""

import pytest
from django.core.exceptions import ValidationError

from kern.fields import ModelMultipleChoiceField
from partners.models import Gemeente
from tests.factories import GemeenteFactory


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_a_key_too_large_for_the_database_is_an_invalid_choice_not_an_error(value):
    gemeente = GemeenteFactory()
    field = ModelMultipleChoiceField(queryset=Gemeente.objects.all())

    with pytest.raises(ValidationError) as refused:
        field.clean([str(gemeente.pk), value])
    assert refused.value.messages == [field.error_messages["invalid_choice"] % {"value": value}]
    assert list(field.clean([str(gemeente.pk)])) == [gemeente]
