"""The directory and partner finder: every facet alone and in combination, counts,
sorting, paging and full-text search (the same tests run on SQLite and PostgreSQL)."""

import datetime

import pytest

from tests.factories import CoordinatorFactory, build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory):
    """Five organizations whose facets are known, plus one members-only."""
    return {
        "alpha": build_organization(
            directory,
            title="Alpha Migrant Justice",
            summary="Know-your-rights trainings for newcomers.",
            issue_areas=["immigration", "detention"],
            approaches=["litigation"],
            populations=["immigrants-and-refugees"],
            city="El Paso",
            region="Texas",
            scope="state",
            led_by_directly_affected=True,
            founding_member=True,
            member_since=datetime.date(2011, 12, 10),
        ),
        "bravo": build_organization(
            directory,
            title="Bravo Tenants Union",
            summary="Tenants organizing against eviction.",
            issue_areas=["housing", "poverty"],
            approaches=["grassroots-organizing"],
            populations=["low-income-communities"],
            city="Houston",
            region="Texas",
            scope="local",
            member_since=datetime.date(2020, 5, 1),
        ),
        "charlie": build_organization(
            directory,
            title="Charlie Detention Watch",
            summary="Visits people held in immigration detention.",
            issue_areas=["detention"],
            approaches=["litigation", "research-and-documentation"],
            populations=["immigrants-and-refugees"],
            city="Albuquerque",
            region="New Mexico",
            scope="local",
            led_by_directly_affected=True,
            member_since=datetime.date(2024, 3, 1),
        ),
        "delta": build_organization(
            directory,
            title="Delta Treaty Watch",
            summary="Shadow reports to the UN treaty bodies.",
            issue_areas=["un-advocacy", "immigration"],
            approaches=["un-and-international-advocacy"],
            populations=["racial-and-ethnic-minorities"],
            city="Geneva",
            region="Geneva",
            country="CH",
            scope="international",
            founding_member=True,
            member_since=datetime.date(2011, 12, 10),
        ),
        "echo": build_organization(
            directory,
            title="Echo Housing Clinic",
            summary="Legal help for people facing eviction.",
            issue_areas=["housing"],
            approaches=["direct-services"],
            populations=["unhoused-people"],
            city="Santa Fe",
            region="New Mexico",
            scope="state",
        ),
        "members_only": build_organization(
            directory,
            title="Foxtrot Quiet Defenders",
            issue_areas=["detention"],
            region="Texas",
            visibility="members",
        ),
    }


def listed(client, query=""):
    response = client.get(f"/members/{query}")
    assert response.status_code == 200
    results = response.context["results"]
    return [org.title.split()[0] for org in results.page.object_list], results


def facet_counts(results, name):
    facet = next(facet for facet in results.facets if facet.name == name)
    return {option.value: option.count for option in facet.options}


def test_directory_lists_public_organizations_by_name_for_visitors(client, network):
    names, results = listed(client)
    assert names == ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    assert results.total == 5


def test_members_see_members_only_organizations_in_the_directory(client, network):
    client.force_login(CoordinatorFactory())
    names, _ = listed(client)
    assert "Foxtrot" in names


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?issue=detention", ["Alpha", "Charlie"]),
        ("?issue=detention&issue=housing", ["Alpha", "Bravo", "Charlie", "Echo"]),
        ("?issue=immigration&issue=detention&match=all", ["Alpha"]),
        ("?issue=housing&issue=detention&match=all", []),
        ("?approach=litigation", ["Alpha", "Charlie"]),
        ("?approach=litigation&approach=direct-services", ["Alpha", "Charlie", "Echo"]),
        ("?population=immigrants-and-refugees", ["Alpha", "Charlie"]),
        (
            "?population=unhoused-people&population=low-income-communities",
            ["Bravo", "Echo"],
        ),
        ("?state=Texas", ["Alpha", "Bravo"]),
        ("?state=Texas&state=Geneva", ["Alpha", "Bravo", "Delta"]),
        ("?country=CH", ["Delta"]),
        ("?country=US", ["Alpha", "Bravo", "Charlie", "Echo"]),
        ("?scope=local", ["Bravo", "Charlie"]),
        ("?scope=local&scope=international", ["Bravo", "Charlie", "Delta"]),
        ("?affected=1", ["Alpha", "Charlie"]),
        ("?founding=1", ["Alpha", "Delta"]),
        # Combinations narrow across facets.
        ("?issue=detention&state=New+Mexico", ["Charlie"]),
        ("?issue=immigration&founding=1&country=CH", ["Delta"]),
        ("?approach=litigation&affected=1&scope=state", ["Alpha"]),
        ("?state=Texas&population=low-income-communities&issue=housing", ["Bravo"]),
        ("?issue=housing&scope=state&state=New+Mexico&affected=1", []),
    ],
)
def test_each_facet_and_their_combinations_filter_the_list(
    client, network, query, expected
):
    names, results = listed(client, query)
    assert names == expected
    assert results.total == len(expected)


