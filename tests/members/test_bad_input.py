"""Whatever is typed into the address bar, the directory, hubs and graph answer with
a normal page or a 404, never a server error, and never echo it unescaped."""

import pytest

from tests.factories import build_organization

pytestmark = pytest.mark.django_db

LONG = "rights " * 1500  # 10,500 characters
NASTY = [
    "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    '"',
    '"unbalanced',
    "AND",
    "OR NOT",
    "*",
    "NEAR(",
    "-",
    "^",
    "a:b",
    "(",
    "%",
    "_",
    "\\",
    "\x00",
    "😀 ümlaut",
]


@pytest.fixture
def network(directory, issues_index):
    build_organization(directory, title="Plain Rights Org", issue_areas=["housing"])


@pytest.mark.parametrize(
    "query",
    [
        "?issue=no-such-area",
        "?issue=housing&issue=housing&issue=housing",
        "?issue=",
        "?issue=housing&match=sometimes",
        "?approach=juggling&population=martians",
        "?country=ZZ&country=us",
        "?scope=galactic",
        "?affected=maybe&founding=2",
        "?sort=random&sort=name",
        "?page=999999",
        "?page=-1",
        "?page=0",
        "?page=abc",
        "?page=1.5",
        "?page=99999999999999999999999999",
        "?q=&q=&q=",
        "?state=" + "x" * 5000,
        "?" + "&".join(f"state=s{n}" for n in range(300)),
        "?q=a&q=b&issue=housing&issue=labor&issue=housing&match=all&match=any",
    ],
)
def test_malformed_directory_parameters_give_a_normal_page(client, network, query):
    response = client.get(f"/members/{query}")
    assert response.status_code == 200


@pytest.mark.parametrize("text", NASTY)
def test_meta_characters_in_a_search_give_a_normal_page(client, network, text):
    response = client.get("/members/", {"q": text, "state": text, "issue": text})
    assert response.status_code == 200


def test_a_huge_search_is_shortened_and_says_so(client, network):
    response = client.get("/members/", {"q": LONG})
    assert response.status_code == 200
    assert len(response.context["search"].q) <= 200
    assert "only its first 200 characters were used" in response.content.decode()


def test_typed_text_is_always_escaped(client, network):
    script = "<script>alert('x')</script>"
    html = client.get("/members/", {"q": script, "state": script}).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_pages_out_of_range_show_the_last_or_first_page(client, network):
    last = client.get("/members/?page=999999").context["results"].page
    first = client.get("/members/?page=-1").context["results"].page
    assert last.number == last.paginator.num_pages
    assert first.number == 1


@pytest.mark.parametrize(
    "path",
    [
        "/issues/housing/?page=-1",
        "/issues/housing/?page=999999",
        "/issues/housing/?page=abc",
        "/members/graph/?issue=<script>&state=' OR 1=1",
        "/members/graph/data/?issue=<script>&state=' OR 1=1",
        "/members/graph/data/?issue=" + "h" * 10000,
        "/members/graph/data/?state=%00",
    ],
)
def test_hubs_and_graph_take_bad_parameters_in_their_stride(client, network, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"<script>" not in response.content


@pytest.mark.parametrize(
    "path", ["/issues/<script>/", "/issues/no-such-area/", "/members/no-such-org/"]
)
def test_unknown_addresses_are_not_found(client, network, path):
    assert client.get(path).status_code == 404
