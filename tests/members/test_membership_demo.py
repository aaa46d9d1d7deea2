"""The demo network shows the membership lifecycle: pending applications, a team
with several people, and sign-ins for a coordinator and two member organizations."""

import pytest
from django.core.management import call_command

from members.models import Invitation, Membership, MembershipApplication

pytestmark = pytest.mark.django_db


def test_the_demo_has_pending_applications_a_team_and_printed_sign_ins(capsys):
    call_command("seed_network", "--orgs", "20")

    assert MembershipApplication.objects.pending().count() == 2
    maria_org = Membership.objects.get(user__username="maria").organization
    assert maria_org.memberships.count() >= 2
    assert Invitation.objects.usable().filter(organization=maria_org).exists()
    out = capsys.readouterr().out
    assert "coordinator –" in out
    assert f"maria       – organization admin of {maria_org.title}" in out
    assert "sam         – organization admin of" in out
