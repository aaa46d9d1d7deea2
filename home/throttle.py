"""The site's one rate limiter: fixed windows counted in Django's cache.

No new dependency: django-ratelimit refuses local-memory caches at check time, and
django-axes breaks the test client's login(). `cache.add` then `cache.incr` is atomic
on Redis (production) and within one process on the local-memory cache (development
and tests), which is all a throttle needs.

Keys are SHA-256 digests of what is limited (an address, a username), so the cache
never holds an address or a name in clear.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


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
        key = self._key(value)
        if cache.add(key, 1, timeout=self.window + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=self.window + 1)
                count = 1
        return count <= self.limit

    def is_exceeded(self, value):
        """True when the limit is already used up (counts nothing)."""
        return (cache.get(self._key(value)) or 0) >= self.limit

    def reset(self, value):
        cache.delete(self._key(value))


def client_address(request):
    """The caller's address. Behind a reverse proxy every request arrives from the
    proxy: either have the server rewrite REMOTE_ADDR (uvicorn --proxy-headers with
    --forwarded-allow-ips) or name the header the proxy sets in CLIENT_IP_HEADER
    (e.g. "HTTP_X_REAL_IP"). A client-supplied header is trusted only when
    configured, so it cannot be used to dodge limits."""
    header = getattr(settings, "CLIENT_IP_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or "unknown"
