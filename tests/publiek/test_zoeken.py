"""Search by word (publiek/zoeken.py) through the place list and the home page: twenty
queries a resident or a staff member types, with the first activity and the first place
they should see, on SQLite and PostgreSQL."""

import datetime as dt
import io

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus, Categorie
from activiteiten.models import Activiteit
from locaties.constants import (
    DoelgroepCode,
    LocatieSoort,
    LocatieStatus,
    SamenwerkingRol,
    VoorzieningCode,
)
from locaties.models import Doelgroep, Locatie, Samenwerking, Voorziening
from partners.models import Partner
from publiek import views, zoeken
from tests.factories import (
    ActiviteitFactory,
    GemeenteFactory,
    LocatieFactory,
    PartnerFactory,
    SamenwerkingFactory,
)

pytestmark = pytest.mark.django_db

ONLY_POSTGRES = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="Dutch stemming beyond the plural rule is PostgreSQL's full-text search; SQLite "
    "matches whole words and a simple plural only",
)


def activiteit(locatie, titel, categorie, organisator, **kwargs):
    return ActiviteitFactory(
        locatie=locatie,
        titel=titel,
        categorie=categorie,
        organisator=organisator,
        startdatum=timezone.localdate() - dt.timedelta(days=10),
        herhaling="FREQ=WEEKLY",
        **kwargs,
    )


