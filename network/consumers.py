"""The board's one WebSocket per browser.

Writes never arrive here: posts are made over HTTP and reach sockets after commit.
This consumer authenticates, validates every frame at the edge and answers.
"""

import logging

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from network.protocol import (
    CLOSE_TOO_MANY_ERRORS,
    CLOSE_UNAUTHENTICATED,
    ProtocolError,
    parse_frame,
)

logger = logging.getLogger(__name__)

# A client that sends this many bad frames in a row is closed rather than answered.
MAX_CONSECUTIVE_ERRORS = 20


class BoardConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept, then close with our code: a handshake refusal reaches browsers
            # only as 1006, and the client must know not to retry until signed in.
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.consecutive_errors = 0
        await self.accept()

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            message = parse_frame(text_data, bytes_data)
            await self.dispatch_message(message)
        except ProtocolError as error:
            await self.send_error(error)
        else:
            self.consecutive_errors = 0

    async def dispatch_message(self, message):
        if message["type"] == "ping":
            await self.send_json({"type": "pong"})
            return
        raise ProtocolError(
            "unknown_type", f"Unknown message type: {message['type'][:40]!r}."
        )

    async def send_error(self, error):
        self.consecutive_errors += 1
        await self.send_json(error.as_frame())
        if self.consecutive_errors >= MAX_CONSECUTIVE_ERRORS:
            logger.info("Closing a board socket after repeated bad frames")
            await self.close(code=CLOSE_TOO_MANY_ERRORS)
