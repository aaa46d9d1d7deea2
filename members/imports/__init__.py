"""Importing member organizations from a spreadsheet: one engine for both doors,
`manage.py import_members` and the coordinators' admin view.

The steps, and the call for each (every name below is importable from here):

1. **Read the file.** `table = open_table(file, name)` takes a path or a seekable
   binary file (an upload, `MemberImport.file`) and returns a `Table`:
   `table.headers` (list of str), `table.total_rows` (int or None),
   `table.describe()` ("CSV, UTF-8, semicolon-separated") and `table.rows()`,
   which streams `(row number, cells)` each time it is called. A file that cannot
   be read raises `UnreadableFile` (str() is the message to show): an empty file,
   a header with no rows, a binary file named .csv, an encoding other than
   UTF-8/UTF-16/Windows-1252, an unclosed quote.
2. **Map the columns.** `mapping = guess_columns(table.headers)` is
   `{column index: field}` (fields: `members.columns.IMPORTED_COLUMNS`). The
   coordinator may change it; `check_mapping(mapping, table.headers)` checks
   what comes back (raises `MappingError`), and `run_import` checks it again. An
   empty guess means no heading was recognized: say so (`MappingError` from
   `check_mapping`).
3. **See the values that match nothing, and decide them.** A dry run
   (`run_import(..., dry_run=True)`) returns a `Report` whose `unmatched` lists
   each distinct value once (`UnmatchedValue`: field, heading, value, rows,
   count, decision, note). Each decision is `check_decision(field, value, action,
   to)` ("map" / "alias" / "create" / "drop"; see `decisions`), collected in a
   `Decisions`. The whole of it travels as a `MappingFile`
   (`MappingFile.for_table(headers, mapping, decisions).dumps()` to download;
   `MappingFile.loads(text)` to read, raising `MappingFileError`;
   `mapping_file.mapping_for(headers)` and `mapping_file.decisions` to use).
4. **Preview.** The same dry run with the decisions: `report.rows` holds one
   `RowOutcome` per row (row, name, action "create" / "update" / "skip" /
   "error", reason, left_out, filled, invited), `report.totals()` the counts.
   For a stored draft (the admin view), `tasks.preview_stored_import(member_import)`
   runs it and keeps the report as the draft's preview; for a long file,
   `queue_member_import_preview(member_import)` runs that in the background.
5. **Confirm and run.** In the background: create a `MemberImport` (the file,
   `mapping` = `MappingFile.as_dict()`, the options, `created_by`) and call
   `queue_member_import(member_import)`, which enqueues the django-tasks task
   `run_member_import(import_id)` once the transaction commits. The task sets
   `status` (queued → running → done / failed), `rows_done` / `rows_total` every
   batch (200 rows), and stores `report` (`Report.as_dict()`; read it back with
   `Report.from_dict`). Or, in the foreground, `run_import(table, mapping,
   decisions, update=, strict=, send_invitations=, user=, progress=,
   file_name=)`; it writes one audit-log entry ("members.import") on the member
   directory page.

Rules every run keeps: rows are whole or not at all (a savepoint each); existing
members match by website domain, then by name and country, and are skipped, or
with `update=True` get only their empty fields filled; a later duplicate row in
the file is skipped naming the earlier; imported organizations are members-only
unless a visibility column says otherwise, and nothing announces them (no
revision is published); invitations are created and sent only with
`send_invitations=True` and never in a dry run; a dry run writes nothing.
"""

from members.imports.columns import MappingError, check_mapping, guess_columns
from members.imports.decisions import (
    Decision,
    Decisions,
    MappingFile,
    MappingFileError,
    check_decision,
)
from members.imports.reading import Table, UnreadableFile, open_table
from members.imports.report import Report, RowOutcome, UnmatchedValue
from members.imports.runner import LOG_ACTION, ImportRefused, run_import


def queue_member_import(member_import):
    """Run the stored import in the background once the current transaction
    commits (members.imports.tasks)."""
    from django.db import transaction

    from members.imports.tasks import run_member_import

    transaction.on_commit(lambda: run_member_import.enqueue(member_import.pk))


def queue_member_import_preview(member_import):
    """Dry-run the draft in the background, for its mapping as now saved, once
    the current transaction commits (members.imports.tasks)."""
    from django.db import transaction

    from members.imports.tasks import preview_member_import
    from members.models import MemberImport

    MemberImport.objects.filter(pk=member_import.pk).update(
        preview_status=MemberImport.Status.QUEUED, preview_rows_done=0
    )
    member_import.preview_status = MemberImport.Status.QUEUED
    import_id, version = member_import.pk, member_import.mapping_version
    transaction.on_commit(lambda: preview_member_import.enqueue(import_id, version))


__all__ = [
    "LOG_ACTION",
    "Decision",
    "Decisions",
    "ImportRefused",
    "MappingError",
    "MappingFile",
    "MappingFileError",
    "Report",
    "RowOutcome",
    "Table",
    "UnmatchedValue",
    "UnreadableFile",
    "check_decision",
    "check_mapping",
    "guess_columns",
    "open_table",
    "queue_member_import",
    "queue_member_import_preview",
    "run_import",
]
