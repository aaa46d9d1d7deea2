"""The organization's profile as its own staff edit it at /account/…, with the
parts only the profile has: the logo upload and the links elsewhere."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet, ClusterForm
from PIL import Image

from members.forms.fields import (
    ORGANIZATION_ERROR_MESSAGES,
    OrganizationFormMixin,
    clean_organization_name,
    clean_suggested_issue_area,
    clean_web_address,
    model_form_field,
    suggested_issue_area_field,
)
from members.forms.places import PlaceFormMixin
from members.models import MemberOrganizationPage, OrganizationLink

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


class ProfileForm(PlaceFormMixin, OrganizationFormMixin, ClusterForm):
    """The organization's profile as its own staff edit it at /account/…, in the
    fields and words of MemberOrganizationPage, with its links elsewhere as the
    child formset `links`. It edits the latest revision of the page (`instance`)
    in memory; members.actions.profiles.do_save_profile_edit saves it."""

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
            "country",
            "subdivision",
            "city",
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
            **ORGANIZATION_ERROR_MESSAGES,
            "title": {"required": _("Enter your organization's name.")},
            "summary": {"required": _("Say in a sentence or two what you do.")},
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
        return clean_organization_name(self.cleaned_data["title"])

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

    def clean_suggested_issue_area(self):
        return clean_suggested_issue_area(
            self.cleaned_data["suggested_issue_area"], organization=self.instance
        )

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
