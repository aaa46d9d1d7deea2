"""POST /account/follows/: follow, mute or stop following one issue area, room,
thread, campaign or organization, from the small forms `{% follow_button %}`
renders. Bad input answers 400 and a target the person may not see 404, each
with a page that says so; nothing is changed in either case."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home.validation import parse_id
from network.notifications.follows import (
    BOARD_TARGETS,
    FOLLOW,
    MUTE,
    NONE,
    followable,
    set_follow,
)
from network.notifications.models import FOLLOW_TARGETS

# What the form may carry besides its own fields.
ALLOWED_EXTRA = frozenset({"csrfmiddlewaretoken"})


class FollowForm(forms.Form):
    target = forms.ChoiceField(
        choices=[(target, target) for target in FOLLOW_TARGETS],
        error_messages={"invalid_choice": gettext_lazy("This cannot be followed.")},
    )
    id = forms.CharField(max_length=19)
    state = forms.ChoiceField(
        choices=[(FOLLOW, FOLLOW), (MUTE, MUTE), (NONE, NONE)],
        error_messages={
            "invalid_choice": gettext_lazy("Choose follow, mute or neither.")
        },
    )
    next = forms.CharField(max_length=2000)

    def __init__(self, *args, host, secure, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        self.secure = secure

    def clean_id(self):
        value = parse_id(self.cleaned_data["id"])
        if value is None:
            raise forms.ValidationError(_("The id must be a positive whole number."))
        return value

    def clean_next(self):
        value = self.cleaned_data["next"]
        if not value.startswith("/") or not url_has_allowed_host_and_scheme(
            value, allowed_hosts={self.host}, require_https=self.secure
        ):
            raise forms.ValidationError(
                _("The page to go back to is not on this site.")
            )
        return value

    def clean(self):
        extra = sorted(set(self.data) - set(self.fields) - ALLOWED_EXTRA)
        if extra:
            raise forms.ValidationError(
                _("Unexpected fields: %(fields)s.") % {"fields": ", ".join(extra)}
            )
        return super().clean()


def _refused(request, status, heading, reasons):
    return render(
        request,
        "network/follow_refused.html",
        {"heading": heading, "reasons": reasons},
        status=status,
    )


def _safe_next(request):
    value = request.POST.get("next", "")
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


@require_POST
def follow_view(request):
    viewer = request.viewer
    if viewer.is_anonymous:
        return redirect_to_login(_safe_next(request))
    form = FollowForm(request.POST, host=request.get_host(), secure=request.is_secure())
    if not form.is_valid():
        reasons = [
            str(message) if field == "__all__" else f"{field}: {message}"
            for field, field_errors in form.errors.items()
            for message in field_errors
        ]
        return _refused(request, 400, _("That could not be followed or muted"), reasons)
    target_field = form.cleaned_data["target"]
    if target_field in BOARD_TARGETS and not viewer.may_use_board:
        return render(request, "network/not_a_member.html", status=403)
    target = followable(viewer, target_field, form.cleaned_data["id"])
    if target is None:
        return _refused(
            request,
            404,
            _("Nothing to follow here"),
            [
                _(
                    "There is nothing at this address to follow, or it is not "
                    "shared with you."
                )
            ],
        )
    state = form.cleaned_data["state"]
    previous = set_follow(request.user, target_field, target, state)
    name = str(target)
    if state == FOLLOW:
        text = _("You follow %(name)s.")
    elif state == MUTE:
        text = _("You muted %(name)s.")
    elif previous == MUTE:
        text = _("You unmuted %(name)s.")
    else:
        text = _("You no longer follow %(name)s.")
    messages.success(request, text % {"name": name})
    return redirect(form.cleaned_data["next"])
