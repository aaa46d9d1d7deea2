"""The socket opens only for this very site's pages: the Origin's scheme, host and
port must all match the handshake's own Host and scheme (issue 11 #12)."""

import pytest

from network.asgi import application
from network.routing import origin_allowed
from tests.network.sockets import PatientCommunicator

SITE = "127.0.0.1:8000"


def scope(origin=None, host=SITE, scheme="ws", extra=()):
    headers = []
    if host is not None:
        headers.append((b"host", host.encode("latin1")))
    if origin is not None:
        headers.append((b"origin", origin.encode("latin1")))
    headers.extend(extra)
    return {"type": "websocket", "scheme": scheme, "headers": headers}


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:9999",  # another port
        "http://127.0.0.1",  # the default port, not 8000
        "https://127.0.0.1:8000",  # another scheme
        "https://127.0.0.1",
        "ws://127.0.0.1:8000",
        "http://localhost:8000",  # another host, though also in ALLOWED_HOSTS
        "http://evil.example:8000",
        "http://127.0.0.1.evil.example:8000",
        "null",  # sandboxed frames, file: pages
        "",
        "http://user@127.0.0.1:8000",  # userinfo
        "http://user:pw@127.0.0.1:8000",
        "http://127.0.0.1:8000/",  # browsers never send a path
        "http://127.0.0.1:8000/board/",
        "http://127.0.0.1:8000?x=1",
        "http://127.0.0.1:8000.",
        "http://127.0.0.1.:8000",  # a trailing dot is another origin to a browser
        "http://127.0.0.1:08000x",
        "http://127.0.0.1:0",
        "http://127.0.0.1:99999",
        "http://[::1]:8000",
        "http:/127.0.0.1:8000",
        " http://127.0.0.1:8000",
    ],
)
def test_an_origin_other_than_the_sites_own_is_refused(origin):
    assert not origin_allowed(scope(origin))


def test_the_sites_own_origin_is_accepted():
    assert origin_allowed(scope("http://127.0.0.1:8000"))


def test_no_origin_is_refused():
    assert not origin_allowed(scope(None))


def test_two_origin_headers_are_refused():
    both = scope("http://127.0.0.1:8000", extra=[(b"origin", b"http://evil.example")])
    assert not origin_allowed(both)
    same_twice = scope(
        "http://127.0.0.1:8000", extra=[(b"origin", b"http://127.0.0.1:8000")]
    )
    assert not origin_allowed(same_twice)


@pytest.mark.parametrize("host", [None, "", "evil.example:8000", "127.0.0.1:8000, x"])
def test_a_missing_or_foreign_host_is_refused_whatever_the_origin(host):
    assert not origin_allowed(scope("http://127.0.0.1:8000", host=host))
    assert not origin_allowed(scope("http://evil.example:8000", host=host))


def test_a_host_outside_allowed_hosts_is_refused_even_when_origin_matches():
    assert not origin_allowed(scope("http://evil.example", host="evil.example"))


def test_two_host_headers_are_refused():
    assert not origin_allowed(
        scope("http://127.0.0.1:8000", extra=[(b"host", b"127.0.0.1:8000")])
    )


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("HTTP://127.0.0.1:8000", SITE),  # schemes and hosts are case-insensitive
        ("http://LOCALHOST:8000", "localhost:8000"),
        ("http://localhost:8000", "LocalHost:8000"),
        ("http://localhost.:8000", "localhost.:8000"),  # the same trailing dot
        ("http://testserver", "testserver"),
        ("http://testserver:80", "testserver"),  # default ports are the same
        ("http://testserver", "testserver:80"),
        ("http://testserver:80", "testserver:80"),
    ],
)
def test_spellings_of_the_same_origin_are_accepted(origin, host):
    assert origin_allowed(scope(origin, host=host))


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://localhost.:8000", "localhost:8000"),
        ("http://localhost:8000", "localhost.:8000"),
        ("http://testserver:8080", "testserver"),
        ("http://testserver", "testserver:8080"),
        ("http://testserver:443", "testserver"),
    ],
)
def test_near_spellings_of_another_origin_are_refused(origin, host):
    assert not origin_allowed(scope(origin, host=host))


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://[::1]", "[::1]", True),
        ("http://[::1]:80", "[::1]", True),
        ("http://[::1]:8000", "[::1]", False),
        ("http://[::1]", "[::1]:8000", False),
        ("http://[::2]:8000", "[::1]:8000", False),
        ("http://::1:8000", "[::1]:8000", False),
        ("https://[::1]:8000", "[::1]:8000", False),
    ],
)
def test_ipv6_hosts_compare_with_and_without_a_port(settings, origin, host, allowed):
    settings.ALLOWED_HOSTS = ["[::1]"]
    assert origin_allowed(scope(origin, host=host)) is allowed


def test_a_secure_socket_wants_an_https_origin():
    assert origin_allowed(scope("https://testserver", host="testserver", scheme="wss"))
    assert origin_allowed(
        scope("https://testserver:443", host="testserver", scheme="wss")
    )
    assert not origin_allowed(
        scope("http://testserver", host="testserver", scheme="wss")
    )


FORWARDED_HTTPS = (b"x-forwarded-proto", b"https")


def test_behind_a_tls_proxy_the_forwarded_scheme_counts_as_django_reads_it(
    settings,
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy = {"host": "testserver", "extra": [FORWARDED_HTTPS]}
    assert origin_allowed(scope("https://testserver", **behind_proxy))
    assert not origin_allowed(scope("http://testserver", **behind_proxy))
    # The proxy says plain http: an https origin is someone else's.
    plain = [(b"x-forwarded-proto", b"http")]
    assert not origin_allowed(
        scope("https://testserver", host="testserver", extra=plain)
    )
    assert origin_allowed(scope("http://testserver", host="testserver", extra=plain))


def test_the_forwarded_scheme_is_ignored_unless_the_settings_trust_it(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    assert not origin_allowed(
        scope("https://testserver", host="testserver", extra=[FORWARDED_HTTPS])
    )


def test_an_origin_listed_in_csrf_trusted_origins_is_accepted_for_its_host(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://testserver"]
    # A proxy that ends TLS without saying so: ws inside, https in the browser.
    assert origin_allowed(scope("https://testserver", host="testserver"))
    # Trust names an origin, not every scheme or port of its host.
    assert not origin_allowed(scope("https://testserver:8443", host="testserver"))
    assert not origin_allowed(scope("https://localhost", host="testserver"))
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.testserver"]
    assert not origin_allowed(scope("https://testserver", host="testserver"))


async def handshake(headers):
    communicator = PatientCommunicator(application, "/ws/board/", headers=headers)
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    return connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (b"http://127.0.0.1:8000", True),
        (b"http://127.0.0.1:9999", False),
        (b"https://127.0.0.1", False),
        (b"https://127.0.0.1:8000", False),
    ],
)
async def test_the_socket_handshake_goes_through_the_check(origin, accepted):
    # Anonymous: accepted sockets are closed with 4401 after the handshake, but
    # a refused origin never gets that far.
    headers = [(b"host", SITE.encode()), (b"origin", origin)]
    assert await handshake(headers) is accepted
