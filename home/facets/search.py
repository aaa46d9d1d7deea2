"""One faceted search: what a person asked for (read from and written back to the
URL), the counts of every facet and the totals in one query, and the page of
results."""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Value
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.facets.counted import CountedFacet, CountedPaginator
from home.facets.kinds import Option, grouped_counts
from home.facets.notices import page_notice, read_page, shown_back
from home.facets.words import MAX_QUERY_LENGTH, TypedText, did_you_mean, known_words

# A notice names at most this many refused values (each cut as shown_back cuts).
NAMED_REFUSALS = 5


@dataclass
class FacetedQuery:
    """What a person asked a faceted list for, read from (and written back to) the
    URL so that any search can be bookmarked and shared: the words typed, each
    facet's values (in declaration order), and the page. Lists with more to say
    (a sort order) subclass it and add their pairs in `extra_pairs`."""

    facets: tuple = ()
    typed: TypedText = TypedText()
    chosen: dict = field(default_factory=dict)
    match_all: frozenset = frozenset()
    page: int = 1
    # What the URL asked for that the list cannot do, for it to say so: (what,
    # value) pairs, and a page "number" that is none.
    refused: tuple = ()
    page_refused: str = ""

    @classmethod
    def read(cls, params, facets):
        chosen, refused = {}, []
        for facet in facets:
            chosen[facet.param], dropped = facet.choose(params)
            refused += [
                (facet.label, value if facet.names_refused else None)
                for value in dropped
            ]
            match = params.get(facet.match_param or "", "")
            if facet.match_param and match not in ("", "all", "any"):
                refused.append((_("Match"), match))
        # Page numbers below 1 or not numbers at all mean the first page.
        page, page_refused = read_page(params.get("page", ""))
        return cls(
            facets=tuple(facets),
            typed=TypedText.read(params.get("q", "")),
            chosen=chosen,
            match_all=frozenset(
                facet.param for facet in facets if facet.reads_match_all(params)
            ),
            page=page,
            refused=tuple(refused),
            page_refused=page_refused,
        )

    @property
    def q(self):
        return self.typed.text

    def values(self, param):
        return self.chosen.get(param, [])

    @property
    def facet_params(self):
        """(name, value) pairs of every filter, in URL order."""
        pairs = []
        for facet in self.facets:
            values = self.values(facet.param)
            pairs += [(facet.param, value) for value in values]
            if values and facet.param in self.match_all:
                pairs.append((facet.match_param, "all"))
        return pairs

    def extra_pairs(self):
        return []

    def params(self, page=None, without=None):
        """The URL query string for this search, optionally on another page or
        with one filter value (name, value) or a whole facet (name, None) removed."""
        pairs = [("q", self.q)] if self.q else []
        for name, value in self.facet_params:
            if without and name == without[0] and without[1] in (None, value):
                continue
            pairs.append((name, value))
        pairs += self.extra_pairs()
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    @property
    def querystring(self):
        return self.params()

    def without_q(self, **changes):
        return replace(self, typed=TypedText(), **changes)

    def has_any(self):
        return bool(self.q or self.facet_params)


TOTAL = 0  # the union's row for the results
UNSEARCHED = 1  # ...and for the base queryset, before any search or filter


