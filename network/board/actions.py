"""Board writes. Each write is one call: `do_*` runs its `check_*` functions
(which validate and authorize, raising BoardActionError with a message for the
person) and only then writes in one transaction, records the room event and
queues its broadcast for after commit. A refused write has changed nothing. The
board's pages and the admin's moderation queue call the same `do_*`; the socket
only reads (DESIGN.md section 5). Actions take the acting user (they record who
wrote or moderated) and ask Viewer.for_user(user) what that person may do.

Every moderation decision is audited with wagtail.log_actions.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, TextChoices, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from home.validation import refuse_invisible_characters
from members.models import MemberOrganizationPage, Membership, User
from members.viewer import Viewer
from network.board.events import notify_user_on_commit, record_event
from network.board.markdown import mentioned_slugs, render_markdown
from network.board.models.access import may_use_board
from network.board.models.moderation import is_suspended_from_posting
from network.models import (
    BoardBan,
    Flag,
    FlagReason,
    Notification,
    Post,
    PostRevision,
    ReadState,
    RoomEvent,
    Thread,
)

MAX_POST_CHARS = 10_000
MAX_TITLE_CHARS = 160
# How many mention notifications one post may send (one per organization).
MAX_MENTIONS = 10


def posts_per_minute():
    return settings.BOARD_POSTS_PER_MINUTE


class BoardActionError(Exception):
    """A write the person may not make, with a message that says why."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


# --- checks -----------------------------------------------------------------


def check_can_use_board(user):
    if not may_use_board(Viewer.for_user(user)):
        raise BoardActionError(
            _("The board is for staff of member organizations and coordinators.")
        )


def check_is_moderator(user):
    check_can_use_board(user)
    if not Viewer.for_user(user).is_coordinator:
        raise BoardActionError(_("Only coordinators can moderate the board."))


def organizations_for(user):
    """The organizations a person may speak for on the board."""
    return (
        MemberOrganizationPage.objects.filter(
            pk__in=Viewer.for_user(user).organization_ids
        )
        .only("pk", "title", "slug", "url_path")  # url: the live post's link
        .order_by("title")
    )


def check_organization(user, organization):
    viewer = Viewer.for_user(user)
    if organization is None:
        if viewer.is_coordinator:
            return None
        raise BoardActionError(
            _("Choose the organization you are speaking for."), field="organization"
        )
    if not viewer.acts_for(organization.pk):
        raise BoardActionError(
            _("You can only speak for an organization you work for."),
            field="organization",
        )
    return organization


def check_body(body):
    body = (body or "").strip()
    if not body:
        raise BoardActionError(_("Write something before posting."), field="body")
    if len(body) > MAX_POST_CHARS:
        raise BoardActionError(
            _(
                "Posts can be at most %(limit)s characters; this one has %(count)s. "
                "Shorten it or split it into two posts."
            )
            % {"limit": f"{MAX_POST_CHARS:,}", "count": f"{len(body):,}"},
            field="body",
        )
    return body


def check_rate(user):
    """At most BOARD_POSTS_PER_MINUTE posts a minute. The form asks early, to
    keep what was typed; the write asks again under serialize_posts_by, which
    is what makes the limit hold for parallel requests."""
    limit = posts_per_minute()
    since = timezone.now() - datetime.timedelta(minutes=1)
    recent = Post.objects.filter(author=user, created_at__gte=since).count()
    if recent >= limit:
        raise BoardActionError(
            ngettext(
                "You have posted %(count)d time in the last minute, the most the "
                "board allows. Wait a minute and send it again; what you wrote is "
                "kept below.",
                "You have posted %(count)d times in the last minute, the most the "
                "board allows. Wait a minute and send it again; what you wrote is "
                "kept below.",
                recent,
            )
            % {"count": recent},
            field="body",
        )


def check_can_post(user, room, thread=None):
    check_can_use_board(user)
    if is_suspended_from_posting(user):
        raise BoardActionError(
            _(
                "A coordinator has suspended you from posting. You can still read "
                "the board; write to the coordinators if you think this is a mistake."
            )
        )
    if room.archived:
        raise BoardActionError(_("This room is archived and takes no new posts."))
    locked = thread is not None and thread.locked
    if locked and not Viewer.for_user(user).is_coordinator:
        raise BoardActionError(_("This thread is locked: no new replies."))
    check_rate(user)


