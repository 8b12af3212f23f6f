"""Shared fixtures: the gemeente the personas work in, and the personas of STYLE.md.

Each persona is a staff member with a Lidmaatschap in an organisation of their kind working in
Apeldoorn; `buitenstaander` is a member of an organisation that works only in another gemeente.
"""

from pathlib import Path

import pytest
import requests
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from partners.models import User
from tests.factories import GemeenteFactory, LidmaatschapFactory, PartnerFactory

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch: a request to an /en/ page leaves English active in the
    thread, which would otherwise leak into the next test's code that runs outside a request."""
    from django.conf import settings

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher costs a quarter of a second a user; hashing is not what is under test.
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture
def gemeente(db):
    return GemeenteFactory(naam="Apeldoorn", cbs_code="GM0200", slug="apeldoorn")


@pytest.fixture
def andere_gemeente(db):
    return GemeenteFactory(naam="Zeist", cbs_code="GM0355", slug="zeist")


@pytest.fixture
def corporatie(gemeente):
    return PartnerFactory(corporatie=True, naam="De Woonmensen", werkgebied=[gemeente])


@pytest.fixture
def corporatie_medewerker(corporatie):
    return LidmaatschapFactory(partner=corporatie, user__email="corporatie@example.org").user


@pytest.fixture
def welzijn_medewerker(gemeente):
    partner = PartnerFactory(naam="Stimenz", werkgebied=[gemeente])
    return LidmaatschapFactory(partner=partner, user__email="welzijn@example.org").user


@pytest.fixture
def zorg_medewerker(gemeente):
    partner = PartnerFactory(zorg=True, naam="Zorgorganisatie De Linde", werkgebied=[gemeente])
    return LidmaatschapFactory(partner=partner, user__email="zorg@example.org").user


@pytest.fixture
def gemeente_medewerker(gemeente):
    partner = PartnerFactory(gemeentepartner=True, gemeente=gemeente, werkgebied=[gemeente])
    return LidmaatschapFactory(partner=partner, user__email="gemeente@example.org").user


@pytest.fixture
def buitenstaander(andere_gemeente):
    partner = PartnerFactory(naam="Welzijn Elders", werkgebied=[andere_gemeente])
    return LidmaatschapFactory(partner=partner, user__email="buitenstaander@example.org").user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("beheer@example.org", "een-lang-wachtwoord-voor-tests")


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The whole demo (demo/loader.py), loaded once for the module that asks for it and rolled
    back after its last test. Each test's own transaction nests inside (as a savepoint), so what
    a test writes is undone as usual; works on SQLite and PostgreSQL alike."""
    from demo.loader import load_demodata

    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
                result = load_demodata()
        except BaseException:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Tests ask for a page, change data and ask again; the app's page cache for visitors
    # without cookies (ontmoeting/caching.py) is switched on by the tests of that cache.
    settings.PUBLIC_PAGE_CACHE = False


@pytest.fixture
def empty_cache():
    """For tests of what the app keeps in its cache: they start and end with it empty (on
    the database cache a test's rows go with its transaction; Redis keeps them)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def registry_stamp_read_each_time(monkeypatch):
    # Tests change places in bulk (no signal) and ask for the list again at once; the stamp's
    # one-second memo (publiek/views.py) is tried by its own tests.
    monkeypatch.setattr("publiek.views.REGISTRY_STAMP_SECONDS", 0.0)


@pytest.fixture(autouse=True)
def mfa_relaxed(settings):
    # Portal tests act as staff without a second factor; tests of MFA enforcement switch it on.
    settings.MFA_REQUIRED_FOR_EDITORS = False


# --- PDOK Locatieserver (geocoding) --------------------------------------------------------

PDOK_RECORDINGS = Path(__file__).parent / "fixtures" / "pdok"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests never reach the network: every request through `requests` fails as if offline,
    unless a test answers it with the `pdok` fixture."""

    def refuse(*args, **kwargs):
        raise requests.ConnectionError("tests do not use the network")

    monkeypatch.setattr(requests.sessions.Session, "request", refuse)


class RecordedPdok:
    """Stands in for PDOK's Locatieserver: answers with a recorded response from
    tests/fixtures/pdok/<name>.json, or fails the way the network does. Keeps the requests."""

    def __init__(self):
        self.requests = []
        self.answer = None
        self.error = None
        self.status_code = 200

    def respond_with(self, name: str, status_code: int = 200):
        self.answer = (PDOK_RECORDINGS / f"{name}.json").read_bytes()
        self.status_code = status_code
        self.error = None

    def fail_with(self, error: Exception):
        self.error = error

    def get(self, url, params=None, headers=None, timeout=None):
        self.requests.append({"url": url, "params": params, "timeout": timeout})
        if self.error is not None:
            raise self.error
        response = requests.Response()
        response.status_code = self.status_code
        response.url = url
        response.headers["Content-Type"] = "application/json"
        response._content = self.answer if self.answer is not None else b"{}"
        return response


@pytest.fixture
def pdok(monkeypatch):
    recorded = RecordedPdok()
    monkeypatch.setattr("locaties.geocoding.requests.get", recorded.get)
    return recorded
