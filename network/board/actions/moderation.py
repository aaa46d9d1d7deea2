"""Moderation decisions: what a coordinator may decide (Decision), what each
decision acts on, and do_moderate, the one call the thread page and the admin's
queue both decide through, with the writes it makes: hiding and restoring posts,
dismissing flags, locking and pinning threads, suspending. Every decision is
audited with wagtail.log_actions.
"""

from django.db import transaction
from django.db.models import F, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from network.board.actions.access import BoardActionError, check_is_moderator
from network.board.actions.suspensions import (
    do_lift_suspension,
    do_suspend_from_posting,
)
from network.board.events import record_event
from network.models import BoardBan, Post, RoomEvent, Thread


class Decision(TextChoices):
    """What a coordinator may decide, as the thread page and the admin's queue
    send it (the `action` of their forms)."""

    HIDE = "hide", gettext_lazy("Hide the post")
    RESTORE = "restore", gettext_lazy("Restore the post")
    DISMISS = "dismiss", gettext_lazy("Dismiss the post's flags")
    SUSPEND = "suspend", gettext_lazy("Suspend the post's author from posting")
    LIFT = "lift", gettext_lazy("Lift a suspension")
    LOCK = "lock", gettext_lazy("Lock the thread")
    UNLOCK = "unlock", gettext_lazy("Unlock the thread")
    PIN = "pin", gettext_lazy("Pin the thread")
    UNPIN = "unpin", gettext_lazy("Unpin the thread")


# What each decision acts on.
DECISION_TARGETS = {
    Decision.HIDE: Post,
    Decision.RESTORE: Post,
    Decision.DISMISS: Post,
    Decision.SUSPEND: Post,
    Decision.LIFT: BoardBan,
    Decision.LOCK: Thread,
    Decision.UNLOCK: Thread,
    Decision.PIN: Thread,
    Decision.UNPIN: Thread,
}

# The refusal of a missing or unknown decision, the same from every door.
UNKNOWN_DECISION = gettext_lazy(
    "Choose one of the moderation buttons; nothing was changed."
)

DECISION_DONE = {
    Decision.HIDE: gettext_lazy("The post is hidden."),
    Decision.RESTORE: gettext_lazy("The post is visible again."),
    Decision.DISMISS: gettext_lazy("The post's flags are dismissed."),
    Decision.SUSPEND: gettext_lazy("The author is suspended from posting."),
    Decision.LIFT: gettext_lazy("The suspension is lifted."),
    Decision.LOCK: gettext_lazy("The thread is updated."),
    Decision.UNLOCK: gettext_lazy("The thread is updated."),
    Decision.PIN: gettext_lazy("The thread is updated."),
    Decision.UNPIN: gettext_lazy("The thread is updated."),
}


def check_decision(moderator, decision, target):
    check_is_moderator(moderator)
    if decision not in DECISION_TARGETS:
        raise BoardActionError(str(UNKNOWN_DECISION), field="action")
    if not isinstance(target, DECISION_TARGETS[decision]):
        raise BoardActionError(_("Choose what the decision is about."))


def do_moderate(moderator, decision, target, reason=""):
    """One moderation decision (a Decision value) on its target: a post, a
    thread or a suspension, as DECISION_TARGETS says. The thread page and the
    admin's queue both decide through here; each do_* below checks again."""
    check_decision(moderator, decision, target)
    if decision == Decision.HIDE:
        return do_hide_post(moderator, target, reason)
    if decision == Decision.RESTORE:
        return do_restore_post(moderator, target)
    if decision == Decision.DISMISS:
        return do_dismiss_flags(moderator, target)
    if decision == Decision.SUSPEND:
        return do_suspend_from_posting(
            moderator, target.author, reason or _("Suspended after a flagged post.")
        )
    if decision == Decision.LIFT:
        return do_lift_suspension(moderator, target)
    states = {
        Decision.LOCK: {"locked": True},
        Decision.UNLOCK: {"locked": False},
        Decision.PIN: {"pinned": True},
        Decision.UNPIN: {"pinned": False},
    }
    return do_set_thread_state(moderator, target, **states[decision])


@transaction.atomic
def do_hide_post(moderator, post, reason=""):
    check_is_moderator(moderator)
    changes = {
        "hidden": True,
        "hidden_at": timezone.now(),
        "hidden_by": moderator,
        "hidden_reason": reason[:300],
    }
    # Conditional, so that two moderators (or a double click) count it once.
    if not Post.objects.filter(pk=post.pk, hidden=False).update(**changes):
        return post
    for name, value in changes.items():
        setattr(post, name, value)
    Thread.objects.filter(pk=post.thread_id).update(post_count=F("post_count") - 1)
    post.flags.open().update(
        resolved_at=timezone.now(), resolved_by=moderator, resolution="hidden"
    )
    thread = Thread.objects.select_related("room").get(pk=post.thread_id)
    record_event(RoomEvent.Kind.POST_HIDDEN, thread, post)
    record_event(RoomEvent.Kind.THREAD_UPDATED, thread)
    log(
        instance=post,
        action="network.post.hide",
        user=moderator,
        data={"reason": reason},
    )
    return post


@transaction.atomic
def do_restore_post(moderator, post):
    check_is_moderator(moderator)
    changes = {
        "hidden": False,
        "hidden_at": None,
        "hidden_by": None,
        "hidden_reason": "",
    }
    if not Post.objects.filter(pk=post.pk, hidden=True).update(**changes):
        return post
    for name, value in changes.items():
        setattr(post, name, value)
    Thread.objects.filter(pk=post.thread_id).update(post_count=F("post_count") + 1)
    thread = Thread.objects.select_related("room").get(pk=post.thread_id)
    record_event(RoomEvent.Kind.POST_RESTORED, thread, post)
    record_event(RoomEvent.Kind.THREAD_UPDATED, thread)
    log(instance=post, action="network.post.restore", user=moderator)
    return post


def do_dismiss_flags(moderator, post):
    """Close every open flag on a post, leaving the post as it is."""
    check_is_moderator(moderator)
    return [do_dismiss_flag(moderator, flag) for flag in post.flags.open()]


@transaction.atomic
def do_dismiss_flag(moderator, flag):
    check_is_moderator(moderator)
    flag.resolved_at = timezone.now()
    flag.resolved_by = moderator
    flag.resolution = "dismissed"
    flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    log(instance=flag, action="network.flag.dismiss", user=moderator)
    return flag


@transaction.atomic
def do_set_thread_state(moderator, thread, *, locked=None, pinned=None):
    check_is_moderator(moderator)
    changed = []
    if locked is not None and thread.locked != locked:
        thread.locked = locked
        changed.append("locked")
    if pinned is not None and thread.pinned != pinned:
        thread.pinned = pinned
        changed.append("pinned")
    if not changed:
        return thread
    thread.save(update_fields=changed)
    record_event(RoomEvent.Kind.THREAD_UPDATED, thread)
    for field in changed:
        action = {
            ("locked", True): "network.thread.lock",
            ("locked", False): "network.thread.unlock",
            ("pinned", True): "network.thread.pin",
            ("pinned", False): "network.thread.unpin",
        }[(field, getattr(thread, field))]
        log(instance=thread, action=action, user=moderator)
    return thread
