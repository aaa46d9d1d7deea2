"""The directory and partner finder at /members/: its facets, its order and its
page of results, on the shared faceted-search engine (home.facets).

Every set of organizations here starts from `visible_to(viewer)`, so results, facet
counts and totals only ever count organizations the viewer may see. Everything is
aggregated in the database in a fixed number of queries, whatever the network's size:
one for the vocabulary, one for every facet count and both totals together, one for
the page of results (and its logos' renditions) and one for the issue areas on it.

The same search downloads as a spreadsheet (`DirectoryDownload`, /members/export/):
the organizations the page shows, every page of them, with the fields the viewer
may see, in the cells `members.columns` describes (the coordinators' export in
members/admin_desk/export.py writes them too).
"""

from dataclasses import dataclass, replace

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from home.facets import (
    Choice,
    ChoiceFacet,
    FacetedQuery,
    FacetedSearch,
    FlagFacet,
    RelatedFacet,
    TextSearch,
)
from home.spreadsheets import Spreadsheet
from members.geography import (
    COUNTRY_NAMES,
    country_name,
    normalize,
    read_subdivision,
    subdivision_country,
    subdivision_name,
)
from members.models import (
    Approach,
    IssueArea,
    MemberOrganizationPage,
    OrganizationIssueArea,
    Population,
    Scope,
)
from members.spreadsheets import (
    PROFILE_COLUMN,
    download_columns,
    for_spreadsheet,
    organization_cells,
)
from members.terms import Vocabulary

PAGE_SIZE = 20
# A download holds every page of a search, up to this many organizations: more
# than any one search a person reads, few enough to build in one request.
DOWNLOAD_LIMIT = 1000
# Places run to fifty states: show this many, fold the rest.
PLACES_SHOWN = 10
# Issue areas run to thirty and more, populations past a dozen: on a phone an
# unfolded list is screens of checkboxes before the first result.
TERMS_SHOWN = 8

SORT_RELEVANCE = "relevance"
SORT_NAME = "name"
SORT_NEWEST = "newest"
SORT_CONFIRMED = "confirmed"
SORTS = [
    (SORT_RELEVANCE, _("Best match")),
    (SORT_NAME, _("Name, A to Z")),
    (SORT_NEWEST, _("Newest members first")),
    (SORT_CONFIRMED, _("Recently confirmed")),
]
MATCH_ANY = "any"
MATCH_ALL = "all"

ApproachLink = MemberOrganizationPage.approaches.through
PopulationLink = MemberOrganizationPage.populations.through


def by_country_then_name(option):
    country = country_name(subdivision_country(option.value))
    return (normalize(country), normalize(option.label))


class SubdivisionFacet(ChoiceFacet):
    """States and regions: ISO 3166-2 codes in the URL (?state=US-TX), one value
    per place so counts never split "CA" from "California", named in the reader's
    language and grouped by country (each option's `group`). Counted like any
    facet, with the other facets applied: with a country chosen it lists that
    country's states and regions, with none those of the countries in the results.

    Links from before places were structured name states as typed
    (?state=California, ?state=CA): each is read as the code it names
    (members.geography.read_subdivision); one that names no place is refused,
    and the directory says so."""

    def __init__(self, param, label, **options):
        options.setdefault("order", by_country_then_name)
        super().__init__(param, label, field="subdivision", **options)

    def accept(self, values):
        codes = []
        for value in values:
            code = read_subdivision(value)
            if code and code not in codes:
                codes.append(code)
        return codes

    def refused(self, given, chosen):
        return [value for value in given if not read_subdivision(value)]

    def label_for(self, value):
        return subdivision_name(value)

    def options(self, counts, labels, chosen, remove):
        options = super().options(counts, labels, chosen, remove)
        for option in options:
            option.group = country_name(subdivision_country(option.value))
        return options


