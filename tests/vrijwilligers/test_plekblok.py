"""The "Vrijwilliger worden" block on a public place page is kept in the cache; what changes
its vacatures shows on the page at once, not when the copy expires."""

import pytest
from django.urls import reverse

from activiteiten.constants import ActiviteitStatus
from tests.factories import ActiviteitFactory, LocatieFactory, VacatureFactory
from vrijwilligers.constants import VacatureStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def locatie(gemeente):
    return LocatieFactory(gemeente=gemeente, gepubliceerd=True)


def page(client, locatie) -> str:
    response = client.get(reverse("publiek:locatie", kwargs={"slug": locatie.slug}))
    assert response.status_code == 200
    return response.text


def test_a_new_vacature_shows_at_once(client, locatie, django_capture_on_commit_callbacks):
    assert "zoekt nu geen vrijwilligers" in page(client, locatie)  # the block is kept

    with django_capture_on_commit_callbacks(execute=True):
        VacatureFactory(locatie=locatie, titel="Gastvrouw op dinsdag")

    text = page(client, locatie)
    assert "Gastvrouw op dinsdag" in text
    assert "zoekt nu geen vrijwilligers" not in text


def test_a_closed_vacature_leaves_at_once(client, locatie, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vacature = VacatureFactory(locatie=locatie, titel="Gastvrouw op dinsdag")
    assert "Gastvrouw op dinsdag" in page(client, locatie)

    with django_capture_on_commit_callbacks(execute=True):
        vacature.status = VacatureStatus.GESLOTEN
        vacature.save()

    assert "Gastvrouw op dinsdag" not in page(client, locatie)


def test_a_called_off_activity_takes_its_vacature_off_the_page(
    client, locatie, django_capture_on_commit_callbacks
):
    activiteit = ActiviteitFactory(locatie=locatie)
    with django_capture_on_commit_callbacks(execute=True):
        VacatureFactory(locatie=locatie, activiteit=activiteit, titel="Hulp bij de soep")
    assert "Hulp bij de soep" in page(client, locatie)

    activiteit.status = ActiviteitStatus.AFGELAST  # the vacature itself is not saved
    activiteit.save()

    assert "Hulp bij de soep" not in page(client, locatie)


def test_each_language_keeps_its_own_copy(client, locatie):
    VacatureFactory(locatie=locatie)
    assert "Vrijwilliger worden" in page(client, locatie)

    english = client.get(f"/en/locaties/{locatie.slug}/")

    assert "Become a volunteer" in english.text
    assert "Vrijwilliger worden" not in english.text
