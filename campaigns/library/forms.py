from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from campaigns.library.contributions import (
    organizations_user_may_submit_for,
    text_from_body,
    visible_org_ids,
)
from campaigns.library.documents import (
    MAX_UPLOAD_BYTES,
    allowed_extensions,
    clean_upload,
)
from campaigns.library.models import (
    LANGUAGE_CHOICES,
    ResourceKind,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)
from home import validation
from members.geography import country_choices
from members.models import IssueArea, MemberOrganizationPage

BLANK = [("", "---------")]


class OrganizationChoiceField(validation.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class OrganizationsField(validation.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ResourceForm(forms.Form):
    """A member's contribution to the resource library. Edits go to review too."""

    organization = OrganizationChoiceField(
        queryset=MemberOrganizationPage.objects.none(),
        label=_("Submitted by"),
        empty_label=None,
        help_text=_("Your organization, credited on the resource and its profile."),
    )
    title = validation.NameField(max_length=255, label=_("Title"))
    summary = forms.CharField(
        max_length=400,
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences: what it is and who it is for."),
    )
    body_text = forms.CharField(
        max_length=20_000,
        required=False,
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Optional. Plain text; leave a blank line between paragraphs."),
    )
    kind = forms.ChoiceField(choices=ResourceKind.choices, label=_("Kind"))
    issue_areas = validation.ModelMultipleChoiceField(
        queryset=IssueArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Issue areas"),
    )
    publication_date = forms.DateField(
        label=_("Publication date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When it was published, as YYYY-MM-DD."),
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, label=_("Language"))
    visibility = forms.ChoiceField(
        choices=ResourceVisibility.choices,
        initial=ResourceVisibility.PUBLIC,
        widget=forms.RadioSelect,
        label=_("Who can see it"),
        help_text=_(
            "Members-only resources and their files are shown to signed-in network "
            "members only."
        ),
    )
    contributors = OrganizationsField(
        queryset=MemberOrganizationPage.objects.none(),
        required=False,
        label=_("Other contributing organizations"),
        help_text=_("Member organizations that made it with you (optional)."),
    )
    document = forms.FileField(
        required=False,
        label=_("Attach a file"),
        help_text=_(
            "Optional. Up to %(limit)s; accepted types: %(types)s. If the form shows "
            "an error, choose the file again."
        ),
    )
    document_title = validation.NameField(
        max_length=255,
        required=False,
        label=_("File title"),
        help_text=_("How the file is listed. Defaults to the resource's title."),
    )
    link_label = validation.NameField(
        max_length=120, required=False, label=_("Link text")
    )
    link_url = validation.URLField(
        required=False,
        label=_("Link address"),
        assume_scheme="https",
        help_text=_("Optional. A web page or recording elsewhere."),
    )
    un_mechanism = forms.ChoiceField(
        choices=BLANK + UNMechanism.choices, required=False, label=_("UN mechanism")
    )
    treaty_body = forms.ChoiceField(
        choices=BLANK + TreatyBody.choices, required=False, label=_("Treaty body")
    )
    special_procedure = validation.NameField(
        max_length=200, required=False, label=_("Special procedure")
    )
    session = validation.NameField(
        max_length=120,
        required=False,
        label=_("Session"),
        help_text=_("For example '51st session (2026)'."),
    )
    reviewed_state = forms.ChoiceField(
        choices=country_choices, required=False, label=_("State under review")
    )
    cosigners = OrganizationsField(
        queryset=MemberOrganizationPage.objects.none(),
        required=False,
        label=_("Co-signing organizations"),
        help_text=_("Member organizations that signed on to the submission."),
    )

    UN_FIELDS = (
        "un_mechanism",
        "treaty_body",
        "special_procedure",
        "session",
        "reviewed_state",
        "cosigners",
    )

    def __init__(self, *args, viewer, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_user_may_submit_for(viewer)
        # Only organizations this person may see can be named.
        visible = MemberOrganizationPage.objects.visible_to(viewer).order_by("title")
        self.fields["contributors"].queryset = visible
        self.fields["cosigners"].queryset = visible
        self.fields["document"].help_text = self.fields["document"].help_text % {
            "limit": filesizeformat(MAX_UPLOAD_BYTES),
            "types": ", ".join(allowed_extensions()),
        }

    @classmethod
    def initial_for(cls, page, viewer):
        """The form's starting values from a resource's latest revision. Credits to
        organizations this person may not see are left out (and kept on save)."""
        visible = visible_org_ids(viewer)
        initial = {
            name: getattr(page, name)
            for name in (
                "title",
                "summary",
                "kind",
                "publication_date",
                "language",
                "visibility",
                "un_mechanism",
                "treaty_body",
                "special_procedure",
                "session",
                "reviewed_state",
            )
        }
        initial["organization"] = page.submitting_organization_id
        initial["body_text"] = text_from_body(page.body)
        initial["issue_areas"] = [area.pk for area in page.issue_areas.all()]
        initial["contributors"] = [
            item.organization_id
            for item in page.contributors.all()
            if item.organization_id != page.submitting_organization_id
            and item.organization_id in visible
        ]
        initial["cosigners"] = [
            item.organization_id
            for item in page.cosigners.all()
            if item.organization_id in visible
        ]
        return initial

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            upload.safe_name = clean_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("link_label") and not cleaned.get("link_url"):
            self.add_error("link_url", _("Give the link's address, or clear its text."))
        if cleaned.get("kind") == ResourceKind.UN_SUBMISSION:
            mechanism = cleaned.get("un_mechanism")
            if not mechanism:
                self.add_error(
                    "un_mechanism", _("Say which UN mechanism this submission went to.")
                )
            elif mechanism == UNMechanism.TREATY_BODY and not cleaned.get(
                "treaty_body"
            ):
                self.add_error("treaty_body", _("Say which treaty body it went to."))
            elif mechanism == UNMechanism.SPECIAL_PROCEDURE and not cleaned.get(
                "special_procedure"
            ):
                self.add_error("special_procedure", _("Name the special procedure."))
        elif "kind" in cleaned:
            # Only UN submissions record UN details; drop what does not apply.
            for name in self.UN_FIELDS:
                cleaned[name] = [] if name == "cosigners" else ""
        return cleaned
