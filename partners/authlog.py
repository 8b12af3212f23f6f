"""Authentication events as structured log lines, one JSON object a line on the logger
"partners.auth": signing in and failing to, lock-outs by the login limits, signing out (also
by the idle timeout), two-factor authenticators added, removed or reset, and invitations
accepted or withdrawn. A password never enters a line; the address is the client's as the
login limits see it (allauth's get_client_ip, which honours ALLAUTH_TRUSTED_PROXY_COUNT).

The receivers for Django's and allauth's signals are connected in partners/apps.py; the
portal's own events (invitations, lock-outs, idle timeout) call log_event where they happen.
"""

import json
import logging

from django.utils import timezone

logger = logging.getLogger("partners.auth")

# How much of a typed login name a line keeps (a failed login may carry anything).
MAX_LOGIN_CHARS = 254


def _client_ip(request) -> str | None:
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # no usable address (allauth raises PermissionDenied); still log
        return None


def log_event(event: str, *, request=None, user=None, **fields) -> None:
    """Write one line: {"event": …, "time": …, "user_id": …, "email": …, "ip": …, **fields}."""
    line = {"event": event, "time": timezone.now().isoformat()}
    if user is not None and getattr(user, "pk", None) is not None:
        line["user_id"] = user.pk
        line["email"] = user.email
    ip = _client_ip(request)
    if ip:
        line["ip"] = ip
    line.update({key: value for key, value in fields.items() if value is not None})
    logger.info(json.dumps(line, ensure_ascii=False, sort_keys=True, default=str))


def login_name(credentials: dict) -> str | None:
    for key in ("email", "login", "username"):
        value = credentials.get(key)
        if isinstance(value, str) and value:
            return value[:MAX_LOGIN_CHARS]
    return None


# Receivers (connected in partners/apps.py) ---------------------------------------------------


def on_logged_in(sender, request, user, **kwargs):
    log_event("login_succeeded", request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials`; only the name is kept.
    log_event("login_failed", request=request, login=login_name(credentials))


def on_logged_out(sender, request, user, **kwargs):
    log_event("logout", request=request, user=user)


def _authenticator_event(event):
    def receiver(sender, request, user, authenticator, **kwargs):
        log_event(event, request=request, user=user, authenticator=authenticator.type)

    receiver.__name__ = f"on_{event}"
    return receiver


on_mfa_added = _authenticator_event("mfa_added")
on_mfa_removed = _authenticator_event("mfa_removed")
on_mfa_reset = _authenticator_event("mfa_reset")


def on_mfa_failed(sender, request, user, **kwargs):
    log_event("mfa_failed", request=request, user=user)


def connect_receivers() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    for signal, receiver in [
        (auth_signals.user_logged_in, on_logged_in),
        (auth_signals.user_login_failed, on_login_failed),
        (auth_signals.user_logged_out, on_logged_out),
        (mfa_signals.authenticator_added, on_mfa_added),
        (mfa_signals.authenticator_removed, on_mfa_removed),
        (mfa_signals.authenticator_reset, on_mfa_reset),
        (mfa_signals.authentication_failed, on_mfa_failed),
    ]:
        signal.connect(receiver, dispatch_uid=f"partners.authlog.{receiver.__name__}")
