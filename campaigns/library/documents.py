"""Who may download an attached document, and checks on uploaded files.

A document attached to resources is served only to someone who may see every one of
those resources (a members-only resource's files never reach a visitor, even at the
document's own URL), or to the staff of the organization that submitted a resource
still in review. Files uploaded from the front end but not yet attached to anything
are for network members only.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection

from campaigns.library.models import ResourcePage
from members.viewer import require_viewer

SUBMISSIONS_COLLECTION = "Resource submissions"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ZIP_FORMATS = {"docx", "xlsx", "odt"}
TEXT_FORMATS = {"txt", "csv", "md"}


def document_visible_to(document, viewer):
    viewer = require_viewer(viewer)
    if viewer.is_coordinator:
        return True
    attached = ResourcePage.objects.filter(document_items__document=document)
    if attached.exists():
        withheld = attached.exclude(
            pk__in=ResourcePage.objects.visible_to(viewer).values("pk")
        ).exclude(pk__in=ResourcePage.objects.editable_by(viewer).values("pk"))
        return not withheld.exists()
    if document.collection.name == SUBMISSIONS_COLLECTION:
        return viewer.sees_member_details
    return True


def submissions_collection():
    """The collection front-end uploads go into (created on first use)."""
    existing = Collection.objects.filter(name=SUBMISSIONS_COLLECTION).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=SUBMISSIONS_COLLECTION)


def allowed_extensions():
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", [])]


def clean_upload(upload):
    """Validate an uploaded file: size, extension, and that its bytes look like what
    the extension claims. Returns a safe file name."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    original = PurePath(upload.name).name
    extension = PurePath(original).suffix.lower().lstrip(".")
    if extension not in allowed_extensions():
        raise ValidationError(
            _("Files of this type are not accepted. Upload one of: %(types)s.")
            % {"types": ", ".join(allowed_extensions())},
            code="file_type",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension == "pdf" and not head.startswith(b"%PDF-"):
        raise ValidationError(_("This file is not a PDF."), code="file_content")
    if extension in ZIP_FORMATS and not head.startswith(b"PK\x03\x04"):
        raise ValidationError(
            _("This file is not a valid %(type)s document.") % {"type": extension},
            code="file_content",
        )
    if extension in TEXT_FORMATS:
        content = upload.read()
        upload.seek(0)
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Text files must be UTF-8 text."), code="file_content"
            ) from error
        if b"\x00" in content:
            raise ValidationError(
                _("Text files must be plain text."), code="file_content"
            )
    stem = get_valid_filename(PurePath(original).stem)[:80] or "document"
    return f"{stem}.{extension}"
