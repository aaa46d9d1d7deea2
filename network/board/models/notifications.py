"""How far each person has read each thread (their notifications are
network.notifications')."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from network.board.models.threads import Thread


class ReadState(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="+", verbose_name=_("thread")
    )
    last_read_post_id = models.BigIntegerField(
        default=0, verbose_name=_("last post read")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "thread"], name="one_read_state_per_user_and_thread"
            )
        ]
        verbose_name = _("read state")
        verbose_name_plural = _("read states")

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_post_id}"
