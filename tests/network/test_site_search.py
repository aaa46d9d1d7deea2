"""The site-wide search at /search/: every kind grouped, each group through its own
section's privacy verb, bad input answered with a page that says what happened, and
the same number of queries whatever the network's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from members.models import Visibility
from tests.factories import (
    BoardPageFactory,
    CalendarPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CoordinatorFactory,
    EventFactory,
    MembershipFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    RoomFactory,
    UserFactory,
    board_member,
    board_thread,
    build_organization,
)

pytestmark = pytest.mark.django_db

WORD = "Zephyrine"
# Only in the hidden organization's name: it must never reach an outsider's page.
HIDDEN_NAME = f"{WORD} Quillwort Shelter"
KINDS = ["organizations", "campaigns", "resources", "news", "events", "threads"]


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    return page


@pytest.fixture
def sections(home_page, directory):
    return {
        "campaigns": CampaignIndexPageFactory(parent=home_page),
        "calendar": CalendarPageFactory(parent=home_page),
        "library": ResourceIndexPageFactory(parent=home_page),
        "news": NewsIndexPageFactory(parent=home_page),
        "board": BoardPageFactory(parent=home_page),
        "directory": directory,
    }


@pytest.fixture
def world(sections):
    """In every kind, one thing anyone may find and the things some may not: a
    hidden and a members-only organization, members-only or view-restricted
    content, unpublished pages and a coordinators-only room, all with WORD."""
    directory = sections["directory"]
    public_org = build_organization(directory, title=f"{WORD} Public Defenders")
    build_organization(
        directory, title=f"{WORD} Members Circle", visibility=Visibility.MEMBERS
    )
    hidden_org = build_organization(
        directory, title=HIDDEN_NAME, visibility=Visibility.HIDDEN
    )
    build_organization(directory, title=f"{WORD} Draft Collective").unpublish()

    campaigns = sections["campaigns"]
    campaign = CampaignPageFactory(
        parent=campaigns, title=f"{WORD} open campaign", leads=[hidden_org]
    )
    restricted_campaign = restrict(
        CampaignPageFactory(parent=campaigns, title=f"{WORD} restricted campaign")
    )
    draft_campaign = CampaignPageFactory(parent=campaigns, title=f"{WORD} draft")
    draft_campaign.unpublish()

    library = sections["library"]
    ResourcePageFactory(
        parent=library, title=f"{WORD} public toolkit", organizations=[hidden_org]
    )
    ResourcePageFactory(
        parent=library, title=f"{WORD} members toolkit", visibility="members"
    )
    ResourcePageFactory(parent=library, title=f"{WORD} draft toolkit").unpublish()

    news = sections["news"]
    NewsPageFactory(parent=news, title=f"{WORD} public story")
    restrict(NewsPageFactory(parent=news, title=f"{WORD} restricted story"))
    NewsPageFactory(parent=news, title=f"{WORD} draft story").unpublish()

    EventFactory(title=f"{WORD} network call")
    EventFactory(title=f"{WORD} campaign rally", campaign=campaign)
    EventFactory(title=f"{WORD} restricted rally", campaign=restricted_campaign)
    EventFactory(title=f"{WORD} draft rally", campaign=draft_campaign)

    member = UserFactory(username="public-staff")
    MembershipFactory(user=member, organization=public_org)
    hidden_staff = UserFactory(username="hidden-staff")
    MembershipFactory(user=hidden_staff, organization=hidden_org)
    coordinator = CoordinatorFactory()
    board_thread(RoomFactory(name="General"), hidden_staff, title=f"{WORD} planning")
    board_thread(
        RoomFactory(name="Coordinators", coordinators_only=True),
        coordinator,
        title=f"{WORD} coordinators only",
    )
    return {
        "campaign": campaign,
        "hidden_org": hidden_org,
        "people": {
            "visitor": None,
            "signed-in non-member": UserFactory(username="no-organization"),
            "member": member,
            "hidden organization's staff": hidden_staff,
            "coordinator": coordinator,
        },
    }


EVERYONE = {
    "organizations": {f"{WORD} Public Defenders"},
    "campaigns": {f"{WORD} open campaign"},
    "resources": {f"{WORD} public toolkit"},
    "news": {f"{WORD} public story"},
    "events": {f"{WORD} network call", f"{WORD} campaign rally"},
}
MEMBERS = {
    **EVERYONE,
    "organizations": EVERYONE["organizations"] | {f"{WORD} Members Circle"},
    "resources": EVERYONE["resources"] | {f"{WORD} members toolkit"},
    "threads": {f"{WORD} planning"},
}
EXPECTED = {
    "visitor": EVERYONE,
    "signed-in non-member": EVERYONE,
    "member": MEMBERS,
    "hidden organization's staff": {
        **MEMBERS,
        "organizations": MEMBERS["organizations"] | {HIDDEN_NAME},
    },
    "coordinator": {
        **MEMBERS,
        "organizations": MEMBERS["organizations"] | {HIDDEN_NAME},
        "threads": MEMBERS["threads"] | {f"{WORD} coordinators only"},
    },
}


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


def found(response):
    """{kind: {titles}} of every group on a grouped page."""
    return {
        group.kind.slug: {item.title for item in group.items}
        for group in response.context["groups"]
        if group.total
    }


@pytest.mark.parametrize("person", list(EXPECTED))
def test_each_group_finds_only_what_its_section_shows_this_person(
    client, world, person
):
    sign_in(client, world["people"][person])

    response = client.get("/search/", {"q": WORD})

    assert response.status_code == 200
    assert found(response) == EXPECTED[person]
    totals = {group.kind.slug: group.total for group in response.context["groups"]}
    assert totals == {kind: len(titles) for kind, titles in EXPECTED[person].items()}


@pytest.mark.parametrize("person", list(EXPECTED))
def test_one_kind_alone_finds_the_same_as_its_group(client, world, person):
    sign_in(client, world["people"][person])

    for kind in KINDS:
        response = client.get("/search/", {"q": WORD, "kind": kind})
        assert response.status_code == 200
        expected = EXPECTED[person].get(kind)
        if expected is None:  # threads, for those who may not use the board
            assert response.context["results"] is None
            assert "searched for network members only" in response.content.decode()
            assert "planning" not in response.content.decode()
        else:
            results = response.context["results"].object_list
            assert {item.title for item in results} == expected, kind


@pytest.mark.parametrize("person", ["visitor", "signed-in non-member", "member"])
def test_a_hidden_organizations_name_reaches_no_outsiders_page(client, world, person):
    """Not as a result, nor in any snippet: the campaign it leads, the resource it
    wrote and the thread its staff started are found, its name is not."""
    sign_in(client, world["people"][person])

    for q in [WORD, "Quillwort", "Quillwort Shelter", "open campaign", "toolkit"]:
        secrets = [HIDDEN_NAME, world["hidden_org"].slug]
        if "Quillwort" not in q:  # otherwise the page shows back what was typed
            secrets.append("Quillwort")
        for params in [{"q": q}] + [{"q": q, "kind": kind} for kind in KINDS]:
            body = client.get("/search/", params).content.decode()
            assert [secret for secret in secrets if secret in body] == [], params


def test_a_thread_by_a_hidden_organizations_staff_names_no_organization(client, world):
    sign_in(client, world["people"]["member"])

    body = client.get("/search/", {"q": "planning"}).content.decode()

    assert f"{WORD} planning" in body
    assert "A member organization" in body
    assert "Quillwort" not in body


def test_visitors_never_see_the_board_group_or_its_threads(client, world):
    body = client.get("/search/", {"q": WORD}).content.decode()

    assert "Board threads" not in body
    assert "planning" not in body


def test_see_all_leads_to_the_directory_and_library_searches_with_their_own_count(
    client, world
):
    sign_in(client, world["people"]["member"])
    groups = {
        group.kind.slug: group
        for group in client.get("/search/", {"q": WORD}).context["groups"]
    }

    directory = client.get(groups["organizations"].more_url)
    library = client.get(groups["resources"].more_url)

    assert groups["organizations"].more_url == f"/members/?q={WORD}"
    assert groups["resources"].more_url == f"/resources/?q={WORD}"
    assert directory.context["results"].total == groups["organizations"].total == 2
    assert library.context["results"].total == groups["resources"].total == 2
    assert groups["campaigns"].more_url == f"/search/?q={WORD}&kind=campaigns"


def test_result_links_come_from_the_sections_addresses(client, world, sections):
    sections["campaigns"].slug = "joint-work"
    sections["campaigns"].save_revision().publish()

    response = client.get("/search/", {"q": f"{WORD} open campaign"})

    campaign = world["campaign"]
    group = next(g for g in response.context["groups"] if g.kind.slug == "campaigns")
    assert [item.search_address for item in group.items] == [
        f"/joint-work/{campaign.slug}/"
    ]
    assert f'href="/joint-work/{campaign.slug}/"' in response.content.decode()


# --- one kind, page by page --------------------------------------------------------


@pytest.fixture
def many_campaigns(sections):
    for number in range(45):
        CampaignPageFactory(
            parent=sections["campaigns"], title=f"{WORD} campaign {number}"
        )


def test_a_group_shows_a_few_and_links_to_all_of_its_kind(client, many_campaigns):
    response = client.get("/search/", {"q": WORD})

    group = next(g for g in response.context["groups"] if g.kind.slug == "campaigns")
    assert len(group.items) == 5
    assert group.total == 45
    assert "See all 45 campaigns" in response.content.decode()


def test_one_kind_pages_through_every_result(client, many_campaigns):
    pages = [
        client.get("/search/", {"q": WORD, "kind": "campaigns", "page": number})
        for number in (1, 2, 3)
    ]

    titles = [
        item.title
        for response in pages
        for item in response.context["results"].object_list
    ]
    assert len(titles) == len(set(titles)) == 45
    assert f"?q={WORD}&amp;kind=campaigns&amp;page=2" in pages[0].content.decode()


@pytest.mark.parametrize(
    ("page", "message", "number"),
    [
        # The directory's words (home.facets.notices), as every list says them.
        ("abc", "“abc” is not a page number, so this is the first page.", 1),
        ("0", "“0” is not a page number, so this is the first page.", 1),
        ("-3", "“-3” is not a page number, so this is the first page.", 1),
        ("1.5", "“1.5” is not a page number, so this is the first page.", 1),
        ("99999999999999999999999", "is not a page number", 1),
        ("4", "There are only 3 pages of results, so this is the last.", 3),
        (
            "9223372036854775807",
            "There are only 3 pages of results, so this is the last.",
            3,
        ),
    ],
)
def test_an_impossible_page_says_so_and_shows_a_real_one(
    client, many_campaigns, page, message, number
):
    response = client.get("/search/", {"q": WORD, "kind": "campaigns", "page": page})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["results"].number == number


def test_a_page_without_a_kind_says_pages_are_per_kind(client, many_campaigns):
    response = client.get("/search/", {"q": WORD, "page": "2"})

    assert response.status_code == 200
    assert "Pages are for one kind of result at a time" in response.content.decode()
    assert response.context["groups"]


# --- bad input ---------------------------------------------------------------------

NASTY = [
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
    "' OR 1=1; --",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", NASTY)
def test_quotes_and_operators_give_a_normal_page(client, world, text):
    for params in [{"q": text}, {"q": f"{WORD} {text}"}, {"q": text, "kind": "news"}]:
        response = client.get("/search/", params)
        assert response.status_code == 200, params
        assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("text", ['"', "*", "(", "%_", "\\", "\u00a0-^:"])
def test_nothing_searchable_says_so(client, world, text):
    response = client.get("/search/", {"q": text})

    assert "There are no letters or digits in" in response.content.decode()
    assert response.context["groups"] == []


def test_operators_are_searched_as_plain_words(client, world):
    response = client.get("/search/", {"q": f'"{WORD}" (public) toolkit* -'})

    assert found(response) == {"resources": {f"{WORD} public toolkit"}}


def test_control_characters_are_left_out_of_the_search(client, world):
    response = client.get("/search/", {"q": f"{WORD}\x00\x07\x1b news\x7f"})

    assert response.status_code == 200
    assert response.context["search"].q == f"{WORD} news"


def test_an_overlong_search_is_shortened_and_says_so(client, world):
    response = client.get("/search/", {"q": f"{WORD} " + "rights " * 1500})

    assert response.status_code == 200
    assert len(response.context["search"].q) == 200
    assert "only its first 200 characters were used" in response.content.decode()


@pytest.mark.parametrize("query", ["", "?q=", "?q=%20%20", "?kind=news", "?page=2"])
def test_no_words_asks_for_some(client, world, query):
    response = client.get(f"/search/{query}")

    assert response.status_code == 200
    assert "Type a word or a name to search the whole site." in (
        response.content.decode()
    )


def test_an_unknown_kind_says_so_and_searches_every_kind(client, world):
    response = client.get("/search/", {"q": WORD, "kind": "ufo\x00<b>" + "x" * 500})

    body = response.content.decode()
    assert response.status_code == 200
    assert "There is no kind of result called “ufo&lt;b&gt;xxx" in body
    assert "<b>" not in body
    assert found(response) == EVERYONE


def test_the_search_answers_only_reads(client, world):
    assert client.post("/search/", {"q": WORD}).status_code == 405


# --- the header box ------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/members/", "/search/?q=x"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, world, path):
    body = client.get(path).content.decode()
    header = body[body.index('<header class="site-header">') : body.index("</header>")]

    assert 'action="/search/"' in header
    assert 'method="get"' in header
    assert 'role="search"' in header
    assert '<label for="site-search-q" class="visually-hidden">Search the site' in (
        header
    )
    assert 'id="site-search-q" name="q"' in header
    assert '<button type="submit"' in header


# --- the cost ----------------------------------------------------------------------


def grow(sections, start, stop, room, home_base):
    for number in range(start, stop):
        build_organization(
            sections["directory"],
            title=f"{WORD} Org {number}",
            visibility=["public", "members", "hidden"][number % 3],
        )
        campaign = CampaignPageFactory(
            parent=sections["campaigns"], title=f"{WORD} campaign {number}"
        )
        ResourcePageFactory(
            parent=sections["library"],
            title=f"{WORD} toolkit {number}",
            visibility=["public", "members"][number % 2],
        )
        NewsPageFactory(parent=sections["news"], title=f"{WORD} story {number}")
        EventFactory(title=f"{WORD} event {number}", campaign=campaign)
        # A new author each time: the board limits posts per person and minute.
        board_thread(room, board_member(home_base), title=f"{WORD} thread {number}")


@pytest.mark.parametrize("person", ["visitor", "member", "coordinator"])
def test_the_search_takes_the_same_queries_at_two_sizes(client, sections, person):
    room = RoomFactory(name="General")
    home_base = build_organization(sections["directory"], title="Home base")
    member = board_member(home_base)
    users = {"visitor": None, "member": member, "coordinator": CoordinatorFactory()}
    sign_in(client, users[person])
    paths = [
        f"/search/?q={WORD}",
        f"/search/?q={WORD}&kind=organizations&page=2",
        f"/search/?q={WORD}&kind=threads",
    ]
    measured = {}
    for size, (start, stop) in {"small": (0, 6), "large": (6, 30)}.items():
        grow(sections, start, stop, room, home_base)
        for path in paths:
            client.get(path)  # warm the site chrome's cache
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            measured[(size, path)] = len(queries)

    for path in paths:
        assert measured[("small", path)] == measured[("large", path)], path
    # One query per group, and one more for each group whose verb is Wagtail's
    # public() (campaigns, news, events), which reads the view restrictions first.
    # A signed-in person costs 4 more (session, user, roles, organizations), the
    # board's group and the header's unread notifications.
    assert measured[("large", paths[0])] <= (8 if person == "visitor" else 14)
    # A kind's page: counted, then listed.
    assert measured[("large", paths[1])] <= (2 if person == "visitor" else 7)
