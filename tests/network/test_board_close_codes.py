"""Why an open socket ends, and with which code: one test per reason, each
asserting what docs/board-protocol.md documents (issue 11 #15)."""

import asyncio
import types

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session

from members.models import MemberOrganizationPage, Membership
from members.models.users import COORDINATORS_GROUP
from network.board import actions
from network.board.protocol import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from network.models import Room
from tests.factories import CoordinatorFactory, MembershipFactory
from tests.network.test_board_live import open_socket, receive_until

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def fast_rechecks(settings):
    settings.BOARD_RECHECK_SECONDS = 0.3


async def closing_code(socket):
    """The close code, after the `revoked` frame that must come first."""
    closed, frames = await receive_until(socket, lambda frame: False)
    assert closed["type"] == "websocket.close"
    assert frames and frames[-1]["type"] == "revoked" and frames[-1]["message"]
    return closed["code"]


async def still_open(socket):
    """A few re-checks later the socket still answers."""
    await asyncio.sleep(1.0)
    await socket.send_json_to({"type": "ping"})
    pong, _ = await receive_until(socket, lambda frame: frame["type"] == "pong")
    return pong == {"type": "pong"}


def sign_out(board, socket):
    Session.objects.filter(pk=socket.session_key).delete()


def change_password(board, socket):
    # Another device changed the password: this session's hash no longer matches.
    board.bob.set_password("a-new-password-entirely")
    board.bob.save()


def deactivate(board, socket):
    board.bob.is_active = False
    board.bob.save(update_fields=["is_active"])


def suspend_organization(board, socket):
    MemberOrganizationPage.objects.filter(pk=board.beta.pk).update(
        membership_status="suspended"
    )


def remove_from_organization(board, socket):
    Membership.objects.filter(user=board.bob).delete()


@pytest.mark.usefixtures("fast_rechecks")
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (sign_out, CLOSE_UNAUTHENTICATED),
        (change_password, CLOSE_UNAUTHENTICATED),
        (deactivate, CLOSE_FORBIDDEN),
        (suspend_organization, CLOSE_FORBIDDEN),
        (remove_from_organization, CLOSE_FORBIDDEN),
    ],
)
async def test_each_reason_closes_an_open_socket_with_its_documented_code(
    board, change, code
):
    socket = await open_socket(board.bob)
    await sync_to_async(change)(board, socket)
    assert await closing_code(socket) == code
    await socket.disconnect()


@pytest.mark.usefixtures("fast_rechecks")
async def test_demoting_a_coordinator_who_works_for_no_organization_is_forbidden(
    board,
):
    coordinator = await sync_to_async(CoordinatorFactory)()
    socket = await open_socket(coordinator)
    await sync_to_async(coordinator.groups.clear)()
    assert await closing_code(socket) == CLOSE_FORBIDDEN
    await socket.disconnect()


async def subscribe(socket, room):
    await socket.send_json_to({"type": "subscribe", "room": room.pk})
    subscribed, _ = await receive_until(socket, lambda f: f["type"] == "subscribed")
    assert subscribed["room"] == room.pk


async def revoked_room(socket):
    frame, _ = await receive_until(
        socket, lambda f: f.get("code") == "subscription_revoked"
    )
    return frame["room"]


@pytest.mark.usefixtures("fast_rechecks")
async def test_demoting_a_coordinator_who_is_also_staff_revokes_only_their_rooms(
    board,
):
    await sync_to_async(MembershipFactory)(
        user=board.coordinator, organization=board.beta
    )
    socket = await open_socket(board.coordinator)
    await subscribe(socket, board.coordinators_room)
    await subscribe(socket, board.room)

    @sync_to_async
    def demote():
        Group.objects.get(name=COORDINATORS_GROUP).user_set.remove(board.coordinator)

    await demote()
    assert await revoked_room(socket) == board.coordinators_room.pk
    assert await still_open(socket)
    await socket.disconnect()


@pytest.mark.usefixtures("fast_rechecks")
async def test_losing_access_to_a_room_revokes_its_subscription_not_the_socket(board):
    socket = await open_socket(board.bob)
    await subscribe(socket, board.room)
    await sync_to_async(Room.objects.filter(pk=board.room.pk).update)(
        coordinators_only=True
    )
    assert await revoked_room(socket) == board.room.pk
    assert await still_open(socket)
    await socket.disconnect()


@pytest.mark.usefixtures("fast_rechecks")
async def test_a_suspension_from_posting_leaves_reading_and_the_socket_alone(board):
    socket = await open_socket(board.bob)
    await subscribe(socket, board.room)
    await sync_to_async(actions.do_suspend_from_posting)(
        board.coordinator, board.bob, "Cooling off"
    )
    assert await still_open(socket)
    await socket.disconnect()


@pytest.mark.parametrize(
    ("change", "code"),
    [(sign_out, CLOSE_UNAUTHENTICATED), (deactivate, CLOSE_FORBIDDEN)],
)
async def test_a_new_socket_gets_the_same_code_as_an_open_one(board, change, code):
    from network.asgi import application
    from tests.network.sockets import PatientCommunicator
    from tests.network.test_board_live import SAME_ORIGIN, cookie_for

    session_key = await cookie_for(board.bob)
    await sync_to_async(change)(board, types.SimpleNamespace(session_key=session_key))
    socket = PatientCommunicator(
        application,
        "/ws/board/",
        headers=[*SAME_ORIGIN, (b"cookie", f"sessionid={session_key}".encode())],
    )
    connected, _ = await socket.connect()
    assert connected
    closed = await socket.receive_output()
    assert closed == {"type": "websocket.close", "code": code}
    await socket.disconnect()
