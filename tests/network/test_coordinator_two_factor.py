"""Coordinator powers need a second factor confirmed in this session (issue 11 #4).

A coordinator signed in with a password only is an ordinary member: on pages, in
moderation and on the board's socket alike. The same person in a session that
confirmed a TOTP code has every power back.
"""

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from members.models.users import COORDINATORS_GROUP
from network.asgi import application
from network.models import Post
from tests.conftest import pass_two_factor
from tests.factories import MembershipFactory
from tests.network.sockets import PatientCommunicator


@pytest.fixture
def staff_coordinator(board):
    """A coordinator who also works for a member organization, so the board is
    open to them as a member either way."""
    user = board.coordinator
    MembershipFactory(user=user, organization=board.beta)
    return user


def client_for(user, two_factor):
    client = Client()
    client.force_login(user)
    if two_factor:
        pass_two_factor(client, user)
    return client


@pytest.mark.django_db
@pytest.mark.usefixtures("two_factor_required")
class TestOnPages:
    def test_password_only_coordinator_cannot_read_a_hidden_profile(
        self, board, staff_coordinator
    ):
        response = client_for(staff_coordinator, two_factor=False).get(board.hidden.url)
        assert response.status_code == 404
        assert board.hidden.title not in response.content.decode()

    def test_confirmed_coordinator_reads_the_hidden_profile(
        self, board, staff_coordinator
    ):
        response = client_for(staff_coordinator, two_factor=True).get(board.hidden.url)
        assert response.status_code == 200
        assert board.hidden.title in response.content.decode()

    def test_password_only_coordinator_cannot_open_the_coordinators_room(
        self, board, staff_coordinator
    ):
        url = reverse("board_room", args=[board.coordinators_room.slug])
        assert client_for(staff_coordinator, False).get(url).status_code == 404
        assert client_for(staff_coordinator, True).get(url).status_code == 200

    @pytest.mark.parametrize("two_factor", [False, True])
    def test_moderation_needs_the_second_factor(
        self, board, staff_coordinator, two_factor
    ):
        post = board.thread.posts.first()
        client_for(staff_coordinator, two_factor).post(
            reverse("board_moderate_post", args=[post.pk]),
            {"action": "hide", "reason": "Off topic"},
        )
        assert Post.objects.get(pk=post.pk).hidden is two_factor

    def test_the_page_header_offers_the_check_and_says_why(
        self, board, staff_coordinator
    ):
        page = client_for(staff_coordinator, False).get("/account/").content.decode()
        assert reverse("two_factor") in page
        assert "coordinator tools are off" in page
        confirmed = client_for(staff_coordinator, True).get("/account/")
        assert "coordinator tools are off" not in confirmed.content.decode()

    def test_a_device_of_someone_else_does_not_count(self, board, staff_coordinator):
        client = client_for(staff_coordinator, two_factor=False)
        other = Group.objects.get(name=COORDINATORS_GROUP).user_set.create(
            username="another-coordinator"
        )
        pass_two_factor(client, other)
        assert client.get(board.hidden.url).status_code == 404

    def test_without_the_requirement_powers_are_as_before(
        self, board, staff_coordinator, settings
    ):
        settings.MEMBERS_REQUIRE_TWO_FACTOR = False
        response = client_for(staff_coordinator, False).get(board.hidden.url)
        assert response.status_code == 200


@sync_to_async
def session_cookie(user, two_factor):
    client = client_for(user, two_factor)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize(
    ("two_factor", "expected"), [(False, "error"), (True, "subscribed")]
)
async def test_the_coordinators_room_on_the_socket_needs_the_second_factor(
    board, staff_coordinator, two_factor, expected
):
    cookie = await session_cookie(staff_coordinator, two_factor)
    socket = PatientCommunicator(
        application,
        "/ws/board/",
        headers=[
            (b"host", b"testserver"),
            (b"origin", b"http://testserver"),
            (b"cookie", cookie),
        ],
    )
    connected, _ = await socket.connect()
    assert connected
    assert (await socket.receive_json_from())["type"] == "hello"
    await socket.send_json_to(
        {"type": "subscribe", "room": board.coordinators_room.pk, "after": 0}
    )
    reply = await socket.receive_json_from()
    assert reply["type"] == expected
    await socket.disconnect()
