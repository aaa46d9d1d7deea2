"""The member directory page (/members/): the parent of every profile, with its
routes: a profile by its slug, the directory's search, its download as CSV and
the graph. The search and its download are members/directory.py; the graph,
members/graph.py."""

from django.db import models
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from members.models.organizations import (
    RESERVED_DIRECTORY_SLUGS,
    MemberOrganizationPage,
)


class MemberDirectoryPage(RoutablePageMixin, Page):
    """/members/: the directory and partner finder; parent of every profile."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the search box."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.MemberOrganizationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("member directory")
        verbose_name_plural = _("member directories")

    # Imports inside the routes: members.directory and friends import this module.

    def route(self, request, path_components):
        """/members/<slug>/…: a profile is found in one query (the specific page,
        its logo, and whether the viewer may see it) instead of Wagtail's two, plus
        one more in serve(). A slug the viewer may not see answers the same 404,
        after the same one query, as a slug that does not exist: falling back to
        Wagtail's route for it would load the hidden page and only refuse it in
        serve(), which is measurably slower and confirms a guessed slug."""
        if (
            not self.live
            or not path_components
            or path_components[0] in RESERVED_DIRECTORY_SLUGS
        ):
            # The directory itself and its own routes (graph/…).
            return super().route(request, path_components)
        organization = (
            MemberOrganizationPage.objects.visible_to(request.viewer)
            .child_of(self)
            .filter(slug=path_components[0])
            .select_related("logo")
            .first()
        )
        if organization is None:
            raise Http404
        organization.checked_visible_to = request.viewer
        return organization.route(request, path_components[1:])

    @path("", name="directory")
    def directory(self, request):
        from members.complements import PARAM, complements_page
        from members.directory import DirectoryResults

        if PARAM in request.GET:
            # "Complements us": one's own organization's partners, not a search.
            return complements_page(self, request)
        return self.render_directory(
            request, DirectoryResults(request.viewer, request.GET)
        )

    def render_directory(self, request, results, status=200):
        response = self.render(
            request,
            context_overrides={
                "results": results,
                "search": results.search,
            },
        )
        response.status_code = status
        return response

    @path("export/", name="export")
    def export(self, request):
        """/members/export/?<the directory's own parameters>: the organizations
        the directory shows for them, as CSV. An address the directory could not
        use as given, or a search too large for one file, gets the directory
        page itself, saying so, and no file."""
        from members.directory import DirectoryDownload, DirectoryResults

        download = DirectoryDownload(request.viewer, request.GET)
        if not download.can_download:
            return self.render_directory(
                request, DirectoryResults(request.viewer, request.GET), status=400
            )
        return download.response(directory_url=self.get_full_url(request))

    @path("graph/", name="graph")
    def graph(self, request):
        from members.graph import graph_filters, graph_states
        from members.models.taxonomy import IssueArea

        issue_areas = list(IssueArea.objects.only("pk", "name", "slug"))
        states = graph_states(request.viewer)
        issue, state = graph_filters(
            request.GET, {area.slug for area in issue_areas}, set(states)
        )
        return self.render(
            request,
            template="members/member_graph_page.html",
            context_overrides={
                "issue_areas": issue_areas,
                "states": states,
                "chosen_issue": issue,
                "chosen_state": state,
            },
        )

    @path("graph/data/", name="graph_data")
    def graph_data(self, request):
        from members.graph import graph_data, graph_filters
        from members.models.taxonomy import IssueArea

        issue, state = graph_filters(
            request.GET, set(IssueArea.objects.values_list("slug", flat=True))
        )
        response = JsonResponse(graph_data(request, issue=issue, state=state))
        if request.viewer.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append(
                {"location": self.get_full_url(request) + "graph/", "lastmod": None}
            )
        return urls
