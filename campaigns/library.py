"""Browsing the resource library: facets, full-text search and pages of results.

Everything the person chose is in the query string (?q=&kind=&issue=&org=&language=
&year=&page=), so a search can be bookmarked and shared. Each facet's counts are
taken over the resources matching every *other* choice, so a count says how many
results picking that value would give. The number of queries does not depend on the
number of resources: one search (when there is a query), one aggregate per facet,
one count and one page of rows with its prefetches.
"""

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from campaigns.models.resources import (
    LANGUAGE_NAMES,
    ResourceContributor,
    ResourceIssueArea,
    ResourceKind,
    ResourcePage,
)
from home.validation import parse_bounded_int
from members.directory import without_control_characters
from members.models import MemberOrganizationPage

logger = logging.getLogger(__name__)

RESOURCES_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
FACETS = ("kind", "issue", "org", "language", "year")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)
    selected_label: str = ""


@dataclass
class LibraryView:
    query: str
    choices: dict
    facets: list
    results: object  # a Paginator page
    total: int
    active_filters: list
    querystring: str

    def params(self):
        params = {}
        if self.query:
            params["q"] = self.query
        params.update({k: v for k, v in self.choices.items() if v})
        return params


def read_choices(request):
    """The person's choices, cleaned: unknown or malformed values are ignored."""
    get = request.GET
    query = " ".join(get.get("q", "").split())[:MAX_QUERY_LENGTH]
    # No control characters: PostgreSQL refuses a NUL in any text it is given.
    choices = {
        name: without_control_characters(get.get(name, "")).strip()[:100]
        for name in FACETS
    }
    if choices["kind"] not in ResourceKind.values:
        choices["kind"] = ""
    if choices["language"] not in LANGUAGE_NAMES:
        choices["language"] = ""
    # ASCII digits only: "²⁰²⁶" passes str.isdigit() but not int().
    if parse_bounded_int(choices["year"], 1000, 9999) is None:
        choices["year"] = ""
    # An organization the person may not see cannot be chosen: filtering by it
    # would reveal which resources a hidden organization contributed to.
    if (
        choices["org"]
        and not MemberOrganizationPage.objects.visible_to(request.viewer)
        .filter(slug=choices["org"])
        .exists()
    ):
        choices["org"] = ""
    return query, choices


def apply_choice(queryset, name, value):
    if not value:
        return queryset
    if name == "kind":
        return queryset.filter(kind=value)
    if name == "issue":
        return queryset.filter(issue_area_items__tag__slug=value)
    if name == "org":
        return queryset.filter(contributors__organization__slug=value)
    if name == "language":
        return queryset.filter(language=value)
    if name == "year":
        return queryset.filter(publication_date__year=int(value))
    return queryset


def filtered(base, choices, except_facet=None):
    queryset = base
    for name in FACETS:
        if name != except_facet:
            queryset = apply_choice(queryset, name, choices[name])
    return queryset


def search_terms(query):
    """Words only: quotes and operators would be full-text syntax to the database."""
    return " ".join(re.sub(r"[^\w\s-]", " ", query).split())


def matching_ids(base, query):
    """Ids of the resources a full-text query finds (titles, summaries, bodies,
    issue areas and attached documents' titles)."""
    terms = search_terms(query)
    if not terms:
        return []
    try:
        with transaction.atomic():
            return [page.pk for page in base.search(terms, operator="and")]
    except DatabaseError:
        logger.warning("Resource search failed for %r", terms, exc_info=True)
        return []


def facet_counts(base, choices, user):
    """[(facet name, {value: (label, count)})] in a fixed number of queries."""
    counts = {}

    def pks(name):
        return filtered(base, choices, except_facet=name).values("pk")

    counts["kind"] = {
        row["kind"]: (ResourceKind(row["kind"]).label, row["n"])
        for row in ResourcePage.objects.filter(pk__in=pks("kind"))
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
    }
    counts["issue"] = {
        row["tag__slug"]: (row["tag__name"], row["n"])
        for row in ResourceIssueArea.objects.filter(content_object__in=pks("issue"))
        .order_by()
        .values("tag__slug", "tag__name")
        .annotate(n=Count("content_object", distinct=True))
    }
    # Only organizations this person may see are offered, named or counted.
    counts["org"] = {
        row["organization__slug"]: (row["organization__title"], row["n"])
        for row in ResourceContributor.objects.filter(
            page__in=pks("org"),
            organization__in=MemberOrganizationPage.objects.visible_to(user).values(
                "pk"
            ),
        )
        .order_by()
        .values("organization__slug", "organization__title")
        .annotate(n=Count("page", distinct=True))
    }
    counts["language"] = {
        row["language"]: (
            LANGUAGE_NAMES.get(row["language"], row["language"]),
            row["n"],
        )
        for row in ResourcePage.objects.filter(pk__in=pks("language"))
        .order_by()
        .values("language")
        .annotate(n=Count("pk"))
    }
    counts["year"] = {
        str(row["year"]): (str(row["year"]), row["n"])
        for row in ResourcePage.objects.filter(pk__in=pks("year"))
        .order_by()
        .annotate(year=ExtractYear("publication_date"))
        .values("year")
        .annotate(n=Count("pk"))
        if row["year"]
    }
    return counts


FACET_LABELS = {
    "kind": _("Kind"),
    "issue": _("Issue area"),
    "org": _("Organization"),
    "language": _("Language"),
    "year": _("Year"),
}


def build_facets(counts, choices):
    facets = []
    for name in FACETS:
        options = []
        for value, (label, count) in counts[name].items():
            options.append(
                FacetOption(value, label, count, selected=value == choices[name])
            )
        if name == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        elif name == "kind":
            order = {value: i for i, value in enumerate(ResourceKind.values)}
            options.sort(key=lambda option: order.get(option.value, 99))
        else:
            options.sort(key=lambda option: (-option.count, str(option.label)))
        selected = next((o for o in options if o.selected), None)
        facets.append(
            Facet(
                name=name,
                label=FACET_LABELS[name],
                options=options,
                selected_label=selected.label if selected else "",
            )
        )
    return facets


def browse_resources(index_page, request):
    viewer = request.viewer
    query, choices = read_choices(request)
    base = ResourcePage.objects.child_of(index_page).visible_to(viewer)
    if query:
        base = base.filter(pk__in=matching_ids(base, query))
    counts = facet_counts(base, choices, viewer)
    facets = build_facets(counts, choices)
    results = filtered(base, choices).newest_first().with_listing_data(viewer)
    paginator = Paginator(results, RESOURCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    view = LibraryView(
        query=query,
        choices=choices,
        facets=facets,
        results=page,
        total=paginator.count,
        active_filters=[],
        querystring="",
    )
    params = view.params()
    for facet in facets:
        if facet.selected_label or choices[facet.name]:
            remaining = {k: v for k, v in params.items() if k != facet.name}
            view.active_filters.append(
                {
                    "label": facet.label,
                    "value": facet.selected_label or choices[facet.name],
                    "remove_url": "?" + urlencode(remaining),
                }
            )
    view.querystring = urlencode(params)
    return view
