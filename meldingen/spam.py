"""Protection of the public report form against spam and floods, without third parties.

Four layers, each cheap for a resident and costly for a bot:
- a honeypot field that people never see and bots fill in;
- a signed timestamp in the form: sent back within seconds means a script, older than a few
  hours means the page stood open too long (the resident is asked to send it again);
- a limit on the number of links in the text;
- rate limits per client address and per place, counted in Django's cache (the shared
  database cache, so the limits hold across app servers).

No IP address is stored anywhere: the cache key is a keyed hash (HMAC with SECRET_KEY) of the
address, and an IPv6 client counts per /64 network because one connection owns the whole /64.
"""

import ipaddress
import re
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

TOKEN_SALT = "meldingen.formulier"
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


def sender_key(request) -> str:
    """A keyed hash of the client's address: the same for one address, useless to reverse."""
    return salted_hmac("meldingen.afzender", client_address(request)).hexdigest()[:32]


def issue_token(issued_at: float | None = None) -> str:
    """The signed moment at which the form was handed out."""
    return signing.dumps(int(time.time() if issued_at is None else issued_at), salt=TOKEN_SALT)


def token_problem(token: str) -> str | None:
    """None when the form was filled in at human speed within its lifetime."""
    try:
        issued_at = int(signing.loads(token, salt=TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return TokenProblem.INVALID
    age = time.time() - issued_at
    if age < settings.MELDINGEN_MIN_FILL_SECONDS:
        return TokenProblem.TOO_FAST
    if age > settings.MELDINGEN_FORM_MAX_AGE:
        return TokenProblem.EXPIRED
    return None


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def _ip_key(request) -> str:
    return f"meldingen:ip:{sender_key(request)}"


def _locatie_key(locatie) -> str:
    return f"meldingen:locatie:{locatie.pk}"


def is_limited(request, locatie) -> bool:
    """Whether this client, or this place, has had its share of reports for now."""
    counts = cache.get_many([_ip_key(request), _locatie_key(locatie)])
    return (
        counts.get(_ip_key(request), 0) >= settings.MELDINGEN_PER_IP_PER_HOUR
        or counts.get(_locatie_key(locatie), 0) >= settings.MELDINGEN_PER_LOCATIE_PER_DAY
    )


def count_report(request, locatie) -> None:
    """Count one accepted report against the client's and the place's limits. The window starts
    at the first report (cache.add) and is not stretched by later ones."""
    for key, window in ((_ip_key(request), HOUR), (_locatie_key(locatie), DAY)):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
