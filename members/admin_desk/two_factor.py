"""Two-factor sign-in in the admin: the people who have set it up, and a
coordinator resetting another person's (members.actions.two_factor does it).

Coordinators cannot manage users (members migration 0005), so Wagtail's Users
listing is for site administrators; this desk page is the coordinators' door, and
the Users listing links to the same confirmation page. Both answer only a
coordinator who confirmed their own second factor in this session.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from home.facets.notices import page_notice, read_page
from members.actions.two_factor import (
    check_is_verified_coordinator,
    check_may_reset_two_factor,
    do_reset_two_factor,
)
from members.models import User
from members.viewer import Viewer

PEOPLE_PER_PAGE = 50


def people_with_two_factor():
    """Everyone with an authenticator app or recovery codes, with how many
    recovery codes they have left, in one query."""
    codes_left = (
        StaticToken.objects.filter(device__user=OuterRef("pk"))
        .order_by()
        .values("device__user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        User.objects.filter(
            Q(Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
            | Q(Exists(StaticDevice.objects.filter(user=OuterRef("pk"))))
        )
        .annotate(recovery_codes_left=Coalesce(Subquery(codes_left), 0))
        .order_by("last_name", "first_name", "username")
    )


def two_factor_people(request):
    check_is_verified_coordinator(request.user)
    number, refused = read_page(request.GET.get("page"))
    paginator = Paginator(people_with_two_factor(), PEOPLE_PER_PAGE)
    people = paginator.get_page(number)
    return TemplateResponse(
        request,
        "members/admin/two_factor_people.html",
        {
            "people": people,
            "page_notice": page_notice(number, refused, paginator.num_pages),
            "header_title": _("Two-factor sign-in"),
        },
    )


@require_http_methods(["GET", "POST"])
def reset_two_factor(request, user_id):
    """GET asks for confirmation (or says why not); only the POST resets."""
    check_is_verified_coordinator(request.user)
    person = get_object_or_404(User, pk=user_id)
    name = person.get_full_name() or person.get_username()
    refusal = None
    status = 200
    try:
        if request.method == "POST":
            do_reset_two_factor(request.user, person)
            messages.success(
                request,
                _(
                    "Two-factor sign-in of %(name)s reset. They set it up again at "
                    "their next sign-in, and were told by email."
                )
                % {"name": name},
            )
            return redirect("two_factor_people")
        check_may_reset_two_factor(request.user, person)
    except PermissionDenied as error:
        refusal, status = str(error), 403
    except ValidationError as error:
        refusal, status = error.messages[0], 400
    return TemplateResponse(
        request,
        "members/admin/two_factor_reset.html",
        {
            "person": person,
            "name": name,
            "refusal": refusal,
            "header_title": _("Reset two-factor sign-in"),
        },
        status=status,
    )


def admin_urls():
    return [
        path("two-factor/", two_factor_people, name="two_factor_people"),
        path(
            "two-factor/<id:user_id>/reset/",
            reset_two_factor,
            name="two_factor_reset",
        ),
    ]


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.viewer.is_coordinator


def menu_item():
    return CoordinatorMenuItem(
        _("Two-factor sign-in"),
        reverse("two_factor_people"),
        icon_name="key",
        order=700,
    )


def user_listing_buttons(user, request_user):
    """ "Reset two-factor" in the row menu of Wagtail's Users listing, for every
    person but oneself (the confirmation page says when there is nothing to
    reset, so the listing asks nothing per row)."""
    if user.pk != request_user.pk and Viewer.for_user(request_user).is_coordinator:
        yield Button(
            _("Reset two-factor"),
            reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )
