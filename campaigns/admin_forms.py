"""The admin's forms for pages and events tagged with issue areas (campaigns, news,
the library's resources, events): their issue areas are ticked in the
network's curated list (members.forms.fields.curated_issue_areas_field), as members
tick theirs on the profile form and coordinators an organization's."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from members.forms.fields import curated_issue_areas_field


class IssueAreaTaggedPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_areas"] = curated_issue_areas_field(self._meta.model)


class EventAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_areas"] = curated_issue_areas_field(self._meta.model)
