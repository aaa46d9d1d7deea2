"""The directory's page on a phone and without JavaScript: the facets open from a
"Filter (n)" disclosure, long facets fold to their most used values, a skip link
and every submit lead to the result count, and the title says how many were
found. (The layout itself is checked in the browser: tests/browser/
test_directory_phone.py.)"""

import re

import pytest

from members.models import IssueArea
from tests.factories import build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory):
    build_organization(
        directory,
        title="Alpha Migrant Justice",
        issue_areas=["immigration", "detention"],
        region="Texas",
    )
    build_organization(
        directory, title="Bravo Tenants Union", issue_areas=["housing"], region="Ohio"
    )


def between(html, start, end):
    """The part of `html` from the first `start` to the next `end`."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


@pytest.mark.parametrize(
    ("query", "chosen"),
    [
        ("", 0),
        ("?q=tenants", 0),
        ("?issue=housing", 1),
        ("?issue=housing&issue=detention&match=all&state=Texas", 3),
        ("?issue=housing&issue=not-an-area", 1),
    ],
)
def test_the_facets_open_from_a_filter_disclosure_counting_the_chosen_filters(
    client, network, query, chosen
):
    html = client.get(f"/members/{query}").content.decode()

    # Closed as served: on a phone the results come first.
    assert '<details class="directory__filters" data-directory-filters>' in html
    summary = between(html, '<summary class="directory__filters-toggle"', "</summary>")
    label = " ".join(re.sub(r"<[^>]+>", "", summary.split(">", 1)[1]).split())
    assert label == f"Filter ({chosen} chosen)"
    # The facets are inside it, and the results after it.
    disclosure = between(
        html, '<details class="directory__filters"', "\n            </details>"
    )
    assert 'id="directory-facets"' in disclosure
    assert 'id="directory-results"' not in disclosure
    assert html.index(disclosure) < html.index('id="directory-results"')


def test_a_skip_link_leads_to_the_result_count(client, network):
    html = client.get("/members/").content.decode()

    assert '<a class="skip-link" href="#directory-count">Skip to results</a>' in html
    assert 'id="directory-count" tabindex="-1"' in html


def test_without_javascript_every_submit_opens_the_results_at_their_count(
    client, network
):
    form = between(
        client.get("/members/").content.decode(),
        '<form class="directory__form"',
        "</form>",
    )
    buttons = re.findall(r"<button type=\"submit\"[^>]*>", form)

    assert len(buttons) == 2  # Search, and Apply filters
    assert all('formaction="/members/#directory-count"' in tag for tag in buttons)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("", "<title>Members · "),
        ("?issue=housing", "<title>1 organization · Members · "),
        ("?state=Texas&state=Ohio", "<title>2 organizations · Members · "),
        ("?q=nothing-like-this", "<title>0 organizations · “nothing-like-this” in "),
    ],
)
def test_the_title_says_how_many_organizations_a_search_found(
    client, network, query, title
):
    assert title in client.get(f"/members/{query}").content.decode()


def test_issue_areas_show_the_eight_most_used_and_fold_the_rest(client, directory):
    areas = list(IssueArea.objects.order_by("slug")[:11])
    # The i-th area has i + 1 organizations: the last eight are the most used.
    for number, area in enumerate(areas):
        for copy in range(number + 1):
            build_organization(
                directory, title=f"{area.slug} {copy}", issue_areas=[area]
            )

    html = client.get("/members/").content.decode()
    facet = between(html, '<fieldset class="facet facet--issue">', "</fieldset>")
    shown, folded = facet.split('<details class="facet__more">')

    assert "Show all 11" in folded
    for area in areas[3:]:
        assert f'name="issue" value="{area.slug}"' in shown
    for area in areas[:3]:
        assert f'name="issue" value="{area.slug}"' in folded
