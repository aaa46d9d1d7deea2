"""A small fixed-window rate limiter on Django's cache.

`cache.add` and `cache.incr` are atomic on Redis (production and the real-services
leg) and within one process on the local-memory cache. Client addresses are hashed
before they become cache keys, so no raw IP address is stored anywhere.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The client's address. Behind a reverse proxy every request comes from the
    proxy, so a deploy names the header its proxy sets (e.g. "HTTP_X_REAL_IP")
    in CLIENT_IP_HEADER; it is trusted only when configured."""
    header = getattr(settings, "CLIENT_IP_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request, scope):
    address = client_address(request)
    digest = hashlib.sha256(f"{scope}:{address}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(key, *, limit, window):
    """Count one attempt under `key`. True while at most `limit` attempts have been
    made in the current `window` seconds, False once over it."""
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add and incr: this attempt starts a new one.
        cache.add(key, 1, timeout=window)
        return limit >= 1
    return count <= limit


def allow(request, scope, *, limit, window):
    return hit(client_key(request, scope), limit=limit, window=window)
