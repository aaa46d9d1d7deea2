"""The directory and partner finder at /members/: reading a search from the URL,
filtering, full-text search and facet counts.

Every set of organizations here starts from `visible_to(user)`, so results, facet
counts and totals only ever count organizations the viewer may see. Everything is
aggregated in the database in a fixed number of queries, whatever the network's size:
one for the vocabulary, one for every facet count together, one for the page of
results and one for the issue areas shown on it.
"""

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home.validation import MAX_ID, parse_bounded_int
from members.geography import COUNTRY_NAMES
from members.models import (
    Approach,
    IssueArea,
    MemberOrganizationPage,
    OrganizationIssueArea,
    OrganizationLink,
    Population,
    Scope,
)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_WORD = re.compile(r"[\W_]+")

PAGE_SIZE = 20
# Longer searches are shortened (and the page says so); facets keep this many values.
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 40
MAX_VALUE_LENGTH = 100

SORT_RELEVANCE = "relevance"
SORT_NAME = "name"
SORT_NEWEST = "newest"
SORTS = [
    (SORT_RELEVANCE, _("Best match")),
    (SORT_NAME, _("Name, A to Z")),
    (SORT_NEWEST, _("Newest members first")),
]
MATCH_ANY = "any"
MATCH_ALL = "all"

ApproachLink = MemberOrganizationPage.approaches.through
PopulationLink = MemberOrganizationPage.populations.through


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary, as the directory shows it."""

    kind: str
    pk: int
    slug: str
    name: str
    category: str = ""

    def get_absolute_url(self):
        if self.kind == "issue":
            return IssueArea(slug=self.slug).get_absolute_url()
        return ""

    @property
    def url(self):
        """A social link's address (links keep it in `slug`)."""
        return self.slug

    @property
    def label(self):
        return self.name


class Vocabulary:
    """Issue areas, approaches and populations, loaded in one query."""

    def __init__(self, terms):
        self.issue_areas = [term for term in terms if term.kind == "issue"]
        self.approaches = [term for term in terms if term.kind == "approach"]
        self.populations = [term for term in terms if term.kind == "population"]
        self.by_slug = {(term.kind, term.slug): term for term in terms}
        self.by_pk = {(term.kind, term.pk): term for term in terms}

    @classmethod
    def load(cls):
        empty = Value("", output_field=CharField())
        rows = term_rows(IssueArea.objects.all(), "issue", F("rights_category")).union(
            term_rows(Approach.objects.all(), "approach", empty),
            term_rows(Population.objects.all(), "population", empty),
            all=True,
        )
        terms = sorted(
            (Term(*row) for row in rows), key=lambda term: term.name.casefold()
        )
        return cls(terms)


def term_rows(queryset, kind, category, slug="slug", name="name"):
    """(kind, pk, slug, name, category) rows of a vocabulary, ready to UNION with
    others so that several lists arrive in one query."""
    return (
        queryset.order_by()
        .annotate(
            term_kind=Value(kind, output_field=CharField()),
            term_pk=F("pk"),
            term_slug=F(slug),
            term_name=F(name),
            term_category=category,
        )
        .values_list("term_kind", "term_pk", "term_slug", "term_name", "term_category")
    )


def profile_terms(organization):
    """An organization's issue areas, approaches, populations and social links, in
    one query: {kind: [Term, ...]} (a link's slug is its URL, its name its label)."""
    empty = Value("", output_field=CharField())
    rows = term_rows(
        IssueArea.objects.filter(organization_items__content_object=organization),
        "issue",
        F("rights_category"),
    ).union(
        term_rows(
            Approach.objects.filter(organizations=organization), "approach", empty
        ),
        term_rows(
            Population.objects.filter(organizations=organization), "population", empty
        ),
        term_rows(
            OrganizationLink.objects.filter(organization=organization),
            "link",
            Cast("sort_order", output_field=CharField()),
            slug="url",
            name="label",
        ),
        all=True,
    )
    terms = {"issue": [], "approach": [], "population": [], "link": []}
    for row in rows:
        terms[row[0]].append(Term(*row))
    for kind in ("issue", "approach", "population"):
        terms[kind].sort(key=lambda term: term.name.casefold())
    terms["link"].sort(key=lambda term: (int(term.category or 0), term.pk))
    return terms


def without_control_characters(text):
    """Text without NUL and other control characters (PostgreSQL refuses NUL)."""
    return CONTROL_CHARACTERS.sub("", text)


