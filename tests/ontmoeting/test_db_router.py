"""The read replica (ontmoeting/db_router.py): anonymous public reads go to it, everything
else to the primary. The "replica" alias is added for these tests as a test mirror of the
test database, as settings do with DATABASE_REPLICA_URL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connections, transaction
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from locaties.models import Locatie
from ontmoeting import db_router
from ontmoeting.db_router import ReplicaMiddleware, ReplicaRouter
from partners.models import User
from tests.factories import LocatieFactory


@pytest.fixture
def replica(monkeypatch):
    """A "replica" connection to the test database itself, as a test mirror: what settings make
    of DATABASE_REPLICA_URL. Put in the connection handler directly (not in its settings), so
    the test case's guard against unknown aliases lets it through."""
    alias_settings = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    wrapper = load_backend(alias_settings["ENGINE"]).DatabaseWrapper(alias_settings, "replica")
    connections._connections.replica = wrapper
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    yield "replica"
    wrapper.close()
    delattr(connections._connections, "replica")


def _seen_by_view(request):
    seen = {}

    def view(request):
        seen["replica"] = db_router.may_read_replica()
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen["replica"]


def _anonymous(request):
    request.user = AnonymousUser()
    return request


class TestMiddleware:
    def test_an_anonymous_public_get_may_read_the_replica(self, rf, replica):
        assert _seen_by_view(_anonymous(rf.get("/locaties/")))
        assert _seen_by_view(_anonymous(rf.head("/en/locaties/")))

    def test_a_signed_in_person_reads_the_primary(self, rf, replica):
        request = rf.get("/locaties/")
        request.user = User(email="a@example.org")
        assert not _seen_by_view(request)

    def test_a_post_reads_the_primary(self, rf, replica):
        assert not _seen_by_view(_anonymous(rf.post("/locaties/x/melden/")))

    @pytest.mark.parametrize(
        "path", ["/beheer/", "/en/beheer/locaties/", "/admin/", "/accounts/login/"]
    )
    def test_portal_admin_and_account_pages_read_the_primary(self, rf, replica, path):
        assert not _seen_by_view(_anonymous(rf.get(path)))

    def test_without_a_replica_nothing_is_marked(self, rf, settings):
        assert "replica" not in settings.DATABASES
        assert not _seen_by_view(_anonymous(rf.get("/locaties/")))

    def test_the_mark_ends_with_the_request(self, rf, replica):
        _seen_by_view(_anonymous(rf.get("/locaties/")))
        assert not db_router.may_read_replica()


class TestRouter:
    """No database mark: a test's own transaction would send every read to the primary."""

    def _marked(self):
        return db_router._may_read_replica.set(True)

    def test_reads_of_a_marked_request_go_to_the_replica(self, replica):
        token = self._marked()
        try:
            assert ReplicaRouter().db_for_read(Locatie) == "replica"
            assert ReplicaRouter().db_for_write(Locatie) == "default"
        finally:
            db_router._may_read_replica.reset(token)

    def test_sessions_and_the_database_cache_are_read_from_the_primary(self, replica):
        token = self._marked()
        try:
            assert ReplicaRouter().db_for_read(Session) == "default"
            cache_model = caches["default"].cache_model_class
            assert ReplicaRouter().db_for_read(cache_model) == "default"
        finally:
            db_router._may_read_replica.reset(token)

    @pytest.mark.django_db
    def test_reads_inside_a_transaction_go_to_the_primary(self, replica):
        token = self._marked()
        try:
            with transaction.atomic():
                assert ReplicaRouter().db_for_read(Locatie) == "default"
        finally:
            db_router._may_read_replica.reset(token)

    def test_unmarked_reads_go_to_the_primary(self, replica):
        assert ReplicaRouter().db_for_read(Locatie) == "default"

    def test_nothing_migrates_on_the_replica(self):
        assert ReplicaRouter().allow_migrate("replica", "locaties") is False
        assert ReplicaRouter().allow_migrate("default", "locaties") is True


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_place_list_is_read_from_the_replica_and_staff_pages_from_the_primary(
    client, replica, gemeente_medewerker, settings
):
    # With a replica the cache is Redis (README); the database cache would write to the
    # primary what the list caches (its count, its filter form).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    LocatieFactory(naam="Buurthuis De Kolk", gepubliceerd=True)

    with (
        CaptureQueriesContext(connections["replica"]) as op_replica,
        CaptureQueriesContext(connections["default"]) as op_primary,
    ):
        response = client.get("/locaties/")
    assert response.status_code == 200
    assert "Buurthuis De Kolk" in response.content.decode()
    assert len(op_replica) > 0
    assert len(op_primary) == 0

    client.force_login(gemeente_medewerker)
    with (
        CaptureQueriesContext(connections["replica"]) as op_replica,
        CaptureQueriesContext(connections["default"]) as op_primary,
    ):
        assert client.get("/locaties/").status_code == 200
        assert client.get("/beheer/").status_code == 200
    assert len(op_replica) == 0
    assert len(op_primary) > 0
