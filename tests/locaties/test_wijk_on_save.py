"""A place's wijk and buurt follow from its coordinates when the portal saves it
(locaties.wijkimport.assign_wijk), by the same point in polygon as the boundary import.

The boundaries are those of tests/fixtures/cbs/wijkenbuurten_2023_wgs84.geojson: Apeldoorn's
wijk Zevenhuizen (5.97–5.99 E, 52.19–52.20 N) with buurten West and Oost meeting at 5.98 E,
and a pond in West that lies in the wijk but in no buurt.
"""

import pytest
from django.urls import reverse

from locaties import wijkimport
from locaties.constants import SamenwerkingRol
from locaties.models import Locatie, Wijk
from tests.factories import GemeenteFactory, LocatieFactory, SamenwerkingFactory, WijkFactory
from tests.locaties.test_beheer_views import edit_data, registration
from tests.locaties.test_wijkimport import WGS84_2023

pytestmark = pytest.mark.django_db


def wijk(code: str) -> Wijk:
    return Wijk.objects.get(cbs_code=code)


@pytest.fixture
def grenzen(gemeente):
    wijkimport.import_wijken(WGS84_2023.read_bytes(), gemeenten=[gemeente])


@pytest.fixture
def plek(gemeente, corporatie, grenzen):
    """A place in buurt West of Zevenhuizen, its wijk and buurt set by the import."""
    locatie = LocatieFactory(
        gemeente=gemeente, naam="Buurthuiskamer De Linde", latitude=52.195, longitude=5.975
    )
    SamenwerkingFactory(locatie=locatie, partner=corporatie, rol=SamenwerkingRol.EIGENAAR)
    wijkimport.assign_wijken([gemeente])
    locatie.refresh_from_db()
    assert locatie.buurt == wijk("BU02000201")
    return locatie


def edit(client, plek, **changes):
    url = reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug})
    return client.post(url, edit_data(client, plek, **changes))


def test_a_registered_place_gets_the_wijk_and_buurt_of_its_coordinates(
    client, corporatie_medewerker, gemeente, grenzen
):
    client.force_login(corporatie_medewerker)
    response = client.post(
        reverse("beheer:locatie_nieuw"),
        registration(gemeente, latitude="52.195", longitude="5.985"),
    )

    assert response.status_code == 302
    locatie = Locatie.objects.get(naam="Huiskamer Het Anker")
    assert (locatie.wijk, locatie.buurt) == (wijk("WK020002"), wijk("BU02000202"))
    history = locatie.history.get()  # one row: registered, with its wijk and buurt
    assert (history.wijk_id, history.buurt_id) == (locatie.wijk_id, locatie.buurt_id)
    assert history.history_change_reason == "Geregistreerd"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "Wijk en buurt volgen uit de coördinaten: Zevenhuizen, Zevenhuizen-Oost." in messages


def test_a_place_moved_to_another_buurt_gets_it_at_once_in_one_history_row(
    client, corporatie_medewerker, plek
):
    client.force_login(corporatie_medewerker)
    rows_before = plek.history.count()

    response = edit(client, plek, longitude="5.985")

    assert response.status_code == 302
    plek.refresh_from_db()
    assert (plek.wijk, plek.buurt) == (wijk("WK020002"), wijk("BU02000202"))
    assert plek.history.count() == rows_before + 1
    latest = plek.history.first()
    assert latest.history_user == corporatie_medewerker
    changes = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert changes == {"longitude", "buurt"}


def test_a_place_moved_into_the_pond_keeps_the_wijk_but_loses_the_buurt(
    client, corporatie_medewerker, plek
):
    client.force_login(corporatie_medewerker)

    edit(client, plek, latitude="52.193", longitude="5.973")

    plek.refresh_from_db()
    assert (plek.wijk, plek.buurt) == (wijk("WK020002"), None)


def test_a_place_moved_outside_every_boundary_of_its_gemeente_loses_wijk_and_buurt(
    client, corporatie_medewerker, plek
):
    client.force_login(corporatie_medewerker)

    response = edit(client, plek, latitude="52.25", longitude="5.9")

    plek.refresh_from_db()
    assert (plek.wijk, plek.buurt) == (None, None)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("liggen buiten de wijken en buurten van Apeldoorn" in m for m in messages)


