import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from partners.constants import PartnerSoort, Rechtsvorm
from partners.models import Lidmaatschap, Partner, User
from tests.factories import PASSWORD, LidmaatschapFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


# User


def test_create_user_lowercases_the_email_address():
    user = User.objects.create_user("Iemand@Example.ORG", password=PASSWORD)

    assert user.email == "iemand@example.org"
    assert not user.is_staff
    assert not user.is_superuser


def test_email_is_the_login_field():
    assert User.USERNAME_FIELD == "email"
    assert User.EMAIL_FIELD == "email"
    assert User.REQUIRED_FIELDS == []


def test_user_signs_in_with_email_and_password():
    user = User.objects.create_user("iemand@example.org", password=PASSWORD)
    request = RequestFactory().post("/accounts/login/")

    assert authenticate(request, username="iemand@example.org", password=PASSWORD) == user
    assert authenticate(request, username="iemand@example.org", password="fout") is None


def test_user_signs_in_with_email_typed_in_another_case():
    user = User.objects.create_user("iemand@example.org", password=PASSWORD)
    request = RequestFactory().post("/accounts/login/")

    assert authenticate(request, username="Iemand@Example.ORG", password=PASSWORD) == user


def test_create_user_without_email_is_refused():
    with pytest.raises(ValueError):
        User.objects.create_user("", password=PASSWORD)


def test_email_address_is_unique_whatever_its_case():
    User.objects.create_user("iemand@example.org", password=PASSWORD)

    with transaction.atomic(), pytest.raises(IntegrityError):
        User.objects.create_user("IEMAND@example.org", password=PASSWORD)


def test_create_superuser_sets_is_superuser_and_is_staff():
    user = User.objects.create_superuser("Beheer@Example.org", password=PASSWORD)

    assert user.is_superuser
    assert user.is_staff
    assert user.email == "beheer@example.org"
    assert user.check_password(PASSWORD)


def test_user_clean_lowercases_the_email_address():
    user = UserFactory.build(email="Iemand@Example.ORG")

    user.full_clean()

    assert user.email == "iemand@example.org"


def test_user_is_shown_by_name_or_else_email():
    assert (
        str(UserFactory.build(naam="Anna de Vries", email="anna@example.org")) == "Anna de Vries"
    )
    assert str(UserFactory.build(naam="", email="anna@example.org")) == "anna@example.org"


# Partner


def test_gemeente_partner_without_gemeente_is_refused():
    partner = PartnerFactory.build(soort=PartnerSoort.GEMEENTE, rechtsvorm=Rechtsvorm.ONBEKEND)

    with pytest.raises(ValidationError) as excinfo:
        partner.full_clean()

    assert "gemeente" in excinfo.value.message_dict


def test_gemeente_partner_with_unknown_rechtsvorm_becomes_publiekrechtelijk(gemeente):
    partner = PartnerFactory.build(
        soort=PartnerSoort.GEMEENTE, rechtsvorm=Rechtsvorm.ONBEKEND, gemeente=gemeente
    )

    partner.full_clean()

    assert partner.rechtsvorm == Rechtsvorm.PUBLIEKRECHTELIJK


def test_gemeente_partner_that_is_a_stichting_is_refused(gemeente):
    partner = PartnerFactory.build(
        soort=PartnerSoort.GEMEENTE, rechtsvorm=Rechtsvorm.STICHTING, gemeente=gemeente
    )

    with pytest.raises(ValidationError) as excinfo:
        partner.full_clean()

    assert excinfo.value.message_dict["rechtsvorm"] == [
        "Een gemeente is een publiekrechtelijk lichaam."
    ]


def test_gemeente_partner_factory_gives_a_valid_partner():
    partner = PartnerFactory(gemeentepartner=True)

    partner.full_clean()

    assert partner.gemeente is not None
    assert partner.rechtsvorm == Rechtsvorm.PUBLIEKRECHTELIJK


