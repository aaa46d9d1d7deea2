"""Browsing the resource library: its facets, full-text search and pages of
results, on the shared faceted-search engine (home.facets).

Everything the person chose is in the query string (?q=&kind=&issue=&org=&language=
&year=&page=), so a search can be bookmarked and shared; each facet takes one value.
Each facet's counts are taken over the resources matching every *other* choice, so
a count says how many results picking that value would give. The number of queries
does not depend on the number of resources: one for every count and the total
together, one page of rows with its prefetches, and one each to check that a
chosen organization may be seen and that a chosen issue area exists.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.library.models import (
    ResourceContributor,
    ResourceIssueArea,
    ResourceKind,
    ResourcePage,
)
from campaigns.library.models.vocabularies import LANGUAGE_NAMES
from home.facets import (
    ChoiceFacet,
    FacetedSearch,
    RelatedFacet,
    TextSearch,
    YearFacet,
    by_count,
)
from members.models import IssueArea, MemberOrganizationPage

RESOURCES_PER_PAGE = 20


class OrganizationFacet(RelatedFacet):
    """Resources credited to one organization. Only organizations the person may
    see are offered, named, counted or accepted: filtering by a hidden one would
    reveal which resources it contributed to. A refused value is not named back:
    the page for a hidden organization's slug is the page for no slug at all."""

    names_refused = False

    def __init__(self, param, label, *, visible, **options):
        super().__init__(
            param,
            label,
            through=ResourceContributor,
            owner="page",
            value="organization__slug",
            count_label="organization__title",
            among=Q(organization__in=visible.values("pk")),
            **options,
        )
        self.visible = visible

    def accept(self, values):
        return [value for value in values if self.visible.filter(slug=value).exists()]


class IssueAreaFacet(RelatedFacet):
    """Resources on one issue area. A slug that names no issue area is refused, so
    the page says it was left out instead of showing it as a chosen filter with
    nothing found."""

    def __init__(self, param, label, **options):
        super().__init__(
            param,
            label,
            through=ResourceIssueArea,
            owner="content_object",
            value="tag__slug",
            count_label="tag__name",
            **options,
        )

    def accept(self, values):
        if not values:
            return []
        known = set(
            IssueArea.objects.filter(slug__in=values).values_list("slug", flat=True)
        )
        return [value for value in values if value in known]


def library_facets(viewer):
    """The library's facets, in the order they are shown and written to the URL.
    Each is a select: a chosen value without results is not offered."""
    single = {"multiple": False, "keep_selected": False}
    return (
        ChoiceFacet.from_choices("kind", _("Kind"), ResourceKind, **single),
        IssueAreaFacet("issue", _("Issue area"), order=by_count, **single),
        OrganizationFacet(
            "org",
            _("Organization"),
            visible=MemberOrganizationPage.objects.visible_to(viewer),
            order=by_count,
            **single,
        ),
        ChoiceFacet(
            "language",
            _("Language"),
            field="language",
            allowed=LANGUAGE_NAMES,
            labels=LANGUAGE_NAMES,
            order=by_count,
            **single,
        ),
        YearFacet("year", _("Year"), field="publication_date", **single),
    )


class LibraryResults(FacetedSearch):
    """The library for one person and one search: newest first."""

    page_size = RESOURCES_PER_PAGE

    def __init__(self, index_page, viewer, params):
        self.viewer = viewer
        super().__init__(
            ResourcePage.objects.child_of(index_page).visible_to(viewer),
            library_facets(viewer),
            params,
            # Titles, summaries, bodies, issue areas and attached documents' titles;
            # every word must match.
            text_search=TextSearch(ResourcePage.objects.all(), operator="and"),
        )

    def ordered(self):
        return self.narrowed().newest_first().with_listing_data(self.viewer)

    def spelling_phrases(self):
        """The kinds of resource, every issue area's name and aliases, and the
        titles of the resources this viewer may see (one query)."""
        parts = [
            IssueArea.objects.order_by().values_list(column)
            for column in ("name", "aliases")
        ]
        rows = parts[0].union(
            *parts[1:], self.base.order_by().values_list("title"), all=True
        )
        return [str(label) for label in ResourceKind.labels] + [
            phrase for (phrase,) in rows
        ]
