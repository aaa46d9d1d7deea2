"""The one shared issue-area taxonomy: seeded, curated by coordinators, tagging
organizations through its own through-model."""

import pytest

from members.models import (
    Approach,
    IssueArea,
    MemberOrganizationPage,
    OrganizationIssueArea,
    Population,
    RightsCategory,
)
from tests.factories import CoordinatorFactory, UserFactory, build_organization

pytestmark = pytest.mark.django_db


def test_about_thirty_issue_areas_are_seeded_each_described_and_categorised():
    areas = list(IssueArea.objects.all())

    assert 28 <= len(areas) <= 40
    assert all(area.description for area in areas)
    assert {area.rights_category for area in areas} == set(RightsCategory.values)
    for slug in ["criminal-justice", "death-penalty", "immigration", "torture"]:
        assert IssueArea.objects.filter(slug=slug).exists()
    assert Approach.objects.count() == 10
    assert Population.objects.count() >= 10


def test_members_cannot_invent_issue_areas_by_typing():
    assert IssueArea.free_tagging is False


def test_organizations_tag_through_their_own_model_not_taggits_global_pool(directory):
    org = build_organization(
        directory, title="Tagged", issue_areas=["housing", "labor"]
    )

    assert OrganizationIssueArea.objects.filter(content_object=org).count() == 2
    assert sorted(org.issue_areas.values_list("slug", flat=True)) == [
        "housing",
        "labor",
    ]
    housing = IssueArea.objects.get(slug="housing")
    assert list(MemberOrganizationPage.objects.in_issue_areas([housing])) == [org]
    assert housing.get_absolute_url() == "/issues/housing/"


def test_coordinators_curate_the_vocabulary_as_snippets(client):
    client.force_login(CoordinatorFactory(is_superuser=True, is_staff=True))

    for model in ("issuearea", "approach", "population"):
        response = client.get(f"/admin/snippets/members/{model}/")
        assert response.status_code == 200, model
    response = client.get("/admin/snippets/members/issuearea/?q=torture")
    assert "Torture and ill-treatment" in response.content.decode()


def test_people_who_are_not_staff_cannot_reach_the_vocabulary_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/snippets/members/issuearea/")
    assert response.status_code in (302, 403)
