"""Mentions people can use: `@` in a post offers, by name, the organizations
(`nameable_to`) and people (network.board.mentions.people_nameable_to) the writer
may name; `@slug` names an organization and `@~username` a person, typed out
without JavaScript too; a person named is told once, if they may read the post,
never the author."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.throttle import Limit
from members.models import MemberOrganizationPage
from members.viewer import Viewer
from network.board.markdown import mentioned_usernames, render_markdown
from network.board.mentions import fold, people_nameable_to
from network.models import Notification, Post
from tests.conftest import pass_two_factor
from tests.factories import (
    MemberOrganizationPageFactory,
    MembershipFactory,
    board_member,
    board_post,
    board_thread,
)

URL = "/board/posts/mentions/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Each test starts with no look-ups counted (the cache outlives tests)."""
    from django.core.cache import cache

    cache.clear()


def signed_in(client, user, *, coordinator=False):
    client.force_login(user)
    if coordinator:
        pass_two_factor(client, user)
    return client


def suggestions(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def labels(results, kind=None):
    return [r["label"] for r in results if kind is None or r["kind"] == kind]


# -- The endpoint ------------------------------------------------------------


def test_visitors_and_non_members_are_refused(client, board):
    assert client.get(URL, {"q": "alpha"}).status_code == 403
    signed_in(client, board.outsider)
    response = client.get(URL, {"q": "alpha"})
    assert response.status_code == 403
    assert response.json()["error"] == "members_only"
    assert "Alpha" not in response.content.decode()


@pytest.mark.parametrize(
    "q", [None, "", "   ", "@", "@~", "x" * 61, "al\x00pha", "al\u202epha", "a\nb"]
)
def test_a_bad_q_is_refused_with_a_plain_message(client, board, q):
    signed_in(client, board.alice)
    response = client.get(URL, {} if q is None else {"q": q})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_q"
    assert body["message"]


def test_sixty_characters_after_trimming_are_accepted(client, board):
    signed_in(client, board.alice)
    assert client.get(URL, {"q": "  " + "x" * 60 + "  "}).status_code == 200


def test_an_organization_is_offered_by_name_with_its_address_to_insert(client, board):
    signed_in(client, board.alice)
    results = suggestions(client, "tenants")
    assert results == [
        {
            "label": "Beta Tenants Union",
            "kind": "organization",
            "insert": "@beta",
            "detail": board.beta.place,
        }
    ]


def test_names_match_without_case_or_accents(client, board):
    MemberOrganizationPageFactory(
        parent=board.alpha.get_parent(), title="Clínica Jurídica de México"
    )
    signed_in(client, board.alice)
    for q in ["juridica", "MÉXICO", "clinica jur", "Jurí"]:
        assert labels(suggestions(client, q)) == ["Clínica Jurídica de México"], q


def test_a_word_starting_with_the_text_comes_first(client, board):
    parent = board.alpha.get_parent()
    MemberOrganizationPageFactory(parent=parent, title="Copyrights Watch")
    MemberOrganizationPageFactory(parent=parent, title="Rightsholders Forum")
    signed_in(client, board.bob)
    assert labels(suggestions(client, "rights")) == [
        "Alpha Rights Project",
        "Rightsholders Forum",
        "Copyrights Watch",
    ]


def test_hidden_organizations_are_never_offered(client, board):
    """nameable_to never names a hidden organization: not to members of
    others, not to its own staff, not to a coordinator."""
    for user, coordinator in [
        (board.alice, False),
        (board.hank, False),
        (board.coordinator, True),
    ]:
        client = signed_in(client.__class__(), user, coordinator=coordinator)
        results = suggestions(client, "shelter")
        assert results == [], user
        assert "Secret" not in client.get(URL, {"q": "secret"}).content.decode()


def test_what_is_offered_is_what_nameable_to_allows(client, board):
    """A suspended organization may be named by a coordinator, never by a
    member of another organization: the endpoint follows nameable_to."""
    board.beta.membership_status = "suspended"
    board.beta.save_revision().publish()
    coordinator = signed_in(client.__class__(), board.coordinator, coordinator=True)
    member = signed_in(client.__class__(), board.alice)
    for label, user, http in [
        ("coordinator", board.coordinator, coordinator),
        ("member", board.alice, member),
    ]:
        offered = set(labels(suggestions(http, "union"), "organization"))
        allowed = set(
            MemberOrganizationPage.objects.nameable_to(Viewer.for_user(user))
            .filter(title__icontains="union")
            .values_list("title", flat=True)
        )
        assert offered == allowed, label
    assert labels(suggestions(coordinator, "union")) == ["Beta Tenants Union"]
    assert labels(suggestions(member, "union")) == []


def test_people_are_offered_by_name_with_their_username_to_insert(client, board):
    signed_in(client, board.alice)
    assert suggestions(client, "burns") == [
        {
            "label": "Bob Burns",
            "kind": "person",
            "insert": "@~bob",
            "detail": "Beta Tenants Union",
        }
    ]
    # By username too, and the coordinators, as such.
    assert labels(suggestions(client, "bob")) == ["Bob Burns"]
    coordinator = suggestions(client, "cora")
    assert [(r["label"], r["detail"]) for r in coordinator] == [
        ("Cora Coord", "Network coordinator")
    ]


def test_a_person_matches_without_accents(client, board):
    board_member(board.beta, username="jnunez", first_name="José", last_name="Núñez")
    signed_in(client, board.alice)
    for q in ["nunez", "JOSÉ", "jose nu", "jnu"]:
        assert labels(suggestions(client, q)) == ["José Núñez"], q


def test_nobody_is_offered_themselves(client, board):
    signed_in(client, board.alice)
    assert labels(suggestions(client, "alice")) == []
    assert labels(suggestions(client, "ames")) == []


def test_staff_of_a_hidden_organization_only_are_never_offered(client, board):
    """Hank works only for the hidden organization: naming him would say who
    works there. Nobody is offered him, not even a coordinator; once he also
    works for a public organization he is offered under its name only."""
    for user, coordinator in [
        (board.alice, False),
        (board.coordinator, True),
        (board.hank, False),
    ]:
        http = signed_in(client.__class__(), user, coordinator=coordinator)
        assert "Hank" not in http.get(URL, {"q": "hank"}).content.decode(), user
        assert "Hale" not in http.get(URL, {"q": "hale"}).content.decode(), user
    MembershipFactory(user=board.hank, organization=board.alpha)
    http = signed_in(client.__class__(), board.bob)
    results = suggestions(http, "hale")
    assert [(r["label"], r["detail"]) for r in results] == [
        ("Hank Hale", "Alpha Rights Project")
    ]
    assert "Secret" not in http.get(URL, {"q": "hale"}).content.decode()


def test_inactive_people_and_outsiders_are_never_offered(client, board):
    board.bob.is_active = False
    board.bob.save()
    signed_in(client, board.alice)
    assert labels(suggestions(client, "bob")) == []
    assert labels(suggestions(client, "outsider")) == []


def test_at_most_eight_suggestions(client, board):
    parent = board.alpha.get_parent()
    for n in range(6):
        MemberOrganizationPageFactory(parent=parent, title=f"Delta Coalition {n}")
    for n in range(6):
        board_member(
            board.beta, username=f"delta{n}", first_name="Delta", last_name=f"{n}"
        )
    signed_in(client, board.alice)
    results = suggestions(client, "delta")
    assert len(results) == 8
    assert {r["kind"] for r in results} == {"organization", "person"}


def test_queries_do_not_grow_with_the_network(client, board):
    def measure():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"q": "orga"})
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    signed_in(client, board.alice)
    parent = board.alpha.get_parent()
    client.get(URL, {"q": "warm"})  # the session and user are loaded once
    MemberOrganizationPageFactory(parent=parent, title="Organizers Two")
    small, found = measure()
    assert found == 1
    for n in range(20):
        organization = MemberOrganizationPageFactory(
            parent=parent, title=f"Organizing Network {n}"
        )
        board_member(organization, username=f"orga{n}", first_name="Organa")
    large, found = measure()
    assert found == 8
    assert small == large
    assert large <= 8


