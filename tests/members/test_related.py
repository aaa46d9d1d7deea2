"""Related organizations: ranked in one query by shared issue areas weighted by
rarity, then same state, on a small network where the right answer is known."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members.models import IssueArea
from members.related import related_organizations
from members.viewer import ANONYMOUS, Viewer
from tests.factories import CoordinatorFactory, build_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(directory):
    """Subject works on torture (rare), housing (common) and detention, in New Mexico.

    housing: Subject, Bravo, Charlie, Dana, Echo (hidden)  -> 1/4 (1/5 with Echo)
    detention: Subject, Dana                               -> weight 1/2
    torture: Subject, Alpha                                -> weight 1/2
    """
    org = build_organization(
        directory,
        title="Subject Org",
        issue_areas=["torture", "housing", "detention"],
        region="New Mexico",
    )
    build_organization(
        directory,
        title="Alpha",
        issue_areas=["torture", "voting-rights"],
        region="Texas",
    )
    build_organization(
        directory, title="Bravo", issue_areas=["housing"], region="New Mexico"
    )
    build_organization(
        directory, title="Charlie", issue_areas=["housing"], region="Texas"
    )
    build_organization(
        directory, title="Dana", issue_areas=["housing", "detention"], region="Utah"
    )
    build_organization(
        directory,
        title="Echo",
        issue_areas=["housing"],
        region="New Mexico",
        visibility="hidden",
    )
    build_organization(
        directory, title="Foxtrot", issue_areas=["labor"], region="New Mexico"
    )
    return org


def ranked(subject, user):
    areas = list(subject.issue_areas.all())
    return related_organizations(subject, Viewer.for_user(user), areas)


def test_rare_shared_issue_areas_outrank_common_ones_then_same_state_wins_ties(
    subject,
):
    related = ranked(subject, AnonymousUser())

    # Dana: 1/4 + 1/2; Alpha: 1/2; Bravo and Charlie: 1/4 each, Bravo nearby.
    assert [r.organization.title for r in related] == [
        "Dana",
        "Alpha",
        "Bravo",
        "Charlie",
    ]
    assert [r.organization.rarity_score for r in related] == [0.75, 0.5, 0.25, 0.25]


def test_the_reason_names_the_shared_issue_areas_and_the_shared_state(subject):
    reasons = {r.organization.title: str(r.reason) for r in ranked(subject, None)}

    assert reasons["Dana"] == "Also works on Detention, Housing and homelessness"
    assert reasons["Alpha"] == "Also works on Torture and ill-treatment"
    assert reasons["Bravo"] == (
        "Also works on Housing and homelessness; also in New Mexico"
    )


def test_organizations_the_viewer_may_not_see_are_neither_ranked_nor_weighed(subject):
    coordinator = CoordinatorFactory()

    related = ranked(subject, coordinator)

    titles = [r.organization.title for r in related]
    # Echo is visible to a coordinator, so housing is commoner (1/5).
    assert titles == ["Dana", "Alpha", "Bravo", "Echo", "Charlie"]
    assert related[0].organization.rarity_score == 0.7


def test_at_most_six_related_organizations_are_shown(directory):
    subject = build_organization(directory, title="Hub", issue_areas=["housing"])
    for number in range(9):
        build_organization(directory, title=f"Peer {number}", issue_areas=["housing"])

    assert len(ranked(subject, None)) == 6


def test_an_organization_without_issue_areas_has_no_related_organizations(directory):
    lonely = build_organization(directory, title="Lonely")
    assert related_organizations(lonely, ANONYMOUS, []) == []


def test_ranking_takes_two_queries_the_weights_and_the_ranking(
    subject, django_assert_num_queries
):
    areas = list(subject.issue_areas.all())
    with django_assert_num_queries(2):
        related_organizations(subject, ANONYMOUS, areas)


def test_the_profile_shows_related_organizations_with_their_reason(client, subject):
    html = client.get(subject.url).content.decode()

    assert "Related organizations" in html
    assert "Also works on Detention, Housing and homelessness" in html
    assert 'href="/members/dana/"' in html
    assert "Echo" not in html
    assert IssueArea.objects.get(slug="torture").name in html
