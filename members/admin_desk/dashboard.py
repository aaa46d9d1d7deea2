"""The desk's panel on the admin's home page, for coordinators."""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import Revision

from members.freshness import STALE_AFTER, stale_organizations
from members.models import (
    IssueAreaSuggestion,
    MemberOrganizationPage,
    MembershipApplication,
)


class NetworkDeskPanel(Component):
    """Dashboard: applications waiting for a decision and recently changed member
    profiles (who changed what, and whether it waits for review), and the profiles
    their organizations have not confirmed in a year (members.freshness): how many,
    and the ten oldest. Seven queries."""

    stale_shown = 10

    name = "network_desk"
    template_name = "members/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pending = MembershipApplication.objects.pending()
        content_type = ContentType.objects.get_for_model(MemberOrganizationPage)
        recent = list(
            Revision.objects.filter(content_type=content_type)
            .select_related("user")
            .defer("content")
            .order_by("-created_at", "-pk")[:8]
        )
        titles = dict(
            MemberOrganizationPage.objects.filter(
                pk__in={int(revision.object_id) for revision in recent}
            ).values_list("pk", "title")
        )
        for revision in recent:
            revision.organization_title = titles.get(int(revision.object_id), "")
        stale = stale_organizations(MemberOrganizationPage.objects.live())
        context.update(
            {
                "stale_count": stale.count(),
                "stale_profiles": list(
                    stale.only("pk", "title", "profile_confirmed_at")[
                        : self.stale_shown
                    ]
                ),
                "stale_after_days": STALE_AFTER.days,
                "pending_count": pending.count(),
                "pending_suggestions": IssueAreaSuggestion.objects.pending().count(),
                "pending": list(pending.newest_first()[:5]),
                "recent_revisions": recent,
            }
        )
        return context
