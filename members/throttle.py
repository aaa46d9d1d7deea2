"""The membership views' limits: the one sign-in throttle, and home.throttle's
limiter for everything that is not a password or a code.

Every door that checks a password or a one-time code goes through django-axes
(settings AXES_*): doors that call `authenticate(request=...)` (the site's sign-in,
Wagtail's /_util/login/, the admin's) are counted by axes' backend; doors that check
a secret another way (two-factor codes, password change, Wagtail's page and
document passwords) ask `is_locked_out` first and report with `record_failure`.
tests/test_url_guards.py fails for a password door that does neither.

What is throttled is the attempt, not the account: failures count per account
*from one address* (AXES_LOCKOUT_PARAMETERS) and per address across all accounts
(ADDRESS_FAILURE_LIMIT), so nobody elsewhere can lock a member out, and a member
who locked herself out gets straight back in by resetting her password.
"""

import hashlib
import logging
from functools import wraps

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cache_timeout, get_credentials, get_lockout_response
from django.contrib.auth.signals import user_login_failed

from home.throttle import Limit, client_address

__all__ = ["Limit", "client_address"]

logger = logging.getLogger(__name__)

# Applications to join: a few per address per hour is plenty for a real group.
JOIN_PER_ADDRESS = Limit("join", limit=3, window=60 * 60)
# Password reset emails (a reset sends mail; it checks no secret).
PASSWORD_RESET_PER_ADDRESS = Limit("reset", limit=5, window=60 * 60)

# Failures from one address over every account and door: enough for an office
# behind one address to mistype, too few to try a password on many accounts.
ADDRESS_FAILURE_LIMIT = 20


class SignInThrottle(AxesCacheHandler):
    """Axes' cache handler (the shared cache: Redis in production), plus a second,
    higher limit on one address across every account.

    Axes compares all its counters with one AXES_FAILURE_LIMIT, so the per-address
    counter lives here. Like home.throttle, a cache outage lets attempts through
    and logs an error rather than turning every sign-in into an error page;
    passwords and codes are still checked.
    """

    def _address_key(self, request):
        digest = hashlib.sha256(request.axes_ip_address.encode()).hexdigest()
        return f"axes-address-{digest}"

    def is_locked(self, request, credentials=None):
        try:
            return super().is_locked(request, credentials) or (
                self.cache.get(self._address_key(request), 0) >= ADDRESS_FAILURE_LIMIT
            )
        except Exception:  # noqa: BLE001 - any cache outage: see the class note
            logger.error("Sign-in throttle not checked: cache unreachable")
            return False

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is None:  # axes logs this itself
            return super().user_login_failed(sender, credentials, request, **kwargs)
        # Attempts refused during a lockout are not counted (nor checked): the
        # lockout ends when the page said it would.
        already_locked = request.axes_locked_out
        try:
            super().user_login_failed(sender, credentials, request, **kwargs)
            if already_locked or self.is_whitelisted(request, credentials):
                return
            if self._count(self._address_key(request), request) >= (
                ADDRESS_FAILURE_LIMIT
            ):
                request.axes_locked_out = True
                request.axes_credentials = credentials
        except Exception:  # noqa: BLE001 - as in is_locked()
            logger.error("Sign-in failure not counted: cache unreachable")

    def _count(self, key, request):
        timeout = get_cache_timeout(request)
        if self.cache.add(key, 1, timeout=timeout):
            return 1
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, timeout=timeout)
            return 1
        self.cache.touch(key, timeout=timeout)
        return count


def credentials_for(account):
    """What axes keys a count by: `account` is a username, or for a secret that is
    not a person's (a page's password) a name no username can take (a colon)."""
    return get_credentials(account)


def is_locked_out(request, account):
    return not AxesProxyHandler.is_allowed(request, credentials_for(account))


def record_failure(request, account, door):
    """Count a wrong password or code exactly as a failed `authenticate()` does
    (axes listens to this signal); the response is turned into the lockout page
    when this failure reaches the limit."""
    user_login_failed.send(
        sender=door, credentials=credentials_for(account), request=request
    )


def lockout_response(request, account):
    return get_lockout_response(request, None, credentials_for(account))


def forget_failures(request, username):
    """After a password reset from this address: its failures for that account
    no longer count (the per-address count stays, or resets would buy guesses)."""
    AxesProxyHandler.reset_attempts(
        username=username, ip_address=client_address(request)
    )


def password_door(account, succeeded):
    """Put a view that checks a secret without `authenticate()` behind the throttle.

    `account(request, **kwargs)` names what the secret protects; `succeeded(response)`
    tells a right secret from a wrong one. Only POSTs are counted and refused."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            name = account(request, **kwargs)
            if is_locked_out(request, name):
                return lockout_response(request, name)
            response = view(request, *args, **kwargs)
            if not succeeded(response):
                record_failure(request, name, door=view)
            return response

        guarded.sign_in_throttle = True  # tests/test_url_guards.py looks for this
        return guarded

    return decorator
