"""The background run of a stored import (django-tasks: the immediate backend in
development and tests, the database backend and its worker in production), so a
long file never runs inside a request. Progress is saved after every batch."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from members.imports.decisions import MappingFile
from members.imports.reading import open_table
from members.models import MemberImport

# Rows a batch holds: progress is saved after each.
PROGRESS_EVERY = 200


def _save(member_import, **fields):
    for name, value in fields.items():
        setattr(member_import, name, value)
    MemberImport.objects.filter(pk=member_import.pk).update(**fields)


@task()
def run_member_import(import_id):
    """Run MemberImport `import_id` once: a queued import becomes running, then
    done (with its report) or failed (with the reason). Any other status is left
    alone, so a task delivered twice imports once."""
    from members.imports.runner import run_import

    with transaction.atomic():
        member_import = (
            MemberImport.objects.select_for_update()
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
        with member_import.file.open("rb") as handle:
            table = open_table(
                handle, member_import.original_name or member_import.file.name
            )
            mapping_file = MappingFile.from_dict(member_import.mapping)
            report = run_import(
                table,
                mapping_file.mapping_for(table.headers),
                mapping_file.decisions,
                update=member_import.update,
                strict=member_import.strict,
                send_invitations=member_import.send_invitations,
                user=member_import.created_by,
                progress=progress,
                file_name=member_import.original_name,
                log_data={"door": "admin", "import_id": member_import.pk},
                batch_size=PROGRESS_EVERY,
            )
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
