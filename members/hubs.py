"""Issue-area hubs: /issues/ (the areas by rights category, with member counts) and
/issues/<slug>/ (one area's organizations). Counts and lists only ever include
organizations the viewer may see."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from members.models import (
    IssueArea,
    MemberOrganizationPage,
    OrganizationIssueArea,
    RightsCategory,
)

HUB_PAGE_SIZE = 30


def issue_areas_by_category(viewer):
    """[(category label, [issue areas with `member_count`])] in the order of
    RightsCategory, in one query."""
    visible_ids = (
        MemberOrganizationPage.objects.visible_to(viewer).order_by().values("pk")
    )
    areas = IssueArea.objects.annotate(
        member_count=Count(
            "organization_items",
            filter=Q(organization_items__content_object_id__in=visible_ids),
        )
    ).order_by("name")
    grouped = {value: [] for value in RightsCategory.values}
    for area in areas:
        grouped.setdefault(area.rights_category, []).append(area)
    labels = dict(RightsCategory.choices)
    return [
        {"value": value, "label": labels.get(value, value), "areas": grouped[value]}
        for value in grouped
        if grouped[value]
    ]


def organizations_in_issue_area(viewer, area):
    return (
        MemberOrganizationPage.objects.visible_to(viewer)
        .filter(
            pk__in=OrganizationIssueArea.objects.filter(tag=area).values(
                "content_object_id"
            )
        )
        .order_by("title", "pk")
    )


def hub_page(viewer, area, page_number):
    """One page of the hub's organizations; past the end means the last page."""
    paginator = Paginator(organizations_in_issue_area(viewer, area), HUB_PAGE_SIZE)
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return page
