"""Board pieces other apps' templates include, so templates compose while Python
imports keep pointing one way (home ← members ← campaigns ← network).

    {% load board_tags %}
    {% live_threads_for_organization page %}     on an organization's profile
    {% live_threads_for_issue_area issue_area %} on an issue-area hub
    {% live_threads_home %}                      on the home page
    {% board_notifications %}                    on /account/
    {% campaign_room_link page %}                on a campaign page
"""

from django import template

from home.chrome import section_url
from members.viewer import viewer_of
from network.board.models.access import may_use_board
from network.board.queries import live_threads
from network.models import Notification, Room
from network.notifications.kinds import DESCRIBED_RELATIONS, described

register = template.Library()


def _viewer(context):
    return viewer_of(context.get("request"))


def _live_context(context, threads, heading, empty, more_url=None, rooms=()):
    return {
        "request": context.get("request"),
        "threads": threads,
        "heading": heading,
        "empty": empty,
        "more_url": more_url,
        "rooms": rooms,
        "may_use_board": may_use_board(_viewer(context)),
    }


@register.inclusion_tag("network/components/live_threads.html", takes_context=True)
def live_threads_for_organization(context, organization, limit=5):
    """Live threads in an organization's issue areas (members only)."""
    viewer = _viewer(context)
    threads = []
    if may_use_board(viewer):
        areas = organization.issue_areas.all()
        threads = live_threads(viewer, issue_areas=areas, limit=limit)
    return _live_context(
        context,
        threads,
        heading="organization",
        empty="organization",
        rooms=sorted({thread.room_id for thread in threads}),
    )


@register.inclusion_tag("network/components/live_threads.html", takes_context=True)
def live_threads_for_issue_area(context, issue_area, limit=5):
    """Live threads on one issue area, with a link to its room (members only)."""
    viewer = _viewer(context)
    threads = []
    room = None
    if may_use_board(viewer):
        threads = live_threads(viewer, issue_areas=[issue_area], limit=limit)
        room = Room.objects.filter(issue_area=issue_area).first()
    return _live_context(
        context,
        threads,
        heading="issue_area",
        empty="issue_area",
        more_url=room.get_absolute_url() if room else None,
        rooms=sorted(
            {thread.room_id for thread in threads} | ({room.pk} if room else set())
        ),
    )


@register.inclusion_tag("network/components/live_threads.html", takes_context=True)
def live_threads_home(context, limit=5):
    """The newest activity across the board, for the home page."""
    viewer = _viewer(context)
    threads = live_threads(viewer, limit=limit) if may_use_board(viewer) else []
    return _live_context(
        context,
        threads,
        heading="home",
        empty="home",
        more_url=section_url("boardpage"),
        rooms=sorted({thread.room_id for thread in threads}),
    )


@register.inclusion_tag("network/components/notifications.html", takes_context=True)
def board_notifications(context, limit=10):
    """A person's latest notifications, with a link to all of them."""
    viewer = _viewer(context)
    notifications = []
    if viewer.is_authenticated:
        notifications = described(
            list(
                Notification.objects.readable_by(viewer)
                .select_related(*DESCRIBED_RELATIONS)
                .order_by("-created_at", "-pk")[:limit]
            )
        )
    return {
        "request": context.get("request"),
        "notifications": notifications,
        "show_all": False,
    }


@register.simple_tag(takes_context=True)
def unread_notification_count(context):
    """The header's badge: what the person may read now and has not read. A
    board thread page counts it in its own query (board_unread_notifications)."""
    counted = context.get("board_unread_notifications")
    if counted is not None:
        return counted
    viewer = _viewer(context)
    if not viewer.is_authenticated:
        return 0
    return Notification.objects.readable_by(viewer).unread().count()


@register.inclusion_tag(
    "network/components/campaign_room_link.html", takes_context=True
)
def campaign_room_link(context, campaign):
    """A link to a campaign's board room, for members (one query)."""
    viewer = _viewer(context)
    room = None
    if may_use_board(viewer):
        room = Room.objects.readable_by(viewer).filter(campaign_id=campaign.pk).first()
    return {"room": room, "may_use_board": may_use_board(viewer)}
