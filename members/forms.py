"""Forms of the membership lifecycle. Each validates every field with a message
that says what to do; views re-render them with what the person typed.

The application and the profile are model forms: their fields, labels and help
texts are the models' (MembershipApplication, MemberOrganizationPage and its
OrganizationLink rows), so a field is worded once, where it is stored. The forms
add only what is not stored (a new logo upload, a suggested issue area, the
honeypot) and the checks of people's input (`model_form_field`, the clean_*
methods)."""

import re
from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet, ClusterForm
from PIL import Image
from taggit.managers import TaggableManager

from home import validation
from members.actions.suggestions import check_suggestion_is_new
from members.models import (
    MemberOrganizationPage,
    Membership,
    MembershipApplication,
    OrganizationLink,
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


def _is_multi_line(widget):
    return isinstance(widget, forms.Textarea) or (
        isinstance(widget, type) and issubclass(widget, forms.Textarea)
    )


def model_form_field(model_field, **kwargs):
    """The form field of `model_field`, with the model's label, help text, length
    and choices, and home.validation's checks at the edge. The model forms here
    name it as their Meta.formfield_callback, so a field added to a model later
    is checked the same way:

    - chosen rows (issue areas, approaches…) refuse ids no row can have;
    - web addresses are checked as such, https assumed when none is typed;
    - single-line text refuses invisible characters (text in a Textarea holds
      paragraphs people write, and may carry any character);
    - fixed bounds of a number become the input's (a bound that moves, like
      "this year", is checked when the model validates the value)."""
    if isinstance(model_field, TaggableManager):
        kwargs.setdefault("form_class", validation.ModelMultipleChoiceField)
        kwargs.setdefault(
            "queryset", model_field.through.tag_model()._default_manager.all()
        )
    elif isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", validation.ModelMultipleChoiceField)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", validation.ModelChoiceField)
    elif isinstance(model_field, models.URLField):
        kwargs.setdefault("form_class", validation.URLField)
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(model_field, models.EmailField):
        kwargs.setdefault("form_class", validation.EmailField)
    elif isinstance(model_field, models.CharField):
        if not model_field.choices and not _is_multi_line(kwargs.get("widget")):
            kwargs.setdefault("form_class", validation.NameField)
    elif isinstance(model_field, models.IntegerField):
        for validator in model_field.validators:
            if callable(validator.limit_value):
                continue
            if isinstance(validator, MinValueValidator):
                kwargs.setdefault("min_value", validator.limit_value)
            elif isinstance(validator, MaxValueValidator):
                kwargs.setdefault("max_value", validator.limit_value)
    return model_field.formfield(**kwargs)


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
    """/join/: what an organization tells the coordinators when applying, in the
    fields and words of MembershipApplication."""

    # A field people never see; bots that fill every input fill it too.
    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    suggested_issue_area = suggested_issue_area_field()

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
            "organization_name": {"required": _("Enter your organization's name.")},
            "summary": {
                "required": _("Say in a sentence or two what your organization does."),
                "max_length": _(
                    "Keep the summary to 300 characters or fewer "
                    "(it has %(show_value)d)."
                ),
            },
            "issue_areas": {"required": _("Choose at least one issue area.")},
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


SOCIAL_LINKS_MAX = 8


