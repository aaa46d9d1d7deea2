"""The rows a resource page holds, edited inline with it: its issue areas, the
organizations credited with or co-signing it, its documents and its links.
Attached documents follow their resources: see campaigns/library/documents.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class ResourceIssueArea(ItemBase):
    """Tags resources with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea", on_delete=models.CASCADE, related_name="resource_items"
    )
    content_object = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_resource"
            )
        ]


class ResourceContributor(Orderable):
    """An organization credited as having made the resource."""

    page = ParentalKey(
        "campaigns.ResourcePage", on_delete=models.CASCADE, related_name="contributors"
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="contributed_resources",
        help_text=_("A member organization that made this resource."),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_credit_per_org_and_resource"
            )
        ]


class ResourceCoSigner(Orderable):
    """An organization that co-signed a UN submission."""

    page = ParentalKey(
        "campaigns.ResourcePage", on_delete=models.CASCADE, related_name="cosigners"
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="cosigned_submissions",
        help_text=_("A member organization that signed on to the submission."),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        verbose_name = _("co-signing organization")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_cosign_per_org_and_resource"
            )
        ]


class ResourceDocument(Orderable):
    """A file attached to a resource. Served only to those who may see every
    resource it is attached to."""

    page = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="document_items",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="resource_items",
        help_text=_("A PDF, text or office document."),
    )

    panels = [FieldPanel("document")]


class ResourceLink(Orderable):
    page = ParentalKey(
        "campaigns.ResourcePage", on_delete=models.CASCADE, related_name="links"
    )
    label = models.CharField(
        max_length=120, help_text=_("What the link leads to, e.g. 'Recording'.")
    )
    url = models.URLField(help_text=_("The full address."))

    panels = [FieldPanel("label"), FieldPanel("url")]
