"""Related rights: issue areas are related when many publicly listed organizations
work on both (Jaccard over organizations) or a coordinator links them; hubs list
them, and a board thread lists the organizations on its issue areas and, below, on
related ones. Hidden organizations are never counted for those who may not see
them, and never listed there for anyone; the pages take the same queries at any
size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import IssueArea
from members.related_rights import (
    MIN_JACCARD,
    organizations_on_issue_areas,
    related_issue_areas,
)
from members.viewer import ANONYMOUS, Viewer
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    board_member,
    build_organization,
)

pytestmark = pytest.mark.django_db


def area(slug):
    return IssueArea.objects.get(slug=slug)


def names(related):
    return [item.area.slug for item in related]


@pytest.fixture
def network(directory):
    """housing: 8 public organizations; 5 of them also on poverty (Jaccard 5/8),
    1 also on health (with 3 more on health alone), 2 also on immigration (with
    10 more on immigration alone: 2/18, over the threshold). Without the starting
    vocabulary's links, to see what co-occurrence does alone."""
    IssueArea.related_areas.through.objects.all().delete()
    for number in range(5):
        build_organization(
            directory, title=f"Tenants {number}", issue_areas=["housing", "poverty"]
        )
    build_organization(directory, title="Clinic", issue_areas=["housing", "health"])
    for number in range(3):
        build_organization(directory, title=f"Health {number}", issue_areas=["health"])
    for number in range(12):
        build_organization(
            directory,
            title=f"Migrants {number}",
            issue_areas=["immigration", "housing"] if number < 2 else ["immigration"],
        )
    return directory


def test_the_starting_vocabulary_links_related_rights_both_ways():
    assert "asylum" in names(related_issue_areas([area("immigration")]))
    assert "immigration" in names(related_issue_areas([area("asylum")]))
    assert all(item.linked for item in related_issue_areas([area("torture")]))


def test_issue_areas_many_organizations_work_on_together_are_related(network):
    related = related_issue_areas([area("housing")])

    # poverty: 5 on both of 8 on either; immigration: 2 of 8 + 12 - 2 = 18.
    assert names(related) == ["poverty", "immigration"]
    assert related[0].together == 5 and related[0].jaccard == pytest.approx(5 / 8)
    assert related[1].jaccard == pytest.approx(2 / 18, abs=1e-6)
    assert related[1].jaccard >= MIN_JACCARD
    # One organization on both is not "many": health is not related.
    assert "health" not in names(related)


def test_a_big_issue_area_with_little_overlap_is_not_related(network, directory):
    for number in range(30):
        build_organization(
            directory, title=f"More migrants {number}", issue_areas=["immigration"]
        )

    assert names(related_issue_areas([area("housing")])) == ["poverty"]


def test_a_coordinator_link_relates_two_areas_both_ways_and_comes_first(network):
    area("housing").related_areas.add(area("torture"))

    assert names(related_issue_areas([area("housing")]))[0] == "torture"
    assert related_issue_areas([area("housing")])[0].linked
    assert names(related_issue_areas([area("torture")])) == ["housing"]


def test_only_publicly_listed_organizations_are_counted(network, directory):
    # Hidden and members-only organizations working on housing and health would
    # relate them, and so point at themselves, if they were counted.
    for number, visibility in enumerate(["hidden", "members"] * 4):
        build_organization(
            directory,
            title=f"Unlisted {number}",
            issue_areas=["housing", "health", "torture"],
            visibility=visibility,
        )

    assert names(related_issue_areas([area("housing")])) == ["poverty", "immigration"]
    assert related_issue_areas([area("torture")]) == []


def test_an_area_is_never_related_to_itself_or_listed_among_the_anchors(network):
    area("housing").related_areas.add(area("housing"))

    related = names(related_issue_areas([area("housing"), area("poverty")]))

    assert "housing" not in related and "poverty" not in related


