"""Following and muting (issue 15): the five kinds of target, the privacy of
what may be followed, the form's refusals, who follows a thread, and the
board's room list ordered by what a person follows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.viewer import Viewer
from network.models import Follow, Room
from network.notifications.follows import (
    followed_room_ids,
    muted_room_ids,
    set_follow,
    thread_followers,
)
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    RoomFactory,
    board_post,
    board_thread,
)

pytestmark = pytest.mark.django_db


def post_follow(client, target, pk, state, next_url="/board/", **extra):
    return client.post(
        "/account/follows/",
        {"target": target, "id": pk, "state": state, "next": next_url, **extra},
    )


@pytest.fixture
def campaign(board, directory):
    index = CampaignIndexPageFactory(parent=directory.get_parent())
    return CampaignPageFactory(parent=index, title="Close the camps")


def targets(board, campaign):
    return {
        "issue_area": board.detention,
        "room": board.room,
        "thread": board.thread,
        "campaign": campaign,
        "organization": board.beta,
    }


@pytest.mark.parametrize(
    "kind", ["issue_area", "room", "thread", "campaign", "organization"]
)
def test_follow_mute_and_unfollow_each_kind(client, board, campaign, kind):
    target = targets(board, campaign)[kind]
    client.force_login(board.alice)
    mine = Follow.objects.filter(user=board.alice, **{kind: target})

    response = post_follow(client, kind, target.pk, "follow", "/board/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/board/?x=1"
    assert list(mine.values_list("muted", flat=True)) == [False]
    page = client.get("/board/")
    assert f"You follow {target}." in page.content.decode()

    post_follow(client, kind, target.pk, "mute")
    assert list(mine.values_list("muted", flat=True)) == [True]
    assert f"You muted {target}." in client.get("/board/").content.decode()

    post_follow(client, kind, target.pk, "none")
    assert not mine.exists()
    assert f"You unmuted {target}." in client.get("/board/").content.decode()

    post_follow(client, kind, target.pk, "follow")
    post_follow(client, kind, target.pk, "none")
    assert not mine.exists()
    assert f"You no longer follow {target}." in client.get("/board/").content.decode()


def test_a_coordinators_only_room_cannot_be_followed_by_a_member(client, board):
    client.force_login(board.bob)
    response = post_follow(client, "room", board.coordinators_room.pk, "follow")
    assert response.status_code == 404
    assert b"not shared with you" in response.content
    secret = board_thread(board.coordinators_room, board.coordinator, title="Plans")
    response = post_follow(client, "thread", secret.pk, "follow")
    assert response.status_code == 404
    assert not Follow.objects.exists()


def test_a_coordinator_may_follow_the_coordinators_room(client, board):
    client.force_login(board.coordinator)
    response = post_follow(client, "room", board.coordinators_room.pk, "follow")
    assert response.status_code == 302
    assert Follow.objects.filter(room=board.coordinators_room).exists()


def test_a_hidden_organization_cannot_be_followed_by_another_orgs_member(client, board):
    client.force_login(board.alice)
    response = post_follow(client, "organization", board.hidden.pk, "follow")
    assert response.status_code == 404
    assert b"Secret Shelter" not in response.content
    assert not Follow.objects.exists()
    # Its own staff see it, and may follow it.
    client.force_login(board.hank)
    assert post_follow(client, "organization", board.hidden.pk, "follow").status_code
    assert Follow.objects.filter(user=board.hank, organization=board.hidden).exists()


def test_a_missing_target_answers_404(client, board):
    client.force_login(board.alice)
    assert post_follow(client, "room", 999999, "follow").status_code == 404
    assert not Follow.objects.exists()


def test_visitors_are_sent_to_sign_in(client, board):
    response = post_follow(client, "room", board.room.pk, "follow", "/board/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Follow.objects.exists()


def test_people_outside_the_board_may_not_follow_rooms(client, board):
    client.force_login(board.outsider)
    response = post_follow(client, "room", board.room.pk, "follow")
    assert response.status_code == 403
    assert not Follow.objects.exists()
    # What is public they may follow.
    assert (
        post_follow(client, "issue_area", board.detention.pk, "follow").status_code
        == 302
    )


def test_only_post_is_allowed(client, board):
    client.force_login(board.alice)
    assert client.get("/account/follows/").status_code == 405


@pytest.mark.parametrize(
    "data",
    [
        {"target": "user", "id": "1", "state": "follow", "next": "/"},
        {"target": "room", "id": "0", "state": "follow", "next": "/"},
        {"target": "room", "id": "-1", "state": "follow", "next": "/"},
        {"target": "room", "id": "abc", "state": "follow", "next": "/"},
        {"target": "room", "id": "١", "state": "follow", "next": "/"},
        {
            "target": "room",
            "id": "99999999999999999999",
            "state": "follow",
            "next": "/",
        },
        {"target": "room", "id": "ROOM", "state": "love", "next": "/"},
        {
            "target": "room",
            "id": "ROOM",
            "state": "follow",
            "next": "https://evil.example/",
        },
        {"target": "room", "id": "ROOM", "state": "follow", "next": "//evil.example/"},
        {"target": "room", "id": "ROOM", "state": "follow"},
        {"id": "ROOM", "state": "follow", "next": "/"},
        {"target": "room", "state": "follow", "next": "/"},
        {"target": "room", "id": "ROOM", "next": "/"},
        {"target": "room", "id": "ROOM", "state": "follow", "next": "/", "user": "2"},
    ],
)
def test_bad_missing_or_extra_fields_answer_400_and_change_nothing(client, board, data):
    set_follow(board.alice, "room", board.room, "mute")
    data = {k: str(board.room.pk) if v == "ROOM" else v for k, v in data.items()}
    client.force_login(board.alice)
    response = client.post("/account/follows/", data)
    assert response.status_code == 400
    assert b"Nothing was changed" in response.content
    assert list(Follow.objects.values_list("user", "room", "muted")) == [
        (board.alice.pk, board.room.pk, True)
    ]


def test_thread_followers_are_starters_posters_and_followers_less_muters(board):
    thread = board.thread  # started by Alice
    board_post(thread, board.bob)
    board_post(thread, board.hank)
    set_follow(board.coordinator, "thread", thread, "follow")
    set_follow(board.hank, "thread", thread, "mute")
    other = board_thread(board.room, board.bob, title="Elsewhere")
    board_post(other, board.hank)
    with CaptureQueriesContext(connection) as queries:
        followers = thread_followers(thread)
    assert followers == {board.alice.pk, board.bob.pk, board.coordinator.pk}
    assert len(queries) == 1
    assert thread_followers(other) == {board.bob.pk, board.hank.pk}


def test_followed_and_muted_room_ids(board):
    set_follow(board.alice, "room", board.room, "follow")
    welcome = Room.objects.get(slug="welcome")
    set_follow(board.alice, "room", welcome, "mute")
    set_follow(board.bob, "room", board.coordinators_room, "follow")
    assert followed_room_ids(board.alice) == {board.room.pk}
    assert muted_room_ids(board.alice) == {welcome.pk}


def room_order(response):
    return [
        room.pk for _heading, rooms in response.context["room_groups"] for room in rooms
    ]


def test_the_room_list_puts_followed_rooms_first_and_muted_last(client, board):
    client.force_login(board.alice)
    before = room_order(client.get("/board/"))
    welcome = Room.objects.get(slug="welcome")
    set_follow(board.alice, "room", welcome, "mute")
    housing_room = Room.objects.get(issue_area=board.housing)
    set_follow(board.alice, "room", housing_room, "follow")
    response = client.get("/board/")
    after = room_order(response)
    rest = [pk for pk in before if pk not in (welcome.pk, housing_room.pk)]
    assert after == [housing_room.pk, *rest, welcome.pk]
    html = response.content.decode()
    assert html.index("Rooms you follow") < html.index(housing_room.name)
    assert html.index("Muted rooms") < html.index(welcome.name)


def test_hide_empty_rooms_keeps_only_rooms_with_threads(client, board):
    client.force_login(board.alice)
    everything = room_order(client.get("/board/"))
    assert len(everything) > 1
    response = client.get("/board/?rooms=active")
    assert room_order(response) == [board.room.pk]
    assert b"Show all rooms" in response.content
    for value in ["", "all", "ACTIVE", "active ", "1"]:
        response = client.get("/board/", {"rooms": value})
        assert room_order(response) == everything
        assert b"Hide empty rooms" in response.content


def test_the_room_list_query_count_does_not_grow_with_follows(client, board):
    client.force_login(board.alice)
    set_follow(board.alice, "room", board.room, "follow")
    client.get("/board/")
    with CaptureQueriesContext(connection) as one:
        client.get("/board/")
    for n in range(5):
        room = RoomFactory(name=f"Extra {n}")
        set_follow(board.alice, "room", room, "follow" if n % 2 else "mute")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/board/")
    assert len(room_order(response)) == len(everything_rooms(board))
    assert len(many) == len(one)


def everything_rooms(board):
    return list(Room.objects.readable_by(Viewer.for_user(board.alice)))


def page_buttons(client, url):
    return client.get(url).content.decode()


def test_buttons_show_the_state_on_each_page(client, board, campaign, issues_index):
    client.force_login(board.alice)
    pages = {
        "room": (board.room, board.room.get_absolute_url()),
        "thread": (board.thread, board.thread.get_absolute_url()),
        "issue_area": (board.detention, "/issues/detention/"),
        "campaign": (campaign, campaign.url),
        "organization": (board.beta, board.beta.url),
    }
    for kind, (target, url) in pages.items():
        html = page_buttons(client, url)
        assert f'data-follow="{kind}"' in html, kind
        assert ">Follow</button>" in html and ">Mute</button>" in html, kind
        set_follow(board.alice, kind, target, "follow")
        html = page_buttons(client, url)
        assert "Following" in html and ">Unfollow</button>" in html, kind
        set_follow(board.alice, kind, target, "mute")
        html = page_buttons(client, url)
        assert ">Unmute</button>" in html and ">Follow</button>" not in html, kind


def test_no_buttons_for_visitors(client, board, campaign):
    html = page_buttons(client, campaign.url)
    assert "data-follow=" not in html
    html = page_buttons(client, board.beta.url)
    assert "data-follow=" not in html
