"""Text that partners typed stays Dutch on the English pages, so it is marked lang="nl"
(WCAG 3.1.2, language of parts): a screen reader then reads it with a Dutch voice. Place names
are proper nouns and are left alone; descriptions, activity titles, remarks on costs and
signing up, reasons for a closure, room names and the volunteers' texts are not.

Every page below is rendered under /en/; each marker text must occur on it, and every
occurrence in the page's visible text must sit inside an element whose nearest lang is "nl"."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activiteiten.agenda import monday_of, week_param
from tests.factories import (
    ActiviteitFactory,
    HulpvraagFactory,
    LocatieFactory,
    OpeningstijdFactory,
    RuimteFactory,
    SluitingFactory,
    VacatureFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
NOT_SHOWN = {"title", "script", "style"}  # <title> cannot carry lang; JSON-LD is data


class LangOfText(HTMLParser):
    """Each piece of visible text with the nearest lang around it."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not data.strip() or any(tag in NOT_SHOWN for tag, _lang in self.stack):
            return
        lang = next((lang for _tag, lang in reversed(self.stack) if lang), None)
        self.texts.append((data, lang))


def langs_of(html: str, marker: str) -> list[str | None]:
    parser = LangOfText()
    parser.feed(html)
    return [lang for text, lang in parser.texts if marker in text]


@pytest.fixture
def partner_texts(gemeente):
    today = timezone.localdate()
    wijk = WijkFactory(gemeente=gemeente, naam="Zevenhuizen")
    locatie = LocatieFactory(
        gepubliceerd=True,
        gemeente=gemeente,
        wijk=wijk,
        naam="De Linde",
        slug="de-linde",
        omschrijving="PLEKOMSCHRIJVING een huiskamer voor de buurt",
        toegankelijkheid_toelichting="TOEGANKELIJKUITLEG de drempel is laag",
    )
    for weekdag in range(7):
        OpeningstijdFactory(locatie=locatie, weekdag=weekdag)
    SluitingFactory(locatie=locatie, van=today, tot=today, reden="SLUITREDEN schilderwerk")
    ruimte = RuimteFactory(locatie=locatie, naam="RUIMTENAAM Huiskamer")
    activiteit = ActiviteitFactory(
        locatie=locatie,
        ruimte=ruimte,
        titel="ACTIVITEITTITEL Koffie",
        slug="koffie",
        omschrijving="ACTIVITEITOMSCHRIJVING koffie en een praatje",
        startdatum=today,
        herhaling="FREQ=DAILY",
        kosten="1.50",
        kosten_toelichting="KOSTENUITLEG koffie inbegrepen",
        aanmelden_nodig=True,
        aanmelden_via="AANMELDUITLEG bel Els",
    )
    vacature = VacatureFactory(
        locatie=locatie,
        titel="VACATURETITEL Gastvrouw",
        omschrijving="VACATUREOMSCHRIJVING koffie schenken",
        wat_het_vraagt="VACATUREVRAAGT geduld",
        wanneer="VACATUREWANNEER dinsdagochtend",
        hoe_vaak="VACATUREHOEVAAK elke week",
    )
    hulpvraag = HulpvraagFactory(locatie=locatie, tekst="HULPVRAAGTEKST wie wandelt mee?")
    return {"locatie": locatie, "wijk": wijk, "activiteit": activiteit, "vacature": vacature,
            "hulpvraag": hulpvraag}  # fmt: skip


def pages(records) -> dict[str, tuple[str, list[str]]]:
    """name: (URL under /en/, the markers that page shows)."""
    with translation.override("en"):
        locatie, activiteit = records["locatie"], records["activiteit"]
        week = week_param(monday_of(timezone.localdate()))
        return {
            "place": (
                reverse("publiek:locatie", args=[locatie.slug]),
                ["PLEKOMSCHRIJVING", "TOEGANKELIJKUITLEG", "SLUITREDEN", "ACTIVITEITTITEL",
                 "KOSTENUITLEG", "AANMELDUITLEG", "VACATURETITEL", "VACATUREWANNEER"],
            ),
            "agenda": (
                reverse("activiteiten:agenda") + f"?week={week}",
                ["ACTIVITEITTITEL", "KOSTENUITLEG", "AANMELDUITLEG"],
            ),
            "place agenda": (
                reverse("activiteiten:agenda") + f"?week={week}&locatie={locatie.slug}",
                ["ACTIVITEITTITEL", "KOSTENUITLEG", "AANMELDUITLEG"],
            ),
            "wijk": (reverse("publiek:wijk", args=[records["wijk"].slug]), ["SLUITREDEN"]),
            "activity": (
                reverse("activiteiten:detail", args=[activiteit.slug]),
                ["ACTIVITEITTITEL", "ACTIVITEITOMSCHRIJVING", "KOSTENUITLEG", "AANMELDUITLEG",
                 "RUIMTENAAM"],
            ),
            "home": (reverse("publiek:home"), ["ACTIVITEITTITEL"]),
            "volunteers": (
                reverse("vrijwilligers:lijst"),
                ["VACATURETITEL", "VACATUREWANNEER", "VACATUREHOEVAAK", "HULPVRAAGTEKST"],
            ),
            "vacature": (
                reverse("vrijwilligers:vacature", args=[records["vacature"].pk]),
                ["VACATURETITEL", "VACATUREOMSCHRIJVING", "VACATUREVRAAGT", "VACATUREWANNEER",
                 "VACATUREHOEVAAK"],
            ),
            "request": (
                reverse("vrijwilligers:hulpvraag", args=[records["hulpvraag"].pk]),
                ["HULPVRAAGTEKST"],
            ),
            "poster": (reverse("publiek:poster", args=[locatie.slug]), ["ACTIVITEITTITEL"]),
        }  # fmt: skip


NAMES = ["place", "agenda", "place agenda", "wijk", "activity", "home", "volunteers",
         "vacature", "request", "poster"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_partner_text_on_an_english_page_is_marked_dutch(client, partner_texts, name):
    url, markers = pages(partner_texts)[name]
    assert url.startswith("/en/")

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    for marker in markers:
        langs = langs_of(html, marker)
        assert langs, f"{marker} is not on {url}"
        assert set(langs) == {"nl"}, f"{marker} on {url} sits in lang {langs}"


def test_the_checker_sees_text_outside_a_dutch_element():
    html = '<html lang="en"><p lang="nl">A <b>MARK</b></p><p>MARK</p><title>MARK</title></html>'

    assert langs_of(html, "MARK") == ["nl", "en"]


def test_the_dutch_page_needs_no_marking_but_keeps_it(client, partner_texts):
    html = client.get(reverse("activiteiten:detail", args=["koffie"])).content.decode()

    assert set(langs_of(html, "ACTIVITEITOMSCHRIJVING")) == {"nl"}


@pytest.mark.parametrize("page", ["agenda", "activity"])
def test_the_reason_a_date_is_cancelled_is_marked_dutch(client, partner_texts, page):
    from tests.factories import UitzonderingFactory

    today = timezone.localdate()
    UitzonderingFactory(
        activiteit=partner_texts["activiteit"], datum=today, reden="VERVALREDEN kachel stuk"
    )
    with translation.override("en"):
        url = {
            "agenda": reverse("activiteiten:agenda") + f"?week={week_param(monday_of(today))}",
            "activity": reverse("activiteiten:detail", args=["koffie"]),
        }[page]

    html = client.get(url).content.decode()

    assert set(langs_of(html, "VERVALREDEN")) == {"nl"}
    assert "Cancelled" in html or "cancelled" in html
