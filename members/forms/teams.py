"""An organization's team: joining it from an invitation (with the account's
password), inviting a colleague, and a colleague's role."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home import validation
from members.models import Membership


class AcceptInvitationForm(forms.Form):
    """Set a password (and say who you are) to join from an invitation."""

    first_name = validation.NameField(
        label=_("First name"), max_length=150, required=False
    )
    last_name = validation.NameField(
        label=_("Last name"), max_length=150, required=False
    )
    new_password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common word or only digits."),
    )
    new_password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords are not the same."))
        elif first:
            from members.models import User

            probe = User(
                username=self.email.split("@")[0],
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class InviteColleagueForm(forms.Form):
    email = validation.EmailField(
        label=_("Colleague's email address"),
        error_messages={
            "required": _("Enter your colleague's email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.EDITOR,
        help_text=_(
            "Admins manage the team and sign on for the organization; editors keep "
            "its profile current."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
