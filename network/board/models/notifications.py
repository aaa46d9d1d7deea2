"""What tells a person something is new: how far they have read each thread,
and their notifications (an organization they work for was mentioned), read
only through what they may read now.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.board.models.access import may_use_board, organization_named_to
from network.board.models.threads import Post, Thread, post_readable_by


class ReadState(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    last_read_post_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="one_read_state_per_user_and_thread"
            )
        ]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_post_id}"


class NotificationQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """A person's notifications about what they may read now: a post they
        may read (post_readable_by) and an organization they may see by name.
        Every surface reads through this, so a demotion, a room made
        coordinators-only, a hidden post or a hidden organization hides the
        notification too, not only the thread it points to."""
        if not may_use_board(viewer):
            return self.none()
        return self.filter(
            post_readable_by(viewer, prefix="post__"),
            organization_named_to(viewer, "organization_id"),
            user_id=viewer.user_id,
        )

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        MENTION = "mention", _("Your organization was mentioned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The organization that was mentioned."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user_id}"
