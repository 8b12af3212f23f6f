"""The portal's picture of one wijk on the week page (dekking/views.py `wijkbeeld`): its money
and the Samenwerkingen at its places, beside its coverage."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from locaties.constants import SamenwerkingRol
from tests.dekking.test_dekking import plek, rechthoek
from tests.factories import (
    BuurtFactory,
    FinancieringFactory,
    PartnerFactory,
    SamenwerkingFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

URL = "/beheer/dekking/week/"


@pytest.fixture
def wijken(gemeente):
    noord = WijkFactory(gemeente=gemeente, cbs_code="WK020001", naam="Noord")
    BuurtFactory(wijk=noord, cbs_code="BU02000101", naam="A", grens=rechthoek(0, 0, 2000, 2000))
    zuid = WijkFactory(gemeente=gemeente, cbs_code="WK020002", naam="Zuid")
    BuurtFactory(wijk=zuid, cbs_code="BU02000201", naam="Z", grens=rechthoek(0, 3000, 2000, 5000))
    return noord, zuid


def geld(locatie, bedrag, *, structureel=False, einde=None):
    FinancieringFactory(
        locatie=locatie,
        bedrag_per_jaar=Decimal(bedrag),
        structureel=structureel,
        ingangsdatum=dt.date(2020, 1, 1),
        einddatum=einde,
    )


def test_a_wijk_shows_its_money_and_its_agreements(client, gemeente, gemeente_medewerker, wijken):
    noord, zuid = wijken
    today = timezone.localdate()
    buurthuis = plek(gemeente, 500, 500, naam="Buurthuis", wijk=noord)
    huiskamer = plek(gemeente, 1500, 500, naam="Huiskamer", wijk=noord)
    elders = plek(gemeente, 500, 4000, naam="Elders", wijk=zuid)
    geld(buurthuis, 10000, structureel=True)
    geld(buurthuis, 5000, einde=today + dt.timedelta(days=60))
    geld(huiskamer, 3000, einde=today + dt.timedelta(days=30))  # its only money
    geld(elders, 99999, structureel=True)
    welzijn = PartnerFactory(naam="Welzijn Noord")
    zorg = PartnerFactory(zorg=True, naam="Zorg Noord")
    SamenwerkingFactory(
        locatie=buurthuis, partner=welzijn, rol=SamenwerkingRol.BEHEERDER,
        schriftelijk_vastgelegd=True,
    )  # fmt: skip
    SamenwerkingFactory(locatie=huiskamer, partner=zorg, rol=SamenwerkingRol.ZORGPARTNER)
    SamenwerkingFactory(
        locatie=huiskamer, partner=PartnerFactory(naam="Gestopt"), rol=SamenwerkingRol.FINANCIER,
        einddatum=today - dt.timedelta(days=1),
    )  # fmt: skip
    SamenwerkingFactory(locatie=elders, partner=welzijn, rol=SamenwerkingRol.BEHEERDER)
    client.force_login(gemeente_medewerker)

    response = client.get(URL, {"wijk": "WK020001"})

    beeld = response.context["wijkbeeld"]
    assert beeld["plekken"] == 2
    assert beeld["per_jaar_nu"] == "€\u00a018.000"
    assert beeld["tijdelijk_nu"] == "€\u00a08.000"
    assert beeld["afloop"] == "€\u00a08.000"
    assert [p.naam for p in beeld["in_gevaar"]] == ["Huiskamer"]
    rows = [
        (s.locatie.naam, s.partner.naam, s.schriftelijk_vastgelegd)
        for s in beeld["samenwerkingen"]
    ]  # noqa: E501
    assert rows == [("Buurthuis", "Welzijn Noord", True), ("Huiskamer", "Zorg Noord", False)]
    assert beeld["niet_op_papier"] == 1
    html = response.content.decode()
    assert "Financiering in Noord" in html and "Samenwerkingen in Noord" in html
    assert "1 samenwerking is niet schriftelijk vastgelegd." in html
    assert "Gestopt" not in html and "Elders" not in html


def test_the_whole_gemeente_has_no_wijk_section(client, gemeente, gemeente_medewerker, wijken):
    client.force_login(gemeente_medewerker)
    response = client.get(URL)
    assert response.context["wijkbeeld"] is None
    assert "Financiering in" not in response.content.decode()


@pytest.mark.parametrize("aantal", [2, 40])
def test_the_wijk_page_runs_a_fixed_number_of_queries(
    client, gemeente, gemeente_medewerker, wijken, aantal, django_assert_max_num_queries
):
    noord, _zuid = wijken
    partner = PartnerFactory(naam="Welzijn Noord")
    for i in range(aantal):
        locatie = plek(gemeente, 100 + 40 * i, 500, naam=f"Plek {i}", wijk=noord)
        geld(locatie, 1000, einde=timezone.localdate() + dt.timedelta(days=20))
        SamenwerkingFactory(locatie=locatie, partner=partner, rol=SamenwerkingRol.BEHEERDER)
    client.force_login(gemeente_medewerker)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"wijk": "WK020001"})
    assert len(response.context["wijkbeeld"]["samenwerkingen"]) == aantal
    assert len(response.context["wijkbeeld"]["in_gevaar"]) == aantal
