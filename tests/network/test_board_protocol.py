"""The socket's wire protocol on its own: which frames are refused, and how."""

import json

import pytest

from network.board.protocol import (
    MAX_FRAME_BYTES,
    ProtocolError,
    parse_frame,
    read_subscription,
)

# Every shape of bad frame (issue 11 #5): each gets an error frame with this code,
# never a crash (a RecursionError closed the socket with 1011).
DEEP = 1200
HOSTILE_FRAMES = [
    # Nesting: json's recursive parser must never see it.
    ("[" * DEEP + "]" * DEEP, "invalid_message"),
    ("{" * DEEP + "}" * DEEP, "invalid_message"),
    ('{"a":' * 1000 + "1" + "}" * 1000, "invalid_message"),
    ("[" * DEEP, "invalid_message"),
    ('{"type": "ping", "x": ' + "[" * 50 + "]" * 50 + "}", "invalid_message"),
    (
        '{"type": "subscribe", "rooms": [[[[[1]]]]], "view": "summary"}',
        "invalid_message",
    ),
    # Brackets inside strings are text, not nesting.
    ('{"type": "launch", "x": "' + "[" * DEEP + '"}', "unknown_type"),
    # JSON that is not an object.
    ("1", "invalid_message"),
    ("-0", "invalid_message"),
    ('"ping"', "invalid_message"),
    ("null", "invalid_message"),
    ("true", "invalid_message"),
    ("[]", "invalid_message"),
    ('[{"type": "ping"}]', "invalid_message"),
    # Not JSON.
    ("{", "invalid_json"),
    ("{'type': 'ping'}", "invalid_json"),
    ('{"type": "ping"}{"type": "ping"}', "invalid_json"),
    ("\x00", "invalid_json"),
    ('{"type": "subscribe", "room": NaN}', "invalid_json"),
    ('{"type": "subscribe", "room": Infinity}', "invalid_json"),
    ('{"type": "subscribe", "room": -Infinity}', "invalid_json"),
    ("\ud800", "invalid_json"),  # a lone surrogate is not UTF-8 text
    ('{"type": "ping\ud800"}', "invalid_json"),
    # Duplicate keys: parsers disagree on which one wins.
    ('{"type": "ping", "type": "ping"}', "invalid_message"),
    ('{"type": "subscribe", "room": 1, "room": 2}', "invalid_message"),
    # Numbers no id can be.
    ('{"type": "subscribe", "room": 99999999999999999999}', "invalid_field"),
    ('{"type": "subscribe", "room": ' + "9" * 5000 + "}", "invalid_field"),
    ('{"type": "subscribe", "room": 1e400}', "invalid_field"),
    ('{"type": "subscribe", "room": 1e3}', "invalid_field"),
    ('{"type": "subscribe", "room": 1.0}', "invalid_field"),
    ('{"type": "subscribe", "room": -1}', "invalid_field"),
    ('{"type": "subscribe", "room": 0}', "invalid_field"),
    ('{"type": "subscribe", "room": -0}', "invalid_field"),
    ('{"type": "subscribe", "room": 9223372036854775808}', "invalid_field"),
    ('{"type": "subscribe", "room": 9007199254740993}', "invalid_field"),
    ('{"type": "subscribe", "room": "1"}', "invalid_field"),
    ('{"type": "subscribe", "room": "\u0663"}', "invalid_field"),
    ('{"type": "subscribe", "room": true}', "invalid_field"),
    ('{"type": "subscribe", "room": null}', "invalid_field"),
    ('{"type": "subscribe", "room": [1]}', "invalid_field"),
    ('{"type": "subscribe", "room": {}}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "thread": 0}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "thread": -5}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "thread": 2.5}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "after": -1}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "after": "0"}', "invalid_field"),
    (
        '{"type": "subscribe", "room": 1, "after": 18446744073709551616}',
        "invalid_field",
    ),
    ('{"type": "subscribe", "room": 1, "view": ["room"]}', "invalid_field"),
    ('{"type": "subscribe", "view": "summary", "rooms": ["1"]}', "invalid_field"),
    ('{"type": "subscribe", "view": "summary", "rooms": [0]}', "invalid_field"),
    ('{"type": "subscribe", "view": "summary", "rooms": [1.5]}', "invalid_field"),
    ('{"type": "subscribe", "view": "summary", "rooms": "1"}', "invalid_field"),
    ('{"type": "subscribe", "view": "summary", "rooms": {}}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "rooms": [1]}', "invalid_field"),
    ('{"type": "unsubscribe", "room": "x"}', "invalid_field"),
    # Types and fields the server does not know.
    ('{"type": ""}', "missing_type"),
    ('{"type": null}', "missing_type"),
    ('{"type": ["ping"]}', "missing_type"),
    ('{"type": "launch"}', "unknown_type"),
    ('{"type": "PING"}', "unknown_type"),
    ('{"type": "ping", "extra": 1}', "invalid_field"),
    ('{"type": "subscribe", "room": 1, "after": 0, "admin": true}', "invalid_field"),
    # Oversized, counted in bytes.
    (json.dumps({"type": "ping", "pad": "x" * MAX_FRAME_BYTES}), "frame_too_large"),
    (
        '{"type": "ping", "p": "' + "\u00e9" * (MAX_FRAME_BYTES // 2) + '"}',
        "frame_too_large",
    ),
]


@pytest.mark.parametrize(
    ("frame", "code"),
    HOSTILE_FRAMES,
    ids=[f"frame{n}" for n in range(len(HOSTILE_FRAMES))],
)
def test_the_protocol_refuses_every_shape_of_bad_frame(frame, code):
    with pytest.raises(ProtocolError) as refused:
        message = parse_frame(frame, None)
        if message["type"] in ("subscribe", "unsubscribe"):
            read_subscription(message)
    assert refused.value.code == code
    assert refused.value.message
