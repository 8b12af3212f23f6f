import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from locaties.constants import SamenwerkingRol, Weekdag, WijkSoort
from locaties.models import (
    Doelgroep,
    Locatie,
    Openingstijd,
    Samenwerking,
    Verhuur,
    Voorziening,
    Wijk,
)
from tests.factories import (
    BegeleidingstijdFactory,
    BuurtFactory,
    FinancieringFactory,
    GemeenteFactory,
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    SluitingFactory,
    VerhuurFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

POSTCODE_MESSAGE = "Vul een Nederlandse postcode in: 4 cijfers en 2 letters, bijvoorbeeld 7311 AB."


# Locatie: postcode


def test_factory_locatie_passes_validation():
    locatie = LocatieFactory()

    locatie.full_clean()


def test_postcode_without_space_is_normalised():
    locatie = LocatieFactory()
    locatie.postcode = "7311AB"

    locatie.full_clean()

    assert locatie.postcode == "7311 AB"


@pytest.mark.parametrize("postcode", ["7311ab", " 7311 AB ", "7311 ab"])
def test_postcode_in_lower_case_or_with_spaces_passes_full_clean_normalised(postcode):
    locatie = LocatieFactory()
    locatie.postcode = postcode

    locatie.full_clean()

    assert locatie.postcode == "7311 AB"


@pytest.mark.parametrize(
    "postcode", ["0311 AB", "7311 SA", "7311 SD", "7311 SS", "73111", "ABCDEF"]
)
def test_invalid_postcode_is_refused_with_a_dutch_message(postcode):
    locatie = LocatieFactory()
    locatie.postcode = postcode

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert excinfo.value.message_dict["postcode"] == [POSTCODE_MESSAGE]


def test_empty_postcode_is_refused():
    locatie = LocatieFactory()
    locatie.postcode = ""

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert excinfo.value.error_dict["postcode"][0].code == "blank"


# Locatie: coordinates


@pytest.mark.parametrize(
    "latitude, longitude",
    [(52.211, 5.970), (52.091, 5.233), (52.505, 4.960), (None, None)],
)
def test_coordinates_inside_the_netherlands_or_none_are_accepted(latitude, longitude):
    locatie = LocatieFactory(latitude=latitude, longitude=longitude)

    locatie.full_clean()


@pytest.mark.parametrize(
    "latitude, longitude, wrong_fields",
    [
        (5.970, 52.211, {"latitude", "longitude"}),  # swapped
        (155000, 463000, {"latitude", "longitude"}),  # RD New metres typed as degrees
        (48.85, 2.35, {"latitude", "longitude"}),  # Paris
        (52.52, 13.40, {"longitude"}),  # Berlin: its latitude is that of Amsterdam
    ],
)
def test_coordinates_outside_the_netherlands_are_refused(latitude, longitude, wrong_fields):
    locatie = LocatieFactory()
    locatie.latitude, locatie.longitude = latitude, longitude

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert set(excinfo.value.message_dict) == wrong_fields


@pytest.mark.parametrize(
    "latitude, longitude, missing", [(52.211, None, "longitude"), (None, 5.970, "latitude")]
)
def test_only_one_coordinate_is_refused(latitude, longitude, missing):
    locatie = LocatieFactory()
    locatie.latitude, locatie.longitude = latitude, longitude

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert excinfo.value.message_dict[missing] == [
        "Vul zowel breedtegraad als lengtegraad in, of geen van beide."
    ]


@pytest.mark.parametrize("latitude, longitude", [(52.211, None), (None, 5.970)])
def test_only_one_coordinate_is_refused_by_the_database(latitude, longitude):
    with transaction.atomic(), pytest.raises(IntegrityError):
        LocatieFactory(latitude=latitude, longitude=longitude)


# Locatie: sterlocatie, wijk, address


def test_sterlocatie_without_any_begeleiding_is_refused():
    locatie = LocatieFactory()
    locatie.is_sterlocatie = True

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert "is_sterlocatie" in excinfo.value.message_dict


def test_sterlocatie_without_any_begeleiding_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        LocatieFactory(is_sterlocatie=True)


@pytest.mark.parametrize(
    "begeleiding",
    ["begeleiding_lichamelijk", "begeleiding_verstandelijk", "begeleiding_psychiatrie"],
)
def test_sterlocatie_with_one_kind_of_begeleiding_is_accepted(begeleiding):
    locatie = LocatieFactory(is_sterlocatie=True, **{begeleiding: True})

    locatie.full_clean()

    assert len(locatie.begeleiding_soorten) == 1


def test_begeleiding_soorten_lists_the_kinds_present():
    locatie = LocatieFactory.build(begeleiding_lichamelijk=True, begeleiding_psychiatrie=True)

    assert locatie.begeleiding_soorten == ["lichamelijke beperking", "psychiatrie"]


def test_wijk_of_the_same_gemeente_is_accepted(gemeente):
    locatie = LocatieFactory(gemeente=gemeente, wijk=WijkFactory(gemeente=gemeente))

    locatie.full_clean()


def test_wijk_of_another_gemeente_is_refused(gemeente, andere_gemeente):
    locatie = LocatieFactory(gemeente=gemeente)
    locatie.wijk = WijkFactory(gemeente=andere_gemeente)

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert excinfo.value.message_dict["wijk"] == ["Deze wijk hoort bij een andere gemeente."]


@pytest.mark.parametrize(
    "toevoeging, expected",
    [("", "12"), ("A", "12A"), ("a", "12a"), ("2", "12-2"), ("bis", "12-bis")],
)
def test_huisnummer_volledig_joins_number_and_toevoeging(toevoeging, expected):
    locatie = LocatieFactory.build(huisnummer=12, huisnummer_toevoeging=toevoeging)

    assert locatie.huisnummer_volledig == expected


def test_openbaar_adres_shows_the_full_address_when_public():
    locatie = LocatieFactory.build(
        straat="Kerklaan",
        huisnummer=12,
        huisnummer_toevoeging="A",
        postcode="7311 AB",
        plaats="Apeldoorn",
        adres_openbaar=True,
    )

    assert locatie.openbaar_adres == "Kerklaan 12A, 7311 AB Apeldoorn"


def test_openbaar_adres_hides_house_number_and_postcode_when_not_public():
    locatie = LocatieFactory.build(
        straat="Kerklaan",
        huisnummer=12,
        huisnummer_toevoeging="A",
        postcode="7311 AB",
        plaats="Apeldoorn",
        adres_openbaar=False,
    )

    assert locatie.openbaar_adres == "Kerklaan, Apeldoorn"
    assert "12" not in locatie.openbaar_adres
    assert "7311" not in locatie.openbaar_adres


def test_locatie_slug_is_unique_in_the_database():
    LocatieFactory(slug="de-kern")

    with transaction.atomic(), pytest.raises(IntegrityError):
        LocatieFactory(slug="de-kern")


def test_doelgroepen_and_voorzieningen_are_loaded_by_the_migration():
    locatie = LocatieFactory()

    locatie.doelgroepen.add(Doelgroep.objects.get(code="ouderen"))
    locatie.voorzieningen.add(Voorziening.objects.get(code="postnl_punt"))

    assert [str(d) for d in locatie.doelgroepen.all()] == ["Ouderen"]
    assert [str(v) for v in locatie.voorzieningen.all()] == ["PostNL-punt"]


# Openingstijd and Begeleidingstijd


@pytest.mark.parametrize(
    "van, tot", [(dt.time(12, 0), dt.time(9, 0)), (dt.time(9, 0), dt.time(9, 0))]
)
def test_opening_period_ending_before_or_when_it_starts_is_refused(van, tot):
    openingstijd = OpeningstijdFactory.build(locatie=LocatieFactory(), van=van, tot=tot)

    with pytest.raises(ValidationError) as excinfo:
        openingstijd.full_clean()

    assert excinfo.value.message_dict["tot"] == ["De eindtijd moet na de begintijd liggen."]


@pytest.mark.parametrize(
    "van, tot",
    [
        (dt.time(11, 0), dt.time(13, 0)),  # overlaps the end
        (dt.time(8, 0), dt.time(9, 30)),  # overlaps the start
        (dt.time(10, 0), dt.time(11, 0)),  # inside
        (dt.time(8, 0), dt.time(17, 0)),  # around
        (dt.time(9, 0), dt.time(12, 0)),  # the same
    ],
)
def test_overlapping_opening_periods_on_the_same_day_are_refused(van, tot):
    first = OpeningstijdFactory(weekdag=Weekdag.MAANDAG, van=dt.time(9, 0), tot=dt.time(12, 0))
    second = OpeningstijdFactory.build(
        locatie=first.locatie, weekdag=Weekdag.MAANDAG, van=van, tot=tot
    )

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert excinfo.value.messages == ["Dit tijdvak overlapt met maandag 09:00–12:00."]


def test_morning_and_afternoon_on_the_same_day_are_accepted():
    morning = OpeningstijdFactory(weekdag=Weekdag.MAANDAG, van=dt.time(9, 0), tot=dt.time(12, 0))
    afternoon = OpeningstijdFactory.build(
        locatie=morning.locatie, weekdag=Weekdag.MAANDAG, van=dt.time(13, 30), tot=dt.time(16, 0)
    )

    afternoon.full_clean()


def test_period_starting_when_another_ends_is_accepted():
    morning = OpeningstijdFactory(weekdag=Weekdag.MAANDAG, van=dt.time(9, 0), tot=dt.time(12, 0))
    lunch = OpeningstijdFactory.build(
        locatie=morning.locatie, weekdag=Weekdag.MAANDAG, van=dt.time(12, 0), tot=dt.time(13, 0)
    )

    lunch.full_clean()


def test_same_period_on_another_day_is_accepted():
    monday = OpeningstijdFactory(weekdag=Weekdag.MAANDAG)
    tuesday = OpeningstijdFactory.build(
        locatie=monday.locatie, weekdag=Weekdag.DINSDAG, van=monday.van, tot=monday.tot
    )

    tuesday.full_clean()


def test_same_period_at_another_locatie_is_accepted():
    here = OpeningstijdFactory()
    there = OpeningstijdFactory.build(
        locatie=LocatieFactory(), weekdag=here.weekdag, van=here.van, tot=here.tot
    )

    there.full_clean()


def test_editing_an_opening_period_does_not_overlap_with_itself():
    openingstijd = OpeningstijdFactory(van=dt.time(9, 0), tot=dt.time(12, 0))
    openingstijd.tot = dt.time(12, 30)

    openingstijd.full_clean()


def test_opening_period_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        OpeningstijdFactory(van=dt.time(12, 0), tot=dt.time(9, 0))


def test_begeleidingstijd_overlapping_another_is_refused():
    first = BegeleidingstijdFactory(van=dt.time(10, 0), tot=dt.time(15, 0))
    second = BegeleidingstijdFactory.build(
        locatie=first.locatie, weekdag=first.weekdag, van=dt.time(14, 0), tot=dt.time(16, 0)
    )

    with pytest.raises(ValidationError):
        second.full_clean()


def test_begeleidingstijd_does_not_clash_with_opening_hours():
    begeleiding = BegeleidingstijdFactory(weekdag=Weekdag.DINSDAG)
    openingstijd = OpeningstijdFactory.build(
        locatie=begeleiding.locatie,
        weekdag=Weekdag.DINSDAG,
        van=begeleiding.van,
        tot=begeleiding.tot,
    )

    openingstijd.full_clean()


def test_begeleidingstijd_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        BegeleidingstijdFactory(van=dt.time(15, 0), tot=dt.time(10, 0))


# Sluiting


def test_closure_ending_before_it_starts_is_refused():
    sluiting = SluitingFactory.build(
        locatie=LocatieFactory(), van=dt.date(2027, 4, 27), tot=dt.date(2027, 4, 26)
    )

    with pytest.raises(ValidationError) as excinfo:
        sluiting.full_clean()

    assert excinfo.value.message_dict["tot"] == ["De laatste dag ligt vóór de eerste dag."]


def test_closure_of_a_single_day_is_accepted():
    koningsdag = dt.date(2027, 4, 27)
    sluiting = SluitingFactory.build(locatie=LocatieFactory(), van=koningsdag, tot=koningsdag)

    sluiting.full_clean()


def test_closure_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        SluitingFactory(van=dt.date(2027, 4, 27), tot=dt.date(2027, 4, 26))


# Wijk and buurt


def test_factory_wijk_and_buurt_pass_validation():
    buurt = BuurtFactory()

    buurt.wijk.full_clean()
    buurt.full_clean()
    assert buurt.cbs_code.startswith("BU" + buurt.wijk.cbs_code[2:])


def test_wijk_code_of_its_gemeente_is_accepted(gemeente):
    wijk = WijkFactory.build(gemeente=gemeente, cbs_code="WK020001")

    wijk.full_clean()


def test_wijk_code_in_lower_case_is_stored_in_capitals(gemeente):
    wijk = WijkFactory.build(gemeente=gemeente, cbs_code="wk020001")

    wijk.full_clean()

    assert wijk.cbs_code == "WK020001"


@pytest.mark.parametrize("cbs_code", ["WK02001", "WK0200011", "BU020001", "WK02000A", "GM020001"])
def test_wijk_code_that_is_not_wk_and_six_digits_is_refused(gemeente, cbs_code):
    wijk = WijkFactory.build(gemeente=gemeente, cbs_code=cbs_code)

    with pytest.raises(ValidationError) as excinfo:
        wijk.full_clean()

    assert "Een wijk-code is WK gevolgd door 6 cijfers." in excinfo.value.message_dict["cbs_code"]


@pytest.mark.parametrize("cbs_code", ["BU020001", "BU020001011", "WK02000101", "BU0200010A"])
def test_buurt_code_that_is_not_bu_and_eight_digits_is_refused(gemeente, cbs_code):
    wijk = WijkFactory(gemeente=gemeente, cbs_code="WK020001")
    buurt = BuurtFactory.build(wijk=wijk, cbs_code=cbs_code)

    with pytest.raises(ValidationError) as excinfo:
        buurt.full_clean()

    assert "Een buurt-code is BU gevolgd door 8 cijfers." in excinfo.value.message_dict["cbs_code"]


def test_buurt_code_of_its_wijk_is_accepted(gemeente):
    wijk = WijkFactory(gemeente=gemeente, cbs_code="WK020001")
    buurt = BuurtFactory.build(wijk=wijk, cbs_code="BU02000101")

    buurt.full_clean()


def test_code_of_another_gemeente_is_refused(gemeente):
    wijk = WijkFactory.build(gemeente=gemeente, cbs_code="WK035501")

    with pytest.raises(ValidationError) as excinfo:
        wijk.full_clean()

    assert excinfo.value.message_dict["cbs_code"] == [
        "De code hoort bij een andere gemeente: codes van Apeldoorn beginnen met WK0200."
    ]


def test_buurt_without_wijk_is_refused(gemeente):
    buurt = Wijk(
        gemeente=gemeente,
        soort=WijkSoort.BUURT,
        cbs_code="BU02000101",
        naam="Centrum",
        slug="centrum",
    )

    with pytest.raises(ValidationError) as excinfo:
        buurt.full_clean()

    assert excinfo.value.message_dict["wijk"] == ["Kies de wijk waarin deze buurt ligt."]


def test_buurt_without_wijk_is_refused_by_the_database(gemeente):
    with transaction.atomic(), pytest.raises(IntegrityError):
        WijkFactory(gemeente=gemeente, soort=WijkSoort.BUURT, cbs_code="BU02000101")


def test_buurt_code_not_starting_with_its_wijks_digits_is_refused(gemeente):
    wijk = WijkFactory(gemeente=gemeente, cbs_code="WK020001")
    buurt = BuurtFactory.build(wijk=wijk, cbs_code="BU02000201")

    with pytest.raises(ValidationError) as excinfo:
        buurt.full_clean()

    assert excinfo.value.message_dict["cbs_code"] == [
        "Een buurtcode begint met de cijfers van haar wijk (WK020001)."
    ]


def test_buurt_in_a_wijk_of_another_gemeente_is_refused(gemeente, andere_gemeente):
    wijk = WijkFactory(gemeente=andere_gemeente, cbs_code="WK035501")
    buurt = BuurtFactory.build(wijk=wijk, gemeente=gemeente, cbs_code="BU02000101")

    with pytest.raises(ValidationError) as excinfo:
        buurt.full_clean()

    assert excinfo.value.message_dict["wijk"] == ["De wijk ligt in een andere gemeente."]


def test_wijk_with_a_parent_wijk_is_refused(gemeente):
    parent = WijkFactory(gemeente=gemeente, cbs_code="WK020001")
    wijk = WijkFactory.build(gemeente=gemeente, cbs_code="WK020002", wijk=parent)

    with pytest.raises(ValidationError) as excinfo:
        wijk.full_clean()

    assert "Alleen een buurt ligt in een wijk." in excinfo.value.message_dict["wijk"]


def test_wijk_with_a_parent_wijk_is_refused_by_the_database(gemeente):
    parent = WijkFactory(gemeente=gemeente, cbs_code="WK020001")

    with transaction.atomic(), pytest.raises(IntegrityError):
        WijkFactory(gemeente=gemeente, cbs_code="WK020002", wijk=parent)


def test_buurt_inside_a_buurt_is_refused(gemeente):
    buurt = BuurtFactory(wijk__gemeente=gemeente, wijk__cbs_code="WK020001", cbs_code="BU02000101")
    nested = BuurtFactory.build(wijk=buurt, cbs_code="BU02000102")

    with pytest.raises(ValidationError) as excinfo:
        nested.full_clean()

    assert "wijk" in excinfo.value.message_dict


def test_wijk_code_is_unique_in_the_database(gemeente):
    WijkFactory(gemeente=gemeente, cbs_code="WK020001")

    with transaction.atomic(), pytest.raises(IntegrityError):
        WijkFactory(gemeente=gemeente, cbs_code="WK020001")


APELDOORN_RING = [[5.95, 52.20], [6.00, 52.20], [6.00, 52.23], [5.95, 52.23], [5.95, 52.20]]


@pytest.mark.parametrize(
    "grens",
    [
        {"type": "Polygon", "coordinates": [APELDOORN_RING]},
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [APELDOORN_RING]},
        },
    ],
)
def test_wijk_with_a_wgs84_boundary_is_accepted(gemeente, grens):
    wijk = WijkFactory.build(gemeente=gemeente, grens=grens)

    wijk.full_clean()


