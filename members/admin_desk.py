"""The coordinators' desk in the Wagtail admin: the queue of applications, the
approve/decline decision, custom audit-log actions and a dashboard panel.

Registered with Wagtail in members/wagtail_hooks.py, with the app's other hooks.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Revision

from home import validation
from home.admin_filters import BoundedIndexView
from members.actions.applications import (
    do_approve_application,
    do_decline_application,
)
from members.actions.suggestions import do_decide_suggestion, issue_area_named
from members.models import (
    IssueArea,
    IssueAreaSuggestion,
    MemberOrganizationPage,
    MembershipApplication,
    RightsCategory,
)


def register_log_actions(registry):
    registry.register_action(
        "members.application.submit",
        _("Submit application"),
        _("Application submitted"),
    )
    registry.register_action(
        "members.application.resubmit",
        _("Submit application again"),
        _("The same application was submitted again (not stored twice)"),
    )
    registry.register_action(
        "members.application.approve",
        _("Approve application"),
        _("Application approved"),
    )
    registry.register_action(
        "members.application.decline",
        _("Decline application"),
        _("Application declined"),
    )
    registry.register_action(
        "members.invitation.send", _("Invite to team"), _("Invitation sent")
    )
    registry.register_action(
        "members.invitation.accept", _("Accept invitation"), _("Invitation accepted")
    )
    registry.register_action(
        "members.membership.role", _("Change team role"), _("Team role changed")
    )
    registry.register_action(
        "members.membership.remove", _("Remove from team"), _("Removed from team")
    )
    registry.register_action(
        "members.suggestion.submit",
        _("Suggest an issue area"),
        _("Issue area suggested"),
    )
    registry.register_action(
        "members.suggestion.add",
        _("Add a suggested issue area"),
        _("Suggested issue area added to the list"),
    )
    registry.register_action(
        "members.suggestion.match",
        _("Match a suggested issue area"),
        _("Suggested issue area matched to one on the list"),
    )
    registry.register_action(
        "members.suggestion.decline",
        _("Decline a suggested issue area"),
        _("Suggested issue area declined"),
    )
    registry.register_action(
        "members.profile.visibility",
        _("Change visibility"),
        _("Visibility changed by the organization"),
    )


class DecisionForm(WagtailAdminModelForm):
    """What a coordinator decides about a pending application."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve: create the profile and invite the contact")),
            ("decline", _("Decline: email the reason below to the contact")),
        ],
        error_messages={"required": _("Choose approve or decline.")},
    )

    field_order = ["decision", "decision_reason"]

    class Meta:
        model = MembershipApplication
        fields = ["decision_reason"]
        labels = {"decision_reason": _("Reason (needed to decline; emailed)")}
        widgets = {"decision_reason": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if not self.instance.is_pending:
            raise ValidationError(_("This application was already decided."))
        if (
            cleaned.get("decision") == "decline"
            and not (cleaned.get("decision_reason") or "").strip()
        ):
            self.add_error(
                "decision_reason",
                _("Give the applicant a reason; it is emailed to them."),
            )
        return cleaned


class RefusalKeepsTheFormMixin:
    """A decision the action refuses (another coordinator decided first, a name
    taken in between) comes back as a form error with everything typed kept,
    not as an error page. The edit view's transaction has rolled back by then."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)


class DecisionView(RefusalKeepsTheFormMixin, generic.EditView):
    """The edit view of an application is the decision on it: applications are
    what the applicant wrote and are never edited by coordinators."""

    success_message = _("Decision on '%(object)s' recorded.")
    template_name = "members/admin/decide_application.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.object
        context["is_pending"] = self.object.is_pending
        context["issue_areas"] = self.object.issue_areas.all()
        return context

    def save_instance(self):
        application = self.object
        user = self.request.user
        if self.form.cleaned_data["decision"] == "approve":
            do_approve_application(application, user)
        else:
            do_decline_application(
                application, user, self.form.cleaned_data["decision_reason"]
            )
        application.refresh_from_db()
        return application


class ApplicationViewSet(ModelViewSet):
    model = MembershipApplication
    icon = "group"
    menu_label = _("Applications")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "applications"
    name = "membership_applications"
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = BoundedIndexView
    edit_view_class = DecisionView
    list_filter = ["status", "issue_areas", "region", "visibility"]
    search_fields = ["organization_name", "contact_name", "contact_email", "city"]
    search_backend_name = None  # plain database lookups; no index needed
    list_display = [
        "organization_name",
        "city",
        "region",
        "status",
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    inspect_view_fields = [
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
        "visibility",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "message",
        "agrees_to_principles",
        "status",
        "submitted_at",
        "decided_by",
        "decided_at",
        "decision_reason",
        "organization",
    ]

    def get_form_class(self, for_update=False):
        return DecisionForm

    def get_urlpatterns(self):
        # Applications come from /join/ (coordinators use it too for one received
        # by post or phone), so "add" leads there instead of an admin form.
        patterns = [p for p in super().get_urlpatterns() if p.name != "add"]
        return [
            path("new/", RedirectView.as_view(pattern_name="join"), name="add"),
            *patterns,
        ]

    def get_queryset(self, request):
        return MembershipApplication.objects.select_related("decided_by").order_by(
            "status", "-submitted_at"
        )


application_viewset = ApplicationViewSet()


class SuggestionDecisionForm(WagtailAdminModelForm):
    """What a coordinator decides about an issue area a member typed."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("add", _("Add it to the list as a new issue area")),
            ("match", _("Match it to an issue area already on the list")),
            ("decline", _("Decline it")),
        ],
        error_messages={"required": _("Choose add, match or decline.")},
    )
    new_name = validation.NameField(
        label=_("Name of the new issue area"),
        max_length=100,
        required=False,
        help_text=_("Tidy the wording if needed; this is what everyone will see."),
    )
    new_description = validation.NameField(
        label=_("What it covers"),
        max_length=300,
        required=False,
    )
    new_rights_category = forms.ChoiceField(
        label=_("Group on the issues page"),
        choices=RightsCategory.choices,
        initial=RightsCategory.CROSS_CUTTING,
    )
    matching_area = validation.ModelChoiceField(
        label=_("Issue area on the list"),
        queryset=IssueArea.objects.all(),
        required=False,
    )

    field_order = [
        "decision",
        "new_name",
        "new_description",
        "new_rights_category",
        "matching_area",
        "decision_note",
    ]

    class Meta:
        model = IssueAreaSuggestion
        fields = ["decision_note"]
        labels = {"decision_note": _("Note to the organization (needed to decline)")}
        widgets = {"decision_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_name"].initial = self.instance.name

    def clean(self):
        cleaned = super().clean()
        if not self.instance.is_pending:
            raise ValidationError(_("This suggestion was already decided."))
        decision = cleaned.get("decision")
        if decision == "add":
            name = " ".join((cleaned.get("new_name") or "").split())
            cleaned["new_name"] = name
            if not name:
                self.add_error("new_name", _("Give the new issue area a name."))
            elif issue_area_named(name) is not None:
                self.add_error(
                    "new_name",
                    _("An issue area with this name exists: match it instead."),
                )
        elif decision == "match" and not cleaned.get("matching_area"):
            self.add_error("matching_area", _("Choose the issue area it matches."))
        elif decision == "decline" and not (cleaned.get("decision_note") or "").strip():
            self.add_error(
                "decision_note",
                _("Tell the organization why, in a sentence; their team sees it."),
            )
        return cleaned


