"""Search finds organizations by their place: a state or region's code and names,
and a country's name, on both backends (SQLite FTS5 here; PostgreSQL full text
under tests/services.py)."""

import pytest

from tests.factories import build_organization


@pytest.fixture
def places(directory):
    placed = [
        ("Border Rights", "US", "US-TX", "El Paso"),
        ("Golden State Tenants", "US", "US-CA", "Oakland"),
        ("Bay Area Workers", "US", "US-CA", "San Jose"),
        ("Empire Justice", "US", "US-NY", "Buffalo"),
        ("Colectivo Capital", "MX", "MX-CMX", "Coyoacán"),
        ("Colectivo Norte", "MX", "MX-NLE", "Monterrey"),
        ("Lakeside Rights", "CH", "CH-GE", "Carouge"),
        ("Toronto Rights", "CA", "CA-ON", "Toronto"),
    ]
    for title, country, subdivision, city in placed:
        build_organization(
            directory,
            title=title,
            summary="Works for human rights in its community.",
            country=country,
            subdivision=subdivision,
            city=city,
        )
    # Text typed before places were structured that names no place: its
    # organization's staff see it, readers and search do not.
    build_organization(
        directory,
        title="Unplaced Collective",
        subdivision="",
        region="Canarywood Territory",
        city="Hilltown",
    )


def search(client, q):
    """The titles a search lists, and whether they are close spellings offered
    because the words matched nothing (PostgreSQL only)."""
    response = client.get("/members/", {"q": q})
    assert response.status_code == 200
    results = response.context["results"]
    titles = {org.title for org in results.page.object_list}
    return titles, results.matched_loosely


def found(client, q):
    titles, loosely = search(client, q)
    return set() if loosely else titles


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # A state's code and name.
        ("TX", {"Border Rights"}),
        ("tx", {"Border Rights"}),
        ("Texas", {"Border Rights"}),
        ("CA", {"Golden State Tenants", "Bay Area Workers"}),
        ("California", {"Golden State Tenants", "Bay Area Workers"}),
        ("NY", {"Empire Justice"}),
        ("New York", {"Empire Justice"}),
        ("Nueva York", {"Empire Justice"}),
        # Mexico City by its code, its name with and without accents, and aliases.
        ("CDMX", {"Colectivo Capital"}),
        ("CMX", {"Colectivo Capital"}),
        ("Ciudad de México", {"Colectivo Capital"}),
        ("ciudad de mexico", {"Colectivo Capital"}),
        ("Mexico City", {"Colectivo Capital"}),
        ("Nuevo León", {"Colectivo Norte"}),
        # A country by its name.
        ("Mexico", {"Colectivo Capital", "Colectivo Norte"}),
        # ...and by its ISO names, which the pages do not show.
        ("United Mexican States", {"Colectivo Capital", "Colectivo Norte"}),
        ("Swiss Confederation", {"Lakeside Rights"}),
        ("Switzerland", {"Lakeside Rights"}),
        ("Geneva", {"Lakeside Rights"}),
        ("Canada", {"Toronto Rights"}),
        ("Ontario", {"Toronto Rights"}),
        # Words and a place together.
        ("rights Texas", {"Border Rights"}),
    ],
)
def test_organizations_are_found_by_their_state_and_country(
    client, places, q, expected
):
    assert found(client, q) == expected


def test_a_country_code_does_not_find_the_whole_country(client, places):
    # "CA" is California; Canada is found by its name.
    assert "Toronto Rights" not in found(client, "CA")
    assert found(client, "US") == set()


def test_text_that_names_no_place_is_not_searched(client, places):
    assert found(client, "Canarywood") == set()
    assert found(client, "Hilltown") == {"Unplaced Collective"}
