from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


class BoardPage(RoutablePageMixin, Page):
    """/board/: the discussion board. Rooms and threads are routes under it."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two at the top of the board."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("discussion board")
