"""Guards for the staff portal's views. What a person may do with a record is decided by the
querysets of partners/permissions.py; these decorators only let the right people in."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from partners import permissions

MFA_RETURN_SESSION_KEY = "mfa_terug_naar"


def member_required(view):
    """Signed in and a member of some partner organisation; anyone else signed in gets 403,
    and an anonymous visitor is sent to the login page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.is_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def editor_required(view):
    """A member who has set up two-factor authentication when the installation demands it
    for people who change records; otherwise they are sent to set it up first."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if permissions.requires_mfa_setup(request.user):
            return redirect_to_mfa_setup(request)
        return view(request, *args, **kwargs)

    return wrapper


def redirect_to_mfa_setup(request):
    """Send someone who must use two-factor authentication (permissions.requires_mfa_setup)
    to set it up, and back to where they were going afterwards: the portal's editors and the
    functioneel beheerder in the admin alike."""
    messages.info(
        request,
        _(
            "Stel eerst tweestapsverificatie in. Daarna kun je gegevens wijzigen; "
            "zo blijft het register beschermd als je wachtwoord uitlekt."
        ),
    )
    # allauth's activation ends on the recovery codes page, which offers the way back
    # (templates/mfa/recovery_codes/index.html); the path is our own, so it is safe.
    request.session[MFA_RETURN_SESSION_KEY] = request.get_full_path()
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")
