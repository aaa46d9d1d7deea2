"""The rows an organization's profile holds, edited inline with it: its issue
areas (tags from the shared taxonomy) and its links elsewhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class OrganizationIssueArea(ItemBase):
    """Tags organizations with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea", on_delete=models.CASCADE, related_name="organization_items"
    )
    content_object = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_organization"
            )
        ]


class OrganizationLink(Orderable):
    organization = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="social_links",
    )
    label = models.CharField(
        max_length=60,
        verbose_name=_("name"),
        help_text=_("For example Bluesky, Mastodon or YouTube."),
    )
    url = models.URLField(verbose_name=_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]
