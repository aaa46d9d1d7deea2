"""Reads and writes of what people follow or mute (network.notifications.models.
Follow): which targets a person may follow at all, setting one's state, who
follows a thread (explicitly, or by having started it or posted in it) and the
rooms a person follows or muted.

Whether a target may be followed is asked of the target's own privacy verb
(Room/Thread.readable_by, MemberOrganizationPage.visible_to, the campaigns'
published()), never re-implemented here.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from members.viewer import require_viewer
from network.notifications.models import FOLLOW_TARGETS, Follow

FOLLOW = "follow"
MUTE = "mute"
NONE = "none"
STATES = (FOLLOW, MUTE, NONE)

# Targets only the board's members may follow.
BOARD_TARGETS = frozenset({"room", "thread"})


def _followable_queryset(viewer, target_field):
    from campaigns.models import CampaignPage
    from members.models import IssueArea, MemberOrganizationPage
    from network.board.models import Room, Thread

    if target_field == "issue_area":
        return IssueArea.objects.all()
    if target_field == "room":
        return Room.objects.readable_by(viewer)
    if target_field == "thread":
        return Thread.objects.readable_by(viewer).select_related("room")
    if target_field == "campaign":
        return CampaignPage.objects.published()
    if target_field == "organization":
        return MemberOrganizationPage.objects.visible_to(viewer)
    raise ValueError(f"Not a follow target: {target_field!r}")


def followable(viewer, target_field, target_id):
    """The target `viewer` may follow, or None when there is no such target or
    it is not theirs to see (the same answer for both)."""
    viewer = require_viewer(viewer)
    if viewer.user_id is None:
        return None
    return _followable_queryset(viewer, target_field).filter(pk=target_id).first()


def target_field_of(target):
    """The Follow field that points at `target`'s kind, or None."""
    from campaigns.models import CampaignPage
    from members.models import IssueArea, MemberOrganizationPage
    from network.board.models import Room, Thread

    kinds = (
        (IssueArea, "issue_area"),
        (Room, "room"),
        (Thread, "thread"),
        (CampaignPage, "campaign"),
        (MemberOrganizationPage, "organization"),
    )
    return next((field for cls, field in kinds if isinstance(target, cls)), None)


def follow_states(user, target_field, ids=None):
    """{target id: FOLLOW or MUTE} for what `user` follows or muted of one kind
    (only `ids` when given). One query."""
    if target_field not in FOLLOW_TARGETS:
        raise ValueError(f"Not a follow target: {target_field!r}")
    user_id = getattr(user, "pk", user)
    if user_id is None:
        return {}
    rows = Follow.objects.filter(user_id=user_id, **{f"{target_field}__isnull": False})
    if ids is not None:
        rows = rows.filter(**{f"{target_field}_id__in": list(ids)})
    return {
        target_id: MUTE if muted else FOLLOW
        for target_id, muted in rows.values_list(f"{target_field}_id", "muted")
    }


def follow_state(user, target_field, target):
    """FOLLOW, MUTE or NONE for one target. One query."""
    return follow_states(user, target_field, [target.pk]).get(target.pk, NONE)


def set_follow(user, target_field, target, state):
    """Follow (FOLLOW), mute (MUTE) or forget (NONE) one target for `user`.
    Returns the state it had before. The caller has checked the target is
    `followable` by the user."""
    if target_field not in FOLLOW_TARGETS:
        raise ValueError(f"Not a follow target: {target_field!r}")
    if state not in STATES:
        raise ValueError(f"Not a follow state: {state!r}")
    lookup = {"user": user, target_field: target}
    previous = Follow.objects.filter(**lookup).values_list("muted", flat=True).first()
    previous_state = NONE if previous is None else (MUTE if previous else FOLLOW)
    if state == NONE:
        Follow.objects.filter(**lookup).delete()
    else:
        Follow.objects.update_or_create(**lookup, defaults={"muted": state == MUTE})
    return previous_state


def thread_followers(thread):
    """Ids of the people who follow a thread: who follow it explicitly, who
    started it and who posted in it, less those who muted it. One query,
    whatever the thread's size. What each may still read is for the reader's
    own notification verb (Notification.readable_by) to judge."""
    from network.board.models import Post, Thread

    thread_id = getattr(thread, "pk", thread)
    follows = Follow.objects.filter(thread_id=thread_id)
    users = (
        get_user_model()
        .objects.filter(
            Q(pk__in=follows.filter(muted=False).values("user_id"))
            | Q(pk__in=Post.objects.filter(thread_id=thread_id).values("author_id"))
            | Q(pk__in=Thread.objects.filter(pk=thread_id).values("author_id"))
        )
        .exclude(pk__in=follows.filter(muted=True).values("user_id"))
    )
    return set(users.values_list("pk", flat=True))


def followed_room_ids(user):
    """Ids of the rooms `user` follows (not muted). One query."""
    return {
        room_id
        for room_id, state in follow_states(user, "room").items()
        if state == FOLLOW
    }


def muted_room_ids(user):
    """Ids of the rooms `user` muted. One query."""
    return {
        room_id
        for room_id, state in follow_states(user, "room").items()
        if state == MUTE
    }
