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
    from members.models import IssueArea, Visibility
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
        region="Canarywood Territory",
        city="Canaryville",
        visibility=Visibility.HIDDEN,
        member_since=datetime.date.today(),
        issue_areas=[issue_area],
    )
    neighbour = MemberOrganizationPageFactory(
        parent=directory,
        title="Open Door Torture Survivors Clinic",
        region="Canarywood Territory",
        visibility=Visibility.PUBLIC,
        member_since=datetime.date(2015, 1, 1),
        issue_areas=[issue_area],
    )
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
