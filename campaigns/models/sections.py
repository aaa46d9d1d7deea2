from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


class CampaignIndexPage(Page):
    """/campaigns/: the network's joint campaigns."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the list of campaigns."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("campaign index")


class CalendarPage(RoutablePageMixin, Page):
    """/calendar/: events and deadlines across the network, with iCal feeds."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the calendar."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("calendar")
