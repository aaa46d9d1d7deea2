"""Board events: the per-room event log, the payloads clients receive, and the one
helper that rings the channel layer's doorbell after a transaction commits.

The channel layer may drop a message (a full channel, a Redis restart). Clients
lose nothing because every event is also a row in RoomEvent with a per-room
increasing id; a client that sees a gap asks for what it missed (`replay`).
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from members.viewer import require_viewer
from network.models import Room, RoomEvent, Thread

logger = logging.getLogger(__name__)

# How many events one replay frame carries at most; the client asks again for more.
REPLAY_BATCH = 100
# A broadcast that cannot reach the channel layer in this time is given up: the
# post is saved and clients catch up from the database.
BROADCAST_TIMEOUT_SECONDS = 2.0


def group_name(kind, object_id):
    """The channel-layer group for a room or a user. Built only from integer ids,
    never from text a person typed."""
    if kind not in ("room", "user"):
        raise ValueError(f"Unknown group kind {kind!r}")
    return f"board.{kind}.{int(object_id)}"


def send_event_on_commit(group, message):
    """Queue a group_send for after the current transaction commits (immediately
    when there is none). A failure to broadcast is logged, never raised: the
    database already holds the change and clients will catch up."""

    def broadcast():
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(_send_with_timeout)(layer, group, message)
        except Exception:  # noqa: BLE001 - the doorbell failing must not fail the write
            logger.warning("Board broadcast to %s failed; clients will resync", group)

    transaction.on_commit(broadcast, robust=True)


async def _send_with_timeout(layer, group, message):
    await asyncio.wait_for(
        layer.group_send(group, message), timeout=BROADCAST_TIMEOUT_SECONDS
    )


def record_event(kind, thread, post=None):
    """Append one event to the thread's room log and broadcast it after commit.
    Must run inside the write's transaction: the room row's update serializes
    concurrent writers so ids are handed out in commit order per room."""
    room_id = thread.room_id
    now = timezone.now()
    Room.objects.filter(pk=room_id).update(
        last_event_id=F("last_event_id") + 1, last_activity_at=now
    )
    event_id = Room.objects.filter(pk=room_id).values_list("last_event_id", flat=True)[
        0
    ]
    previous = (
        Thread.objects.filter(pk=thread.pk).values_list("last_event_id", flat=True)[0]
        if thread.pk
        else 0
    )
    Thread.objects.filter(pk=thread.pk).update(last_event_id=event_id)
    thread.last_event_id = event_id
    event = RoomEvent.objects.create(
        room_id=room_id,
        id_in_room=event_id,
        previous_in_thread=previous,
        kind=kind,
        thread=thread,
        post=post,
    )
    payload = event_payload(event, thread=thread, post=post)
    send_event_on_commit(
        group_name("room", room_id), {"type": "board.event", "event": payload}
    )
    return event


def notify_user_on_commit(user_id, unread):
    send_event_on_commit(
        group_name("user", user_id),
        {"type": "board.notifications", "unread": unread},
    )


def author_name(user):
    return user.get_full_name() or user.get_username()


POST_TIME_FORMAT = "j M Y, H:i"


def time_labels(moment):
    """{language code: the moment as a post shows it in that language}."""
    local = timezone.localtime(moment)
    labels = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels[code] = date_format(local, POST_TIME_FORMAT)
    return labels


def post_payload(post):
    organization = post.organization
    return {
        "id": post.pk,
        "thread": post.thread_id,
        "html": post.html,
        "author": author_name(post.author),
        "author_id": post.author_id,
        "organization_id": organization.pk if organization else None,
        "organization": organization.title if organization else None,
        "organization_url": organization.profile_url if organization else None,
        "created": post.created_at.isoformat(),
        # Shown as the server-rendered thread shows it (network/components/post.html),
        # in every language: one event reaches pages in each.
        "created_labels": time_labels(post.created_at),
        "edited": post.edited_at.isoformat() if post.edited_at else None,
    }


def thread_payload(thread):
    organization = thread.organization
    return {
        "id": thread.pk,
        "room": thread.room_id,
        "title": thread.title,
        "url": thread.get_absolute_url(),
        "pinned": thread.pinned,
        "locked": thread.locked,
        "post_count": thread.post_count,
        "last_activity": thread.last_activity_at.isoformat(),
        "author": author_name(thread.author),
        "organization_id": organization.pk if organization else None,
        "organization": organization.title if organization else None,
        "organization_url": organization.profile_url if organization else None,
    }


def event_payload(event, thread, post=None):
    """What goes on the wire for one event, before per-reader redaction."""
    payload = {
        "type": event.kind,
        "room": event.room_id,
        "id": event.id_in_room,
        "thread": thread.pk,
        "prev_in_thread": event.previous_in_thread,
    }
    if event.kind in (RoomEvent.Kind.POST_CREATED, RoomEvent.Kind.POST_EDITED):
        payload["post"] = post_payload(post)
    elif event.kind in (RoomEvent.Kind.POST_HIDDEN,):
        payload["post"] = {"id": post.pk, "thread": thread.pk}
    elif event.kind == RoomEvent.Kind.POST_RESTORED:
        payload["post"] = post_payload(post)
    else:
        payload["thread_data"] = thread_payload(thread)
    return payload


def unnamed_organization_ids(viewer):
    """Organizations this person may not see by name (Viewer.unnamed_organization_ids:
    everything outside the one privacy verb, one query, kept on the viewer)."""
    return require_viewer(viewer).unnamed_organization_ids


def redact(payload, unnamed_ids):
    """A copy of an event payload fit for one reader: organizations they may not
    see become "a member organization", with neither the person's name nor a link."""
    payload = dict(payload)
    for key in ("post", "thread_data"):
        item = payload.get(key)
        if item and item.get("organization_id") in unnamed_ids:
            item = dict(item)
            item.update(
                organization_id=None,
                organization=gettext("A member organization"),
                organization_url=None,
                author=gettext("A member organization"),
                author_id=None,
            )
            payload[key] = item
    return payload


def replay(room_id, after, thread_id=None, limit=REPLAY_BATCH):
    """Events in a room (or one thread of it) after a given event id, as they stand
    now: an edited post is sent with its current text, a hidden one as hidden.
    Returns (payloads, last_id, more)."""
    events = RoomEvent.objects.filter(room_id=room_id, id_in_room__gt=after)
    if thread_id is not None:
        events = events.filter(thread_id=thread_id)
    events = list(
        events.select_related(
            "thread__room",
            "thread__author",
            "thread__organization",
            "post__author",
            "post__organization",
        ).order_by("id_in_room")[: limit + 1]
    )
    more = len(events) > limit
    events = events[:limit]
    payloads = []
    for event in events:
        post = event.post
        if post is not None and post.hidden:
            if event.kind != RoomEvent.Kind.POST_HIDDEN:
                event.kind = RoomEvent.Kind.POST_HIDDEN
        elif post is not None and event.kind == RoomEvent.Kind.POST_HIDDEN:
            event.kind = RoomEvent.Kind.POST_RESTORED
        payloads.append(event_payload(event, thread=event.thread, post=post))
    last = events[-1].id_in_room if events else after
    return payloads, last, more


def replay_frame(room_id, after, unnamed_ids, thread_id=None):
    payloads, last, more = replay(room_id, after, thread_id=thread_id)
    return {
        "type": "replay",
        "room": room_id,
        "thread": thread_id,
        "after": after,
        "events": [redact(payload, unnamed_ids) for payload in payloads],
        "last": last,
        "more": more,
    }