def check_title(title):
    """A thread's title is a name (home.validation): no bidirectional overrides
    or invisible characters, whichever door it came through."""
    title = (title or "").strip()
    if not title:
        raise BoardActionError(_("Give the thread a title."), field="title")
    try:
        refuse_invisible_characters(title)
    except ValidationError as error:
        raise BoardActionError(error.messages[0], field="title") from error
    if len(title) > MAX_TITLE_CHARS:
        raise BoardActionError(
            _("Titles can be at most %(limit)s characters.")
            % {"limit": MAX_TITLE_CHARS},
            field="title",
        )
    return title


def check_edit_post(user, post):
    check_can_use_board(user)
    if post.author_id != user.pk:
        raise BoardActionError(_("You can only edit your own posts."))
    if post.hidden:
        raise BoardActionError(_("A moderator has hidden this post."))
    if is_suspended_from_posting(user):
        raise BoardActionError(_("A coordinator has suspended you from posting."))


def check_flag(user, post):
    check_can_use_board(user)
    if post.author_id == user.pk:
        raise BoardActionError(_("You cannot flag your own post."))
    if Flag.objects.open().filter(post=post, reporter=user).exists():
        raise BoardActionError(
            _("You have already flagged this post; coordinators will review it.")
        )


def check_flag_reason(reason):
    if reason not in FlagReason.values:
        raise BoardActionError(
            _("Choose why coordinators should look at this post."), field="reason"
        )


# --- moderation decisions -------------------------------------------------------


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


# --- writes -------------------------------------------------------------------


def serialize_posts_by(user):
    """Make one person's posts take turns until their transaction ends, so that
    counting their last minute's posts and adding one are atomic across workers.
    An UPDATE that changes nothing takes the lock on both databases: a row lock
    on PostgreSQL, the database's write lock on SQLite (which ignores SELECT …
    FOR UPDATE, and would only take it at the insert, after the count). It must
    be the transaction's first statement for SQLite to wait rather than fail."""
    User.objects.filter(pk=user.pk).update(is_active=F("is_active"))
    check_rate(user)


def resolve_mentions(author, source):
    """Map @slugs in a post to profile URLs: only organizations the author may see,
    and never hidden ones (their address must not be spread)."""
    slugs = mentioned_slugs(source)[: MAX_MENTIONS * 3]
    if not slugs:
        return {}, []
    organizations = list(
        MemberOrganizationPage.objects.nameable_to(Viewer.for_user(author))
        .filter(slug__in=slugs)
        .only("pk", "slug", "url_path")[:MAX_MENTIONS]
    )
    return {org.slug: org.url for org in organizations}, organizations


def create_mention_notifications(post, organizations):
    """Notify the staff of each mentioned organization who may read the post: a
    mention in a room they may not read (the coordinators') tells them nothing,
    not even the thread's title. Reads filter again (Notification.readable_by),
    for what changes later."""
    if not organizations:
        return
    memberships = Membership.objects.filter(organization__in=organizations).exclude(
        user=post.author
    )
    pairs = dict.fromkeys(memberships.values_list("user_id", "organization_id"))
    # Few people (MAX_MENTIONS organizations' staff): each is asked the one rule.
    people = User.objects.filter(pk__in={user_id for user_id, _ in pairs})
    readers = [
        viewer
        for viewer in map(Viewer.for_user, people)
        if Post.objects.readable_by(viewer).filter(pk=post.pk).exists()
    ]
    reader_ids = {viewer.user_id for viewer in readers}
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                kind=Notification.Kind.MENTION,
                post=post,
                organization_id=organization_id,
            )
            for user_id, organization_id in pairs
            if user_id in reader_ids
        ]
    )
    for viewer in readers:
        notify_user_on_commit(
            viewer.user_id, Notification.objects.readable_by(viewer).unread().count()
        )


def _new_post(user, thread, body, organization):
    mentions, mentioned = resolve_mentions(user, body)
    post = Post.objects.create(
        thread=thread,
        author=user,
        organization=organization,
        body=body,
        html=render_markdown(body, mentions),
    )
    return post, mentioned


def do_create_thread(user, room, title, body, organization, issue_areas=()):
    """Open a thread with its first post, speaking for `organization` (None:
    a coordinator speaking for the network). Returns (thread, post)."""
    check_can_post(user, room)
    title = check_title(title)
    body = check_body(body)
    organization = check_organization(user, organization)
    return _write_thread(user, room, title, body, organization, issue_areas)


