"""Links that leave the site (emails, the API, feeds, calendars) name the address it
is served at: settings.WAGTAILADMIN_BASE_URL, and nothing else. Not the request's
Host header (a proxy, a test client or a crafted request may send another) and not
a Site record that was typed once and forgotten.

`make run` sets the address to the dev server's port; production takes it from the
environment, or https:// and the first allowed host. Wagtail builds its own full
page addresses from the default Site (the page link in moderation emails, the
sitemap): the demo makes it at this address, and an operator keeps it there
(Settings › Sites)."""

from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """`path` (from reverse() or page.url) at the address the site is served at; an
    address that is already absolute is left as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url() + "/" + path.lstrip("/")


def page_url(page):
    """A page's address at the address the site is served at, or None for a page
    outside every site."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    return absolute_url(parts[2])


def host_and_port():
    """The host and port of the address, for the Wagtail Site that builds Wagtail's
    own full page URLs (moderation emails): the demo's Site is made with them."""
    address = urlsplit(base_url())
    return address.hostname, address.port or DEFAULT_PORTS.get(address.scheme, 80)
