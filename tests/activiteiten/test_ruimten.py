"""The rooms overview in the portal (/beheer/ruimten/): every room of the places one manages,
grouped by place, with its lettings, the activities that hold it in a week and its free hours;
a week chooser, a place filter and the same rows as CSV and XLSX."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activiteiten.agenda import monday_of, week_param
from activiteiten.models import Activiteit, Occurrence
from kern.timezones import AMSTERDAM
from locaties.constants import SamenwerkingRol, Weekdag
from locaties.models import Openingstijd, Ruimte, Sluiting, Verhuur, Voorziening
from partners import permissions
from tests.factories import (
    ActiviteitFactory,
    LocatieFactory,
    OpeningstijdFactory,
    PartnerFactory,
    RuimteFactory,
    SamenwerkingFactory,
    SluitingFactory,
    VerhuurFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("beheer:ruimten")


def next_monday() -> dt.date:
    return monday_of(timezone.localdate()) + dt.timedelta(days=7)


@pytest.fixture
def eigen_locatie(gemeente, corporatie):
    locatie = LocatieFactory(gemeente=gemeente, naam="Buurthuiskamer De Linde")
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    OpeningstijdFactory(locatie=locatie, weekdag=Weekdag.MAANDAG, van=dt.time(9), tot=dt.time(17))
    OpeningstijdFactory(locatie=locatie, weekdag=Weekdag.DINSDAG, van=dt.time(9), tot=dt.time(17))
    return locatie


@pytest.fixture
def zaal(eigen_locatie):
    ruimte = RuimteFactory(locatie=eigen_locatie, naam="Grote zaal", capaciteit=40)
    ruimte.voorzieningen.add(Voorziening.objects.order_by("code").first())
    return ruimte


@pytest.fixture
def andere_ruimte(andere_gemeente):
    locatie = LocatieFactory(gemeente=andere_gemeente, naam="Wijkcentrum Elders")
    SamenwerkingFactory(
        locatie=locatie,
        partner=PartnerFactory(naam="Welzijn Elders", werkgebied=[andere_gemeente]),
        rol=SamenwerkingRol.BEHEERDER,
    )
    return RuimteFactory(locatie=locatie, naam="Geheime kamer")


def test_corporatie_staff_see_their_rooms_and_not_those_of_others(
    client, corporatie_medewerker, zaal, andere_ruimte
):
    client.force_login(corporatie_medewerker)

    response = client.get(URL)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Buurthuiskamer De Linde" in text
    assert "Grote zaal" in text
    assert "40 personen" in text
    assert "Geheime kamer" not in text
    assert "Wijkcentrum Elders" not in text


def test_a_place_manager_and_gemeente_staff_see_the_rooms_too(
    client, gemeente, eigen_locatie, zaal, welzijn_medewerker, gemeente_medewerker
):
    SamenwerkingFactory(
        locatie=eigen_locatie,
        partner=welzijn_medewerker.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.BEHEERDER,
    )
    for user in (welzijn_medewerker, gemeente_medewerker):
        client.force_login(user)
        assert "Grote zaal" in client.get(URL).content.decode()


def test_staff_who_manage_no_rooms_get_404_and_no_menu_link(
    client, zorg_medewerker, eigen_locatie, zaal
):
    SamenwerkingFactory(
        locatie=eigen_locatie,
        partner=zorg_medewerker.lidmaatschappen.get().partner,
        rol=SamenwerkingRol.ZORGPARTNER,
    )
    client.force_login(zorg_medewerker)

    assert client.get(URL).status_code == 404
    assert client.get(reverse("beheer:ruimten_csv")).status_code == 404
    assert URL not in client.get(reverse("beheer:start")).content.decode()


def test_the_menu_links_the_overview_for_those_who_manage_rooms(
    client, corporatie_medewerker, zaal
):
    client.force_login(corporatie_medewerker)

    page = client.get(reverse("beheer:start")).content.decode()

    assert f'href="{URL}"' in page


def test_a_corporatie_without_rooms_gets_no_link_and_404(
    client, corporatie_medewerker, eigen_locatie
):
    client.force_login(corporatie_medewerker)

    assert not permissions.manages_ruimten(corporatie_medewerker)
    assert client.get(URL).status_code == 404


def test_an_ended_samenwerking_gives_no_rooms(client, corporatie_medewerker, corporatie, zaal):
    zaal.locatie.samenwerkingen.filter(partner=corporatie).update(
        einddatum=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(corporatie_medewerker)

    assert client.get(URL).status_code == 404


def test_the_week_shows_lettings_activities_and_free_blocks(client, corporatie_medewerker, zaal):
    monday = next_monday()
    tuesday = monday + dt.timedelta(days=1)
    huurder = PartnerFactory(naam="Stichting Buurtkracht")
    VerhuurFactory(ruimte=zaal, huurder=huurder, ingangsdatum=tuesday, einddatum=tuesday)
    ActiviteitFactory(
        locatie=zaal.locatie,
        ruimte=zaal,
        titel="Soep op maandag",
        startdatum=monday,
        begintijd=dt.time(12, 0),
        eindtijd=dt.time(13, 30),
        herhaling="FREQ=WEEKLY;BYDAY=MO",
    )
    client.force_login(corporatie_medewerker)

    response = client.get(URL, {"week": week_param(monday)})

    text = response.content.decode()
    assert "Stichting Buurtkracht" in text
    assert "Soep op maandag" in text
    assert "ma 12:00–13:30" in text
    assert "<li>ma 09:00–12:00</li>" in text
    assert "<li>ma 13:30–17:00</li>" in text
    assert "di 09:00" not in text  # let all Tuesday
    assert "6,5 van 16" in text


def test_past_lettings_are_not_listed_but_current_and_coming_ones_are(
    client, corporatie_medewerker, zaal
):
    today = timezone.localdate()
    VerhuurFactory(
        ruimte=zaal,
        huurder=PartnerFactory(naam="Oude Huurder"),
        ingangsdatum=today - dt.timedelta(days=60),
        einddatum=today - dt.timedelta(days=30),
    )
    VerhuurFactory(
        ruimte=zaal,
        huurder=PartnerFactory(naam="Huurder Nu"),
        ingangsdatum=today - dt.timedelta(days=10),
        einddatum=today + dt.timedelta(days=10),
    )
    VerhuurFactory(
        ruimte=zaal,
        huurder=PartnerFactory(naam="Huurder Straks"),
        ingangsdatum=today + dt.timedelta(days=100),
    )
    client.force_login(corporatie_medewerker)

    text = client.get(URL).content.decode()

    assert "Oude Huurder" not in text
    assert "Huurder Nu" in text
    assert "Huurder Straks" in text


def test_a_closure_day_in_the_week_is_not_free(client, corporatie_medewerker, zaal):
    monday = next_monday()
    SluitingFactory(locatie=zaal.locatie, van=monday, tot=monday, reden="Studiedag")
    client.force_login(corporatie_medewerker)

    text = client.get(URL, {"week": week_param(monday)}).content.decode()

    assert "ma 09:00" not in text
    assert "<li>di 09:00–17:00</li>" in text


def test_a_nonsense_week_shows_this_week_with_a_dutch_message(client, corporatie_medewerker, zaal):
    client.force_login(corporatie_medewerker)

    for value in ("volgende week", "2026-W99", "<script>", "1-W01"):
        response = client.get(URL, {"week": value})
        assert response.status_code == 200
        assert response.context["monday"] == monday_of(timezone.localdate())
        assert response.context["week_message"]
        assert "<script>" not in response.content.decode()


def test_previous_and_next_week_links_keep_the_place(client, corporatie_medewerker, zaal):
    monday = next_monday()
    client.force_login(corporatie_medewerker)

    response = client.get(URL, {"week": week_param(monday), "locatie": zaal.locatie.slug})

    text = response.content.decode()
    previous = week_param(monday - dt.timedelta(days=7))
    following = week_param(monday + dt.timedelta(days=7))
    assert f'href="?week={previous}&amp;locatie={zaal.locatie.slug}"' in text
    assert f'href="?week={following}&amp;locatie={zaal.locatie.slug}"' in text


def test_the_place_filter_shows_one_place(
    client, corporatie_medewerker, corporatie, gemeente, zaal
):
    tweede = LocatieFactory(gemeente=gemeente, naam="Tweede Plek")
    SamenwerkingFactory(locatie=tweede, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    RuimteFactory(locatie=tweede, naam="Kleine kamer")
    client.force_login(corporatie_medewerker)

    alle = client.get(URL).content.decode()
    een = client.get(URL, {"locatie": tweede.slug}).content.decode()

    assert "Grote zaal" in alle and "Kleine kamer" in alle
    assert "Kleine kamer" in een and "Grote zaal" not in een


def test_another_organisations_place_in_the_filter_is_refused_without_showing_it(
    client, corporatie_medewerker, zaal, andere_ruimte
):
    client.force_login(corporatie_medewerker)

    response = client.get(URL, {"locatie": andere_ruimte.locatie.slug})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Deze locatie staat niet in de lijst" in text
    assert "Geheime kamer" not in text
    assert "Grote zaal" in text


def test_a_room_out_of_use_before_the_week_is_left_out(client, corporatie_medewerker, zaal):
    RuimteFactory(
        locatie=zaal.locatie, naam="Oude keuken", buiten_gebruik_sinds=dt.date(2020, 1, 1)
    )
    client.force_login(corporatie_medewerker)

    assert "Oude keuken" not in client.get(URL).content.decode()


def test_the_csv_holds_the_same_rows(client, corporatie_medewerker, zaal):
    monday = next_monday()
    ActiviteitFactory(
        locatie=zaal.locatie,
        ruimte=zaal,
        titel="=Soep",
        startdatum=monday,
        begintijd=dt.time(12, 0),
        eindtijd=dt.time(13, 0),
        herhaling="",
    )
    client.force_login(corporatie_medewerker)

    response = client.get(reverse("beheer:ruimten_csv"), {"week": week_param(monday)})

    assert response["Content-Type"].startswith("text/csv")
    assert f"ruimten-{week_param(monday)}.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "Buurthuiskamer De Linde;Grote zaal;40;" in text
    assert "'=Soep, ma 12:00–13:00" in text  # a formula is written as text
    assert "ma 09:00–12:00; ma 13:00–17:00; di 09:00–17:00" in text
    assert ";16;1;15;" in text


def test_the_xlsx_holds_the_same_rows(client, corporatie_medewerker, zaal, andere_ruimte):
    client.force_login(corporatie_medewerker)

    response = client.get(reverse("beheer:ruimten_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Grote zaal" in values
    assert "Geheime kamer" not in values


# Query count ---------------------------------------------------------------------------------


def bulk_rooms(n, *, gemeente, corporatie, monday):
    """n rooms over n/2 places the corporatie owns, each place open Monday to Friday and
    closed one day, each room with facilities, a letting and an activity's date in the week."""
    locaties = [LocatieFactory(gemeente=gemeente) for _ in range(n // 2)]
    for locatie in locaties:
        SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    Openingstijd.objects.bulk_create(
        Openingstijd(locatie=locatie, weekdag=day, van=dt.time(9), tot=dt.time(17))
        for locatie in locaties
        for day in range(5)
    )
    Sluiting.objects.bulk_create(
        Sluiting(locatie=locatie, van=monday, tot=monday) for locatie in locaties
    )
    rooms = Ruimte.objects.bulk_create(
        Ruimte(locatie=locatie, naam=f"Zaal {i}", capaciteit=10, verhuurbaar=True)
        for locatie in locaties
        for i in range(2)
    )
    voorziening = Voorziening.objects.order_by("code").first()
    Ruimte.voorzieningen.through.objects.bulk_create(
        Ruimte.voorzieningen.through(ruimte=room, voorziening=voorziening) for room in rooms
    )
    huurder = PartnerFactory()
    Verhuur.objects.bulk_create(
        Verhuur(ruimte=room, huurder=huurder, ingangsdatum=monday + dt.timedelta(days=4), doel="x")
        for room in rooms
    )
    activiteiten = Activiteit.objects.bulk_create(
        ActiviteitFactory.build(locatie=room.locatie, ruimte=room, organisator=huurder)
        for room in rooms
    )
    begin = dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(10), tzinfo=AMSTERDAM)
    Occurrence.objects.bulk_create(
        Occurrence(
            activiteit=activiteit,
            oorspronkelijke_datum=begin.date(),
            datum=begin.date(),
            begin=begin,
            einde=begin + dt.timedelta(hours=2),
            ruimte_bezet_id=activiteit.ruimte_id,
        )
        for activiteit in activiteiten
    )


# Session, user, membership and rooms (one query), the place filter's choices (page only), the
# rooms with their places, facilities, lettings, opening hours, closures, and the dates.
MAX_QUERIES = {"ruimten": 10, "ruimten_csv": 9}


@pytest.mark.parametrize("rooms", [10, 200])
@pytest.mark.parametrize("name", ["ruimten", "ruimten_csv"])
def test_the_overview_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, gemeente, corporatie, corporatie_medewerker, rooms, name
):
    monday = next_monday()
    bulk_rooms(rooms, gemeente=gemeente, corporatie=corporatie, monday=monday)
    client.force_login(corporatie_medewerker)

    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(reverse(f"beheer:{name}"), {"week": week_param(monday)})

    assert response.status_code == 200
    if name == "ruimten":
        assert len(response.context["weeks"]) == rooms
        assert response.content.decode().count("<li>di 12:00–17:00</li>") == rooms


def test_the_overview_speaks_english_under_en(client, corporatie_medewerker, zaal):
    client.force_login(corporatie_medewerker)

    response = client.get("/en/beheer/ruimten/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Free times" in text and "Lettings now and later" in text
    assert "Vrije tijden" not in text
    assert "<li>Mon 09:00–17:00</li>" in text


def test_a_place_page_links_its_rooms_in_the_overview(client, corporatie_medewerker, zaal):
    client.force_login(corporatie_medewerker)

    page = client.get(reverse("beheer:locatie", args=[zaal.locatie.slug])).content.decode()

    assert f'href="{URL}?locatie={zaal.locatie.slug}"' in page
