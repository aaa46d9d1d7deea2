"""Board writes are one call each: a post, an edit, a flag and a moderation
decision are one network.board.actions function that checks, then writes. The thread
page and the admin's moderation queue decide through the same action, and refuse
what it refuses with the same words; nothing is skipped silently."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from wagtail.models import ModelLogEntry

from network.board import actions
from network.board.actions import BoardActionError
from network.models import BoardBan, Flag, Post, PostRevision, RoomEvent, Thread

pytestmark = pytest.mark.django_db

QUEUE_ACT = "/admin/board/moderation/act/"
MISSING_OR_UNKNOWN = [{}, {"action": ""}, {"action": "hid"}, {"action": "HIDE"}]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def board_state():
    """Everything a moderation decision or a write could change."""
    return (
        list(Post.objects.values_list("pk", "hidden", "body").order_by("pk")),
        list(Thread.objects.values_list("pk", "locked", "pinned").order_by("pk")),
        list(Flag.objects.values_list("pk", "resolved_at").order_by("pk")),
        list(BoardBan.objects.values_list("pk", "lifted_at").order_by("pk")),
        RoomEvent.objects.count(),
        PostRevision.objects.count(),
        ModelLogEntry.objects.filter(action__startswith="network.").count(),
    )


@pytest.fixture
def flagged(board):
    post = board.thread.posts.get()
    actions.do_flag_post(board.bob, post, "spam")
    return post


def signed_in(user):
    """A client of its own, so one request's messages never show in another's."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(board):
    return signed_in(board.coordinator)


@pytest.mark.parametrize("data", MISSING_OR_UNKNOWN)
def test_the_queue_refuses_a_missing_or_unknown_decision_with_a_message(
    coordinator_client, board, flagged, data
):
    before = board_state()

    response = coordinator_client.post(QUEUE_ACT, {**data, "post": flagged.pk})

    assert response.status_code == 302
    assert messages_of(response) == [str(actions.UNKNOWN_DECISION)]
    assert board_state() == before


@pytest.mark.parametrize("data", MISSING_OR_UNKNOWN)
def test_the_thread_page_the_queue_and_the_action_refuse_alike(board, flagged, data):
    before = board_state()
    page = signed_in(board.coordinator).post(
        f"/board/posts/{flagged.pk}/moderate/", data
    )
    queue = signed_in(board.coordinator).post(QUEUE_ACT, {**data, "post": flagged.pk})
    with pytest.raises(BoardActionError) as refused:
        actions.do_moderate(board.coordinator, data.get("action"), flagged)

    assert messages_of(page) == messages_of(queue) == [refused.value.message]
    assert board_state() == before


def test_a_decision_the_page_does_not_offer_is_refused_there_as_unknown(board, flagged):
    """The thread page's buttons hide and restore; the queue's suspend too."""
    before = board_state()
    page = signed_in(board.coordinator).post(
        f"/board/posts/{flagged.pk}/moderate/", {"action": "suspend"}
    )
    thread = signed_in(board.coordinator).post(
        f"/board/{board.room.slug}/{board.thread.pk}/moderate/", {"action": "hide"}
    )

    assert messages_of(page) == messages_of(thread) == [str(actions.UNKNOWN_DECISION)]
    assert board_state() == before


def test_members_are_refused_by_the_action_as_by_the_page(board, flagged):
    before = board_state()
    page = signed_in(board.bob).post(
        f"/board/posts/{flagged.pk}/moderate/", {"action": "hide"}
    )
    with pytest.raises(BoardActionError) as refused:
        actions.do_moderate(board.bob, "hide", flagged)

    assert messages_of(page) == [refused.value.message]
    assert board_state() == before


@pytest.mark.parametrize(
    ("decision", "changed"),
    [
        ("hide", lambda post, bob: Post.objects.get(pk=post.pk).hidden),
        ("dismiss", lambda post, bob: not Flag.objects.open().exists()),
        ("suspend", lambda post, bob: BoardBan.objects.filter(user=post.author)),
    ],
)
def test_the_queue_decides_through_the_moderation_action(
    coordinator_client, board, flagged, monkeypatch, decision, changed
):
    calls = []
    real = actions.do_moderate

    def recording(moderator, decision, target, reason=""):
        calls.append((moderator.pk, decision, target.pk))
        return real(moderator, decision, target, reason)

    monkeypatch.setattr(actions, "do_moderate", recording)

    response = coordinator_client.post(
        QUEUE_ACT, {"action": decision, "post": flagged.pk}
    )

    assert calls == [(board.coordinator.pk, decision, flagged.pk)]
    assert changed(flagged, board.bob)
    assert messages_of(response) == [str(actions.DECISION_DONE[decision])]