def search_terms(text):
    """The words of a search, for the search backend: letters and digits only, in
    lower case, so that quotes, brackets and FTS operators (AND, NEAR, *, ^) are
    never read as query syntax."""
    return " ".join(NOT_WORD.sub(" ", text).lower().split())


def _clean_values(values, allowed=None):
    """Distinct, bounded, known values, in the order given."""
    cleaned = []
    for value in values[: MAX_VALUES_PER_FACET * 2]:
        value = without_control_characters(value).strip()[:MAX_VALUE_LENGTH]
        if not value or value in cleaned:
            continue
        if allowed is not None and value not in allowed:
            continue
        cleaned.append(value)
    return cleaned[:MAX_VALUES_PER_FACET]


def _flag(params, name):
    return params.get(name, "") in {"1", "on", "true", "yes"}


def _page_number(raw):
    """Page numbers below 1 or not numbers at all mean the first page."""
    return parse_bounded_int(raw, 1, MAX_ID) or 1


@dataclass
class DirectorySearch:
    """What a person asked the directory for, read from (and written back to) the
    URL so that any search can be bookmarked and shared. Unknown values are
    dropped, never an error."""

    q: str = ""
    issues: list = field(default_factory=list)
    match: str = MATCH_ANY
    approaches: list = field(default_factory=list)
    populations: list = field(default_factory=list)
    states: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    scopes: list = field(default_factory=list)
    affected: bool = False
    founding: bool = False
    sort: str = SORT_NAME
    page: int = 1
    q_was_shortened: bool = False

    @classmethod
    def from_params(cls, params, vocabulary):
        raw_q = " ".join(without_control_characters(params.get("q", "")).split())
        q = raw_q[:MAX_QUERY_LENGTH]
        issue_slugs = {term.slug for term in vocabulary.issue_areas}
        match = params.get("match")
        sort = params.get("sort")
        search = cls(
            q=q,
            q_was_shortened=len(raw_q) > MAX_QUERY_LENGTH,
            issues=_clean_values(params.getlist("issue"), issue_slugs),
            match=MATCH_ALL if match == MATCH_ALL else MATCH_ANY,
            approaches=_clean_values(
                params.getlist("approach"), {t.slug for t in vocabulary.approaches}
            ),
            populations=_clean_values(
                params.getlist("population"),
                {t.slug for t in vocabulary.populations},
            ),
            states=_clean_values(params.getlist("state")),
            countries=_clean_values(params.getlist("country"), set(COUNTRY_NAMES)),
            scopes=_clean_values(params.getlist("scope"), set(Scope.values)),
            affected=_flag(params, "affected"),
            founding=_flag(params, "founding"),
            page=_page_number(params.get("page")),
        )
        valid_sorts = {value for value, _label in SORTS}
        if sort in valid_sorts and (sort != SORT_RELEVANCE or q):
            search.sort = sort
        else:
            search.sort = SORT_RELEVANCE if q else SORT_NAME
        return search

    @property
    def facet_params(self):
        """(name, value) pairs of every filter, in URL order."""
        pairs = [("issue", slug) for slug in self.issues]
        if self.match == MATCH_ALL and self.issues:
            pairs.append(("match", MATCH_ALL))
        pairs += [("approach", slug) for slug in self.approaches]
        pairs += [("population", slug) for slug in self.populations]
        pairs += [("state", state) for state in self.states]
        pairs += [("country", country) for country in self.countries]
        pairs += [("scope", scope) for scope in self.scopes]
        if self.affected:
            pairs.append(("affected", "1"))
        if self.founding:
            pairs.append(("founding", "1"))
        return pairs

    def params(self, page=None, without=None):
        """The URL query string for this search, optionally on another page or
        with one filter value (name, value) or a whole facet (name, None) removed."""
        pairs = [("q", self.q)] if self.q else []
        for name, value in self.facet_params:
            if without and name == without[0] and without[1] in (None, value):
                continue
            pairs.append((name, value))
        default_sort = SORT_RELEVANCE if self.q else SORT_NAME
        if self.sort != default_sort:
            pairs.append(("sort", self.sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def params_without_q(self):
        sort = SORT_NAME if self.sort == SORT_RELEVANCE else self.sort
        return replace(self, q="", sort=sort).params()

    def params_matching_any(self):
        return replace(self, match=MATCH_ANY).params()

    @property
    def has_filters(self):
        return bool(self.facet_params)

    def has_any(self):
        return bool(self.q or self.facet_params)


def _organizations_with_issue_area(slug):
    return OrganizationIssueArea.objects.filter(tag__slug=slug).values(
        "content_object_id"
    )


def apply_filters(queryset, search, skip=None, search_ids=None):
    """Narrow `queryset` by every filter in `search` except the facet `skip`
    (facet counts are disjunctive: each facet counts as if its own choices were
    not yet made, so a person sees what picking another value would give)."""
    if search_ids is not None:
        queryset = queryset.filter(pk__in=search_ids)
    if search.issues and skip != "issue":
        if search.match == MATCH_ALL:
            for slug in search.issues:
                queryset = queryset.filter(pk__in=_organizations_with_issue_area(slug))
        else:
            queryset = queryset.filter(
                pk__in=OrganizationIssueArea.objects.filter(
                    tag__slug__in=search.issues
                ).values("content_object_id")
            )
    if search.approaches and skip != "approach":
        queryset = queryset.filter(
            pk__in=ApproachLink.objects.filter(
                approach__slug__in=search.approaches
            ).values("memberorganizationpage_id")
        )
    if search.populations and skip != "population":
        queryset = queryset.filter(
            pk__in=PopulationLink.objects.filter(
                population__slug__in=search.populations
            ).values("memberorganizationpage_id")
        )
    if search.states and skip != "state":
        queryset = queryset.filter(region__in=search.states)
    if search.countries and skip != "country":
        queryset = queryset.filter(country__in=search.countries)
    if search.scopes and skip != "scope":
        queryset = queryset.filter(scope__in=search.scopes)
    if search.affected and skip != "affected":
        queryset = queryset.filter(led_by_directly_affected=True)
    if search.founding and skip != "founding":
        queryset = queryset.filter(founding_member=True)
    return queryset


def _count_part(queryset, facet, value):
    return (
        queryset.order_by()
        .annotate(
            facet_name=Value(facet, output_field=CharField()),
            facet_value=Cast(value, output_field=CharField()),
        )
        .values("facet_name", "facet_value")
        .annotate(facet_count=Count("pk", distinct=True))
        .values_list("facet_name", "facet_value", "facet_count")
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    remove_params: str = ""


PLACES_SHOWN = 10


@dataclass
class Facet:
    name: str
    legend: str
    options: list
    kind: str = "checkbox"  # or "flag" (a single yes/no checkbox)
    # Places run to fifty states: show this many, fold the rest (None: show all).
    shown_count: int | None = None

    @property
    def selected(self):
        return [option for option in self.options if option.selected]

    @property
    def shown(self):
        return self.options[: self.shown_count]

    @property
    def folded(self):
        return self.options[self.shown_count :] if self.shown_count else []

    @property
    def folded_has_selection(self):
        return any(option.selected for option in self.folded)


class DirectoryResults:
    """The directory for one person and one search."""

    def __init__(self, user, params):
        self.user = user
        self.vocabulary = Vocabulary.load()
        self.search = DirectorySearch.from_params(params, self.vocabulary)
        self.visible = MemberOrganizationPage.objects.visible_to(user)

    @cached_property
    def search_queryset(self):
        """Organizations matching the words typed, in relevance order, from the
        Wagtail search backend (PostgreSQL full text, or SQLite FTS). Not yet
        narrowed by privacy: it is only ever used inside `visible`."""
        if not self.search.q:
            return None
        terms = search_terms(self.search.q)
        if not terms:
            # Only punctuation was typed: nothing can match it.
            return MemberOrganizationPage.objects.none()
        return (
            MemberOrganizationPage.objects.all()
            .search(terms, order_by_relevance=True)
            .get_queryset()
        )

    @cached_property
    def search_ids(self):
        if self.search_queryset is None:
            return None
        return self.search_queryset.order_by().values("pk")

    def filtered(self, skip=None):
        return apply_filters(
            self.visible, self.search, skip=skip, search_ids=self.search_ids
        )

    @cached_property
    def counts(self):
        """Every facet's counts and the totals, in one UNION query."""
        search = self.search
        disjunctive = MATCH_ANY if search.match == MATCH_ANY else None
        parts = [
            _count_part(self.filtered(), "results", Value("")),
            _count_part(self.visible, "network", Value("")),
            _count_part(
                self.filtered(skip="issue" if disjunctive else None),
                "issue",
                F("issue_area_items__tag_id"),
            ),
            _count_part(
                self.filtered(skip="approach"), "approach", F("approaches__id")
            ),
            _count_part(
                self.filtered(skip="population"), "population", F("populations__id")
            ),
            _count_part(self.filtered(skip="state"), "state", F("region")),
            _count_part(self.filtered(skip="country"), "country", F("country")),
            _count_part(self.filtered(skip="scope"), "scope", F("scope")),
            _count_part(
                self.filtered(skip="affected").filter(led_by_directly_affected=True),
                "affected",
                Value("1"),
            ),
            _count_part(
                self.filtered(skip="founding").filter(founding_member=True),
                "founding",
                Value("1"),
            ),
        ]
        counts = {}
        for facet, value, count in parts[0].union(*parts[1:], all=True):
            if value is None:
                continue
            counts.setdefault(facet, {})[value] = count
        return counts

    @property
    def total(self):
        return self.counts.get("results", {}).get("", 0)

    @property
    def network_total(self):
        return self.counts.get("network", {}).get("", 0)

    def _options(self, facet, values_labels, selected):
        counts = self.counts.get(facet, {})
        options = []
        for key, value, label in values_labels:
            count = counts.get(str(key), 0)
            is_selected = value in selected
            if count or is_selected:
                options.append(
                    FacetOption(
                        value=value,
                        label=label,
                        count=count,
                        selected=is_selected,
                        remove_params=self.search.params(without=(facet, value)),
                    )
                )
        return options

    @cached_property
    def facets(self):
        search = self.search
        vocabulary = self.vocabulary
        # Places come from the data; a selected place with no results stays listed.
        state_counts = self.counts.get("state", {})
        states = sorted(
            {state for state in state_counts if state} | set(search.states),
            key=str.casefold,
        )
        country_counts = self.counts.get("country", {})
        countries = sorted(
            set(country_counts) | set(search.countries),
            key=lambda code: str(COUNTRY_NAMES.get(code, code)).casefold(),
        )
        facets = [
            Facet(
                "issue",
                _("Issue areas"),
                self._options(
                    "issue",
                    [(t.pk, t.slug, t.name) for t in vocabulary.issue_areas],
                    search.issues,
                ),
            ),
            Facet(
                "approach",
                _("How they work"),
                self._options(
                    "approach",
                    [(t.pk, t.slug, t.name) for t in vocabulary.approaches],
                    search.approaches,
                ),
            ),
            Facet(
                "population",
                _("Who they serve"),
                self._options(
                    "population",
                    [(t.pk, t.slug, t.name) for t in vocabulary.populations],
                    search.populations,
                ),
            ),
            Facet(
                "state",
                _("State or region"),
                self._options("state", [(s, s, s) for s in states], search.states),
                shown_count=PLACES_SHOWN,
            ),
            Facet(
                "country",
                _("Country"),
                self._options(
                    "country",
                    [(c, c, COUNTRY_NAMES.get(c, c)) for c in countries],
                    search.countries,
                ),
                shown_count=PLACES_SHOWN,
            ),
            Facet(
                "scope",
                _("Reach"),
                self._options(
                    "scope",
                    [(value, value, label) for value, label in Scope.choices],
                    search.scopes,
                ),
            ),
            Facet(
                "affected",
                _("Leadership"),
                self._options(
                    "affected",
                    [("1", "1", _("Led by people directly affected"))],
                    ["1"] if search.affected else [],
                ),
                kind="flag",
            ),
            Facet(
                "founding",
                _("Membership"),
                self._options(
                    "founding",
                    [("1", "1", _("Founding members"))],
                    ["1"] if search.founding else [],
                ),
                kind="flag",
            ),
        ]
        return facets

    @property
    def selected_filters(self):
        """Every chosen filter value, each with the link that removes it."""
        return [
            (facet, option)
            for facet in self.facets
            for option in facet.options
            if option.selected
        ]

    def ordered(self):
        search = self.search
        if search.sort == SORT_RELEVANCE and self.search_queryset is not None:
            return self.search_queryset.filter(pk__in=self.filtered().values("pk"))
        queryset = self.filtered()
        if search.sort == SORT_NEWEST:
            return queryset.order_by(
                F("member_since").desc(nulls_last=True), "title", "pk"
            )
        return queryset.order_by("title", "pk")

    @cached_property
    def page(self):
        """The page of results asked for; a page past the end is the last one."""
        paginator = CountedPaginator(self.ordered(), PAGE_SIZE, count=self.total)
        page = paginator.get_page(self.search.page)
        organizations = list(
            page.object_list.select_related("logo").prefetch_related("logo__renditions")
        )
        attach_issue_areas(organizations, self.vocabulary)
        page.object_list = organizations
        return page

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


class CountedPaginator(Paginator):
    """A paginator told its count (from the facet query) so it need not ask."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


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
