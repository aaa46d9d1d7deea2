"""The network drawn as organizations and issue areas (/members/graph/).

`graph_data` is what /members/graph/data/ serves as JSON: only organizations the
viewer may see, in four queries whatever the network's size. Very large networks are
capped (the page says so and invites a filter); the directory is the accessible list
view of the same organizations.
"""

from typing import NamedTuple

from django.db.models import Count, Q

from home.facets import without_control_characters
from members.geography import read_subdivision, subdivision_label
from members.models import IssueArea, MemberOrganizationPage, OrganizationIssueArea

MAX_GRAPH_ORGANIZATIONS = 400


class State(NamedTuple):
    """A state or region the graph offers: its ISO 3166-2 code (the value the
    directory's ?state= takes too) and its name."""

    code: str
    label: str


def graph_filters(params, issue_slugs, states=None):
    """The graph's two filters, read from the URL; unknown values mean no filter.
    The state is a subdivision code, as in the directory; an old link's name
    ("Texas") is read as the code it names."""
    issue = without_control_characters(params.get("issue", "")).strip()[:100]
    state = without_control_characters(params.get("state", "")).strip()[:100]
    if issue not in issue_slugs:
        issue = ""
    if state:
        state = read_subdivision(state) or ""
    if states is not None and state not in {getattr(s, "code", s) for s in states}:
        state = ""
    return issue, state


def graph_states(viewer):
    """States and regions among the organizations the viewer may see, by name
    (one query)."""
    codes = (
        MemberOrganizationPage.objects.visible_to(viewer)
        .exclude(subdivision="")
        .order_by()
        .values_list("subdivision", flat=True)
        .distinct()
    )
    states = [State(code, subdivision_label(code)) for code in codes]
    return sorted(states, key=lambda state: state.label.casefold())


def graph_data(request, issue="", state=""):
    organizations = MemberOrganizationPage.objects.visible_to(request.viewer)
    if issue:
        organizations = organizations.filter(
            pk__in=OrganizationIssueArea.objects.filter(tag__slug=issue).values(
                "content_object_id"
            )
        )
    if state:
        organizations = organizations.filter(subdivision=state)
    total = organizations.count()
    shown = list(
        organizations.order_by("title", "pk").only(
            "id", "title", "url_path", "path", "depth", "city", "subdivision", "country"
        )[:MAX_GRAPH_ORGANIZATIONS]
    )
    ids = [org.pk for org in shown]
    links = list(
        OrganizationIssueArea.objects.filter(content_object_id__in=ids)
        .order_by("content_object_id", "tag_id")
        .values_list("content_object_id", "tag_id")
    )
    area_ids = {tag_id for _org, tag_id in links}
    areas = IssueArea.objects.filter(pk__in=area_ids).annotate(
        shown_organizations=Count(
            "organization_items",
            filter=Q(organization_items__content_object_id__in=ids),
        )
    )
    nodes = [
        {
            "id": f"issue-{area.pk}",
            "kind": "issue",
            "label": area.name,
            "url": area.get_absolute_url(),
            "slug": area.slug,
            "size": area.shown_organizations,
        }
        for area in areas
    ]
    nodes += [
        {
            "id": f"org-{org.pk}",
            "kind": "organization",
            "label": org.title,
            "url": org.get_url(request),
            "place": org.place,
        }
        for org in shown
    ]
    return {
        "nodes": nodes,
        "links": [
            {"source": f"org-{org_id}", "target": f"issue-{tag_id}"}
            for org_id, tag_id in links
        ],
        "total": total,
        "shown": len(shown),
        "truncated": total > len(shown),
        "filters": {"issue": issue, "state": state},
    }
