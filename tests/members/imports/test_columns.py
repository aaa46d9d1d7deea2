"""Guessing which column holds which field from its heading, and checking a
mapping a coordinator edited."""

import pytest

from members.columns import ORGANIZATION_COLUMNS
from members.imports.columns import (
    HEADING_VARIANTS,
    MappingError,
    check_mapping,
    guess_columns,
)

# The ways people head columns, as a class: each spelling, with case, accents,
# punctuation and spacing changed, names its field.
SPELLINGS = [
    ("Organisation", "title"),
    ("Org name", "title"),
    ("Organization name", "title"),
    ("ORGANIZATION", "title"),
    ("Name *", "title"),
    ("Focus areas", "issue_areas"),
    ("Issues", "issue_areas"),
    ("issue_areas", "issue_areas"),
    ("Province/State", "subdivision"),
    ("State", "subdivision"),
    ("state / province", "subdivision"),
    ("Web site", "website"),
    ("URL", "website"),
    ("website:", "website"),
    ("E-mail", "public_email"),
    ("e mail", "public_email"),
    ("Country code", "country"),
    ("Country (ISO code)", "country"),
    ("País", "country"),
    ("Pais", "country"),
    ("Contact e-mail", "contact_email"),
    ("Year founded", "founded_year"),
    ("Member since", "member_since"),
    ("How we work", "approaches"),
    ("Who we serve", "populations"),
    ("Telephone", "contact_phone"),
    ("Visibility", "visibility"),
]


@pytest.mark.parametrize(("heading", "field"), SPELLINGS)
def test_each_way_people_head_a_column_names_its_field(heading, field):
    assert guess_columns(["Notes", heading]) == {1: field}


@pytest.mark.parametrize(
    ("field", "variant"),
    [
        (field, variant)
        for field, variants in HEADING_VARIANTS.items()
        for variant in variants
    ],
)
def test_every_listed_variant_is_recognized_in_any_case(field, variant):
    assert guess_columns([variant.upper()]) == {0: field}
    assert guess_columns([f"  {variant.lower()} "]) == {0: field}


def test_the_exports_own_headings_map_back_to_every_field_it_reads_in_order():
    headings = [str(column.heading) for column in ORGANIZATION_COLUMNS]

    mapping = guess_columns(headings)

    # The logo's column is written for people to read; an import takes no files.
    assert mapping == {
        i: column.field
        for i, column in enumerate(ORGANIZATION_COLUMNS)
        if column.field != "logo"
    }


def test_the_exports_contact_email_is_not_taken_for_the_public_email():
    mapping = guess_columns(["Name", "Email", "Contact email"])

    assert mapping == {0: "title", 1: "public_email", 2: "contact_email"}


def test_a_field_named_twice_is_filled_from_its_first_column_only():
    assert guess_columns(["Organisation", "Name", "City"]) == {0: "title", 2: "city"}


def test_headings_nobody_uses_for_a_profile_are_left_unmapped():
    assert guess_columns(["Dues paid", "Notes", "", "Board liaison"]) == {}


def test_an_edited_mapping_is_checked_and_read_with_integer_columns():
    headers = ["Org", "Town", "Notes"]

    assert check_mapping({"0": "title", "1": "city", "2": ""}, headers) == {
        0: "title",
        1: "city",
    }


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({1: "city"}, "names"),
        ({0: "title", 1: "title"}, "both fill"),
        ({0: "title", 1: "budget"}, "not a field"),
        ({0: "title", 7: "city"}, "no column 8"),
        ({"first": "title"}, "number"),
    ],
)
def test_a_mapping_that_cannot_be_used_says_why(mapping, message):
    with pytest.raises(MappingError, match=message):
        check_mapping(mapping, ["Org", "Town", "Notes"])
