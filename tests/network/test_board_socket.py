"""The board socket's edge: who may connect, and what happens to each kind of frame."""

import json

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.test import Client

from network.asgi import application
from network.board.protocol import (
    CLOSE_TOO_MANY_ERRORS,
    CLOSE_UNAUTHENTICATED,
    MAX_FRAME_BYTES,
    RateLimiter,
)
from tests.factories import UserFactory, board_member
from tests.network.sockets import PatientCommunicator
from tests.network.test_board_protocol import HOSTILE_FRAMES

# serialized_rollback: a transactional test flushes the tables, and Wagtail's root page
# and locale (made by migrations) must come back for the next one.
pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The handshake a page on http://testserver makes (network.routing checks both).
SAME_ORIGIN = [(b"host", b"testserver"), (b"origin", b"http://testserver")]


@sync_to_async
def session_cookie_for_new_user(member=True):
    """A signed-in session; by default for staff of a member organization, since
    the board is members-only."""
    user = board_member() if member else UserFactory()
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def connect(headers):
    communicator = PatientCommunicator(application, "/ws/board/", headers=headers)
    connected, _ = await communicator.connect()
    return communicator, connected


@pytest_asyncio.fixture
async def signed_in_socket(directory):
    cookie = await session_cookie_for_new_user()
    communicator, connected = await connect([*SAME_ORIGIN, (b"cookie", cookie)])
    assert connected
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello"
    yield communicator
    await communicator.disconnect()


async def test_anonymous_socket_is_closed_with_the_unauthenticated_code():
    communicator, connected = await connect(SAME_ORIGIN)
    assert connected  # accepted only to deliver the close code
    message = await communicator.receive_output()
    assert message == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}
    await communicator.disconnect()


async def test_foreign_origin_is_refused_even_when_signed_in(directory):
    cookie = await session_cookie_for_new_user()
    communicator, connected = await connect(
        [
            (b"host", b"testserver"),
            (b"origin", b"https://evil.example"),
            (b"cookie", cookie),
        ]
    )
    assert not connected
    await communicator.disconnect()


async def test_missing_origin_is_refused(directory):
    cookie = await session_cookie_for_new_user()
    communicator, connected = await connect(
        [(b"host", b"testserver"), (b"cookie", cookie)]
    )
    assert not connected
    await communicator.disconnect()


async def test_ping_is_answered_with_pong(signed_in_socket):
    await signed_in_socket.send_json_to({"type": "ping"})
    assert await signed_in_socket.receive_json_from() == {"type": "pong"}


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json at all", "invalid_json"),
        ("[1, 2, 3]", "invalid_message"),
        ('"ping"', "invalid_message"),
        ("{}", "missing_type"),
        ('{"type": 7}', "missing_type"),
        ('{"type": "launch"}', "unknown_type"),
        (json.dumps({"type": "ping", "pad": "x" * MAX_FRAME_BYTES}), "frame_too_large"),
    ],
)
async def test_bad_text_frames_get_an_error_frame(signed_in_socket, frame, code):
    await signed_in_socket.send_to(text_data=frame)
    reply = await signed_in_socket.receive_json_from()
    assert reply["type"] == "error"
    assert reply["code"] == code
    assert reply["message"]
    # The socket is still usable afterwards.
    await signed_in_socket.send_json_to({"type": "ping"})
    assert await signed_in_socket.receive_json_from() == {"type": "pong"}


async def test_every_bad_frame_gets_an_error_frame_and_the_socket_stays_usable(
    directory, monkeypatch
):
    # This test sends more than a burst on purpose; the limiter has its own test.
    monkeypatch.setattr(
        "network.board.consumer.connection.RateLimiter",
        lambda: RateLimiter(burst=10_000),
    )
    cookie = await session_cookie_for_new_user()
    socket, connected = await connect([*SAME_ORIGIN, (b"cookie", cookie)])
    assert connected
    assert (await socket.receive_json_from())["type"] == "hello"
    binary = [b"\x00\x01", b"\xff\xfe\xfd", b'{"type": "ping"}']
    for frame, code in [
        *HOSTILE_FRAMES,
        *((b, "binary_not_supported") for b in binary),
    ]:
        if isinstance(frame, bytes):
            await socket.send_to(bytes_data=frame)
        else:
            await socket.send_to(text_data=frame)
        reply = await socket.receive_json_from()
        assert (reply["type"], reply["code"]) == ("error", code), frame[:80]
        await socket.send_json_to({"type": "ping"})
        assert await socket.receive_json_from() == {"type": "pong"}, frame[:80]
    await socket.disconnect()


async def test_binary_frames_get_an_error_frame(signed_in_socket):
    await signed_in_socket.send_to(bytes_data=b"\x00\x01")
    reply = await signed_in_socket.receive_json_from()
    assert reply["code"] == "binary_not_supported"


async def test_a_flood_of_bad_frames_closes_the_socket(signed_in_socket):
    for _ in range(25):
        await signed_in_socket.send_to(text_data="nope")
    codes = []
    while True:
        message = await signed_in_socket.receive_output()
        if message["type"] == "websocket.close":
            assert message["code"] == CLOSE_TOO_MANY_ERRORS
            break
        codes.append(json.loads(message["text"])["code"])
    assert set(codes) == {"invalid_json"}
