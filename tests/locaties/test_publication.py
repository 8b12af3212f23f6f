import itertools

import pytest
from django.core.exceptions import ValidationError

from locaties.constants import LocatieStatus as S
from locaties.publication import change_status, publication_problems
from tests.factories import LocatieFactory

pytestmark = pytest.mark.django_db

# The workflow as DESIGN.md describes it, written out here rather than read from the module,
# so a change to ALLOWED_TRANSITIONS shows up as a failing test.
ALLOWED = {
    (S.CONCEPT, S.TER_BEOORDELING),
    (S.CONCEPT, S.GEARCHIVEERD),
    (S.TER_BEOORDELING, S.GEPUBLICEERD),
    (S.TER_BEOORDELING, S.CONCEPT),
    (S.TER_BEOORDELING, S.GEARCHIVEERD),
    (S.GEPUBLICEERD, S.GEARCHIVEERD),
    (S.GEPUBLICEERD, S.CONCEPT),
    (S.GEARCHIVEERD, S.CONCEPT),
}
DISALLOWED = sorted(set(itertools.product(S.values, repeat=2)) - ALLOWED)


def pair_id(pair):
    return f"{pair[0]}->{pair[1]}"


def test_place_goes_the_whole_way_from_concept_to_archive_and_back(gemeente_medewerker):
    locatie = LocatieFactory()

    change_status(locatie, S.TER_BEOORDELING, door=gemeente_medewerker)
    change_status(locatie, S.GEPUBLICEERD, door=gemeente_medewerker)
    change_status(locatie, S.GEARCHIVEERD, door=gemeente_medewerker)
    change_status(locatie, S.CONCEPT, door=gemeente_medewerker, reden="Opnieuw geopend")

    locatie.refresh_from_db()
    assert locatie.status == S.CONCEPT
    assert [h.status for h in locatie.history.order_by("history_date", "history_id")] == [
        S.CONCEPT,
        S.TER_BEOORDELING,
        S.GEPUBLICEERD,
        S.GEARCHIVEERD,
        S.CONCEPT,
    ]


@pytest.mark.parametrize("pair", sorted(ALLOWED), ids=pair_id)
def test_allowed_transition_is_made(pair):
    van, naar = pair
    locatie = LocatieFactory(status=van)

    change_status(locatie, naar, reden="Er ontbreekt nog een foto")

    locatie.refresh_from_db()
    assert locatie.status == naar


@pytest.mark.parametrize("pair", DISALLOWED, ids=pair_id)
def test_disallowed_transition_is_refused(pair):
    van, naar = pair
    locatie = LocatieFactory(status=van)

    with pytest.raises(ValidationError) as excinfo:
        change_status(locatie, naar, reden="Zomaar")

    assert excinfo.value.code == "transition"
    assert excinfo.value.messages == [
        f"Van ‘{S(van).label}’ kan een locatie niet naar ‘{S(naar).label}’."
    ]
    locatie.refresh_from_db()
    assert locatie.status == van
    assert locatie.history.count() == 1


@pytest.mark.parametrize("van", [S.TER_BEOORDELING, S.GEPUBLICEERD, S.GEARCHIVEERD])
@pytest.mark.parametrize("reden", ["", "   "])
def test_back_to_concept_without_a_reason_is_refused(van, reden):
    locatie = LocatieFactory(status=van)

    with pytest.raises(ValidationError) as excinfo:
        change_status(locatie, S.CONCEPT, reden=reden)

    assert excinfo.value.code == "reason"
    locatie.refresh_from_db()
    assert locatie.status == van


def test_publishing_a_place_without_coordinates_description_or_contact_is_refused():
    locatie = LocatieFactory(
        status=S.TER_BEOORDELING,
        latitude=None,
        longitude=None,
        omschrijving="  ",
        telefoon="",
        email="",
        website="",
    )

    with pytest.raises(ValidationError) as excinfo:
        change_status(locatie, S.GEPUBLICEERD)

    assert excinfo.value.messages == [
        "De locatie heeft nog geen coördinaten; zet haar op de kaart.",
        "Er is nog geen omschrijving voor bewoners.",
        "Er is geen contactgegeven: telefoon, e-mail of website.",
    ]
    locatie.refresh_from_db()
    assert locatie.status == S.TER_BEOORDELING
    assert locatie.gepubliceerd_op is None


@pytest.mark.parametrize(
    "contact",
    [
        {"telefoon": "055 123 45 67"},
        {"email": "info@example.org"},
        {"website": "https://example.org"},
    ],
)
def test_any_one_contact_detail_is_enough_to_publish(contact):
    locatie = LocatieFactory.build(**{"telefoon": "", "email": "", "website": "", **contact})

    assert publication_problems(locatie) == []


def test_publication_date_is_set_on_first_publication_and_kept_afterwards():
    locatie = LocatieFactory(status=S.TER_BEOORDELING)

    change_status(locatie, S.GEPUBLICEERD)
    locatie.refresh_from_db()
    first_published = locatie.gepubliceerd_op
    assert first_published is not None

    change_status(locatie, S.GEARCHIVEERD)
    change_status(locatie, S.CONCEPT, reden="Nieuwe beheerder")
    change_status(locatie, S.TER_BEOORDELING)
    change_status(locatie, S.GEPUBLICEERD)

    locatie.refresh_from_db()
    assert locatie.gepubliceerd_op == first_published


def test_history_records_the_change_with_its_reason_and_user(gemeente_medewerker):
    locatie = LocatieFactory(status=S.GEPUBLICEERD)

    change_status(
        locatie, S.CONCEPT, door=gemeente_medewerker, reden=" Openingstijden kloppen niet "
    )

    latest = locatie.history.first()
    assert latest.status == S.CONCEPT
    assert latest.history_change_reason == "Openingstijden kloppen niet"
    assert latest.history_user == gemeente_medewerker


def test_history_names_the_new_status_when_no_reason_is_given(corporatie_medewerker):
    locatie = LocatieFactory()

    change_status(locatie, S.TER_BEOORDELING, door=corporatie_medewerker)

    latest = locatie.history.first()
    assert latest.history_change_reason == "Status: Ter beoordeling"
    assert latest.history_user == corporatie_medewerker
