"""The faceted-search engine (home.facets) on its own: facets declared here over
organizations, not the directory's, so what is tested is the engine's rules:
disjunctive counts in one query, single and multiple values, values it refuses,
the text search as a subquery, and the one sanitizer for what people type."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.db.models import QuerySet
from django.http import QueryDict

from home.facets import (
    MAX_QUERY_LENGTH,
    MAX_VALUE_LENGTH,
    MAX_VALUES,
    Choice,
    ChoiceFacet,
    FacetedSearch,
    FlagFacet,
    RelatedFacet,
    TextSearch,
    TypedText,
    YearFacet,
    search_words,
)
from members.models import MemberOrganizationPage, OrganizationIssueArea, Scope
from tests.factories import build_organization

pytestmark = pytest.mark.django_db


def facets():
    return (
        RelatedFacet(
            "issue",
            "Issue area",
            through=OrganizationIssueArea,
            owner="content_object",
            value="tag__slug",
            match_param="match",
        ),
        ChoiceFacet("state", "State", field="region"),
        ChoiceFacet(
            "reach",
            "Reach",
            field="scope",
            multiple=False,
            choices=[
                Choice("local", "Local"),
                Choice("state", "Statewide"),
                Choice("national", "National"),
            ],
        ),
        FlagFacet(
            "founding", "Membership", field="founding_member", option_label="Founding"
        ),
        YearFacet(
            "joined",
            "Joined",
            field="member_since",
            multiple=False,
            keep_selected=False,
        ),
    )


def search(query=""):
    return FacetedSearch(
        MemberOrganizationPage.objects.live(),
        facets(),
        QueryDict(query),
        text_search=TextSearch(MemberOrganizationPage.objects.all()),
    )


def counts(results, name):
    facet = next(facet for facet in results.facets if facet.name == name)
    return {option.value: option.count for option in facet.options}


def titles(results):
    return sorted(org.title for org in results.page.object_list)


@pytest.fixture
def network(directory):
    """Five organizations whose facets are known."""

    def org(title, summary, issues, region, scope, founding, joined):
        return build_organization(
            directory,
            title=title,
            summary=summary,
            issue_areas=issues,
            region=region,
            scope=scope,
            founding_member=founding,
            member_since=datetime.date(joined, 6, 1) if joined else None,
        )

    org("Alpha", "Tenant organizing.", ["housing", "labor"], "Texas", "local", 1, 2012)
    org("Bravo", "A tenant hotline.", ["housing"], "Texas", "state", 0, 2020)
    org("Charlie", "Wage theft clinics.", ["labor"], "New Mexico", "local", 1, 2020)
    org("Delta", "Detention visits.", ["detention"], "New Mexico", "national", 0, None)
    org("Echo", "A tenant legal clinic.", ["housing"], "Ohio", "local", 0, 2012)


# --- Disjunctive counts ---------------------------------------------------------------


def test_each_facet_counts_as_if_its_own_choice_were_not_made(network):
    results = search("state=Texas&reach=local")

    assert titles(results) == ["Alpha"]
    assert results.total == 1
    # Every state, among the local organizations: what choosing another would give.
    assert counts(results, "state") == {"New Mexico": 1, "Ohio": 1, "Texas": 1}
    # Every reach, among the Texan organizations.
    assert counts(results, "reach") == {"local": 1, "state": 1}
    # Facets with no choice made count within the results.
    assert counts(results, "issue") == {"housing": 1, "labor": 1}
    assert counts(results, "founding") == {"1": 1}
    assert counts(results, "joined") == {"2012": 1}


def test_with_nothing_chosen_every_facet_counts_everything(network):
    results = search()

    assert results.total == 5
    assert counts(results, "issue") == {"detention": 1, "housing": 3, "labor": 2}
    assert counts(results, "state") == {"New Mexico": 2, "Ohio": 1, "Texas": 2}
    assert counts(results, "reach") == {"local": 3, "national": 1, "state": 1}
    assert counts(results, "founding") == {"1": 2}
    # Delta joined on no known date: it is counted nowhere in this facet.
    assert counts(results, "joined") == {"2020": 2, "2012": 2}


def test_every_count_and_the_total_arrive_in_one_query(
    network, django_assert_num_queries
):
    results = search("q=tenant&issue=housing&state=Texas&state=Ohio&founding=1")

    with django_assert_num_queries(1):
        assert results.total == 1
        assert [facet.name for facet in results.facets] == [
            "issue",
            "state",
            "reach",
            "founding",
            "joined",
        ]
        assert results.selected_filters


def test_a_facet_matching_all_its_values_counts_within_the_results(network):
    any_of = search("issue=housing&issue=labor")
    all_of = search("issue=housing&issue=labor&match=all")

    assert titles(any_of) == ["Alpha", "Bravo", "Charlie", "Echo"]
    assert counts(any_of, "issue") == {"detention": 1, "housing": 3, "labor": 2}
    assert titles(all_of) == ["Alpha"]
    assert counts(all_of, "issue") == {"housing": 1, "labor": 1}
    assert all_of.search.params() == "issue=housing&issue=labor&match=all"
    assert any_of.search.params() == "issue=housing&issue=labor"


# --- Single and multiple values -------------------------------------------------------


def test_a_multiple_value_facet_keeps_every_distinct_value_in_order(network):
    results = search("state=Ohio&state=Texas&state=Ohio&state=")

    assert results.search.values("state") == ["Ohio", "Texas"]
    assert titles(results) == ["Alpha", "Bravo", "Echo"]
    assert results.search.params() == "state=Ohio&state=Texas"


def test_a_single_value_facet_takes_the_last_value_given(network):
    results = search("reach=local&reach=national")

    assert results.search.values("reach") == ["national"]
    assert titles(results) == ["Delta"]


def test_a_flag_is_on_for_the_usual_spellings_of_yes_only(network):
    for yes in ("1", "on", "true", "yes"):
        assert search(f"founding={yes}").search.values("founding") == ["1"]
    for other in ("0", "no", "2", "", "maybe", "ON"):
        assert search(f"founding={other}").search.values("founding") == [], other


def test_removing_a_value_keeps_the_rest_of_the_search(network):
    results = search("q=tenant&state=Texas&state=Ohio&founding=1")
    state = next(facet for facet in results.facets if facet.name == "state")
    texas = next(option for option in state.options if option.value == "Texas")

    assert texas.selected
    assert texas.remove_params == "q=tenant&state=Ohio&founding=1"
    assert results.search.params(without=("state", None)) == "q=tenant&founding=1"
    assert results.search.params(page=3) == (
        "q=tenant&state=Texas&state=Ohio&founding=1&page=3"
    )


def test_options_follow_their_choices_or_else_their_labels(network):
    results = search()
    by_name = {facet.name: facet for facet in results.facets}

    def values(name):
        return [option.value for option in by_name[name].options]

    assert values("reach") == ["local", "state", "national"]
    assert values("state") == ["New Mexico", "Ohio", "Texas"]
    # A year facet lists the newest first.
    assert values("joined") == ["2020", "2012"]


def test_a_facet_from_django_choices_offers_its_members_in_order_on_its_own_column(
    network,
):
    facet = ChoiceFacet.from_choices("scope", "Reach", Scope)
    renamed = ChoiceFacet.from_choices("reach", "Reach", Scope, field="scope")
    results = FacetedSearch(
        MemberOrganizationPage.objects.live(), (facet,), QueryDict("scope=local")
    )

    assert [(c.value, c.label) for c in facet.choices] == Scope.choices
    assert (facet.field, renamed.field) == ("scope", "scope")
    assert titles(results) == ["Alpha", "Charlie", "Echo"]
    # Members with results, in the order Scope declares them.
    assert [option.value for option in results.facets[0].options] == [
        "local",
        "state",
        "national",
    ]


def test_a_chosen_value_without_results_stays_listed_unless_the_facet_says_not(
    network,
):
    results = search("state=Nowhere&joined=1999")
    by_name = {facet.name: facet for facet in results.facets}

    assert results.total == 0
    nowhere = next(o for o in by_name["state"].options if o.value == "Nowhere")
    assert (nowhere.count, nowhere.selected) == (0, True)
    # keep_selected=False (a select): not offered, yet shown as chosen and removable.
    assert "1999" not in [option.value for option in by_name["joined"].options]
    [chosen] = by_name["joined"].selected
    assert (chosen.value, chosen.label, chosen.remove_params) == (
        "1999",
        "1999",
        "state=Nowhere",
    )


# --- Values the engine refuses --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("reach=galactic", "reach"),
        ("reach=LOCAL", "reach"),
        ("joined=abcd", "joined"),
        ("joined=99999", "joined"),
        ("joined=999", "joined"),
        ("joined=-2012", "joined"),
        ("joined=2012.0", "joined"),
        ("joined=%C2%B2%E2%81%B0%C2%B9%C2%B2", "joined"),  # ²⁰¹² (not ASCII digits)
        ("joined=99999999999999999999", "joined"),
        ("state=%00", "state"),
        ("state=%20%20", "state"),
        ("state=%01%1F%7F", "state"),
        ("issue=", "issue"),
    ],
)
def test_values_a_facet_cannot_take_are_ignored_not_errors(network, query, param):
    results = search(query)

    assert results.search.values(param) == []
    assert results.total == 5
    assert len(results.page.object_list) == 5


def test_control_characters_are_taken_out_of_values_before_they_are_checked(network):
    results = search("reach=lo%00cal&state=Tex%1Fas")

    assert results.search.values("reach") == ["local"]
    assert results.search.values("state") == ["Texas"]
    assert titles(results) == ["Alpha"]


def test_facet_values_are_bounded_in_number_and_length(network):
    many = "&".join(f"state=s{number}" for number in range(500))
    results = search(f"{many}&issue={'h' * 5000}")

    assert len(results.search.values("state")) == MAX_VALUES
    assert results.search.values("issue") == ["h" * MAX_VALUE_LENGTH]
    assert results.total == 0


# --- The text search, always a subquery -----------------------------------------------


def test_the_text_search_composes_with_facets_and_counts(network):
    results = search("q=tenant&state=Texas")

    assert titles(results) == ["Alpha", "Bravo"]
    # Counts are within the words, and disjunctive as ever.
    assert counts(results, "state") == {"Ohio": 1, "Texas": 2}
    assert counts(results, "issue") == {"housing": 2, "labor": 1}


def test_the_text_search_is_a_subquery_never_a_list_of_ids(
    network, django_assert_num_queries
):
    results = search("q=tenant&issue=housing")

    assert isinstance(results.matching_ids, QuerySet)
    # Words, facets and every count in one query: fetching the ids first would
    # have taken two.
    with django_assert_num_queries(1):
        assert results.total == 3
    ranked = results.text_search.matching(
        results.search.typed.words, order_by_relevance=True
    ).filter(pk__in=results.narrowed().values("pk"))
    with django_assert_num_queries(1):
        assert sorted(org.title for org in ranked) == ["Alpha", "Bravo", "Echo"]


def test_nothing_searchable_typed_finds_nothing_without_asking_the_backend(
    network, django_assert_num_queries
):
    results = search("q=%22*%22+%28%29&state=Texas")

    assert results.search.q == '"*" ()'
    with django_assert_num_queries(0):
        assert results.total == 0
        # The chosen state is still listed, to be unticked.
        assert counts(results, "state") == {"Texas": 0}


# --- The one sanitizer ----------------------------------------------------------------

HOSTILE = [
    "\x00",
    "tenant\x00",
    "\x00tenant",
    '"',
    '"tenant',
    'tenant"',
    '"tenant organizing',
    "'",
    "tenant's",
    "AND",
    "tenant AND",
    "OR NOT tenant",
    "NEAR(tenant",
    "tenant*",
    "^tenant",
    "-tenant",
    "tenant:organizing",
    "(tenant",
    "tenant)",
    "{tenant}",
    "[tenant]",
    "tenant~2",
    "tenant + organizing",
    "tenant | organizing",
    "tenant & organizing",
    "!tenant",
    "@@ tenant",
    "'; DROP TABLE wagtailcore_page; --",
    "%",
    "_",
    "\\",
    "tenant" * 2000,
    "tenant " * 2000,
    " ",
    "    ",
    "\t\n\r",
    "\u3000",
    "\u00a0",
    "\x01\x02\x1b[31m",
    "\x7f",
    "tenant\x1forganizing",
    "😀",
    "<script>alert(1)</script>",
]
WORDS = re.compile(r"[^\W_]+( [^\W_]+)*")


@pytest.mark.parametrize("text", HOSTILE)
def test_search_words_are_letters_and_digits_only_in_lower_case(text):
    words = search_words(text)

    assert words == "" or WORDS.fullmatch(words), words
    assert words == words.lower()


@pytest.mark.parametrize("text", HOSTILE)
def test_any_typed_text_reaches_the_search_backend_safely(network, text):
    results = search(f"q={quote(text)}")

    # Evaluated: the backend compiled and ran whatever the words became.
    assert results.total == len(results.page.object_list)
    assert len(results.search.q) <= MAX_QUERY_LENGTH
    assert "\x00" not in results.search.q


@pytest.mark.parametrize(
    "text", ['"tenant', "tenant\x00", "TENANT", "tenant!", "(tenant)", "-tenant-"]
)
def test_words_survive_the_punctuation_around_them(network, text):
    results = search(f"q={quote(text)}")

    assert titles(results) == ["Alpha", "Bravo", "Echo"]


@pytest.mark.parametrize(
    ("raw", "shown", "shortened"),
    [
        ("  tenant \t\n organizing  ", "tenant organizing", False),
        ("ten\x00ant", "tenant", False),
        ("\x01\x1f\x7f", "", False),
        ("     ", "", False),
        ("x" * MAX_QUERY_LENGTH, "x" * MAX_QUERY_LENGTH, False),
        ("x" * (MAX_QUERY_LENGTH + 1), "x" * MAX_QUERY_LENGTH, True),
        ("tenant " * 2000, ("tenant " * 2000)[:MAX_QUERY_LENGTH], True),
        (None, "", False),
    ],
)
def test_typed_text_is_shown_back_cleaned_and_bounded(raw, shown, shortened):
    typed = TypedText.read(raw)

    assert (typed.text, typed.shortened) == (shown, shortened)


# --- Folding long facets --------------------------------------------------------------


def places(shown, chosen=""):
    """A places facet over organizations in five states (Texas 3, Ohio 2, one each
    in Alaska, Maine and Utah), showing `shown` values."""
    return FacetedSearch(
        MemberOrganizationPage.objects.live(),
        [ChoiceFacet("state", "State", field="region", shown=shown)],
        QueryDict(chosen),
    ).facets[0]


@pytest.fixture
def five_states(directory):
    for region, many in [("Texas", 3), ("Ohio", 2), ("Alaska", 1), ("Maine", 1)]:
        for number in range(many):
            build_organization(directory, title=f"{region} {number}", region=region)
    build_organization(directory, title="Utah 0", region="Utah")


def test_a_long_facet_shows_its_most_used_values_and_folds_the_rest(five_states):
    facet = places(shown=2)

    # Each part keeps the facet's own order (here by name).
    assert [option.value for option in facet.shown] == ["Ohio", "Texas"]
    assert [option.value for option in facet.folded] == ["Alaska", "Maine", "Utah"]
    assert not facet.folded_has_selection


def test_a_chosen_folded_value_opens_its_fold(five_states):
    facet = places(shown=2, chosen="state=Maine")

    assert [option.value for option in facet.folded] == ["Alaska", "Maine", "Utah"]
    assert facet.folded_has_selection


@pytest.mark.parametrize(("shown", "folds"), [(1, True), (2, True), (3, False)])
def test_a_facet_folds_only_when_that_hides_three_values_or_more(
    five_states, shown, folds
):
    facet = places(shown=shown)

    assert bool(facet.folded) is folds
    assert len(facet.shown) + len(facet.folded) == 5


def test_a_facet_without_a_limit_never_folds(five_states):
    facet = places(shown=None)

    assert [option.value for option in facet.shown] == [
        "Alaska",
        "Maine",
        "Ohio",
        "Texas",
        "Utah",
    ]
    assert facet.folded == []
