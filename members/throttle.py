"""The membership views' rate limits, on the site's one limiter (home.throttle)."""

from home.throttle import Limit, client_address

__all__ = ["Limit", "client_address"]

# Applications to join: a few per address per hour is plenty for a real group.
JOIN_PER_ADDRESS = Limit("join", limit=3, window=60 * 60)
# Failed sign-ins: per address and per username, so neither spraying one account
# from many addresses nor many accounts from one address gets far.
LOGIN_FAILURES_PER_ADDRESS = Limit("login-ip", limit=20, window=15 * 60)
LOGIN_FAILURES_PER_USERNAME = Limit("login-user", limit=5, window=15 * 60)
# Password reset emails and two-factor codes.
PASSWORD_RESET_PER_ADDRESS = Limit("reset", limit=5, window=60 * 60)
TWO_FACTOR_FAILURES_PER_USER = Limit("otp", limit=5, window=15 * 60)
