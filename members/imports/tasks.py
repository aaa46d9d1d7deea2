"""The background run of a stored import (django-tasks: the immediate backend in
development and tests, the database backend and its worker in production), so a
long file never runs inside a request. Progress is saved after every batch.

The admin view's preview is the same run as a dry run (`preview_stored_import`):
inline for a short file, or as the `preview_member_import` task for a long one.
It keeps its report on the MemberImport with the mapping_version it read, and a
preview of a mapping the coordinator has since changed is dropped, never shown.
When a contact-email column is mapped, the dry run counts the invitations a run
would send, so the confirmation can say how many."""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from members.imports.decisions import MappingFile
from members.imports.reading import open_table
from members.models import MemberImport

# Rows a batch holds: progress is saved after each.
PROGRESS_EVERY = 200

logger = logging.getLogger(__name__)


def _save(member_import, **fields):
    for name, value in fields.items():
        setattr(member_import, name, value)
    MemberImport.objects.filter(pk=member_import.pk).update(**fields)


@task()
def run_member_import(import_id):
    """Run MemberImport `import_id` once: a queued import becomes running, then
    done (with its report) or failed (with the reason). Any other status is left
    alone, so a task delivered twice imports once."""
    with transaction.atomic():
        member_import = (
            MemberImport.objects.select_for_update()
            .defer("preview_report")
            .filter(pk=import_id, status=MemberImport.Status.QUEUED)
            .first()
        )
        if member_import is None:
            return
        _save(
            member_import, status=MemberImport.Status.RUNNING, started_at=timezone.now()
        )

    def progress(done, total):
        _save(member_import, rows_done=done, rows_total=total)

    try:
        report = run_stored(member_import, progress=progress)
    except Exception as error:  # noqa: BLE001 - recorded for the coordinator to see
        _save(
            member_import,
            status=MemberImport.Status.FAILED,
            error=str(error) or error.__class__.__name__,
            finished_at=timezone.now(),
        )
        return
    _save(
        member_import,
        status=MemberImport.Status.DONE,
        report=report.as_dict(),
        rows_done=report.rows_done,
        finished_at=timezone.now(),
    )


def run_stored(member_import, *, dry_run=False, progress=None):
    """The engine's run of a stored import: its file, its mapping and decisions,
    its options, in the name of `created_by`; the Report."""
    from members.imports.runner import run_import

    with member_import.file.open("rb") as handle:
        table = open_table(
            handle, member_import.original_name or member_import.file.name
        )
        mapping_file = MappingFile.from_dict(member_import.mapping)
        mapping = mapping_file.mapping_for(table.headers)
        return run_import(
            table,
            mapping,
            mapping_file.decisions,
            update=member_import.update,
            strict=member_import.strict,
            # A dry run sends nothing; it counts what a run could send.
            send_invitations=(
                "contact_email" in mapping.values()
                if dry_run
                else member_import.send_invitations
            ),
            dry_run=dry_run,
            user=member_import.created_by,
            progress=progress,
            file_name=member_import.original_name,
            log_data={"door": "admin", "import_id": member_import.pk},
            batch_size=PROGRESS_EVERY,
        )


def preview_stored_import(member_import):
    """Dry-run the draft as its mapping now stands and keep the report as its
    preview (preview_status done, or failed with the reason), with the
    mapping_version it read. Nothing is kept if the mapping changed meanwhile
    (a newer preview is on its way). The Report, or None."""
    version = member_import.mapping_version
    current = MemberImport.objects.filter(pk=member_import.pk, mapping_version=version)
    current.update(preview_status=MemberImport.Status.RUNNING, preview_rows_done=0)

    def progress(done, total):
        current.update(preview_rows_done=done)

    try:
        report = run_stored(member_import, dry_run=True, progress=progress)
    except Exception as error:  # recorded for the coordinator to see, and logged
        from members.imports import ImportRefused, MappingError, UnreadableFile
        from members.imports.decisions import MappingFileError

        expected = (UnreadableFile, MappingError, MappingFileError, ImportRefused)
        if not isinstance(error, expected):
            logger.exception("Preview of member import %s failed", member_import.pk)
        current.update(
            preview_status=MemberImport.Status.FAILED,
            preview_version=version,
            preview_error=str(error) or error.__class__.__name__,
        )
        return None
    kept = current.update(
        preview_status=MemberImport.Status.DONE,
        preview_version=version,
        preview_report=report.as_dict(),
        preview_rows_done=report.rows_done,
        preview_error="",
    )
    return report if kept else None


@task()
def preview_member_import(import_id, version):
    """The preview of a long file, in the background: once, for the mapping
    version it was queued for, while the import is still a draft."""
    with transaction.atomic():
        member_import = (
            MemberImport.objects.select_for_update()
            .defer("report", "preview_report")
            .filter(
                pk=import_id,
                status=MemberImport.Status.DRAFT,
                mapping_version=version,
                preview_status=MemberImport.Status.QUEUED,
            )
            .first()
        )
        if member_import is None:
            return
        _save(member_import, preview_status=MemberImport.Status.RUNNING)
    preview_stored_import(member_import)
