"""What a faceted search shows of its counts: each facet with its options, the long
ones folded, and a paginator that already knows the total."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from home.facets.kinds import Facet, by_count

# A long facet folds only when that hides at least this many values.
FOLD_AT_LEAST = 3


@dataclass
class CountedFacet:
    """A facet with its options for one search, as templates show it."""

    facet: Facet
    options: list
    # Every chosen value, listed or not, each with the link that removes it.
    selected: list

    @property
    def name(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label

    @property
    def kind(self):
        return self.facet.kind

    @property
    def multiple(self):
        return self.facet.multiple

    @cached_property
    def _fold(self):
        """(shown, folded): a long facet shows its `facet.shown` most used values
        and folds the rest, each part in the facet's own order. Folding only one
        or two values would hide less than the fold itself takes up."""
        limit = self.facet.shown
        if not limit or len(self.options) <= limit + FOLD_AT_LEAST - 1:
            return self.options, []
        top = {id(option) for option in sorted(self.options, key=by_count)[:limit]}
        return (
            [option for option in self.options if id(option) in top],
            [option for option in self.options if id(option) not in top],
        )

    @property
    def shown(self):
        return self._fold[0]

    @property
    def folded(self):
        return self._fold[1]

    @property
    def folded_has_selection(self):
        return any(option.selected for option in self.folded)


class CountedPaginator(Paginator):
    """A paginator told its count (from the facet query) so it need not ask."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count
