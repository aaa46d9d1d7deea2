"""The engine's one addition for the admin view: the preview of a stored draft
(members.imports.tasks.preview_stored_import and the preview_member_import task),
a dry run of the stored file that keeps its report for the mapping version it
read, writes nothing and sends nothing."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from wagtail.models import PageLogEntry

from members.imports import (
    MappingFile,
    Report,
    guess_columns,
    queue_member_import_preview,
)
from members.imports.tasks import preview_member_import, preview_stored_import
from members.models import Invitation, MemberImport, MemberOrganizationPage
from tests.factories import UserFactory
from tests.members.imports.conftest import SAMPLE

pytestmark = pytest.mark.django_db

HEADERS = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")


def draft(data=None, version=1, **fields):
    member_import = MemberImport(
        original_name="sample-members.csv",
        status=MemberImport.Status.DRAFT,
        mapping=MappingFile.for_table(HEADERS, guess_columns(HEADERS)).as_dict(),
        mapping_version=version,
        rows_total=12,
        created_by=UserFactory(),
        **fields,
    )
    member_import.file.save(
        "sample-members.csv",
        ContentFile(SAMPLE.read_bytes() if data is None else data),
        save=False,
    )
    member_import.save()
    return member_import


def test_the_preview_is_a_dry_run_kept_with_the_version_it_read(directory):
    member_import = draft(version=3)

    report = preview_stored_import(member_import)

    member_import.refresh_from_db()
    assert member_import.preview_status == MemberImport.Status.DONE
    assert member_import.preview_version == 3
    assert member_import.has_current_preview
    assert member_import.preview_rows_done == 12
    kept = Report.from_dict(member_import.preview_report)
    assert kept.dry_run and report.dry_run
    assert kept.totals() == report.totals()
    assert kept.created == 10
    # A dry run: nothing written, logged, invited or sent.
    assert MemberOrganizationPage.objects.count() == 0
    assert not PageLogEntry.objects.filter(action="members.import").exists()
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    assert member_import.status == MemberImport.Status.DRAFT


def test_the_preview_counts_the_invitations_a_run_could_send(directory):
    member_import = draft()

    report = preview_stored_import(member_import)

    assert report.send_invitations
    assert report.invitations == 5  # new organizations with a contact email
    assert mail.outbox == []


def test_a_preview_of_a_mapping_changed_meanwhile_is_not_kept(directory):
    member_import = draft(version=1)
    MemberImport.objects.filter(pk=member_import.pk).update(mapping_version=2)

    assert preview_stored_import(member_import) is None

    member_import.refresh_from_db()
    assert member_import.preview_report == {}
    assert member_import.preview_status == ""
    assert not member_import.has_current_preview


def test_a_file_that_cannot_be_read_fails_the_preview_with_its_reason(directory):
    member_import = draft(data=b"%PDF-1.4")

    assert preview_stored_import(member_import) is None

    member_import.refresh_from_db()
    assert member_import.preview_status == MemberImport.Status.FAILED
    assert "is not text" in member_import.preview_error
    assert member_import.preview_version == 1


def test_the_task_previews_a_queued_draft_once_for_its_version(
    directory, django_capture_on_commit_callbacks
):
    member_import = draft(version=2)

    with django_capture_on_commit_callbacks(execute=True):
        queue_member_import_preview(member_import)

    member_import.refresh_from_db()
    assert member_import.has_current_preview
    # Delivered again, or for another version, or once confirmed: nothing.
    MemberImport.objects.filter(pk=member_import.pk).update(preview_report={})
    preview_member_import.enqueue(member_import.pk, 2)
    preview_member_import.enqueue(member_import.pk, 1)
    member_import.refresh_from_db()
    assert member_import.preview_report == {}


def test_the_task_leaves_an_import_no_longer_a_draft_alone(directory):
    member_import = draft(version=1)
    MemberImport.objects.filter(pk=member_import.pk).update(
        status=MemberImport.Status.QUEUED, preview_status=MemberImport.Status.QUEUED
    )

    preview_member_import.enqueue(member_import.pk, 1)

    member_import.refresh_from_db()
    assert member_import.preview_status == MemberImport.Status.QUEUED
    assert member_import.preview_report == {}
