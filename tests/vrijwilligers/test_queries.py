"""Every volunteer page costs the same number of queries with 2 or 25 rows of each kind."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from locaties.constants import SamenwerkingRol
from tests.factories import (
    HulpvraagFactory,
    KoppelingFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    ReactieFactory,
    SamenwerkingFactory,
    VacatureFactory,
    WijkFactory,
)
from vrijwilligers.constants import HulpvraagStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(gemeente):
    """A member of an organisation working at every place the rows are spread over."""
    partner = PartnerFactory(naam="MeanderOmnium", werkgebied=[gemeente])
    user = LidmaatschapFactory(partner=partner).user
    wijk = WijkFactory(gemeente=gemeente)
    return {"gemeente": gemeente, "partner": partner, "user": user, "wijk": wijk}


def fill(world, count):
    for n in range(count):
        locatie = LocatieFactory(gemeente=world["gemeente"], wijk=world["wijk"], gepubliceerd=True)
        SamenwerkingFactory(
            locatie=locatie, partner=world["partner"], rol=SamenwerkingRol.BEHEERDER
        )
        vacature = VacatureFactory(locatie=locatie)
        HulpvraagFactory(locatie=locatie)
        HulpvraagFactory(locatie=locatie, status=HulpvraagStatus.TE_BEOORDELEN)
        ReactieFactory(vacature=vacature)
        KoppelingFactory(reactie__vacature=vacature)
        if n == 0:
            world["vacature"] = vacature
            world["locatie"] = locatie
            world["reactie"] = ReactieFactory(vacature=vacature)
            world["hulpvraag"] = HulpvraagFactory(locatie=locatie)


PAGES = [
    # (url name, kwargs from the world, signed in, query budget)
    ("vrijwilligers:lijst", None, False, 7),
    ("vrijwilligers:vacature", "vacature", False, 1),
    ("vrijwilligers:hulpvraag", "hulpvraag", False, 1),
    ("beheer:vrijwilligers", None, True, 9),
    ("beheer:vrijwilligers_cijfers", None, True, 6),
    ("beheer:vrijwilligers_reactie", "reactie", True, 5),
    ("beheer:vrijwilligers_hulpvraag", "hulpvraag", True, 5),
    ("beheer:vrijwilligers_vacature", "vacature", True, 6),
    ("beheer:vrijwilligers_vacature_nieuw", None, True, 6),
]


@pytest.mark.parametrize("count", [2, 25])
@pytest.mark.parametrize(
    ("name", "kwarg", "signed_in", "budget"), PAGES, ids=[p[0] for p in PAGES]
)
def test_the_query_count_is_fixed(
    client, world, count, name, kwarg, signed_in, budget, django_assert_max_num_queries
):
    fill(world, count)
    cache.clear()
    if signed_in:
        client.force_login(world["user"])
    url = reverse(name, kwargs={"pk": world[kwarg].pk} if kwarg else None)
    if name == "vrijwilligers:lijst":
        url += f"?gemeente={world['gemeente'].slug}&wijk={world['wijk'].slug}"
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 25])
def test_the_place_page_adds_one_query_for_its_vacatures(
    client, world, count, django_assert_num_queries
):
    from vrijwilligers.templatetags.vrijwilligers import block_context

    fill(world, count)
    with django_assert_num_queries(1):
        context = block_context(world["locatie"])
    assert [v.pk for v in context["vacatures"]] == [world["vacature"].pk]
