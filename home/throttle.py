"""The site's rate limiter for everything that checks no secret (applications to
join, password reset emails): fixed windows counted in Django's cache. Wrong
passwords and codes are counted by the sign-in throttle, django-axes
(members.throttle), which also reads the caller's address with client_address().

django-ratelimit refuses local-memory caches at check time. `cache.add` then
`cache.incr` is atomic on Redis (production) and within one process on the
local-memory cache (development and tests), which is all a throttle needs.

Keys are SHA-256 digests of what is limited (an address, a username), so the cache
never holds an address or a name in clear.

When the cache cannot be reached the limiter lets requests through and logs an
error: an outage must not turn someone's application to join or their sign-in
into an error page. Passwords, two-factor codes and every form's own checks still
apply, and an outage is short and alarmed; refusing everyone would lock the
network's staff out of their own site for as long as it lasts.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window: int  # seconds

    def _key(self, value):
        digest = hashlib.sha256(f"{self.scope}:{value}".lower().encode()).hexdigest()
        bucket = int(time.time()) // self.window
        return f"throttle:{self.scope}:{digest}:{bucket}"

    def hit(self, value):
        """Count one attempt; return True while the caller is within the limit."""
        try:
            return self._count(self._key(value)) <= self.limit
        except Exception:  # noqa: BLE001 - any cache outage: see the module's note
            logger.error("Rate limit %s not checked: cache unreachable", self.scope)
            return True

    def _count(self, key):
        if cache.add(key, 1, timeout=self.window + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.window + 1)
            return 1

    def is_exceeded(self, value):
        """True when the limit is already used up (counts nothing)."""
        try:
            return (cache.get(self._key(value)) or 0) >= self.limit
        except Exception:  # noqa: BLE001 - as in hit()
            logger.error("Rate limit %s not checked: cache unreachable", self.scope)
            return False

    def reset(self, value):
        try:
            cache.delete(self._key(value))
        except Exception:  # noqa: BLE001 - the count expires with its window anyway
            logger.warning("Rate limit %s not reset: cache unreachable", self.scope)


def client_address(request):
    """The caller's address. Behind a reverse proxy every request arrives from the
    proxy: either have the server rewrite REMOTE_ADDR (uvicorn --proxy-headers with
    --forwarded-allow-ips) or name the header the proxy sets in CLIENT_IP_HEADER
    (e.g. "HTTP_X_REAL_IP"). A client-supplied header is trusted only when
    configured, so it cannot be used to dodge limits. In a list header such as
    X-Forwarded-For only the last entry, the one our proxy added, is trusted: the
    ones before it are whatever the client sent."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"