class SuggestionDecisionView(RefusalKeepsTheFormMixin, generic.EditView):
    """Like applications, a suggestion is what a member typed: its edit view is
    the decision on it."""

    success_message = _("Decision on '%(object)s' recorded.")
    template_name = "members/admin/decide_suggestion.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["suggestion"] = self.object
        return context

    def save_instance(self):
        data = self.form.cleaned_data
        return do_decide_suggestion(
            self.object,
            self.request.user,
            data["decision"],
            issue_area=data.get("matching_area"),
            note=data.get("decision_note", ""),
            name=data.get("new_name", ""),
            description=data.get("new_description", ""),
            rights_category=data["new_rights_category"],
        )


class SuggestionViewSet(ModelViewSet):
    model = IssueAreaSuggestion
    icon = "tag"
    menu_label = _("Issue area suggestions")
    menu_order = 151
    add_to_admin_menu = True
    url_prefix = "issue-area-suggestions"
    name = "issue_area_suggestions"
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    copy_view_enabled = False
    index_view_class = BoundedIndexView
    edit_view_class = SuggestionDecisionView
    list_filter = ["status"]
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        "name",
        Column("source_name", label=_("From")),
        "status",
        DateColumn("suggested_at", label=_("Suggested")),
    ]

    def get_form_class(self, for_update=False):
        return SuggestionDecisionForm

    def get_urlpatterns(self):
        # Suggestions come from members' forms only.
        return [p for p in super().get_urlpatterns() if p.name != "add"]

    def get_queryset(self, request):
        return IssueAreaSuggestion.objects.select_related(
            "organization", "application", "issue_area"
        ).order_by("status", "-suggested_at")


suggestion_viewset = SuggestionViewSet()


class NetworkDeskPanel(Component):
    """Dashboard: applications waiting for a decision and recently changed member
    profiles (who changed what, and whether it waits for review). Five queries."""

    name = "network_desk"
    template_name = "members/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pending = MembershipApplication.objects.pending()
        content_type = ContentType.objects.get_for_model(MemberOrganizationPage)
        recent = list(
            Revision.objects.filter(content_type=content_type)
            .select_related("user")
            .defer("content")
            .order_by("-created_at", "-pk")[:8]
        )
        titles = dict(
            MemberOrganizationPage.objects.filter(
                pk__in={int(revision.object_id) for revision in recent}
            ).values_list("pk", "title")
        )
        for revision in recent:
            revision.organization_title = titles.get(int(revision.object_id), "")
        context.update(
            {
                "pending_count": pending.count(),
                "pending_suggestions": IssueAreaSuggestion.objects.pending().count(),
                "pending": list(pending.newest_first()[:5]),
                "recent_revisions": recent,
            }
        )
        return context
