"""Protection of public forms (no account) against spam and floods, without third parties.

Four layers, each cheap for a resident and costly for a bot:
- a honeypot field that people never see and bots fill in (`SpamGuardForm`);
- a signed timestamp in the form: sent back within seconds means a script, older than a few
  hours means the page stood open too long (the resident is asked to send it again);
- a limit on the number of links in the text (`count_links`);
- rate limits per client address and per subject (a place), counted in Django's cache (the
  shared database cache, so the limits hold across app servers): `is_limited`, `count`.

No IP address is stored anywhere: the cache key is a keyed hash (HMAC with SECRET_KEY) of the
address, and an IPv6 client counts per /64 network because one connection owns the whole /64.
Each form passes its own `purpose`, so its limits and tokens do not mix with another form's.
"""

import ipaddress
import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

HOUR = 60 * 60
DAY = 24 * HOUR

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


class TokenProblem:
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or behind the project's own TLS proxy the last hop
    of X-Forwarded-For (the one that proxy added; earlier hops are whatever the client sent)."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last_hop = forwarded.split(",")[-1].strip()
        if last_hop:
            address = last_hop
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def sender_key(request, purpose: str = "meldingen") -> str:
    """A keyed hash of the client's address: the same for one address, useless to reverse."""
    return salted_hmac(f"{purpose}.afzender", client_address(request)).hexdigest()[:32]


def issue_token(issued_at: float | None = None, *, purpose: str = "meldingen") -> str:
    """The signed moment at which the form was handed out."""
    return signing.dumps(
        int(time.time() if issued_at is None else issued_at), salt=f"{purpose}.formulier"
    )


def token_problem(token: str, *, purpose: str = "meldingen") -> str | None:
    """None when the form was filled in at human speed within its lifetime
    (settings.SPAM_MIN_FILL_SECONDS, settings.SPAM_FORM_MAX_AGE)."""
    try:
        issued_at = int(signing.loads(token, salt=f"{purpose}.formulier"))
    except (signing.BadSignature, TypeError, ValueError):
        return TokenProblem.INVALID
    age = time.time() - issued_at
    if age < settings.SPAM_MIN_FILL_SECONDS:
        return TokenProblem.TOO_FAST
    if age > settings.SPAM_FORM_MAX_AGE:
        return TokenProblem.EXPIRED
    return None


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def _keys(request, purpose: str, subject_pk) -> tuple[str, str]:
    return f"{purpose}:ip:{sender_key(request, purpose)}", f"{purpose}:onderwerp:{subject_pk}"


def is_limited(
    request, *, purpose: str, subject_pk, per_ip_per_hour: int, per_subject_per_day: int
) -> bool:
    """Whether this client, or this subject (a place), has had its share for now."""
    ip_key, subject_key = _keys(request, purpose, subject_pk)
    counts = cache.get_many([ip_key, subject_key])
    return (
        counts.get(ip_key, 0) >= per_ip_per_hour
        or counts.get(subject_key, 0) >= per_subject_per_day
    )


def count(request, *, purpose: str, subject_pk) -> None:
    """Count one accepted submission against the client's and the subject's limits. The window
    starts at the first one (cache.add) and is not stretched by later ones."""
    ip_key, subject_key = _keys(request, purpose, subject_pk)
    for key, window in ((ip_key, HOUR), (subject_key, DAY)):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


class SpamGuardForm(forms.BaseForm):
    """Mixin for a public form: the honeypot `website` (hidden from people) and the signed
    moment the form was handed out (`start`). Set `spam_purpose` on the form class; a bound
    form with `is_spam` set looks accepted but must not be saved."""

    spam_purpose = "meldingen"
    spam_too_fast_message = _(
        "Dat ging wel heel snel. Kijk je tekst nog even na en verstuur hem opnieuw."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["start"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial["start"] = issue_token(purpose=self.spam_purpose)
        self.is_spam = False

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:
            # Shown again with the resident's text: the clock starts anew, so a form that stood
            # open too long is accepted once it is sent again.
            data = self.data.copy()
            data[self.add_prefix("start")] = issue_token(purpose=self.spam_purpose)
            self.data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Filled in by a bot: accepted in appearance (so it learns nothing), never saved.
            self.is_spam = True
        problem = token_problem(
            self.data.get(self.add_prefix("start"), ""), purpose=self.spam_purpose
        )
        if problem == TokenProblem.TOO_FAST:
            self.add_error(None, self.spam_too_fast_message)
        elif problem is not None:
            self.add_error(
                None,
                _(
                    "Dit formulier stond te lang open of is niet compleet geladen. Je tekst "
                    "staat er nog: verstuur hem opnieuw."
                ),
            )
        return cleaned

    def check_links(self, text: str, *, maximum: int, message) -> str:
        if count_links(text) > maximum:
            raise forms.ValidationError(message % {"aantal": maximum}, code="links")
        return text
