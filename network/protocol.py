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
