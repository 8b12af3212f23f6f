"""Every URL under /beheer/, for every role, against an object of their own and of another
organisation, on GET and POST, answers the status tests/beheer_access.py expects. The URLs come
from the URL configuration: a new portal URL without an expectation fails this test."""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse
from django.utils import timezone

import tests
from tests.beheer_access import ANONIEM, BEEINDIGD, ROLES, TOEKOMSTIG, World


def _expectation_modules():
    for module in pkgutil.walk_packages(tests.__path__, prefix="tests."):
        if module.name.endswith(".beheer_access") and module.name != "tests.beheer_access":
            yield importlib.import_module(module.name)


MODULES = list(_expectation_modules())
CASES = {name: case for module in MODULES for name, case in module.CASES.items()}


def portal_url_names() -> set[str]:
    """The names of every URL pattern in the "beheer" namespace."""
    _prefix, resolver = get_resolver().namespace_dict["beheer"]
    return {name for name in resolver.reverse_dict if isinstance(name, str)}


def test_every_portal_url_has_expectations():
    names = portal_url_names()
    missing = sorted(names - CASES.keys())
    stale = sorted(CASES.keys() - names)
    assert not missing, (
        f"Portal URLs without expectations in a tests/*/beheer_access.py: {missing}"
    )
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


def _params():
    for name, case in sorted(CASES.items()):
        for which in ("eigen", "ander") if case.kwargs else ("eigen",):
            for method in ("get", "post"):
                yield pytest.param(name, which, method, id=f"{name}-{which}-{method}")


@pytest.mark.django_db
@pytest.mark.parametrize("name, which, method", list(_params()))
def test_portal_access(client, name, which, method):
    world = World()
    for module in MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    case = CASES[name]
    url = reverse(f"beheer:{name}", kwargs=case.kwargs(world, which) if case.kwargs else None)
    expected = getattr(case, method if which == "eigen" else f"other_{method}")
    data = case.data(world, which) if case.data else {}

    answers = {}
    for role in ROLES:
        # Each role acts on the same world; what a POST changes is rolled back.
        savepoint = transaction.savepoint()
        client.logout()
        if role != ANONIEM:
            client.force_login(world.users[role])
        response = client.post(url, data) if method == "post" else client.get(url)
        answers[role] = response.status_code
        if role == ANONIEM and response.status_code == 302:
            assert "/accounts/login/" in response["Location"], url
        transaction.savepoint_rollback(savepoint)

    assert answers == expected, f"{method.upper()} {url}"


@pytest.mark.django_db
def test_the_world_gives_each_persona_the_rights_its_name_promises():
    from partners.permissions import can_edit_locatie

    world = World()
    editors = {
        role for role, user in world.users.items() if can_edit_locatie(user, world.eigen_locatie)
    }
    assert editors == {"corporatie", "welzijn", "gemeente", "organisatie_beheerder"}
    assert not any(can_edit_locatie(user, world.andere_locatie) for user in world.users.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "activiteit_bewerken",
        "activiteit_uitzondering",
        "activiteit_verplaatsen",
        "activiteit_stoppen",
        "activiteit_status",
    ],
)
def test_an_organisation_gets_404_on_its_activity_until_its_samenwerking_starts(client, name):
    world = World()
    client.force_login(world.users[TOEKOMSTIG])
    url = reverse(f"beheer:{name}", kwargs={"slug": world.toekomstige_activiteit.slug})

    assert client.post(url).status_code == 404

    world.eigen_locatie.samenwerkingen.filter(partner=world.toekomstige_welzijn).update(
        ingangsdatum=timezone.localdate()
    )
    assert client.post(url).status_code in (200, 302)


@pytest.mark.django_db
def test_an_ended_samenwerking_gives_no_rights_from_the_day_after_its_end():
    from partners.permissions import can_edit_locatie, portal_locaties

    world = World()
    beeindigd = world.users[BEEINDIGD]
    assert not can_edit_locatie(beeindigd, world.eigen_locatie)
    assert not portal_locaties(beeindigd).exists()

    world.eigen_locatie.samenwerkingen.filter(partner=world.beeindigde_corporatie).update(
        einddatum=timezone.localdate()
    )
    assert can_edit_locatie(beeindigd, world.eigen_locatie)
