"""Reads of organizations, the privacy rule among them: who may see an
organization, who may see it named, and what anyone may see."""

from django.db.models import Q
from wagtail.models import PageManager, PageQuerySet

from members.models.choices import MembershipStatus, Visibility
from members.viewer import require_viewer


class MemberOrganizationQuerySet(PageQuerySet):
    """Reads of organizations. `visible_to` is the privacy rule (DESIGN.md section 4),
    written once here and used by every surface: pages, search, counts, API, feeds,
    sitemap, exports and the board."""

    def visible_to(self, viewer):
        """Organizations `viewer` (a members.viewer.Viewer) may see."""
        viewer = require_viewer(viewer)
        live = self.live()
        if viewer.is_coordinator:
            return live
        if not viewer.is_network_member:
            return live.publicly_listed()
        own = Q(pk__in=viewer.organization_ids)
        in_good_standing = ~Q(membership_status=MembershipStatus.SUSPENDED)
        shared_with_members = Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        return live.filter(own | (in_good_standing & shared_with_members))

    def nameable_to(self, viewer):
        """Organizations `viewer` may see that may also be named where others gather
        (sign-on lists, @mentions on the board). Hidden organizations never are,
        not even to their own staff: such lists are read by many."""
        return self.visible_to(viewer).exclude(visibility=Visibility.HIDDEN)

    def publicly_listed(self):
        """What anyone may see, and the only rows machine surfaces (API, feeds,
        sitemap, public exports) ever publish."""
        return (
            self.live()
            .filter(visibility=Visibility.PUBLIC)
            .exclude(membership_status=MembershipStatus.SUSPENDED)
        )

    def in_issue_areas(self, issue_areas):
        return self.filter(issue_area_items__tag__in=issue_areas).distinct()


MemberOrganizationManager = PageManager.from_queryset(MemberOrganizationQuerySet)
