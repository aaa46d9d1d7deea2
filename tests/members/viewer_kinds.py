"""Every kind of person the privacy rule tells apart, as the Viewer the middleware
would build for them: for tests that prove a rule's two forms (a queryset verb and
its instance twin) agree over every combination."""

from django.contrib.auth.models import AnonymousUser

from members.two_factor import withhold_unconfirmed_powers
from members.viewer import Viewer
from tests.factories import (
    CoordinatorFactory,
    MembershipFactory,
    UserFactory,
    build_organization,
)


def shared_viewers(directory, settings):
    """{kind: Viewer} for the people who stand in the same relation to every
    organization of a test: none of them is on its team."""
    other = build_organization(directory, title="Another member organization")
    suspended = build_organization(
        directory, title="A suspended organization", membership_status="suspended"
    )
    awaiting = CoordinatorFactory()
    # A password-only session under production's two-factor rule (django-otp
    # answers is_verified() on a real request).
    settings.MEMBERS_REQUIRE_TWO_FACTOR = True
    awaiting.is_verified = lambda: False
    withheld = Viewer.for_user(withhold_unconfirmed_powers(awaiting))
    assert withheld.awaiting_two_factor and not withheld.is_coordinator
    return {
        "anonymous": Viewer.for_user(AnonymousUser()),
        "outsider": Viewer.for_user(UserFactory()),
        "member of another organization": Viewer.for_user(
            MembershipFactory(organization=other).user
        ),
        "member of a suspended organization": Viewer.for_user(
            MembershipFactory(organization=suspended).user
        ),
        "coordinator": Viewer.for_user(CoordinatorFactory()),
        "coordinator awaiting two-factor": withheld,
    }


def own_viewers(organization):
    """{kind: Viewer} for the organization's own team: its staff, and a former
    colleague whose account was deactivated."""
    inactive = UserFactory(is_active=False)
    MembershipFactory(organization=organization, user=inactive)
    return {
        "own staff": Viewer.for_user(MembershipFactory(organization=organization).user),
        "inactive own staff": Viewer.for_user(inactive),
    }


# Who counts as a network member, by kind (DESIGN.md section 4): staff of an
# organization in good standing, and coordinators whose session confirmed two-factor.
NETWORK_MEMBER_KINDS = {"member of another organization", "coordinator"}
