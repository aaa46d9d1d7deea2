"""The members app's Wagtail hooks: the coordinators' desk (applications,
suggested issue areas, the dashboard panel, resetting another person's two-factor
sign-in, the directory's export and import, and the audit log's actions, built
in members/admin_desk/), and the shared vocabulary (issue areas, approaches,
populations served) as snippets, grouped under one "Taxonomy" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.admin_desk import two_factor
from members.admin_desk.applications import application_viewset
from members.admin_desk.audit_log import register_log_actions
from members.admin_desk.dashboard import NetworkDeskPanel
from members.admin_desk.export import export_admin_urls, export_menu_item
from members.admin_desk.imports import import_admin_urls, import_menu_item
from members.admin_desk.suggestions import suggestion_viewset
from members.forms.taxonomy import IssueAreaForm
from members.models import Approach, IssueArea, Population

# --- the coordinators' desk ---------------------------------------------------------

hooks.register("register_log_actions", register_log_actions)
hooks.register("register_admin_urls", export_admin_urls)
hooks.register("register_admin_menu_item", export_menu_item)
hooks.register("register_admin_urls", import_admin_urls)
hooks.register("register_admin_menu_item", import_menu_item)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    return suggestion_viewset


hooks.register("register_admin_urls", two_factor.admin_urls)
hooks.register("register_settings_menu_item", two_factor.menu_item)
hooks.register("register_user_listing_buttons", two_factor.user_listing_buttons)


@hooks.register("construct_homepage_panels")
def add_network_desk_panel(request, panels):
    if request.viewer.is_coordinator:
        panels.append(NetworkDeskPanel())


# --- the vocabulary -----------------------------------------------------------------


class IssueAreaViewSet(SnippetViewSet):
    model = IssueArea
    pk_path_converter = "id"  # ids in URLs are bounded (home.converters)
    icon = "tag"
    menu_label = _("Issue areas")
    list_display = ["name", "rights_category", "description"]
    list_filter = ["rights_category"]
    search_fields = ["name", "description"]
    # Search the table itself: the seeded vocabulary comes from a data migration,
    # which the search index never saw, and the list is short.
    search_backend_name = None
    ordering = ["name"]
    # The model's panels, on the form that offers only the other issue areas.
    edit_handler = ObjectList(IssueArea.panels, base_form_class=IssueAreaForm)


class ApproachViewSet(SnippetViewSet):
    model = Approach
    pk_path_converter = "id"
    icon = "cogs"
    menu_label = _("Approaches")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PopulationViewSet(SnippetViewSet):
    model = Population
    pk_path_converter = "id"
    icon = "group"
    menu_label = _("Populations served")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (IssueAreaViewSet, ApproachViewSet, PopulationViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
