"""What "public" means, asked of every public channel at once: a resident can neither see,
report on, nor subscribe to an activity or place that the public pages hide.

The rule lives in LocatieQuerySet.openbaar() and ActiviteitQuerySet.openbaar(); these tests
hold every page, feed and form that shows records to residents to it. They were written when
the report form still took a called-off (afgelast) activity for public while its page
answered 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activiteiten.constants import ActiviteitStatus
from activiteiten.models import Activiteit
from locaties.constants import LocatieStatus
from locaties.models import Locatie
from tests.factories import ActiviteitFactory, LocatieFactory

pytestmark = pytest.mark.django_db

HIDDEN_ACTIVITEIT = [
    ActiviteitStatus.CONCEPT,
    ActiviteitStatus.AFGELAST,
    ActiviteitStatus.GEARCHIVEERD,
]
HIDDEN_LOCATIE = [
    LocatieStatus.CONCEPT,
    LocatieStatus.TER_BEOORDELING,
    LocatieStatus.GEARCHIVEERD,
]


def _daily(locatie, **kwargs):
    return ActiviteitFactory(
        locatie=locatie,
        titel="Verborgen breiclub",
        startdatum=timezone.localdate(),
        herhaling="FREQ=DAILY",
        **kwargs,
    )


def _public_texts(client, locatie, activiteit) -> dict[str, str]:
    """Every public page that lists activities, as text."""
    pages = {
        "agenda": reverse("activiteiten:agenda"),
        "agenda van de plek": reverse("activiteiten:agenda") + f"?locatie={locatie.slug}",
        "home": reverse("publiek:home"),
    }
    if locatie.is_openbaar:
        pages["plek"] = reverse("publiek:locatie", args=[locatie.slug])
        pages["feed van de plek"] = reverse("activiteiten:feed_locatie", args=[locatie.slug])
    return {name: client.get(path).text for name, path in pages.items()}


@pytest.mark.parametrize("status", HIDDEN_ACTIVITEIT)
def test_a_hidden_activity_cannot_be_seen_reported_or_subscribed_to(client, status):
    locatie = LocatieFactory(gepubliceerd=True)
    activiteit = _daily(locatie, status=status)

    assert not activiteit.is_openbaar
    assert not Activiteit.objects.openbaar().filter(pk=activiteit.pk).exists()
    assert client.get(reverse("activiteiten:detail", args=[activiteit.slug])).status_code == 404
    assert client.get(reverse("activiteiten:feed", args=[activiteit.slug])).status_code == 404
    report = client.get(
        reverse("meldingen:nieuw") + f"?locatie={locatie.slug}&activiteit={activiteit.slug}"
    )
    assert report.status_code == 404
    for name, text in _public_texts(client, locatie, activiteit).items():
        assert "Verborgen breiclub" not in text, name


@pytest.mark.parametrize("status", HIDDEN_LOCATIE)
def test_a_published_activity_at_a_hidden_place_is_hidden_with_it(client, status):
    locatie = LocatieFactory(status=status)
    activiteit = _daily(locatie, status=ActiviteitStatus.GEPUBLICEERD)

    assert not locatie.is_openbaar and not activiteit.is_openbaar
    assert not Locatie.objects.openbaar().filter(pk=locatie.pk).exists()
    assert client.get(reverse("publiek:locatie", args=[locatie.slug])).status_code == 404
    assert client.get(reverse("activiteiten:detail", args=[activiteit.slug])).status_code == 404
    assert client.get(reverse("activiteiten:feed", args=[activiteit.slug])).status_code == 404
    assert client.get(reverse("activiteiten:feed_locatie", args=[locatie.slug])).status_code == 404
    assert client.get(reverse("meldingen:nieuw") + f"?locatie={locatie.slug}").status_code == 404
    for name, text in _public_texts(client, locatie, activiteit).items():
        assert "Verborgen breiclub" not in text, name


def test_a_public_activity_is_seen_reported_and_subscribed_to(client):
    """The other side: the same checks let a public activity through, so they can fail."""
    locatie = LocatieFactory(gepubliceerd=True)
    activiteit = _daily(locatie, status=ActiviteitStatus.GEPUBLICEERD)

    assert activiteit.is_openbaar
    assert client.get(reverse("activiteiten:detail", args=[activiteit.slug])).status_code == 200
    assert client.get(reverse("activiteiten:feed", args=[activiteit.slug])).status_code == 200
    report = client.get(
        reverse("meldingen:nieuw") + f"?locatie={locatie.slug}&activiteit={activiteit.slug}"
    )
    assert report.status_code == 200
    texts = _public_texts(client, locatie, activiteit)
    assert "Verborgen breiclub" in texts["plek"]
    assert "Verborgen breiclub" in texts["agenda van de plek"]