@transaction.atomic
def _write_thread(user, room, title, body, organization, issue_areas):
    serialize_posts_by(user)
    now = timezone.now()
    thread = Thread(
        room=room,
        title=title,
        author=user,
        organization=organization,
        last_activity_at=now,
        post_count=1,
    )
    thread.save()
    areas = list(issue_areas)
    if not areas and room.issue_area_id:
        areas = [room.issue_area]
    if not areas and room.campaign_id:
        areas = list(room.campaign.specific.issue_areas.all())
    if areas:
        thread.issue_areas.set(areas)
        thread.save()
    post, mentioned = _new_post(user, thread, body, organization)
    record_event(RoomEvent.Kind.THREAD_CREATED, thread)
    record_event(RoomEvent.Kind.POST_CREATED, thread, post)
    create_mention_notifications(post, mentioned)
    return thread, post


def do_create_post(user, thread, body, organization):
    """Reply in a thread, speaking for `organization` (None: a coordinator
    speaking for the network)."""
    check_can_post(user, thread.room, thread)
    body = check_body(body)
    organization = check_organization(user, organization)
    return _write_post(user, thread, body, organization)


@transaction.atomic
def _write_post(user, thread, body, organization):
    serialize_posts_by(user)
    post, mentioned = _new_post(user, thread, body, organization)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_activity_at=post.created_at
    )
    thread.refresh_from_db(fields=["post_count", "last_activity_at"])
    record_event(RoomEvent.Kind.POST_CREATED, thread, post)
    record_event(RoomEvent.Kind.THREAD_UPDATED, thread)
    create_mention_notifications(post, mentioned)
    return post


def do_edit_post(user, post, body):
    """Change one's own post, keeping the earlier text as a revision."""
    check_edit_post(user, post)
    body = check_body(body)
    if body == post.body:
        return post
    return _write_edit(user, post, body)


@transaction.atomic
def _write_edit(user, post, body):
    PostRevision.objects.create(
        post=post, body=post.body, created_at=post.edited_at or post.created_at
    )
    mentions, _mentioned = resolve_mentions(user, body)
    post.body = body
    post.html = render_markdown(body, mentions)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "html", "edited_at"])
    record_event(RoomEvent.Kind.POST_EDITED, post.thread, post)
    return post


def do_flag_post(user, post, reason, note=""):
    """Ask coordinators to look at someone else's post."""
    check_flag(user, post)
    check_flag_reason(reason)
    return _write_flag(user, post, reason, note)


@transaction.atomic
def _write_flag(user, post, reason, note):
    try:
        flag = Flag.objects.create(post=post, reporter=user, reason=reason, note=note)
    except IntegrityError as error:  # a double submit got past check_flag
        raise BoardActionError(
            _("You have already flagged this post; coordinators will review it.")
        ) from error
    log(instance=flag, action="network.flag.create", user=user)
    return flag


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


@transaction.atomic
def do_suspend_from_posting(moderator, user, reason):
    check_is_moderator(moderator)
    ban = BoardBan.objects.filter(user=user, lifted_at__isnull=True).first()
    if ban is None:
        ban = BoardBan.objects.create(user=user, reason=reason, created_by=moderator)
        log(
            instance=ban,
            action="network.user.suspend",
            user=moderator,
            data={"reason": reason, "user_id": user.pk},
        )
    return ban


@transaction.atomic
def do_lift_suspension(moderator, ban):
    check_is_moderator(moderator)
    if ban.lifted_at is None:
        ban.lifted_at = timezone.now()
        ban.save(update_fields=["lifted_at"])
        log(instance=ban, action="network.user.unsuspend", user=moderator)
    return ban


def do_mark_thread_read(user, thread, last_post_id):
    """Remember the newest post a person has seen in a thread. Never moves back
    (reading an earlier page); usually one UPDATE."""
    updated = ReadState.objects.filter(user=user, thread=thread).update(
        last_read_post_id=Greatest("last_read_post_id", Value(last_post_id))
    )
    if not updated:
        try:
            with transaction.atomic():
                ReadState.objects.create(
                    user=user, thread=thread, last_read_post_id=last_post_id
                )
        except IntegrityError:  # another tab got there first
            do_mark_thread_read(user, thread, last_post_id)


@transaction.atomic
def do_mark_notifications_read(user):
    Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    notify_user_on_commit(user.pk, 0)
