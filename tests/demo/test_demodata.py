"""The demo data: what the seeds say is there, and a second run that changes nothing.

The demo is loaded once for this module (`demo_data` in tests/conftest.py)."""

import datetime as dt

import pytest
from django.apps import apps

from demo.data import DEMO_PASSWORD
from demo.loader import load_demodata
from locaties import currency
from locaties.constants import LocatieSoort, LocatieStatus
from locaties.models import Locatie, Samenwerking
from partners.models import User

pytestmark = pytest.mark.django_db

# The demo's confirmation dates are fixed; "recent" is judged as of this moment.
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def row_counts():
    """Rows per table of the project's apps, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for app in ("partners", "locaties", "activiteiten", "account")
        for model in apps.get_app_config(app).get_models()
    }


def test_apeldoorn_has_fifty_published_places_ten_sterlocaties_and_four_plus_punten(demo_data):
    apeldoorn = Locatie.objects.filter(gemeente__cbs_code="GM0200")

    assert apeldoorn.count() == 50
    assert apeldoorn.filter(status=LocatieStatus.GEPUBLICEERD).count() == 50
    assert apeldoorn.filter(is_sterlocatie=True).count() == 10
    plus_punten = apeldoorn.filter(soort=LocatieSoort.PLUS_PUNT)
    assert plus_punten.count() == 4
    assert (
        Samenwerking.objects.filter(
            locatie__in=plus_punten, rol="eigenaar", partner__naam="de Woonmensen"
        ).count()
        == 4
    )


def test_zeist_has_wijkservicepunt_noord_with_its_six_partners(demo_data):
    wsp = Locatie.objects.get(naam="Wijkservicepunt Noord")

    partners = set(wsp.samenwerkingen.values_list("partner__naam", flat=True))
    assert {
        "Gemeente Zeist",
        "Abrona",
        "Zorggroep Charim",
        "De Kombinatie",
        "Kwintes",
        "MeanderOmnium",
    } <= partners
    assert wsp.ruimten.filter(naam__startswith="Café Noord").exists()
    assert wsp.activiteiten.count() >= 6


def test_purmerend_has_heel_europa_with_a_postnl_punt(demo_data):
    heel_europa = Locatie.objects.get(naam__icontains="Heel Europa")

    assert heel_europa.soort == LocatieSoort.WOONZORGLOCATIE
    assert heel_europa.voorzieningen.filter(code="postnl_punt").exists()


def test_the_counts_it_reports_match_the_database(demo_data):
    for counts in demo_data.gemeenten:
        places = Locatie.objects.filter(gemeente__cbs_code=counts.cbs_code)
        assert counts.locaties == places.count()
        assert counts.sterlocaties == places.filter(is_sterlocatie=True).count()


def test_a_second_run_changes_nothing(demo_data):
    before = row_counts()

    again = load_demodata()

    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0
    assert sum(again.deleted.values()) == 0
    assert row_counts() == before


def test_every_demo_user_can_sign_in_with_the_published_password(demo_data, client):
    assert len(demo_data.users) >= 8
    for demo_user in demo_data.users:
        user = User.objects.get(email=demo_user.email)
        assert user.check_password(DEMO_PASSWORD), demo_user.email
        assert user.emailaddress_set.filter(verified=True, primary=True).exists()
    assert User.objects.get(email="beheer@demo.example").is_superuser


def test_some_places_were_confirmed_recently_some_long_ago_and_some_never(demo_data):
    confirmed = Locatie.objects.filter(laatst_bevestigd_op__isnull=False)
    overdue = currency.unconfirmed(Locatie.objects.all(), now=NOW)
    assert confirmed.exclude(pk__in=overdue).exists()  # recent enough
    assert overdue.filter(laatst_bevestigd_op__isnull=False).exists()  # long ago
    assert Locatie.objects.filter(laatst_bevestigd_op__isnull=True).exists()
    assert confirmed.filter(laatst_bevestigd_door__email="gemeente@demo.example").exists()


def test_the_demo_has_one_pending_invitation_whose_link_opens(demo_data, client):
    from demo.data import DEMO_UITNODIGING_EMAIL, DEMO_UITNODIGING_TOKEN
    from partners.models import Uitnodiging

    uitnodiging = Uitnodiging.objects.get(email=DEMO_UITNODIGING_EMAIL)
    assert uitnodiging.is_open and not uitnodiging.is_verlopen
    response = client.get(f"/uitnodiging/{DEMO_UITNODIGING_TOKEN}/")
    assert response.status_code == 200
    assert DEMO_UITNODIGING_EMAIL in response.text