@pytest.mark.parametrize(
    "grens",
    [
        # RD New metres
        {
            "type": "Polygon",
            "coordinates": [
                [[190000, 465000], [195000, 465000], [195000, 470000], [190000, 465000]]
            ],
        },
        # a bow tie: crosses itself
        {
            "type": "Polygon",
            "coordinates": [
                [[5.95, 52.20], [6.00, 52.23], [6.00, 52.20], [5.95, 52.23], [5.95, 52.20]]
            ],
        },
        {"type": "Point", "coordinates": [5.97, 52.21]},
    ],
)
def test_wijk_with_a_boundary_that_is_not_a_wgs84_area_is_refused(gemeente, grens):
    wijk = WijkFactory.build(gemeente=gemeente, grens=grens)

    with pytest.raises(ValidationError) as excinfo:
        wijk.full_clean()

    assert "grens" in excinfo.value.message_dict


def test_share_of_65_plus_above_100_percent_is_refused(gemeente):
    wijk = WijkFactory.build(gemeente=gemeente, aandeel_65_plus=Decimal("100.1"))

    with pytest.raises(ValidationError) as excinfo:
        wijk.full_clean()

    assert "aandeel_65_plus" in excinfo.value.message_dict


def test_share_of_65_plus_above_100_percent_is_refused_by_the_database(gemeente):
    with transaction.atomic(), pytest.raises(IntegrityError):
        WijkFactory(gemeente=gemeente, aandeel_65_plus=Decimal("120.0"))


