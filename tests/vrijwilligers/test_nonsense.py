"""Nonsense in the answer form of a vacature and of a resident's request, and in the erasure
link, never yields a 500 and saves nothing (tests/test_nonsense_input.py does the lists)."""

import pytest
from django.urls import reverse

from tests.beheer_access import ANONIEM
from tests.factories import HulpvraagFactory, VacatureFactory
from tests.test_nonsense_input import NONSENSE_PARAMETERS, Nonsense, forms_on
from vrijwilligers.models import Reactie

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [VacatureFactory, HulpvraagFactory])
def test_nonsense_in_an_answer_form_is_refused_without_an_error(client, factory):
    onderwerp = factory()
    name = "vrijwilligers:vacature" if factory is VacatureFactory else "vrijwilligers:hulpvraag"
    url = reverse(name, args=[onderwerp.pk])
    response = client.get(url)
    assert response.status_code == 200
    (form,) = [f for f in forms_on(response) if f.method == "post" and f.action == url]
    nonsense = Nonsense(client)
    nonsense.post(form.target, form, ANONIEM)
    assert not nonsense.failures, "\n".join(nonsense.failures)
    assert not Reactie.objects.exists()


@pytest.mark.parametrize("value", [*NONSENSE_PARAMETERS, "9" * 30])
def test_nonsense_in_an_erasure_link_or_a_number_answers_404(client, value):
    for url in (f"/vrijwilligers/wissen/{value}/", f"/vrijwilligers/{value}/"):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
