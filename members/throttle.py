"""A small fixed-window rate limiter on Django's cache.

No new dependency: django-ratelimit refuses local-memory caches at check time, and
django-axes breaks the test client's login(). `cache.add` then `cache.incr` is atomic
on Redis (production) and within one process on the local-memory cache (development
and tests), which is all a throttle needs.

Keys are SHA-256 digests of what is limited (an IP address, a username), so the
cache never holds an address or a name in clear.
"""

import hashlib
import time
from dataclasses import dataclass

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


# Applications to join: a few per address per hour is plenty for a real group.
JOIN_PER_ADDRESS = Limit("join", limit=3, window=60 * 60)
# Failed sign-ins: per address and per username, so neither spraying one account
# from many addresses nor many accounts from one address gets far.
LOGIN_FAILURES_PER_ADDRESS = Limit("login-ip", limit=20, window=15 * 60)
LOGIN_FAILURES_PER_USERNAME = Limit("login-user", limit=5, window=15 * 60)
# Password reset emails and two-factor codes.
PASSWORD_RESET_PER_ADDRESS = Limit("reset", limit=5, window=60 * 60)
TWO_FACTOR_FAILURES_PER_USER = Limit("otp", limit=5, window=15 * 60)


def client_address(request):
    """The caller's address as the server saw it. Behind a proxy, configure the
    proxy to set REMOTE_ADDR (e.g. uvicorn --proxy-headers); a client-supplied
    X-Forwarded-For is never trusted here, so it cannot be used to dodge limits."""
    return request.META.get("REMOTE_ADDR") or "unknown"
