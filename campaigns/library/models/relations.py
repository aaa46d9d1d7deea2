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
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="resource_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("resource"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_resource"
            )
        ]
        verbose_name = _("resource issue area")
        verbose_name_plural = _("resource issue areas")


class ResourceContributor(Orderable):
    """An organization credited as having made the resource."""

    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    page = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="contributors",
        verbose_name=_("resource"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="contributed_resources",
        help_text=_("A member organization that made this resource."),
        verbose_name=_("organization"),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_credit_per_org_and_resource"
            )
        ]
        verbose_name = _("resource contributor")
        verbose_name_plural = _("resource contributors")


class ResourceCoSigner(Orderable):
    """An organization that co-signed a UN submission."""

    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    page = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="cosigners",
        verbose_name=_("resource"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="cosigned_submissions",
        help_text=_("A member organization that signed on to the submission."),
        verbose_name=_("organization"),
    )

    panels = [FieldPanel("organization")]

    class Meta(Orderable.Meta):
        verbose_name = _("co-signing organization")
        verbose_name_plural = _("co-signing organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organization"], name="one_cosign_per_org_and_resource"
            )
        ]


class ResourceDocument(Orderable):
    """A file attached to a resource. Served only to those who may see every
    resource it is attached to."""

    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    page = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="document_items",
        verbose_name=_("resource"),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="resource_items",
        help_text=_("A PDF, text or office document."),
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource document")
        verbose_name_plural = _("resource documents")


class ResourceLink(Orderable):
    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    page = ParentalKey(
        "campaigns.ResourcePage",
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("resource"),
    )
    label = models.CharField(
        max_length=120,
        help_text=_("What the link leads to, e.g. 'Recording'."),
        verbose_name=_("label"),
    )
    url = models.URLField(
        help_text=_("The full address."), verbose_name=_("web address")
    )

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource link")
        verbose_name_plural = _("resource links")
