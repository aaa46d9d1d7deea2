"""Every id and number the board reads from a request is validated at the edge
(issue 11 #10), and thread titles refuse characters that change how they read
(issue 11 #16). Hostile values answer 4xx (or are ignored where a default makes
sense), never 500. The socket's ids are enumerated in test_board_protocol.py."""

from urllib.parse import quote

import pytest
from django.test import Client

from network.board import actions
from network.board.actions import BoardActionError
from network.models import BoardBan, Post, Thread

pytestmark = pytest.mark.django_db

# Spellings of numbers no id or page can be, or that Python's int() reads
# differently from ASCII digits.
HOSTILE = [
    "²",  # str.isdigit() says yes, int() says no
    "٣",  # int() reads Arabic-Indic 3
    "-1",
    "0",
    "1e3",
    "1.0",
    "0x1",
    "99999999999999999999",  # past 64 bits
    "9223372036854775808",  # 2**63: 19 digits, one past the largest id
    "\x00",
    "",
    " ",
    " 1",
    "1\n",
]


@pytest.fixture
def quiet_client():
    """Answers a 500 as a response to assert on, not an exception."""
    return Client(raise_request_exception=False)


def member(quiet_client, user):
    quiet_client.force_login(user)
    return quiet_client


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_page_and_post_parameters_fall_back_to_a_page(
    quiet_client, board, value
):
    client = member(quiet_client, board.bob)
    for url in (board.thread.get_absolute_url(), board.room.get_absolute_url()):
        for name in ("page", "post"):
            response = client.get(url, {name: value})
            assert response.status_code == 200, (url, name, value)


def test_post_parameter_still_opens_the_page_of_that_post(client, board, settings):
    from network.board.views.rooms import POSTS_PER_PAGE

    settings.BOARD_POSTS_PER_MINUTE = POSTS_PER_PAGE + 1
    speak = actions.do_create_post
    posts = [
        speak(board.bob, board.thread, f"reply {n}", board.beta)
        for n in range(POSTS_PER_PAGE)
    ]
    client.force_login(board.alice)
    response = client.get(board.thread.get_absolute_url(), {"post": posts[-1].pk})
    assert response.context["posts"].number == 2


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_after_parameters_are_a_clear_400(quiet_client, board, value):
    client = member(quiet_client, board.bob)
    for url in (board.thread.get_absolute_url(), board.room.get_absolute_url()):
        response = client.get(url, {"after": value})
        if value == "0":  # from the start: a real answer
            assert response.status_code == 200
        else:
            assert response.status_code == 400, (url, value)
            assert response.json()["error"] == "invalid_after"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_in_board_urls_are_not_found(quiet_client, board, value):
    client = member(quiet_client, board.coordinator)
    raw = quote(value, safe="")
    room = board.room.slug
    for url in (
        f"/board/{room}/{raw}/",
        f"/board/posts/{raw}/edit/",
        f"/board/posts/{raw}/flag/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/board/{room}/{raw}/moderate/", f"/board/posts/{raw}/moderate/"):
        assert client.post(url, {"action": "lock"}).status_code == 404, url


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_in_board_forms_are_form_errors(quiet_client, board, value):
    client = member(quiet_client, board.bob)
    room_url = board.room.get_absolute_url()
    new_thread = {
        "title": "Joint letter",
        "body": "Draft attached.",
        "organization": str(board.beta.pk),
    }
    cases = [
        (room_url, {**new_thread, "issue_areas": [value]}),
        (room_url, {**new_thread, "issue_areas": [str(board.housing.pk), value]}),
        (room_url, {**new_thread, "organization": value}),
        (board.thread.get_absolute_url(), {"body": "Reply", "organization": value}),
    ]
    for url, data in cases:
        response = client.post(url, data)
        assert response.status_code == 400, (url, data)
    assert not Thread.objects.filter(title="Joint letter").exists()
    post = board.thread.posts.get()
    flag = client.post(f"/board/posts/{post.pk}/flag/", {"reason": value})
    assert flag.status_code == 400


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("action", "name"),
    [("hide", "post"), ("restore", "post"), ("dismiss", "post"), ("suspend", "post")]
    + [("lift", "ban")],
)
def test_hostile_ids_in_the_moderation_queue_are_not_found(
    quiet_client, board, value, action, name
):
    client = member(quiet_client, board.coordinator)
    response = client.post(
        "/admin/board/moderation/act/", {"action": action, name: value}
    )
    assert response.status_code == 404
    assert not Post.objects.filter(hidden=True).exists()
    assert not BoardBan.objects.exists()


# Characters that make a title read differently from what it is: bidirectional
# overrides, embeddings and isolates, zero-width and directional marks, the byte
# order mark, line and paragraph separators, and C0 controls.
INVISIBLE = [
    "\u202e",
    "\u202d",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u061c",
    "\ufeff",
    "\u2028",
    "\u2029",
    *(chr(code) for code in range(0x20)),
    "\x7f",
]


@pytest.mark.parametrize("character", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_thread_titles_refuse_invisible_characters_in_the_action(board, character):
    with pytest.raises(BoardActionError) as refused:
        actions.check_title(f"Joint{character}letter")
    assert refused.value.field == "title"
    assert f"U+{ord(character):04X}" in refused.value.message


@pytest.mark.parametrize("character", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_thread_titles_refuse_invisible_characters_in_the_form(
    client, board, character
):
    client.force_login(board.bob)
    title = f"Joint{character}letter"
    response = client.post(
        board.room.get_absolute_url(),
        {"title": title, "body": "Draft.", "organization": str(board.beta.pk)},
    )
    assert response.status_code == 400
    assert b"invisible characters" in response.content
    assert b"Draft." in response.content  # what they typed is kept
    assert not Thread.objects.filter(title__contains="letter").exists()


@pytest.mark.parametrize(
    "title",
    [
        "گزارش\u200cهای سایه",  # Persian spells words with ZWNJ
        "शिक्षा\u200d अधिकार",  # Devanagari with ZWJ
        "Families 👩\u200d👩\u200d👧 first",  # an emoji sequence
        "עברית and English",
        "Droits de l’homme",
    ],
)
def test_titles_in_any_script_are_still_accepted(client, board, title):
    assert actions.check_title(title) == title
    client.force_login(board.bob)
    response = client.post(
        board.room.get_absolute_url(),
        {"title": title, "body": "Draft.", "organization": str(board.beta.pk)},
    )
    assert response.status_code == 302
    assert Thread.objects.filter(title=title).exists()