# Ruimte


def test_two_rooms_with_the_same_name_at_one_locatie_are_refused():
    ruimte = RuimteFactory(naam="Grote zaal")
    second = RuimteFactory.build(locatie=ruimte.locatie, naam="Grote zaal")

    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()

    assert "Deze locatie heeft al een ruimte met deze naam." in excinfo.value.messages


def test_rooms_with_the_same_name_at_two_locaties_are_accepted():
    RuimteFactory(naam="Grote zaal")
    elsewhere = RuimteFactory.build(locatie=LocatieFactory(), naam="Grote zaal")

    elsewhere.full_clean()


# Verhuur (the Btiv rule itself is in test_btiv.py)


def test_rental_ending_before_it_starts_is_refused():
    verhuur = VerhuurFactory.build(
        ruimte=RuimteFactory(),
        huurder=PartnerFactory(),
        ingangsdatum=dt.date(2027, 3, 1),
        einddatum=dt.date(2027, 2, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        verhuur.full_clean()

    assert excinfo.value.message_dict["einddatum"] == ["De einddatum ligt vóór de ingangsdatum."]


def test_rental_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        VerhuurFactory(ingangsdatum=dt.date(2027, 3, 1), einddatum=dt.date(2027, 2, 1))


@pytest.mark.parametrize(
    "van, tot, overlaps",
    [
        (dt.date(2027, 2, 1), dt.date(2027, 3, 31), True),  # ends inside the letting
        (dt.date(2027, 6, 30), None, True),  # starts on its last day
        (dt.date(2027, 3, 1), dt.date(2027, 4, 1), True),  # inside it
        (dt.date(2027, 7, 1), None, False),  # the day after it
        (dt.date(2026, 1, 1), dt.date(2027, 2, 28), False),  # the day before it
    ],
)
def test_a_room_is_let_to_one_tenant_at_a_time(van, tot, overlaps):
    bestaand = VerhuurFactory(
        ingangsdatum=dt.date(2027, 3, 1),
        einddatum=dt.date(2027, 6, 30),
        huurder=PartnerFactory(naam="Stichting Buurtkracht"),
    )
    nieuw = VerhuurFactory.build(
        ruimte=bestaand.ruimte, huurder=PartnerFactory(), ingangsdatum=van, einddatum=tot
    )

    if not overlaps:
        nieuw.full_clean()
        return
    with pytest.raises(ValidationError) as excinfo:
        nieuw.full_clean()
    assert excinfo.value.messages == [
        "Deze ruimte is in die periode al verhuurd aan Stichting Buurtkracht (van 1 maart 2027 "
        "tot en met 30 juni 2027). Kies een andere periode."
    ]


def test_an_open_ended_letting_blocks_every_later_one_and_may_itself_be_edited():
    bestaand = VerhuurFactory(ingangsdatum=dt.date(2027, 1, 1), einddatum=None)
    later = VerhuurFactory.build(
        ruimte=bestaand.ruimte, huurder=PartnerFactory(), ingangsdatum=dt.date(2030, 1, 1)
    )

    with pytest.raises(ValidationError, match="vanaf 1 januari 2027, zonder einddatum"):
        later.full_clean()
    bestaand.doel = "Taalcafé"
    bestaand.full_clean()  # not in its own way


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)
def test_overlapping_lettings_are_refused_by_the_database():
    bestaand = VerhuurFactory(ingangsdatum=dt.date(2027, 3, 1), einddatum=dt.date(2027, 6, 30))

    with transaction.atomic(), pytest.raises(IntegrityError, match="verhuur_ruimte_no_overlap"):
        VerhuurFactory(ruimte=bestaand.ruimte, ingangsdatum=dt.date(2027, 6, 30))
    VerhuurFactory(ruimte=bestaand.ruimte, ingangsdatum=dt.date(2027, 7, 1))  # the day after


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers and has no exclusion constraint; needs real concurrency",
)
@pytest.mark.django_db(transaction=True)
def test_of_ten_simultaneous_overlapping_lettings_exactly_one_goes_in():
    ruimte = RuimteFactory(verhuurbaar=True)
    huurders = [PartnerFactory() for _ in range(10)]
    barrier = threading.Barrier(10)
    outcomes = []

    def let_in_own_connection(huurder):
        from django.db import connections

        try:
            verhuur = Verhuur(
                ruimte=ruimte,
                huurder=huurder,
                ingangsdatum=dt.date(2027, 3, 1) + dt.timedelta(days=huurders.index(huurder)),
                doel="Koffieochtend",
            )
            verhuur.full_clean()  # every one sees a free room
            barrier.wait(timeout=60)
            with transaction.atomic():
                verhuur.save()
            outcomes.append("opgeslagen")
        except IntegrityError:
            outcomes.append("geweigerd")
        except Exception as error:  # shown by the assertion below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=let_in_own_connection, args=(h,)) for h in huurders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert sorted(outcomes) == ["geweigerd"] * 9 + ["opgeslagen"]
    assert Verhuur.objects.filter(ruimte=ruimte).count() == 1


