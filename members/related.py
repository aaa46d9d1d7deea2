"""Related organizations on a profile, ranked in the database in two queries.

An organization is related to another by the issue areas they share. Each shared
issue area counts 1 / (how many organizations the viewer may see work on it), so
sharing a rare issue area (torture, transitional justice) weighs more than sharing a
common one (criminal justice, housing). Ties go to organizations in the same state
or region, then to the name. Only organizations the viewer may see are ranked, and
only they are counted in the weights: the ranking reveals nothing about the others.
"""

from dataclasses import dataclass

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    FloatField,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Round
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import MemberOrganizationPage, OrganizationIssueArea

RELATED_LIMIT = 6


class ConcatenatedIds(Aggregate):
    """The group's ids joined by commas: STRING_AGG on PostgreSQL, GROUP_CONCAT on
    SQLite (Django 5.2 has no portable string aggregate)."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS TEXT), ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


@dataclass
class RelatedOrganization:
    organization: MemberOrganizationPage
    shared_issue_areas: list
    same_state: bool

    @property
    def reason(self):
        names = ", ".join(area.name for area in self.shared_issue_areas)
        reason = format_lazy(_("Also works on {names}"), names=names)
        if self.same_state and self.organization.region:
            return format_lazy(
                _("{reason}; also in {region}"),
                reason=reason,
                region=self.organization.region,
            )
        return reason


def related_organizations(organization, viewer, issue_areas, limit=RELATED_LIMIT):
    """Up to `limit` organizations `viewer` may see, most related first.

    `issue_areas` are the organization's own issue areas (the profile has them
    loaded already). Two SQL queries: the weights, then the ranking.
    """
    areas_by_id = {area.pk: area for area in issue_areas}
    if not areas_by_id:
        return []
    visible = MemberOrganizationPage.objects.visible_to(viewer)
    # How many visible organizations work on each of these issue areas: a handful
    # of rows. (Computing it as a correlated subquery per ranked row made
    # PostgreSQL's planner take minutes at 500 organizations.)
    frequencies = dict(
        OrganizationIssueArea.objects.filter(
            tag_id__in=list(areas_by_id),
            content_object_id__in=visible.order_by().values("pk"),
        )
        .order_by()
        .values("tag_id")
        .annotate(organizations=Count("pk"))
        .values_list("tag_id", "organizations")
    )
    rarity = Case(
        *(
            When(issue_area_items__tag_id=tag_id, then=Value(1.0 / count))
            for tag_id, count in frequencies.items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    if organization.region:
        same_state = Case(
            When(
                Q(region=organization.region, country=organization.country),
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    else:
        same_state = Value(0, output_field=IntegerField())
    ranked = (
        visible.exclude(pk=organization.pk)
        .filter(issue_area_items__tag_id__in=list(areas_by_id))
        .annotate(
            rarity_score=Round(Sum(rarity), 6),
            shared_ids=ConcatenatedIds("issue_area_items__tag_id"),
            same_state=same_state,
        )
        .order_by("-rarity_score", "-same_state", "title", "pk")[:limit]
    )
    related = []
    for other in ranked:
        shared = sorted(
            (
                areas_by_id[int(pk)]
                for pk in (other.shared_ids or "").split(",")
                if pk and int(pk) in areas_by_id
            ),
            key=lambda area: area.name.casefold(),
        )
        related.append(
            RelatedOrganization(
                organization=other,
                shared_issue_areas=shared,
                same_state=bool(other.same_state),
            )
        )
    return related
