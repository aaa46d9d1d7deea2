"""Rooms and their event log: a room per issue area, per campaign, plus general
rooms, and the ordered changes in each room that live delivery replays from.

Reads are queryset verbs here; writes live in network/board/actions/.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.board.models.access import may_use_board


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

    kind = models.CharField(
        max_length=16, choices=RoomKind.choices, verbose_name=_("kind")
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("The room's address under /board/."),
        verbose_name=_("slug"),
    )
    name = models.CharField(
        max_length=120, help_text=_("The room's name."), verbose_name=_("name")
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("One line on what the room is for."),
        verbose_name=_("description"),
    )
    issue_area = models.OneToOneField(
        "members.IssueArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_room",
        help_text=_("For issue-area rooms: the area this room is about."),
        verbose_name=_("issue area"),
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
        verbose_name=_("campaign"),
    )
    coordinators_only = models.BooleanField(
        default=False,
        help_text=_("Only coordinators may read and post here."),
        verbose_name=_("coordinators only"),
    )
    archived = models.BooleanField(
        default=False,
        help_text=_("Archived rooms keep their history but take no new threads."),
        verbose_name=_("archived"),
    )
    position = models.PositiveSmallIntegerField(
        default=100,
        help_text=_("Lower comes first among general rooms."),
        verbose_name=_("position"),
    )
    # The last event id handed out in this room: every event gets the next one.
    last_event_id = models.BigIntegerField(
        default=0, verbose_name=_("last event number")
    )
    last_activity_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("last activity")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("board room")
        verbose_name_plural = _("board rooms")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board_room", args=[self.slug])


class RoomEvent(models.Model):
    """One change in a room, in order. Live delivery is a doorbell; this log is
    what clients catch up from. `id_in_room` is the per-room event id clients see;
    `previous_in_thread` lets a client that follows one thread detect a gap."""

    # Not content, and saved often: kept out of Wagtail's reference index (the
    # admin's "usage" lists), which would otherwise be rewritten at every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        POST_CREATED = "post.created"
        POST_EDITED = "post.edited"
        POST_HIDDEN = "post.hidden"
        POST_RESTORED = "post.restored"
        THREAD_CREATED = "thread.created"
        THREAD_UPDATED = "thread.updated"

    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="events", verbose_name=_("room")
    )
    id_in_room = models.BigIntegerField(verbose_name=_("number in the room"))
    previous_in_thread = models.BigIntegerField(
        default=0, verbose_name=_("previous event in the thread")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    thread = models.ForeignKey(
        "network.Thread",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("thread"),
    )
    post = models.ForeignKey(
        "network.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("post"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "id_in_room"], name="one_event_id_per_room"
            )
        ]
        indexes = [models.Index(fields=["thread", "id_in_room"])]
        verbose_name = _("room event")
        verbose_name_plural = _("room events")

    def __str__(self):
        return f"{self.kind} #{self.id_in_room} in room {self.room_id}"