def test_look_ups_are_throttled(client, board, monkeypatch):
    monkeypatch.setattr(
        "network.board.views.mentions.MENTION_LOOKUPS_PER_PERSON",
        Limit("board-mentions-test", limit=2, window=60),
    )
    signed_in(client, board.alice)
    assert client.get(URL, {"q": "be"}).status_code == 200
    assert client.get(URL, {"q": "bet"}).status_code == 200
    response = client.get(URL, {"q": "beta"})
    assert response.status_code == 429
    assert response.json()["message"]


def test_post_textareas_point_to_the_suggestions(client, board):
    signed_in(client, board.alice)
    html = client.get(board.thread.get_absolute_url()).content.decode()
    assert f'data-mention-source="{URL}"' in html
    assert "js/board-mentions.js" in html
    assert 'data-mention-t-hint="' in html


# -- Mentioning people in posts -----------------------------------------------


def test_person_mentions_in_the_source():
    assert mentioned_usernames("Hi @~bob, @~ana.m. and me@~x and @~bob") == [
        "bob",
        "ana.m",
    ]


def test_a_named_person_renders_as_their_name_and_others_stay_text():
    html = render_markdown(
        "Thanks @~bob. Ask @~nobody or `@~bob`.", people={"bob": "Bob Burns"}
    )
    assert '<span class="mention mention--person">@Bob Burns</span>.' in html
    assert "@~nobody" in html
    assert "<code>@~bob</code>" in html


