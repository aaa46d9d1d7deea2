import hashlib
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Pledge(models.Model):
    """An individual supporter's pledge. Never shown publicly (only counted);
    exported by coordinators; removed when the supporter asks."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="pledges",
        verbose_name=_("campaign"),
    )
    name = models.CharField(
        max_length=120, help_text=_("The supporter's name."), verbose_name=_("name")
    )
    # Stored lower-cased: the same address pledging again updates this row.
    email = models.EmailField(
        max_length=254, help_text=_("The supporter's email."), verbose_name=_("email")
    )
    postcode = models.CharField(
        max_length=12,
        help_text=_("ZIP or postal code, for counting by place."),
        verbose_name=_("postcode"),
    )
    consented_at = models.DateTimeField(
        help_text=_("When the supporter agreed to the network keeping these details."),
        verbose_name=_("consented"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="one_pledge_per_email_and_campaign"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.campaign}"


# A confirmation link works for a week after the form was sent.
PENDING_PLEDGE_LIFETIME = timedelta(days=7)


def token_digest(token):
    """What is stored of a link's token: its SHA-256, so that the database (a
    backup, a leak) holds no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def _expiry_cutoff(now):
    """Rows created at or before this have expired."""
    return (now or timezone.now()) - PENDING_PLEDGE_LIFETIME


class PendingPledgeQuerySet(models.QuerySet):
    def unexpired(self, now=None):
        return self.filter(created_at__gt=_expiry_cutoff(now))

    def expired(self, now=None):
        return self.filter(created_at__lte=_expiry_cutoff(now))

    def for_token(self, token):
        return self.filter(token_digest=token_digest(token))


class PendingPledge(models.Model):
    """What someone typed in a pledge form, kept until the address's owner
    confirms it through the link emailed to it (then it becomes or updates a
    Pledge and this row goes). The link carries only a random token; this row
    keeps its digest. Unconfirmed, it stops working after a week and is deleted
    when a later pledge form arrives. Never shown publicly, not exported."""

    # Short-lived and not content: no reference-index rows for it (the campaign's
    # usage in the admin would list every unconfirmed pledge).
    wagtail_reference_index_ignore = True

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        on_delete=models.CASCADE,
        related_name="pending_pledges",
        verbose_name=_("campaign"),
    )
    name = models.CharField(
        max_length=120,
        help_text=_("The name typed in the form."),
        verbose_name=_("name"),
    )
    # Stored lower-cased, as on Pledge.
    email = models.EmailField(
        max_length=254,
        help_text=_("The address the link was sent to."),
        verbose_name=_("email"),
    )
    postcode = models.CharField(
        max_length=12,
        help_text=_("The ZIP or postal code typed in the form."),
        verbose_name=_("postcode"),
    )
    consented_at = models.DateTimeField(
        help_text=_(
            "When the form's consent box was ticked. The pledge's own consent is "
            "given when the link is confirmed."
        ),
        verbose_name=_("consented"),
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created")
    )
    # Set when the link is emailed (by the task that sends it, so the token is
    # never stored anywhere, the task queue included); empty if it was not sent.
    token_digest = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        verbose_name=_("confirmation code (hashed)"),
    )

    objects = PendingPledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("unconfirmed pledge")
        verbose_name_plural = _("unconfirmed pledges")

    def __str__(self):
        return f"{self.name} – {self.campaign} (unconfirmed)"
