from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from campaigns import actions
from campaigns.models import CampaignStatus, EventKind
from home import validation
from members.models import IssueArea

no_markup = RegexValidator(
    r"[<>]",
    inverse_match=True,
    message=_("Please leave out the characters < and >."),
)
postcode_format = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 \-]*$",
    message=_("Use letters, digits, spaces and hyphens only, e.g. 87102 or K1A 0B1."),
)


class SignOnForm(forms.Form):
    organization = forms.TypedChoiceField(
        coerce=int,
        label=_("Sign on for"),
        error_messages={
            "required": _("Choose the organization you are signing for."),
            "invalid_choice": _("Choose one of the organizations you are an admin of."),
        },
    )
    unlisted = forms.BooleanField(
        required=False,
        label=_("Sign as an unlisted signer"),
        help_text=_(
            "Your organization is counted but never named: not on this page, in "
            "feeds or anywhere else. For groups that could be put at risk."
        ),
    )

    def __init__(self, *args, user, campaign, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.campaign = campaign
        if organizations is None:
            organizations = list(actions.organizations_user_can_sign_for(user))
        self.organizations = {org.pk: org for org in organizations}
        self.fields["organization"].choices = [
            (org.pk, org.title) for org in organizations
        ]

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]

    def clean(self):
        cleaned = super().clean()
        organization = cleaned.get("organization")
        if organization is not None:
            try:
                actions.check_can_sign_on(self.user, self.campaign, organization)
            except PermissionDenied as error:
                raise ValidationError(str(error)) from error
        return cleaned


class PledgeForm(forms.Form):
    name = validation.NameField(
        max_length=120,
        validators=[no_markup],
        label=_("Your name"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Please give your name."),
            "max_length": _("Please shorten your name to at most 120 characters."),
        },
    )
    email = validation.EmailField(
        max_length=254,
        label=_("Email"),
        help_text=_("Never shown publicly. We email it a link to confirm your pledge."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please give your email address."),
            "invalid": _("Please enter an email address like name@example.org."),
        },
    )
    postcode = forms.CharField(
        max_length=12,
        validators=[no_markup, postcode_format],
        label=_("ZIP or postal code"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={
            "required": _("Please give your ZIP or postal code."),
            "max_length": _("A postal code has at most 12 characters."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network keeps my name, email and postal code to count "
            "my pledge and to write to me about this campaign. I can ask for them to "
            "be removed at any time."
        ),
        error_messages={
            "required": _("Please tick the box to agree, or we cannot count you.")
        },
    )
    # A honeypot: hidden from people by CSS and from screen readers; bots fill it.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_postcode(self):
        return " ".join(self.cleaned_data["postcode"].split()).upper()

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))


class PledgeRemovalRequestForm(forms.Form):
    email = validation.EmailField(
        max_length=254,
        label=_("The email you pledged with"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please give your email address."),
            "invalid": _("Please enter an email address like name@example.org."),
        },
    )


class IssueAreaChoiceField(validation.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=IssueArea.objects.order_by("name"),
            to_field_name="slug",
            required=False,
            empty_label=_("All issue areas"),
            label=_("Issue area"),
            error_messages={
                "invalid_choice": _("That issue area does not exist; showing all.")
            },
            **kwargs,
        )


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *CampaignStatus.choices],
        required=False,
        label=_("Status"),
        error_messages={"invalid_choice": _("Unknown status; showing all.")},
    )
    issue = IssueAreaChoiceField()


class CalendarFilterForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *EventKind.choices],
        required=False,
        label=_("Kind"),
        error_messages={"invalid_choice": _("Unknown kind; showing all.")},
    )
    issue = IssueAreaChoiceField()


def filter_values(form, *names):
    """Valid filter values from a GET form; invalid ones count as not given."""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return [cleaned.get(name) or None for name in names]
