"""The application to join and the profile form take their fields' labels and help
texts from the models, so a field is worded once, where it is stored. A field
declared again by hand in a form, or wording written over the model's, fails here."""

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from members.forms.application import ApplicationForm
from members.forms.profile import ProfileForm, SocialLinkForm

FORMS = {
    "ApplicationForm": ApplicationForm,
    "ProfileForm": ProfileForm,
    "SocialLinkForm": SocialLinkForm,
    # The rows of the profile's links, as ProfileForm builds them.
    "ProfileForm.links": ProfileForm.formsets["social_links"].form,
}

# Stored fields a form words itself, and why.
OWN_WORDING = {
    ("ProfileForm", "title"): "Wagtail's Page.title, worded for every kind of page",
    ("ProfileForm", "logo"): "a new upload; the page stores the image made from it",
}


def stored_fields(form_class):
    """(name, form field, model field) of the form's fields the model stores."""
    model = form_class._meta.model
    for name, field in form_class.base_fields.items():
        try:
            yield name, field, model._meta.get_field(name)
        except FieldDoesNotExist:
            continue


@pytest.mark.parametrize("name", list(FORMS))
def test_every_stored_field_is_labelled_and_explained_by_its_model(name):
    form_class = FORMS[name]
    checked = []

    for field_name, field, model_field in stored_fields(form_class):
        if (name, field_name) in OWN_WORDING:
            continue
        assert field.label == capfirst(model_field.verbose_name), field_name
        assert field.help_text == model_field.help_text, field_name
        checked.append(field_name)

    assert set(checked) == set(form_class._meta.fields) - {
        field for form, field in OWN_WORDING if form == name
    }


@pytest.mark.parametrize("name", list(FORMS))
def test_no_stored_field_is_declared_or_worded_again_in_a_form(name):
    form_class = FORMS[name]
    model_fields = {field.name for field in form_class._meta.model._meta.get_fields()}
    allowed = {field for form, field in OWN_WORDING if form == name}

    declared = set(form_class.declared_fields) & model_fields
    worded = set(form_class._meta.labels or {}) | set(form_class._meta.help_texts or {})

    assert declared <= allowed
    assert worded <= allowed
