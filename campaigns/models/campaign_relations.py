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
        "members.IssueArea", on_delete=models.CASCADE, related_name="campaign_items"
    )
    content_object = ParentalKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_campaign"
            )
        ]


class CampaignOrganization(Orderable):
    """A lead or partner organization on a campaign, chosen by coordinators.

    Shown only to people who may see the organization (the visibility verb)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead organization")
        PARTNER = "partner", _("Partner organization")

    campaign = ParentalKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="organization_links",
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="campaign_links",
        help_text=_("A member organization working on this campaign."),
    )
    role = models.CharField(
        max_length=16,
        choices=Role.choices,
        default=Role.PARTNER,
        help_text=_("Lead organizations run the campaign; partners work on it."),
    )

    panels = [FieldPanel("organization"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign organization")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                name="one_role_per_organization_and_campaign",
            )
        ]


class CampaignUpdate(Orderable):
    """A dated news post on a campaign. Published with the campaign page."""

    campaign = ParentalKey(
        "campaigns.CampaignPage", on_delete=models.CASCADE, related_name="updates"
    )
    title = models.CharField(max_length=160, help_text=_("The update's headline."))
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text=_("Shown as the update's date; a future time schedules it."),
    )
    body = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What happened and what comes next."),
    )

    panels = [FieldPanel("title"), FieldPanel("published_at"), FieldPanel("body")]

    class Meta(Orderable.Meta):
        verbose_name = _("campaign update")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"update-{self.pk}"
