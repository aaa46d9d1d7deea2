"""The gate in front of the Wagtail admin.

Wagtail itself asks for the `wagtailadmin.access_admin` permission; this adds two
rules: a signed-in person without that permission (a member organization's staff)
gets a plain 403 instead of being bounced to a sign-in page, and staff who may enter
must have confirmed a second factor (django-otp TOTP) in this session first. The
admin's own sign-in and password-reset pages redirect to the site's throttled ones.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from members.two_factor import withhold_unconfirmed_powers
from members.viewer import Viewer

ADMIN_PREFIX = "/admin/"
REDIRECTED_ADMIN_PAGES = {
    "/admin/login/": "login",
    "/admin/password_reset/": "password_reset",
}


def needs_two_factor(user):
    """Everyone who may use the admin: coordinators, admins, any staff."""
    return user.is_authenticated and (
        user.is_superuser
        or user.is_staff
        or user.is_coordinator
        or getattr(user, "awaiting_two_factor", False)
        or user.has_perm("wagtailadmin.access_admin")
    )


class CoordinatorPowersMiddleware:
    """After django-otp's middleware: a coordinator who has not confirmed a second
    factor in this session acts as an ordinary member everywhere (see
    members.two_factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.user = SimpleLazyObject(lambda: withhold_unconfirmed_powers(user))
        return self.get_response(request)


class ViewerMiddleware:
    """After CoordinatorPowersMiddleware: `request.viewer`, the one value every
    privacy decision on this request reads (members.viewer). Lazy, so a request
    that never asks pays nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: Viewer.for_user(request.user))
        return self.get_response(request)


class AdminGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX):
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        for prefix, name in REDIRECTED_ADMIN_PAGES.items():
            if request.path.startswith(prefix):
                target = reverse(name)
                if request.GET.get("next"):
                    target += "?" + urlencode({"next": request.GET["next"]})
                return HttpResponseRedirect(target)
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail redirects to the sign-in page
        if not user.has_perm("wagtailadmin.access_admin"):
            return render(request, "members/account/admin_refused.html", status=403)
        if settings.MEMBERS_REQUIRE_TWO_FACTOR and not (user.is_verified()):
            return HttpResponseRedirect(
                reverse("two_factor")
                + "?"
                + urlencode({"next": request.get_full_path()})
            )
        return None
