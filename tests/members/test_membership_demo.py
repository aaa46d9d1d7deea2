"""The demo network shows the membership lifecycle: pending applications, a team
with several people, and sign-ins for a coordinator and two member organizations."""

import pytest
from django.core.management import call_command

from members.models import (
    Invitation,
    IssueAreaSuggestion,
    Membership,
    MembershipApplication,
    OrganizationLink,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_pending_applications_a_team_and_printed_sign_ins(capsys):
    call_command("seed_network", "--orgs", "20")

    assert MembershipApplication.objects.pending().count() == 2
    maria_org = Membership.objects.get(user__username="maria").organization
    assert maria_org.memberships.count() >= 2
    assert Invitation.objects.usable().filter(organization=maria_org).exists()
    suggestions = IssueAreaSuggestion.objects.pending()
    assert suggestions.filter(organization=maria_org).exists()
    assert suggestions.filter(application__status="submitted").exists()
    # Demo links elsewhere are valid for the member form that edits them.
    assert OrganizationLink.objects.filter(url__startswith="https://").exists()
    assert not OrganizationLink.objects.exclude(url__startswith="https://").exists()
    out = capsys.readouterr().out
    assert "coordinator –" in out
    assert f"maria       – organization admin of {maria_org.title}" in out
    assert "sam         – organization admin of" in out
