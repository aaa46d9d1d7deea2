"""The directory's places: Country, then State or region within it, one value per
place whatever was typed, and the graph's state filter on the same values."""

import pytest

from members.geography import subdivision_name
from tests.factories import build_organization


@pytest.fixture
def places(directory):
    """Organizations as members typed their places before the list, and after."""
    typed = [
        ("Golden State Tenants", "US", "CA"),
        ("Bay Area Workers", "US", "California"),
        ("Valley Farmworkers", "US", "california"),
        ("Empire Justice", "US", "NY"),
        ("Harlem Housing", "US", "New York"),
        ("Border Rights", "US", "TX"),
        ("Colectivo Capital", "MX", "CDMX"),
        ("Colectivo Norte", "MX", "Nuevo León"),
        ("Lakeside Rights", "CH", "Geneva"),
        ("Salvador Human Rights", "SV", "San Salvador"),
    ]
    return {
        title: build_organization(directory, title=title, country=country, region=text)
        for title, country, text in typed
    }


def directory(client, query=""):
    response = client.get(f"/members/{query}")
    assert response.status_code == 200
    return response


def facet(response, name):
    return next(f for f in response.context["results"].facets if f.name == name)


def counts(response, name):
    return {option.value: option.count for option in facet(response, name).options}


def names(response):
    return sorted(org.title for org in response.context["results"].page.object_list)


def test_counts_never_split_one_place_in_two_however_it_was_typed(client, places):
    response = directory(client)

    assert counts(response, "state") == {
        "US-CA": 3,  # "CA", "California", "california"
        "US-NY": 2,  # "NY", "New York"
        "US-TX": 1,
        "MX-CMX": 1,
        "MX-NLE": 1,
        "CH-GE": 1,
        "SV-SS": 1,
    }
    labels = {option.value: option.label for option in facet(response, "state").options}
    assert labels["US-CA"] == "California"
    assert labels["MX-CMX"] == "Ciudad de México"


def test_country_comes_first_then_the_states_and_regions_within_it(client, places):
    response = directory(client)

    order = [f.name for f in response.context["results"].facets]
    assert order.index("country") == order.index("state") - 1
    assert counts(response, "country") == {"US": 6, "MX": 2, "CH": 1, "SV": 1}


def test_with_a_country_chosen_only_its_states_and_regions_are_listed(client, places):
    response = directory(client, "?country=MX")

    assert counts(response, "state") == {"MX-CMX": 1, "MX-NLE": 1}
    assert names(response) == ["Colectivo Capital", "Colectivo Norte"]


def test_with_no_country_chosen_states_are_grouped_under_their_countries(
    client, places
):
    response = directory(client)

    state = facet(response, "state")
    groups = [option.group for option in state.options]
    # Grouped: each country's states together, countries by name.
    assert groups == sorted(groups)
    assert set(groups) == {
        "El Salvador",
        "Mexico",
        "Switzerland",
        "United States",
    }
    html = response.content.decode()
    assert '<span class="facet__group" id="facet-state-group-1">El Salvador</span>' in (
        html
    )
    # One country chosen: no group headings, just its states.
    html = directory(client, "?country=US").content.decode()
    assert 'class="facet__group"' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?state=US-CA", {"Golden", "Bay", "Valley"}),
        # Links from before: the names and codes as they were typed.
        ("?state=California", {"Golden", "Bay", "Valley"}),
        ("?state=CA", {"Golden", "Bay", "Valley"}),
        ("?state=us-ca", {"Golden", "Bay", "Valley"}),
        ("?state=New+York&state=Texas", {"Empire", "Harlem", "Border"}),
        ("?state=Geneva", {"Lakeside"}),
        ("?state=CDMX", {"Colectivo"}),
    ],
)
def test_state_links_take_the_code_and_old_names_still_work(
    client, places, query, expected
):
    response = directory(client, query)

    assert {name.split()[0] for name in names(response)} == expected
    assert response.context["results"].notices == []


def test_a_state_link_names_back_what_it_could_not_read(client, places):
    response = directory(client, "?state=Atlantis&state=Texas")

    assert names(response) == ["Border Rights"]
    notices = " ".join(str(notice) for notice in response.context["results"].notices)
    assert "State or region \u201cAtlantis\u201d" in notices
    assert "Texas" not in notices
    assert "Atlantis" in response.content.decode()


def test_a_chosen_state_links_with_its_code(client, places):
    response = directory(client, "?state=Texas")

    html = response.content.decode()
    assert 'name="state" value="US-TX" checked' in html
    assert response.context["search"].params() == "state=US-TX"


def test_search_words_and_places_compose(client, places):
    response = directory(client, "?q=housing&country=US&state=New+York")

    assert names(response) == ["Harlem Housing"]


def test_the_directory_needs_no_more_queries_for_places_with_more_organizations(
    client, directory, django_assert_max_num_queries
):
    def build(count):
        for number in range(count):
            country, text = [("US", "CA"), ("MX", "CDMX"), ("CH", "Geneva")][number % 3]
            build_organization(
                directory, title=f"Place {count} {number}", country=country, region=text
            )

    query = "/members/?country=US&country=MX&state=US-CA&state=California&state=CDMX"
    client.get("/")  # the site chrome is cached after the first page
    build(3)
    client.get(query)
    with django_assert_max_num_queries(100) as few:
        client.get(query)
    build(30)
    with django_assert_max_num_queries(len(few)) as many:
        response = client.get(query)

    assert len(many) == len(few)
    assert response.context["results"].total == 22


# --- The graph's state filter: the same values ------------------------------------


def test_the_graph_offers_states_by_name_with_the_directorys_codes(client, places):
    from members.graph import graph_states
    from members.viewer import ANONYMOUS

    states = graph_states(ANONYMOUS)

    assert ("US-CA", "California") in states
    assert ("CH-GE", "Genève, Switzerland") in states
    assert [state.label for state in states] == sorted(
        (state.label for state in states), key=str.casefold
    )
    html = client.get("/members/graph/?state=US-TX").content.decode()
    assert '<option value="US-TX" selected>Texas</option>' in html


@pytest.mark.parametrize("state", ["US-CA", "California", "CA"])
def test_the_graph_data_filters_by_the_same_state_values(client, places, state):
    data = client.get(f"/members/graph/data/?state={state}").json()

    labels = {node["label"] for node in data["nodes"] if node["kind"] == "organization"}
    assert labels == {"Golden State Tenants", "Bay Area Workers", "Valley Farmworkers"}
    assert data["filters"]["state"] == "US-CA"
    place = next(node["place"] for node in data["nodes"] if node.get("place"))
    assert subdivision_name("US-CA") in place