@pytest.mark.parametrize(
    "soort", [soort for soort in PartnerSoort.values if soort != PartnerSoort.GEMEENTE]
)
def test_non_gemeente_partner_with_gemeente_set_is_refused(gemeente, soort):
    partner = PartnerFactory.build(soort=soort, gemeente=gemeente)

    with pytest.raises(ValidationError) as excinfo:
        partner.full_clean()

    assert "gemeente" in excinfo.value.message_dict


def test_non_gemeente_partner_with_gemeente_set_is_refused_by_the_database(gemeente):
    with transaction.atomic(), pytest.raises(IntegrityError):
        PartnerFactory(soort=PartnerSoort.WELZIJN, gemeente=gemeente)


def test_gemeente_partner_without_gemeente_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        PartnerFactory(soort=PartnerSoort.GEMEENTE, rechtsvorm=Rechtsvorm.PUBLIEKRECHTELIJK)


def test_second_gemeente_partner_for_the_same_gemeente_is_refused_by_the_database(gemeente):
    PartnerFactory(gemeentepartner=True, gemeente=gemeente)

    with transaction.atomic(), pytest.raises(IntegrityError):
        PartnerFactory(gemeentepartner=True, gemeente=gemeente)


def test_second_gemeente_partner_for_the_same_gemeente_is_refused_by_validation(gemeente):
    PartnerFactory(gemeentepartner=True, gemeente=gemeente)
    second = PartnerFactory.build(gemeentepartner=True, gemeente=gemeente)

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert "Deze gemeente heeft al een partner." in excinfo.value.messages


def test_gemeente_partners_of_different_gemeenten_may_coexist(gemeente, andere_gemeente):
    PartnerFactory(gemeentepartner=True, gemeente=gemeente)
    PartnerFactory(gemeentepartner=True, gemeente=andere_gemeente)

    assert Partner.objects.filter(soort=PartnerSoort.GEMEENTE).count() == 2


@pytest.mark.parametrize("kvk_nummer", ["12345678", ""])
def test_partner_with_eight_digit_or_blank_kvk_nummer_is_accepted(kvk_nummer):
    partner = PartnerFactory.build(kvk_nummer=kvk_nummer)

    partner.full_clean()


@pytest.mark.parametrize("kvk_nummer", ["1234567", "123456789", "1234567A", "00000000"])
def test_partner_with_malformed_kvk_nummer_is_refused(kvk_nummer):
    partner = PartnerFactory.build(kvk_nummer=kvk_nummer)

    with pytest.raises(ValidationError) as excinfo:
        partner.full_clean()

    assert "kvk_nummer" in excinfo.value.message_dict


def test_partner_werkgebied_lists_the_gemeenten_it_works_in(gemeente, andere_gemeente):
    partner = PartnerFactory(werkgebied=[gemeente, andere_gemeente])

    assert set(partner.werkgebied.all()) == {gemeente, andere_gemeente}
    assert list(gemeente.actieve_partners.all()) == [partner]


def test_gemeente_code_cijfers_are_the_digits_of_its_cbs_code(gemeente):
    assert gemeente.code_cijfers == "0200"


# Lidmaatschap


def test_person_is_member_of_an_organisation_only_once():
    lidmaatschap = LidmaatschapFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        Lidmaatschap.objects.create(user=lidmaatschap.user, partner=lidmaatschap.partner)


def test_personas_are_members_of_a_partner_of_their_kind(
    corporatie_medewerker, welzijn_medewerker, zorg_medewerker, gemeente_medewerker, gemeente
):
    def soort(user):
        return user.lidmaatschappen.get().partner.soort

    assert soort(corporatie_medewerker) == PartnerSoort.WONINGCORPORATIE
    assert soort(welzijn_medewerker) == PartnerSoort.WELZIJN
    assert soort(zorg_medewerker) == PartnerSoort.ZORG
    assert soort(gemeente_medewerker) == PartnerSoort.GEMEENTE
    assert gemeente_medewerker.lidmaatschappen.get().partner.gemeente == gemeente
