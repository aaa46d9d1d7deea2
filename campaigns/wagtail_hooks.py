"""The campaigns app's Wagtail hooks: the coordinators' admin for campaigns
(events and deadlines, sign-on approval and the pledge export, recorded in
Wagtail's audit log). The library's hooks are in campaigns/library/wagtail_hooks.py,
imported here because Wagtail only looks for `<app>.wagtail_hooks`."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import ChoiceFilter, MultipleChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    StatusFlagColumn,
    StatusTagColumn,
)
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from campaigns import actions
from campaigns.library import wagtail_hooks as library_hooks  # noqa: F401
from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignStatus,
    Event,
    Pledge,
    SignOn,
    SignOnStatus,
)
from home.admin_filters import BoundedIndexView
from home.spreadsheets import log_export
from home.validation import parse_id
from members.models import MemberOrganizationPage
from members.viewer import Viewer


class CoordinatorPermissionPolicy(ModelPermissionPolicy):
    """Coordinators (and superusers) may do these actions; other staff need the
    model permission as usual. Nobody creates sign-ons here: organizations do."""

    def __init__(self, model, *, forbidden=()):
        super().__init__(model)
        self.forbidden = set(forbidden)

    def user_has_permission(self, user, action):
        if action in self.forbidden:
            return False
        if Viewer.for_user(user).is_coordinator:
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LoggedExportIndexView(BoundedIndexView):
    """An index whose CSV/XLSX exports (written as home.spreadsheets writes every
    spreadsheet, through BoundedIndexView) are written to the audit log."""

    export_what = ""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        campaign = self.filtered_campaign()
        target = campaign or CampaignIndexPage.objects.first()
        if target is not None:
            log_export(self.request.user, target, self.export_what, queryset.count())
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def filtered_campaign(self):
        ids = self.request.GET.getlist("campaign")
        if len(ids) != 1:
            return None
        campaign_id = parse_id(ids[0])
        if campaign_id is None:
            return None
        return CampaignPage.objects.filter(pk=campaign_id).first()


class PledgeIndexView(LoggedExportIndexView):
    export_what = "pledges"


def decide_signon(user, signon, status):
    """Approve or decline one sign-on, as the edit view and the bulk action both
    do: through campaigns.actions, written to the audit log."""
    actions.do_decide(user, signon, status)
    log(instance=signon, action="wagtail.edit", user=user, content_changed=True)
    return signon


class SignOnIndexView(LoggedExportIndexView):
    export_what = "sign-ons"

    @cached_property
    def columns(self):
        # A checkbox per row for the bulk approval (ApproveSignOnsBulkAction).
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="signon"),
            *super().columns,
        ]

    def _get_title_column(self, *args, **kwargs):
        # The checkbox's accessible description names the organization.
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda signon: f"signon_{signon.pk}_title"
        )

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                nameable=Exists(
                    MemberOrganizationPage.objects.nameable_to(
                        self.request.viewer
                    ).filter(pk=OuterRef("organization_id"))
                )
            )
        )


class SignOnEditView(EditView):
    """Approving or declining goes through the same action as everywhere else."""

    def save_instance(self):
        signon = self.form.save(commit=False)
        return decide_signon(self.request.user, signon, signon.status)


class ApproveSignOnsBulkAction(BulkAction):
    """Approve the sign-ons ticked in the listing, each as a single approval is
    (decide_signon). Only those waiting for approval are approved: a declined or
    withdrawn one stays as it is, and the confirmation page says so."""

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected sign-ons")
    template_name = "campaigns/admin/confirm_bulk_approve.html"
    action_priority = 10
    models = [SignOn]

    def dispatch(self, request, *args, **kwargs):
        if not Viewer.for_user(request.user).is_coordinator:
            raise PermissionDenied(_("Only coordinators approve sign-ons."))
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [parse_id(str(each)) for each in object_ids]
        if not ids or None in ids:
            raise Http404(_("Choose sign-ons from the listing."))
        return list(
            model.objects.filter(pk__in=ids)
            .select_related("organization", "campaign")
            .order_by("organization__title")
        )

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" approves what can be approved, never every sign-on there is.
        return SignOn.objects.filter(status=SignOnStatus.PENDING).values_list(
            "pk", flat=True
        )

    def check_perm(self, signon):
        return signon.status == SignOnStatus.PENDING

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for signon in objects:
            decide_signon(user, signon, SignOnStatus.APPROVED)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d sign-on approved.",
            "%(count)d sign-ons approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "header_icon": "tick"}


register_permission_policy(Event, CoordinatorPermissionPolicy(Event))
register_permission_policy(
    SignOn, CoordinatorPermissionPolicy(SignOn, forbidden={"add"})
)
register_permission_policy(
    Pledge, CoordinatorPermissionPolicy(Pledge, forbidden={"add"})
)


class EventWhenColumn(Column):
    """When an event happens, in its own time zone and all-day items as dates,
    through the public calendar's template (campaigns/components/event_when.html),
    never the reader's zone: a Geneva session is at 10:00 Geneva time wherever
    the coordinator sits."""

    cell_template_name = "campaigns/admin/event_when_cell.html"


class EventViewSet(ModelViewSet):
    model = Event
    name = "campaign_events"
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    url_prefix = "campaigns/events"
    icon = "date"
    menu_label = _("Events and deadlines")
    index_view_class = BoundedIndexView
    # Written as the public calendar writes it (EventWhenColumn), sorted by time.
    list_display = [
        "title",
        "kind",
        EventWhenColumn(
            "when", accessor="starts_at", label=_("When"), sort_key="starts_at"
        ),
        "campaign",
    ]
    list_filter = ["kind", "campaign"]
    search_fields = ["title", "description"]
    ordering = ["-starts_at"]
    panels = Event.panels


class SignOnViewSet(ModelViewSet):
    model = SignOn
    name = "campaign_signons"
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    url_prefix = "campaigns/sign-ons"
    icon = "tick"
    menu_label = _("Sign-ons")
    index_view_class = SignOnIndexView
    index_template_name = "campaigns/admin/signon_index.html"
    edit_view_class = SignOnEditView
    # Statuses in words, as tags: waiting ones stand out.
    list_display = [
        "organization",
        "campaign",
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda signon: signon.status == SignOnStatus.PENDING,
        ),
        StatusFlagColumn(
            "unlisted", label=_("Listed"), true_label=_("Unlisted signer")
        ),
        "created_at",
    ]
    list_filter = ["status", "campaign", "unlisted"]
    # Exports never name an unlisted signer or a hidden organization.
    list_export = ["export_organization_name", "campaign", "status", "created_at"]
    export_headings = {"export_organization_name": _("Organization")}
    export_filename = "sign-ons"
    panels = [FieldPanel("status")]


class PledgeViewSet(ModelViewSet):
    model = Pledge
    name = "campaign_pledges"
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    url_prefix = "campaigns/pledges"
    icon = "group"
    menu_label = _("Pledges")
    index_view_class = PledgeIndexView
    list_display = ["name", "email", "postcode", "campaign", "created_at"]
    list_filter = ["campaign"]
    search_fields = ["name", "email", "postcode"]
    list_export = [
        "campaign",
        "name",
        "email",
        "postcode",
        "consented_at",
        "created_at",
    ]
    export_filename = "pledges"
    panels = [FieldPanel("name"), FieldPanel("email"), FieldPanel("postcode")]


class CampaignFilterSet(WagtailFilterSet):
    """The two statuses coordinators ask about: the campaign's own (upcoming,
    active, concluded) and published or draft. Not Wagtail's PageFilterSet, whose
    owner, editor and site filters look a chosen id up as given (an impossible id
    overflows the database; see home.admin_filters); the page explorer has them."""

    status = MultipleChoiceFilter(
        label=_("Campaign status"),
        choices=CampaignStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    published = ChoiceFilter(
        label=_("Published"),
        choices=[("live", _("Published")), ("draft", _("Draft"))],
        empty_label=_("Any"),
        widget=forms.RadioSelect,
        method="filter_published",
    )

    class Meta:
        model = CampaignPage
        fields = []

    def filter_published(self, queryset, name, value):
        return queryset.filter(live=value == "live")


def campaign_listing_columns():
    """Wagtail's page listing columns with the campaign's status, without the page
    type (every row is a campaign)."""
    columns = [
        column
        for column in PageListingViewSet.index_view_class.base_columns
        if column.name != "type"
    ]
    title = next(i for i, column in enumerate(columns) if column.name == "title")
    columns.insert(
        title + 1,
        StatusTagColumn(
            "campaign_status",
            accessor="get_status_display",
            label=_("Campaign status"),
            sort_key="status",
            primary=lambda page: page.status == CampaignStatus.ACTIVE,
        ),
    )
    return columns


class CampaignListingViewSet(PageListingViewSet):
    """Every campaign page in one flat listing, filtered by its status."""

    model = CampaignPage
    name = "campaign_pages"
    url_prefix = "campaigns/all"
    icon = "pick"
    menu_label = _("Campaigns")
    filterset_class = CampaignFilterSet
    columns = campaign_listing_columns()


class CampaignsViewSetGroup(ViewSetGroup):
    menu_label = _("Campaigns")
    menu_icon = "pick"
    # The campaigns themselves first, then what hangs off them.
    items = (CampaignListingViewSet, EventViewSet, SignOnViewSet, PledgeViewSet)


@hooks.register("register_admin_viewset")
def register_campaigns_viewsets():
    return CampaignsViewSetGroup()


hooks.register("register_bulk_action", ApproveSignOnsBulkAction)