@pytest.fixture
def wereld(db):
    """Three towns of the seeds with a few places and activities each, and records that must
    not be found (a concept place, a concept activity)."""
    apeldoorn = GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")
    zeist = GemeenteFactory(naam="Zeist", cbs_code="GM0355", slug="zeist")
    purmerend = GemeenteFactory(naam="Purmerend", cbs_code="GM0439", slug="purmerend")
    kwintes = PartnerFactory(naam="Kwintes")
    abrona = PartnerFactory(zorg=True, naam="Abrona")
    stimenz = PartnerFactory(naam="Stimenz")
    charim = PartnerFactory(zorg=True, naam="Zorggroep Charim")
    leviaan = PartnerFactory(zorg=True, naam="Leviaan")
    woonmensen = PartnerFactory(corporatie=True, naam="De Woonmensen")

    noord = LocatieFactory(
        gepubliceerd=True,
        naam="Wijkservicepunt Noord",
        soort=LocatieSoort.WIJKSERVICEPUNT,
        omschrijving="Café Noord met elke dag een verse maaltijd, een winkel, dagbesteding "
        "en computerles.",
        gemeente=zeist,
        plaats="Zeist",
        postcode="3705 AB",
        latitude=52.100,
        longitude=5.240,
        rolstoeltoegankelijk=True,
    )
    noord.voorzieningen.set(
        Voorziening.objects.filter(
            code__in=[VoorzieningCode.MAALTIJDEN, VoorzieningCode.COMPUTERS]
        )
    )
    anker = LocatieFactory(
        gepubliceerd=True,
        naam="Huiskamer Het Anker",
        soort=LocatieSoort.ONTMOETINGSRUIMTE,
        omschrijving="Ontmoetingsruimte in het wooncomplex.",
        gemeente=zeist,
        plaats="Zeist",
        postcode="3706 AB",
        latitude=52.085,
        longitude=5.235,
        rolstoeltoegankelijk=False,
    )
    heel_europa = LocatieFactory(
        gepubliceerd=True,
        naam="Heel Europa",
        soort=LocatieSoort.WOONZORGLOCATIE,
        omschrijving="Woonzorglocatie met een PostNL-punt en een huiskamer.",
        gemeente=purmerend,
        plaats="Purmerend",
        postcode="1442 AB",
        latitude=52.500,
        longitude=4.960,
        rolstoeltoegankelijk=None,
    )
    heel_europa.voorzieningen.set(Voorziening.objects.filter(code=VoorzieningCode.POSTNL_PUNT))
    heel_europa.doelgroepen.set(Doelgroep.objects.filter(code=DoelgroepCode.OUDEREN))
    mheen = LocatieFactory(
        gepubliceerd=True,
        naam="+Punt De Mheen",
        soort=LocatieSoort.PLUS_PUNT,
        omschrijving="Buurthuiskamer in de wijk.",
        gemeente=apeldoorn,
        postcode="7311 AB",
        latitude=52.2115,
        longitude=5.9660,
        rolstoeltoegankelijk=True,
    )
    bolder = LocatieFactory(
        gepubliceerd=True,
        naam="Buurthuis De Bolder",
        soort=LocatieSoort.BUURTHUIS,
        omschrijving="Wijkcentrum met een grote zaal en een tuin.",
        gemeente=apeldoorn,
        postcode="7322 CD",
        latitude=52.180,
        longitude=6.010,
        rolstoeltoegankelijk=False,
    )
    geheim = LocatieFactory(naam="Concept Computerles Maaltijd", gemeente=apeldoorn)

    SamenwerkingFactory(locatie=noord, partner=abrona, rol=SamenwerkingRol.ZORGPARTNER)
    SamenwerkingFactory(locatie=noord, partner=kwintes, rol=SamenwerkingRol.VASTE_GEBRUIKER)
    SamenwerkingFactory(locatie=mheen, partner=woonmensen, rol=SamenwerkingRol.EIGENAAR)
    SamenwerkingFactory(locatie=mheen, partner=stimenz, rol=SamenwerkingRol.WELZIJNSPARTNER)

    activiteit(noord, "Computerles voor beginners", Categorie.COMPUTERLES, kwintes)
    activiteit(noord, "Samen eten", Categorie.MAALTIJD, charim, omschrijving="Verse maaltijd.")
    activiteit(noord, "Spreekuur Zorggroep Charim", Categorie.SPREEKUUR, charim)
    activiteit(mheen, "Maaltijden op dinsdag", Categorie.MAALTIJD, woonmensen)
    activiteit(mheen, "Spreekuur Sociaal Wijkteam", Categorie.SPREEKUUR, stimenz)
    activiteit(
        anker, "Breiclub De Steek", Categorie.CREATIEF, abrona, omschrijving="Samen breien."
    )
    activiteit(bolder, "Breien en haken", Categorie.CREATIEF, stimenz)
    activiteit(bolder, "Wandelen in het park", Categorie.BEWEGEN, stimenz)
    activiteit(bolder, "Café op vrijdag", Categorie.KOFFIE, woonmensen)
    mantelzorg = activiteit(
        bolder,
        "Lotgenotengroep",
        Categorie.CURSUS,
        stimenz,
        omschrijving="Praten met andere mantelzorgers.",
    )
    mantelzorg.doelgroepen.set(Doelgroep.objects.filter(code=DoelgroepCode.MANTELZORGERS))
    activiteit(heel_europa, "Koffieochtend", Categorie.KOFFIE, leviaan)
    activiteit(heel_europa, "Klaverjassen", Categorie.SPELLETJES, leviaan)
    activiteit(
        mheen, "Computerles in concept", Categorie.COMPUTERLES, kwintes,
        status=ActiviteitStatus.CONCEPT,
    )  # fmt: skip
    activiteit(geheim, "Maaltijd in een conceptplek", Categorie.MAALTIJD, woonmensen)
    # An activity over: its only date is past, so it is no result.
    ActiviteitFactory(
        locatie=mheen,
        titel="Computerles van vorig jaar",
        categorie=Categorie.COMPUTERLES,
        organisator=kwintes,
        startdatum=timezone.localdate() - dt.timedelta(days=40),
        eenmalig=True,
    )


