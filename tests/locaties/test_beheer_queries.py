"""Every portal page for places runs a fixed number of queries, at 10 rows and at 1000."""

import datetime as dt

import pytest
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from activiteiten.models import Activiteit
from locaties.constants import LocatieSoort, LocatieStatus, SamenwerkingRol, Weekdag
from locaties.models import Financiering, Locatie, Openingstijd, Ruimte, Samenwerking, Wijk
from locaties.publication import change_status
from meldingen.models import Melding
from partners.constants import LidmaatschapRol
from partners.models import Lidmaatschap, Partner, Uitnodiging
from tests.factories import LocatieFactory, SamenwerkingFactory, UitnodigingFactory

pytestmark = pytest.mark.django_db

STATUSES = [
    LocatieStatus.CONCEPT,
    LocatieStatus.TER_BEOORDELING,
    LocatieStatus.GEPUBLICEERD,
    LocatieStatus.GEARCHIVEERD,
]

# The budgets: the same at 10 and at 1000 rows.
MAX_QUERIES = {
    "start": 31,
    "locaties": 8,
    "beoordelen": 6,
    "locatie": 27,
    "locatie_bewerken": 11,
    "locatie_tijden": 8,
}


def bulk_locaties(n, *, gemeente, corporatie):
    """n places in `gemeente` in every status, the corporatie eigenaar of all, with history."""
    locaties = bulk_create_with_history(
        [
            Locatie(
                naam=f"Plek {i:04d}",
                slug=f"plek-{i:04d}",
                soort=LocatieSoort.PLUS_PUNT,
                status=STATUSES[i % len(STATUSES)],
                straat="Hoofdstraat",
                huisnummer=1 + i,
                postcode="7311 AB",
                plaats="Apeldoorn",
                gemeente=gemeente,
            )
            for i in range(n)
        ],
        Locatie,
    )
    locaties = list(Locatie.objects.filter(gemeente=gemeente).order_by("pk"))
    Samenwerking.objects.bulk_create(
        Samenwerking(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
        for locatie in locaties
    )
    Activiteit.objects.bulk_create(
        Activiteit(
            titel=f"Koffie {i}",
            slug=f"koffie-{i}",
            locatie=locatie,
            organisator=corporatie,
            categorie="koffie",
            startdatum=dt.date(2027, 1, 5),
            begintijd=dt.time(10),
            eindtijd=dt.time(12),
        )
        for i, locatie in enumerate(locaties)
    )
    return locaties


@pytest.fixture(params=[10, 1000], ids=["10-rows", "1000-rows"])
def rows(request):
    return request.param


@pytest.mark.parametrize(
    "name, persona",
    [
        ("start", "gemeente_medewerker"),
        ("start", "corporatie_medewerker"),
        ("locaties", "gemeente_medewerker"),
        ("locaties", "corporatie_medewerker"),
        ("beoordelen", "gemeente_medewerker"),
    ],
)
def test_lists_run_a_fixed_number_of_queries(
    request, client, django_assert_max_num_queries, gemeente, corporatie, rows, persona, name
):
    locaties = bulk_locaties(rows, gemeente=gemeente, corporatie=corporatie)
    # A few sent back with a reason, for the start page's section.
    for locatie in locaties[1:12:4]:
        change_status(locatie, LocatieStatus.CONCEPT, reden="Vul de omschrijving aan.")
    user = request.getfixturevalue(persona)
    if name == "start":
        # Reports and invitations waiting, as many as there are places.
        Melding.objects.bulk_create(
            Melding(locatie=locatie, omschrijving="Het telefoonnummer klopt niet.")
            for locatie in locaties
        )
        Uitnodiging.objects.bulk_create(
            UitnodigingFactory.build(partner=corporatie, email=f"collega{i}@example.org")
            for i in range(rows)
        )
        # Agreements on paper and temporary money that end soon, one of each per place.
        Samenwerking.objects.filter(locatie__in=locaties).update(
            schriftelijk_vastgelegd=True, einddatum=dt.date.today() + dt.timedelta(days=20)
        )
        Financiering.objects.bulk_create(
            Financiering(
                locatie=locatie,
                bron="wmo",
                einddatum=dt.date.today() + dt.timedelta(days=50),
            )
            for locatie in locaties
        )
        # The corporatie's medewerker becomes its beheerder, who sees its invitations.
        Lidmaatschap.objects.filter(user=user, partner=corporatie).update(
            rol=LidmaatschapRol.BEHEERDER
        )
    client.force_login(user)
    url = reverse(f"beheer:{name}")
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
    if name == "locaties":
        assert response.context["page"].paginator.count == rows
    if name == "beoordelen":
        assert response.context["page"].paginator.count == rows // 4 + (rows % 4 > 1) - 3


def test_the_filtered_and_sorted_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, gemeente, corporatie, gemeente_medewerker, rows
):
    bulk_locaties(rows, gemeente=gemeente, corporatie=corporatie)
    client.force_login(gemeente_medewerker)
    url = reverse("beheer:locaties")
    query = {
        "q": "plek",
        "status": LocatieStatus.GEPUBLICEERD,
        "gemeente": gemeente.pk,
        "soort": LocatieSoort.PLUS_PUNT,
        "sorteer": "-gewijzigd",
        "te_bevestigen": "",
        "pagina": "2",
    }
    with django_assert_max_num_queries(MAX_QUERIES["locaties"]):
        response = client.get(url, query)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows // 4 + (rows % 4 > 2)


