"""Partners for an organization, ranked in the database: related organizations
(the issue areas they share, rare ones weighing more, and how near they are) and
complementary partners (the same issue areas, worked on in ways it does not).

Weights. An issue area that `n` of the `N` organizations the viewer may see work
on weighs ln(1 + N / n): sharing a rare one (torture, transitional justice) says
more than sharing a common one (criminal justice, housing). The *overlap* with
another organization is the weight of the issue areas they share over the weight
of all the anchor's issue areas: 1 when it shares every one.

Place. Each step nearer, the same country and then the same state or region (ISO
3166-2 subdivision), adds PLACE_STEP, a full overlap, to the score. So place
decides first and rarity within a place: the same state or region above the same
country above abroad (DESIGN.md section 6: nearby above distant). An El Paso
immigration group meets the Texas groups on immigration before one in Honolulu
that shares more.

Complements. An organization complements the anchor when it shares an issue area
and works in at least one way the anchor does not (a litigation group meets
grassroots organizers and direct services on the same right). They rank by place
as above, then by the overlap times the share of their ways of working that are
new to the anchor. A profile shows each organization once: as related if it is.

Only organizations the viewer may see (`visible_to`) are ranked, and only they are
counted in the weights: a ranking reveals nothing about the others. Whatever the
network's size, the weights are one small query and each list one more.
"""

import json
import math
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Round
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.geography import subdivision_name
from members.models import MemberOrganizationPage, OrganizationIssueArea
from members.viewer import require_viewer

RELATED_LIMIT = 6
COMPLEMENTS_LIMIT = 6
# What one step nearer (same country, then same state or region) adds to the
# score: a full overlap, so no overlap elsewhere outranks a nearer organization.
PLACE_STEP = 1.0

ApproachLink = MemberOrganizationPage.approaches.through
# What a profile's partner lists show of each organization: its name, address
# and place.
PARTNER_FIELDS = ("title", "slug", "url_path", "city", "subdivision", "country")


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


class JSONList(Aggregate):
    """The group's values as a JSON array (text): names may hold any character,
    so they are not joined by a separator."""

    function = "JSON_AGG"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # JSON_AGG returns json; the text form is what Python parses.
        return super().as_sql(
            compiler,
            connection,
            template="CAST(%(function)s(%(expressions)s) AS TEXT)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="JSON_GROUP_ARRAY", **extra_context
        )


@dataclass
class Partner:
    """Another organization, ranked for the anchor, with why."""

    organization: MemberOrganizationPage
    shared_issue_areas: list
    # 2: the same state or region, 1: the same country, 0: abroad.
    closeness: int
    # Ways of working it has and the anchor has not (complementary partners).
    other_approaches: list = field(default_factory=list)

    @property
    def score(self):
        return self.organization.score

    @property
    def nearby(self):
        """Where it shares the anchor's place, to say so: its state or region."""
        if self.closeness == 2:
            return subdivision_name(self.organization.subdivision)
        return ""

    @property
    def reason(self):
        names = ", ".join(area.name for area in self.shared_issue_areas)
        reason = format_lazy(_("Also works on {names}"), names=names)
        if self.nearby:
            return format_lazy(
                _("{reason}; also in {region}"), reason=reason, region=self.nearby
            )
        return reason

    @property
    def other_approaches_label(self):
        return ", ".join(self.other_approaches)

    @property
    def complement_reason(self):
        return format_lazy(
            _("Brings {approaches} to {names}"),
            approaches=", ".join(self.other_approaches),
            names=", ".join(area.name for area in self.shared_issue_areas),
        )


@dataclass
class ProfilePartners:
    related: list
    # Complementary partners not already among the related ones.
    complements: list
    # False when the anchor records no way of working: nothing to differ from.
    complements_possible: bool

    @property
    def related_complements(self):
        """Related organizations that also work in ways the anchor does not."""
        return [item for item in self.related if item.other_approaches]


def issue_area_weights(visible, area_ids):
    """{issue area id: weight} for `area_ids`, counted over the organizations in
    `visible`. One aggregate query (a handful of areas, one count each)."""
    counts = visible.order_by().aggregate(
        organizations=Count("pk"),
        **{
            f"area_{pk}": Count(
                "pk",
                filter=Q(
                    pk__in=OrganizationIssueArea.objects.filter(tag_id=pk).values(
                        "content_object_id"
                    )
                ),
            )
            for pk in area_ids
        },
    )
    total = counts["organizations"]
    return {pk: math.log1p(total / max(counts[f"area_{pk}"], 1)) for pk in area_ids}


def place_bonus(anchor):
    """PLACE_STEP for each step nearer the anchor: its country, its state or region
    (an ISO 3166-2 code names its country, so the same one is both steps)."""
    steps = []
    if anchor.subdivision:
        steps.append(When(subdivision=anchor.subdivision, then=Value(2 * PLACE_STEP)))
    steps.append(When(country=str(anchor.country), then=Value(PLACE_STEP)))
    return Case(*steps, default=Value(0.0), output_field=FloatField())


def closeness(anchor, other):
    if anchor.subdivision and other.subdivision == anchor.subdivision:
        return 2
    return 1 if str(other.country) == str(anchor.country) else 0


