import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from partners.decorators import editor_required, member_required
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@member_required
def member_view(request):
    return HttpResponse("ok")


@editor_required
def editor_view(request):
    return HttpResponse("ok")


def request_as(user, path="/beheer/iets/"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_anonymous_visitors_are_sent_to_the_login_page():
    response = member_view(request_as(AnonymousUser()))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_signed_in_person_without_organisation_is_refused():
    with pytest.raises(PermissionDenied):
        member_view(request_as(UserFactory()))


def test_members_get_in(welzijn_medewerker):
    assert member_view(request_as(welzijn_medewerker)).status_code == 200


def test_editors_without_a_second_factor_are_sent_to_set_it_up(settings, welzijn_medewerker):
    settings.MFA_REQUIRED_FOR_EDITORS = True
    response = editor_view(request_as(welzijn_medewerker, "/beheer/locaties/x/"))
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/?next=%2Fbeheer%2Flocaties%2Fx%2F"


def test_editors_get_in_when_the_installation_relaxes_mfa(welzijn_medewerker):
    assert editor_view(request_as(welzijn_medewerker)).status_code == 200
