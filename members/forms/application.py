"""/join/: the application an organization sends the coordinators."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms.fields import (
    ORGANIZATION_ERROR_MESSAGES,
    OrganizationFormMixin,
    clean_organization_name,
    clean_suggested_issue_area,
    model_form_field,
    suggested_issue_area_field,
)
from members.forms.places import PlaceFormMixin
from members.models import MembershipApplication


class ApplicationForm(PlaceFormMixin, OrganizationFormMixin, forms.ModelForm):
    """/join/: what an organization tells the coordinators when applying, in the
    fields and words of MembershipApplication."""

    # A field people never see; bots that fill every input fill it too.
    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    suggested_issue_area = suggested_issue_area_field()
    # Where the country has states or regions, the coordinators need to know which.
    subdivision_required = True

    class Meta:
        model = MembershipApplication
        fields = [
            "organization_name",
            "summary",
            "mission",
            "website",
            "public_email",
            "issue_areas",
            "approaches",
            "country",
            "subdivision",
            "city",
            "scope",
            "founded_year",
            "led_by_directly_affected",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "visibility",
            "message",
            "agrees_to_principles",
        ]
        formfield_callback = model_form_field
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "mission": forms.Textarea(attrs={"rows": 5}),
            "message": forms.Textarea(attrs={"rows": 3}),
            "issue_areas": forms.CheckboxSelectMultiple,
            "approaches": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        error_messages = {
            **ORGANIZATION_ERROR_MESSAGES,
            "organization_name": {"required": _("Enter your organization's name.")},
            "summary": {
                "required": _("Say in a sentence or two what your organization does."),
                "max_length": _(
                    "Keep the summary to 300 characters or fewer "
                    "(it has %(show_value)d)."
                ),
            },
            "city": {"required": _("Enter the city or town you are based in.")},
            "contact_name": {"required": _("Enter your name.")},
            "contact_email": {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address like name@example.org."),
            },
            "public_email": {
                "invalid": _("Enter an email address like info@example.org.")
            },
            "founded_year": {
                **ORGANIZATION_ERROR_MESSAGES["founded_year"],
                "invalid": _("Enter the year as four digits, like 1998."),
            },
            "agrees_to_principles": {
                "required": _(
                    "To join, your organization needs to agree to the network's "
                    "principles. Tick the box if you do."
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Stored as a yes or no; an application is sent only with a yes.
        self.fields["agrees_to_principles"].required = True

    def clean_organization_name(self):
        return clean_organization_name(self.cleaned_data["organization_name"])

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_suggested_issue_area(self):
        return clean_suggested_issue_area(self.cleaned_data["suggested_issue_area"])

    def is_spam(self):
        """True when the hidden field was filled in: the submission is dropped."""
        return bool(self.data.get("fax_number"))
