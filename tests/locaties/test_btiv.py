"""The Btiv rule: a woningcorporatie lets a meeting room only to general-interest stichtingen
and verenigingen, public bodies, and natural persons doing non-commercial public work."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from locaties.btiv import btiv_refusal, check_verhuur, is_corporatie_ruimte
from locaties.constants import SamenwerkingRol
from partners.constants import PartnerSoort, Rechtsvorm
from tests.factories import PartnerFactory, RuimteFactory, SamenwerkingFactory, VerhuurFactory

pytestmark = pytest.mark.django_db

OP = dt.date(2027, 1, 1)


@pytest.fixture
def corporatie_ruimte(corporatie):
    ruimte = RuimteFactory(naam="Huiskamer")
    SamenwerkingFactory(locatie=ruimte.locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    return ruimte


@pytest.fixture
def andere_ruimte():
    """A room in a place a welzijn stichting owns; the corporatie only runs it."""
    ruimte = RuimteFactory(naam="Zaal")
    SamenwerkingFactory(
        locatie=ruimte.locatie, partner=PartnerFactory(), rol=SamenwerkingRol.EIGENAAR
    )
    SamenwerkingFactory(
        locatie=ruimte.locatie,
        partner=PartnerFactory(corporatie=True),
        rol=SamenwerkingRol.BEHEERDER,
    )
    return ruimte


ELIGIBLE = {
    "stichting_algemeen_belang": (
        {"rechtsvorm": Rechtsvorm.STICHTING, "statuten_algemeen_belang": True},
        False,
    ),
    "vereniging_algemeen_belang": (
        {"rechtsvorm": Rechtsvorm.VERENIGING, "statuten_algemeen_belang": True},
        False,
    ),
    "publiekrechtelijk_lichaam": (
        {"rechtsvorm": Rechtsvorm.PUBLIEKRECHTELIJK, "statuten_algemeen_belang": False},
        False,
    ),
    "natuurlijk_persoon_niet_commercieel": (
        {"rechtsvorm": Rechtsvorm.NATUURLIJK_PERSOON, "statuten_algemeen_belang": False},
        True,
    ),
}

INELIGIBLE = {
    "stichting_zonder_statuten": (
        {"rechtsvorm": Rechtsvorm.STICHTING, "statuten_algemeen_belang": False},
        False,
        "statuten",
    ),
    "vereniging_zonder_statuten": (
        {"rechtsvorm": Rechtsvorm.VERENIGING, "statuten_algemeen_belang": False},
        False,
        "statuten",
    ),
    "natuurlijk_persoon_commercieel": (
        {"rechtsvorm": Rechtsvorm.NATUURLIJK_PERSOON, "statuten_algemeen_belang": False},
        False,
        "commercieel",
    ),
    "bv": (
        {"rechtsvorm": Rechtsvorm.BV, "statuten_algemeen_belang": True},
        True,
        "besloten vennootschap",
    ),
    "nv": ({"rechtsvorm": Rechtsvorm.NV}, True, "naamloze vennootschap"),
    "eenmanszaak": ({"rechtsvorm": Rechtsvorm.PERSONENVENNOOTSCHAP}, True, "Btiv"),
    "rechtsvorm_onbekend": (
        {"rechtsvorm": Rechtsvorm.ONBEKEND, "statuten_algemeen_belang": True},
        True,
        "Vul die eerst in",
    ),
}


@pytest.mark.parametrize("huurder_fields, niet_commercieel", ELIGIBLE.values(), ids=list(ELIGIBLE))
def test_corporatie_may_let_to_an_eligible_tenant(
    corporatie_ruimte, huurder_fields, niet_commercieel
):
    verhuur = VerhuurFactory.build(
        ruimte=corporatie_ruimte,
        huurder=PartnerFactory(**huurder_fields),
        niet_commercieel=niet_commercieel,
    )

    verhuur.full_clean()


@pytest.mark.parametrize(
    "huurder_fields, niet_commercieel, reason_mentions", INELIGIBLE.values(), ids=list(INELIGIBLE)
)
def test_corporatie_may_not_let_to_an_ineligible_tenant(
    corporatie_ruimte, huurder_fields, niet_commercieel, reason_mentions
):
    verhuur = VerhuurFactory.build(
        ruimte=corporatie_ruimte,
        huurder=PartnerFactory(**huurder_fields),
        niet_commercieel=niet_commercieel,
    )

    with pytest.raises(ValidationError) as excinfo:
        verhuur.full_clean()

    assert list(excinfo.value.message_dict) == ["huurder"]
    [reason] = excinfo.value.message_dict["huurder"]
    assert reason_mentions in reason
    assert "Btiv" in reason


@pytest.mark.parametrize(
    "huurder_fields, niet_commercieel",
    [(fields, niet_commercieel) for fields, niet_commercieel, _ in INELIGIBLE.values()],
    ids=list(INELIGIBLE),
)
def test_the_rule_does_not_apply_when_the_eigenaar_is_not_a_corporatie(
    andere_ruimte, huurder_fields, niet_commercieel
):
    verhuur = VerhuurFactory.build(
        ruimte=andere_ruimte,
        huurder=PartnerFactory(**huurder_fields),
        niet_commercieel=niet_commercieel,
    )

    verhuur.full_clean()


def test_the_rule_does_not_apply_to_a_room_without_eigenaar():
    verhuur = VerhuurFactory.build(
        ruimte=RuimteFactory(), huurder=PartnerFactory(rechtsvorm=Rechtsvorm.BV)
    )

    verhuur.full_clean()


def test_stichting_without_general_interest_statutes_is_refused(corporatie_ruimte):
    huurder = PartnerFactory(
        naam="Stichting Buurtfeest",
        rechtsvorm=Rechtsvorm.STICHTING,
        statuten_algemeen_belang=False,
    )

    with pytest.raises(ValidationError) as excinfo:
        check_verhuur(
            ruimte=corporatie_ruimte, huurder=huurder, niet_commercieel=True, ingangsdatum=OP
        )

    [reason] = excinfo.value.message_dict["huurder"]
    assert reason.startswith("Stichting Buurtfeest is een stichting waarvan de statuten niet")


def test_btiv_refusal_carries_the_code_btiv(corporatie_ruimte):
    huurder = PartnerFactory(rechtsvorm=Rechtsvorm.BV)

    with pytest.raises(ValidationError) as excinfo:
        check_verhuur(
            ruimte=corporatie_ruimte, huurder=huurder, niet_commercieel=True, ingangsdatum=OP
        )

    assert excinfo.value.error_dict["huurder"][0].code == "btiv"


def test_gemeente_partner_is_an_eligible_tenant(corporatie_ruimte):
    huurder = PartnerFactory(gemeentepartner=True)

    check_verhuur(
        ruimte=corporatie_ruimte, huurder=huurder, niet_commercieel=False, ingangsdatum=OP
    )


def test_gemeente_partner_is_eligible_even_with_an_unknown_rechtsvorm():
    huurder = PartnerFactory.build(soort=PartnerSoort.GEMEENTE, rechtsvorm=Rechtsvorm.ONBEKEND)

    assert btiv_refusal(huurder, niet_commercieel=False) is None


def test_room_is_a_corporatie_room_only_when_a_corporatie_is_eigenaar(
    corporatie_ruimte, andere_ruimte
):
    assert is_corporatie_ruimte(corporatie_ruimte, op=OP)
    assert not is_corporatie_ruimte(andere_ruimte, op=OP)
    assert not is_corporatie_ruimte(RuimteFactory(), op=OP)


def test_an_owner_whose_samenwerking_has_ended_does_not_count(corporatie_ruimte):
    corporatie_ruimte.locatie.samenwerkingen.update(einddatum=dt.date(2026, 12, 31))

    assert not is_corporatie_ruimte(corporatie_ruimte, op=OP)
    assert is_corporatie_ruimte(corporatie_ruimte, op=dt.date(2026, 6, 1))


def test_a_room_that_is_not_for_hire_cannot_be_let(corporatie_ruimte):
    corporatie_ruimte.verhuurbaar = False
    verhuur = VerhuurFactory.build(ruimte=corporatie_ruimte, huurder=PartnerFactory())

    with pytest.raises(ValidationError) as excinfo:
        verhuur.full_clean()

    assert "ruimte" in excinfo.value.message_dict
