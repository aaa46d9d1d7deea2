"""Threads, their posts and the earlier versions of edited posts, with the verbs
that decide which of them a person may read.

Reads are queryset verbs here; writes live in network/board/actions/.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase

from network.board.models.access import may_use_board, organization_named_to
from network.board.models.rooms import Room


class ThreadIssueArea(ItemBase):
    """Tags board threads with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea",
        on_delete=models.CASCADE,
        related_name="thread_items",
        verbose_name=_("issue area"),
    )
    content_object = ParentalKey(
        "network.Thread",
        on_delete=models.CASCADE,
        related_name="issue_area_items",
        verbose_name=_("thread"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_thread"
            )
        ]
        verbose_name = _("thread issue area")
        verbose_name_plural = _("thread issue areas")


class ThreadQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        return self.filter(room__in=Room.objects.readable_by(viewer))

    def newest_activity_first(self):
        return self.order_by("-pinned", "-last_activity_at", "-pk")

    def with_listing_data(self, viewer):
        return self.select_related("room", "author", "organization").annotate(
            organization_named=organization_named_to(viewer)
        )

    def in_issue_areas(self, issue_areas):
        """Threads tagged with, or in the room of, any of these issue areas."""
        return self.filter(
            Q(issue_area_items__tag__in=issue_areas)
            | Q(room__issue_area__in=issue_areas)
        ).distinct()


class Thread(ClusterableModel):
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="threads", verbose_name=_("room")
    )
    title = models.CharField(max_length=160, verbose_name=_("title"))
    issue_areas = ClusterTaggableManager(
        through=ThreadIssueArea, blank=True, verbose_name=_("issue areas")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organization the author speaks for."),
        verbose_name=_("organization"),
    )
    pinned = models.BooleanField(default=False, verbose_name=_("pinned"))
    locked = models.BooleanField(default=False, verbose_name=_("locked"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    last_activity_at = models.DateTimeField(
        db_index=True, verbose_name=_("last activity")
    )
    # Posts not hidden by moderators; kept in step by the actions.
    post_count = models.PositiveIntegerField(default=0, verbose_name=_("post count"))
    # The id of this thread's latest event in its room's sequence.
    last_event_id = models.BigIntegerField(
        default=0, verbose_name=_("last event number")
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["room", "-pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("board_thread", args=[self.room.slug, self.pk])


def post_readable_by(viewer, prefix=""):
    """A Q that is true for posts `viewer` may read now: in a room they may read
    (Room.readable_by), and not hidden by a moderator unless they moderate.
    `prefix` reaches the post through a relation ("post__")."""
    if not may_use_board(viewer):
        return Q(pk__in=[])
    readable = Q(**{f"{prefix}thread__room__in": Room.objects.readable_by(viewer)})
    if not viewer.is_coordinator:
        readable &= Q(**{f"{prefix}hidden": False})
    return readable


class PostQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden=False)

    def readable_by(self, viewer):
        return self.filter(post_readable_by(viewer))

    def with_display_data(self, viewer):
        return self.select_related("author", "organization").annotate(
            organization_named=organization_named_to(viewer)
        )


class Post(models.Model):
    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="board_posts",
        verbose_name=_("author"),
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organization"),
    )
    body = models.TextField(
        help_text=_("Markdown, as the author wrote it."), verbose_name=_("body")
    )
    html = models.TextField(
        help_text=_("The body rendered and sanitized."), verbose_name=_("body as shown")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created")
    )
    edited_at = models.DateTimeField(null=True, blank=True, verbose_name=_("edited"))
    hidden = models.BooleanField(default=False, verbose_name=_("hidden"))
    hidden_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("when hidden")
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(
        max_length=300, blank=True, verbose_name=_("hidden reason")
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["thread", "hidden", "id"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}?post={self.pk}#post-{self.pk}"


class PostRevision(models.Model):
    """An earlier version of an edited post, kept for moderators."""

    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    body = models.TextField(verbose_name=_("body"))
    created_at = models.DateTimeField(
        help_text=_("When this version was written (created or last edited)."),
        verbose_name=_("created"),
    )
    replaced_at = models.DateTimeField(auto_now_add=True, verbose_name=_("replaced"))

    class Meta:
        ordering = ["-replaced_at"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        return f"Earlier version of post #{self.post_id}"
