"""Aliases: every vocabulary term (issue areas, approaches, populations served) has
other names people use for it, curated by coordinators in the admin. A name or an
alias belongs to one term of its vocabulary; `named` finds a term by any of them
(search, imports and members' suggestions use it); the starting vocabulary ships
with aliases."""

import pytest
from django.core.exceptions import ValidationError

from members.actions.suggestions import check_suggestion_is_new, do_suggest_issue_area
from members.models import Approach, IssueArea, IssueAreaSuggestion, Population
from members.vocabulary import (
    APPROACH_ALIASES,
    ISSUE_AREA_ALIASES,
    POPULATION_ALIASES,
)
from tests.factories import MembershipApplicationFactory

pytestmark = pytest.mark.django_db

VOCABULARIES = [
    (IssueArea, ISSUE_AREA_ALIASES),
    (Approach, APPROACH_ALIASES),
    (Population, POPULATION_ALIASES),
]


def lgbtiq():
    return IssueArea.objects.get(slug="lgbtiq-rights")


# --- the starting vocabulary -------------------------------------------------------


@pytest.mark.parametrize(("model", "aliases"), VOCABULARIES)
def test_the_starting_vocabulary_ships_its_aliases_and_they_hold(model, aliases):
    for term in model.objects.all():
        assert term.alias_list == aliases[term.slug], term
        # Each term passes the admin's own checks: no name claimed twice.
        term.full_clean()


@pytest.mark.parametrize(
    ("model", "typed", "slug"),
    [
        (IssueArea, "LGBTQ", "lgbtiq-rights"),
        (IssueArea, "lgbt RIGHTS", "lgbtiq-rights"),
        (IssueArea, "LGBTIQ+ rights", "lgbtiq-rights"),
        (IssueArea, "  Migrant   rights ", "immigration"),
        (IssueArea, "refugees", "immigration"),
        (IssueArea, "Womens rights", "womens-rights"),
        (IssueArea, "Prisoners’ rights", "prison-conditions"),
        (IssueArea, "Labour rights", "labor"),
        (Approach, "strategic litigation", "litigation"),
        (Population, "Seniors", "older-people"),
        (Population, "LGBTQ", "lgbtiq-people"),
    ],
)
def test_a_term_is_found_by_its_name_or_any_alias_however_written(model, typed, slug):
    assert model.objects.named(typed).slug == slug


@pytest.mark.parametrize(
    "typed", ["", "   ", "!!", "LGBTQIA2S+ rights", "Water rights"]
)
def test_words_no_term_goes_by_name_nothing(typed):
    assert IssueArea.objects.named(typed) is None


def test_finding_a_term_takes_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        IssueArea.objects.named("LGBTQ")


# --- coordinators curate them ---------------------------------------------------------


def test_aliases_are_tidied_one_per_line():
    area = lgbtiq()
    area.aliases = "  LGBTQ  \n\nlgbtq\n Queer   rights\nLGBTIQ+ rights\n"
    area.full_clean()

    # Repeats, blank lines and the term's own name are dropped; spaces collapsed.
    assert area.alias_list == ["LGBTQ", "Queer rights"]


@pytest.mark.parametrize(
    ("model", "slug", "alias", "owner"),
    [
        (IssueArea, "womens-rights", "LGBTQ", "LGBTIQ+ rights"),
        (IssueArea, "womens-rights", "lgbt-rights", "LGBTIQ+ rights"),
        (IssueArea, "asylum", "Immigration and migrant rights", "Immigration"),
        (IssueArea, "asylum", "Migrants", "Immigration"),
        (Approach, "lobbying", "Advocacy", "Policy advocacy"),
        (Population, "workers", "Refugees", "Immigrants and refugees"),
    ],
)
def test_an_alias_another_term_goes_by_is_refused_naming_that_term(
    model, slug, alias, owner
):
    term = model.objects.get(slug=slug)
    term.aliases += f"\n{alias}"

    with pytest.raises(ValidationError) as refused:
        term.full_clean()

    message = " ".join(refused.value.message_dict["aliases"])
    assert f"“{alias}” already names “{owner}" in message
    assert "each name belongs to one term" in message


def test_a_name_another_term_goes_by_is_refused_on_the_name():
    area = IssueArea(name="LGBT", slug="lgbt-again")

    with pytest.raises(ValidationError) as refused:
        area.full_clean()

    assert (
        "“LGBTIQ+ rights” already has this as its name or an alias"
        in (refused.value.message_dict["name"][0])
    )


