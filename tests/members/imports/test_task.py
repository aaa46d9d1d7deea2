"""The stored import and its background task: the file kept privately, status
and progress saved as it runs, the report kept, a task delivered twice run once."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.models import PageLogEntry

from members.imports import MappingFile, Report, guess_columns, queue_member_import
from members.imports.tasks import run_member_import
from members.models import MemberImport, MemberOrganizationPage
from tests.factories import UserFactory
from tests.members.imports.conftest import SAMPLE, csv_bytes

pytestmark = pytest.mark.django_db


def stored_import(data, name="members.csv", **fields):
    headers = ["Organisation", "Description", "City"]
    member_import = MemberImport(
        original_name=name,
        mapping=MappingFile.for_table(headers, guess_columns(headers)).as_dict(),
        **fields,
    )
    member_import.file.save(name, ContentFile(data), save=False)
    member_import.save()
    return member_import


def rows(count):
    return [["Organisation", "Description", "City"]] + [
        [f"Group {n}", "Works on rights.", "Houston"] for n in range(count)
    ]


def test_the_uploaded_file_is_kept_in_private_storage_not_under_media(directory):
    member_import = stored_import(csv_bytes(rows(1)))

    path = member_import.file.path

    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT) + "/")
    with pytest.raises(NotImplementedError):
        member_import.file.url  # noqa: B018 - no URL serves it


def test_the_task_runs_the_import_saving_progress_and_the_report(
    directory, monkeypatch
):
    coordinator = UserFactory(username="coordinator")
    member_import = stored_import(csv_bytes(rows(5)), created_by=coordinator)
    saved = []
    from members.imports import tasks

    original_save = tasks._save

    def spy(instance, **fields):
        saved.append(fields)
        original_save(instance, **fields)

    monkeypatch.setattr(tasks, "_save", spy)
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 2)

    run_member_import.enqueue(member_import.pk)

    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.DONE
    assert [(f["rows_done"], f["rows_total"]) for f in saved if "rows_total" in f] == [
        (0, 5),
        (2, 5),
        (4, 5),
        (5, 5),
    ]
    assert saved[0]["status"] == MemberImport.Status.RUNNING
    assert member_import.rows_done == member_import.rows_total == 5
    assert member_import.started_at <= member_import.finished_at
    report = Report.from_dict(member_import.report)
    assert report.created == 5
    assert MemberOrganizationPage.objects.count() == 5
    [entry] = PageLogEntry.objects.filter(action="members.import")
    assert entry.user_id == coordinator.pk
    assert entry.data["import_id"] == member_import.pk


def test_a_task_delivered_twice_imports_once(directory):
    member_import = stored_import(csv_bytes(rows(2)))

    run_member_import.enqueue(member_import.pk)
    run_member_import.enqueue(member_import.pk)

    assert MemberOrganizationPage.objects.count() == 2
    assert PageLogEntry.objects.filter(action="members.import").count() == 1


def test_a_file_that_cannot_be_read_fails_the_import_with_its_reason(directory):
    member_import = stored_import(b"\x00\x01binary", name="members.csv")

    run_member_import.enqueue(member_import.pk)

    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.FAILED
    assert "binary" in member_import.error
    assert member_import.finished_at is not None
    assert MemberOrganizationPage.objects.count() == 0


def test_queueing_runs_the_import_once_the_transaction_commits(
    directory, django_capture_on_commit_callbacks
):
    member_import = stored_import(SAMPLE.read_bytes(), name="sample-members.csv")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_member_import(member_import)
    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.QUEUED
    for callback in callbacks:
        callback()

    member_import.refresh_from_db()
    assert member_import.status == MemberImport.Status.DONE
    assert member_import.report["totals"]["created"] == 10
