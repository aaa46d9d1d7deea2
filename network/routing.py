"""The board's WebSocket routes, and the same-origin check in front of them.

Channels' AllowedHostsOriginValidator compares only the Origin's host with
ALLOWED_HOSTS, so http://127.0.0.1:9999 or https://127.0.0.1 could open a socket
on a site served at http://127.0.0.1:8000. A browser sends Origin on every
WebSocket handshake and cookies go with it, so the whole origin must match.
"""

import re

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import path

from network.board.consumer.connection import BoardConsumer

DEFAULT_PORTS = {"http": 80, "https": 443}
# scheme://host[:port] as browsers serialize an origin: no userinfo, no path.
# Hosts as Django's host validation spells them (names, IPv4, bracketed IPv6).
_AUTHORITY = (
    r"(?P<host>[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::(?P<port>[0-9]{1,5}))?"
)
_ORIGIN = re.compile(rf"(?P<scheme>https?)://{_AUTHORITY}")
_HOST = re.compile(_AUTHORITY)


class HandshakeRequest(HttpRequest):
    """Just enough of a request for Django's own answers to "which scheme?"
    (SECURE_PROXY_SSL_HEADER) and "which host?" (ALLOWED_HOSTS,
    USE_X_FORWARDED_HOST) about a WebSocket handshake."""

    def __init__(self, scope):
        super().__init__()
        for name, value in scope.get("headers", []):
            key = "HTTP_" + name.decode("latin1").upper().replace("-", "_")
            value = value.decode("latin1")
            # Repeated headers are joined, as Django's ASGI handler does; a
            # repeated Host then fails validation.
            self.META[key] = f"{self.META[key]},{value}" if key in self.META else value
        server = scope.get("server") or ("", "")
        self.META["SERVER_NAME"], self.META["SERVER_PORT"] = server[0], str(server[1])
        self._ws_scheme = scope.get("scheme", "ws")

    def _get_scheme(self):
        return "https" if self._ws_scheme in ("wss", "https") else "http"


def _origin_parts(text):
    """(scheme, host, port) of a serialized origin, or None."""
    match = _ORIGIN.fullmatch(text.lower())
    if match is None:
        return None
    port = int(match["port"]) if match["port"] else DEFAULT_PORTS[match["scheme"]]
    if not 0 < port < 65536:
        return None
    return match["scheme"], match["host"], port


def _trusted_origins():
    # Exact entries only: a wildcard in CSRF_TRUSTED_ORIGINS does not open sockets.
    return {
        parts
        for origin in settings.CSRF_TRUSTED_ORIGINS
        if (parts := _origin_parts(origin)) is not None
    }


def origin_allowed(scope):
    """True when the handshake's one Origin header names this very site: the
    scheme the request arrived with (as Django reads it behind a TLS proxy, or
    an origin listed in CSRF_TRUSTED_ORIGINS), the Host header's host and its
    port, with that host in ALLOWED_HOSTS."""
    origins = [value for name, value in scope.get("headers", []) if name == b"origin"]
    if len(origins) != 1:
        return False
    origin = _origin_parts(origins[0].decode("latin1"))
    if origin is None:  # "null", a path, userinfo, another scheme
        return False
    request = HandshakeRequest(scope)
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    host_match = _HOST.fullmatch(host.lower())
    if host_match is None:
        return False
    scheme = request.scheme
    if origin in _trusted_origins():
        # Behind a proxy that ends TLS without saying so, the browser's https
        # origin is still ours when the settings list it.
        scheme = origin[0]
    port = int(host_match["port"]) if host_match["port"] else DEFAULT_PORTS[scheme]
    return origin == (scheme, host_match["host"], port)


class SameOriginValidator:
    """Refuses a WebSocket handshake whose Origin is not this site's own."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


websocket_urlpatterns = [
    path("ws/board/", BoardConsumer.as_asgi()),
]
