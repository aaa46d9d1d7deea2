"""A joint campaign: its page, its status, its reads (CampaignQuerySet) and the
routes below it (sign-on/, pledge/, feed/, ical/), whose views live in
campaigns/views/."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from campaigns.admin_forms import IssueAreaTaggedPageForm
from campaigns.blocks import CampaignStreamBlock
from campaigns.models.campaign_relations import (
    CampaignIssueArea,
    CampaignOrganization,
)
from home.restrictions import in_private_section
from members.models.taxonomy import TERM_SEARCH_FIELDS

# Paths the campaign page and the index keep for their own routes.
RESERVED_CAMPAIGN_SLUGS = {"feed", "ical", "sign-on", "pledge"}


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


# Listing order: what people can act on now comes first.
STATUS_ORDER = models.Case(
    models.When(status=CampaignStatus.ACTIVE, then=0),
    models.When(status=CampaignStatus.UPCOMING, then=1),
    default=2,
    output_field=models.IntegerField(),
)


class CampaignQuerySet(PageQuerySet):
    """Reads of campaigns. Views compose these; none of them loops in Python."""

    def published(self):
        """Live campaigns without view restrictions: what feeds and listings show
        (Wagtail's public(), decided inside the query: home.restrictions)."""
        return self.live().filter(~in_private_section())

    def with_status(self, status):
        return self.filter(status=status) if status else self

    def in_issue_area(self, issue_area):
        if issue_area is None:
            return self
        return self.filter(issue_area_items__tag=issue_area).distinct()

    def involving(self, organization):
        """Campaigns the organization leads or partners on, or signed on to publicly."""
        from campaigns.models.signons import SignOnStatus

        return self.filter(
            Q(organization_links__organization=organization)
            | Q(
                signons__organization=organization,
                signons__status=SignOnStatus.APPROVED,
                signons__unlisted=False,
            )
        ).distinct()

    def with_counts(self):
        """Approved sign-ons, unlisted ones among them, and pledges, as
        subqueries on the campaign row itself (no extra query)."""
        from campaigns.models.pledges import Pledge
        from campaigns.models.signons import SignOn, SignOnStatus

        def count_of(queryset):
            return Coalesce(
                Subquery(
                    queryset.values("campaign").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )

        approved = SignOn.objects.filter(
            campaign=OuterRef("pk"), status=SignOnStatus.APPROVED
        )
        return self.annotate(
            approved_signons=count_of(approved),
            unlisted_signons=count_of(approved.filter(unlisted=True)),
            pledges_made=count_of(Pledge.objects.filter(campaign=OuterRef("pk"))),
        )

    def in_listing_order(self):
        return self.annotate(status_order=STATUS_ORDER).order_by(
            "status_order", "-start_date", "title"
        )

    def with_listing_data(self, viewer):
        """Issue areas, the lead organizations `viewer` may see, and counts, in a
        fixed number of queries whatever the number of campaigns."""
        from campaigns.models.signons import SignOnStatus
        from members.models import MemberOrganizationPage

        visible = MemberOrganizationPage.objects.visible_to(viewer).values("pk")
        return self.annotate(
            signon_count=Count(
                "signons",
                filter=Q(signons__status=SignOnStatus.APPROVED),
                distinct=True,
            )
        ).prefetch_related(
            Prefetch(
                "issue_area_items",
                queryset=CampaignIssueArea.objects.select_related("tag").order_by(
                    "tag__name"
                ),
            ),
            Prefetch(
                "organization_links",
                queryset=CampaignOrganization.objects.filter(
                    role=CampaignOrganization.Role.LEAD, organization__in=visible
                )
                .select_related("organization")
                .order_by("sort_order"),
                to_attr="visible_leads",
            ),
        )


CampaignManager = PageManager.from_queryset(CampaignQuerySet)


class CampaignPage(RoutablePageMixin, Page):
    """/campaigns/<slug>/: one joint campaign, its partners, sign-ons, pledges,
    updates and events. Routes below it: sign-on/, pledge/, feed/, ical/."""

    summary = models.CharField(
        max_length=300,
        help_text=_("One or two sentences: what the campaign wants to change."),
        verbose_name=_("summary"),
    )
    body = StreamField(
        CampaignStreamBlock(),
        blank=True,
        help_text=_("The campaign's story, evidence and documents."),
        verbose_name=_("body"),
    )
    issue_areas = ClusterTaggableManager(
        through=CampaignIssueArea,
        blank=True,
        verbose_name=_("issue areas"),
        help_text=_("Issue areas from the network's shared list."),
    )
    status = models.CharField(
        max_length=16,
        choices=CampaignStatus.choices,
        default=CampaignStatus.UPCOMING,
        db_index=True,
        help_text=_(
            "Concluded campaigns take no new sign-ons, withdrawals or pledges."
        ),
        verbose_name=_("status"),
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When the campaign starts."),
        verbose_name=_("start date"),
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When it ends, if it has an end."),
        verbose_name=_("end date"),
    )
    ask = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("the ask"),
        help_text=_("The call to action in one sentence: what we ask people to do."),
    )
    signon_statement = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        verbose_name=_("sign-on statement"),
        help_text=_(
            "The statement organizations endorse when they sign on. Leave empty if "
            "this campaign takes no organizational sign-ons."
        ),
    )
    auto_approve_signons = models.BooleanField(
        default=False,
        help_text=_(
            "List sign-ons at once instead of waiting for a coordinator's approval."
        ),
        verbose_name=_("approve sign-ons automatically"),
    )
    accepts_pledges = models.BooleanField(
        default=True,
        help_text=_("Let individual supporters add their name to the campaign."),
        verbose_name=_("accepts pledges"),
    )

    objects = CampaignManager()

    # Issue areas from the curated list, as checkboxes (campaigns.admin_forms).
    base_form_class = IssueAreaTaggedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("ask"),
        FieldPanel("body"),
        FieldPanel("issue_areas"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Status and dates"),
        ),
    ]
    organization_panels = [
        MultipleChooserPanel(
            "organization_links",
            chooser_field_name="organization",
            label=_("Lead and partner organizations"),
        ),
    ]
    participation_panels = [
        FieldPanel("signon_statement"),
        FieldPanel("auto_approve_signons"),
        FieldPanel("accepts_pledges"),
    ]
    update_panels = [InlinePanel("updates", label=_("Updates"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Campaign")),
            ObjectList(organization_panels, heading=_("Organizations")),
            ObjectList(participation_panels, heading=_("Sign-ons and pledges")),
            ObjectList(update_panels, heading=_("Updates")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("ask"),
        index.SearchField("body"),
        index.RelatedFields("issue_areas", TERM_SEARCH_FIELDS),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]

    # The public JSON API: public fields and publicly listed signatories only.
    api_fields = [
        APIField("summary"),
        APIField("ask"),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("public_signatories"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_CAMPAIGN_SLUGS:
            raise ValidationError(
                {
                    "slug": _(
                        "This address is used by the campaigns section; pick another."
                    )
                }
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be on or after the start date.")}
            )

    @property
    def is_closed(self):
        """Concluded campaigns, or those past their end date, take no new actions."""
        if self.status == CampaignStatus.CONCLUDED:
            return True
        return bool(self.end_date and self.end_date < timezone.localdate())

    @property
    def accepts_signons(self):
        return bool(self.signon_statement) and not self.is_closed

    @property
    def takes_pledges(self):
        return self.accepts_pledges and not self.is_closed

    @property
    def public_signatories(self):
        """Names any visitor may read: approved, listed, publicly listed orgs."""
        from campaigns.models.signons import SignOn

        return list(
            SignOn.objects.for_campaign(self)
            .publicly_named()
            .values_list("organization__title", flat=True)
        )

    def counts(self):
        """{"signons", "unlisted", "pledges"}: from the annotations `with_counts`
        put on the routed page, or one query when the page came another way."""
        if not hasattr(self, "pledges_made"):
            annotated = (
                CampaignPage.objects.filter(pk=self.pk)
                .with_counts()
                .values("approved_signons", "unlisted_signons", "pledges_made")
                .get()
            )
            for name, value in annotated.items():
                setattr(self, name, value)
        return {
            "signons": self.approved_signons,
            "unlisted": self.unlisted_signons,
            "pledges": self.pledges_made,
        }

    def published_updates(self):
        return self.updates.filter(published_at__lte=timezone.now()).order_by(
            "-published_at"
        )

    # Routes. Views live in campaigns/views/; imports are local because those
    # modules import these models.
    @path("")
    def campaign(self, request):
        from campaigns.views import campaign

        return campaign.campaign_page(request, self)

    @path("sign-on/")
    def sign_on(self, request):
        from campaigns.views import signons

        return signons.sign_on(request, self)

    @path("sign-on/withdraw/")
    def withdraw_sign_on(self, request):
        from campaigns.views import signons

        return signons.withdraw_sign_on(request, self)

    @path("pledge/")
    def pledge(self, request):
        from campaigns.views import pledges

        return pledges.pledge(request, self)

    @path("pledge/thanks/")
    def pledge_thanks(self, request):
        from campaigns.views import pledges

        return pledges.pledge_thanks(request, self)

    @path("pledge/confirm/<str:token>/")
    def pledge_confirm(self, request, token):
        from campaigns.views import pledges

        return pledges.pledge_confirm(request, self, token)

    @path("pledge/remove/")
    def pledge_removal_request(self, request):
        from campaigns.views import pledges

        return pledges.pledge_removal_request(request, self)

    @path("pledge/remove/<str:token>/")
    def pledge_remove(self, request, token):
        from campaigns.views import pledges

        return pledges.pledge_remove(request, self, token)

    @path("feed/")
    def rss_feed(self, request):
        from campaigns import feeds

        return feeds.CampaignUpdatesFeed(campaign=self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from campaigns import feeds

        return feeds.CampaignUpdatesAtomFeed(campaign=self)(request)

    @path("ical/")
    def ical(self, request):
        from campaigns import feeds

        return feeds.campaign_ical(request, self)
