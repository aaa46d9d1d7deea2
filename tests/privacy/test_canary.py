"""A hidden organization never appears to those who may not see it, on any surface,
and is never counted for them; its own staff and coordinators do see it."""

import dataclasses

import pytest

from tests.privacy.surfaces import (
    DOWNLOAD_SURFACES,
    JOINT_WORK_SURFACES,
    SURFACES,
    fetch_text,
    thread_panel,
)

pytestmark = pytest.mark.django_db

VIEWERS = [
    "visitor",
    "member of another organization",
    "the canary's own staff",
    "coordinator",
]


def sign_in_as(client, canary, viewer):
    user = {label: user for label, user, _ in canary.viewers()}[viewer]
    if user is not None:
        client.force_login(user)
    return {label: sees for label, _, sees in canary.viewers()}[viewer]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_hidden_organization_appears_only_to_its_own_staff_and_coordinators(
    client, canary, viewer
):
    """One test per viewer walks every surface (building the canary is the slow
    part), and reports each surface that got it wrong by name."""
    may_see = sign_in_as(client, canary, viewer)
    secrets = [canary.name, canary.organization.summary, canary.organization.url]

    leaks, missing = [], []
    for surface in SURFACES:
        text = surface.fetch(client, canary)
        if may_see and surface.insiders_see_it is None:
            continue
        if may_see and surface.insiders_see_it:
            if canary.name not in text:
                missing.append(surface.name)
        elif any(secret in text for secret in secrets):
            leaks.append(surface.name)

    assert leaks == [], f"{viewer} was shown the hidden organization on {leaks}"
    assert missing == [], f"{viewer} could not see their organization on {missing}"


@pytest.mark.parametrize("viewer", ["visitor", "member of another organization"])
def test_hidden_organization_is_never_counted_for_outsiders(client, canary, viewer):
    sign_in_as(client, canary, viewer)

    directory = client.get("/members/").context["results"]
    issue = client.get(f"/members/?issue={canary.issue_area.slug}").context["results"]
    issues = client.get("/issues/").context["categories"]
    hub = client.get(f"/issues/{canary.issue_area.slug}/").context["organizations"]
    graph = client.get("/members/graph/data/").json()

    assert directory.network_total == 1  # the neighbour only
    assert issue.total == 1
    assert dict(directory.counts["state"]) == {"US-UM": 1}
    assert directory.counts["issue"][str(canary.issue_area.pk)] == 1
    counted = {area.slug: area.member_count for c in issues for area in c["areas"]}
    assert counted[canary.issue_area.slug] == 1
    assert hub.paginator.count == 1
    assert graph["total"] == 1
    issue_node = next(n for n in graph["nodes"] if n["kind"] == "issue")
    assert issue_node["size"] == 1


@pytest.mark.parametrize("viewer", ["the canary's own staff", "coordinator"])
def test_insiders_count_the_hidden_organization(client, canary, viewer):
    sign_in_as(client, canary, viewer)

    directory = client.get("/members/").context["results"]
    issues = client.get("/issues/").context["categories"]

    assert directory.network_total == 2
    counted = {area.slug: area.member_count for c in issues for area in c["areas"]}
    assert counted[canary.issue_area.slug] == 2


def test_hidden_profile_address_answers_not_found_to_outsiders(client, canary):
    assert client.get(canary.organization.url).status_code == 404
    client.force_login(canary.other_member)
    assert client.get(canary.organization.url).status_code == 404


def test_outsiders_are_not_offered_a_place_only_the_hidden_organization_has(
    client, canary
):
    canary.neighbour.subdivision = "US-GU"
    canary.neighbour.save_revision().publish()

    # The canary's state or region, United States Minor Outlying Islands.
    assert "Minor Outlying" not in fetch_text(client, "/members/graph/")
    assert "Minor Outlying" not in fetch_text(client, "/members/")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_hidden_organization_is_never_named_in_joint_work_to_outsiders(
    client, joint_work, viewer
):
    """Campaign pages, sign-on lists, feeds, iCal, the API and the board."""
    canary = joint_work
    may_see = sign_in_as(client, canary, viewer)
    secrets = [canary.name, canary.organization.summary, canary.organization.url]

    leaks = []
    for surface in JOINT_WORK_SURFACES:
        text = surface.fetch(client, canary)
        if may_see and surface.insiders_see_it is not False:
            continue
        if any(secret in text for secret in secrets):
            leaks.append(surface.name)

    assert leaks == [], f"{viewer} was shown the hidden organization on {leaks}"


def test_joint_work_surfaces_really_show_the_work(client, joint_work):
    """The probes above look at pages that exist and list the canary's neighbour,
    so a blank page cannot pass for a private one."""
    canary = joint_work
    client.force_login(canary.other_member)

    campaign = client.get(canary.campaign.url).content.decode()
    thread = client.get(canary.thread.get_absolute_url()).content.decode()

    assert canary.neighbour.title in campaign
    assert "Visiting hours" in thread
    assert canary.neighbour.title in thread_panel(thread)
    assert "We can visit on Fridays." in thread


@pytest.fixture
def members_only(canary):
    """A members-only organization beside the canary (its issue area and state),
    with a word of its own and a members-only contact, probed on the directory's
    download as the canary itself is."""
    from members.models import Visibility
    from tests.factories import MemberOrganizationPageFactory

    word = "Quetzalmember"
    organization = MemberOrganizationPageFactory(
        parent=canary.organization.get_parent(),
        title=f"{word} Legal Aid",
        slug="members-only-legal-aid",
        summary=f"{word} represents people in detention.",
        subdivision=canary.organization.subdivision,
        visibility=Visibility.MEMBERS,
        issue_areas=[canary.issue_area],
    )
    organization.contact_email = "quetzal-contact@example.org"
    organization.save_revision().publish()
    return dataclasses.replace(
        canary, organization=organization, name=organization.title, word=word
    )


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_members_only_organization_is_downloaded_by_network_members_only(
    client, members_only, viewer
):
    """Visitors never download it or its members-only contact; every network
    member does, the contact with it."""
    sign_in_as(client, members_only, viewer)
    member = viewer != "visitor"
    secrets = [members_only.name, "quetzal-contact@example.org"]

    wrong = []
    for surface in DOWNLOAD_SURFACES:
        text = surface.fetch(client, members_only)
        if any((secret in text) != member for secret in secrets):
            wrong.append(surface.name)

    assert wrong == [], f"{viewer} got the members-only organization wrong on {wrong}"
