from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


class CampaignIndexPage(RoutablePageMixin, Page):
    """/campaigns/: the network's joint campaigns, filterable by status and issue
    area, with upcoming deadlines beside them; /campaigns/feed/ for all updates."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the list of campaigns."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = _("campaign index")
        verbose_name_plural = _("campaign indexes")

    def route(self, request, path_components):
        # A campaign, with its counts, in one query (the generic route fetches the
        # child page, then its specific row). This page's own routes (feed/) are
        # reserved slugs on CampaignPage, so they fall through to super().
        if path_components:
            from campaigns.models.campaigns import CampaignPage

            campaign = (
                CampaignPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .with_counts()
                .first()
            )
            if campaign is not None:
                campaign._cached_parent_obj = self
                return campaign.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def index(self, request):
        from campaigns.views import sections

        return sections.campaign_index(request, self)

    @path("feed/")
    def rss_feed(self, request):
        from campaigns import feeds

        return feeds.CampaignUpdatesFeed(index=self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from campaigns import feeds

        return feeds.CampaignUpdatesAtomFeed(index=self)(request)


class CalendarPage(RoutablePageMixin, Page):
    """/calendar/: events and deadlines across the network; /calendar/ical/ is the
    same as an iCalendar feed (routable paths cannot contain dots)."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the calendar."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")

    @path("")
    def calendar(self, request):
        from campaigns.views import sections

        return sections.calendar(request, self)

    @path("ical/")
    def ical(self, request):
        from campaigns import feeds

        return feeds.calendar_ical(request, self)
