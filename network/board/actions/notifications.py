"""Mentions and what a person has read: an @mention becomes a link only to an
organization the author may name, and notifies that organization's staff who may
read the post; an @~mention names a person the author may name
(network.board.mentions) and notifies them if they may read the post. Read
marks remember the newest post a person has seen and clear their
notifications.
"""

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone

from members.models import MemberOrganizationPage, Membership, User
from members.viewer import Viewer
from network.board.events import notify_user_on_commit
from network.board.markdown import mentioned_slugs, mentioned_usernames
from network.board.mentions import display_name, people_nameable_to
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


def resolve_people_mentions(author, source):
    """Map @~usernames in a post to the names shown: only people the author may
    name (network.board.mentions.people_nameable_to). Returns (names, people)."""
    usernames = mentioned_usernames(source)[: MAX_MENTIONS * 3]
    if not usernames:
        return {}, []
    people = list(
        people_nameable_to(Viewer.for_user(author))
        .filter(username__in=usernames)
        .order_by("pk")[:MAX_MENTIONS]
    )
    return {person.username: display_name(person) for person in people}, people


def create_mention_notifications(post, organizations, people=()):
    """Notify the staff of each mentioned organization, and each person
    mentioned by name, who may read the post: a mention in a room they may not
    read (the coordinators') tells them nothing, not even the thread's title.
    Never the author; someone mentioned by name and through their organization
    is told once, of being named. Reads filter again
    (Notification.readable_by), for what changes later."""
    named_ids = {person.pk for person in people} - {post.author_id}
    if not organizations and not named_ids:
        return
    memberships = (
        Membership.objects.filter(organization__in=organizations)
        .exclude(user=post.author)
        .exclude(user_id__in=named_ids)
    )
    pairs = (
        dict.fromkeys(memberships.values_list("user_id", "organization_id"))
        if organizations
        else {}
    )
    # Few people (MAX_MENTIONS organizations' staff and MAX_MENTIONS people):
    # each is asked the one rule.
    people = User.objects.filter(pk__in={user_id for user_id, _ in pairs} | named_ids)
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
    named_readers = sorted(named_ids & reader_ids)
    if named_readers:
        store_and_deliver(
            Notification.Kind.MENTION,
            named_readers,
            target_ids={"post_id": post.pk},
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
