"""Bad input to a faceted list (home.facets) is answered with the page and a plain
message saying what was done with it, never a server error and never a silent
drop: overlong, control-character, quote- and operator-laden searches, values a
facet does not offer, and page numbers no list has. Every class is tried on both
lists built on the engine, the directory and the library, and every facet each
declares is given a value it does not offer."""

import html
import re

import pytest

from campaigns.library.search import library_facets
from members.directory import directory_facets
from members.terms import Vocabulary
from members.viewer import ANONYMOUS
from tests.factories import (
    ResourceIndexPageFactory,
    ResourcePageFactory,
    build_organization,
)

pytestmark = pytest.mark.django_db

SYNTAX = "have no special meaning here"
NO_WORDS = "has no letters or digits to search for"
NOT_A_PAGE = "is not a page number, so this is the first page"
LEFT_OUT = "Some filters in the address are not ones this list offers"

BAD_SEARCHES = [
    ("rights " * 100, "only its first 200 characters were used"),
    ("tenant\x00rights", "Control characters in your search were taken out"),
    ("tenant\x1b[31m", "Control characters in your search were taken out"),
    ('"tenant rights"', SYNTAX),
    ('"unbalanced', SYNTAX),
    ("tenant AND rights", SYNTAX),
    ("tenant OR NOT rights", SYNTAX),
    ("NEAR(tenant rights)", SYNTAX),
    ("tenant*", SYNTAX),
    ("-tenant", SYNTAX),
    ("+tenant", SYNTAX),
    ("title:tenant", SYNTAX),
    ("^tenant", SYNTAX),
    ("{tenant}", SYNTAX),
    ("[tenant]", SYNTAX),
    ("tenant~2", SYNTAX),
    ("tenant | rights", SYNTAX),
    ("tenant & rights", SYNTAX),
    ("!tenant", SYNTAX),
    ("'; DROP TABLE wagtailcore_page; --", SYNTAX),
    ("***", NO_WORDS),
    ('""', NO_WORDS),
    ("()", NO_WORDS),
    ("😀", NO_WORDS),
]
BAD_PAGES = ["abc", "-1", "0", "1.5", "", "99999999999999999999999", "1e3", "²"]


@pytest.fixture
def sections(directory):
    build_organization(directory, title="Tenant Rights Union", issue_areas=["housing"])
    library = ResourceIndexPageFactory(parent=directory.get_parent())
    ResourcePageFactory(parent=library, title="Tenant rights toolkit")
    return {
        "/members/": directory_facets(Vocabulary.load()),
        "/resources/": library_facets(ANONYMOUS),
    }


def page(client, path, params):
    response = client.get(path, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
@pytest.mark.parametrize(("q", "message"), BAD_SEARCHES)
def test_a_search_that_cannot_be_read_as_typed_says_how_it_was_read(
    client, sections, path, q, message
):
    assert message in page(client, path, {"q": q})


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
def test_search_syntax_is_read_as_words_and_the_words_still_find(
    client, sections, path
):
    response = client.get(path, {"q": '"tenant" AND rights*'})

    assert response.context["results"].total == 1
    assert "the words “tenant rights”" in html.unescape(response.content.decode())


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
def test_plain_searches_and_filters_carry_no_message(client, sections, path):
    text = page(client, path, {"q": "tenant", "page": "1"})

    for message in (SYNTAX, NO_WORDS, NOT_A_PAGE, LEFT_OUT, "Control characters"):
        assert message not in text


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
def test_every_facet_says_when_it_was_given_a_value_it_does_not_offer(
    client, sections, path
):
    for facet in sections[path]:
        text = page(client, path, {facet.param: "no-such-value"})

        # Refused and named, never kept as a filter that finds nothing.
        # (An organization's slug is never named back: tests/campaigns/library.)
        named = f"{facet.label} “no-such-value”" if facet.names_refused else ""
        assert LEFT_OUT in text and named in text, facet.param
        assert f"{facet.label}: no-such-value" not in text, facet.param


def test_the_issues_example_an_unknown_kind_is_named_not_ignored(client, sections):
    text = page(client, "/resources/", {"kind": "un_submission"})

    assert "Kind “un_submission”" in text
    assert "1 resource" in text


def test_unknown_orders_and_match_modes_are_named_too(client, sections):
    text = page(client, "/members/", {"sort": "random", "match": "sometimes"})

    assert "Order “random”" in text
    assert "Match “sometimes”" in text


def test_many_refused_values_are_counted_not_all_listed(client, sections):
    text = page(client, "/members/", {"issue": [f"area-{n}" for n in range(30)]})

    assert "and 25 more" in text
    # Not listed to the reader (the page's own address, in the language links'
    # attributes, still carries what was asked).
    assert "area-29" not in re.sub(r"<[^>]*>", " ", text)


def test_a_refused_value_is_shown_escaped_and_shortened(client, sections):
    response = client.get("/members/", {"scope": "<script>alert(1)</script>" * 5})

    assert b"<script>alert" not in response.content
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;script&gt;alert(…"
    assert shown in response.content.decode()


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
@pytest.mark.parametrize("number", BAD_PAGES)
def test_a_page_number_that_is_none_shows_the_first_page_and_says_so(
    client, sections, path, number
):
    response = client.get(path, {"page": number})

    assert response.context["results"].page.number == 1
    text = html.unescape(response.content.decode())
    assert (NOT_A_PAGE in text) == bool(number)


@pytest.mark.parametrize("path", ["/members/", "/resources/"])
def test_a_page_past_the_end_shows_the_last_and_says_so(client, sections, path):
    assert "There is only 1 page of results" in page(client, path, {"page": "999"})
