from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _


class SignOnStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SignOnQuerySet(models.QuerySet):
    """Reads of sign-ons. Who may be *named* is decided here, from the one
    visibility verb on organizations; nothing else names a signatory."""

    def for_campaign(self, campaign):
        return self.filter(campaign=campaign)

    def approved(self):
        return self.filter(status=SignOnStatus.APPROVED)

    def named_to(self, viewer):
        """Approved, listed sign-ons whose organization `viewer` may see by name.

        Hidden organizations are never named in a sign-on list, not even to their
        own staff (they see their own status in the sign-on panel instead);
        members-only ones are named to members; unlisted signers to no one."""
        from members.models import MemberOrganizationPage

        nameable = MemberOrganizationPage.objects.nameable_to(viewer).filter(
            pk=OuterRef("organization_id")
        )
        return (
            self.approved()
            .filter(unlisted=False)
            .filter(Exists(nameable))
            .select_related("organization")
            .order_by("organization__title")
        )

    def publicly_named(self):
        """What machine surfaces (API, feeds) may name: publicly listed orgs only."""
        from members.models import MemberOrganizationPage

        return (
            self.approved()
            .filter(unlisted=False)
            .filter(
                organization__in=MemberOrganizationPage.objects.publicly_listed().values(
                    "pk"
                )
            )
            .order_by("organization__title")
        )

    def counts(self):
        """Approved and unlisted counts in one aggregate query."""
        return self.approved().aggregate(
            total=Count("pk"), unlisted=Count("pk", filter=Q(unlisted=True))
        )


class SignOn(models.Model):
    """A member organization endorses a campaign's sign-on statement.

    One per organization per campaign (a database constraint; the form says so
    first). A withdrawn sign-on keeps its row and may be renewed."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="signons",
        verbose_name=_("campaign"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="campaign_signons",
        verbose_name=_("organization"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organization admin who signed."),
        verbose_name=_("signed by"),
    )
    unlisted = models.BooleanField(
        default=False,
        verbose_name=_("unlisted signer"),
        help_text=_("Counted, but never named anywhere, for groups at risk."),
    )
    status = models.CharField(
        max_length=16,
        choices=SignOnStatus.choices,
        default=SignOnStatus.PENDING,
        db_index=True,
        help_text=_("Approve to count the sign-on and list it (unless unlisted)."),
        verbose_name=_("status"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))
    decided_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("decided")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = SignOnQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-on")
        verbose_name_plural = _("sign-ons")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"],
                name="one_signon_per_organization_and_campaign",
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.campaign}"

    @property
    def export_organization_name(self):
        """The organization as exports show it. Unlisted signers, and organizations
        not nameable in shared lists (`nameable`, annotated by the export's
        queryset; hidden ones), stay unnamed: an export travels beyond the admin."""
        if self.unlisted:
            return str(_("Unlisted signer"))
        if not getattr(self, "nameable", False):
            return str(_("A member organization"))
        return self.organization.title
