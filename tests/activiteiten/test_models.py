import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from locaties.models import Doelgroep
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    PartnerFactory,
    RuimteFactory,
    UitzonderingFactory,
)

pytestmark = pytest.mark.django_db

RRULE_MESSAGE = (
    "Deze herhaalregel is geen geldige RFC 5545 RRULE, bijvoorbeeld FREQ=WEEKLY;BYDAY=TU voor "
    "elke dinsdag."
)


@pytest.fixture
def locatie():
    return LocatieFactory()


def build_activiteit(locatie, **fields):
    """An unsaved activity at a saved place, ready for full_clean()."""
    return ActiviteitFactory.build(locatie=locatie, organisator=PartnerFactory(), **fields)


def test_factory_activiteit_passes_validation(locatie):
    build_activiteit(locatie).full_clean()


@pytest.mark.parametrize(
    "begintijd, eindtijd", [(dt.time(12, 0), dt.time(10, 0)), (dt.time(10, 0), dt.time(10, 0))]
)
def test_activity_ending_before_or_when_it_starts_is_refused(locatie, begintijd, eindtijd):
    activiteit = build_activiteit(locatie, begintijd=begintijd, eindtijd=eindtijd)

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert "De eindtijd moet na de begintijd liggen." in excinfo.value.message_dict["eindtijd"]


def test_activity_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        ActiviteitFactory(begintijd=dt.time(12, 0), eindtijd=dt.time(10, 0))


def test_room_of_the_same_locatie_is_accepted(locatie):
    activiteit = build_activiteit(locatie, ruimte=RuimteFactory(locatie=locatie))

    activiteit.full_clean()


def test_room_of_another_locatie_is_refused(locatie):
    activiteit = build_activiteit(locatie, ruimte=RuimteFactory())

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert excinfo.value.message_dict["ruimte"] == ["Deze ruimte hoort bij een andere locatie."]


@pytest.mark.parametrize(
    "herhaling",
    [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=1MO",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        "",
    ],
)
def test_valid_rrule_or_none_is_accepted(locatie, herhaling):
    build_activiteit(locatie, herhaling=herhaling).full_clean()


@pytest.mark.parametrize(
    "herhaling",
    ["elke dinsdag", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;COUNT=veel", "WEEKLY"],
)
def test_invalid_rrule_is_refused_with_a_dutch_message(locatie, herhaling):
    activiteit = build_activiteit(locatie, herhaling=herhaling)

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert excinfo.value.message_dict["herhaling"] == [RRULE_MESSAGE]


@pytest.mark.parametrize(
    "herhaling",
    [
        "DTSTART:20270105T100000\nRRULE:FREQ=WEEKLY;BYDAY=TU",
        "DTSTART;TZID=Europe/Amsterdam:20270105T100000\nRRULE:FREQ=WEEKLY",
    ],
)
def test_rrule_containing_its_own_start_is_refused(locatie, herhaling):
    activiteit = build_activiteit(locatie, herhaling=herhaling)

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert excinfo.value.message_dict["herhaling"] == [
        "Zet de startdatum in het veld startdatum, niet in de herhaalregel."
    ]


def test_more_than_one_rule_is_refused(locatie):
    activiteit = build_activiteit(locatie, herhaling="FREQ=WEEKLY;BYDAY=TU\nRRULE:FREQ=DAILY")

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert excinfo.value.message_dict["herhaling"] == ["Geef één herhaalregel (RRULE)."]


def test_rrule_with_until_in_utc_is_accepted(locatie):
    activiteit = build_activiteit(locatie, herhaling="FREQ=WEEKLY;BYDAY=TU;UNTIL=20271228T090000Z")

    activiteit.full_clean()


def test_registration_required_without_how_to_register_is_refused(locatie):
    activiteit = build_activiteit(locatie, aanmelden_nodig=True, aanmelden_via="  ")

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert excinfo.value.message_dict["aanmelden_via"] == [
        "Zeg hoe bewoners zich kunnen aanmelden."
    ]


def test_registration_required_with_how_to_register_is_accepted(locatie):
    activiteit = build_activiteit(locatie, aanmelden_nodig=True, aanmelden_via="055 123 45 67")

    activiteit.full_clean()


@pytest.mark.parametrize(
    "kosten, gratis", [(Decimal("0"), True), (Decimal("0.00"), True), (Decimal("2.50"), False)]
)
def test_activity_is_free_when_it_costs_nothing(kosten, gratis):
    assert ActiviteitFactory.build(kosten=kosten).is_gratis is gratis


def test_negative_cost_is_refused(locatie):
    activiteit = build_activiteit(locatie, kosten=Decimal("-1.00"))

    with pytest.raises(ValidationError) as excinfo:
        activiteit.full_clean()

    assert "kosten" in excinfo.value.message_dict


def test_negative_cost_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        ActiviteitFactory(kosten=Decimal("-1.00"))


def test_activity_is_for_target_groups_loaded_by_the_migration():
    activiteit = ActiviteitFactory()

    activiteit.doelgroepen.add(Doelgroep.objects.get(code="mantelzorgers"))

    assert [d.code for d in activiteit.doelgroepen.all()] == ["mantelzorgers"]


def test_date_is_left_out_only_once():
    uitzondering = UitzonderingFactory()

    with transaction.atomic(), pytest.raises(IntegrityError):
        UitzonderingFactory(activiteit=uitzondering.activiteit, datum=uitzondering.datum)


def test_deleting_a_room_keeps_its_activities():
    ruimte = RuimteFactory()
    activiteit = ActiviteitFactory(locatie=ruimte.locatie, ruimte=ruimte)

    ruimte.delete()

    activiteit.refresh_from_db()
    assert activiteit.ruimte is None