def test_a_wijk_chosen_by_hand_against_the_coordinates_is_corrected(
    client, corporatie_medewerker, plek, gemeente
):
    elders = WijkFactory(gemeente=gemeente, cbs_code="WK020009")
    client.force_login(corporatie_medewerker)

    edit(client, plek, wijk=str(elders.pk), buurt="")

    plek.refresh_from_db()
    assert (plek.wijk, plek.buurt) == (wijk("WK020002"), wijk("BU02000201"))


def test_an_edit_that_leaves_the_point_alone_does_not_look_at_the_boundaries(
    client, corporatie_medewerker, plek, django_assert_num_queries
):
    client.force_login(corporatie_medewerker)
    data = edit_data(client, plek, naam="De Linde")
    url = reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug})
    with django_assert_num_queries(POST_QUERIES) as context:
        client.post(url, data)
    assert not [q for q in context.captured_queries if "grens_tekst" in q["sql"]]
    plek.refresh_from_db()
    assert plek.naam == "De Linde"


# The edit's POST (saving, its history, the redirect's messages). A move adds three: the two
# queries of the boundaries and one for the name in the message (the wijk was in the form).
POST_QUERIES = 25


@pytest.mark.parametrize("buurten", [2, 40], ids=["2-buurten", "40-buurten"])
def test_saving_a_moved_place_runs_a_fixed_number_of_queries(
    client, corporatie_medewerker, plek, gemeente, buurten, django_assert_max_num_queries
):
    for i in range(buurten):  # more wijken of the gemeente, far away
        WijkFactory(
            gemeente=gemeente,
            cbs_code=f"WK02009{i:02d}",
            grens={
                "type": "Polygon",
                "coordinates": [
                    [
                        [6.1, 52.0 + i / 100],
                        [6.11, 52.0 + i / 100],
                        [6.11, 52.005 + i / 100],
                        [6.1, 52.0 + i / 100],
                    ]
                ],
            },  # noqa: E501
        )
    client.force_login(corporatie_medewerker)
    data = edit_data(client, plek, longitude="5.985")
    url = reverse("beheer:locatie_bewerken", kwargs={"slug": plek.slug})
    with django_assert_max_num_queries(POST_QUERIES + 3):
        response = client.post(url, data)
    assert response.status_code == 302
    plek.refresh_from_db()
    assert plek.buurt == wijk("BU02000202")


def test_assign_wijk_leaves_a_place_in_a_gemeente_without_boundaries_alone(corporatie):
    zonder = GemeenteFactory(naam="Zeist", cbs_code="GM0355", slug="zeist")
    eigen = WijkFactory(gemeente=zonder, cbs_code="WK035501")
    locatie = LocatieFactory.build(gemeente=zonder, wijk=eigen, latitude=52.09, longitude=5.23)

    assert wijkimport.assign_wijk(locatie) is False
    assert locatie.wijk == eigen


def _admin_save(superuser, locatie, **changes):
    """Save `locatie` through the Django admin's own form and save_model, with `changes`."""
    from django.contrib import admin
    from django.forms.models import model_to_dict
    from django.test import RequestFactory

    model_admin = admin.site._registry[Locatie]
    request = RequestFactory().post("/admin/")
    request.user = superuser
    data = {k: v for k, v in model_to_dict(locatie).items() if v is not None}
    data["doelgroepen"] = [d.pk for d in data.get("doelgroepen", [])]
    data["voorzieningen"] = [v.pk for v in data.get("voorzieningen", [])]
    data.update(changes)
    form = model_admin.get_form(request, locatie, change=True)(data, instance=locatie)
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=True)
    obj.refresh_from_db()
    return obj


def test_the_admin_moves_a_place_into_the_buurt_of_its_new_point(plek, django_user_model):
    superuser = django_user_model.objects.create_superuser(email="fb@example.org", password="x")

    verplaatst = _admin_save(superuser, plek, longitude="5.985")

    assert (verplaatst.wijk, verplaatst.buurt) == (wijk("WK020002"), wijk("BU02000202"))


def test_the_admin_keeps_a_wijk_chosen_by_hand_in_the_same_form(plek, django_user_model):
    superuser = django_user_model.objects.create_superuser(email="fb@example.org", password="x")

    # The point stays in West; the beheerder says it belongs to Oost.
    verplaatst = _admin_save(superuser, plek, longitude="5.976", buurt=wijk("BU02000202").pk)

    assert verplaatst.buurt == wijk("BU02000202")
