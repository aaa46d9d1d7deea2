"""Matching what a cell says: terms by name, slug or alias whatever the case,
accents and separators; places by name or code; choices by label; yes/no, years
and dates; and what must never be stored from a cell."""

import datetime

import pytest

from members.imports.values import (
    CellError,
    Vocabulary,
    cell_text,
    check_cell,
    read_choice,
    read_country,
    read_date,
    read_links,
    read_subdivision,
    read_terms,
    read_year,
    read_yes_no,
)

pytestmark = pytest.mark.django_db


def names(terms):
    return [term.slug for term in terms]


@pytest.mark.parametrize(
    ("cell", "slugs"),
    [
        ("Housing and homelessness", ["housing"]),  # the name
        ("housing", ["housing"]),  # the slug
        ("womens-rights", ["womens-rights"]),  # a slug with a hyphen
        ("Tenants' rights", ["housing"]),  # an alias
        ("TENANTS’ RIGHTS", ["housing"]),  # case and a curly apostrophe
        ("lgbtq", ["lgbtiq-rights"]),  # an alias in lower case
        ("Migrant rights; Asylum seekers", ["immigration", "asylum"]),
        ("Migrant rights, Asylum seekers", ["immigration", "asylum"]),
        ("Migrant rights / Asylum seekers", ["immigration", "asylum"]),
        ("Migrant rights\nAsylum seekers", ["immigration", "asylum"]),
        ("Migrant rights;; ;Migrants", ["immigration"]),  # each term once
        ("Women's rights,Health care", ["womens-rights", "health"]),
    ],
)
def test_issue_areas_match_by_name_slug_or_alias_several_per_cell(cell, slugs):
    terms, unmatched = read_terms(cell, Vocabulary.load("issue_areas"))

    assert names(terms) == slugs
    assert unmatched == []


def test_accents_are_ignored_on_both_sides():
    vocabulary = Vocabulary.load("issue_areas")

    terms, _unmatched = read_terms("Éducation; Tránsitional justice", vocabulary)

    assert names(terms) == ["education", "transitional-justice"]


def test_values_that_match_nothing_are_returned_once_each_as_written():
    terms, unmatched = read_terms(
        "Housing; Tenant organizing; tenant  organizing, Zoning",
        Vocabulary.load("issue_areas"),
    )

    assert names(terms) == ["housing"]
    assert unmatched == ["Tenant organizing", "Zoning"]


def test_approaches_and_populations_match_by_their_aliases_too():
    approaches, _ = read_terms("Research, Litigation", Vocabulary.load("approaches"))
    populations, _ = read_terms("LGBTQ people; Workers", Vocabulary.load("populations"))

    assert names(approaches) == ["research-and-documentation", "litigation"]
    assert names(populations) == ["lgbtiq-people", "workers"]


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("TX", "US", "US-TX"),
        ("Texas", "US", "US-TX"),
        ("texas", "US", "US-TX"),
        ("US-TX", "US", "US-TX"),
        ("JAL", "MX", "MX-JAL"),
        ("Jalisco", "MX", "MX-JAL"),
        ("Nuevo León", "MX", "MX-NLE"),
        ("Nuevo Leon", "MX", "MX-NLE"),
        ("GE", "CH", "CH-GE"),
        ("Geneva", "CH", "CH-GE"),
        ("Genève", "CH", "CH-GE"),
        ("Georgia", "US", "US-GA"),
    ],
)
def test_states_and_regions_match_by_code_or_name_within_the_rows_country(
    text, country, code
):
    assert read_subdivision(text, country) == code


def test_a_state_of_another_country_is_not_matched():
    assert read_subdivision("Jalisco", "US") is None
    assert read_subdivision("TX", "MX") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("MX", "MX"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("United Mexican States", "MX"),
        ("CH", "CH"),
        ("Switzerland", "CH"),
        ("Suiza", "CH"),
        ("Swiss Confederation", "CH"),
    ],
)
def test_countries_match_by_code_or_any_of_their_names(text, code):
    assert read_country(text) == code