def directory_facets(vocabulary):
    """The directory's facets, in the order they are shown and written to the URL.
    Vocabulary facets count by id and list every term that has results; places
    list the values the counts find."""

    def terms(kind):
        return [Choice(term.slug, term.name, key=term.pk) for term in kind]

    return (
        RelatedFacet(
            "issue",
            _("Issue areas"),
            through=OrganizationIssueArea,
            owner="content_object",
            value="tag__slug",
            count_key="tag_id",
            choices=terms(vocabulary.issue_areas),
            shown=TERMS_SHOWN,
            match_param="match",
        ),
        RelatedFacet(
            "approach",
            _("How they work"),
            through=ApproachLink,
            owner="memberorganizationpage",
            value="approach__slug",
            count_key="approach_id",
            choices=terms(vocabulary.approaches),
        ),
        RelatedFacet(
            "population",
            _("Who they serve"),
            through=PopulationLink,
            owner="memberorganizationpage",
            value="population__slug",
            count_key="population_id",
            choices=terms(vocabulary.populations),
            shown=TERMS_SHOWN,
        ),
        ChoiceFacet(
            "country",
            _("Country"),
            field="country",
            allowed=COUNTRY_NAMES,
            labels=COUNTRY_NAMES,
            shown=PLACES_SHOWN,
        ),
        SubdivisionFacet("state", _("State or region"), shown=PLACES_SHOWN),
        ChoiceFacet.from_choices("scope", _("Reach"), Scope),
        FlagFacet(
            "affected",
            _("Leadership"),
            field="led_by_directly_affected",
            option_label=_("Led by people directly affected"),
        ),
        FlagFacet(
            "founding",
            _("Membership"),
            field="founding_member",
            option_label=_("Founding members"),
        ),
    )


@dataclass
class DirectorySearch(FacetedQuery):
    """The directory's query: the facets' values, the words typed, and an order.
    Any search can be bookmarked and shared; unknown values are dropped."""

    sort: str = SORT_NAME

    @classmethod
    def read(cls, params, facets):
        search = super().read(params, facets)
        sort = params.get("sort")
        # Best match needs words to match.
        known = sort in dict(SORTS) and (sort != SORT_RELEVANCE or search.q)
        refused = search.refused
        if sort and sort not in dict(SORTS):
            refused += ((_("Order"), sort),)
        return replace(
            search, sort=sort if known else search.default_sort, refused=refused
        )

    @property
    def default_sort(self):
        return SORT_RELEVANCE if self.q else SORT_NAME

    def extra_pairs(self):
        return [("sort", self.sort)] if self.sort != self.default_sort else []

    # The directory's templates read these.

    @property
    def issues(self):
        return self.values("issue")

    @property
    def match(self):
        return MATCH_ALL if "issue" in self.match_all else MATCH_ANY

    def params_without_q(self):
        sort = SORT_NAME if self.sort == SORT_RELEVANCE else self.sort
        return self.without_q(sort=sort).params()

    def params_matching_any(self):
        return replace(self, match_all=self.match_all - {"issue"}).params()


class DirectoryResults(FacetedSearch):
    """The directory for one person and one search."""

    query_class = DirectorySearch
    page_size = PAGE_SIZE
    count_unsearched = True

    # The most organizations one download holds (DirectoryDownload).
    download_limit = DOWNLOAD_LIMIT

    def __init__(self, viewer, params, *, vocabulary=None):
        self.viewer = viewer
        # Many searches in a row (saved searches matched against a new
        # organization) load the vocabulary once and pass it in.
        self.vocabulary = vocabulary or Vocabulary.load()
        super().__init__(
            MemberOrganizationPage.objects.visible_to(viewer),
            directory_facets(self.vocabulary),
            params,
            # Matches in names, missions, places and issue areas; relevance-ranked.
            text_search=TextSearch(MemberOrganizationPage.objects.all()),
        )

    @property
    def network_total(self):
        return self.unsearched_total

    @property
    def downloadable(self):
        """Whether the results fit in one download (the page offers it)."""
        return 0 < self.total <= self.download_limit

    @property
    def download_has_contacts(self):
        return self.viewer.sees_member_details

    @property
    def loosen_suggestions(self):
        """When nothing matches: each filter that, taken away, would give results,
        with how many. Uses counts already fetched (disjunctive facet counts say
        exactly how many results each facet alone is holding back)."""
        if self.total:
            return []
        suggestions = []
        for facet in self.facets:
            if facet.name == "issue" and self.search.match == MATCH_ALL:
                continue
            if not facet.selected:
                continue
            without_facet = sum(option.count for option in facet.options)
            if facet.kind == "flag":
                without_facet = None
            suggestions.append(
                {
                    "facet": facet,
                    "params": self.search.params(without=(facet.name, None)),
                    "count": without_facet,
                }
            )
        return suggestions

    def ordered(self):
        search = self.search
        if search.sort == SORT_RELEVANCE and self.matching_ids is not None:
            return self.text_search.matching(
                search.typed.words, order_by_relevance=True
            ).filter(pk__in=self.narrowed().values("pk"))
        queryset = self.narrowed()
        if search.sort == SORT_NEWEST:
            return queryset.order_by(
                F("member_since").desc(nulls_last=True), "title", "pk"
            )
        if search.sort == SORT_CONFIRMED:
            return queryset.order_by(
                F("profile_confirmed_at").desc(nulls_last=True), "title", "pk"
            )
        return queryset.order_by("title", "pk")

    def listed(self, object_list):
        organizations = list(
            object_list.select_related("logo").prefetch_related("logo__renditions")
        )
        return attach_issue_areas(organizations, self.vocabulary)

    def spelling_phrases(self):
        """Every term's name and aliases, and the names and cities of the
        organizations this viewer may see, in one query."""
        return [
            phrase
            for (phrase,) in spelling_rows([IssueArea, Approach, Population], self.base)
        ]


