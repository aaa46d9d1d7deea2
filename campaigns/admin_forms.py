"""The admin's forms for campaigns and events: their issue areas are ticked in the
network's curated list, as members tick theirs on the profile form, never typed into
a tag field (which dropped a name it could not match when Enter confirmed it)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from home import validation
from members.forms.fields import model_form_field

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


class CampaignAdminPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_areas"] = curated_issue_areas_field(self._meta.model)


class EventAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_areas"] = curated_issue_areas_field(self._meta.model)