def test_a_name_is_escaped():
    html = render_markdown("@~eve", people={"eve": "<b>Eve</b>"})
    assert "<b>" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html


def mentions_of(user):
    return list(Notification.objects.filter(user=user, kind="mention"))


def test_a_named_person_is_notified_once_and_the_author_never(board):
    thread = board_thread(board.room, board.alice, body="Can @~bob and @~alice help?")
    post = thread.posts.get()
    assert '<span class="mention mention--person">@Bob Burns</span>' in post.html
    [notification] = mentions_of(board.bob)
    assert notification.post_id == post.pk
    assert notification.organization_id is None
    assert mentions_of(board.alice) == []


def test_named_and_through_their_organization_is_told_once(board):
    colleague = board_member(board.beta, username="bea")
    board_thread(board.room, board.alice, body="@beta, and @~bob in particular")
    [notification] = mentions_of(board.bob)
    assert notification.organization_id is None
    [told] = mentions_of(colleague)
    assert told.organization_id == board.beta.pk


def test_a_named_follower_is_not_told_of_the_reply_as_well(board):
    board_post(board.thread, board.bob, "Following this.")
    board_post(board.thread, board.alice, "What do you think, @~bob?")
    kinds = list(
        Notification.objects.filter(user=board.bob).values_list("kind", flat=True)
    )
    assert kinds == ["mention"]


def test_someone_who_may_not_read_the_room_is_not_notified(board):
    """A coordinators' thread naming Bob: he may not read it, so he hears
    nothing, not even its title."""
    thread = board_thread(
        board.coordinators_room, board.coordinator, body="About @~bob's request"
    )
    assert "@Bob Burns" in thread.posts.get().html
    assert mentions_of(board.bob) == []


def test_people_the_author_may_not_name_stay_text_and_are_not_told(board):
    thread = board_thread(board.room, board.alice, body="@~hank and @~outsider?")
    html = thread.posts.get().html
    assert "Hank" not in html and "@~hank" in html
    assert "@~outsider" in html
    assert mentions_of(board.hank) == []
    assert mentions_of(board.outsider) == []


def test_an_edit_renders_new_names_without_notifying(client, board):
    post = board.thread.posts.get()
    signed_in(client, board.alice)
    client.post(f"/board/posts/{post.pk}/edit/", {"body": "Anyone, @~bob?"})
    post.refresh_from_db()
    assert "@Bob Burns" in post.html
    assert mentions_of(board.bob) == []


def test_who_may_be_named_follows_the_viewer(board):
    coordinator = Viewer.for_user(board.coordinator)
    member = Viewer.for_user(board.alice)
    named = set(people_nameable_to(member).values_list("username", flat=True))
    assert {"alice", "bob", board.coordinator.username} <= named
    assert "hank" not in named and "outsider" not in named
    assert "hank" not in set(
        people_nameable_to(coordinator).values_list("username", flat=True)
    )
    outsider = Viewer.for_user(board.outsider)
    assert not people_nameable_to(outsider).exists()


def test_fold_drops_case_and_accents():
    assert fold("Clínica JURÍDICA Ñandú") == "clinica juridica nandu"


# -- Without JavaScript -------------------------------------------------------


def test_mentions_typed_out_in_the_plain_form_work(client, board):
    signed_in(client, board.alice)
    response = client.post(
        board.thread.get_absolute_url(),
        {"body": "Could @beta co-sign? @~bob?", "organization": str(board.alpha.pk)},
    )
    assert response.status_code == 302
    post = Post.objects.filter(thread=board.thread).latest("pk")
    assert f'href="{board.beta.url}"' in post.html
    assert 'class="mention"' in post.html
    assert "@Bob Burns" in post.html
    assert len(mentions_of(board.bob)) == 1
