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
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="organization_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("organization"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_organization"
            )
        ]
        verbose_name = _("organization issue area")
        verbose_name_plural = _("organization issue areas")


class OrganizationLink(Orderable):
    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    organization = ParentalKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="social_links",
        verbose_name=_("organization"),
    )
    label = models.CharField(
        max_length=60,
        verbose_name=_("name"),
        help_text=_("For example Bluesky, Mastodon or YouTube."),
    )
    url = models.URLField(verbose_name=_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("organization link")
        verbose_name_plural = _("organization links")
