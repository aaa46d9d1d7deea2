"""Network news: /news/ and its RSS and Atom feeds. Coordinators publish news from
the Wagtail admin (members have no admin access); it is always public."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from campaigns.admin_forms import IssueAreaTaggedPageForm
from home.blocks import BaseStreamBlock
from members.models.taxonomy import TERM_SEARCH_FIELDS

NEWS_PER_PAGE = 12
# The rendition news cards show; prefetched with the list (see news_card.html).
CARD_IMAGE_FILTER = "fill-480x270"


class NewsQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def newest_first(self):
        return self.order_by("-date", "-pk")

    def in_issue_areas(self, issue_areas):
        return self.filter(issue_area_items__tag__in=issue_areas).distinct()

    def with_listing_data(self):
        from home.models import SiteImage

        return self.prefetch_related(
            Prefetch(
                "featured_image",
                queryset=SiteImage.objects.prefetch_renditions(CARD_IMAGE_FILTER),
            ),
            Prefetch(
                "issue_area_items", queryset=NewsIssueArea.objects.select_related("tag")
            ),
        )


NewsManager = PageManager.from_queryset(NewsQuerySet)


class NewsIndexPage(RoutablePageMixin, Page):
    """/news/ lists network news; /news/feed/ is RSS, /news/feed/atom/ is Atom."""

    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two above the news."),
        verbose_name=_("introduction"),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return (
            NewsPage.objects.child_of(self)
            .published()
            .newest_first()
            .with_listing_data()
        )

    @path("")
    def index(self, request):
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        items = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"items": items})

    @path("feed/")
    def rss_feed(self, request):
        from campaigns.news.feeds import NewsFeed

        return NewsFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from campaigns.news.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsIssueArea(ItemBase):
    tag = models.ForeignKey(
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="news_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "campaigns.NewsPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("news item"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_news_item"
            )
        ]
        verbose_name = _("news issue area")
        verbose_name_plural = _("news issue areas")


def today():
    return datetime.date.today()


class NewsPage(Page):
    date = models.DateField(
        default=today,
        db_index=True,
        help_text=_("The date the news is dated."),
        verbose_name=_("date"),
    )
    summary = models.CharField(
        max_length=300,
        help_text=_("One or two sentences shown in lists, feeds and on the home page."),
        verbose_name=_("summary"),
    )
    featured_image = models.ForeignKey(
        "home.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Re-encoded on upload without metadata."),
        verbose_name=_("featured image"),
    )
    featured_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name=_("featured image alternative text"),
        help_text=_(
            "What the image shows, for people who cannot see it. Required with an "
            "image."
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("The news itself."),
        verbose_name=_("body"),
    )
    issue_areas = ClusterTaggableManager(
        through=NewsIssueArea,
        blank=True,
        verbose_name=_("issue areas"),
        help_text=_("The issue areas this news is about."),
    )

    objects = NewsManager()

    # Issue areas from the curated list, as checkboxes (campaigns.admin_forms).
    base_form_class = IssueAreaTaggedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("featured_image"), FieldPanel("featured_image_alt")],
            heading=_("Featured image"),
        ),
        FieldPanel("issue_areas"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("issue_areas", TERM_SEARCH_FIELDS),
        index.FilterField("date"),
    ]

    parent_page_types = ["campaigns.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def clean(self):
        super().clean()
        if self.featured_image_id and not self.featured_image_alt.strip():
            raise ValidationError(
                {
                    "featured_image_alt": _(
                        "Describe the image for people who cannot see it."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_issue_areas"] = list(self.issue_areas.all())
        return context
