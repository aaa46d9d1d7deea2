"""The one spreadsheet writer (home.spreadsheets): UTF-8 with a byte-order mark,
ISO dates without microseconds in the site's zone, every formula start made
harmless in CSV and XLSX, and every export of the admin written through it."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import path
from openpyxl import load_workbook
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import registry as log_actions

from home.spreadsheets import (
    BYTE_ORDER_MARK,
    EXPORT_ACTION,
    FORMULA_STARTS,
    Spreadsheet,
    SpreadsheetCellsMixin,
    csv_cell,
    read_csv_cell,
)
from tests.test_url_guards import every_url_pattern, view_class, view_initkwargs

# Each way a cell can begin that a spreadsheet would run, with a payload.
FORMULAS = [
    start + 'HYPERLINK("http://evil.example/","Click")' for start in FORMULA_STARTS
]
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
MOMENT = datetime.datetime(2026, 7, 18, 16, 5, 9, 123456, tzinfo=datetime.UTC)


def sheet():
    return Spreadsheet(
        [("text", "Text"), ("when", "When"), ("day", "Day")],
        lambda row: dict(zip(("text", "when", "day"), row, strict=True)),
        "test",
    )


def csv_text(rows):
    response = sheet().response(rows, "csv")
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text[len(BYTE_ORDER_MARK) :], newline="")))


def xlsx_rows(rows):
    response = sheet().response(rows, "xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows())


def test_the_file_is_utf8_with_a_byte_order_mark():
    text = csv_text([("José Muñoz · Ñandú", None, None)])

    assert text.startswith(BYTE_ORDER_MARK + '"Text","When","Day"\r\n')
    assert '"José Muñoz · Ñandú"' in text


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_formula_start_is_written_as_text_in_csv_and_read_back(formula):
    text = csv_text([(formula, None, None)])

    cell = csv_rows(text)[1][0]
    assert cell == "'" + formula
    assert read_csv_cell(cell) == formula


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_formula_start_stays_text_in_xlsx_with_its_words_unchanged(formula):
    cell = xlsx_rows([(formula, None, None)])[1][0]

    # XML reads a carriage return back as a line feed.
    assert cell.value == formula.replace("\r", "\n")
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize(
    "value", ["Rosa Álvarez", "1 + 1", "a=b", "user@example.org", "", "'quoted"]
)
def test_ordinary_cells_are_written_and_read_back_as_they_are(value):
    assert csv_cell(value) == value
    assert read_csv_cell(value) == value


def test_every_cell_is_quoted_so_a_semicolon_cannot_start_a_new_one():
    """Excel set to split on ";" (many European locales) would read a new cell,
    a formula, after it unless the cell is quoted."""
    text = csv_text([("Bob;=SUM(1+1)", None, None)])

    assert '\r\n"Bob;=SUM(1+1)","",""\r\n' in text


def test_dates_and_times_are_iso_in_the_sites_zone_without_microseconds():
    text = csv_text([("Rosa", MOMENT, datetime.date(2026, 7, 18))])

    assert '"Rosa","2026-07-18T12:05:09-04:00","2026-07-18"' in text


def test_xlsx_dates_are_spreadsheet_dates_in_the_sites_zone_shown_as_iso():
    row = xlsx_rows([("Rosa", MOMENT, datetime.date(2026, 7, 18))])[1]

    assert row[1].value == datetime.datetime(2026, 7, 18, 12, 5, 9)
    assert row[1].number_format == "yyyy-mm-dd hh:mm:ss"
    assert row[2].value == datetime.date(2026, 7, 18)
    assert row[2].number_format == "yyyy-mm-dd"


def test_naive_datetimes_are_read_as_the_sites_time():
    naive = datetime.datetime(2026, 1, 5, 9, 30, 0, 5)

    assert csv_cell(naive) == "2026-01-05T09:30:00"
    assert csv_text([("x", naive, None)]).count("2026-01-05T09:30:00") == 1


def test_exports_have_one_name_in_the_audit_log():
    log_actions.scan_for_actions()

    assert log_actions.get_action_label(EXPORT_ACTION) == "Export"


# --- every export of the admin goes through the writer ---------------------------


def exporting_views(patterns=None):
    """(route, view class) of every view that can write a Wagtail spreadsheet
    export: built on its mixin, with columns to export."""
    found = []
    for route, pattern in every_url_pattern(patterns):
        cls = view_class(pattern.callback)
        if not (isinstance(cls, type) and issubclass(cls, SpreadsheetExportMixin)):
            continue
        columns = view_initkwargs(pattern.callback).get("list_export", cls.list_export)
        if columns:
            found.append((route, cls))
    return found


# Wagtail's own reports, which its core admin URLs serve before any project hook
# could: they export page titles, people and dates with Wagtail's writer alone.
# Left as they are (a known gap: routing them through home.spreadsheets means
# serving these reports from the project's own URLs).
WAGTAILS_OWN_EXPORTS = {
    "wagtail.admin.views.reports.locked_pages.LockedPagesView",
    "wagtail.admin.views.reports.workflows.WorkflowView",
    "wagtail.admin.views.reports.workflows.WorkflowTasksView",
    "wagtail.admin.views.reports.audit_logging.LogEntriesView",
    "wagtail.admin.views.reports.aging_pages.AgingPagesView",
    "wagtail.contrib.redirects.views.IndexView",
}


@pytest.mark.django_db
def test_every_admin_export_of_the_project_is_written_by_home_spreadsheets():
    exports = {
        route: f"{cls.__module__}.{cls.__qualname__}"
        for route, cls in exporting_views()
        if not issubclass(cls, SpreadsheetCellsMixin)
    }

    assert {
        route
        for route, _cls in exporting_views()
        if route.startswith("admin/campaigns")
    } == {
        "admin/campaigns/pledges/",
        "admin/campaigns/pledges/results/",
        "admin/campaigns/sign-ons/",
        "admin/campaigns/sign-ons/results/",
    }
    assert {
        route: name
        for route, name in exports.items()
        if name not in WAGTAILS_OWN_EXPORTS
    } == {}


def test_the_check_finds_an_export_written_beside_the_writer():
    class PlainIndexView(IndexView):
        pass

    patterns = [path("plain/", PlainIndexView.as_view(list_export=["title"]))]

    assert exporting_views(patterns) == [("plain/", PlainIndexView)]
