"""Board reads that pages, template tags and the socket share. Each takes the
reader's Viewer and is a constant number of queries whatever the number of rooms,
threads or posts."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from members.models import IssueArea, MemberOrganizationPage
from members.related_rights import organizations_on_issue_areas, related_issue_areas
from members.viewer import require_viewer
from network.models import Notification, Post, ReadState, Room, Thread


def _last_read(viewer, thread_ref):
    return Coalesce(
        Subquery(
            ReadState.objects.filter(
                user_id=viewer.user_id, thread=OuterRef(thread_ref)
            ).values("last_read_post_id")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def unread_counts(viewer, room_ids=None):
    """{room id: posts by others, not hidden, newer than what the person has read
    in each thread}. One query."""
    viewer = require_viewer(viewer)
    posts = Post.objects.shown().exclude(author_id=viewer.user_id)
    if room_ids is not None:
        posts = posts.filter(thread__room_id__in=room_ids)
    rows = (
        posts.annotate(last_read=_last_read(viewer, "thread_id"))
        .filter(pk__gt=F("last_read"))
        .values("thread__room_id")
        .annotate(count=Count("pk"))
    )
    return {row["thread__room_id"]: row["count"] for row in rows}


def rooms_for_index(viewer):
    """Rooms a person may read with their thread counts, newest activity first
    within each kind."""
    return (
        Room.objects.readable_by(viewer)
        .annotate(thread_count=Count("threads", distinct=True))
        .order_by("archived", "kind", "-last_activity_at", "position", "name")
    )


def attach_unread(viewer, threads):
    """Set `unread` on each thread of a page of them: posts by others, not hidden,
    newer than what the person has read there. Two queries for the page, whatever
    its threads hold; counting inside the listing query instead made it read every
    post of the room (most of a second at 100,000 posts)."""
    viewer = require_viewer(viewer)
    threads = list(threads)
    last_read = dict(
        ReadState.objects.filter(
            user_id=viewer.user_id, thread__in=threads
        ).values_list("thread_id", "last_read_post_id")
    )
    newer = Q(pk__in=[])
    for thread in threads:
        newer |= Q(thread_id=thread.pk, pk__gt=last_read.get(thread.pk, 0))
    counts = dict(
        Post.objects.shown()
        .exclude(author_id=viewer.user_id)
        .filter(newer)
        .order_by()
        .values("thread_id")
        .annotate(count=Count("pk"))
        .values_list("thread_id", "count")
    )
    for thread in threads:
        thread.unread = counts.get(thread.pk, 0)
    return threads


def issue_area_links(thread, viewer):
    """The thread's issue areas, each with how many organizations the reader may
    see work on it. One query, counting through the privacy verb."""
    visible = MemberOrganizationPage.objects.visible_to(viewer).values("pk")
    return list(
        IssueArea.objects.filter(thread_items__content_object=thread)
        .annotate(
            organization_count=Count(
                "organization_items__content_object",
                filter=Q(organization_items__content_object__in=visible),
                distinct=True,
            )
        )
        .order_by("name")
    )


def who_works_on_this(viewer, issue_areas):
    """For a thread's side panel: the issue areas related to the thread's, and
    the organizations the reader may see named on the thread's issue areas and, below
    them, on the related ones. Two queries; none for a thread without issue
    areas."""
    related = related_issue_areas(issue_areas)
    organizations = organizations_on_issue_areas(
        viewer,
        [area.pk for area in issue_areas],
        [item.area.pk for item in related],
    )
    return related, organizations


def live_threads(viewer, issue_areas=None, limit=5):
    """The most recently active threads a person may read, optionally in some
    issue areas (tagged so, or in those areas' rooms)."""
    threads = Thread.objects.readable_by(viewer)
    if issue_areas is not None:
        threads = threads.in_issue_areas(issue_areas)
    return list(
        threads.with_listing_data(viewer).order_by("-last_activity_at", "-pk")[:limit]
    )


def unread_notifications_count(viewer):
    """An expression for a person's unread notifications, to annotate onto a query
    a page makes anyway."""
    return Coalesce(
        Subquery(
            Notification.objects.readable_by(viewer)
            .unread()
            .values("user")
            .annotate(count=Count("pk"))
            .values("count")[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )
