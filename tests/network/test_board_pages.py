"""The board's pages: members only, privacy of hidden organizations, forms that
keep what people typed, HTTP catch-up, and constant query counts."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings

from members.viewer import Viewer
from network.board import actions
from network.board.rooms import (
    ensure_campaign_room,
    is_campaign_page,
    sync_issue_area_room,
)
from network.models import Post, Room, RoomKind, Thread
from tests.factories import add_posts

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_visitors_are_asked_to_sign_in(client, board):
    response = client.get("/board/")
    assert response.status_code == 200
    assert b"Sign in to the board" in response.content
    assert b"not end-to-end encrypted" in response.content
    assert board.thread.title.encode() not in response.content
    for path in [board.room.get_absolute_url(), board.thread.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_people_outside_member_organizations_are_turned_away(client, board):
    response = signed_in(client, board.outsider).get(board.thread.get_absolute_url())
    assert response.status_code == 403
    assert b"The board is for members" in response.content


def test_the_index_lists_rooms_with_unread_counts(client, board):
    actions.do_create_post(board.bob, board.thread, "Unread for Alice", board.beta)
    response = signed_in(client, board.alice).get("/board/")
    assert response.status_code == 200
    assert board.room.name.encode() in response.content
    assert b"1 unread" in response.content
    assert b"not end-to-end encrypted" in response.content


def test_the_room_counts_each_threads_unread_posts_by_others(client, board):
    from tests.factories import board_thread

    quiet = board_thread(board.room, board.bob, title="A second thread")
    actions.do_create_post(board.bob, quiet, "Two for Alice", board.beta)
    latest = Post.objects.filter(thread=board.thread).latest("pk")
    actions.do_mark_thread_read(board.alice, board.thread, latest.pk)
    actions.do_create_post(board.alice, board.thread, "Her own post", board.alpha)
    actions.do_create_post(board.bob, board.thread, "One new for Alice", board.beta)
    removed = actions.do_create_post(board.bob, board.thread, "Spam", board.beta)
    actions.do_hide_post(board.coordinator, removed, "Spam")

    html = signed_in(client, board.alice).get(board.room.get_absolute_url())
    rows = {thread.pk: thread.unread for thread in html.context["threads"].object_list}

    # Read up to a point: only the later post by someone else, not her own or
    # the hidden one; never read: both of the other thread's posts.
    assert rows == {board.thread.pk: 1, quiet.pk: 2}
    assert "1 unread" in html.content.decode()


def test_coordinators_only_rooms_are_invisible_to_members(client, board):
    signed_in(client, board.bob)
    assert client.get("/board/coordinators/").status_code == 404
    assert b"Coordinators only" not in client.get("/board/").content
    client.force_login(board.coordinator)
    assert client.get("/board/coordinators/").status_code == 200


def test_hidden_organizations_staff_appear_as_a_member_organization(client, board):
    actions.do_create_post(board.hank, board.thread, "From the shelter", board.hidden)
    response = signed_in(client, board.bob).get(board.thread.get_absolute_url())
    content = response.content.decode()
    assert "From the shelter" in content
    assert "A member organization" in content
    assert "Secret Shelter" not in content
    assert "Hank" not in content
    for viewer in (board.hank, board.coordinator):
        client.force_login(viewer)
        content = client.get(board.thread.get_absolute_url()).content.decode()
        assert "Secret Shelter Collective" in content


def test_http_catch_up_is_redacted_for_the_reader(client, board):
    after = Thread.objects.get(pk=board.thread.pk).last_event_id
    actions.do_create_post(board.hank, board.thread, "From the shelter", board.hidden)
    data = (
        signed_in(client, board.bob)
        .get(f"{board.thread.get_absolute_url()}?after={after}")
        .json()
    )
    assert [event["type"] for event in data["events"]] == [
        "post.created",
        "thread.updated",
    ]
    assert "Secret Shelter" not in str(data) and "Hank" not in str(data)
    assert data["last"] == data["events"][-1]["id"]
    bad = client.get(f"{board.thread.get_absolute_url()}?after=soon")
    assert bad.status_code == 400


def test_a_thread_shows_who_works_on_its_issue_areas(client, board):
    response = signed_in(client, board.bob).get(board.thread.get_absolute_url())
    assert b"2 member organizations work on Detention" in response.content
    assert b"invite them" in response.content
    client.force_login(board.coordinator)
    response = client.get(board.thread.get_absolute_url())
    assert b"3 member organizations work on Detention" in response.content


def test_replying_through_the_form_saves_and_redirects_to_the_post(client, board):
    response = signed_in(client, board.bob).post(
        board.thread.get_absolute_url(),
        {"body": "We can help.", "organization": str(board.beta.pk)},
    )
    post = Post.objects.get(body="We can help.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")


def test_a_rejected_reply_keeps_what_was_typed(client, board):
    text = "x" * 10_001
    response = signed_in(client, board.bob).post(
        board.thread.get_absolute_url(),
        {"body": text, "organization": str(board.beta.pk)},
    )
    assert response.status_code == 400
    assert text.encode() in response.content
    assert b"10,000" in response.content
    assert b"Shorten it or split it into two posts." in response.content
    # No maxlength on the textarea: browsers would cut a long paste silently.
    assert b"maxlength" not in response.content.split(b'name="body"')[1][:200]


@override_settings(BOARD_POSTS_PER_MINUTE=1)
def test_posting_too_fast_says_so_and_keeps_the_text(client, board):
    signed_in(client, board.bob)
    data = {"body": "First", "organization": str(board.beta.pk)}
    assert client.post(board.thread.get_absolute_url(), data).status_code == 302
    data["body"] = "Second, too soon"
    response = client.post(board.thread.get_absolute_url(), data)
    assert response.status_code == 400
    assert b"Wait a minute" in response.content
    assert b"Second, too soon" in response.content


def test_starting_a_thread_tags_it_with_the_room_issue_area(client, board):
    response = signed_in(client, board.bob).post(
        board.room.get_absolute_url(),
        {
            "title": "Joint letter",
            "body": "Draft attached.",
            "organization": str(board.beta.pk),
        },
    )
    thread = Thread.objects.get(title="Joint letter")
    assert response["Location"] == thread.get_absolute_url()
    assert list(thread.issue_areas.all()) == [board.detention]


def test_members_cannot_moderate(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.bob).post(
        f"/board/posts/{post.pk}/moderate/", {"action": "hide"}
    )
    post.refresh_from_db()
    assert not post.hidden


def test_coordinators_hide_posts_from_the_thread_page(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.coordinator).post(
        f"/board/posts/{post.pk}/moderate/", {"action": "hide"}
    )
    post.refresh_from_db()
    assert post.hidden
    client.force_login(board.bob)
    assert b"Anyone else?" not in client.get(board.thread.get_absolute_url()).content


def test_a_moderation_request_without_a_known_action_changes_nothing(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.coordinator)

    for data in ({}, {"action": "hid"}, {"action": "hide", "reason": "x" * 301}):
        client.post(f"/board/posts/{post.pk}/moderate/", data)
        post.refresh_from_db()
        assert not post.hidden, data


def test_flag_form_sends_the_flag(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.bob)
    assert client.get(f"/board/posts/{post.pk}/flag/").status_code == 200
    assert (
        client.post(f"/board/posts/{post.pk}/flag/", {"reason": "nonsense"}).status_code
        == 400
    )
    response = client.post(
        f"/board/posts/{post.pk}/flag/", {"reason": "safety", "note": "names a place"}
    )
    assert response.status_code == 302
    assert post.flags.get().reason == "safety"


def test_edit_form_edits_own_posts_only(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.bob)
    client.post(f"/board/posts/{post.pk}/edit/", {"body": "hijacked"})
    post.refresh_from_db()
    assert post.body == "Anyone else?"
    client.force_login(board.alice)
    client.post(f"/board/posts/{post.pk}/edit/", {"body": "Anyone else seeing this?"})
    post.refresh_from_db()
    assert post.body == "Anyone else seeing this?"


def test_admin_moderation_queue_lists_flags_for_coordinators(client, board):
    post = board.thread.posts.get()
    actions.do_flag_post(board.bob, post, "spam")
    board.coordinator.is_superuser = True  # admin access; coordinators get it via group
    board.coordinator.save()
    response = signed_in(client, board.coordinator).get("/admin/board/moderation/")
    assert response.status_code == 200
    assert b"Spam or advertising" in response.content
    client.post("/admin/board/moderation/act/", {"action": "hide", "post": post.pk})
    post.refresh_from_db()
    assert post.hidden


def test_notifications_page_lists_mentions_and_marks_them_read(client, board):
    actions.do_create_post(board.alice, board.thread, "cc @beta", board.alpha)
    signed_in(client, board.bob)
    # The board's old address leads to the account's list of every kind.
    assert client.get("/board/notifications/").url == "/account/notifications/"
    response = client.get("/account/notifications/")
    assert "Beta Tenants Union was mentioned in “" in response.content.decode()
    client.post("/account/notifications/", {"mark": "all", "next": "/board/"})
    page = client.get("/account/notifications/").content
    assert b"notification--unread" not in page


def measure_thread(client, django_assert_max_num_queries, thread, budget):
    client.get(thread.get_absolute_url())  # first visit creates the read state
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(thread.get_absolute_url() + "?page=last")
    assert response.status_code == 200
    return len(captured)


def test_thread_page_queries_do_not_grow_with_the_thread(
    client, board, django_assert_max_num_queries
):
    """20 posts and 2,000 posts cost the same number of queries. The budget is 10
    for the board's own work; the site chrome every signed-in page renders (session,
    user, coordinator check, memberships, settings, site, menu, links) comes on top."""
    speakers = [
        (board.alice, board.alpha),
        (board.bob, board.beta),
        (board.hank, board.hidden),
    ]
    small = board.thread
    add_posts(small, 19, speakers)
    large = Thread.objects.create(
        room=board.room,
        title="Long",
        author=board.bob,
        last_activity_at=small.last_activity_at,
    )
    # Tagged as the board's own action tags a thread in an issue-area room: the
    # side panel lists who works on its issue areas.
    large.issue_areas.set(small.issue_areas.all())
    large.save()
    add_posts(large, 2000, speakers)
    signed_in(client, board.bob)
    small_count = measure_thread(client, django_assert_max_num_queries, small, 14)
    large_count = measure_thread(client, django_assert_max_num_queries, large, 14)
    print(f"thread page queries: 20 posts → {small_count}, 2,000 posts → {large_count}")  # noqa: T201
    assert small_count == large_count


def test_room_and_index_queries_do_not_grow(
    client, board, django_assert_max_num_queries
):
    speakers = [(board.alice, board.alpha), (board.bob, board.beta)]
    signed_in(client, board.bob)
    # First renders create the site settings row and cache the site's root paths
    # (which page URLs, such as an author's organization, are read from).
    client.get("/board/")
    client.get(board.room.get_absolute_url())
    counts = []
    for extra in (0, 30):
        for n in range(extra):
            thread = Thread.objects.create(
                room=board.room,
                title=f"T{n}",
                author=board.alice,
                organization=board.alpha,
                last_activity_at=board.thread.last_activity_at,
            )
            add_posts(thread, 3, speakers)
        with django_assert_max_num_queries(16) as room_queries:
            assert client.get(board.room.get_absolute_url()).status_code == 200
        with django_assert_max_num_queries(18) as index_queries:
            assert client.get("/board/").status_code == 200
        counts.append((len(room_queries), len(index_queries)))
    print(f"room, index queries: {counts}")  # noqa: T201
    assert counts[0] == counts[1]


def test_issue_area_rooms_follow_the_taxonomy(board):
    board.housing.name = "Housing and land"
    board.housing.save()
    room = Room.objects.get(issue_area=board.housing)
    assert room.name == "Housing and land"
    assert room.kind == RoomKind.ISSUE_AREA
    board.housing.delete()
    room.refresh_from_db()
    assert room.archived


def test_a_campaign_room_is_created_once_and_renamed_with_its_page(board):
    room = ensure_campaign_room(board.alpha)  # any page stands in for a campaign
    assert room.kind == RoomKind.CAMPAIGN and room.slug == "campaign-alpha"
    board.alpha.title = "Renamed"
    assert ensure_campaign_room(board.alpha).pk == room.pk
    assert Room.objects.get(pk=room.pk).name == "Renamed"
    assert not is_campaign_page(board.alpha)
    assert sync_issue_area_room(board.detention).pk == board.room.pk


def render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    request.viewer = Viewer.for_user(user)
    return Template("{% load board_tags %}" + template).render(
        Context({"request": request, **context})
    )


def test_profile_and_hub_tags_show_live_threads_to_members_only(board):
    html = render("{% live_threads_for_organization org %}", board.bob, org=board.beta)
    assert "Visiting hours cut" in html
    html = render(
        "{% live_threads_for_issue_area area %}", board.bob, area=board.detention
    )
    assert "Visiting hours cut" in html and board.room.get_absolute_url() in html
    from django.contrib.auth.models import AnonymousUser

    html = render("{% live_threads_home %}", AnonymousUser())
    assert "Visiting hours cut" not in html and "Sign in" in html


def test_account_notifications_component_lists_mentions(board):
    actions.do_create_post(board.alice, board.thread, "cc @beta", board.alpha)
    html = render("{% board_notifications %}", board.bob)
    assert "Beta Tenants Union was mentioned in" in html
    assert "All notifications" in html


def test_moderators_see_the_history_of_an_edited_flagged_post(client, board):
    post = board.thread.posts.get()
    actions.do_edit_post(board.alice, post, "Rewritten after the fact")
    actions.do_flag_post(board.bob, post, "misinformation")
    board.coordinator.is_superuser = True
    board.coordinator.save()
    response = signed_in(client, board.coordinator).get("/admin/board/moderation/")
    assert b"1 earlier version" in response.content
    assert b"Anyone else?" in response.content


def test_publishing_a_campaign_opens_its_room(board):
    from tests.factories import CampaignIndexPageFactory, CampaignPageFactory

    index = CampaignIndexPageFactory(parent=board.alpha.get_parent().get_parent())
    campaign = CampaignPageFactory(
        parent=index, title="End solitary confinement", issue_areas=[board.detention]
    )
    campaign.save_revision().publish()
    room = Room.objects.get(campaign=campaign)
    assert room.kind == RoomKind.CAMPAIGN
    assert room.name == "End solitary confinement"
    thread, _post = actions.do_create_thread(
        board.bob, room, "Who testifies?", "Planning.", board.beta
    )
    assert list(thread.issue_areas.all()) == [board.detention]
    html = render("{% campaign_room_link page %}", board.bob, page=campaign)
    assert room.get_absolute_url() in html
    campaign.unpublish()
    room.refresh_from_db()
    assert room.archived


def test_links_to_the_directory_and_the_board_follow_their_pages(
    client, board, directory
):
    """The directory and the board are pages: give them other slugs and every
    link to them follows."""
    from django.core.cache import cache

    from home.chrome import CHROME_CACHE_KEY
    from network.models import BoardPage

    for page, slug in (
        (directory, "partners"),
        (BoardPage.objects.get(), "talk"),
    ):
        page.slug = slug
        page.save_revision().publish()
    cache.delete(CHROME_CACHE_KEY)
    client.force_login(board.bob)

    home = client.get("/").content.decode()
    thread = client.get(board.thread.get_absolute_url()).content.decode()

    assert 'href="/partners/"' in home and 'href="/members/"' not in home
    assert '<li><a href="/talk/">' in thread
    assert 'href="/partners/alpha/"' in thread
