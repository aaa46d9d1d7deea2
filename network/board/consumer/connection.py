"""The socket's life: the handshake (refusing anyone who may not use the board
with a documented close code), the frames a client sends, validated and rate
limited at the edge (network.board.protocol), and closing. BoardConsumer is
composed of the other modules' parts; network/routing.py serves it.
"""

import asyncio
import contextlib
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from home.languages import socket_language
from network.board.consumer.database import (
    DatabaseReads,
    session_names_inactive_account,
)
from network.board.consumer.subscriptions import Subscriptions
from network.board.consumer.watcher import Watcher, recheck_seconds
from network.board.protocol import (
    CLOSE_FORBIDDEN,
    CLOSE_RESYNC,
    CLOSE_TOO_MANY_ERRORS,
    CLOSE_UNAUTHENTICATED,
    ProtocolError,
    RateLimiter,
    parse_frame,
    read_subscription,
)

logger = logging.getLogger(__name__)

# A client that sends this many bad frames in a row is closed rather than answered.
MAX_CONSECUTIVE_ERRORS = 20


class BoardConsumer(Subscriptions, Watcher, DatabaseReads, AsyncJsonWebsocketConsumer):
    async def dispatch(self, message):
        # Every frame this socket sends is in the page's language: the page names
        # it (?lang=), else the switcher's cookie, else the browser's. The watcher
        # task, started inside, inherits it.
        if not hasattr(self, "language"):
            self.language = socket_language(self.scope)
        with translation.override(self.language):
            await super().dispatch(message)

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
                    _("Too many messages: slow down and try again in a moment."),
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
            raise ProtocolError(
                "unknown_type",
                _("Unknown message type: %(type)s.") % {"type": repr(kind[:40])},
            )

    async def send_error(self, error):
        self.consecutive_errors += 1
        await self.send_json(error.as_frame())
        if self.consecutive_errors >= MAX_CONSECUTIVE_ERRORS:
            logger.info("Closing a board socket after repeated bad frames")
            await self.close_socket(CLOSE_TOO_MANY_ERRORS)

    def apply_state(self, state):
        self.user_id = state["user_id"]
        self.unnamed_ids = state["unnamed_ids"]
        self.viewer = state["viewer"]

    async def close_for_resync(self):
        await self.close_socket(CLOSE_RESYNC)

    async def close_socket(self, code):
        if not self.closed:
            self.closed = True
            await self.close(code=code)