def test_the_same_alias_may_name_terms_of_different_vocabularies():
    # "LGBTQ" is an issue area's alias and a population's.
    IssueArea.objects.get(slug="lgbtiq-rights").full_clean()
    Population.objects.get(slug="lgbtiq-people").full_clean()


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("Trans\u202erights", "contains invisible characters"),
        ("x" * 81, "Keep each alias to 80 characters"),
        ("\n".join(f"Name {n}" for n in range(31)), "Give at most 30 aliases"),
    ],
)
def test_aliases_that_would_misread_or_overflow_are_refused(aliases, message):
    area = lgbtiq()
    area.aliases = aliases

    with pytest.raises(ValidationError) as refused:
        area.full_clean()

    assert message in " ".join(refused.value.message_dict["aliases"])


def test_a_coordinator_is_told_in_the_admin_which_term_has_the_alias(
    coordinator_client,
):
    area = IssueArea.objects.get(slug="womens-rights")
    response = coordinator_client.post(
        f"/admin/snippets/members/issuearea/edit/{area.pk}/",
        {
            "name": area.name,
            "slug": area.slug,
            "aliases": "Gender equality\nLGBTQ",
            "description": area.description,
            "rights_category": area.rights_category,
        },
    )

    assert response.status_code == 200
    assert "“LGBTQ” already names “LGBTIQ+ rights”" in response.content.decode()
    area.refresh_from_db()
    assert "LGBTQ" not in area.alias_list


def test_a_coordinator_adds_an_alias_in_the_admin(coordinator_client):
    area = IssueArea.objects.get(slug="womens-rights")
    response = coordinator_client.post(
        f"/admin/snippets/members/issuearea/edit/{area.pk}/",
        {
            "name": area.name,
            "slug": area.slug,
            "aliases": area.aliases + "\nGirls' rights",
            "description": area.description,
            "rights_category": area.rights_category,
        },
    )

    assert response.status_code == 302
    assert IssueArea.objects.named("girls rights") == area


# --- members' suggestions point at the term -----------------------------------------


@pytest.mark.parametrize("typed", ["LGBTQ", "lgbt rights", "Gay rights"])
def test_a_member_suggesting_an_alias_is_pointed_to_its_term(typed):
    with pytest.raises(ValidationError) as refused:
        check_suggestion_is_new(typed)

    assert refused.value.code == "alias"
    assert "another name for “LGBTIQ+ rights”" in refused.value.messages[0]
    assert "tick it above" in refused.value.messages[0]


def test_the_application_form_points_an_alias_to_its_term(client):
    housing = IssueArea.objects.get(slug="housing")
    response = client.post(
        "/join/",
        {
            "organization_name": "Harbor Water Watch",
            "summary": "Residents testing the water they drink.",
            "issue_areas": [str(housing.pk)],
            "city": "Toledo",
            "country": "US",
            "scope": "local",
            "contact_name": "Ada Lind",
            "contact_email": "ada@harbor.example.org",
            "visibility": "public",
            "agrees_to_principles": "on",
            "suggested_issue_area": "Migrant rights",
        },
    )

    assert response.status_code == 400
    assert (
        "“Migrant rights” is another name for “Immigration and migrant rights”"
        in response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert not IssueAreaSuggestion.objects.exists()


def test_a_suggestion_naming_a_term_points_at_it_in_the_queue(coordinator_client):
    application = MembershipApplicationFactory()
    # Made by a door that does not check first (an import, an alias added since).
    suggestion = do_suggest_issue_area("Trans rights", application=application)

    assert suggestion.issue_area == lgbtiq()
    assert suggestion.is_pending
    page = coordinator_client.get(
        f"/admin/issue-area-suggestions/edit/{suggestion.pk}/"
    ).content.decode()
    assert "This is a name of “LGBTIQ+ rights”" in page
    form = coordinator_client.get(
        f"/admin/issue-area-suggestions/edit/{suggestion.pk}/"
    ).context["form"]
    assert form["decision"].initial == "match"
    assert form["matching_area"].initial == lgbtiq().pk


def test_a_suggestion_naming_nothing_on_the_list_points_nowhere():
    application = MembershipApplicationFactory()

    suggestion = do_suggest_issue_area("Water rights", application=application)

    assert suggestion.issue_area is None
