"""Choosing a state or region: the subdivisions of the chosen country, in a plain
select that works without JavaScript.

The select lists the subdivisions of the country the form holds (as posted, or
as stored), under an <optgroup> named for the country. Without JavaScript, a
person who changes the country and picks a state of the old one is told so by
the model's check (members.models.places.check_subdivision) and sees the
new country's list; static/js/places.js swaps the list as soon as the country
changes, from /places/<country>/.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from members.geography import (
    country_name,
    is_subdivision,
    match_subdivision,
    subdivisions_of,
)


class SubdivisionSelect(forms.Select):
    """A select of `country`'s subdivisions (set by PlaceFormMixin)."""

    country = ""
    country_field_id = ""

    class Media:
        js = ["js/places.js"]

    def get_context(self, name, value, attrs):
        code = str(self.country or "")
        listed = subdivisions_of(code)
        choose, none = _("Choose…"), _("None listed for this country")
        self.choices = [("", choose if listed else none)]
        if listed:
            self.choices.append((country_name(code), listed))
        attrs = {
            **(attrs or {}),
            "data-places-url": reverse("place_subdivisions", args=["XX"]),
            "data-places-choose": choose,
            "data-places-none": none,
        }
        if self.country_field_id:
            attrs["data-places-country"] = self.country_field_id
        return super().get_context(name, value, attrs)


class SubdivisionChoiceField(forms.ChoiceField):
    """An ISO 3166-2 code from the list. Any subdivision pycountry knows is a
    valid choice here (the select shows one country's); which country it must
    belong to is the model's check, which knows the country chosen beside it.
    A name or code of a state of that country ("California", "CA") is read as
    its code, as everywhere places are read (members.geography)."""

    widget = SubdivisionSelect
    country = ""  # the country the form holds (PlaceFormMixin)
    default_error_messages = {
        "invalid_choice": _("Choose your state or region from the list."),
    }

    def __init__(self, *, max_length=None, empty_value="", **kwargs):
        # What a model's CharField passes on; a choice needs neither.
        kwargs.pop("choices", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value or is_subdivision(value.upper()):
            return value.upper()
        return match_subdivision(value, self.country) or value.upper()

    def valid_value(self, value):
        return is_subdivision(value)


class PlaceFormMixin:
    """Lists in the subdivision select the country the form holds: as posted,
    else as stored (`country` and `subdivision` fields of a model form). With
    `subdivision_required`, a country that has states or regions needs one."""

    subdivision_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Text typed before places were structured that matched no subdivision:
        # shown beside the select until one is chosen (the template says so).
        instance = getattr(self, "instance", None)
        self.region_as_written = (
            getattr(instance, "region", "")
            if not getattr(instance, "subdivision", "")
            else ""
        )
        field = self.fields.get("subdivision")
        if field is None or "country" not in self.fields:
            return
        if self.is_bound:
            country = self.data.get(self.add_prefix("country"), "")
        else:
            country = self.initial.get("country") or getattr(
                self.instance, "country", ""
            )
        field.widget.country = field.country = str(country or "").upper()[:2]
        field.widget.country_field_id = self["country"].auto_id

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("subdivision") and hasattr(self.instance, "region"):
            # The place is chosen now: what was first written has served.
            self.instance.region = ""
        country = cleaned.get("country")
        if (
            self.subdivision_required
            and country
            and not cleaned.get("subdivision")
            and "subdivision" not in self.errors
            and subdivisions_of(str(country))
        ):
            self.add_error(
                "subdivision",
                forms.ValidationError(
                    _("Choose your state or region in %(country)s."),
                    params={"country": country_name(str(country))},
                    code="required",
                ),
            )
        return cleaned


class OrganizationAdminPageForm(PlaceFormMixin, WagtailAdminPageForm):
    """The Wagtail admin's form for an organization's page."""

    def __init__(self, *args, **kwargs):
        # Imported here: members.forms.fields needs the models this form is part of.
        from members.forms.fields import curated_issue_areas_field

        super().__init__(*args, **kwargs)
        self.fields["issue_areas"] = curated_issue_areas_field(self._meta.model)
