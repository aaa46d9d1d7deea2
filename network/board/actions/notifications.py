"""Mentions and what a person has read: an @mention becomes a link only to an
organization the author may name, and notifies that organization's staff who may
read the post; read marks remember the newest post a person has seen and clear
their notifications.
"""

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone

from members.models import MemberOrganizationPage, Membership, User
from members.viewer import Viewer
from network.board.events import notify_user_on_commit
from network.board.markdown import mentioned_slugs
from network.models import Notification, Post, ReadState
from network.notifications.sending import store_and_deliver

# How many mention notifications one post may send (one per organization).
MAX_MENTIONS = 10


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
    # Stored now, within the post's transaction (its readers were just asked);
    # each person's choice for mentions is kept, and emails leave after commit.
    by_organization = {}
    for user_id, organization_id in pairs:
        if user_id in reader_ids:
            by_organization.setdefault(organization_id, []).append(user_id)
    for organization_id, user_ids in by_organization.items():
        store_and_deliver(
            Notification.Kind.MENTION,
            user_ids,
            target_ids={"post_id": post.pk, "organization_id": organization_id},
        )


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