# Samenwerking


def test_same_partner_twice_in_the_same_rol_at_a_locatie_is_refused():
    samenwerking = SamenwerkingFactory(rol=SamenwerkingRol.BEHEERDER)
    again = SamenwerkingFactory.build(
        locatie=samenwerking.locatie, partner=samenwerking.partner, rol=SamenwerkingRol.BEHEERDER
    )

    with pytest.raises(ValidationError) as excinfo:
        again.full_clean()

    assert "Deze partner heeft deze rol al bij deze locatie." in excinfo.value.messages


def test_same_partner_twice_in_the_same_rol_at_a_locatie_is_refused_by_the_database():
    samenwerking = SamenwerkingFactory(rol=SamenwerkingRol.BEHEERDER)

    with transaction.atomic(), pytest.raises(IntegrityError):
        SamenwerkingFactory(
            locatie=samenwerking.locatie,
            partner=samenwerking.partner,
            rol=SamenwerkingRol.BEHEERDER,
        )


def test_same_partner_in_two_roles_at_a_locatie_is_accepted():
    samenwerking = SamenwerkingFactory(rol=SamenwerkingRol.BEHEERDER)
    financier = SamenwerkingFactory.build(
        locatie=samenwerking.locatie, partner=samenwerking.partner, rol=SamenwerkingRol.FINANCIER
    )

    financier.full_clean()