# (query, first activity, first place); None where none is expected.
QUERIES = [
    ("computerles", "Computerles voor beginners", "Wijkservicepunt Noord"),
    ("Heel Europa", "Klaverjassen", "Heel Europa"),
    ("maaltijd", "Maaltijden op dinsdag", "Wijkservicepunt Noord"),
    ("maaltijden", "Maaltijden op dinsdag", "Wijkservicepunt Noord"),
    ("rolstoel", None, "+Punt De Mheen"),
    ("breien zeist", "Breiclub De Steek", "Huiskamer Het Anker"),
    ("spreekuur 7311", "Spreekuur Sociaal Wijkteam", "+Punt De Mheen"),
    ("spreekuur Zeist", "Spreekuur Zorggroep Charim", "Wijkservicepunt Noord"),
    ("computreles", "Computerles voor beginners", "Wijkservicepunt Noord"),
    ("maaltyd", "Maaltijden op dinsdag", "Wijkservicepunt Noord"),
    ("cafe", "Café op vrijdag", "Wijkservicepunt Noord"),
    ("Café", "Café op vrijdag", "Wijkservicepunt Noord"),
    ("Kwintes", "Computerles voor beginners", "Wijkservicepunt Noord"),
    ("Stimenz", "Breien en haken", "+Punt De Mheen"),
    ("wijkservicepunt", "Computerles voor beginners", "Wijkservicepunt Noord"),
    ("PostNL", None, "Heel Europa"),
    ("koffie Purmerend", "Koffieochtend", "Heel Europa"),
    ("mantelzorgers", "Lotgenotengroep", "Buurthuis De Bolder"),
    ("waar is dagbesteding", None, "Wijkservicepunt Noord"),
    ("Samen breien", "Breiclub De Steek", "Huiskamer Het Anker"),
    pytest.param("wandeling", "Wandelen in het park", "Buurthuis De Bolder", marks=ONLY_POSTGRES),
    pytest.param("haak", "Breien en haken", "Buurthuis De Bolder", marks=ONLY_POSTGRES),
]


@pytest.mark.parametrize(("q", "eerste_activiteit", "eerste_plek"), QUERIES)
def test_a_residents_query_shows_the_expected_first_results(
    client, wereld, pdok, q, eerste_activiteit, eerste_plek
):
    pdok.fail_with(requests.ConnectionError("offline"))  # the registry's own addresses answer

    response = client.get("/locaties/", {"q": q})

    assert response.status_code == 200
    activiteiten = [a.titel for a in response.context["activiteiten"]]
    plekken = [locatie.naam for locatie in response.context["page"].object_list]
    assert (activiteiten[:1] or [None])[0] == eerste_activiteit, activiteiten
    assert (plekken[:1] or [None])[0] == eerste_plek, plekken
    assert "Concept Computerles Maaltijd" not in plekken
    assert not {"Computerles in concept", "Maaltijd in een conceptplek"} & set(activiteiten)
    assert "Computerles van vorig jaar" not in activiteiten


def test_a_typo_is_corrected_and_the_resident_is_told(client, wereld):
    response = client.get("/locaties/", {"q": "computreles"})

    assert "Niets gevonden met „computreles”. Daarom is gezocht op „computerles”." in (
        response.text
    )


def test_a_word_that_matches_nothing_is_taken_as_an_address(client, wereld, pdok):
    pdok.respond_with("geen_resultaat")

    response = client.get("/locaties/", {"q": "xyzzyq"})

    assert response.context["activiteiten"] == []
    assert pdok.requests[0]["params"]["q"] == "xyzzyq"
    # Every place, on name, as before search by word.
    assert response.context["paginator"].count == 5


def test_an_address_still_sorts_by_distance_without_filtering_by_word(client, wereld, pdok):
    pdok.respond_with("adres_marktplein_1_apeldoorn")

    response = client.get("/locaties/", {"q": "Marktplein 1 Apeldoorn"})

    plekken = [locatie.naam for locatie in response.context["page"].object_list]
    assert plekken[:2] == ["+Punt De Mheen", "Buurthuis De Bolder"]
    assert len(plekken) == 5
    assert pdok.requests[0]["params"]["q"] == "Marktplein 1 Apeldoorn"


