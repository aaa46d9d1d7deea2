"""Reads of resources, the library's privacy rule among them.

A resource is public or members-only. Who may see it is decided in one place,
ResourceQuerySet.visible_to, which asks the Viewer's own notion of "a network
member" (Viewer.sees_member_details) rather than re-deciding it; the names of the
organizations credited on a resource go through MemberOrganizationPage's own verb.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from wagtail.models import PageManager, PageQuerySet

from campaigns.library.models.relations import ResourceContributor, ResourceIssueArea
from campaigns.library.models.vocabularies import ResourceKind, ResourceVisibility
from members.models import MemberOrganizationPage
from members.viewer import require_viewer


def sees_members_only_resources(viewer):
    """Members-only resources are for the same people who may see members-only
    profiles and contacts: network members in good standing and coordinators."""
    return require_viewer(viewer).sees_member_details


def _resource_visible_q(viewer):
    if sees_members_only_resources(viewer):
        return Q()
    return Q(visibility=ResourceVisibility.PUBLIC)


class ResourceQuerySet(PageQuerySet):
    """Reads of resources. `visible_to` is the resource library's privacy rule;
    ResourcePage.is_visible_to is its instance form, over the same two facts."""

    def visible_to(self, viewer):
        return self.live().filter(_resource_visible_q(viewer))

    def publicly_listed(self):
        """What machine surfaces (API, sitemap, feeds) may ever publish."""
        return self.live().filter(visibility=ResourceVisibility.PUBLIC)

    def editable_by(self, viewer):
        """Resources this person may change from the front end: those their own
        organizations submitted, live or not; everything for coordinators."""
        viewer = require_viewer(viewer)
        if viewer.is_coordinator:
            return self.all()
        if not viewer.is_active:
            return self.none()
        return self.filter(submitting_organization__in=viewer.organization_ids)

    def un_submissions(self):
        return self.filter(kind=ResourceKind.UN_SUBMISSION)

    def in_issue_areas(self, issue_areas):
        return self.filter(issue_area_items__tag__in=issue_areas).distinct()

    def newest_first(self):
        return self.order_by("-publication_date", "-pk")

    def with_listing_data(self, viewer):
        """What a list of resources shows, in a fixed number of queries: the issue
        areas, and the credited organizations with `shown` telling whether this
        person may see each one's name."""
        visible_orgs = MemberOrganizationPage.objects.visible_to(viewer)
        credited = ResourceContributor.objects.select_related("organization").annotate(
            shown=Exists(visible_orgs.filter(pk=OuterRef("organization_id")))
        )
        return self.select_related("submitting_organization").prefetch_related(
            Prefetch(
                "issue_area_items",
                queryset=ResourceIssueArea.objects.select_related("tag"),
            ),
            Prefetch("contributors", queryset=credited.order_by("sort_order")),
        )


ResourceManager = PageManager.from_queryset(ResourceQuerySet)