def test_the_thread_page_decides_through_the_moderation_action(
    coordinator_client, board, flagged, monkeypatch
):
    calls = []
    real = actions.do_moderate

    def recording(moderator, decision, target, reason=""):
        calls.append((decision, type(target).__name__))
        return real(moderator, decision, target, reason)

    monkeypatch.setattr(actions, "do_moderate", recording)

    coordinator_client.post(f"/board/posts/{flagged.pk}/moderate/", {"action": "hide"})
    coordinator_client.post(
        f"/board/{board.room.slug}/{board.thread.pk}/moderate/", {"action": "lock"}
    )

    assert calls == [("hide", "Post"), ("lock", "Thread")]
    assert Post.objects.get(pk=flagged.pk).hidden
    assert Thread.objects.get(pk=board.thread.pk).locked


def test_lifting_a_suspension_from_the_queue_names_the_suspension(
    coordinator_client, board
):
    ban = actions.do_suspend_from_posting(board.coordinator, board.bob, "spam")

    response = coordinator_client.post(QUEUE_ACT, {"action": "lift", "ban": ban.pk})

    assert BoardBan.objects.get(pk=ban.pk).lifted_at is not None
    assert messages_of(response) == [str(actions.DECISION_DONE["lift"])]


def test_a_decision_about_the_wrong_kind_of_thing_is_refused(board, flagged):
    before = board_state()
    for decision, target in [("hide", board.thread), ("lock", flagged)]:
        with pytest.raises(BoardActionError):
            actions.do_moderate(board.coordinator, decision, target)
    assert board_state() == before


def test_every_write_checks_before_it_writes(board, flagged, settings):
    """Called directly, as a view, the admin or the demo would, each write
    refuses what its checks refuse, and has then changed nothing."""
    post = board.thread.posts.get()
    ban = actions.do_suspend_from_posting(board.coordinator, board.hank, "spam")
    locked = Thread.objects.create(
        room=board.room,
        title="Locked",
        author=board.alice,
        locked=True,
        last_activity_at=board.thread.last_activity_at,
    )
    before = board_state()
    refused = [
        lambda: actions.do_create_thread(board.outsider, board.room, "T", "B", None),
        lambda: actions.do_create_thread(board.bob, board.room, "", "Body", board.beta),
        lambda: actions.do_create_thread(
            board.bob, board.room, "Title", "Body", board.alpha
        ),
        lambda: actions.do_create_post(board.outsider, board.thread, "Hi", None),
        lambda: actions.do_create_post(board.bob, board.thread, "  ", board.beta),
        lambda: actions.do_create_post(board.bob, board.thread, "x" * 10_001, None),
        lambda: actions.do_create_post(board.bob, board.thread, "Hi", board.alpha),
        lambda: actions.do_create_post(board.hank, board.thread, "Hi", board.hidden),
        lambda: actions.do_create_post(board.bob, locked, "Hi", board.beta),
        lambda: actions.do_edit_post(board.bob, post, "Not mine"),
        lambda: actions.do_edit_post(board.alice, post, ""),
        lambda: actions.do_flag_post(board.alice, post, "spam"),
        lambda: actions.do_flag_post(board.bob, post, "spam"),
        lambda: actions.do_flag_post(board.hank, post, "not-a-reason"),
        lambda: actions.do_hide_post(board.bob, post),
        lambda: actions.do_restore_post(board.bob, post),
        lambda: actions.do_dismiss_flags(board.bob, post),
        lambda: actions.do_set_thread_state(board.bob, board.thread, locked=True),
        lambda: actions.do_suspend_from_posting(board.bob, board.alice, "no"),
        lambda: actions.do_lift_suspension(board.hank, ban),
        lambda: actions.do_moderate(board.alice, "hide", post),
    ]
    for number, write in enumerate(refused):
        with pytest.raises(BoardActionError):
            write()
        assert board_state() == before, number
