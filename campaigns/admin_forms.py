"""The admin's forms for campaigns and events: their issue areas are chosen from
the network's curated list (checkboxes), never typed into a tag field, which
dropped a name it could not match when Enter confirmed it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from home import validation
from members.models import IssueArea


def curated_issue_areas_field():
    return validation.ModelMultipleChoiceField(
        queryset=IssueArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Issue areas"),
        help_text=_(
            "From the network's shared list. A missing one is added under "
            "Taxonomy › Issue areas."
        ),
    )


class CampaignAdminPageForm(WagtailAdminPageForm):
    issue_areas = curated_issue_areas_field()


class EventAdminForm(WagtailAdminModelForm):
    issue_areas = curated_issue_areas_field()
