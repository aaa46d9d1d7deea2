from django.db import models
from django.utils.translation import gettext_lazy as _


class PledgeQuerySet(models.QuerySet):
    def for_export(self):
        return self.select_related("campaign").order_by("campaign__title", "created_at")


class Pledge(models.Model):
    """An individual supporter's pledge. Never shown publicly (only counted);
    exported by coordinators; removed when the supporter asks."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", on_delete=models.CASCADE, related_name="pledges"
    )
    name = models.CharField(max_length=120, help_text=_("The supporter's name."))
    # Stored lower-cased: the same address pledging again updates this row.
    email = models.EmailField(max_length=254, help_text=_("The supporter's email."))
    postcode = models.CharField(
        max_length=12, help_text=_("ZIP or postal code, for counting by place.")
    )
    consented_at = models.DateTimeField(
        help_text=_("When the supporter agreed to the network keeping these details.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"], name="one_pledge_per_email_and_campaign"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.campaign}"