def test_words_and_a_postcode_filter_by_word_and_sort_by_distance(client, wereld, pdok):
    pdok.respond_with("postcode_7311ab")

    response = client.get("/locaties/", {"q": "spreekuur 7311 AB"})

    assert pdok.requests[0]["params"]["q"] == "7311 AB"
    assert [a.titel for a in response.context["activiteiten"]] == [
        "Spreekuur Sociaal Wijkteam",
        "Spreekuur Zorggroep Charim",
    ]
    assert response.context["activiteiten"][0].afstand
    assert "spreekuur 7311 AB" in response.text  # the box keeps what was typed


def test_the_search_line_is_split_into_words_and_a_place(wereld):
    assert zoeken.lees("breien zeist") == zoeken.Zoekvraag(
        tekst="breien zeist", woorden=("breien",), plek="Zeist"
    )
    assert zoeken.lees("waar is de maaltijd 7311 AB?").woorden == ("maaltijd",)
    assert zoeken.lees("waar is de maaltijd 7311 AB?").plek == "7311 AB"
    assert zoeken.lees("Hoofdstraat 12 Apeldoorn").plek == "Hoofdstraat 12 Apeldoorn"
    assert zoeken.lees("Hoofdstraat 12 Apeldoorn").woorden == ()


def test_an_activity_result_shows_its_next_date_and_links_to_activity_and_place(client, wereld):
    response = client.get("/locaties/", {"q": "computerles"})

    eerste = response.context["activiteiten"][0]
    assert eerste.volgende_begin.date() >= timezone.localdate() - dt.timedelta(days=1)
    assert f'href="/activiteiten/{eerste.slug}/"' in response.text
    assert f'href="/locaties/{eerste.locatie.slug}/"' in response.text


def test_the_home_page_shows_activities_and_places_for_words(client, wereld):
    response = client.get("/", {"q": "breien"})

    assert [a.titel for a in response.context["activiteiten"]] == [
        "Breiclub De Steek",
        "Breien en haken",
    ]
    assert {locatie.naam for locatie in response.context["nearest"]} == {
        "Buurthuis De Bolder",
        "Huiskamer Het Anker",
    }


def test_the_map_data_follow_the_words(client, wereld):
    response = client.get("/locaties/kaart.geojson", {"q": "PostNL"})

    assert [f["properties"]["naam"] for f in response.json()["features"]] == ["Heel Europa"]


def test_filters_narrow_the_activities_too(client, wereld):
    response = client.get("/locaties/", {"q": "spreekuur", "gemeente": "zeist"})

    assert [a.titel for a in response.context["activiteiten"]] == ["Spreekuur Zorggroep Charim"]


def extra_matches(aantal):
    gemeente = GemeenteFactory()
    for _ in range(aantal):
        locatie = LocatieFactory(gepubliceerd=True, gemeente=gemeente, omschrijving="Maaltijd.")
        activiteit(locatie, "Maaltijd met de buren", Categorie.MAALTIJD, PartnerFactory())


