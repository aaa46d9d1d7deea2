"""Applications to join in the admin: the queue, what each says, and the
coordinator's approve/decline decision (members.actions.applications does it)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from home.admin_filters import BoundedFilterSet, BoundedIndexView
from members.actions.applications import (
    do_approve_application,
    do_decline_application,
)
from members.admin_desk.decisions import RefusalKeepsTheFormMixin
from members.geography import subdivision_name
from members.models import MembershipApplication


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


def applied_subdivisions():
    """The states or regions applications name, by name (one query)."""
    codes = (
        MembershipApplication.objects.exclude(subdivision="")
        .order_by()
        .values_list("subdivision", flat=True)
        .distinct()
    )
    return sorted(
        ((code, subdivision_name(code)) for code in codes), key=lambda row: row[1]
    )


class ApplicationFilterSet(BoundedFilterSet):
    subdivision = django_filters.ChoiceFilter(
        label=_("State or region"), choices=applied_subdivisions
    )

    class Meta:
        model = MembershipApplication
        fields = ["status", "issue_areas", "country", "subdivision", "visibility"]


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
    filterset_class = ApplicationFilterSet
    search_fields = ["organization_name", "contact_name", "contact_email", "city"]
    search_backend_name = None  # plain database lookups; no index needed
    list_display = [
        "organization_name",
        Column("place", label=_("Place")),
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
        "subdivision",
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
