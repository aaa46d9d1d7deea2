"""Board writes: each action's effect, the events it emits only after commit, and
the checks that refuse what a person may not do."""

import pytest
from django.test import override_settings
from wagtail.models import ModelLogEntry

from network.board import actions
from network.board.actions import BoardActionError, flags
from network.board.events import group_name
from network.models import Flag, Notification, Post, PostRevision, RoomEvent, Thread

pytestmark = pytest.mark.django_db


def test_a_reply_is_saved_and_broadcast_only_after_commit(
    board, layer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = actions.do_create_post(board.bob, board.thread, "Same here.", board.beta)
        assert layer.sent == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    kinds = [event["type"] for event in layer.events()]
    assert kinds == ["post.created", "thread.updated"]
    assert {group for group, _ in layer.sent} == {group_name("room", board.room.pk)}
    created = layer.events()[0]
    assert created["post"]["id"] == post.pk
    assert created["post"]["html"].strip() == "<p>Same here.</p>"
    assert created["thread"] == board.thread.pk


def test_event_ids_increase_by_one_per_room_and_link_the_thread(
    board, layer, django_capture_on_commit_callbacks
):
    before = RoomEvent.objects.filter(room=board.room).order_by("-id_in_room")[0]
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(board.bob, board.thread, "One", board.beta)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_create_post(board.alice, board.thread, "Two", board.alpha)
    ids = [event["id"] for event in layer.events()]
    assert ids == list(range(before.id_in_room + 1, before.id_in_room + 5))
    posts = [event for event in layer.events() if event["type"] == "post.created"]
    assert posts[1]["prev_in_thread"] == posts[0]["id"] + 1  # the thread.updated


def test_group_names_are_built_from_integer_ids_only():
    assert group_name("room", 42) == "board.room.42"
    assert group_name("user", "7") == "board.user.7"
    with pytest.raises(ValueError):
        group_name("room", "42; drop")
    with pytest.raises(ValueError):
        group_name("lobby", 1)


def test_editing_keeps_the_earlier_version_and_emits_post_edited(
    board, layer, django_capture_on_commit_callbacks
):
    post = board.thread.posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_edit_post(board.alice, post, "Anyone else seeing this?")
    assert PostRevision.objects.get(post=post).body == "Anyone else?"
    post.refresh_from_db()
    assert post.edited_at is not None
    assert [event["type"] for event in layer.events()] == ["post.edited"]


def test_only_the_author_may_edit_a_post(board):
    post = board.thread.posts.get()
    with pytest.raises(BoardActionError):
        actions.check_edit_post(board.bob, post)
    actions.check_edit_post(board.alice, post)


def test_hiding_a_post_is_audited_resolves_flags_and_emits_post_hidden(
    board, layer, django_capture_on_commit_callbacks
):
    post = actions.do_create_post(board.bob, board.thread, "Spam spam", board.beta)
    actions.do_flag_post(board.alice, post, "spam", "an advert")
    layer.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_hide_post(board.coordinator, post, "advert")
    post.refresh_from_db()
    board.thread.refresh_from_db()
    assert post.hidden
    assert board.thread.post_count == 1
    assert not Flag.objects.open().filter(post=post).exists()
    assert [event["type"] for event in layer.events()] == [
        "post.hidden",
        "thread.updated",
    ]
    hidden = layer.events()[0]
    assert hidden["post"] == {"id": post.pk, "thread": board.thread.pk}
    entry = ModelLogEntry.objects.get(action="network.post.hide")
    assert entry.user_id == board.coordinator.pk
    assert entry.data == {"reason": "advert"}


def test_restoring_a_post_brings_it_back(
    board, layer, django_capture_on_commit_callbacks
):
    post = actions.do_create_post(board.bob, board.thread, "Back soon", board.beta)
    actions.do_hide_post(board.coordinator, post)
    layer.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_restore_post(board.coordinator, post)
    assert [event["type"] for event in layer.events()] == [
        "post.restored",
        "thread.updated",
    ]
    assert ModelLogEntry.objects.filter(action="network.post.restore").exists()


def test_flagging_records_the_reason_and_refuses_a_second_flag(board):
    post = board.thread.posts.get()
    actions.check_flag(board.bob, post)
    actions.do_flag_post(board.bob, post, "safety", "names a place")
    flag = Flag.objects.get()
    assert (flag.reason, flag.note, flag.reporter) == (
        "safety",
        "names a place",
        board.bob,
    )
    with pytest.raises(BoardActionError, match="already flagged"):
        actions.check_flag(board.bob, post)
    with pytest.raises(BoardActionError):
        actions.check_flag(board.alice, post)  # one's own post


def test_locking_a_thread_stops_replies_but_not_coordinators(
    board, layer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_set_thread_state(board.coordinator, board.thread, locked=True)
    event = layer.events()[0]
    assert event["type"] == "thread.updated"
    assert event["thread_data"]["locked"] is True
    with pytest.raises(BoardActionError, match="locked"):
        actions.check_can_post(board.bob, board.room, board.thread)
    actions.check_can_post(board.coordinator, board.room, board.thread)
    assert ModelLogEntry.objects.filter(action="network.thread.lock").exists()


def test_pinning_is_audited(board):
    actions.do_set_thread_state(board.coordinator, board.thread, pinned=True)
    board.thread.refresh_from_db()
    assert board.thread.pinned
    assert ModelLogEntry.objects.filter(action="network.thread.pin").exists()


def test_a_suspended_person_cannot_post_until_the_suspension_is_lifted(board):
    ban = actions.do_suspend_from_posting(board.coordinator, board.bob, "harassment")
    with pytest.raises(BoardActionError, match="suspended"):
        actions.check_can_post(board.bob, board.room, board.thread)
    actions.do_lift_suspension(board.coordinator, ban)
    actions.check_can_post(board.bob, board.room, board.thread)
    assert ModelLogEntry.objects.filter(action="network.user.suspend").exists()
    assert ModelLogEntry.objects.filter(action="network.user.unsuspend").exists()


def test_posts_longer_than_ten_thousand_characters_are_refused():
    actions.check_body("x" * 10_000)
    with pytest.raises(BoardActionError, match="10,000"):
        actions.check_body("x" * 10_001)
    with pytest.raises(BoardActionError):
        actions.check_body("   ")


@override_settings(BOARD_POSTS_PER_MINUTE=3)
def test_posting_too_fast_is_refused_with_a_clear_message(board):
    for n in range(2):
        actions.check_can_post(board.bob, board.room, board.thread)
        actions.do_create_post(board.bob, board.thread, f"post {n}", board.beta)
    actions.check_can_post(board.bob, board.room, board.thread)
    actions.do_create_post(board.bob, board.thread, "post 3", board.beta)
    with pytest.raises(BoardActionError, match="Wait a minute"):
        actions.check_can_post(board.bob, board.room, board.thread)


def test_nobody_may_speak_for_an_organization_they_do_not_work_for(board):
    with pytest.raises(BoardActionError):
        actions.check_organization(board.bob, board.alpha)
    assert actions.check_organization(board.bob, board.beta) == board.beta
    with pytest.raises(BoardActionError):
        actions.check_organization(board.bob, None)
    assert actions.check_organization(board.coordinator, None) is None


def test_people_outside_member_organizations_cannot_use_the_board(board):
    with pytest.raises(BoardActionError):
        actions.check_can_post(board.outsider, board.room)


def test_mentioning_an_organization_notifies_its_staff_live(
    board, layer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.do_create_post(
            board.alice, board.thread, "Looping in @beta on this.", board.alpha
        )
    assert '<a href="/members/beta/" class="mention"' in post.html
    notification = Notification.objects.get()
    assert (notification.user, notification.organization) == (board.bob, board.beta)
    assert (
        group_name("user", board.bob.pk),
        {
            "type": "board.notifications",
            "unread": 1,
        },
    ) in layer.sent


def test_mentions_of_hidden_organizations_neither_link_nor_notify(board):
    post = actions.do_create_post(
        board.alice, board.thread, "Is @secret-shelter here?", board.alpha
    )
    assert "/members/secret-shelter/" not in post.html
    assert not Notification.objects.exists()


def test_marking_notifications_read_sends_the_new_count(
    board, layer, django_capture_on_commit_callbacks
):
    actions.do_create_post(board.alice, board.thread, "Hi @beta", board.alpha)
    layer.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_mark_notifications_read(board.bob)
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert layer.sent == [
        (group_name("user", board.bob.pk), {"type": "board.notifications", "unread": 0})
    ]


def test_a_broadcast_failure_never_fails_the_write(
    board, monkeypatch, django_capture_on_commit_callbacks
):
    class BrokenLayer:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr("network.board.events.get_channel_layer", BrokenLayer)
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.do_create_post(
            board.bob, board.thread, "Saved anyway", board.beta
        )
    assert post.pk is not None


def test_a_live_post_shows_its_time_as_the_rendered_thread_does(
    board, layer, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        post = actions.do_create_post(board.bob, board.thread, "Timely.", board.beta)
    labels = layer.events()[0]["post"]["created_labels"]

    client.force_login(board.bob)
    for code, prefix in [("en", ""), ("es", "/es")]:
        page = client.get(
            f"{prefix}/board/{board.room.slug}/{board.thread.pk}/"
        ).content.decode()
        assert f'<time datetime="{post.created_at:%Y}' in page
        assert f">{labels[code]}</time>" in page, code


def test_a_double_submitted_flag_is_refused_clearly_not_with_an_error(
    board, monkeypatch
):
    post = board.thread.posts.get()
    actions.do_flag_post(board.bob, post, "safety")

    # The second request passed check_flag before the first was saved.
    monkeypatch.setattr(flags, "check_flag", lambda user, post: None)
    with pytest.raises(BoardActionError, match="already flagged"):
        actions.do_flag_post(board.bob, post, "safety")
    assert Flag.objects.count() == 1


def test_hiding_or_restoring_twice_counts_the_post_once(board):
    post = actions.do_create_post(board.bob, board.thread, "Twice?", board.beta)
    count = Thread.objects.get(pk=board.thread.pk).post_count
    first, second = Post.objects.get(pk=post.pk), Post.objects.get(pk=post.pk)

    actions.do_hide_post(board.coordinator, first, "spam")
    actions.do_hide_post(board.coordinator, second, "spam")
    assert Thread.objects.get(pk=board.thread.pk).post_count == count - 1

    first, second = Post.objects.get(pk=post.pk), Post.objects.get(pk=post.pk)
    actions.do_restore_post(board.coordinator, first)
    actions.do_restore_post(board.coordinator, second)
    assert Thread.objects.get(pk=board.thread.pk).post_count == count
    assert RoomEvent.objects.filter(kind="post.hidden", post=post).count() == 1