# The list's cold caches add up to 22 on PostgreSQL (fewer on SQLite): the registry's latest
# change, and reading and writing (in the database cache, in savepoints) its count, its cards
# and its filter form (publiek/views.py). With Redis none of them is a query.
@pytest.mark.parametrize("aantal", [2, 12])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/locaties/?q=maaltijd", 12 + 22),
        ("/?q=maaltijd", 10),
        ("/locaties/?q=maaltijd+Zeist", 17 + 22),
        ("/?q=computreles", 14),
    ],
)
def test_search_pages_run_a_fixed_number_of_queries(
    client, wereld, pdok, django_assert_max_num_queries, aantal, url, queries
):
    pdok.fail_with(requests.ConnectionError("offline"))
    extra_matches(aantal)

    with django_assert_max_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the GIN indexes exist on PostgreSQL only"
)
def test_on_postgresql_the_word_search_uses_the_gin_indexes(wereld):
    woorden = ("computerles",)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plans = {
            index: queryset.explain()
            for index, queryset in [
                ("activiteit_zoekdocument_gin", zoeken._in_document(Activiteit.objects, woorden)),
                ("locatie_zoekdocument_gin", zoeken._in_document(Locatie.objects, woorden)),
                (
                    "activiteit_titel_zoek_gin",
                    zoeken._tekst(Activiteit.objects.all(), ("titel",), woorden),
                ),
                (
                    "locatie_naam_zoek_gin",
                    zoeken._tekst(Locatie.objects.all(), ("naam",), woorden),
                ),
                (
                    "locatie_zoek_gin",
                    zoeken._tekst(Locatie.objects.all(), ("naam", "omschrijving"), woorden),
                ),
            ]
        }
        cursor.execute("RESET enable_seqscan")
    # With sequential scans priced out, every text match must come from its index: an index
    # expression that drifted from zoeken.document(), or a document without its index,
    # would leave a Seq Scan here.
    for index, plan in plans.items():
        assert "Seq Scan" not in plan, plan
        assert index in plan, plan


# --- What search finds follows every change at once ---------------------------------------


def plekken_met(*woorden):
    return [
        locatie.naam for locatie in zoeken.op_relevantie(Locatie.objects.openbaar(), woorden)[:20]
    ]


def activiteiten_met(*woorden):
    return [a.titel for a in zoeken.gevonden_activiteiten(woorden, today=timezone.localdate())]


def test_a_place_that_is_no_longer_published_drops_out_of_search_at_once(wereld):
    noord = Locatie.objects.get(naam="Wijkservicepunt Noord")
    assert "Wijkservicepunt Noord" in plekken_met("computerles")

    noord.status = LocatieStatus.GEARCHIVEERD
    noord.save()

    assert "Wijkservicepunt Noord" not in plekken_met("computerles")
    assert "Computerles voor beginners" not in activiteiten_met("computerles")


def test_a_cancelled_activity_no_longer_finds_itself_or_its_place(wereld):
    assert plekken_met("klaverjassen") == ["Heel Europa"]
    klaverjassen = Activiteit.objects.get(titel="Klaverjassen")

    klaverjassen.status = ActiviteitStatus.AFGELAST
    klaverjassen.save()

    assert plekken_met("klaverjassen") == []
    assert activiteiten_met("klaverjassen") == []


def test_a_new_or_changed_activity_is_found_at_once_with_its_place(wereld):
    anker = Locatie.objects.get(naam="Huiskamer Het Anker")
    activiteit(anker, "Sjoelen", Categorie.SPELLETJES, PartnerFactory())
    assert plekken_met("sjoelen") == ["Huiskamer Het Anker"]

    Activiteit.objects.filter(titel="Sjoelen").update(titel="Dammen")

    assert plekken_met("sjoelen") == []
    assert plekken_met("dammen") == ["Huiskamer Het Anker"]
    assert activiteiten_met("dammen") == ["Dammen"]


def test_a_facility_added_or_taken_away_changes_what_finds_the_place(wereld):
    anker = Locatie.objects.get(naam="Huiskamer Het Anker")
    postnl = Voorziening.objects.get(code=VoorzieningCode.POSTNL_PUNT)

    anker.voorzieningen.add(postnl)
    assert plekken_met("postnl") == ["Heel Europa", "Huiskamer Het Anker"]

    anker.voorzieningen.remove(postnl)
    assert plekken_met("postnl") == ["Heel Europa"]


def test_a_renamed_partner_is_found_by_its_new_name_only(wereld):
    Partner.objects.filter(naam="Stimenz").update(naam="Buurtkracht")

    assert plekken_met("stimenz") == []
    assert plekken_met("buurtkracht") == ["+Punt De Mheen"]
    assert "Breien en haken" in activiteiten_met("buurtkracht")