def test_cooperation_ending_before_it_starts_is_refused():
    samenwerking = SamenwerkingFactory.build(
        locatie=LocatieFactory(),
        partner=PartnerFactory(),
        ingangsdatum=dt.date(2027, 3, 1),
        einddatum=dt.date(2027, 2, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        samenwerking.full_clean()

    assert "einddatum" in excinfo.value.message_dict


# Financiering


def test_factory_financiering_passes_validation():
    FinancieringFactory().full_clean()


def test_temporary_funding_without_einddatum_is_refused():
    financiering = FinancieringFactory.build(
        locatie=LocatieFactory(), structureel=False, einddatum=None
    )

    with pytest.raises(ValidationError) as excinfo:
        financiering.full_clean()

    assert excinfo.value.message_dict["einddatum"] == [
        "Tijdelijke financiering heeft een einddatum: tot wanneer?"
    ]


def test_temporary_funding_without_einddatum_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        FinancieringFactory(structureel=False, einddatum=None)


def test_structural_funding_without_einddatum_is_accepted():
    financiering = FinancieringFactory(structureel=True, einddatum=None)

    financiering.full_clean()


def test_funding_ending_before_it_starts_is_refused():
    financiering = FinancieringFactory.build(
        locatie=LocatieFactory(), ingangsdatum=dt.date(2027, 1, 1), einddatum=dt.date(2026, 12, 31)
    )

    with pytest.raises(ValidationError) as excinfo:
        financiering.full_clean()

    assert excinfo.value.message_dict["einddatum"] == ["De einddatum ligt vóór de ingangsdatum."]


def test_funding_ending_before_it_starts_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        FinancieringFactory(ingangsdatum=dt.date(2027, 1, 1), einddatum=dt.date(2026, 12, 31))


def test_negative_amount_is_refused():
    financiering = FinancieringFactory.build(
        locatie=LocatieFactory(), bedrag_per_jaar=Decimal("-1.00")
    )

    with pytest.raises(ValidationError) as excinfo:
        financiering.full_clean()

    assert "bedrag_per_jaar" in excinfo.value.message_dict


def test_negative_amount_is_refused_by_the_database():
    with transaction.atomic(), pytest.raises(IntegrityError):
        FinancieringFactory(bedrag_per_jaar=Decimal("-1.00"))


def test_funding_without_an_amount_is_accepted():
    FinancieringFactory(bedrag_per_jaar=None).full_clean()


def test_deleting_a_locatie_deletes_its_hours_and_cooperations():
    samenwerking = SamenwerkingFactory()
    OpeningstijdFactory(locatie=samenwerking.locatie)

    samenwerking.locatie.delete()

    assert not Locatie.objects.exists()
    assert not Openingstijd.objects.exists()
    assert not Samenwerking.objects.exists()


def test_partner_with_a_cooperation_cannot_be_deleted():
    samenwerking = SamenwerkingFactory()

    with pytest.raises(ProtectedError):
        samenwerking.partner.delete()


def test_gemeente_with_locaties_cannot_be_deleted():
    gemeente = GemeenteFactory()
    LocatieFactory(gemeente=gemeente)

    with pytest.raises(ProtectedError):
        gemeente.delete()


def test_buurt_fills_in_its_wijk(gemeente):
    buurt = BuurtFactory(wijk=WijkFactory(gemeente=gemeente), gemeente=gemeente)
    locatie = LocatieFactory(gemeente=gemeente)
    locatie.buurt = buurt

    locatie.full_clean()

    assert locatie.wijk == buurt.wijk


def test_buurt_outside_the_chosen_wijk_is_refused(gemeente):
    buurt = BuurtFactory(wijk=WijkFactory(gemeente=gemeente), gemeente=gemeente)
    locatie = LocatieFactory(gemeente=gemeente, wijk=WijkFactory(gemeente=gemeente))
    locatie.buurt = buurt

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert "buurt" in excinfo.value.message_dict


def test_a_buurt_is_not_accepted_as_wijk(gemeente):
    buurt = BuurtFactory(wijk=WijkFactory(gemeente=gemeente), gemeente=gemeente)
    locatie = LocatieFactory(gemeente=gemeente)
    locatie.wijk = buurt

    with pytest.raises(ValidationError) as excinfo:
        locatie.full_clean()

    assert "wijk" in excinfo.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("toevoeging", ["", "a", "B", " c ", "2", "2-hoog", "bis", "-", "A 1"])
@pytest.mark.parametrize("adres_openbaar", [True, False])
def test_the_public_address_computed_in_the_database_is_the_property(toevoeging, adres_openbaar):
    locatie = LocatieFactory(
        straat="Lindelaan",
        huisnummer=14,
        huisnummer_toevoeging=toevoeging,
        postcode="7314 AB",
        plaats="Apeldoorn",
        adres_openbaar=adres_openbaar,
    )

    [adres] = (
        Locatie.objects.filter(pk=locatie.pk).with_openbaar_adres().values_list("adres", flat=True)
    )

    assert adres == locatie.openbaar_adres
