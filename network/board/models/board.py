"""The board's nouns: rooms, threads, posts, their history, flags, read state,
notifications and the per-room event log that live delivery replays from.

Reads are queryset verbs here; writes live in network/board/actions.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase

from members.models import MemberOrganizationPage
from members.viewer import require_viewer


def may_use_board(viewer):
    """Members-only: staff of an organization in good standing, or a coordinator
    (Viewer.may_use_board)."""
    return require_viewer(viewer).may_use_board


def organization_named_to(viewer, field="organization_id"):
    """An expression that is true when `viewer` may see the organization in
    `field` by name. Built on the one privacy verb, never re-implemented."""
    return Exists(
        MemberOrganizationPage.objects.visible_to(viewer).filter(pk=OuterRef(field))
    )


class RoomKind(models.TextChoices):
    ISSUE_AREA = "issue_area", _("Issue area")
    CAMPAIGN = "campaign", _("Campaign")
    GENERAL = "general", _("General")


class RoomQuerySet(models.QuerySet):
    def readable_by(self, viewer):
        """Rooms a person may read and subscribe to. Coordinators-only rooms are for
        coordinators; archived rooms stay readable (their history matters)."""
        if not may_use_board(viewer):
            return self.none()
        if viewer.is_coordinator:
            return self.all()
        return self.filter(coordinators_only=False)

    def open(self):
        return self.filter(archived=False)


class Room(models.Model):
    """A room per issue area, per campaign, plus general rooms."""

    kind = models.CharField(max_length=16, choices=RoomKind.choices)
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("The room's address under /board/.")
    )
    name = models.CharField(max_length=120, help_text=_("The room's name."))
    description = models.CharField(
        max_length=300, blank=True, help_text=_("One line on what the room is for.")
    )
    issue_area = models.OneToOneField(
        "members.IssueArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_room",
        help_text=_("For issue-area rooms: the area this room is about."),
    )
    # A campaign room points at its campaign page. Referencing wagtailcore.Page keeps
    # this app's migrations independent of the campaigns app's.
    campaign = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_room",
        help_text=_("For campaign rooms: the campaign this room is about."),
    )
    coordinators_only = models.BooleanField(
        default=False, help_text=_("Only coordinators may read and post here.")
    )
    archived = models.BooleanField(
        default=False,
        help_text=_("Archived rooms keep their history but take no new threads."),
    )
    position = models.PositiveSmallIntegerField(
        default=100, help_text=_("Lower comes first among general rooms.")
    )
    # The last event id handed out in this room: every event gets the next one.
    last_event_id = models.BigIntegerField(default=0)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("board room")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board_room", args=[self.slug])


class ThreadIssueArea(ItemBase):
    """Tags board threads with the shared IssueArea taxonomy."""

    tag = models.ForeignKey(
        "members.IssueArea", on_delete=models.CASCADE, related_name="thread_items"
    )
    content_object = ParentalKey(
        "network.Thread", on_delete=models.CASCADE, related_name="issue_area_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "content_object"], name="one_tag_per_thread"
            )
        ]


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
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=160)
    issue_areas = ClusterTaggableManager(
        through=ThreadIssueArea, blank=True, verbose_name=_("issue areas")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organization the author speaks for."),
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)
    # Posts not hidden by moderators; kept in step by the actions.
    post_count = models.PositiveIntegerField(default=0)
    # The id of this thread's latest event in its room's sequence.
    last_event_id = models.BigIntegerField(default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
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
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_posts"
    )
    organization = models.ForeignKey(
        "members.MemberOrganizationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(help_text=_("Markdown, as the author wrote it."))
    html = models.TextField(help_text=_("The body rendered and sanitized."))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
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

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(
        help_text=_("When this version was written (created or last edited).")
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self):
        return f"Earlier version of post #{self.post_id}"


class RoomEvent(models.Model):
    """One change in a room, in order. Live delivery is a doorbell; this log is
    what clients catch up from. `id_in_room` is the per-room event id clients see;
    `previous_in_thread` lets a client that follows one thread detect a gap."""

    class Kind(models.TextChoices):
        POST_CREATED = "post.created"
        POST_EDITED = "post.edited"
        POST_HIDDEN = "post.hidden"
        POST_RESTORED = "post.restored"
        THREAD_CREATED = "thread.created"
        THREAD_UPDATED = "thread.updated"

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="events")
    id_in_room = models.BigIntegerField()
    previous_in_thread = models.BigIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "id_in_room"], name="one_event_id_per_room"
            )
        ]
        indexes = [models.Index(fields=["thread", "id_in_room"])]

    def __str__(self):
        return f"{self.kind} #{self.id_in_room} in room {self.room_id}"


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
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(max_length=20, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
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


class ReadState(models.Model):
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


class BoardBan(models.Model):
    """A person suspended from posting. Lifting keeps the row, for the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_bans"
    )
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("board suspension")

    def __str__(self):
        return f"{self.user} suspended from posting"


def is_suspended_from_posting(user):
    return BoardBan.objects.filter(user=user, lifted_at__isnull=True).exists()
