"""A member import run from the admin: the uploaded file (kept in the private
storage, never under MEDIA_ROOT, which anyone may fetch), how its columns map and
what was decided for its values, and how the background run went
(members.imports.tasks.run_member_import).

While the coordinator prepares it (status "draft", set by the admin view), each
saved change of the columns or decisions counts up `mapping_version`, and the dry
run that previews it (members.imports.tasks.preview_stored_import, inline or as
the preview_member_import task) keeps its report with the version it read, so a
preview is only ever shown, and confirmed, for the mapping it was made from."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """The storage no URL serves (home.storage.PrivateStorage)."""
    return storages["private"]


class MemberImport(models.Model):
    class Status(models.TextChoices):
        # Uploaded; its columns and values are being decided (the admin view).
        DRAFT = "draft", _("Being prepared")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file = models.FileField(
        upload_to="member-imports/%Y/%m/",
        storage=private_storage,
        max_length=255,
        help_text=_("The spreadsheet as uploaded (CSV, XLSX or ODS)."),
        verbose_name=_("file"),
    )
    original_name = models.CharField(
        max_length=255, blank=True, verbose_name=_("original name")
    )
    # members.imports.MappingFile.as_dict(): the columns and the decisions.
    mapping = models.JSONField(
        default=dict, blank=True, verbose_name=_("column mapping")
    )
    update = models.BooleanField(
        default=False,
        help_text=_("Fill the empty fields of existing members."),
        verbose_name=_("update existing members"),
    )
    strict = models.BooleanField(
        default=False,
        help_text=_("Refuse rows with values no one decided."),
        verbose_name=_("strict checking"),
    )
    send_invitations = models.BooleanField(
        default=False,
        help_text=_("Invite each new organization's contact to claim its profile."),
        verbose_name=_("send invitations"),
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
        verbose_name=_("status"),
    )
    rows_done = models.PositiveIntegerField(default=0, verbose_name=_("rows done"))
    rows_total = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("rows in total")
    )
    # members.imports.Report.as_dict() once the run ends (or fails).
    report = models.JSONField(default=dict, blank=True, verbose_name=_("report"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    # Counted up each time the columns, the decisions or the options change; 0
    # until the coordinator has confirmed the columns.
    mapping_version = models.PositiveIntegerField(
        default=0, verbose_name=_("mapping version")
    )
    # The dry run of the draft: queued, running, done or failed ("" before any).
    preview_status = models.CharField(
        max_length=16,
        choices=Status.choices,
        blank=True,
        default="",
        verbose_name=_("preview status"),
    )
    # The mapping_version the preview was made from.
    preview_version = models.PositiveIntegerField(
        default=0, verbose_name=_("preview version")
    )
    preview_rows_done = models.PositiveIntegerField(
        default=0, verbose_name=_("preview rows done")
    )
    # members.imports.Report.as_dict() of the dry run.
    preview_report = models.JSONField(
        default=dict, blank=True, verbose_name=_("preview report")
    )
    preview_error = models.TextField(blank=True, verbose_name=_("preview error"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started"))
    finished_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("finished")
    )

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def has_current_preview(self):
        """Whether the dry run finished for the columns and decisions as they
        are now saved."""
        return (
            self.mapping_version > 0
            and self.preview_status == self.Status.DONE
            and self.preview_version == self.mapping_version
        )
