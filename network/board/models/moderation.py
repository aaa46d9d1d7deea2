"""Moderation's records: flags people raise on posts, and suspensions from
posting (a lifted suspension keeps its row, for the record).

The decisions themselves are actions (network/board/actions/moderation.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.board.models.threads import Post


class FlagReason(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment or abuse")
    SAFETY = "safety", _("Puts someone's safety at risk (e.g. reveals a location)")
    SPAM = "spam", _("Spam or advertising")
    MISINFORMATION = "misinformation", _("False or misleading information")
    OTHER = "other", _("Something else")


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reporter"),
    )
    reason = models.CharField(
        max_length=20, choices=FlagReason.choices, verbose_name=_("reason")
    )
    note = models.CharField(max_length=500, blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    resolved_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("resolved")
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.CharField(
        max_length=20, blank=True, verbose_name=_("resolution")
    )

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_flag_per_post_and_reporter",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on post #{self.post_id}"


class BoardBan(models.Model):
    """A person suspended from posting. Lifting keeps the row, for the record."""

    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="board_bans",
        verbose_name=_("user"),
    )
    reason = models.CharField(max_length=300, verbose_name=_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    lifted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("lifted"))

    class Meta:
        verbose_name = _("board suspension")
        verbose_name_plural = _("board suspensions")

    def __str__(self):
        return f"{self.user} suspended from posting"


def is_suspended_from_posting(user):
    return BoardBan.objects.filter(user=user, lifted_at__isnull=True).exists()
