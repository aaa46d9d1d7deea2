"""What waits on the coordinators' desk in the demo: two applications to join
(and one declined earlier), and two issue areas members suggested, one on an
application and one on maria's profile."""

import datetime

from django.utils import timezone

from members.models import (
    ApplicationStatus,
    Approach,
    IssueArea,
    Membership,
)
from network.demo.content.applications import APPLICATIONS, DEMO_SUGGESTIONS
from tests.factories import MembershipApplicationFactory, suggest_issue_area


def build(coordinator, member_users):
    now = timezone.now()
    areas = {area.slug: area for area in IssueArea.objects.all()}
    approaches = list(Approach.objects.all())
    for index, spec in enumerate(APPLICATIONS):
        spec = dict(spec)
        issues = [areas[slug] for slug in spec.pop("issues") if slug in areas]
        how = approaches[index : index + spec.pop("approaches")]
        submitted_at = now - datetime.timedelta(days=spec.pop("days_ago"))
        decided = spec["status"] != ApplicationStatus.SUBMITTED
        application = MembershipApplicationFactory(
            agrees_to_principles=True,
            submitted_at=submitted_at,
            country="US",
            decided_by=coordinator if decided else None,
            decided_at=submitted_at + datetime.timedelta(days=2) if decided else None,
            issue_areas=issues,
            approaches=how,
            **spec,
        )
        if spec["organization_name"] in DEMO_SUGGESTIONS:
            suggest_issue_area(
                DEMO_SUGGESTIONS[spec["organization_name"]], application=application
            )

    # An issue area maria suggested for her organization's profile.
    maria = next((user for user in member_users if user.username == "maria"), None)
    membership = (
        Membership.objects.filter(user=maria).select_related("organization").first()
        if maria
        else None
    )
    if membership is not None:
        suggest_issue_area(
            "Rights of older people",
            organization=membership.organization,
            by=maria,
        )
