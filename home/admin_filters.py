"""List filters for the project's Wagtail admin listings.

Wagtail builds a listing's filters from `list_filter` with django-filter, whose
choice fields look a chosen id up as given: `?campaign=99999999999999999999` on
the pledge export overflowed the database into a 500. These filters use
home.validation's fields, which refuse ids no row can have first. Index views of
the project's viewsets set `base_filterset_class = BoundedFilterSet`.

BoundedIndexView, the project's listing, also writes its CSV and XLSX exports
the one way home.spreadsheets writes every spreadsheet.
"""

import django_filters
from django_filters import fields as filter_fields
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView

from home import validation
from home.spreadsheets import SpreadsheetCellsMixin


class _ModelChoiceField(filter_fields.ModelChoiceField, validation.ModelChoiceField):
    pass


class _ModelMultipleChoiceField(
    filter_fields.ModelMultipleChoiceField, validation.ModelMultipleChoiceField
):
    pass


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _ModelChoiceField


class ModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _ModelMultipleChoiceField


_BOUNDED = {
    django_filters.ModelChoiceFilter: ModelChoiceFilter,
    django_filters.ModelMultipleChoiceFilter: ModelMultipleChoiceFilter,
}


class BoundedFilterSet(WagtailFilterSet):
    FILTER_DEFAULTS = {
        model_field: {
            **spec,
            "filter_class": _BOUNDED.get(spec["filter_class"], spec["filter_class"]),
        }
        for model_field, spec in WagtailFilterSet.FILTER_DEFAULTS.items()
    }


class BoundedIndexView(SpreadsheetCellsMixin, IndexView):
    """Wagtail's listing, its filters built with BoundedFilterSet and its exports
    written by home.spreadsheets."""

    base_filterset_class = BoundedFilterSet
