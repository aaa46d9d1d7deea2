"""Every list says the same about a page it cannot show as asked
(home.facets.notices): the directory, the library, an organization's
complementary partners and the site search, in the directory's words, each
showing the value back cut and cleaned the same way."""

import html
import re

import pytest

from tests.factories import (
    MembershipFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    UserFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db

WORD = "Zephyrine"
WARNING = re.compile(r'<p class="message message--warning">(.*?)</p>', re.S)


@pytest.fixture
def lists(client, home_page, directory):
    """Each list with one page of results, seen by the staff of an organization
    (the only ones who may see its complementary partners)."""
    anchor = build_organization(
        directory,
        title=f"{WORD} Legal Defense",
        issue_areas=["immigration"],
        approaches=["litigation"],
    )
    build_organization(
        directory,
        title=f"{WORD} Organizers",
        issue_areas=["immigration"],
        approaches=["grassroots-organizing"],
    )
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title=f"{WORD} toolkit")
    staff = UserFactory()
    MembershipFactory(user=staff, organization=anchor)
    client.force_login(staff)
    return {
        "directory": ("/members/", {}),
        "library": ("/resources/", {}),
        "complements": ("/members/", {"complements": anchor.slug}),
        "site search": ("/search/", {"q": WORD, "kind": "organizations"}),
    }


NOT_A_PAGE = "\u201c{}\u201d is not a page number, so this is the first page."
PAGES = [
    ("abc", NOT_A_PAGE.format("abc")),
    ("0", NOT_A_PAGE.format("0")),
    ("1.5", NOT_A_PAGE.format("1.5")),
    ("99999999999999999999999", NOT_A_PAGE.format("99999999999999999999999")),
    # Cut to 40 characters, the last one the ellipsis.
    ("7" * 100, NOT_A_PAGE.format("7" * 39 + "\u2026")),
    # Control characters are never shown back.
    ("\x00\x1b[2J4a", NOT_A_PAGE.format("[2J4a")),
    ("999", "There is only 1 page of results, so this is it."),
    ("", None),
    ("1", None),
]


@pytest.mark.parametrize(
    "which", ["directory", "library", "complements", "site search"]
)
@pytest.mark.parametrize(("number", "said"), PAGES)
def test_every_list_says_the_same_about_a_page_it_cannot_show(
    client, lists, which, number, said
):
    path, params = lists[which]

    response = client.get(path, {**params, "page": number})

    assert response.status_code == 200
    warnings = [
        html.unescape(text) for text in WARNING.findall(response.content.decode())
    ]
    assert [text for text in warnings if "page" in text] == ([said] if said else [])
