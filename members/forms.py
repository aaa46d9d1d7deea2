"""Forms of the membership lifecycle. Each validates every field with a message
that says what to do; views re-render them with what the person typed."""

import re
from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from home import validation
from members.actions import check_suggestion_is_new
from members.models import (
    Approach,
    IssueArea,
    MemberOrganizationPage,
    Membership,
    MembershipApplication,
    OrganizationLink,
    Population,
    Visibility,
)

# Plain words about who sees what, shown next to every visibility choice.
VISIBILITY_EXPLANATIONS = {
    Visibility.PUBLIC: _(
        "Anyone on the internet can see your profile, find it in the directory and "
        "search, and see your name on campaigns you sign. Your members-only contact "
        "details are still shown only to signed-in network members."
    ),
    Visibility.MEMBERS: _(
        "Only signed-in staff of member organizations and the network's coordinators "
        "can see your profile. Visitors, search engines, feeds and the public API "
        "never show it."
    ),
    Visibility.HIDDEN: _(
        "Only your own staff and the network's coordinators know you are a member. "
        "You do not appear in the directory, search or feeds, and on the board and "
        "sign-on lists you are shown as \u201ca member organization\u201d. Choose this "
        "if being seen as part of the network could put your people at risk."
    ),
}

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()./-]{6,40}$")
STREET_PATTERN = re.compile(r"\d")


class VisibilityChoiceField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=Visibility.choices,
            label=_("Who can see your organization?"),
            **kwargs,
        )


class VisibilityOptionsMixin:
    def visibility_options(self):
        """Each radio button with its plain-words explanation, for the template."""
        return [
            {
                "radio": radio,
                "explanation": VISIBILITY_EXPLANATIONS[radio.data["value"]],
            }
            for radio in self["visibility"]
        ]


def clean_city(value):
    value = (value or "").strip()
    if STREET_PATTERN.search(value):
        raise ValidationError(
            _(
                "Enter only the city or town, without a street address or number. "
                "The network never shows street addresses."
            )
        )
    return value


def clean_web_address(value):
    """Only http and https addresses: a profile's links are for people's browsers."""
    if value and not value.lower().startswith(("http://", "https://")):
        raise ValidationError(_("Enter a full web address like https://example.org."))
    return value


MAX_ISSUE_AREAS = 8


def clean_issue_area_choice(areas):
    if len(areas) > MAX_ISSUE_AREAS:
        raise ValidationError(
            _("Choose up to %(max)d issue areas: your main ones."),
            params={"max": MAX_ISSUE_AREAS},
        )
    return areas


def suggested_issue_area_field():
    return validation.NameField(
        label=_("An issue area missing from the list (optional)"),
        required=False,
        max_length=80,
        help_text=_(
            "Type it and a coordinator will review it. Once added to the shared "
            "list it is given to your organization; until then choose the closest "
            "issue areas above."
        ),
    )


def clean_suggested_issue_area(value, organization=None):
    name = " ".join(value.split())
    if name and len(name) < 3:
        raise ValidationError(_("Use at least three letters for an issue area."))
    if name:
        check_suggestion_is_new(name, organization=organization)
    return name


def clean_phone(value):
    value = (value or "").strip()
    if value and not PHONE_PATTERN.match(value):
        raise ValidationError(
            _("Enter a phone number using digits, spaces, and + ( ) - only.")
        )
    return value


