"""The coordinators' form for an issue area in the Wagtail admin (the snippet's
panels are the model's): its related issue areas are chosen among the others."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from home.validation import ModelMultipleChoiceField
from members.models import IssueArea


class IssueAreaForm(WagtailAdminModelForm):
    related_areas = ModelMultipleChoiceField(
        queryset=IssueArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Related issue areas"),
        help_text=IssueArea._meta.get_field("related_areas").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An issue area is not related to itself: it is not offered, and a
            # posted id of its own is refused as any unknown choice is.
            self.fields["related_areas"].queryset = IssueArea.objects.exclude(
                pk=self.instance.pk
            )
