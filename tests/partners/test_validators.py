import pytest
from django.core.exceptions import ValidationError

from partners.validators import validate_gemeentecode, validate_kvk_nummer


@pytest.mark.parametrize("value", ["12345678", "09876543", "90000001"])
def test_kvk_nummer_of_eight_digits_is_accepted(value):
    validate_kvk_nummer(value)


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567A", "ABCDEFGH", "00000000"])
def test_kvk_nummer_that_is_not_eight_digits_is_refused(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_kvk_nummer(value)
    assert excinfo.value.messages == [
        "Een KvK-nummer bestaat uit precies 8 cijfers, bijvoorbeeld 12345678."
    ]


def test_kvk_nummer_in_non_ascii_digits_is_refused():
    with pytest.raises(ValidationError):
        validate_kvk_nummer("١٢٣٤٥٦٧٨")


@pytest.mark.parametrize("value", ["GM0200", "GM0355", "GM0439"])
def test_gemeentecode_gm_and_four_digits_is_accepted(value):
    validate_gemeentecode(value)


@pytest.mark.parametrize("value", ["GM200", "GM02000", "gm0200", "0200", "WK0200"])
def test_malformed_gemeentecode_is_refused(value):
    with pytest.raises(ValidationError):
        validate_gemeentecode(value)
