"""Declared facets: each reads one URL parameter, says which values it accepts,
how chosen values narrow a queryset and how a queryset's rows are counted by
value (grouped rows, ready for the one UNION ALL that home.facets.search runs)."""

from dataclasses import dataclass

from django.db.models import CharField, Count, F, IntegerField, Q, Value
from django.db.models.functions import Cast, ExtractYear

from home.facets.words import without_control_characters
from home.validation import parse_bounded_int

# A facet keeps at most this many values, each at most this long.
MAX_VALUES = 40
MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class Choice:
    """A value a facet offers whatever the counts say (a vocabulary term, an enum
    member): `value` goes in the URL, `key` is what its count is grouped by (the
    value itself unless the facet counts by id)."""

    value: str
    label: str
    key: object = None

    @property
    def count_key(self):
        return str(self.value if self.key is None else self.key)


@dataclass
class Option:
    """One value of a facet as a person sees it."""

    value: str
    label: str
    count: int
    selected: bool = False
    # The search's query string without this value (for chosen values only).
    remove_params: str = ""


def by_label(option):
    return str(option.label).casefold()


def by_count(option):
    """Most results first, then by name."""
    return (-option.count, str(option.label))


def grouped_counts(queryset, index, key, label=None, count=None):
    """Rows of (index, key, label, count) of `queryset` grouped by `key`, ready to
    UNION ALL with other facets' rows: the one query every count arrives in."""
    text = CharField()
    return (
        queryset.order_by()
        .annotate(
            facet_index=Value(index, output_field=IntegerField()),
            facet_key=Cast(key, output_field=text),
            facet_label=Value("", text) if label is None else Cast(label, text),
        )
        .values("facet_index", "facet_key", "facet_label")
        .annotate(facet_count=count or Count("pk", distinct=True))
        .values_list("facet_index", "facet_key", "facet_label", "facet_count")
    )


class Facet:
    """One way to narrow a list, read from the URL parameter `param`.

    Subclasses say how chosen values narrow a queryset (`narrow`) and how a
    queryset's rows are counted by value (`counts`). The options shown are
    `choices` in their order (kept when they have results or are chosen) or, with
    no choices, the values the counts find, labelled by `labels` and sorted by
    `order`. A chosen value with no results stays listed (so it can be unticked)
    unless `keep_selected` is off (a select, where it would read "(0)").
    """

    kind = "values"
    # A refused value is named back to the person who gave it, unless naming it
    # could confirm something (an organization's slug).
    names_refused = True

    def __init__(
        self,
        param,
        label,
        *,
        multiple=True,
        choices=None,
        allowed=None,
        labels=None,
        order=by_label,
        keep_selected=True,
        shown=None,
        match_param=None,
    ):
        self.param = param
        self.label = label
        self.multiple = multiple
        self.choices = list(choices) if choices is not None else None
        if allowed is None and self.choices is not None:
            allowed = {choice.value for choice in self.choices}
        self.allowed = allowed
        self.labels = labels or {}
        self.order = order
        self.keep_selected = keep_selected
        # Long lists (fifty states) show this many and fold the rest; None: all.
        self.shown = shown
        # A multi-value facet may combine its values with "all" instead of "any":
        # ?<match_param>=all.
        self.match_param = match_param

    def __repr__(self):
        return f"<{type(self).__name__} {self.param}>"

    # Reading the URL.

    def choose(self, params):
        """(chosen, refused): the values read, and those given that were dropped
        (unknown, malformed, one too many), for the list to say so."""
        given = self.given(params)
        chosen = self.accept(given)[:MAX_VALUES]
        return chosen, self.refused(given, chosen)

    def given(self, params):
        """The values in the URL, cleaned of control characters and spaces,
        distinct, and bounded in length and number, before they are checked."""
        if self.multiple:
            raw = params.getlist(self.param)[: MAX_VALUES * 2]
        else:
            raw = [params.get(self.param, "")]
        values = []
        for value in raw:
            value = without_control_characters(value).strip()[:MAX_VALUE_LENGTH]
            if value and value not in values:
                values.append(value)
        return values

    def refused(self, given, chosen):
        """The values given that the facet did not take."""
        return [value for value in given if value not in chosen]

    def accept(self, values):
        """The values this facet can take (a subclass may ask the database)."""
        if self.allowed is None:
            return values
        return [value for value in values if value in self.allowed]

    def reads_match_all(self, params):
        return bool(self.match_param) and params.get(self.match_param) == "all"

    # Querying.

    def narrow(self, queryset, values, match_all=False):
        raise NotImplementedError

    def counts(self, queryset, index):
        """grouped_counts rows of `queryset`, already narrowed by every other
        facet, by this facet's values."""
        raise NotImplementedError

    # Showing.

    def label_for(self, value):
        return self.labels.get(value, value)

    def options(self, counts, labels, chosen, remove):
        """[Option] as shown, from {count key: count} and {count key: label}."""
        if self.choices is not None:
            listed = [
                (choice.value, choice.label, counts.get(choice.count_key, 0))
                for choice in self.choices
            ]
        else:
            found = {
                key: (labels.get(key) or self.label_for(key), count)
                for key, count in counts.items()
                if key
            }
            if self.keep_selected:
                for value in chosen:
                    found.setdefault(value, (self.label_for(value), 0))
            listed = [(value, label, count) for value, (label, count) in found.items()]
        options = []
        for value, label, count in listed:
            selected = value in chosen
            if count or (selected and self.keep_selected):
                removal = remove(value) if selected else ""
                options.append(Option(value, label, count, selected, removal))
        if self.choices is None:
            options.sort(key=self.order)
        return options


