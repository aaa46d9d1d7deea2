"""The board's one WebSocket per browser.

Writes never arrive here: posts are made over HTTP and reach sockets after commit.
This consumer authenticates, validates every frame at the edge, authorizes every
subscription, replays what a client missed from the database and then streams.

It trusts nothing it learned at connect: every few seconds it reloads the session
and the user, so logout, suspension, demotion or a visibility change take effect on
an open socket. It also checks its own channel layer with a heartbeat; a worker that
has lost the layer closes its sockets (CLOSE_RESYNC) so clients reconnect and catch
up rather than stay connected but deaf.
"""

import asyncio
import contextlib
import logging
import time
import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from network.board.protocol import (
    CLOSE_FORBIDDEN,
    CLOSE_RESYNC,
    CLOSE_TOO_MANY_ERRORS,
    CLOSE_UNAUTHENTICATED,
    MAX_SUBSCRIPTIONS,
    ProtocolError,
    RateLimiter,
    parse_frame,
    read_subscription,
)

logger = logging.getLogger(__name__)

# A client that sends this many bad frames in a row is closed rather than answered.
MAX_CONSECUTIVE_ERRORS = 20


def recheck_seconds():
    return settings.BOARD_RECHECK_SECONDS


def session_names_inactive_account(session):
    """True when a session that is still signed in names a deactivated account.
    Django's get_user answers anonymous for it as for a signed-out session, but
    the person has not signed out: they may no longer use the board (4403)."""
    from django.contrib.auth import SESSION_KEY, get_user_model
    from django.core.exceptions import ValidationError

    raw_id = session.get(SESSION_KEY)
    if raw_id is None:
        return False
    user_model = get_user_model()
    try:
        user_id = user_model._meta.pk.to_python(raw_id)
    except ValidationError:
        return False
    return user_model.objects.filter(pk=user_id, is_active=False).exists()


class BoardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept, then close with our code: a handshake refusal reaches browsers
            # only as 1006, and the client must know not to retry until signed in.
            # A deactivated account is not signed out: 4403, as on an open socket.
            session = self.scope.get("session")
            deactivated = session is not None and await database_sync_to_async(
                session_names_inactive_account
            )(session)
            await self.accept()
            await self.close(
                code=CLOSE_FORBIDDEN if deactivated else CLOSE_UNAUTHENTICATED
            )
            return
        self.consecutive_errors = 0
        self.closed = False
        self.rate = RateLimiter()
        # room id → {"threads": set of thread ids or None for the whole room,
        #            "summary": bool}
        self.subscriptions = {}
        self.groups_joined = set()
        self.session_key = self.scope["session"].session_key
        state = await self.load_state()
        if state["code"] is not None:
            await self.accept()
            await self.close(code=state["code"])
            return
        self.apply_state(state)
        # The unread count the page was told (hello, then changes).
        self.notifications_sent = self.notifications_checked = state["notifications"]
        await self.accept()
        try:
            await self.join_group(("user", self.user_id))
        except Exception:  # noqa: BLE001 - a layer failure means resync
            await self.close_for_resync()
            return
        self.heartbeat_pending = None
        self.heartbeat_sent_at = None
        self.watcher = asyncio.ensure_future(self.watch())
        await self.send_json(
            {
                "type": "hello",
                "user": self.user_id,
                "notifications": state["notifications"],
                "recheck_seconds": recheck_seconds(),
            }
        )

    async def disconnect(self, code):
        self.closed = True
        watcher = getattr(self, "watcher", None)
        if watcher is not None:
            watcher.cancel()
        for group in list(getattr(self, "groups_joined", ())):
            with contextlib.suppress(Exception):
                await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = set()

    # --- frames from the client ----------------------------------------------

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if getattr(self, "closed", True):
            return
        try:
            if not self.rate.allow():
                raise ProtocolError(
                    "rate_limited",
                    "Too many messages: slow down and try again in a moment.",
                )
            message = parse_frame(text_data, bytes_data)
            await self.dispatch_message(message)
        except ProtocolError as error:
            await self.send_error(error)
        else:
            self.consecutive_errors = 0

    async def dispatch_message(self, message):
        kind = message["type"]
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "subscribe":
            await self.subscribe(read_subscription(message))
        elif kind == "unsubscribe":
            request = read_subscription(message, need_after=False)
            for room_id in request.get("rooms") or [request["room"]]:
                await self.unsubscribe({"room": room_id, "thread": request["thread"]})
        else:
            raise ProtocolError("unknown_type", f"Unknown message type: {kind[:40]!r}.")

    async def subscribe_summary(self, room_ids):
        """The list of rooms follows unread counts of many rooms in one message."""
        new = [room for room in room_ids if room not in self.subscriptions]
        if len(self.subscriptions) + len(new) > MAX_SUBSCRIPTIONS:
            raise ProtocolError(
                "too_many_subscriptions",
                f"At most {MAX_SUBSCRIPTIONS} rooms can be followed on one socket.",
            )
        readable = await self.readable_rooms(room_ids)
        try:
            for room_id in readable:
                await self.join_group(("room", room_id))
        except Exception:  # noqa: BLE001
            await self.close_for_resync()
            return
        for room_id in readable:
            subscription = self.subscriptions.setdefault(
                room_id, {"threads": set(), "summary": False, "room": False}
            )
            subscription["summary"] = True
        await self.send_json(
            {"type": "subscribed", "rooms": readable, "view": "summary"}
        )
        counts = await self.load_unread_many(readable)
        for room_id in readable:
            await self.send_json(
                {"type": "unread", "room": room_id, "count": counts.get(room_id, 0)}
            )

    async def subscribe(self, request):
        if request.get("rooms") is not None:
            await self.subscribe_summary(request["rooms"])
            return
        room_id, thread_id = request["room"], request["thread"]
        existing = self.subscriptions.get(room_id)
        if existing is None and len(self.subscriptions) >= MAX_SUBSCRIPTIONS:
            raise ProtocolError(
                "too_many_subscriptions",
                f"At most {MAX_SUBSCRIPTIONS} rooms can be followed on one socket.",
            )
        allowed = await self.may_read(room_id, thread_id)
        if not allowed:
            # The same answer for "does not exist" and "not yours": no probing.
            raise ProtocolError(
                "not_found", "No such room or thread, or you may not read it."
            )
        try:
            await self.join_group(("room", room_id))
        except Exception:  # noqa: BLE001
            await self.close_for_resync()
            return
        subscription = existing or {"threads": set(), "summary": False, "room": False}
        if request["view"] == "summary":
            subscription["summary"] = True
        elif thread_id is None:
            subscription["room"] = True
        else:
            subscription["threads"].add(thread_id)
        self.subscriptions[room_id] = subscription
        await self.send_json(
            {
                "type": "subscribed",
                "room": room_id,
                "thread": thread_id,
                "view": request["view"],
            }
        )
        if request["view"] == "summary":
            await self.send_unread(room_id)
        elif request["after"] is not None:
            await self.send_replay(room_id, request["after"], thread_id)

    async def unsubscribe(self, request):
        room_id, thread_id = request["room"], request["thread"]
        subscription = self.subscriptions.get(room_id)
        if subscription is not None:
            if thread_id is None:
                subscription["room"] = False
                subscription["summary"] = False
            else:
                subscription["threads"].discard(thread_id)
            if not (
                subscription["room"]
                or subscription["summary"]
                or subscription["threads"]
            ):
                del self.subscriptions[room_id]
                await self.leave_group(("room", room_id))
        await self.send_json(
            {"type": "unsubscribed", "room": room_id, "thread": thread_id}
        )

    async def send_replay(self, room_id, after, thread_id):
        # Large gaps come in batches; the client asks again after each "more".
        frame = await self.load_replay(room_id, after, thread_id)
        await self.send_json(frame)

    async def send_unread(self, room_id):
        count = await self.load_unread(room_id)
        await self.send_json({"type": "unread", "room": room_id, "count": count})

    async def send_error(self, error):
        self.consecutive_errors += 1
        await self.send_json(error.as_frame())
        if self.consecutive_errors >= MAX_CONSECUTIVE_ERRORS:
            logger.info("Closing a board socket after repeated bad frames")
            await self.close_socket(CLOSE_TOO_MANY_ERRORS)

    # --- messages from the channel layer --------------------------------------

    async def board_event(self, message):
        if self.closed:
            return
        event = message["event"]
        subscription = self.subscriptions.get(event["room"])
        if subscription is None:
            return
        from network.board.events import redact

        if subscription["room"] or event["thread"] in subscription["threads"]:
            await self.send_json(redact(event, self.unnamed_ids))
        if (
            subscription["summary"]
            and event["type"] == "post.created"
            and event["post"].get("author_id") != self.user_id
        ):
            await self.send_unread(event["room"])

    async def board_notifications(self, message):
        if not self.closed:
            self.notifications_sent = message["unread"]
            await self.send_json({"type": "notifications", "unread": message["unread"]})

    async def board_heartbeat(self, message):
        if message.get("token") == self.heartbeat_pending:
            self.heartbeat_pending = None

    # --- the watcher: session re-check and channel-layer heartbeat ------------

    async def watch(self):
        interval = recheck_seconds()
        try:
            while not self.closed:
                await asyncio.sleep(interval)
                if self.closed:
                    return
                if not await self.check_layer(interval):
                    await self.close_for_resync()
                    return
                state = await self.load_state()
                if state["code"] is not None:
                    await self.send_json(
                        {"type": "revoked", "message": state["message"]}
                    )
                    await self.close_socket(state["code"])
                    return
                self.apply_state(state)
                await self.recheck_notifications(state["notifications"])
                await self.recheck_subscriptions()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("Board socket watcher failed; closing for resync")
            await self.close_for_resync()

    async def check_layer(self, interval):
        """Send ourselves a heartbeat through the channel layer; the previous one
        must have come back. Either failing means this worker is deaf."""
        if self.heartbeat_pending is not None and (
            time.monotonic() - self.heartbeat_sent_at > max(interval * 2, 3)
        ):
            logger.warning("Board socket heartbeat lost; closing for resync")
            return False
        if self.heartbeat_pending is None:
            token = uuid.uuid4().hex
            try:
                await asyncio.wait_for(
                    self.channel_layer.send(
                        self.channel_name, {"type": "board.heartbeat", "token": token}
                    ),
                    timeout=max(interval, 1),
                )
            except Exception:  # noqa: BLE001
                logger.warning("Board channel layer unreachable; closing for resync")
                return False
            self.heartbeat_pending = token
            self.heartbeat_sent_at = time.monotonic()
        return True

    async def recheck_notifications(self, unread):
        """A demotion or a room closed since hides notifications without a write
        that would ring: tell the page when the count changed between re-checks
        (not when a mention's own frame merely overtook this re-check)."""
        changed = unread != self.notifications_checked
        self.notifications_checked = unread
        if changed and unread != self.notifications_sent:
            self.notifications_sent = unread
            await self.send_json({"type": "notifications", "unread": unread})

    async def recheck_subscriptions(self):
        for room_id in list(self.subscriptions):
            subscription = self.subscriptions[room_id]
            threads = sorted(subscription["threads"])
            allowed = await self.readable_ids(room_id, threads)
            if allowed is None:
                del self.subscriptions[room_id]
                await self.leave_group(("room", room_id))
                await self.send_json(
                    {
                        "type": "error",
                        "code": "subscription_revoked",
                        "message": "You may no longer read this room.",
                        "room": room_id,
                    }
                )
                continue
            for thread_id in set(threads) - allowed:
                subscription["threads"].discard(thread_id)

    # --- helpers --------------------------------------------------------------

    def apply_state(self, state):
        self.user_id = state["user_id"]
        self.unnamed_ids = state["unnamed_ids"]
        self.viewer = state["viewer"]

    async def join_group(self, key):
        from network.board.events import group_name

        name = group_name(*key)
        if name not in self.groups_joined:
            await self.channel_layer.group_add(name, self.channel_name)
            self.groups_joined.add(name)

    async def leave_group(self, key):
        from network.board.events import group_name

        name = group_name(*key)
        if name in self.groups_joined:
            self.groups_joined.discard(name)
            with contextlib.suppress(Exception):
                await self.channel_layer.group_discard(name, self.channel_name)

    async def close_for_resync(self):
        await self.close_socket(CLOSE_RESYNC)

    async def close_socket(self, code):
        if not self.closed:
            self.closed = True
            await self.close(code=code)

    # --- database access (small, synchronous, in a thread) --------------------

    @database_sync_to_async
    def load_state(self):
        """Reload the session and user from the database; decide if they may stay."""
        from django.contrib.auth import get_user
        from django.utils.module_loading import import_string

        from members.two_factor import verified_user, withhold_unconfirmed_powers
        from members.viewer import Viewer
        from network.models import Notification

        store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
        session = store_class(self.session_key)

        class SessionRequest:
            pass

        request = SessionRequest()
        request.session = session
        request.user = get_user(request)
        # The same two-factor rule as every page (members.two_factor).
        user = withhold_unconfirmed_powers(verified_user(request))
        # The same Viewer as every page (members.middleware.ViewerMiddleware): every
        # read this socket makes until the next load goes through it.
        viewer = Viewer.for_user(user)
        state = {"viewer": viewer, "user_id": viewer.user_id, "code": None}
        if viewer.is_anonymous and session_names_inactive_account(session):
            # Deactivated, not signed out: get_user answers anonymous for both.
            state.update(
                code=CLOSE_FORBIDDEN,
                message="Your account may no longer use the board.",
            )
            return state
        if viewer.is_anonymous:
            state.update(
                code=CLOSE_UNAUTHENTICATED, message="You have been signed out."
            )
            return state
        if not viewer.may_use_board:
            state.update(
                code=CLOSE_FORBIDDEN,
                message="Your account may no longer use the board.",
            )
            return state
        # Computed here, in this thread, not later on the event loop.
        state["unnamed_ids"] = viewer.unnamed_organization_ids
        state["notifications"] = (
            Notification.objects.readable_by(viewer).unread().count()
        )
        return state

    @database_sync_to_async
    def may_read(self, room_id, thread_id):
        from network.models import Room, Thread

        rooms = Room.objects.readable_by(self.viewer).filter(pk=room_id)
        if thread_id is None:
            return rooms.exists()
        return Thread.objects.filter(pk=thread_id, room__in=rooms).exists()

    @database_sync_to_async
    def readable_rooms(self, room_ids):
        from network.models import Room

        return sorted(
            Room.objects.readable_by(self.viewer)
            .filter(pk__in=room_ids)
            .values_list("pk", flat=True)
        )

    @database_sync_to_async
    def load_unread_many(self, room_ids):
        from network.board.queries import unread_counts

        return unread_counts(self.viewer, room_ids) if room_ids else {}

    @database_sync_to_async
    def readable_ids(self, room_id, thread_ids):
        from network.models import Room, Thread

        if not Room.objects.readable_by(self.viewer).filter(pk=room_id).exists():
            return None
        if not thread_ids:
            return set()
        return set(
            Thread.objects.filter(pk__in=thread_ids, room_id=room_id).values_list(
                "pk", flat=True
            )
        )

    @database_sync_to_async
    def load_replay(self, room_id, after, thread_id):
        from network.board.events import replay_frame

        return replay_frame(room_id, after, self.unnamed_ids, thread_id=thread_id)

    @database_sync_to_async
    def load_unread(self, room_id):
        from network.board.queries import unread_counts

        return unread_counts(self.viewer, [room_id]).get(room_id, 0)