def test_facet_counts_say_what_choosing_each_value_would_give(client, network):
    _, results = listed(client, "?state=Texas")

    # Other facets count within Texas...
    assert facet_counts(results, "issue") == {
        "detention": 1,
        "housing": 1,
        "immigration": 1,
        "poverty": 1,
    }
    assert facet_counts(results, "approach") == {
        "grassroots-organizing": 1,
        "litigation": 1,
    }
    assert facet_counts(results, "affected") == {"1": 1}
    assert facet_counts(results, "founding") == {"1": 1}
    # ...while the state facet counts as if no state were chosen, so a person can
    # widen the search to another state.
    # One value per place: the ISO 3166-2 code, named "Texas" on the page.
    assert facet_counts(results, "state") == {"CH-GE": 1, "US-NM": 2, "US-TX": 2}
    assert facet_counts(results, "country") == {"US": 2}
    assert facet_counts(results, "scope") == {"local": 1, "state": 1}


def test_match_all_counts_issue_areas_within_the_current_results(client, network):
    _, results = listed(client, "?issue=immigration&issue=detention&match=all")
    assert facet_counts(results, "issue") == {"detention": 1, "immigration": 1}

    _, results = listed(client, "?issue=immigration")
    # With "any", other issue areas count as if no issue area were chosen.
    assert facet_counts(results, "issue")["housing"] == 2


def test_facet_counts_never_include_organizations_the_viewer_may_not_see(
    client, network
):
    _, results = listed(client)
    assert facet_counts(results, "issue")["detention"] == 2
    assert results.network_total == 5

    client.force_login(CoordinatorFactory())
    _, results = listed(client)
    assert facet_counts(results, "issue")["detention"] == 3
    assert results.network_total == 6


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=eviction", ["Bravo", "Echo"]),
        ("?q=treaty", ["Delta"]),
        # Echo by its issue area's alias, "Tenants' rights".
        ("?q=Tenants", ["Bravo", "Echo"]),
        ("?q=detention&state=New+Mexico", ["Charlie"]),
        ("?q=Geneva", ["Delta"]),
        ("?q=nothing-like-this-anywhere", []),
    ],
)
def test_full_text_search_finds_organizations_by_their_words(
    client, network, query, expected
):
    names, _ = listed(client, query)
    assert sorted(names) == expected


def test_full_text_search_also_matches_issue_area_names(client, network):
    names, _ = listed(client, "?q=homelessness")
    assert sorted(names) == ["Bravo", "Echo"]


def test_search_never_finds_what_the_viewer_may_not_see(client, network):
    names, _ = listed(client, "?q=Foxtrot")
    assert names == []


def test_search_sorts_by_relevance_by_default_and_by_name_on_request(client, network):
    _, results = listed(client, "?q=detention")
    assert results.search.sort == "relevance"
    names, _ = listed(client, "?q=detention&sort=name")
    assert names == sorted(names)


def test_newest_sort_puts_the_latest_members_first(client, network):
    names, _ = listed(client, "?sort=newest")
    assert names[:3] == ["Charlie", "Bravo", "Alpha"]
    assert names[-1] == "Echo"  # no admission date: last