class SocialLinkForm(forms.ModelForm):
    """One of the organization's links elsewhere: a name and an address."""

    class Meta:
        model = OrganizationLink
        fields = ["label", "url"]
        formfield_callback = model_form_field
        error_messages = {
            "url": {"invalid": _("Enter a full web address like https://example.org.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A row may be left empty (it is dropped), and a link without a name is
        # named after its site (clean()).
        for field in self.fields.values():
            field.required = False

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


class BaseSocialLinkFormSet(BaseChildFormSet):
    """The profile's links elsewhere, ProfileForm's child formset. Rows are posted
    without ids (the page's script adds them freely): the rows kept, in the order
    listed, become all of the profile's links."""

    default_error_messages = {
        "missing_management_form": _(
            "Your links could not be read. Reload the page and add them again."
        ),
        "too_many_forms": _("List up to %(num)d links."),
    }

    def __init__(self, data=None, files=None, instance=None, prefix=None, **kwargs):
        # Posted as links-…, whatever form holds the formset (the page's script
        # and the template name it so).
        super().__init__(data, files, instance=instance, prefix="links", **kwargs)
        # Room to remove links while adding others; the count is checked in clean().
        self.absolute_max = SOCIAL_LINKS_MAX * 2

    def _construct_form(self, i, **kwargs):
        if self.is_bound:
            # Each posted row is the link as typed now, not an update of a stored
            # one, so there is no id to look up (nor to tamper with).
            kwargs["instance"] = self.model()
            return forms.BaseFormSet._construct_form(self, i, **kwargs)
        return super()._construct_form(i, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Neither an id (see _construct_form) nor a number to order by: the rows'
        # order on the page is the links' order.
        del form.fields[self.model._meta.pk.name]
        form.fields.pop(ORDERING_FIELD_NAME, None)
        form.fields[DELETION_FIELD_NAME].label = _("Remove this link")

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

    def save(self, commit=True):
        links = [form.instance for form in self.forms if form.is_kept]
        for position, link in enumerate(links):
            link.sort_order = position
        manager = getattr(self.instance, self.rel_name)
        manager.set(links)
        if commit:
            manager.commit()
        return links


class ProfileForm(VisibilityOptionsMixin, ClusterForm):
    """The organization's profile as its own staff edit it at /account/…, in the
    fields and words of MemberOrganizationPage, with its links elsewhere as the
    child formset `links`. It edits the latest revision of the page (`instance`)
    in memory; actions.do_save_profile_edit saves it."""

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
    suggested_issue_area = suggested_issue_area_field()
    # The version the form was opened on, to notice a save made in between.
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = MemberOrganizationPage
        fields = [
            "title",
            "summary",
            "mission",
            "issue_areas",
            "approaches",
            "populations",
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
        formfield_callback = model_form_field
        # The name is Wagtail's Page.title, worded for every kind of page.
        labels = {"title": _("Organization name")}
        help_texts = {"title": ""}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "mission": forms.Textarea(attrs={"rows": 6}),
            "looking_for_partners_on": forms.Textarea(attrs={"rows": 3}),
            "issue_areas": forms.CheckboxSelectMultiple,
            "approaches": forms.CheckboxSelectMultiple,
            "populations": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": _("Enter your organization's name.")},
            "summary": {"required": _("Say in a sentence or two what you do.")},
            "issue_areas": {"required": _("Choose at least one issue area.")},
            "founded_year": {
                "min_value": _("Enter a year from 1800 on."),
                "max_value": _("The year founded cannot be in the future."),
            },
            "website": {
                "invalid": _("Enter a full web address like https://example.org.")
            },
        }
        formsets = {
            "social_links": {
                "form": SocialLinkForm,
                "formset": BaseSocialLinkFormSet,
                "extra": 1,
                "max_num": SOCIAL_LINKS_MAX,
            }
        }

    def __init__(self, *args, latest_revision_id=None, **kwargs):
        self.latest_revision_id = latest_revision_id
        initial = {"based_on": latest_revision_id, **kwargs.pop("initial", {})}
        super().__init__(*args, initial=initial, **kwargs)
        # Members choose at least one; the admin may save a page without.
        self.fields["issue_areas"].required = True
        if not self.instance.logo_id:
            del self.fields["remove_logo"]

    @property
    def links(self):
        return self.formsets["social_links"]

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
            self.cleaned_data["suggested_issue_area"], organization=self.instance
        )

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_website(self):
        return clean_web_address(self.cleaned_data["website"])

    def save(self, commit=False):
        """The revision object with the member's changes, links included, applied
        in memory. A profile changes only through a new revision, which
        actions.do_save_profile_edit saves: never by saving the page row here."""
        if commit:
            raise ValueError("Save the profile with actions.do_save_profile_edit.")
        draft = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            draft.logo = None
        return draft
