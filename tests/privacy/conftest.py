"""The canary: a hidden member organization with a name found nowhere else, its own
staff, a coordinator, and staff of another organization. Surfaces that could leak it
are listed in tests/privacy/surfaces.py."""

import datetime
from dataclasses import dataclass

import pytest


@dataclass
class Canary:
    organization: object
    name: str
    word: str
    issue_area: object
    neighbour: object
    own_user: object
    coordinator: object
    other_member: object

    def viewers(self):
        """(label, user or None, whether the canary's name may appear to them)."""
        return [
            ("visitor", None, False),
            ("member of another organization", self.other_member, False),
            ("the canary's own staff", self.own_user, True),
            ("coordinator", self.coordinator, True),
        ]


@pytest.fixture
def canary(directory, issues_index):
    from members.models import Approach, IssueArea, Visibility
    from tests.factories import (
        CoordinatorFactory,
        MemberOrganizationPageFactory,
        MembershipFactory,
        UserFactory,
    )

    issue_area = IssueArea.objects.get(slug="torture")
    word = "Quetzalcanary"
    name = f"{word} Shelter Collective"
    organization = MemberOrganizationPageFactory(
        parent=directory,
        title=name,
        slug="canary-shelter",
        summary=f"{word} documents abuses.",
        # A place only the canary and its neighbour have.
        subdivision="US-UM",
        city="Canaryville",
        visibility=Visibility.HIDDEN,
        member_since=datetime.date.today(),
        issue_areas=[issue_area],
    )
    neighbour = MemberOrganizationPageFactory(
        parent=directory,
        title="Open Door Torture Survivors Clinic",
        # A place only the canary and its neighbour have.
        subdivision="US-UM",
        visibility=Visibility.PUBLIC,
        member_since=datetime.date(2015, 1, 1),
        issue_areas=[issue_area],
    )
    # Different ways of working, so each is the other's complementary partner.
    organization.approaches.set(Approach.objects.filter(slug="direct-services"))
    organization.save()
    neighbour.approaches.set(Approach.objects.filter(slug="litigation"))
    neighbour.save()
    own_user = UserFactory(username="canary-staff")
    MembershipFactory(user=own_user, organization=organization)
    other_member = UserFactory(username="neighbour-staff")
    MembershipFactory(user=other_member, organization=neighbour)
    return Canary(
        organization=organization,
        name=name,
        word=word,
        issue_area=issue_area,
        neighbour=neighbour,
        own_user=own_user,
        coordinator=CoordinatorFactory(),
        other_member=other_member,
    )


@pytest.fixture
def joint_work(canary, home_page):
    """The canary at work with others: a partner and listed signer of a campaign
    with an update and an event, and the author of a board thread. Attached to the
    canary so the campaign and board surfaces can reach them."""
    from tests.factories import (
        BoardPageFactory,
        CalendarPageFactory,
        CampaignIndexPageFactory,
        CampaignPageFactory,
        CampaignUpdateFactory,
        EventFactory,
        RoomFactory,
        SignOnFactory,
        board_thread,
    )

    index = CampaignIndexPageFactory(parent=home_page)
    CalendarPageFactory(parent=home_page)
    BoardPageFactory(parent=home_page)
    campaign = CampaignPageFactory(
        parent=index,
        title="Close the Canarywood detention center",
        issue_areas=[canary.issue_area],
        leads=[canary.neighbour],
        partners=[canary.organization],
    )
    SignOnFactory(campaign=campaign, organization=canary.organization)
    SignOnFactory(campaign=campaign, organization=canary.neighbour)
    CampaignUpdateFactory(campaign=campaign, title="We delivered the letter")
    EventFactory(title="Canarywood vigil", campaign=campaign)
    room = RoomFactory(name="Detention watch", slug="detention-watch")
    canary.campaign = campaign
    # On the canary's issue area, so the thread's panel lists who works on it.
    canary.thread = board_thread(
        room,
        canary.own_user,
        title="Visiting hours",
        body="We can visit on Fridays.",
        issue_areas=[canary.issue_area],
    )
    return canary
