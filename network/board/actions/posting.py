"""Writing on the board: opening a thread, replying and editing one's own post,
with the checks they make first (who may post where, the body and title, the
rate limit held under a per-person lock).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.validation import refuse_invisible_characters
from members.models import Membership, User
from members.viewer import Viewer
from network.board.actions.access import (
    BoardActionError,
    check_can_use_board,
    check_organization,
)
from network.board.actions.notifications import (
    create_mention_notifications,
    resolve_mentions,
    resolve_people_mentions,
)
from network.board.events import record_event
from network.board.markdown import render_markdown
from network.board.models.moderation import is_suspended_from_posting
from network.models import Notification, Post, PostRevision, RoomEvent, Thread
from network.notifications.follows import thread_followers
from network.notifications.sending import notify

MAX_POST_CHARS = 10_000
MAX_TITLE_CHARS = 160


def posts_per_minute():
    return settings.BOARD_POSTS_PER_MINUTE


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


def serialize_posts_by(user):
    """Make one person's posts take turns until their transaction ends, so that
    counting their last minute's posts and adding one are atomic across workers.
    An UPDATE that changes nothing takes the lock on both databases: a row lock
    on PostgreSQL, the database's write lock on SQLite (which ignores SELECT …
    FOR UPDATE, and would only take it at the insert, after the count). It must
    be the transaction's first statement for SQLite to wait rather than fail."""
    User.objects.filter(pk=user.pk).update(is_active=F("is_active"))
    check_rate(user)


def _new_post(user, thread, body, organization):
    """The post, the organizations it mentions and the people it names."""
    mentions, mentioned = resolve_mentions(user, body)
    names, named = resolve_people_mentions(user, body)
    post = Post.objects.create(
        thread=thread,
        author=user,
        organization=organization,
        body=body,
        html=render_markdown(body, mentions, names),
    )
    return post, mentioned, named


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
    post, mentioned, named = _new_post(user, thread, body, organization)
    record_event(RoomEvent.Kind.THREAD_CREATED, thread)
    record_event(RoomEvent.Kind.POST_CREATED, thread, post)
    create_mention_notifications(post, mentioned, named)
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
    post, mentioned, named = _new_post(user, thread, body, organization)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_activity_at=post.created_at
    )
    thread.refresh_from_db(fields=["post_count", "last_activity_at"])
    record_event(RoomEvent.Kind.POST_CREATED, thread, post)
    record_event(RoomEvent.Kind.THREAD_UPDATED, thread)
    create_mention_notifications(post, mentioned, named)
    # Whoever follows the thread (its starter and posters too, unless they
    # muted it); those whose organization was mentioned, or who were named,
    # hear of that instead.
    mentioned_staff = set(
        Membership.objects.filter(organization__in=mentioned).values_list(
            "user_id", flat=True
        )
    ) | {person.pk for person in named}
    notify(
        Notification.Kind.REPLY,
        thread_followers(thread) - mentioned_staff,
        post=post,
        exclude=user,
    )
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
    names, _named = resolve_people_mentions(user, body)
    post.body = body
    post.html = render_markdown(body, mentions, names)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "html", "edited_at"])
    record_event(RoomEvent.Kind.POST_EDITED, post.thread, post)
    return post
