import pytest

from kern.slugs import unique_slug
from locaties.models import Locatie
from partners.models import Partner
from tests.factories import LocatieFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def test_free_slug_is_the_slugified_text():
    assert unique_slug(Locatie, "Café Noord") == "cafe-noord"


def test_taken_slug_gets_the_next_free_number():
    LocatieFactory(slug="x")
    assert unique_slug(Locatie, "x") == "x-2"

    LocatieFactory(slug="x-2")
    assert unique_slug(Locatie, "x") == "x-3"


def test_gap_in_the_numbers_is_filled_first():
    LocatieFactory(slug="de-kern")
    LocatieFactory(slug="de-kern-3")

    assert unique_slug(Locatie, "De Kern") == "de-kern-2"


def test_slug_that_only_starts_alike_does_not_count_as_taken():
    LocatieFactory(slug="de-kernen")

    assert unique_slug(Locatie, "De Kern") == "de-kern"


def test_own_slug_is_kept_when_its_pk_is_excluded():
    locatie = LocatieFactory(slug="x")

    assert unique_slug(Locatie, "x", exclude_pk=locatie.pk) == "x"


def test_own_slug_is_kept_while_others_take_the_numbers():
    LocatieFactory(slug="x")
    own = LocatieFactory(slug="x-2")

    assert unique_slug(Locatie, "x", exclude_pk=own.pk) == "x-2"


def test_slugs_are_unique_per_model():
    PartnerFactory(slug="de-kern")

    assert unique_slug(Locatie, "De Kern") == "de-kern"
    assert unique_slug(Partner, "De Kern") == "de-kern-2"


@pytest.mark.parametrize("text", ["", "!!!", "   "])
def test_text_without_letters_or_digits_gives_item(text):
    assert unique_slug(Locatie, text) == "item"


def test_long_text_gives_a_slug_that_fits_with_room_for_a_number():
    LocatieFactory(slug=unique_slug(Locatie, "ontmoeting " * 40, max_length=50))

    slug = unique_slug(Locatie, "ontmoeting " * 40, max_length=50)

    assert len(slug) <= 50
    assert slug.endswith("-2")
    assert not slug.startswith("-")


def test_unique_slug_of_a_long_name_stays_within_max_length():
    name = "Buurthuiskamer " + "heel lange naam " * 20
    first = LocatieFactory(slug=unique_slug(Locatie, name, max_length=40))

    second = unique_slug(Locatie, name, max_length=40)

    assert len(first.slug) <= 40
    assert len(second) <= 40
    assert second != first.slug
    assert second.endswith("-2")