def test_the_hub_lists_related_issue_areas(client, network, issues_index):
    area("housing").related_areas.add(area("torture"))

    html = client.get("/issues/housing/").content.decode()

    section = html[html.index('id="hub-related-heading"') :]
    assert section.index("Torture") < section.index("Poverty")
    assert "linked by the network’s coordinators" in section
    assert "often worked on together" in section
    assert 'href="/issues/poverty/"' in section


def test_the_hub_takes_the_same_queries_at_any_size(client, directory, issues_index):
    counts = []
    for start, stop in [(0, 15), (15, 45)]:
        for number in range(start, stop):
            build_organization(
                directory,
                title=f"Grown {number}",
                issue_areas=[["housing", "poverty"], ["housing"], ["health"]][
                    number % 3
                ],
                visibility=["public", "members", "hidden"][number % 3],
            )
        client.get("/issues/housing/")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/issues/housing/")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- organizations on a thread's issue areas and on related ones -------------------


def test_organizations_on_the_areas_come_first_then_those_on_related_ones(network):
    found = organizations_on_issue_areas(
        ANONYMOUS, [area("health").pk], [area("housing").pk], limit=4
    )

    # The clinic works on health and housing; then the health groups by name.
    assert [org.title for org in found.on_areas] == [
        "Clinic",
        "Health 0",
        "Health 1",
        "Health 2",
    ]
    # On housing only (the clinic is already above), most related first.
    assert [org.title for org in found.on_related] == [
        "Migrants 0",
        "Migrants 1",
        "Tenants 0",
        "Tenants 1",
    ]


def test_a_thread_panel_names_no_one_the_reader_may_not_see_named(network, directory):
    """Visitors see public organizations; members and coordinators members-only
    ones too; no one a hidden one, not its own staff nor a coordinator."""
    shared = build_organization(
        directory, title="Shared", issue_areas=["health"], visibility="members"
    )
    # One on the thread's areas, one on a related area only.
    hidden = build_organization(
        directory, title="Hidden", issue_areas=["health"], visibility="hidden"
    )
    hidden_related = build_organization(
        directory, title="Hidden too", issue_areas=["housing"], visibility="hidden"
    )
    own_staff = board_member(hidden)
    MembershipFactory(user=own_staff, organization=hidden_related)
    readers = {
        "visitor": ANONYMOUS,
        "member": Viewer.for_user(board_member(shared)),
        "hidden's own staff": Viewer.for_user(own_staff),
        "coordinator": Viewer.for_user(CoordinatorFactory()),
    }

    for reader, viewer in readers.items():
        seen = organizations_on_issue_areas(
            viewer, [area("health").pk], [area("housing").pk], limit=20
        )
        titles = [org.title for org in seen.on_areas + seen.on_related]
        assert "Clinic" in titles, reader
        assert (shared.title in titles) is (reader != "visitor"), reader
        assert hidden.title not in titles, reader
        assert hidden_related.title not in titles, reader


# --- coordinators link issue areas in the admin --------------------------------------


def test_a_coordinator_links_related_areas_in_the_admin(coordinator_client):
    housing, poverty = area("housing"), area("poverty")
    housing.related_areas.clear()
    edit = f"/admin/snippets/members/issuearea/edit/{housing.pk}/"
    data = {
        "name": housing.name,
        "slug": housing.slug,
        "aliases": housing.aliases,
        "description": housing.description,
        "rights_category": housing.rights_category,
    }

    form = coordinator_client.get(edit).content.decode()
    assert f'value="{poverty.pk}"' in form
    assert f'name="related_areas" value="{housing.pk}"' not in form

    response = coordinator_client.post(edit, {**data, "related_areas": [housing.pk]})
    assert response.status_code == 200  # itself: refused as an unknown choice
    assert not housing.related_areas.exists()

    response = coordinator_client.post(edit, {**data, "related_areas": [poverty.pk]})
    assert response.status_code == 302
    assert list(housing.related_areas.all()) == [poverty]
    assert housing in poverty.related_areas.all()  # both ways
