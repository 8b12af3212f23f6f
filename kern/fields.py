"""Form fields shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# The largest value a primary key column holds (a signed 64-bit integer).
BIGGEST_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing a number too large for a key with the invalid-choice message
    before it reaches the database: SQLite raises OverflowError on such a number in `IN (…)`."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField):  # AutoField and BigAutoField too
            for choice in value:
                try:
                    too_big = abs(int(choice)) > BIGGEST_KEY
                except (TypeError, ValueError):
                    continue  # Django's own check refuses what is not a number
                if too_big:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": choice},
                    )
        return super()._check_values(value)