def test_a_partner_that_stops_working_at_a_place_no_longer_finds_it(wereld):
    assert "Wijkservicepunt Noord" in plekken_met("kwintes")

    Samenwerking.objects.filter(partner__naam="Kwintes").delete()

    assert "Wijkservicepunt Noord" not in plekken_met("kwintes")


def test_a_renamed_place_is_found_in_its_activities_by_its_new_name(wereld):
    bolder = Locatie.objects.get(naam="Buurthuis De Bolder")
    bolder.naam = "Buurthuis De Zonnewijzer"
    bolder.save()

    assert "Wandelen in het park" in activiteiten_met("zonnewijzer")
    assert activiteiten_met("bolder") == []


def test_more_places_than_the_cap_are_counted_as_more(client, wereld, pdok, monkeypatch):
    pdok.fail_with(requests.ConnectionError("offline"))
    monkeypatch.setattr(zoeken, "MAX_AANTAL", 2)
    extra_matches(3)

    precies = client.get("/locaties/", {"q": "rolstoel"})
    meer = client.get("/locaties/", {"q": "maaltijd"})

    assert precies.context["aantal_afgekapt"] is None
    assert "2 ontmoetingsplekken gevonden" in precies.text
    assert meer.context["aantal_afgekapt"] == 2
    assert "Meer dan 2 ontmoetingsplekken gevonden" in meer.text
    assert "Pagina 1." in meer.text
    # The pages show the first two of the five, by relevance and name: two of the three new
    # places with "Maaltijd." in their description come before Wijkservicepunt Noord.
    plekken = [locatie.naam for locatie in meer.context["page"].object_list]
    assert len(plekken) == 2
    assert all(naam.startswith("Ontmoetingsplek ") for naam in plekken), plekken
    assert meer.context["paginator"].num_pages == 1


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the stored search documents are PostgreSQL's"
)
def test_the_command_rebuilds_search_documents_that_went_missing(wereld):
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no triggers
        cursor.execute("UPDATE locaties_locatie SET zoekdocument = NULL")
        cursor.execute("UPDATE activiteiten_activiteit SET zoekdocument = NULL")
        cursor.execute("SET session_replication_role = DEFAULT")
    assert plekken_met("kwintes") == []  # a partner's name is in the documents only

    out = io.StringIO()
    call_command("vernieuw_zoekdocumenten", stdout=out)

    assert (
        f"Zoekdocumenten vernieuwd: {Locatie.objects.count()} plekken, "
        f"{Activiteit.objects.count()} activiteiten."
    ) in out.getvalue()
    assert plekken_met("kwintes") == ["Wijkservicepunt Noord"]
    assert activiteiten_met("computerles") == ["Computerles voor beginners"]


def test_the_word_filter_also_works_inside_a_subquery(wereld):
    met_kwintes = zoeken.filter_locaties(Locatie.objects.all(), ("kwintes",)).values("pk")

    activiteiten = Activiteit.objects.filter(locatie__in=met_kwintes).values_list(
        "locatie__naam", flat=True
    )

    assert set(activiteiten) == {"Wijkservicepunt Noord"}


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite has no stored documents")
def test_on_sqlite_the_command_has_nothing_to_do(db):
    out = io.StringIO()
    call_command("vernieuw_zoekdocumenten", stdout=out)

    assert "niets te doen" in out.getvalue()


def test_the_page_links_give_no_total_when_the_count_stopped_at_the_cap(
    client, wereld, pdok, monkeypatch
):
    pdok.fail_with(requests.ConnectionError("offline"))
    monkeypatch.setattr(zoeken, "MAX_AANTAL", 2)
    monkeypatch.setattr(views, "PER_PAGE", 1)
    extra_matches(3)

    meer = client.get("/locaties/", {"q": "maaltijd"})

    assert '<li aria-current="page">Pagina 1</li>' in meer.text
    assert "Pagina 1 van 2" not in meer.text  # there are more than two
    assert 'rel="next"' in meer.text
