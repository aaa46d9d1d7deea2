"""Coordinator powers need a second factor confirmed in this session.

A coordinator's password alone makes them an ordinary signed-in person: no hidden
profiles, no coordinators' rooms, no moderation, on pages and on the board's socket
alike, until they confirm a code from their authenticator app (django-otp). The one
rule is `withhold_unconfirmed_powers`; the HTTP middleware and the socket's state
loader both apply it to the user they resolved from the session.

Also here, what the setup page shows: the QR code (drawn on this server, so the
secret never reaches another host).
"""

import segno
from django.conf import settings
from django.utils.safestring import mark_safe
from django_otp.middleware import OTPMiddleware


def verified_user(request):
    """request.user with django-otp's verification applied (is_verified()), for
    code that resolves a user from a session outside the middleware chain, such
    as the board's socket."""
    return OTPMiddleware(lambda verified_request: verified_request.user)(request)


def withhold_unconfirmed_powers(user):
    """Return `user`, stripped of coordinator powers when two-factor is required
    and this session has not confirmed it. `awaiting_two_factor` says so to the
    admin gate and to the page header, which offers the check."""
    user.awaiting_two_factor = False
    if (
        settings.MEMBERS_REQUIRE_TWO_FACTOR
        and user.is_authenticated
        and user.is_coordinator
        and not user.is_verified()
    ):
        # is_coordinator is a cached_property: the instance attribute shadows it
        # for this request's (or this socket check's) user object only.
        user.is_coordinator = False
        user.awaiting_two_factor = True
    return user


def setup_qr_code_svg(config_url):
    """The otpauth:// address as an inline SVG QR code, drawn here: a QR service
    on another host would see the secret. No style attributes (the site's CSP
    allows none) and no xmlns: the HTML parser places inline SVG itself."""
    qr_code = segno.make(config_url, error="m")
    # Black on white with the standard quiet zone of 4 modules, so phones read it
    # in dark mode too.
    return mark_safe(  # noqa: S308 - segno's markup, from our own device's address
        qr_code.svg_inline(scale=5, dark="#000", light="#fff", svgclass="otp-qr")
    )
