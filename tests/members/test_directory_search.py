"""Search that understands people, in the directory: the queries a new user typed
on the demo network and found nothing with (issue 13), each finding the
organizations it means, on SQLite and on PostgreSQL. None of these organizations
has the typed word in its own text: stemming, the vocabulary's aliases and, for a
typo, close matching or a "Did you mean" find them."""

import pytest
from django.db import connection

from members.models import IssueArea
from tests.factories import build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory):
    def org(title, summary, issue_areas, **fields):
        return build_organization(
            directory, title=title, summary=summary, issue_areas=issue_areas, **fields
        )

    org(
        "Border Welcome Network",
        "Legal clinics for immigration cases.",
        ["immigration"],
    )
    org("Harbor Circle", "Support for each resettled refugee family.", ["asylum"])
    org("Sisters Forward", "Equal pay campaigns.", ["womens-rights"])
    org("Rainbow Legal Alliance", "Name-change clinics.", ["lgbtiq-rights"])
    org("Tenant Table", "Eviction defense.", ["housing"])
    org(
        "Nightjar Shelter",
        "Immigration casework for people at risk.",
        ["immigration"],
        visibility="hidden",
    )


def found(client, q, **params):
    response = client.get("/members/", {"q": q, **params})
    assert response.status_code == 200
    results = response.context["results"]
    return sorted(org.title for org in results.page.object_list), results


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # Stemming: the word's other forms.
        ("immigrants", ["Border Welcome Network"]),
        ("refugees", ["Border Welcome Network", "Harbor Circle"]),
        ("migrants", ["Border Welcome Network"]),
        ("womens rights", ["Sisters Forward"]),
        ("Women’s rights", ["Sisters Forward"]),
        # Aliases: the issue area "LGBTIQ+ rights" is also "LGBTQ", "LGBT rights".
        ("LGBTQ", ["Rainbow Legal Alliance"]),
        ("LGBT rights", ["Rainbow Legal Alliance"]),
        ("migrant rights", ["Border Welcome Network"]),
        # Accents never matter.
        ("inmigración", []),
        ("immigratión", ["Border Welcome Network"]),
    ],
)
def test_the_queries_people_type_find_the_organizations_they_mean(
    client, network, q, expected
):
    names, _ = found(client, q)

    assert names == expected


def test_aliases_reach_approaches_and_populations_too(client, directory):
    build_organization(
        directory,
        title="Courtside Collective",
        approaches=["litigation"],
        populations=["older-people"],
    )

    assert found(client, "lawsuits")[0] == ["Courtside Collective"]
    assert found(client, "seniors")[0] == ["Courtside Collective"]


def test_a_typo_is_answered_with_the_word_it_was_meant_to_be(client, network):
    names, results = found(client, "imigration")

    corrected = results.did_you_mean
    assert corrected.q == "immigration"
    followed, _ = found(client, corrected.q)
    assert followed == ["Border Welcome Network"]
    html = client.get("/members/", {"q": "imigration"}).content.decode()
    assert "Did you mean" in html
    assert "?q=immigration" in html
    if connection.vendor == "postgresql":
        # Close matching (pg_trgm) finds them at once, and says it did.
        assert names == ["Border Welcome Network"]
        assert "Nothing matched “imigration” exactly" in html
    else:
        assert names == []


def test_a_correction_never_names_what_the_viewer_may_not_see(client, network):
    _, results = found(client, "nightjr")

    # Only "Nightjar Shelter", hidden, spells it: no suggestion, for a visitor.
    assert results.did_you_mean is None


def test_no_correction_is_offered_when_the_words_found_something(client, network):
    _, results = found(client, "immigration")

    assert results.did_you_mean is None


def test_a_new_alias_finds_what_is_already_tagged(
    client, network, django_capture_on_commit_callbacks
):
    # Nothing matches exactly (PostgreSQL may still offer close matches).
    assert found(client, "newcomers")[1].matched_loosely or not (
        found(client, "newcomers")[1].total
    )
    area = IssueArea.objects.get(slug="asylum")
    area.aliases += "\nNewcomers"
    with django_capture_on_commit_callbacks(execute=True):
        area.save()

    names, results = found(client, "newcomers")
    assert names == ["Harbor Circle"]
    assert not results.matched_loosely


def test_searching_costs_the_same_queries_found_or_not_at_any_size(
    client, directory, django_assert_max_num_queries
):
    def measure():
        counts = {}
        for q in ["immigrants", "imigration", "immigrants texas"]:
            with django_assert_max_num_queries(15) as captured:
                assert client.get("/members/", {"q": q}).status_code == 200
            counts[q] = len(captured)
        return counts

    def grow(size):
        for number in range(size):
            build_organization(
                directory, title=f"Org {number}", issue_areas=["immigration"]
            )

    grow(4)
    client.get("/members/")  # the first request also fills the site's caches
    small = measure()
    grow(36)

    assert measure() == small
