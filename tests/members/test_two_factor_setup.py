"""Two-factor setup shows the authenticator app's setup address as a QR code drawn
on this server: the page loads nothing from another host, keeps the site's CSP,
and still offers the key to type by hand."""

import re
from html.parser import HTMLParser

import pytest
import segno
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.two_factor import setup_qr_code_svg

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("two_factor_required"),
]


class Addresses(HTMLParser):
    """Every address the page would load or send anything to, and every inline
    style attribute (the CSP refuses those)."""

    LOADING = {"src", "href", "action", "srcset", "poster", "data", "formaction"}

    def __init__(self):
        super().__init__()
        self.addresses = []
        self.styles = []
        self.svg_count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg_count += 1
        for name, value in attrs:
            if name in self.LOADING and value is not None:
                self.addresses.append(value)
            if name == "style":
                self.styles.append(tag)


def setup_page(client, user):
    client.force_login(user)
    response = client.get("/accounts/two-factor/?next=/admin/")
    assert response.status_code == 200
    return response, TOTPDevice.objects.get(user=user, confirmed=False)


def modules_of(svg):
    """The dark modules of a segno SVG, read back from its path: (row, column)
    for each, so the test checks what the picture encodes, not its markup."""
    path = re.search(r'<path[^>]*stroke="#000"[^>]*d="([^"]+)"', svg).group(1)
    dark = set()
    x = y = 0.0
    for command, arguments in re.findall(r"([Mmh])([^Mmh]*)", path):
        numbers = [float(number) for number in arguments.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:  # a horizontal run of dark modules on row y (stroked at its middle)
            dark.update((int(y), int(x) + step) for step in range(int(numbers[0])))
            x += numbers[0]
    return dark


def test_the_setup_page_draws_the_devices_setup_address_as_a_qr_code(
    client, coordinator
):
    response, device = setup_page(client, coordinator)
    html = response.content.decode()

    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    # What the picture encodes is the device's own otpauth:// address, module for
    # module, with the standard quiet zone of 4 modules on each side.
    qr_code = segno.make(device.config_url, error="m")
    expected = {
        (row + 4, column + 4)
        for row, line in enumerate(qr_code.matrix)
        for column, module in enumerate(line)
        if module
    }
    assert modules_of(svg) == expected
    assert device.config_url.startswith("otpauth://totp/")
    assert svg == str(setup_qr_code_svg(device.config_url))


def test_the_qr_code_has_a_text_alternative_and_the_key_stays_typeable(
    client, coordinator
):
    response, device = setup_page(client, coordinator)
    html = response.content.decode()

    assert re.search(r'role="img" aria-label="QR code that adds this account', html)
    assert response.context["secret"] in html
    assert "Type this key instead" in html


def test_the_setup_page_loads_nothing_from_another_host_and_keeps_the_csp(
    client, coordinator
):
    response, _device = setup_page(client, coordinator)
    page = Addresses()
    page.feed(response.content.decode())

    assert page.svg_count == 1
    # The language alternates name this site's own address in full.
    own = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
    off_site = [
        address
        for address in page.addresses
        if not address.startswith(("/", "#", "?", own)) or address.startswith("//")
    ]
    assert off_site == []
    assert page.styles == []
    policy = response["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_a_new_device_gets_its_own_qr_code(client, coordinator):
    first, device = setup_page(client, coordinator)
    device.delete()

    second, other = setup_page(client, coordinator)

    assert other.key != device.key
    assert first.context["qr_code"] != second.context["qr_code"]
