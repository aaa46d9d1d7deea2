"""Faceted search over any queryset: what a person chose, read from the URL; how
many results each further choice would give; and the words they typed, made safe.

A list declares its facets (each one URL parameter: which values it accepts, how a
chosen value narrows the queryset, how values are counted, one value or several)
and hands them, with its base queryset and optionally a text search, to
`FacetedSearch`. Then:

- Counts are disjunctive: each facet is counted with every *other* facet's choice
  applied but not its own, so a count says how many results choosing that value
  would give. (A facet in "match all" mode narrows with every value chosen, so it
  is counted within the results instead.)
- Every facet's counts and the totals arrive in one query, a UNION ALL of grouped
  counts. The other one-query shape, one conditional aggregate per value (130 on
  the directory), measured on PostgreSQL with 3,000 organizations: the same
  database time with nothing chosen, up to 4x more once facets are chosen, and
  1.5-5x more per request with Django building it.
- The text search is always a subquery: `pk__in` what Wagtail's search backend
  finds, so facets, counts and ordering compose with it and no list of ids is
  ever built in Python.
- `search_words` is the one sanitizer for what people type into a search box.

home knows querysets, not organizations: members.directory and campaigns.library.search
declare their facets on top of this. Inside: `words` (what people type, and the
text search), `kinds` (the facets a list declares), `search` (one search: the
query, the counts, the page), `notices` (what any list says back about the page
asked for and the values it shows back, worded once).
"""

from home.facets.counted import CountedFacet, CountedPaginator
from home.facets.kinds import (
    MAX_VALUE_LENGTH,
    MAX_VALUES,
    Choice,
    ChoiceFacet,
    Facet,
    FlagFacet,
    Option,
    RelatedFacet,
    YearFacet,
    by_count,
    by_label,
    grouped_counts,
    newest_first,
)
from home.facets.notices import page_notice, read_page, shown_back
from home.facets.search import FacetedQuery, FacetedSearch
from home.facets.words import (
    MAX_QUERY_LENGTH,
    TextSearch,
    TypedText,
    same_words,
    search_words,
    without_control_characters,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_VALUE_LENGTH",
    "MAX_VALUES",
    "Choice",
    "ChoiceFacet",
    "CountedFacet",
    "CountedPaginator",
    "Facet",
    "FacetedQuery",
    "FacetedSearch",
    "FlagFacet",
    "Option",
    "RelatedFacet",
    "TextSearch",
    "TypedText",
    "YearFacet",
    "by_count",
    "by_label",
    "grouped_counts",
    "newest_first",
    "page_notice",
    "read_page",
    "same_words",
    "search_words",
    "shown_back",
    "without_control_characters",
]
