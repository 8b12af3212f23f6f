"""Zeist's volunteer examples on top of the real demo data (demo/loader.py)."""

import pytest
from django.urls import reverse

from partners import permissions
from partners.models import User
from vrijwilligers.demo import laad_demo
from vrijwilligers.models import Hulpvraag, Koppeling, Vacature

pytestmark = pytest.mark.django_db


def test_the_demo_shows_zeists_examples_at_wijkservicepunt_noord(client, demo_data):
    """The demo loader has called laad_demo(); a second call adds nothing."""
    assert Vacature.objects.exists()
    assert laad_demo() == 0
    chauffeur = Vacature.objects.get(titel="Chauffeur voor de maaltijdronde")
    assert chauffeur.activiteit.titel == "Verse maaltijd in Café Noord"
    assert chauffeur.vog_nodig
    assert Hulpvraag.objects.filter(tekst__contains="wandelen").exists()
    assert Hulpvraag.objects.filter(tekst__contains="breiles").exists()

    html = client.get(reverse("vrijwilligers:lijst"), {"gemeente": "zeist"}).content.decode()
    assert "Gastvrouw of gastheer in Café Noord" in html and "breiles" in html
    page = reverse("publiek:locatie", args=[chauffeur.locatie.slug])
    assert "Chauffeur voor de maaltijdronde" in client.get(page).content.decode()

    # Gemeente Zeist works at the place itself (vaste gebruiker), so its officer matches there;
    # Apeldoorn's officer does not see the match.
    zeist = User.objects.get(email="gemeente.zeist@demo.example")
    apeldoorn = User.objects.get(email="gemeente@demo.example")
    koppeling = Koppeling.objects.get()
    assert permissions.handleable_reacties(zeist).filter(pk=koppeling.reactie_id).exists()
    assert not permissions.handleable_reacties(apeldoorn).exists()