class ChoiceFacet(Facet):
    """Values of one column of the list's own rows (a choice field, a place)."""

    def __init__(self, param, label, *, field, **options):
        super().__init__(param, label, **options)
        self.field = field

    @classmethod
    def from_choices(cls, param, label, choices, **options):
        """A facet over a column with Django choices (`choices`, a TextChoices):
        every member offered in its declared order; the column is named like
        the URL parameter unless `field` says otherwise."""
        options.setdefault("field", param)
        members = [Choice(value, text) for value, text in choices.choices]
        return cls(param, label, choices=members, **options)

    def narrow(self, queryset, values, match_all=False):
        return queryset.filter(**{f"{self.field}__in": values})

    def counts(self, queryset, index):
        return grouped_counts(queryset, index, F(self.field))


class RelatedFacet(Facet):
    """Values of related rows, through a tag or many-to-many model `through` whose
    `owner` field points at the list's rows: narrows by `value` (a path on the
    through model, e.g. "tag__slug"), counts by `count_key` (the same, or an id
    for lists that label values from a vocabulary) and labels by `count_label`.
    `among` limits which related rows are counted (say, only those the viewer
    may see)."""

    def __init__(
        self,
        param,
        label,
        *,
        through,
        owner,
        value,
        count_key=None,
        count_label=None,
        among=None,
        **options,
    ):
        super().__init__(param, label, **options)
        self.through = through
        self.owner = owner
        self.value = value
        self.count_key = count_key or value
        self.count_label = count_label
        self.among = among

    def _owners(self, **lookup):
        return self.through.objects.filter(**lookup).values(self.owner)

    def narrow(self, queryset, values, match_all=False):
        if match_all:
            for value in values:
                queryset = queryset.filter(pk__in=self._owners(**{self.value: value}))
            return queryset
        return queryset.filter(pk__in=self._owners(**{f"{self.value}__in": values}))

    def counts(self, queryset, index):
        rows = self.through.objects.filter(
            **{f"{self.owner}__in": queryset.values("pk")}
        )
        if self.among is not None:
            rows = rows.filter(self.among)
        return grouped_counts(
            rows,
            index,
            F(self.count_key),
            F(self.count_label) if self.count_label else None,
            Count(self.owner, distinct=True),
        )


class FlagFacet(Facet):
    """A yes-or-no filter on a boolean column, one checkbox: ?<param>=1."""

    kind = "flag"
    ON = "1"

    def __init__(self, param, label, *, field, option_label, **options):
        options.setdefault("choices", [Choice(self.ON, option_label)])
        super().__init__(param, label, multiple=False, **options)
        self.field = field

    YES = {"1", "on", "true", "yes"}
    NO = {"0", "off", "false", "no"}

    def given(self, params):
        value = params.get(self.param, "")[:MAX_VALUE_LENGTH]
        return [value] if value else []

    def accept(self, values):
        return [self.ON] if values and values[0] in self.YES else []

    def refused(self, given, chosen):
        return [value for value in given if value not in self.YES | self.NO]

    def narrow(self, queryset, values, match_all=False):
        return queryset.filter(**{self.field: True})

    def counts(self, queryset, index):
        return grouped_counts(
            queryset.filter(**{self.field: True}), index, Value(self.ON)
        )


def newest_first(option):
    return -int(option.value)


class YearFacet(Facet):
    """The year of a date column: ?<param>=2024 (four ASCII digits)."""

    def __init__(self, param, label, *, field, **options):
        options.setdefault("order", newest_first)
        super().__init__(param, label, **options)
        self.field = field

    def accept(self, values):
        return [value for value in values if parse_bounded_int(value, 1000, 9999)]

    def narrow(self, queryset, values, match_all=False):
        years = Q()
        for value in values:
            years |= Q(**{f"{self.field}__year": int(value)})
        return queryset.filter(years)

    def counts(self, queryset, index):
        return grouped_counts(queryset, index, ExtractYear(self.field))
