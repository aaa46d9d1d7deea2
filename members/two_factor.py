"""Coordinator powers need a second factor confirmed in this session.

A coordinator's password alone makes them an ordinary signed-in person: no hidden
profiles, no coordinators' rooms, no moderation, on pages and on the board's socket
alike, until they confirm a code from their authenticator app (django-otp). The one
rule is `withhold_unconfirmed_powers`; the HTTP middleware and the socket's state
loader both apply it to the user they resolved from the session.

Also here, what the two-factor pages show and read: the setup QR code (drawn on
this server, so the secret never reaches another host), and the codes people type,
checked at the edge: a 6-digit code from the app or an 8-character recovery code
(django-otp's static tokens; members.actions.two_factor makes and replaces them).
"""

import segno
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp.middleware import OTPMiddleware

# Ten codes, each used once (django-otp's StaticToken, deleted when used).
RECOVERY_CODE_COUNT = 10
# StaticToken.random_token(): 5 random bytes in lowercase base32, 8 characters.
RECOVERY_CODE_LENGTH = 8
RECOVERY_CODE_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")
TOTP_CODE_LENGTH = 6
# Longer than any code with spaces and dashes: anything beyond is not a code.
LONGEST_TYPED_CODE = 32


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


def shown_recovery_code(code):
    """A recovery code as people read it: `abcd-ef23`."""
    half = RECOVERY_CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


class CodeRefused(ValueError):
    """What was typed is no code of either kind; `message` says what to type."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_code(typed, *, recovery_codes_allowed):
    """("totp" | "recovery", code) for what was typed in the two-factor prompt,
    spaces, dashes and case aside; CodeRefused with a message that says what is
    expected otherwise. Nothing is looked up: the format is checked first."""
    typed = typed or ""
    code = "".join(typed.split()).replace("-", "").lower()
    expected = (
        _(
            "Enter the 6-digit code from your authenticator app, or one of your "
            "recovery codes (8 letters and digits, such as abcd-ef23)."
        )
        if recovery_codes_allowed
        else _("Enter the 6-digit code your authenticator app shows.")
    )
    if len(typed) > LONGEST_TYPED_CODE:
        raise CodeRefused(expected)
    if len(code) == TOTP_CODE_LENGTH and code.isascii() and code.isdigit():
        return "totp", code
    if recovery_codes_allowed and len(code) == RECOVERY_CODE_LENGTH:
        if set(code) <= RECOVERY_CODE_ALPHABET:
            return "recovery", code
        if code.isascii() and code.isalnum():
            raise CodeRefused(
                _(
                    "Recovery codes use the letters a to z and the digits 2 to 7 "
                    "only: check for an o typed as 0, or an l typed as 1."
                )
            )
    raise CodeRefused(expected)