class ApplicationForm(VisibilityOptionsMixin, forms.ModelForm):
    """/join/: what an organization tells the coordinators when applying."""

    # A field people never see; bots that fill every input fill it too.
    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    issue_areas = validation.ModelMultipleChoiceField(
        queryset=IssueArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Issue areas you work on"),
        error_messages={"required": _("Choose at least one issue area.")},
    )
    suggested_issue_area = suggested_issue_area_field()
    approaches = validation.ModelMultipleChoiceField(
        queryset=Approach.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("How you work"),
    )
    website = validation.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={
            "invalid": _("Enter a full web address like https://example.org.")
        },
    )
    visibility = VisibilityChoiceField(initial=Visibility.MEMBERS)
    agrees_to_principles = forms.BooleanField(
        label=_("We agree to the network's principles."),
        error_messages={
            "required": _(
                "To join, your organization needs to agree to the network's "
                "principles. Tick the box if you do."
            )
        },
    )

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
            "city",
            "region",
            "country",
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
        labels = {
            "organization_name": _("Organization name"),
            "summary": _("In one or two sentences, what does your organization do?"),
            "mission": _("Your mission and work (optional)"),
            "website": _("Website (optional)"),
            "public_email": _("Public email address (optional)"),
            "city": _("City or town"),
            "region": _("State or region"),
            "country": _("Country"),
            "scope": _("How far your work reaches"),
            "founded_year": _("Year founded (optional)"),
            "led_by_directly_affected": _(
                "Our leadership includes people directly affected by the issues we "
                "work on."
            ),
            "contact_name": _("Your name"),
            "contact_role": _("Your role in the organization (optional)"),
            "contact_email": _("Your email address"),
            "contact_phone": _("Your phone number (optional)"),
            "message": _("Anything else the coordinators should know? (optional)"),
        }
        help_texts = {
            "organization_name": _("As it should appear on the site."),
            "mission": _("A few paragraphs; leave an empty line between them."),
            "public_email": _("An address you are happy to show on your profile."),
            "founded_year": _("Four digits, like 1998."),
            "region": _("A US state, or your region abroad."),
            "contact_role": _("For example: director, organizer, volunteer."),
            "message": _("Only the coordinators read this."),
            "summary": _("Up to 300 characters. Shown on your profile."),
            "city": _("Only the city or town; never a street address."),
            "contact_email": _(
                "We send the decision here and, if approved, a link to set your "
                "password."
            ),
            "contact_phone": _("Only coordinators see it until you choose otherwise."),
        }
        # Single-line text refuses invisible characters (home.validation).
        field_classes = {
            "organization_name": validation.NameField,
            "public_email": validation.EmailField,
            "city": validation.NameField,
            "region": validation.NameField,
            "contact_name": validation.NameField,
            "contact_role": validation.NameField,
            "contact_email": validation.EmailField,
            "contact_phone": validation.NameField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "mission": forms.Textarea(attrs={"rows": 5}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "organization_name": {"required": _("Enter your organization's name.")},
            "summary": {
                "required": _("Say in a sentence or two what your organization does."),
                "max_length": _(
                    "Keep the summary to 300 characters or fewer "
                    "(it has %(show_value)d)."
                ),
            },
            "city": {"required": _("Enter the city or town you are based in.")},
            "region": {"required": _("Enter your state or region.")},
            "contact_name": {"required": _("Enter your name.")},
            "contact_email": {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address like name@example.org."),
            },
            "public_email": {
                "invalid": _("Enter an email address like info@example.org.")
            },
            "website": {
                "invalid": _("Enter a full web address like https://example.org.")
            },
            "founded_year": {
                "min_value": _("Enter a year from 1800 on."),
                "max_value": _("The year founded cannot be in the future."),
                "invalid": _("Enter the year as four digits, like 1998."),
            },
        }

    def clean_organization_name(self):
        name = " ".join(self.cleaned_data["organization_name"].split())
        if len(name) < 2:
            raise ValidationError(_("Enter your organization's full name."))
        return name

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_city(self):
        return clean_city(self.cleaned_data["city"])

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_website(self):
        return clean_web_address(self.cleaned_data["website"])

    def clean_issue_areas(self):
        return clean_issue_area_choice(self.cleaned_data["issue_areas"])

    def clean_suggested_issue_area(self):
        return clean_suggested_issue_area(self.cleaned_data["suggested_issue_area"])

    def is_spam(self):
        """True when the hidden field was filled in: the submission is dropped."""
        return bool(self.data.get("fax_number"))


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


# --- the profile ------------------------------------------------------------------

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 4000
LOGO_MIN_SIDE = 64
LOGO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def validate_logo(upload):
    """Type, size and pixel limits, checked from the file's header before any
    pixels are decoded (so a decompression bomb is refused cheaply)."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too large: upload a file of 2 MB or less."), code="logo_size"
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
    # Any failure of a decoder on untrusted bytes (an oversized iCCP chunk raises
    # ValueError, for one) means the same to the member.
    except Exception as error:
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG or WebP."),
            code="logo_unreadable",
        ) from error
    finally:
        upload.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("Upload the logo as a JPEG, PNG or WebP image."), code="logo_format"
        )
    if max(width, height) > LOGO_MAX_SIDE:
        raise ValidationError(
            _(
                "The logo is %(width)d × %(height)d pixels; keep it to at most "
                "%(max)d pixels on each side."
            ),
            params={"width": width, "height": height, "max": LOGO_MAX_SIDE},
            code="logo_pixels",
        )
    if min(width, height) < LOGO_MIN_SIDE:
        raise ValidationError(
            _("The logo is too small: at least %(min)d pixels on each side."),
            params={"min": LOGO_MIN_SIDE},
            code="logo_pixels",
        )
    return upload


class ProfileForm(VisibilityOptionsMixin, forms.Form):
    """The organization's profile as its own staff edit it at /account/…"""

    title = validation.NameField(
        label=_("Organization name"),
        max_length=255,
        error_messages={"required": _("Enter your organization's name.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences, up to 300 characters."),
        error_messages={"required": _("Say in a sentence or two what you do.")},
    )
    mission = forms.CharField(
        label=_("Mission and work"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    logo = forms.FileField(
        label=_("Upload a new logo"),
        required=False,
        validators=[validate_logo],
        help_text=_(
            "JPEG, PNG or WebP, up to 2 MB and 4000 pixels on a side. We re-encode "
            "it and remove hidden data such as camera and location details."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    issue_areas = validation.ModelMultipleChoiceField(
        queryset=IssueArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Issue areas"),
        error_messages={"required": _("Choose at least one issue area.")},
    )
    suggested_issue_area = suggested_issue_area_field()
    approaches = validation.ModelMultipleChoiceField(
        queryset=Approach.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("How you work"),
    )
    populations = validation.ModelMultipleChoiceField(
        queryset=Population.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Who you serve"),
    )
    looking_for_partners_on = forms.CharField(
        label=_("Looking for partners on"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    led_by_directly_affected = forms.BooleanField(
        label=_("Our leadership includes people directly affected by our issues."),
        required=False,
    )
    city = validation.NameField(
        label=_("City or town"),
        max_length=100,
        required=False,
        help_text=_("Never a street address."),
    )
    region = validation.NameField(
        label=_("State or region"), max_length=100, required=False
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=MemberOrganizationPage._meta.get_field("country").choices,
    )
    scope = forms.ChoiceField(
        label=_("How far your work reaches"),
        choices=MemberOrganizationPage._meta.get_field("scope").choices,
    )
    founded_year = forms.IntegerField(
        label=_("Year founded"),
        required=False,
        min_value=1800,
        error_messages={"min_value": _("Enter a year from 1800 on.")},
    )
    website = validation.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a full web address like https://example.org.")
        },
    )
    public_email = validation.EmailField(
        label=_("Public email address"),
        required=False,
        help_text=_("Shown to everyone who may see your profile."),
    )
    contact_name = validation.NameField(
        label=_("Contact person"),
        max_length=120,
        required=False,
        help_text=_("Members-only: never shown to visitors."),
    )
    contact_email = validation.EmailField(
        label=_("Contact email"),
        required=False,
        help_text=_("Members-only: never shown to visitors."),
    )
    contact_phone = validation.NameField(
        label=_("Contact phone"),
        max_length=40,
        required=False,
        help_text=_("Members-only: never shown to visitors."),
    )
    visibility = VisibilityChoiceField()
    # The version the form was opened on, to notice a save made in between.
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    FIELDS_COPIED = [
        "title",
        "summary",
        "mission",
        "looking_for_partners_on",
        "led_by_directly_affected",
        "city",
        "region",
        "country",
        "scope",
        "founded_year",
        "website",
        "public_email",
        "contact_name",
        "contact_email",
        "contact_phone",
        "visibility",
    ]

    def __init__(self, *args, page, latest_revision_id=None, **kwargs):
        self.page = page
        self.latest_revision_id = latest_revision_id
        initial = {name: getattr(page, name) for name in self.FIELDS_COPIED}
        initial["based_on"] = latest_revision_id
        initial["issue_areas"] = [area.pk for area in page.issue_areas.all()]
        initial["approaches"] = [item.pk for item in page.approaches.all()]
        initial["populations"] = [item.pk for item in page.populations.all()]
        super().__init__(*args, initial=initial, **kwargs)
        if not page.logo_id:
            del self.fields["remove_logo"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 2:
            raise ValidationError(_("Enter your organization's full name."))
        return title

    def clean(self):
        """Refuse, once, to overwrite a version saved since the form was opened
        (a colleague's edit, an issue area a coordinator gave): the person sees
        what they typed, checks it against the newer version, and saves again."""
        cleaned = super().clean()
        based_on = cleaned.get("based_on")
        if based_on is not None and based_on != self.latest_revision_id:
            self.data = self.data.copy()
            self.data[self.add_prefix("based_on")] = self.latest_revision_id
            self.add_error(
                None,
                _(
                    "Someone saved changes to this profile after you opened this "
                    "form. Nothing you typed is saved yet: compare it with the "
                    "latest version (under Recent versions on your organization's "
                    "page) and save again."
                ),
            )
        return cleaned

    def clean_city(self):
        return clean_city(self.cleaned_data["city"])

    def clean_issue_areas(self):
        return clean_issue_area_choice(self.cleaned_data["issue_areas"])

    def clean_suggested_issue_area(self):
        return clean_suggested_issue_area(
            self.cleaned_data["suggested_issue_area"], organization=self.page
        )

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_website(self):
        return clean_web_address(self.cleaned_data["website"])

    def clean_founded_year(self):
        import datetime

        year = self.cleaned_data["founded_year"]
        if year and year > datetime.date.today().year:
            raise ValidationError(_("The year founded cannot be in the future."))
        return year

    def apply_to(self, draft):
        """Copy the cleaned values onto `draft` (the latest revision object)."""
        data = self.cleaned_data
        for name in self.FIELDS_COPIED:
            setattr(draft, name, data[name] if data[name] is not None else None)
        for name in (
            "city",
            "region",
            "website",
            "public_email",
            "contact_name",
            "contact_email",
            "contact_phone",
            "looking_for_partners_on",
        ):
            setattr(draft, name, data[name] or "")
        draft.draft_title = data["title"]
        draft.issue_areas.set(list(data["issue_areas"]))
        draft.approaches.set(list(data["approaches"]))
        draft.populations.set(list(data["populations"]))
        if data.get("remove_logo"):
            draft.logo = None
        return draft


SOCIAL_LINKS_MAX = 8


class SocialLinkForm(forms.Form):
    """One of the organization's links elsewhere: a name and an address."""

    label = validation.NameField(
        label=_("Name"),
        max_length=60,
        required=False,
        help_text=_("For example Bluesky, Mastodon or YouTube."),
    )
    url = validation.URLField(
        label=_("Address"),
        max_length=200,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a full web address like https://example.org.")
        },
    )

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split())

    def clean_url(self):
        return clean_web_address(self.cleaned_data["url"])

    def clean(self):
        data = super().clean()
        if data.get("label") and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Add the address, or clear the name too."))
        elif data.get("url") and not data.get("label"):
            # Without a name the link is shown by its site, e.g. "bsky.app".
            host = urlsplit(data["url"]).hostname or ""
            data["label"] = host.removeprefix("www.")[:60]
        return data

    @property
    def is_kept(self):
        """A valid row that still holds a link (cleared or ticked rows are dropped)."""
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("url")) and not data.get("DELETE")


class BaseSocialLinkFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": _(
            "Your links could not be read. Reload the page and add them again."
        ),
        "too_many_forms": _("List up to %(num)d links."),
    }

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.is_kept:
                continue
            address = form.cleaned_data["url"].rstrip("/").lower()
            if address in seen:
                form.add_error("url", _("This address is already in your links."))
            seen.add(address)
        if sum(form.is_kept for form in self.forms) > SOCIAL_LINKS_MAX:
            raise ValidationError(
                _("List up to %(max)d links."), params={"max": SOCIAL_LINKS_MAX}
            )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this link")

    def links(self):
        """The kept links, in the order they were listed."""
        return [
            (form.cleaned_data["label"], form.cleaned_data["url"])
            for form in self.forms
            if form.is_kept
        ]


SocialLinkFormSet = forms.formset_factory(
    SocialLinkForm,
    formset=BaseSocialLinkFormSet,
    extra=1,
    can_delete=True,
    max_num=SOCIAL_LINKS_MAX,
    # Room to remove links while adding others; the count is checked in clean().
    absolute_max=SOCIAL_LINKS_MAX * 2,
)


def social_link_formset(page, data=None):
    """The links formset for `page` (a revision object), bound when `data` is given."""
    initial = [
        {"label": link.label, "url": link.url} for link in page.social_links.all()
    ]
    return SocialLinkFormSet(data, initial=initial, prefix="links")


def apply_social_links(draft, formset):
    draft.social_links = [
        OrganizationLink(label=label, url=url, sort_order=position)
        for position, (label, url) in enumerate(formset.links())
    ]
