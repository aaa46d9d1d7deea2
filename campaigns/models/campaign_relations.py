"""What a campaign page holds, edited inline with it: its issue areas, its lead
and partner organizations, and its dated updates."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


class CampaignIssueArea(ItemBase):
    """Tags campaigns with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="campaign_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("campaign"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_campaign"
            )
        ]
        verbose_name = _("campaign issue area")
        verbose_name_plural = _("campaign issue areas")


class CampaignOrganization(Orderable):
    """A lead or partner organization on a campaign, chosen by coordinators.

    Shown only to people who may see the organization (the visibility verb)."""

    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead organization")
        PARTNER = "partner", _("Partner organization")

    campaign = ParentalKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="organization_links",
        verbose_name=_("campaign"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="campaign_links",
        help_text=_("A member organization working on this campaign."),
        verbose_name=_("organization"),
    )
    role = models.CharField(
        max_length=16,
        choices=Role.choices,
        default=Role.PARTNER,
        help_text=_("Lead organizations run the campaign; partners work on it."),
        verbose_name=_("role"),
    )

    panels = [FieldPanel("organization"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign organization")
        verbose_name_plural = _("campaign organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                name="one_role_per_organization_and_campaign",
            )
        ]


class CampaignUpdate(Orderable):
    """A dated news post on a campaign. Published with the campaign page."""

    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    campaign = ParentalKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("campaign"),
    )
    title = models.CharField(
        max_length=160, help_text=_("The update's headline."), verbose_name=_("title")
    )
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text=_("Shown as the update's date; a future time schedules it."),
        verbose_name=_("published"),
    )
    body = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What happened and what comes next."),
        verbose_name=_("body"),
    )

    panels = [FieldPanel("title"), FieldPanel("published_at"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign update")
        verbose_name_plural = _("campaign updates")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"update-{self.pk}"
