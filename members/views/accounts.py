"""Sign in, two-factor, password reset and invitations, styled like the site."""

import base64
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_serve

from home.models import NetworkSettings
from members import throttle
from members.actions.invitations import (
    InvitationUnusable,
    do_accept_invitation,
    invitation_for_token,
    invitation_needs_password,
)
from members.actions.two_factor import (
    do_make_recovery_codes,
    recovery_codes_left,
    use_recovery_code,
)
from members.forms.teams import AcceptInvitationForm
from members.two_factor import (
    LONGEST_TYPED_CODE,
    CodeRefused,
    read_code,
    setup_qr_code_svg,
    shown_recovery_code,
)


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


# Fresh recovery codes wait here between the POST that made them and the one page
# that shows them; showing them takes them out.
FRESH_RECOVERY_CODES = "members.fresh_recovery_codes"


def _show_recovery_codes(request, codes, next_url):
    request.session[FRESH_RECOVERY_CODES] = codes
    return redirect(
        reverse("two_factor_recovery_codes") + "?" + urlencode({"next": next_url})
    )


def _after_two_factor(request, next_url):
    """Where a confirmed check goes: on, unless no recovery codes are left, when
    the recovery-codes page offers new ones first."""
    if recovery_codes_left(request.user) == 0:
        return redirect(
            reverse("two_factor_recovery_codes") + "?" + urlencode({"next": next_url})
        )
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Confirm a code from the authenticator app, or a recovery code; on first
    use, set the app up (a QR code drawn here, and the key to type) and then make
    ten recovery codes."""
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
    # Which of the prompt's two forms was used, to show its error beside it.
    method = (
        "recovery"
        if request.POST.get("method") == "recovery" and not setting_up
        else "app"
    )
    if request.method == "POST":
        account = user.get_username()
        if throttle.is_locked_out(request, account):
            return throttle.lockout_response(request, account)
        try:
            kind, code = read_code(
                request.POST.get("token", ""), recovery_codes_allowed=not setting_up
            )
        except CodeRefused as refused:
            # The format is checked before any code is: no attempt is counted.
            error, status = refused.message, 400
        else:
            error, status, verified = _check_code(request, device, kind, code)
            if verified is not None:
                if setting_up:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                otp_login(request, verified)
                if setting_up:
                    messages.success(request, _("Two-factor sign-in is set up."))
                    return _show_recovery_codes(
                        request, do_make_recovery_codes(user), next_url
                    )
                if kind == "recovery":
                    _say_recovery_codes_left(request, recovery_codes_left(user))
                else:
                    messages.success(request, _("Two-factor check passed."))
                return _after_two_factor(request, next_url)
            # A wrong code, of either kind, counts with the account's wrong
            # passwords.
            if status == 400:
                throttle.record_failure(request, account, door=two_factor)
    context = {
        "setting_up": setting_up,
        "next": next_url,
        "error": error,
        "method": method,
        "token": request.POST.get("token", "")[:LONGEST_TYPED_CODE],
    }
    if setting_up:
        context["secret"] = _device_key(device)
        context["config_url"] = device.config_url
        context["qr_code"] = setup_qr_code_svg(device.config_url)
    return render(request, "members/account/two_factor.html", context, status=status)


def _check_code(request, app, kind, code):
    """(error, status, the device it verified) for a well-formed code."""
    if kind == "totp":
        if not app.verify_is_allowed()[0]:
            # django-otp's own back-off after a wrong code (1 s, 2 s, 4 s…).
            return _("Wait a few seconds, then enter the newest code."), 429, None
        if app.verify_token(code):
            return None, 200, app
        return (
            _(
                "That code is not right. Check the clock on your phone and enter "
                "the newest code."
            ),
            400,
            None,
        )
    device, left = use_recovery_code(request.user, code)
    if device is not None and left is None:
        return _("Wait a few seconds, then enter the recovery code again."), 429, None
    if device is not None:
        return None, 200, device
    return (
        _(
            "That is not one of your recovery codes, or it was used already: each "
            "works once."
        ),
        400,
        None,
    )


def _say_recovery_codes_left(request, left):
    if left == 0:
        messages.warning(
            request,
            _(
                "Recovery code accepted. That was your last one: make new codes now, "
                "so that losing your phone cannot lock you out."
            ),
        )
    else:
        messages.success(
            request,
            ngettext(
                "Recovery code accepted. You have %(count)d recovery code left.",
                "Recovery code accepted. You have %(count)d recovery codes left.",
                left,
            )
            % {"count": left},
        )


two_factor.sign_in_throttle = True  # tests/test_url_guards.py looks for this


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_recovery_codes(request):
    """Recovery codes: new ones are shown once, right after they are made (at
    setup, or when the person asks for new ones, which replaces the old); every
    other visit says how many are left and offers new ones."""
    user = request.user
    next_url = _safe_next(request, default="account")
    if not user.is_verified():
        return redirect(
            reverse("two_factor") + "?" + urlencode({"next": request.get_full_path()})
        )
    if request.method == "POST":
        messages.success(
            request, _("New recovery codes made; the old ones no longer work.")
        )
        return _show_recovery_codes(request, do_make_recovery_codes(user), next_url)
    fresh = request.session.pop(FRESH_RECOVERY_CODES, None)
    context = {"next": next_url}
    if fresh:
        codes = [shown_recovery_code(code) for code in fresh]
        context["codes"] = codes
        context["download_url"] = "data:text/plain;charset=utf-8," + quote(
            _recovery_codes_file(user, codes)
        )
    else:
        context["codes_left"] = recovery_codes_left(user)
    return render(request, "members/account/two_factor_recovery_codes.html", context)


def _recovery_codes_file(user, codes):
    lines = [
        _("Recovery codes for %(account)s on %(site)s")
        % {
            "account": user.get_username(),
            "site": NetworkSettings.load().name,
        },
        _("Each code works once, in place of the code from your authenticator app."),
        "",
        *codes,
    ]
    return "\r\n".join(str(line) for line in lines) + "\r\n"


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
