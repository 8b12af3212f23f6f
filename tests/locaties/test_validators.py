import pytest
from django.core.exceptions import ValidationError

from locaties.validators import (
    normalize_postcode,
    validate_huisnummer_toevoeging,
    validate_latitude,
    validate_longitude,
    validate_postcode,
)

POSTCODE_MESSAGE = "Vul een Nederlandse postcode in: 4 cijfers en 2 letters, bijvoorbeeld 7311 AB."


@pytest.mark.parametrize("value", ["7311 AB", "7311AB", "1000 AA", "9999 ZZ", "3701 SB"])
def test_dutch_postcode_is_accepted(value):
    validate_postcode(value)


@pytest.mark.parametrize(
    "value",
    [
        "0123 AB",  # no postcode starts with 0
        "7311 SA",  # SA, SD and SS are never issued
        "7311 SD",
        "7311 SS",
        "73111",  # five digits
        "731 AB",
        "ABCD EF",  # letters only
        "7311 A",
        "7311 ABC",
        "",
    ],
)
def test_invalid_postcode_is_refused_with_a_dutch_message(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_postcode(value)

    assert excinfo.value.messages == [POSTCODE_MESSAGE]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("7311ab", "7311 AB"),
        (" 7311 AB ", "7311 AB"),
        ("7311AB", "7311 AB"),
        ("7311  ab", "7311 AB"),
        ("7311 AB", "7311 AB"),
    ],
)
def test_postcode_is_normalised_to_four_digits_space_two_capitals(value, expected):
    assert normalize_postcode(value) == expected


@pytest.mark.parametrize("value, expected", [(" 73111 ", "73111"), ("", ""), (None, "")])
def test_postcode_that_cannot_be_normalised_is_returned_stripped(value, expected):
    assert normalize_postcode(value) == expected


@pytest.mark.parametrize("latitude, longitude", [(52.211, 5.970), (50.76, 5.99), (53.45, 6.83)])
def test_coordinates_inside_the_netherlands_are_accepted(latitude, longitude):
    validate_latitude(latitude)
    validate_longitude(longitude)


@pytest.mark.parametrize("latitude", [5.970, 155000, 463000, 48.85, -52.211, 0])
def test_latitude_outside_the_netherlands_is_refused(latitude):
    with pytest.raises(ValidationError) as excinfo:
        validate_latitude(latitude)

    assert "ligt niet in Nederland" in excinfo.value.messages[0]


@pytest.mark.parametrize("longitude", [52.211, 155000, 463000, 2.35, 13.40, -5.970])
def test_longitude_outside_the_netherlands_is_refused(longitude):
    with pytest.raises(ValidationError) as excinfo:
        validate_longitude(longitude)

    assert "ligt niet in Nederland" in excinfo.value.messages[0]


def test_missing_coordinate_passes_the_range_check():
    validate_latitude(None)
    validate_longitude(None)


@pytest.mark.parametrize("value", ["A", "a", "2", "2-hoog", "bis", "12 B"])
def test_huisnummer_toevoeging_is_accepted(value):
    validate_huisnummer_toevoeging(value)


@pytest.mark.parametrize("value", ["1234567", "A/B", "½", "#3"])
def test_malformed_huisnummer_toevoeging_is_refused(value):
    with pytest.raises(ValidationError):
        validate_huisnummer_toevoeging(value)
