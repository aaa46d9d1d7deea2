"""Sign in, two-factor, password reset and invitations, styled like the site."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_serve

from members import throttle
from members.actions.invitations import (
    InvitationUnusable,
    do_accept_invitation,
    invitation_for_token,
    invitation_needs_password,
)
from members.forms.teams import AcceptInvitationForm
from members.two_factor import setup_qr_code_svg


class LoginView(auth_views.LoginView):
    """Django's sign-in. The throttle (django-axes, see members.throttle) refuses
    attempts through `authenticate()`, as on every door that calls it."""

    template_name = "registration/login.html"

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        # Over the limit, say the same as always and send nothing: the page must
        # not tell anyone whether an address has an account.
        if not throttle.PASSWORD_RESET_PER_ADDRESS.hit(
            throttle.client_address(self.request)
        ):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the emailed link also lifts the sign-in pause
    for that account from this address: a member who locked herself out gets
    straight back in."""

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.forget_failures(self.request, form.user.get_username())
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change. A wrong current password counts as a failed
    sign-in, so a borrowed session cannot be used to guess it."""

    sign_in_throttle = True  # tests/test_url_guards.py looks for this

    def post(self, request, *args, **kwargs):
        account = request.user.get_username()
        if throttle.is_locked_out(request, account):
            return throttle.lockout_response(request, account)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("old_password", "password_incorrect"):
            throttle.record_failure(
                self.request, self.request.user.get_username(), door=type(self)
            )
        return super().form_invalid(form)


def locked_out(request, original_response=None, credentials=None):
    """The throttle's answer (AXES_LOCKOUT_CALLABLE), on every door alike."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request, "registration/locked_out.html", {"minutes": minutes}, status=429
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _restriction_passed(response):
    # Wagtail redirects once the password is right and shows the form again if not.
    return response.status_code == 302


# Wagtail's page and document password forms compare what was typed with the
# restriction's password, without authenticate(): the same throttle, keyed by
# the restriction. Mounted in front of Wagtail's own URLs for them.
page_password = throttle.password_door(
    account=lambda request, page_view_restriction_id, **kwargs: (
        f"page-restriction:{page_view_restriction_id}"
    ),
    succeeded=_restriction_passed,
)(wagtail_views.authenticate_with_password)
document_password = throttle.password_door(
    account=lambda request, restriction_id, **kwargs: (
        f"collection-restriction:{restriction_id}"
    ),
    succeeded=_restriction_passed,
)(wagtaildocs_serve.authenticate_with_password)


def _safe_next(request, default="account"):
    """?next= when it stays on this site, else `default` (a URL name)."""
    default = resolve_url(default)
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _device_key(device):
    return base64.b32encode(device.bin_key).decode()


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Confirm a code from the authenticator app; on first use, set the app up
    (a QR code drawn here, and the key to type)."""
    user = request.user
    next_url = _safe_next(request, default="wagtailadmin_home")
    if user.is_verified():
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(
            user=user, confirmed=False
        ).first() or TOTPDevice.objects.create(
            user=user, name=_("Authenticator app"), confirmed=False
        )
    error = None
    status = 200
    if request.method == "POST":
        token = "".join(request.POST.get("token", "").split())
        account = user.get_username()
        if throttle.is_locked_out(request, account):
            return throttle.lockout_response(request, account)
        if not (token.isdigit() and len(token) == 6):
            error = _("Enter the 6-digit code your authenticator app shows.")
            status = 400
        elif not device.verify_is_allowed()[0]:
            # django-otp's own back-off after a wrong code (1 s, 2 s, 4 s…).
            error = _("Wait a few seconds, then enter the newest code.")
            status = 429
        elif device.verify_token(token):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor check passed."))
            return redirect(next_url)
        else:
            # A wrong code counts with the account's wrong passwords.
            throttle.record_failure(request, account, door=two_factor)
            error = _(
                "That code is not right. Check the clock on your phone and enter the "
                "newest code."
            )
            status = 400
    context = {
        "setting_up": setting_up,
        "next": next_url,
        "error": error,
        "token": request.POST.get("token", ""),
    }
    if setting_up:
        context["secret"] = _device_key(device)
        context["config_url"] = device.config_url
        context["qr_code"] = setup_qr_code_svg(device.config_url)
    return render(request, "members/account/two_factor.html", context, status=status)


two_factor.sign_in_throttle = True  # tests/test_url_guards.py looks for this


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """The link from an invitation email: set a password, or (already having an
    account) confirm joining while signed in. Works once, until it expires."""
    try:
        invitation = invitation_for_token(token)
    except InvitationUnusable:
        return render(request, "members/account/invitation_unusable.html", status=410)
    organization = invitation.organization
    context = {"invitation": invitation, "organization": organization}
    if invitation_needs_password(invitation):
        form = AcceptInvitationForm(
            request.POST if request.method == "POST" else None, email=invitation.email
        )
        if request.method == "POST" and form.is_valid():
            try:
                user = do_accept_invitation(
                    invitation,
                    password=form.cleaned_data["new_password1"],
                    names={
                        "first_name": form.cleaned_data["first_name"],
                        "last_name": form.cleaned_data["last_name"],
                    },
                )
            except InvitationUnusable:
                return render(
                    request, "members/account/invitation_unusable.html", status=410
                )
            auth_login(
                request, user, backend="django.contrib.auth.backends.ModelBackend"
            )
            messages.success(
                request,
                _("Welcome! You are now on the team of %(name)s.")
                % {"name": organization.title},
            )
            return redirect("account")
        context["form"] = form
        return render(
            request,
            "members/account/accept_invitation.html",
            context,
            status=400 if form.is_bound else 200,
        )
    # The invited address already has an account: accept while signed in as it.
    if request.viewer.is_anonymous:
        context["needs_sign_in"] = True
        return render(request, "members/account/accept_invitation.html", context)
    if request.user.email.lower() != invitation.email.lower():
        context["wrong_account"] = True
        return render(
            request, "members/account/accept_invitation.html", context, status=403
        )
    if request.method == "POST":
        try:
            do_accept_invitation(invitation, request.user)
        except InvitationUnusable:
            return render(
                request, "members/account/invitation_unusable.html", status=410
            )
        except PermissionDenied:
            return render(
                request, "members/account/accept_invitation.html", context, status=403
            )
        messages.success(
            request,
            _("You are now on the team of %(name)s.") % {"name": organization.title},
        )
        return redirect("account")
    context["confirm"] = True
    return render(request, "members/account/accept_invitation.html", context)
