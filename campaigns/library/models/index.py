"""The library's index page, /resources/: its facets and search live in
campaigns/library/search.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from campaigns.library.models.resources import ResourcePage


class ResourceIndexPage(Page):
    """/resources/: the library, with facets and full-text search in the URL."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the search box."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    def route(self, request, path_components):
        # One query for the resource and its own fields, and the parent kept for
        # the breadcrumb (the generic route fetches the page, then its row).
        if path_components:
            resource = (
                ResourcePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if resource is not None:
                resource._cached_parent_obj = self
                return resource.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from campaigns.library.search import LibraryResults

        context = super().get_context(request, *args, **kwargs)
        results = LibraryResults(self, request.viewer, request.GET)
        # The directory's shapes: the results, and the search they answer.
        context.update(results=results, search=results.search)
        return context
