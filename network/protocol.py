"""The board socket's wire protocol: limits, close codes and error frames.

docs/board-protocol.md is the human-readable contract; keep the two in step.
"""

import json

# Frames larger than this are refused before they are parsed.
MAX_FRAME_BYTES = 16 * 1024

# Close codes in the 4000-4999 range that the application owns.
CLOSE_UNAUTHENTICATED = 4401  # no signed-in session at connect, or it ended since
CLOSE_FORBIDDEN = 4403  # the account may no longer use the board
CLOSE_TOO_MANY_ERRORS = 4408  # the client kept sending bad frames
CLOSE_RESYNC = 4503  # the server lost its channel layer: reconnect and catch up


class ProtocolError(Exception):
    """A client frame the server will not act on; becomes an error frame."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_frame(self):
        return {"type": "error", "code": self.code, "message": self.message}


def parse_frame(text_data, bytes_data):
    """Turn one raw WebSocket frame into a dict with a string "type", or raise."""
    if bytes_data is not None:
        raise ProtocolError("binary_not_supported", "Frames must be JSON text.")
    if text_data is None:
        raise ProtocolError("empty_frame", "The frame was empty.")
    if len(text_data.encode("utf-8")) > MAX_FRAME_BYTES:
        raise ProtocolError(
            "frame_too_large", f"Frames may be at most {MAX_FRAME_BYTES} bytes."
        )
    try:
        message = json.loads(text_data)
    except ValueError:
        raise ProtocolError("invalid_json", "The frame is not valid JSON.") from None
    if not isinstance(message, dict):
        raise ProtocolError("invalid_message", "A message must be a JSON object.")
    message_type = message.get("type")
    if not isinstance(message_type, str) or not message_type:
        raise ProtocolError("missing_type", 'A message needs a string "type".')
    return message


# How many rooms one socket may follow at once (the board index follows every room).
MAX_SUBSCRIPTIONS = 500
# Socket messages a client may send: a burst of this many, refilled at RATE per second.
RATE_BURST = 30
RATE_PER_SECOND = 5.0
VIEWS = ("room", "thread", "summary")


class RateLimiter:
    """A token bucket per socket: bursts are fine, floods are answered with errors."""

    def __init__(self, burst=RATE_BURST, per_second=RATE_PER_SECOND, clock=None):
        import time

        self.clock = clock or time.monotonic
        self.burst = burst
        self.per_second = per_second
        self.tokens = float(burst)
        self.updated = self.clock()

    def allow(self):
        now = self.clock()
        self.tokens = min(
            self.burst, self.tokens + (now - self.updated) * self.per_second
        )
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def _read_id(message, key, required):
    value = message.get(key)
    if value is None and not required:
        return None
    # bool is an int in Python; a JSON true is not an id.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProtocolError("invalid_field", f'"{key}" must be a non-negative integer.')
    if value > 2**53:
        raise ProtocolError("invalid_field", f'"{key}" is out of range.')
    return value


def read_room_list(message):
    """A summary subscription may name many rooms at once: {"rooms": [int, …]}."""
    rooms = message.get("rooms")
    if not isinstance(rooms, list) or not rooms:
        raise ProtocolError("invalid_field", '"rooms" must be a list of room ids.')
    if len(rooms) > MAX_SUBSCRIPTIONS:
        raise ProtocolError(
            "too_many_subscriptions",
            f"At most {MAX_SUBSCRIPTIONS} rooms can be followed on one socket.",
        )
    return sorted({_read_id({"room": room}, "room", required=True) for room in rooms})


def read_subscription(message, need_after=True):
    """Validate a subscribe/unsubscribe message: {"room": int, "thread": int?,
    "after": int?, "view": "room"|"thread"|"summary"?}, or for the summary view
    {"rooms": [int, …]} instead of "room"."""
    if message.get("view") == "summary" and "rooms" in message:
        return {
            "rooms": read_room_list(message),
            "room": None,
            "thread": None,
            "after": None,
            "view": "summary",
        }
    room = _read_id(message, "room", required=True)
    thread = _read_id(message, "thread", required=False)
    after = _read_id(message, "after", required=False) if need_after else None
    view = message.get("view")
    if view is None:
        view = "thread" if thread is not None else "room"
    if view not in VIEWS:
        raise ProtocolError(
            "invalid_field", '"view" must be "room", "thread" or "summary".'
        )
    if view == "thread" and thread is None:
        raise ProtocolError("invalid_field", 'A "thread" view needs a "thread" id.')
    if view != "thread":
        thread = None
    return {"room": room, "thread": thread, "after": after, "view": view}
