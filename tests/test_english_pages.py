"""Every resident and portal page under /en/ speaks English in its own interface: a list of
Dutch interface strings (labels, sort options, agenda wording) must not appear. Text that
partners typed (names, descriptions, activity titles) stays Dutch and is marked lang="nl"."""

import re

import pytest
from django.utils import timezone

from locaties.models import Doelgroep
from tests.factories import ActiviteitFactory, LocatieFactory

pytestmark = pytest.mark.django_db

# Interface strings in Dutch that once leaked onto English pages, and common ones that would
# show a missing translation at once.
DUTCH_UI = [
    "alleen voor",
    "(aflopend)",
    "Sorteren op",
    "Wat zoek je",
    "Zoeken</button>",
    "Volgende keer",
    "Agenda van deze plek",
    "aanmelden niet nodig",
    "Gezocht rond",
    "We konden het adres",
]

PUBLIC = [
    "/en/",
    "/en/?q=koffie",
    "/en/locaties/",
    "/en/locaties/?q=koffie",
    "/en/locaties/de-linde/",
    "/en/activiteiten/",
    "/en/activiteiten/koffie-voor-mantelzorgers/",
]
PORTAL = [
    "/en/beheer/",
    "/en/beheer/locaties/",
    "/en/beheer/activiteiten/",
    "/en/beheer/organisaties/",
    "/en/beheer/account/",
    "/en/beheer/meldingen/",
    "/en/beheer/wijken/",
    "/en/beheer/dekking/",
]


@pytest.fixture
def records(gemeente):
    locatie = LocatieFactory(
        gepubliceerd=True, gemeente=gemeente, naam="De Linde", slug="de-linde"
    )
    activiteit = ActiviteitFactory(
        locatie=locatie,
        titel="Koffie voor mantelzorgers",
        slug="koffie-voor-mantelzorgers",
        startdatum=timezone.localdate(),
        herhaling="FREQ=DAILY",
        alleen_voor_doelgroep=True,
    )
    activiteit.doelgroepen.set(Doelgroep.objects.filter(code="mantelzorgers"))
    return locatie


def dutch_strings(html: str) -> list[str]:
    # Partner-entered text sits in lang="nl" elements; leave those out before looking.
    visible = re.sub(r'<[^>]+lang="nl"[^>]*>.*?</[^>]+>', "", html, flags=re.S)
    return [text for text in DUTCH_UI if text in visible]


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_page_in_english_shows_no_dutch_interface_text(client, records, url):
    response = client.get(url)

    assert response.status_code == 200
    assert dutch_strings(response.text) == []


@pytest.mark.parametrize("url", PORTAL)
def test_a_portal_page_in_english_shows_no_dutch_interface_text(
    client, records, gemeente_medewerker, url
):
    client.force_login(gemeente_medewerker)

    response = client.get(url)

    assert response.status_code == 200
    assert dutch_strings(response.text) == []


def test_the_same_pages_in_dutch_do_show_the_listed_strings(client, records):
    html = client.get("/locaties/?q=koffie").text + client.get("/activiteiten/").text

    assert {"Wat zoek je", "Volgende keer", "alleen voor", "Sorteren op"} - set(
        dutch_strings(html)
    ) == {"Sorteren op"}  # sorting is a portal option