def test_a_country_nobody_has_is_not_guessed():
    assert read_country("Atlantis") is None
    assert read_country("") is None


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("scope", "National", "national"),
        ("scope", "national", "national"),
        ("scope", "Statewide", "state"),
        ("scope", "Global", "international"),
        ("membership_status", "Lapsed", "lapsed"),
        ("membership_status", "ACTIVE", "active"),
        ("visibility", "Public", "public"),
        ("visibility", "members only", "members"),
        ("visibility", "Members-only", "members"),
        (
            "visibility",
            "Members only: only signed-in network members see it",
            "members",
        ),
        ("visibility", "hidden", "hidden"),
        ("visibility", "Private", "hidden"),
    ],
)
def test_choices_match_by_value_label_or_common_words(field, text, value):
    assert read_choice(text, field) == value


def test_yes_no_years_and_dates():
    assert read_yes_no(None, "Yes") is True
    assert read_yes_no(None, "n") is False
    assert read_yes_no(True, "yes") is True
    assert read_year(2009.0, "2009") == 2009
    assert read_year(None, "1998") == 1998
    assert read_date(None, "2024-05-01") == datetime.date(2024, 5, 1)
    assert read_date(datetime.datetime(2024, 5, 1, 9, 30), "") == datetime.date(
        2024, 5, 1
    )
    with pytest.raises(CellError, match="yes or no"):
        read_yes_no(None, "maybe")
    with pytest.raises(CellError, match="four digits"):
        read_year(None, "c. 1990")
    with pytest.raises(CellError, match="YYYY-MM-DD"):
        read_date(None, "05/06/2024")
    with pytest.raises(CellError, match="YYYY-MM-DD"):
        read_date(None, "2024-02-30")


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "Bluesky: https://bsky.app/profile/a.org\nMastodon: https://x.social/@a",
            [
                ("Bluesky", "https://bsky.app/profile/a.org"),
                ("Mastodon", "https://x.social/@a"),
            ],
        ),
        (
            "Our channel - https://www.youtube.com/@a; https://www.instagram.com/a",
            [
                ("Our channel", "https://www.youtube.com/@a"),
                ("instagram.com", "https://www.instagram.com/a"),
            ],
        ),
        ("\r\n  https://a.org/x  \r\n", [("a.org", "https://a.org/x")]),
        # The same address twice is one link.
        ("A: https://a.org/x\nB: https://A.org/x/", [("A", "https://a.org/x")]),
    ],
)
def test_links_are_read_a_line_each_named_or_named_after_their_site(text, links):
    assert read_links(text) == links


@pytest.mark.parametrize(
    "text",
    [
        "Bluesky: bsky dot app",
        "Website: javascript:alert(1)",
        "Files: ftp://files.example.org",
        "Bluesky: https://bsky.app/a\nBroken: http://",
        f"{'Name ' * 20}: https://a.org",
    ],
)
def test_a_link_that_cannot_be_used_refuses_the_cell_naming_it(text):
    with pytest.raises(CellError, match="has a link that cannot be used") as error:
        read_links(text)
    assert text.splitlines()[-1].strip() in str(error.value)


def test_no_more_links_than_a_profile_holds():
    text = "\n".join(f"https://a.org/{number}" for number in range(9))
    with pytest.raises(CellError, match="lists 9 links; a profile holds up to 8"):
        read_links(text)
    assert len(read_links(text.rsplit("\n", 1)[0])) == 8


def test_cells_read_as_written_and_the_exports_apostrophe_is_taken_off():
    assert cell_text(2009.0) == "2009"
    assert cell_text("  Houston ") == "Houston"
    assert cell_text("'=Rights first") == "=Rights first"
    assert cell_text("'-40 members") == "-40 members"
    assert cell_text("'+1 555 0100") == "+1 555 0100"
    assert cell_text("'Twas") == "'Twas"


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('=HYPERLINK("http://evil.example")', "formula"),
        ("  =1+1", "formula"),
        ("<script>alert(1)</script>", "markup"),
        ("Rights <b>now</b>", "markup"),
        ("<img src=x onerror=alert(1)>", "markup"),
        ("Tom &amp; Jerry", "markup"),
    ],
)
def test_formulas_and_markup_are_refused(cell, message):
    with pytest.raises(CellError, match=message):
        check_cell(cell, cell_text(cell))


def test_plain_text_with_symbols_is_not_taken_for_markup():
    for text in ("A < B and C > D", "Rights <3", "+1 555 0100", "-", "50% & more"):
        check_cell(text, text)
    # The export's neutralized formula is text, not a formula.
    check_cell("'=Rights first", cell_text("'=Rights first"))