@pytest.fixture
def full_plek(gemeente, corporatie, rows):
    """A place with `rows` rooms, samenwerkingen, opening hours and history rows."""
    plek = LocatieFactory(gemeente=gemeente, naam="Volle plek", is_sterlocatie=True,
                          begeleiding_psychiatrie=True)  # fmt: skip
    SamenwerkingFactory(locatie=plek, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    partners = Partner.objects.bulk_create(
        Partner(naam=f"Partner {i}", slug=f"partner-{i}", soort="welzijn") for i in range(rows)
    )
    bulk_create_with_history(
        [
            Samenwerking(locatie=plek, partner=partner, rol=SamenwerkingRol.VASTE_GEBRUIKER)
            for partner in partners
        ],
        Samenwerking,
    )
    bulk_create_with_history([Ruimte(locatie=plek, naam=f"Zaal {i}") for i in range(rows)], Ruimte)
    bulk_create_with_history(
        [
            Openingstijd(
                locatie=plek,
                weekdag=i % 7,
                van=dt.time(i % 24 // 2 + 1),
                tot=dt.time(i % 24 // 2 + 1, 30),
            )
            for i in range(rows)
        ],
        Openingstijd,
    )
    Wijk.objects.bulk_create(
        Wijk(gemeente=gemeente, cbs_code=f"WK0200{i:02d}", naam=f"Wijk {i}", slug=f"wijk-{i}",
             soort="wijk")
        for i in range(min(rows, 100))
    )  # fmt: skip
    for i in range(5):
        plek.naam = f"Volle plek {i}"
        plek.save()
    return plek


@pytest.mark.parametrize("name", ["locatie", "locatie_bewerken", "locatie_tijden"])
def test_a_places_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, gemeente_medewerker, full_plek, rows, name
):
    client.force_login(gemeente_medewerker)
    url = reverse(f"beheer:{name}", kwargs={"slug": full_plek.slug})
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200
    if name == "locatie":
        assert "Volle plek 4" in response.text
        geschiedenis = response.context["geschiedenis"]
        assert len(geschiedenis.entries) <= 100  # the newest, capped
        assert geschiedenis.entries[0].wijzigingen[0].nieuw == "Volle plek 4"
        assert geschiedenis.cut_off == (rows == 1000)
        assert ("De 100 nieuwste wijzigingen" in response.text) == geschiedenis.cut_off
    if name == "locatie_tijden":
        assert str(Weekdag.MAANDAG.label) in response.text


@pytest.mark.parametrize(
    "name, budget",
    [
        ("locatie_nieuw", 12),
        ("ruimte_nieuw", 5),
        ("verhuur_nieuw", 6),
        ("samenwerking_nieuw", 5),
        ("financiering_nieuw", 5),
    ],
)
def test_forms_with_choices_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, corporatie_medewerker, corporatie, gemeente, rows,
    name, budget,
):  # fmt: skip
    """Forms list the partners working in the gemeente (huurder, partner, financier) and its
    wijken and buurten: one query each, however many there are."""
    plek = LocatieFactory(gemeente=gemeente)
    SamenwerkingFactory(locatie=plek, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    ruimte = Ruimte.objects.create(locatie=plek, naam="Zaal", verhuurbaar=True)
    partners = Partner.objects.bulk_create(
        Partner(naam=f"Partner {i}", slug=f"partner-{i}", soort="welzijn") for i in range(rows)
    )
    Partner.werkgebied.through.objects.bulk_create(
        Partner.werkgebied.through(partner_id=partner.pk, gemeente_id=gemeente.pk)
        for partner in partners
    )
    Wijk.objects.bulk_create(
        Wijk(gemeente=gemeente, cbs_code=f"WK0200{i:02d}", naam=f"Wijk {i}", slug=f"wijk-{i}",
             soort="wijk")
        for i in range(min(rows, 100))
    )  # fmt: skip
    kwargs = {} if name == "locatie_nieuw" else {"slug": plek.slug}
    if name == "verhuur_nieuw":
        kwargs["pk"] = ruimte.pk
    client.force_login(corporatie_medewerker)
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(f"beheer:{name}", kwargs=kwargs))
    assert response.status_code == 200
    if name in ("verhuur_nieuw", "samenwerking_nieuw", "financiering_nieuw"):
        assert f"Partner {rows - 1}" in response.text
    if name == "locatie_nieuw":
        assert f"Wijk {min(rows, 100) - 1}" in response.text