class FacetedSearch:
    """One faceted list for one request.

    `base` is everything the viewer may see (the privacy verb applied); `facets`
    the declared facets; `params` the request's query parameters; `text_search`
    a TextSearch for ?q=. Subclasses order the results (`ordered`) and prepare a
    page's rows (`listed`)."""

    query_class = FacetedQuery
    page_size = 20
    # Also count the base queryset ("12 of 340 organizations").
    count_unsearched = False

    def __init__(self, base, facets, params, *, text_search=None):
        self.base = base
        self.declared = tuple(facets)
        self.text_search = text_search
        # Set once the words matched nothing exactly and close spellings are
        # searched instead (TextSearch.loosened).
        self.matched_loosely = False
        self.search = self.read_query(params)

    def read_query(self, params):
        return self.query_class.read(params, self.declared)

    @cached_property
    def matching_ids(self):
        """The text search's ids as a subquery; None when nothing was typed."""
        if not self.search.q or self.text_search is None:
            return None
        return self.text_search.ids(self.search.typed.words)

    def narrowed(self, skip=None):
        """The base narrowed by the text search and every facet's values, except
        the facet `skip` (how disjunctive counts are taken)."""
        queryset = self.base
        if self.matching_ids is not None:
            queryset = queryset.filter(pk__in=self.matching_ids)
        for facet in self.declared:
            values = self.search.values(facet.param)
            if values and facet.param != skip:
                match_all = facet.param in self.search.match_all
                queryset = facet.narrow(queryset, values, match_all=match_all)
        return queryset

    def _count_parts(self):
        parts = [grouped_counts(self.narrowed(), TOTAL, Value(""))]
        if self.count_unsearched:
            parts.append(grouped_counts(self.base, UNSEARCHED, Value("")))
        for index, facet in enumerate(self.declared, start=UNSEARCHED + 1):
            # A facet matching all its values narrows like any other filter, so
            # it is counted within the results, not disjunctively.
            conjunctive = facet.param in self.search.match_all
            skip = None if conjunctive else facet.param
            parts.append(facet.counts(self.narrowed(skip=skip), index))
        return parts

    def _counted(self):
        parts = self._count_parts()
        rows = {}
        for index, key, label, count in parts[0].union(*parts[1:], all=True):
            if key is not None:
                rows.setdefault(index, {})[key] = (label, count)
        return rows

    @cached_property
    def _count_rows(self):
        """{index: {key: (label, count)}} from one UNION ALL query; when the
        words found nothing and the backend can match close spellings, from a
        second one over those (the results and their order follow)."""
        rows = self._counted()
        if self.search.typed.words and not rows.get(TOTAL):
            loosened = self.text_search and self.text_search.loosened()
            if loosened is not None:
                self.text_search, self.matched_loosely = loosened, True
                self.__dict__.pop("matching_ids", None)
                rows = self._counted()
        return rows

    @cached_property
    def counts(self):
        """{facet param: {count key: count}}."""
        return {
            facet.param: {
                key: count
                for key, (_label, count) in self._count_rows.get(index, {}).items()
            }
            for index, facet in enumerate(self.declared, start=UNSEARCHED + 1)
        }

    def _labels(self, facet):
        index = self.declared.index(facet) + UNSEARCHED + 1
        return {
            key: label for key, (label, _n) in self._count_rows.get(index, {}).items()
        }

    @property
    def total(self):
        return self._count_rows.get(TOTAL, {}).get("", ("", 0))[1]

    @property
    def unsearched_total(self):
        return self._count_rows.get(UNSEARCHED, {}).get("", ("", 0))[1]

    @cached_property
    def facets(self):
        """[CountedFacet], in declaration order."""
        counted = []
        for facet in self.declared:
            chosen = self.search.values(facet.param)

            def remove(value, param=facet.param):
                return self.search.params(without=(param, value))

            options = facet.options(
                self.counts[facet.param], self._labels(facet), chosen, remove
            )
            listed = {option.value for option in options}
            selected = [option for option in options if option.selected] + [
                # Chosen but not offered: named as it was given.
                Option(value, value, 0, True, remove(value))
                for value in chosen
                if value not in listed
            ]
            counted.append(CountedFacet(facet, options, selected))
        return counted

    @property
    def selected_filters(self):
        """(facet, option) for every chosen value, each with the link removing it."""
        return [(facet, option) for facet in self.facets for option in facet.selected]

    def ordered(self):
        return self.narrowed().order_by("pk")

    def listed(self, object_list):
        """A page's rows, ready to show (subclasses add what the cards need)."""
        return list(object_list)

    @cached_property
    def page(self):
        """The page of results asked for; a page past the end is the last one."""
        # The count first: it settles whether the words matched exactly or loosely.
        count = self.total
        paginator = CountedPaginator(self.ordered(), self.page_size, count=count)
        page = paginator.get_page(self.search.page)
        page.object_list = self.listed(page.object_list)
        return page

    # Saying what was done with the request.

    def spelling_phrases(self):
        """Names and terms a misspelt search is corrected towards (did_you_mean):
        subclasses give theirs, in one query, only the viewer may see."""
        return []

    @cached_property
    def did_you_mean(self):
        """The search with its words corrected towards `spelling_phrases`, when
        they found nothing exactly; None otherwise."""
        words = self.search.typed.words
        if not words or (self.total and not self.matched_loosely):
            return None
        corrected = did_you_mean(words, known_words(self.spelling_phrases()))
        if corrected is None:
            return None
        return replace(self.search, typed=TypedText(corrected), page=1)

    @cached_property
    def notices(self):
        """What the person should know about how their request was read: every
        part of it that could not be used as given, in plain words."""
        search, notices = self.search, []
        typed = search.typed
        if typed.shortened:
            notices.append(
                _(
                    "Your search was long, so only its first %(max)d characters "
                    "were used."
                )
                % {"max": MAX_QUERY_LENGTH}
            )
        if typed.cleaned:
            notices.append(_("Control characters in your search were taken out."))
        if typed.text and not typed.words:
            notices.append(
                _("“%(q)s” has no letters or digits to search for: type some words.")
                % {"q": shown_back(typed.text)}
            )
        elif typed.has_syntax:
            notices.append(
                _(
                    "Quotation marks, brackets, symbols and AND, OR, NOT have no "
                    "special meaning here: the search looked for the words "
                    "“%(words)s”, all of them."
                )
                % {"words": typed.words}
            )
        if search.refused:
            named = [
                f"{label} “{shown_back(value)}”" if value else str(label)
                for label, value in search.refused[:NAMED_REFUSALS]
            ]
            more = len(search.refused) - len(named)
            if more:
                named.append(
                    ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
                )
            notices.append(
                _(
                    "Some filters in the address are not ones this list offers, "
                    "so they were left out: %(filters)s."
                )
                % {"filters": ", ".join(named)}
            )
        paged = page_notice(
            search.page, search.page_refused, self.page.paginator.num_pages
        )
        if paged:
            notices.append(paged)
        if self.matched_loosely and self.total:
            notices.append(
                _("Nothing matched “%(q)s” exactly; these are the closest matches.")
                % {"q": shown_back(typed.text)}
            )
        return notices
