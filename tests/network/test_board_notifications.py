"""A notification is a surface: it shows only what its reader may read, now
(issue 11 #3). A coordinator's confidential thread that mentions an organization
must not reach that organization's members — not on /account/notifications/, not on
/account/, not in a page's unread badge, not on the socket — and a notification
that was readable stops being shown when the reader may no longer read its post."""

import re

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group
from django.test import Client

from members.models.users import COORDINATORS_GROUP
from network.board import actions
from network.models import Notification, Room, Thread
from tests.factories import CoordinatorFactory, MembershipFactory, board_thread
from tests.network.test_board_live import open_socket, receive_until

CONFIDENTIAL = "CONFIDENTIAL: suspension review of Beta Tenants Union"
OPEN_TITLE = "Shared visiting-hours letter"


@pytest.fixture
def staff_coordinator(board):
    """A coordinator who also works for Beta: a reader the mention is for."""
    user = CoordinatorFactory(username="cleo")
    MembershipFactory(user=user, organization=board.beta)
    return user


def confidential_mention(board):
    """The attack: a coordinators-only thread whose first post mentions @beta."""
    return board_thread(
        board.coordinators_room,
        board.coordinator,
        title=CONFIDENTIAL,
        body="Notes on @beta before the assembly decides.",
    )


def open_mention(board):
    """A mention in a room every member reads."""
    return board_thread(
        board.room, board.alice, title=OPEN_TITLE, body="Could @beta co-sign?"
    )


def badge(html):
    return re.search(r"data-board-notifications>([^<]*)</span>", html)[1].strip()


def surfaces(user, thread):
    """What `user` is shown: the notifications page, /account/, and the unread
    badge on a room page and on the thread's page (none when it is not theirs
    to read)."""
    client = Client()
    client.force_login(user)
    welcome = Room.objects.get(slug="welcome").get_absolute_url()
    thread_page = client.get(Thread.objects.get(pk=thread.pk).get_absolute_url())
    return {
        "notifications": client.get("/account/notifications/").content.decode(),
        "account": client.get("/account/").content.decode(),
        "room_badge": badge(client.get(welcome).content.decode()),
        "thread_badge": (
            ""
            if thread_page.status_code == 404
            else badge(thread_page.content.decode())
        ),
    }


def assert_shown(seen, title):
    assert title in seen["notifications"]
    assert title in seen["account"]
    assert seen["room_badge"] == "1" and seen["thread_badge"] == "1"


def assert_not_shown(seen, title):
    assert title not in seen["notifications"]
    assert title not in seen["account"]
    assert seen["room_badge"] == "" and seen["thread_badge"] == ""


@pytest.mark.django_db
class TestConfidentialMention:
    def test_the_mentioned_organizations_member_is_not_notified(self, board):
        thread = confidential_mention(board)
        assert not Notification.objects.filter(user=board.bob).exists()
        assert_not_shown(surfaces(board.bob, thread), CONFIDENTIAL)

    def test_a_member_of_another_organization_is_not_notified(self, board):
        thread = confidential_mention(board)
        assert_not_shown(surfaces(board.alice, thread), CONFIDENTIAL)

    def test_a_coordinator_on_the_mentioned_organizations_staff_is(
        self, board, staff_coordinator
    ):
        thread = confidential_mention(board)
        assert_shown(surfaces(staff_coordinator, thread), CONFIDENTIAL)


@pytest.mark.django_db
class TestReadNow:
    """Rows made while the reader could read the post are filtered on every read."""

    def test_a_room_made_coordinators_only_hides_its_notifications(self, board):
        thread = open_mention(board)
        assert_shown(surfaces(board.bob, thread), OPEN_TITLE)
        Room.objects.filter(pk=board.room.pk).update(coordinators_only=True)
        assert_not_shown(surfaces(board.bob, thread), OPEN_TITLE)

    def test_a_demoted_coordinator_no_longer_sees_coordinators_notifications(
        self, board, staff_coordinator
    ):
        thread = confidential_mention(board)
        assert_shown(surfaces(staff_coordinator, thread), CONFIDENTIAL)
        Group.objects.get(name=COORDINATORS_GROUP).user_set.remove(staff_coordinator)
        assert_not_shown(surfaces(staff_coordinator, thread), CONFIDENTIAL)

    def test_a_hidden_post_hides_its_notification_from_members(self, board):
        thread = open_mention(board)
        actions.do_hide_post(board.coordinator, thread.posts.get(), "Off topic")
        assert_not_shown(surfaces(board.bob, thread), OPEN_TITLE)

    def test_a_member_who_can_still_read_keeps_the_notification(self, board):
        thread = open_mention(board)
        Room.objects.filter(pk=board.coordinators_room.pk).update(archived=True)
        assert_shown(surfaces(board.bob, thread), OPEN_TITLE)

    def test_an_organization_hidden_from_the_reader_is_not_named(self, board):
        thread = open_mention(board)
        # Bob left Beta, which then chose to be hidden: he may not see its name.
        board.bob.memberships.all().delete()
        MembershipFactory(user=board.bob, organization=board.alpha)
        board.beta.visibility = "hidden"
        board.beta.save_revision().publish()
        assert_not_shown(surfaces(board.bob, thread), OPEN_TITLE)


socket_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def nothing_arrives(socket):
    """True when no frame arrives for a while (long enough for the Redis layer
    on the real-services leg), and the socket still answers afterwards."""
    quiet = await socket.receive_nothing(timeout=1.5)
    await socket.send_json_to({"type": "ping"})
    assert await socket.receive_json_from() == {"type": "pong"}
    return quiet


@pytest.mark.asyncio
@socket_test
@pytest.mark.parametrize("reader", ["bob", "alice"])
async def test_a_confidential_mention_does_not_raise_a_members_socket_count(
    board, reader
):
    socket = await open_socket(getattr(board, reader))
    await sync_to_async(confidential_mention)(board)
    assert await nothing_arrives(socket)
    await socket.disconnect()
    # A new page's socket starts from the same count.
    again = await open_socket(getattr(board, reader))
    assert again.hello["notifications"] == 0
    await again.disconnect()


@pytest.mark.asyncio
@socket_test
async def test_a_confidential_mention_raises_a_staff_coordinators_socket_count(
    board,
):
    staff = await sync_to_async(CoordinatorFactory)(username="cleo")
    await sync_to_async(MembershipFactory)(user=staff, organization=board.beta)
    socket = await open_socket(staff)
    await sync_to_async(confidential_mention)(board)
    frame, _ = await receive_until(socket, lambda f: f["type"] == "notifications")
    assert frame == {"type": "notifications", "unread": 1}
    await socket.disconnect()


@pytest.mark.asyncio
@socket_test
async def test_an_open_socket_count_drops_when_the_room_is_closed_to_members(
    board, settings
):
    settings.BOARD_RECHECK_SECONDS = 0.3
    await sync_to_async(open_mention)(board)
    socket = await open_socket(board.bob)
    assert socket.hello["notifications"] == 1
    await sync_to_async(Room.objects.filter(pk=board.room.pk).update)(
        coordinators_only=True
    )
    frame, _ = await receive_until(
        socket, lambda f: f["type"] == "notifications", timeout=4
    )
    assert frame == {"type": "notifications", "unread": 0}
    await socket.disconnect()
