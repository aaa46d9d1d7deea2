"""What the application and the profile share: the form field made from each
model field (`model_form_field`, with home.validation's checks at the edge), the
checks of an organization's own fields, the messages both forms give, and the
plain words that explain each visibility."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from home import validation
from members.actions.suggestions import check_suggestion_is_new
from members.models import Visibility

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
        "sign-on lists you are shown as “a member organization”. Choose this "
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


def clean_organization_name(value):
    name = " ".join(value.split())
    if len(name) < 2:
        raise ValidationError(_("Enter your organization's full name."))
    return name


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


# Worded once for the fields both forms have.
ORGANIZATION_ERROR_MESSAGES = {
    "issue_areas": {"required": _("Choose at least one issue area.")},
    "founded_year": {
        "min_value": _("Enter a year from 1800 on."),
        "max_value": _("The year founded cannot be in the future."),
    },
    "website": {"invalid": _("Enter a full web address like https://example.org.")},
}


class OrganizationFormMixin:
    """What the application and the profile do alike with the organization's
    fields both have: each visibility explained, and the same checks of what
    people type."""

    def visibility_options(self):
        """Each radio button with its plain-words explanation, for the template."""
        return [
            {
                "radio": radio,
                "explanation": VISIBILITY_EXPLANATIONS[radio.data["value"]],
            }
            for radio in self["visibility"]
        ]

    def clean_city(self):
        return clean_city(self.cleaned_data["city"])

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_website(self):
        return clean_web_address(self.cleaned_data["website"])

    def clean_issue_areas(self):
        return clean_issue_area_choice(self.cleaned_data["issue_areas"])


# --- The admin's issue-area field ---------------------------------------------
# Every admin form of a model tagged with issue areas (organizations, campaigns,
# events) ticks them in the curated list, never types them into Wagtail's tag
# field, which dropped a name it could not match when Enter confirmed it.

CURATE_HINT = _(
    "Tick them in the network's shared list. One missing? Coordinators add it under "
    "Taxonomy › Issue areas."
)
NOT_IN_THE_LIST = _(
    "“%(value)s” is not in the network's list of issue areas. Tick issue areas in "
    "the list; coordinators add new ones under Taxonomy › Issue areas."
)


class CuratedChoiceField(validation.ModelMultipleChoiceField):
    """A blank value is no choice (what the tag field this replaces posted when
    empty); anything else must be in the list."""

    def clean(self, value):
        return super().clean([each for each in value or [] if each != ""])


def curated_issue_areas_field(model):
    """The model's issue areas as the profile form builds them (members.forms.fields:
    one checkbox per curated issue area, unknown ids refused at the edge), with
    words for the coordinator about where the list is kept."""
    return model_form_field(
        model._meta.get_field("issue_areas"),
        form_class=CuratedChoiceField,
        widget=forms.CheckboxSelectMultiple,
        help_text=CURATE_HINT,
        error_messages={
            "invalid_choice": NOT_IN_THE_LIST,
            "invalid_pk_value": NOT_IN_THE_LIST.replace("%(value)s", "%(pk)s"),
        },
    )
