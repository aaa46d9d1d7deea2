from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


class IssueAreaIndexPage(RoutablePageMixin, Page):
    """/issues/ lists the issue areas by rights category; /issues/<slug>/ is one
    area's hub: its organizations, campaigns, deadlines and board room."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the list of issue areas."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("issue areas index")
