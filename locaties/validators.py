import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# PostNL never issues the letter pairs SA, SD and SS, and no postcode starts with 0.
POSTCODE_RE = re.compile(r"([1-9][0-9]{3}) ?(?!SA|SD|SS)([A-Z]{2})")

# The European Netherlands, as a bounding box in WGS84 degrees: from Cadzand and
# Zeeuws-Vlaanderen in the south-west to Rottumeroog and Bad Nieuweschans in the north-east,
# and Vaals in the south-east. Coarse by design: it catches swapped latitude/longitude,
# RD coordinates typed as degrees and places abroad, without refusing any real address.
NEDERLAND_LAT = (50.75, 53.70)
NEDERLAND_LON = (3.20, 7.25)


def normalize_postcode(value: str) -> str:
    """'1234ab', ' 1234 AB ' -> '1234 AB'; anything else is returned unchanged for validation."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) == 6:
        return f"{compact[:4]} {compact[4:]}"
    return (value or "").strip()


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.fullmatch(value or ""):
        raise ValidationError(
            _("Vul een Nederlandse postcode in: 4 cijfers en 2 letters, bijvoorbeeld 7311 AB."),
            code="postcode",
        )


def validate_latitude(value: float) -> None:
    low, high = NEDERLAND_LAT
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _(
                "Deze breedtegraad (%(value)s) ligt niet in Nederland; verwacht tussen "
                "%(low)s en %(high)s."
            ),
            code="latitude",
            params={"value": value, "low": low, "high": high},
        )


def validate_longitude(value: float) -> None:
    low, high = NEDERLAND_LON
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _(
                "Deze lengtegraad (%(value)s) ligt niet in Nederland; verwacht tussen "
                "%(low)s en %(high)s."
            ),
            code="longitude",
            params={"value": value, "low": low, "high": high},
        )


validate_huisnummer_toevoeging = RegexValidator(
    r"\A[A-Za-z0-9 -]{1,6}\Z",
    _("Een toevoeging bestaat uit hoogstens 6 letters of cijfers, bijvoorbeeld A of 2-hoog."),
    code="huisnummer_toevoeging",
)
