from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


class IssueAreaIndexPage(RoutablePageMixin, Page):
    """/issues/ lists the issue areas by rights category; /issues/<slug>/ is one
    area's hub: its organizations, campaigns, deadlines and board room."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the list of issue areas."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("issue areas index")
        verbose_name_plural = _("issue areas indexes")

    @path("", name="index")
    def index(self, request):
        from members.hubs import issue_areas_by_category

        return self.render(
            request,
            context_overrides={
                "categories": issue_areas_by_category(request.viewer),
            },
        )

    @path("<slug:slug>/", name="hub")
    def hub(self, request, slug):
        from home.chrome import section_url
        from members.hubs import hub_page
        from members.models.directory import MemberDirectoryPage
        from members.models.taxonomy import IssueArea
        from members.related_rights import related_issue_areas

        area = IssueArea.objects.filter(slug=slug).first()
        if area is None:
            raise Http404
        return self.render(
            request,
            template="members/issue_area_hub.html",
            context_overrides={
                "issue_area": area,
                "organizations": hub_page(
                    request.viewer, area, request.GET.get("page")
                ),
                "related_areas": related_issue_areas([area]),
                # The directory's graph route, under the directory's own url.
                "graph_url": (section_url("memberdirectorypage") or "")
                + MemberDirectoryPage.get_resolver().reverse("graph"),
            },
        )

    def get_sitemap_urls(self, request=None):
        """The index and every issue area's hub: hubs are public pages; what they
        list is filtered per viewer when served."""
        from members.models.taxonomy import IssueArea

        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = self.get_full_url(request)
        for slug in IssueArea.objects.values_list("slug", flat=True):
            urls.append({"location": f"{base}{slug}/", "lastmod": None})
        return urls