def spelling_rows(vocabularies, organizations):
    """One UNION query of (text,) rows: the vocabularies' names and aliases, and
    the titles and cities of `organizations` (already filtered for the viewer)."""
    parts = [
        model.objects.order_by().values_list(column)
        for model in vocabularies
        for column in ("name", "aliases")
    ] + [organizations.order_by().values_list(column) for column in ("title", "city")]
    return parts[0].union(*parts[1:], all=True)


def attach_issue_areas(organizations, vocabulary=None):
    """Give each organization `listed_issue_areas` in one query for all of them."""
    by_org = {org.pk: [] for org in organizations}
    if not by_org:
        return organizations
    if vocabulary is None:
        rows = OrganizationIssueArea.objects.filter(
            content_object_id__in=by_org
        ).select_related("tag")
        for row in rows:
            by_org[row.content_object_id].append(row.tag)
    else:
        rows = OrganizationIssueArea.objects.filter(
            content_object_id__in=by_org
        ).values_list("content_object_id", "tag_id")
        for org_id, tag_id in rows:
            term = vocabulary.by_pk.get(("issue", tag_id))
            if term is not None:
                by_org[org_id].append(term)
    for org in organizations:
        org.listed_issue_areas = sorted(
            by_org[org.pk], key=lambda tag: tag.name.casefold()
        )
    return organizations


# --- The directory as a spreadsheet --------------------------------------------


class DirectoryDownload(DirectoryResults):
    """The directory a person is looking at, as a CSV file: the same search over
    the same `visible_to(viewer)`, in the page's order, every page of it, with the
    fields the viewer may see and each profile's address. Four queries whatever
    the numbers: the vocabulary, the total, the organizations and their terms."""

    filename = "member-directory"

    @property
    def refuses_request(self):
        """Whether the address holds something the directory could not use as
        given (what its notices name): the file would not say so, so none is
        written. A valid page number is no such thing: the file holds them all."""
        search, typed = self.search, self.search.typed
        return bool(
            search.refused
            or search.page_refused
            or typed.shortened
            or typed.cleaned
            or (typed.text and not typed.words)
        )

    @property
    def can_download(self):
        return not self.refuses_request and self.total <= self.download_limit

    def _count_parts(self):
        # Only the results' total: nobody reads the facets' counts here.
        return super()._count_parts()[:1]

    def organizations(self):
        organizations = list(
            self.ordered().select_related("logo")[: self.download_limit]
        )
        return for_spreadsheet(
            organizations, [org.pk for org in organizations], self.vocabulary
        )

    def response(self, directory_url):
        """The CSV file; `directory_url` is the directory's full address, which
        each profile's address extends."""
        columns = download_columns(self.viewer)

        def row(organization):
            return {
                **organization_cells(organization, columns),
                PROFILE_COLUMN[0]: f"{directory_url}{organization.slug}/",
            }

        spreadsheet = Spreadsheet(
            [(column.field, column.heading) for column in columns] + [PROFILE_COLUMN],
            row,
            self.filename,
        )
        response = spreadsheet.response(self.organizations(), Spreadsheet.FORMAT_CSV)
        # A search's file is not something to index.
        response["X-Robots-Tag"] = "noindex"
        return response
