"""Choosing a state or region: the subdivisions of the chosen country, in a plain
select that works without JavaScript.

The select lists the subdivisions of the country the form holds (as posted, or
as stored), under an <optgroup> named for the country. Without JavaScript, a
person who changes the country and picks a state of the old one is told so by
the model's check (members.models.organizations.check_subdivision) and sees the
new country's list; static/js/places.js swaps the list as soon as the country
changes, from /places/<country>/.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from members.geography import country_name, is_subdivision, subdivisions_of


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


class SubdivisionChoiceField(forms.CharField):
    """An ISO 3166-2 code from the list; which country it must belong to is the
    model's check, which knows the country chosen beside it."""

    widget = SubdivisionSelect
    default_error_messages = {
        "invalid_choice": _("Choose your state or region from the list."),
    }

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        super().validate(value)
        if value and not is_subdivision(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )

    def widget_attrs(self, widget):
        # No maxlength on a select.
        return {}


class PlaceFormMixin:
    """Lists in the subdivision select the country the form holds: as posted,
    else as stored (`country` and `subdivision` fields of a model form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("subdivision")
        if field is None or "country" not in self.fields:
            return
        if self.is_bound:
            country = self.data.get(self.add_prefix("country"), "")
        else:
            country = self.initial.get("country") or getattr(
                self.instance, "country", ""
            )
        field.widget.country = str(country or "").upper()[:2]
        field.widget.country_field_id = self["country"].auto_id


class OrganizationAdminPageForm(PlaceFormMixin, WagtailAdminPageForm):
    """The Wagtail admin's form for an organization's page."""
