"""One way to write a spreadsheet, for every CSV and XLSX the project produces.

Wagtail's SpreadsheetExportMixin (wagtail/admin/views/mixins.py) does the work:
headings, rows, the streamed CSV, the XLSX workbook, and its own guard that an
XLSX cell openpyxl would read as a formula (text starting with "=") is stored as
text. `SpreadsheetCellsMixin` adds what it leaves out, because spreadsheets are
where exports are opened:

- UTF-8 with a byte-order mark, without which Excel reads UTF-8 as its legacy code
  page and names with accents turn to garbage;
- dates and times in ISO 8601 without microseconds, times in the site's time zone
  (settings.TIME_ZONE) with their offset, so a reader never has to guess the zone
  and coordinators read the network's own clock. XLSX holds no time zones: there
  the same local time is a spreadsheet date shown as "yyyy-mm-dd hh:mm:ss";
- a cell that a spreadsheet would run as a formula (it begins with =, +, -, @, a
  tab or a carriage return) is written with a leading apostrophe, which spreadsheets
  show as text, and every CSV cell is quoted, so that a spreadsheet splitting on
  ";" cannot start a new cell inside one (OWASP's advice against CSV injection).
  In XLSX such a cell stays text with its words unchanged, marked with the quote
  prefix that keeps it text even when someone edits it. A supporter's name can be
  anything; the coordinator who opens the file must not run it.

Every index view of the project's viewsets has it through
home.admin_filters.BoundedIndexView; rows that are no listing's are written by
`Spreadsheet`. `read_csv_cell` reads a cell back as it was (the import).
Exports are written to Wagtail's audit log with `log_export`.
"""

import csv
import datetime

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import mixins as wagtail_spreadsheets
from wagtail.log_actions import LogFormatter, log

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALIZER = "'"

XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_TIME_FORMAT = "hh:mm:ss"


def could_run(text):
    """Whether a spreadsheet could run `text` as a formula."""
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


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
    return NEUTRALIZER + text if could_run(text) else text


def read_csv_cell(text):
    """A CSV cell's text as it was before `csv_cell` wrote it: the apostrophe it
    put before a formula character taken away, anything else as it is."""
    if text.startswith(NEUTRALIZER) and could_run(text[len(NEUTRALIZER) :]):
        return text[len(NEUTRALIZER) :]
    return text


def xlsx_value(value):
    """Dates and times as an XLSX cell holds them: to the second, datetimes in the
    site's time zone without it (openpyxl refuses zones)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value.replace(microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0, tzinfo=None)
    return value


class SpreadsheetCellsMixin:
    """For a view with Wagtail's SpreadsheetExportMixin (a ModelViewSet index with
    `list_export`): its CSV begins with the byte-order mark and writes every cell
    through `csv_cell`, quoted; its XLSX writes dates and times with `xlsx_value`
    in ISO formats and marks formula-looking text as text."""

    def preprocess_field_value(self, field, value, export_format):
        own_step = export_format in self.custom_field_preprocess.get(field, {})
        if isinstance(value, (datetime.date, datetime.time)) and not own_step:
            # Wagtail's own step would make XLSX datetimes UTC.
            if export_format == self.FORMAT_CSV:
                return csv_cell(value)
            return xlsx_value(value)
        # Wagtail's own steps first (a list becomes "a, b"), then the cell.
        value = super().preprocess_field_value(field, value, export_format)
        return csv_cell(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK.encode()
        # Wagtail's stream, with every cell quoted.
        writer = csv.DictWriter(
            wagtail_spreadsheets.Echo(),
            fieldnames=self.list_export,
            quoting=csv.QUOTE_ALL,
        )
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Wagtail formats datetimes as the locale's short format; these are ISO.
        for cell in super().generate_xlsx_row(worksheet, row_dict):
            value = cell.value
            if isinstance(value, datetime.datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            elif isinstance(value, datetime.time):
                cell.number_format = XLSX_TIME_FORMAT
            elif could_run(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell


class Spreadsheet(SpreadsheetCellsMixin, wagtail_spreadsheets.SpreadsheetExportMixin):
    """The same writer for rows that are no Wagtail listing's.

    `columns` is a list of (key, heading); `row` turns one item into {key: value};
    `filename` has no extension. `response(items, format)` answers with the file,
    "csv" (streamed) or "xlsx"."""

    def __init__(self, columns, row, filename):
        self.list_export = [key for key, _heading in columns]
        self.export_headings = dict(columns)
        self.row = row
        self.export_filename = filename

    def to_row_dict(self, item):
        return self.row(item)

    def response(self, items, spreadsheet_format):
        if spreadsheet_format not in self.FORMATS:
            raise ValueError(f"No spreadsheet format {spreadsheet_format!r}")
        return self.as_spreadsheet(items, spreadsheet_format)


# --- Exports in Wagtail's audit log -------------------------------------------

# Named when only campaigns exported; kept so that earlier entries keep their
# label in the log.
EXPORT_ACTION = "campaigns.export"


def log_export(user, instance, what, rows):
    """The one way an export is written to Wagtail's audit log: who exported how
    many rows of what (plain words: "pledges", "organizations"), on the page or
    object they came from."""
    log(
        instance=instance,
        action=EXPORT_ACTION,
        user=user,
        data={"what": what, "rows": rows},
    )


class ExportFormatter(LogFormatter):
    label = _("Export")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Exported %(rows)s %(what)s") % {
            "rows": data.get("rows", "?"),
            "what": data.get("what", _("rows")),
        }


def register_export_log_action(registry):
    """For the register_log_actions hook (home/wagtail_hooks.py)."""
    registry.register_action(EXPORT_ACTION)(ExportFormatter)
