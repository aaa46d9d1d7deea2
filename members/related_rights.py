"""Related rights: the issue areas that go with others, for the hubs and the board.

Two issue areas are related when a coordinator links them (IssueArea.related_areas,
both ways), or when many organizations work on both: at least MIN_TOGETHER of them,
and a Jaccard index (organizations on both over organizations on either) of at
least MIN_JACCARD. Linked ones come first, then the closest.

Co-occurrence counts publicly listed organizations only (`publicly_listed()`), so
it is the same for every reader and cannot be traced back to a members-only or
hidden organization (a pair of rare issue areas could otherwise point at one).
The organizations a board thread lists on those areas are another matter: a
list many read, so those the reader may see named (`nameable_to(viewer)`): never
a hidden one, not even to a coordinator or its own staff (DESIGN.md section 4).
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from members.models import IssueArea, MemberOrganizationPage, OrganizationIssueArea
from members.viewer import require_viewer

RELATED_AREAS_LIMIT = 6
MIN_TOGETHER = 2
MIN_JACCARD = 0.1
THREAD_ORGANIZATIONS_LIMIT = 8

IssueAreaLink = IssueArea.related_areas.through


@dataclass
class RelatedArea:
    area: IssueArea
    # A coordinator linked it.
    linked: bool
    # Publicly listed organizations on both, and their share of those on either.
    together: int
    jaccard: float


def organizations_on(area_id):
    return OrganizationIssueArea.objects.filter(tag_id=area_id).values(
        "content_object_id"
    )


def related_issue_areas(areas, limit=RELATED_AREAS_LIMIT):
    """The issue areas related to any of `areas` (and not among them), linked first
    and then by how often they go together. One query for a few areas."""
    anchor_ids = sorted({area.pk for area in areas})
    if not anchor_ids:
        return []
    public = Q(
        organization_items__content_object_id__in=MemberOrganizationPage.objects.publicly_listed()
        .order_by()
        .values("pk")
    )
    rows = IssueArea.objects.annotate(
        organizations=Count("organization_items", filter=public),
        linked=Exists(
            IssueAreaLink.objects.filter(
                from_issuearea_id=OuterRef("pk"), to_issuearea_id__in=anchor_ids
            )
        ),
        **{
            f"with_{pk}": Count(
                "organization_items",
                filter=public
                & Q(organization_items__content_object_id__in=organizations_on(pk)),
            )
            for pk in anchor_ids
        },
    ).order_by("name")
    rows = list(rows)
    sizes = {row.pk: row.organizations for row in rows}
    related = []
    for row in rows:
        if row.pk in anchor_ids:
            continue
        together, jaccard = 0, 0.0
        for pk in anchor_ids:
            both = getattr(row, f"with_{pk}")
            either = sizes.get(pk, 0) + row.organizations - both
            if either and both / either > jaccard:
                together, jaccard = both, both / either
        if row.linked or (together >= MIN_TOGETHER and jaccard >= MIN_JACCARD):
            related.append(RelatedArea(row, row.linked, together, round(jaccard, 6)))
    related.sort(key=lambda item: (not item.linked, -item.jaccard, item.area.name))
    return related[:limit]


@dataclass
class OrganizationsOnAreas:
    """Organizations on a thread's issue areas, and below them on related ones."""

    on_areas: list
    on_related: list


def organizations_on_issue_areas(
    viewer, area_ids, related_ids, limit=THREAD_ORGANIZATIONS_LIMIT
):
    """Up to `limit` organizations `viewer` may see named on the issue areas
    `area_ids` (those on most of them first), and up to `limit` more on
    `related_ids` that work on none of the first. One query: each group
    numbered by a window."""
    viewer = require_viewer(viewer)
    area_ids, related_ids = sorted(set(area_ids)), sorted(set(related_ids))
    if not area_ids and not related_ids:
        return OrganizationsOnAreas([], [])

    def matches(ids):
        return Coalesce(
            Subquery(
                OrganizationIssueArea.objects.filter(
                    content_object_id=OuterRef("pk"), tag_id__in=ids
                )
                .order_by()
                .values("content_object_id")
                .annotate(count=Count("pk"))
                .values("count"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    on_any = OrganizationIssueArea.objects.filter(
        tag_id__in=area_ids + related_ids
    ).values("content_object_id")
    ranked = (
        MemberOrganizationPage.objects.nameable_to(viewer)
        .filter(pk__in=on_any)
        .annotate(on_areas=matches(area_ids), on_related=matches(related_ids))
        .annotate(
            # 1: on the thread's own issue areas; 2: on related ones only.
            group=Case(
                When(on_areas__gt=0, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .annotate(
            group_rank=Window(
                RowNumber(),
                partition_by=[F("group")],
                order_by=["-on_areas", "-on_related", "title", "pk"],
            )
        )
        .filter(group_rank__lte=limit)
    )
    on_areas, on_related = [], []
    for organization in ranked:
        (on_areas if organization.group == 1 else on_related).append(organization)
    on_areas.sort(key=lambda org: org.group_rank)
    on_related.sort(key=lambda org: org.group_rank)
    return OrganizationsOnAreas(on_areas, on_related)
