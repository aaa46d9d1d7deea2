"""The board socket's wire protocol: limits, close codes and error frames.

docs/board-protocol.md is the human-readable contract; keep the two in step.
"""

import json
import math
import re

from django.utils.translation import gettext as _

from home.validation import parse_id

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


# Messages are flat: an object that holds at most a list of ids. Anything nested
# deeper is refused before parsing, since json's recursive parser turns a few
# kilobytes of brackets into a RecursionError.
MAX_NESTING = 4
# The fields each message type may carry; anything else is refused, not ignored.
MESSAGE_FIELDS = {
    "ping": frozenset({"type"}),
    "subscribe": frozenset({"type", "room", "thread", "after", "view", "rooms"}),
    "unsubscribe": frozenset({"type", "room", "thread", "view", "rooms"}),
}
# The largest id a browser can spell exactly (Number.MAX_SAFE_INTEGER).
MAX_WIRE_ID = 2**53 - 1

# What the nesting scan looks at: escapes (skipped whole), quotes and brackets.
_SIGNIFICANT = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def _nested_too_deeply(text, limit=MAX_NESTING):
    """A cheap linear scan: does `text` open more than `limit` arrays or objects
    inside one another? Brackets inside strings do not count."""
    depth = 0
    in_string = False
    for match in _SIGNIFICANT.finditer(text):
        found = match.group()
        if found == '"':
            in_string = not in_string
        elif in_string or found[0] == "\\":
            continue
        elif found in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _refuse_constant(name):
    raise ProtocolError(
        "invalid_json", _("%(name)s is not a JSON value.") % {"name": name}
    )


def _parse_int(digits):
    # Ids fit in 19 digits; a longer number is refused before int() works on it.
    if len(digits.lstrip("-")) > 19:
        raise ProtocolError(
            "invalid_field", _("A number in the message is out of range.")
        )
    return int(digits)


def _parse_float(text):
    value = float(text)
    if not math.isfinite(value):  # 1e400
        raise ProtocolError(
            "invalid_field", _("A number in the message is out of range.")
        )
    return value


def _object_without_duplicates(pairs):
    message = {}
    for key, value in pairs:
        if key in message:
            # Parsers disagree on which copy wins; the server picks neither.
            raise ProtocolError(
                "invalid_message",
                _("The key %(key)s appears twice.") % {"key": repr(key[:40])},
            )
        message[key] = value
    return message


def _decode(text_data):
    try:
        return json.loads(
            text_data,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_refuse_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except RecursionError:  # the scan above should have caught it first
        raise ProtocolError(
            "invalid_message", _("The message is nested too deeply.")
        ) from None
    except ValueError:
        raise ProtocolError("invalid_json", _("The frame is not valid JSON.")) from None


def parse_frame(text_data, bytes_data):
    """Turn one raw WebSocket frame into a message of a known type with known
    fields, or raise ProtocolError. Every failure is an error frame, never a
    crash: the socket stays usable."""
    if bytes_data is not None:
        raise ProtocolError("binary_not_supported", _("Frames must be JSON text."))
    if not text_data:
        raise ProtocolError("empty_frame", _("The frame was empty."))
    if len(text_data) > MAX_FRAME_BYTES:  # characters are at least a byte each
        raise _frame_too_large()
    try:
        size = len(text_data.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8 text
        raise ProtocolError(
            "invalid_json", _("The frame is not valid UTF-8 text.")
        ) from None
    if size > MAX_FRAME_BYTES:
        raise _frame_too_large()
    if _nested_too_deeply(text_data):
        raise ProtocolError(
            "invalid_message",
            _("Messages may nest at most %(limit)d arrays or objects deep.")
            % {"limit": MAX_NESTING},
        )
    message = _decode(text_data)
    if not isinstance(message, dict):
        raise ProtocolError("invalid_message", _("A message must be a JSON object."))
    message_type = message.get("type")
    if not isinstance(message_type, str) or not message_type:
        raise ProtocolError("missing_type", _('A message needs a string "type".'))
    fields = MESSAGE_FIELDS.get(message_type)
    if fields is None:
        raise ProtocolError(
            "unknown_type",
            _("Unknown message type: %(type)s.") % {"type": repr(message_type[:40])},
        )
    unknown = sorted(set(message) - fields)
    if unknown:
        raise ProtocolError(
            "invalid_field",
            _("A %(type)s message has no field %(field)s.")
            % {"type": repr(message_type), "field": repr(unknown[0][:40])},
        )
    return message


def _frame_too_large():
    return ProtocolError(
        "frame_too_large",
        _("Frames may be at most %(limit)d bytes.") % {"limit": MAX_FRAME_BYTES},
    )


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


def _read_id(message, key, required, minimum=1):
    """An id from a message: a JSON integer (not a boolean, a float or a string)
    that a row can have (home.validation.parse_id) and a browser can spell
    exactly. `after` may also be 0: "from the start"."""
    value = message.get(key)
    if value is None and not required:
        return None
    # bool is an int in Python; a JSON true is not an id.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(
            "invalid_field", _('"%(key)s" must be an integer id.') % {"key": key}
        )
    if value == 0 and minimum == 0:
        return value
    if parse_id(value) is None or value > MAX_WIRE_ID:
        raise ProtocolError(
            "invalid_field", _('"%(key)s" is not a possible id.') % {"key": key}
        )
    return value


def read_room_list(message):
    """A summary subscription may name many rooms at once: {"rooms": [int, …]}."""
    rooms = message.get("rooms")
    if not isinstance(rooms, list) or not rooms:
        raise ProtocolError("invalid_field", _('"rooms" must be a list of room ids.'))
    if len(rooms) > MAX_SUBSCRIPTIONS:
        raise ProtocolError(
            "too_many_subscriptions",
            _("At most %(limit)d rooms can be followed on one socket.")
            % {"limit": MAX_SUBSCRIPTIONS},
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
    if "rooms" in message:
        raise ProtocolError(
            "invalid_field", _('"rooms" goes with the "summary" view only.')
        )
    room = _read_id(message, "room", required=True)
    thread = _read_id(message, "thread", required=False)
    after = (
        _read_id(message, "after", required=False, minimum=0) if need_after else None
    )
    view = message.get("view")
    if view is None:
        view = "thread" if thread is not None else "room"
    if view not in VIEWS:
        raise ProtocolError(
            "invalid_field", _('"view" must be "room", "thread" or "summary".')
        )
    if view == "thread" and thread is None:
        raise ProtocolError("invalid_field", _('A "thread" view needs a "thread" id.'))
    if view != "thread":
        thread = None
    return {"room": room, "thread": thread, "after": after, "view": view}