def overlap(weights):
    """The weight of the anchor's issue areas an organization shares, over the
    weight of them all (an aggregate over its issue-area rows)."""
    total = sum(weights.values()) or 1.0
    return Sum(
        Case(
            *(
                When(issue_area_items__tag_id=pk, then=Value(weight / total))
                for pk, weight in weights.items()
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def candidates(anchor, visible, weights):
    """The organizations in `visible` sharing an issue area with `anchor`, each
    with its `overlap`, its `score` (overlap and place) and `shared_ids`."""
    return (
        visible.exclude(pk=anchor.pk)
        .filter(issue_area_items__tag_id__in=list(weights))
        .annotate(
            overlap=Round(overlap(weights), 6),
            score=Round(overlap(weights) + place_bonus(anchor), 6),
            shared_ids=ConcatenatedIds("issue_area_items__tag_id"),
        )
    )


def approach_links(approach_ids):
    """An organization's ways of working (correlated to the outer row), and which
    of them are not in `approach_ids`."""
    links = ApproachLink.objects.filter(
        memberorganizationpage_id=OuterRef("pk")
    ).order_by()
    return links, ~Q(approach_id__in=approach_ids)


def with_other_approach_names(ranked, approach_ids):
    """`ranked` with `other_approach_names`: the JSON list of each one's ways of
    working not in `approach_ids`, NULL when it has none of those."""
    links, new = approach_links(approach_ids)
    names = (
        links.filter(new)
        .values("memberorganizationpage_id")
        .annotate(names=JSONList("approach__name"))
        .values("names")
    )
    return ranked.annotate(
        other_approach_names=Subquery(names, output_field=TextField())
    )


def complementary(ranked, anchor, weights, approach_ids):
    """`ranked` (candidates) narrowed to those that work in a way the anchor does
    not, with their `other_approach_names` and `complement_score`: place as for
    related, plus the overlap times the share of their ways of working that are
    new to the anchor (one that works wholly otherwise counts its full overlap)."""
    links, new = approach_links(approach_ids)
    novelty = (
        links.values("memberorganizationpage_id")
        .annotate(
            novelty=Cast(Count("pk", filter=new), FloatField())
            / Cast(Count("pk"), FloatField())
        )
        .values("novelty")
    )
    # Each correlated subquery goes once into the SQL (SQLite evaluates every
    # copy for every row): the filter only asks whether there is a new way of
    # working, and novelty is not selected apart from the score.
    return (
        with_other_approach_names(ranked, approach_ids)
        .filter(Exists(links.filter(new)))
        .alias(novelty=Subquery(novelty, output_field=FloatField()))
        .annotate(
            complement_score=Round(
                overlap(weights) * F("novelty") + place_bonus(anchor), 6
            )
        )
    )


def best_first(score="score"):
    return [F(score).desc(), F("title").asc(), F("pk").asc()]


def partner(other, anchor, areas_by_id):
    shared = sorted(
        (
            areas_by_id[int(pk)]
            for pk in (other.shared_ids or "").split(",")
            if pk and int(pk) in areas_by_id
        ),
        key=lambda area: area.name.casefold(),
    )
    names = getattr(other, "other_approach_names", None)
    return Partner(
        organization=other,
        shared_issue_areas=shared,
        closeness=closeness(anchor, other),
        other_approaches=sorted(json.loads(names), key=str.casefold) if names else [],
    )


def profile_partners(
    organization,
    viewer,
    issue_areas,
    approaches=(),
    related_limit=RELATED_LIMIT,
    complements_limit=COMPLEMENTS_LIMIT,
):
    """The profile's related organizations and complementary partners, best first,
    each organization in one list only (related if it is).

    `issue_areas` and `approaches` are the organization's own (the profile has them
    loaded already: anything with `pk`, and `name` for the issue areas). Three
    queries (the weights, then each list), two without ways of working to compare,
    none without issue areas. (One query numbering the candidates both ways with
    window functions measured no faster, and needed a workaround for how Django
    groups window expressions.)"""
    viewer = require_viewer(viewer)
    areas_by_id = {area.pk: area for area in issue_areas}
    approach_ids = sorted({approach.pk for approach in approaches})
    if not areas_by_id:
        return ProfilePartners([], [], bool(approach_ids))
    visible = MemberOrganizationPage.objects.visible_to(viewer)
    weights = issue_area_weights(visible, list(areas_by_id))
    # Only what the lists show of each organization.
    ranked = candidates(organization, visible.only(*PARTNER_FIELDS), weights)
    if not approach_ids:
        related = ranked.order_by(*best_first())[:related_limit]
        return ProfilePartners(
            [partner(row, organization, areas_by_id) for row in related], [], False
        )
    # Related ones say how they work differently, too.
    related = with_other_approach_names(ranked, approach_ids).order_by(*best_first())[
        :related_limit
    ]
    related = [partner(row, organization, areas_by_id) for row in related]
    complements = (
        complementary(ranked, organization, weights, approach_ids)
        .exclude(pk__in=[item.organization.pk for item in related])
        .order_by(*best_first("complement_score"))[:complements_limit]
    )
    return ProfilePartners(
        related,
        [partner(row, organization, areas_by_id) for row in complements],
        True,
    )


def complementary_partners(organization, viewer, issue_area_ids, approach_ids):
    """Every organization `viewer` may see that shares an issue area with
    `organization` and works in at least one way it does not, best first (place,
    then overlap and novelty), as a queryset to page through. Each row has
    `shared_ids`, `other_approach_names` and `complement_score` (see
    `complementary`). Empty when the organization records no issue area or
    no way of working. The weights take one query."""
    viewer = require_viewer(viewer)
    if not issue_area_ids or not approach_ids:
        return MemberOrganizationPage.objects.none()
    visible = MemberOrganizationPage.objects.visible_to(viewer)
    weights = issue_area_weights(visible, sorted(set(issue_area_ids)))
    return complementary(
        candidates(organization, visible, weights),
        organization,
        weights,
        sorted(set(approach_ids)),
    ).order_by(*best_first("complement_score"))
