"""One way to write a CSV cell, for every CSV the project produces.

Spreadsheets are where exports are opened, so every file is written for them:
- UTF-8 with a byte-order mark, without which Excel reads UTF-8 as its legacy code
  page and names with accents turn to garbage;
- dates and times in ISO 8601 without microseconds, times in the site's time zone
  with their offset, so a reader never has to guess the zone;
- a cell that a spreadsheet would run as a formula (it begins with =, +, -, @, a
  tab or a carriage return) is written with a leading apostrophe, which spreadsheets
  show as text (OWASP's advice against CSV injection). A supporter's name can be
  anything; the coordinator who opens the file must not run it.

Wagtail's own XLSX export already stores formula-looking cells as text.
"""

import datetime

from django.utils import timezone
from django.utils.encoding import force_str

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """`value` as the text of one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = value.replace(microsecond=0).isoformat()
    elif isinstance(value, datetime.time):
        text = value.replace(microsecond=0).isoformat()
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    else:
        text = force_str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SpreadsheetCellsMixin:
    """For a view with Wagtail's SpreadsheetExportMixin (a ModelViewSet index with
    `list_export`): its CSV export begins with the byte-order mark and writes every
    cell through `csv_cell`."""

    def preprocess_field_value(self, field, value, export_format):
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, (datetime.date, datetime.time)):
            # Wagtail's own steps first (a list becomes "a, b"), then the cell.
            value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value)

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)
