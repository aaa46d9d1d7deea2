"""Applications to join in the admin: the queue, what each says, and the
coordinator's approve/decline decision (members.actions.applications does it)."""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, urlsplit

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
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
from members.geography import place_label, read_subdivision, subdivision_name
from members.models import MembershipApplication

# What the coordinators record about an application: shown as its decision, apart
# from the applicant's answers. Every other field of the model is an answer.
DECISION_FIELDS = frozenset(
    {"id", "status", "submitted_at", "decided_at", "decided_by", "decision_reason"}
    | {"organization"}
)
# One answer, the place in words: "City, State or region, Country".
PLACE_FIELDS = ("city", "subdivision", "region", "country")
# Addresses shown as links; anything else an address field holds is shown as text.
LINK_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class Answer:
    """One field of an application as a coordinator reads it: its label and its
    value in words, as safe HTML (everything the applicant typed is escaped)."""

    label: str
    value: str
    given: bool


def answer_fields():
    """The fields the applicant fills in, in the order the model declares them;
    a field added to the model later is among them without further work."""
    fields = [
        field
        for field in MembershipApplication._meta.get_fields()
        if field.concrete
        and not field.auto_created
        and field.name not in DECISION_FIELDS
    ]
    return sorted(fields, key=lambda field: field.creation_counter)


def prefetched_for_answers(queryset):
    """What the answers read besides the row: each list of terms and the issue
    areas the applicant typed in, one query each whatever their number."""
    many = [field.name for field in answer_fields() if field.many_to_many]
    return queryset.prefetch_related(*many, "issue_area_suggestions")


def _link(address):
    if urlsplit(address).scheme.lower() in LINK_SCHEMES:
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', address, address
        )
    return format_html("{}", address)


def _value(application, field):
    """The field's value in words, or None when the applicant gave none."""
    if field.many_to_many:
        names = sorted(
            (str(term) for term in getattr(application, field.name).all()),
            key=str.casefold,
        )
        return format_html("{}", ", ".join(names)) if names else None
    value = getattr(application, field.attname)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return None
    if field.choices:
        return format_html("{}", getattr(application, f"get_{field.name}_display")())
    if isinstance(field, models.URLField):
        return _link(value)
    if isinstance(field, models.EmailField):
        return format_html('<a href="mailto:{}">{}</a>', quote(value, safe="@+"), value)
    if isinstance(field, models.TextField):
        return linebreaks_filter(value, autoescape=True)  # its paragraphs, escaped
    if field.many_to_one:
        return format_html("{}", getattr(application, field.name))
    return format_html("{}", value)


def _place(application):
    place = place_label(
        application.city,
        application.subdivision,
        str(application.country),
        home_country=None,  # always with the country
    )
    if application.region and not application.subdivision:
        # Sent before places were chosen from a list, and matched to none.
        place = format_html(
            "{}<br>{}",
            place,
            _("State or region as first written: “%(region)s”, not yet one on the list")
            % {"region": application.region},
        )
    return format_html("{}", place) if place else None


def _suggestions(application):
    suggestions = list(application.issue_area_suggestions.all())
    if not suggestions:
        return None
    return format_html_join(
        ", ",
        '<a href="{}">{}</a> ({})',
        (
            (
                reverse("issue_area_suggestions:edit", args=[suggestion.pk]),
                suggestion.name,
                suggestion.get_status_display(),
            )
            for suggestion in suggestions
        ),
    )


def application_answers(application):
    """Every answer of the application, labelled as the application asks it (the
    model's verbose names) and in words: choices by their label, terms by name,
    the place as one line, yes or no, links, paragraphs; "Not given" for an
    answer left empty."""
    answers = []

    def add(label, value):
        given = value is not None
        answers.append(
            Answer(capfirst(label), value if given else _("Not given"), given)
        )

    for field in answer_fields():
        if field.name in PLACE_FIELDS:
            if field.name == PLACE_FIELDS[0]:
                add(_("where the organization is based"), _place(application))
            continue
        add(field.verbose_name, _value(application, field))
        if field.name == "issue_areas" and (typed := _suggestions(application)):
            add(_("issue areas they typed in"), typed)
    return answers


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
        context["answers"] = application_answers(self.object)
        return context

    def get_object(self, queryset=None):
        return super().get_object(prefetched_for_answers(MembershipApplication.objects))

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


class ApplicationView(generic.InspectView):
    """The whole application, every answer in words (application_answers), with
    the decision on it."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            prefetched_for_answers(
                MembershipApplication.objects.select_related("decided_by")
            ),
            pk=self.pk,
        )

    def get_fields_context(self):
        return []  # the answers take the place of Wagtail's raw list of fields

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.object
        context["answers"] = application_answers(self.object)
        return context


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


class SubdivisionChoiceField(django_filters.fields.ChoiceField):
    """A state or region as the directory reads one (?state=): its code, or a
    name or postal code ("California", "CA", "ca") read as the code it names."""

    def to_python(self, value):
        value = super().to_python(value)
        return (read_subdivision(value) or value) if value else value


class SubdivisionFilter(django_filters.ChoiceFilter):
    field_class = SubdivisionChoiceField


class ApplicationFilterSet(BoundedFilterSet):
    subdivision = SubdivisionFilter(
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
    inspect_view_class = ApplicationView
    inspect_template_name = "members/admin/application.html"
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

    @cached_property
    def menu_item_class(self):
        shown_to_those_who_may_see_it = super().menu_item_class

        class ApplicationsMenuItem(shown_to_those_who_may_see_it):
            """The menu item says how many applications wait for a decision,
            "Applications (3)" (one query per admin page, whatever their number)."""

            def render_component(self, request):
                component = super().render_component(request)
                waiting = MembershipApplication.objects.pending().count()
                if waiting:
                    # Short enough for the sidebar: "Applications (3)".
                    component.label = _("%(label)s (%(count)d)") % {
                        "label": component.label,
                        "count": waiting,
                    }
                return component

        return ApplicationsMenuItem

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
