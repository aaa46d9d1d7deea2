"""US states as newspapers and offices abbreviate them ("Calif.", "Tex.") are read
as the state they name, with or without the dots, in any case: in the forms, the
import and the directory's filter, which all match through
members.geography.match_subdivision."""

import pytest

from members.geography import US_STATE_ABBREVIATIONS, match_subdivision

ABBREVIATIONS = [
    (state, abbreviation)
    for state, abbreviations in US_STATE_ABBREVIATIONS.items()
    for abbreviation in abbreviations
]


@pytest.mark.parametrize(("state", "abbreviation"), ABBREVIATIONS)
def test_each_abbreviation_names_its_state_however_written(state, abbreviation):
    for written in (
        abbreviation,
        abbreviation.replace(".", ""),
        abbreviation.upper(),
        f" {abbreviation.lower()} ",
    ):
        assert match_subdivision(written, "US") == f"US-{state}", written


def test_no_abbreviation_is_another_states_code_or_name():
    for state, abbreviation in ABBREVIATIONS:
        assert match_subdivision(abbreviation.replace(".", ""), "US") == f"US-{state}"
    assert len({a.replace(".", "").lower() for _s, a in ABBREVIATIONS}) == len(
        ABBREVIATIONS
    )


def test_an_abbreviation_is_a_us_state_only():
    assert match_subdivision("Calif.", "MX") is None