def test_pages_of_results_keep_the_search_in_their_links(client, directory):
    for number in range(45):
        build_organization(
            directory, title=f"Org {number:02d}", issue_areas=["housing"]
        )

    response = client.get("/members/?issue=housing&page=2")
    results = response.context["results"]
    html = response.content.decode()

    assert [org.title for org in results.page.object_list][0] == "Org 20"
    assert results.page.paginator.num_pages == 3
    assert 'href="?issue=housing&amp;page=3"' in html
    assert 'href="?issue=housing"' in html  # page 1 needs no number


def test_searching_and_narrowing_add_no_queries(
    client, network, django_assert_max_num_queries
):
    client.get("/")  # the site chrome is cached after the first page
    client.get("/members/")

    with django_assert_max_num_queries(100) as plain:
        client.get("/members/")
    narrowed = (
        "/members/?q=detention&issue=detention&issue=immigration&approach=litigation"
        "&population=immigrants-and-refugees&state=Texas&state=New+Mexico&country=US"
        "&scope=state&scope=local&affected=1&sort=newest"
    )
    with django_assert_max_num_queries(len(plain)) as searched:
        names, _ = listed(client, narrowed[len("/members/") :])

    # Words, eight facets and every count: still one query for all the counts.
    assert sorted(names) == ["Alpha", "Charlie"]
    assert len(searched) == len(plain)


def test_every_choice_is_in_the_url_and_the_form_shows_it_back(client, network):
    response = client.get(
        "/members/?q=rights&issue=detention&match=all&approach=litigation"
        "&state=Texas&affected=1&sort=name"
    )
    html = response.content.decode()
    search = response.context["search"]

    assert search.params() == (
        "q=rights&issue=detention&match=all&approach=litigation&state=US-TX"
        "&affected=1&sort=name"
    )
    assert 'value="rights"' in html
    assert 'name="issue" value="detention" checked' in html
    assert '<option value="name" selected>' in html


def test_empty_results_suggest_which_filter_to_loosen(client, network):
    response = client.get("/members/?issue=housing&state=Geneva")
    html = response.content.decode()
    suggestions = response.context["results"].loosen_suggestions

    assert response.context["results"].total == 0
    assert "Try loosening your search" in html
    by_facet = {s["facet"].name: s for s in suggestions}
    assert by_facet["state"]["params"] == "issue=housing"
    assert by_facet["state"]["count"] == 2  # housing anywhere
    assert by_facet["issue"]["params"] == "state=CH-GE"
    assert 'href="?issue=housing"' in html


def test_empty_results_with_match_all_suggest_matching_any(client, network):
    html = client.get(
        "/members/?issue=housing&issue=detention&match=all"
    ).content.decode()
    assert "Match any of the chosen issue areas" in html
    assert 'href="?issue=housing&amp;issue=detention"' in html


def test_the_directory_works_without_javascript(client, network):
    html = client.get("/members/").content.decode()
    assert '<form class="directory__form" method="get" action="/members/"' in html
    assert "Apply filters" in html
    assert '<script src="/static/js/members-directory.js"' in html
    assert "onclick" not in html and "style=" not in html


def test_a_long_list_of_places_is_folded_but_a_chosen_place_stays_in_view(
    client, directory
):
    states = "AL AK AZ AR CA CO CT DE FL GA HI ID IL WY".split()  # fourteen
    for state in states:
        build_organization(
            directory, title=f"Org in {state}", subdivision=f"US-{state}"
        )

    folded = client.get("/members/").content.decode()
    chosen = client.get("/members/?state=US-WY").content.decode()

    assert '<details class="facet__more">' in folded
    assert "Show all 14" in folded
    # Every place can still be chosen, folded or not.
    assert 'value="US-WY"' in folded
    assert '<details class="facet__more" open>' in chosen
    assert 'id="facet-state-us-wy" name="state" value="US-WY" checked' in chosen
