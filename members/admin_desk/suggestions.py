"""Issue areas members suggest, in the admin: the queue and the coordinator's
decision on each, add, match or decline (members.actions.suggestions does it)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from home import validation
from home.admin_filters import BoundedIndexView
from members.actions.suggestions import do_decide_suggestion, issue_area_named
from members.admin_desk.decisions import RefusalKeepsTheFormMixin
from members.models import IssueArea, IssueAreaSuggestion, RightsCategory


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
        # A suggestion naming a term on the list (by an alias added since, say)
        # points at that term: matching it is one click.
        self.existing_term = (
            issue_area_named(self.instance.name) if self.instance.is_pending else None
        )
        if self.existing_term is not None:
            self.fields["decision"].initial = "match"
            self.fields["matching_area"].initial = self.existing_term.pk

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
