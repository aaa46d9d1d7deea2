"""Where uploaded files live: images under MEDIA_ROOT, documents outside it.

Everything under MEDIA_ROOT is served to anyone who asks (by the proxy in
production, by home.media in development), so only files anyone may fetch belong
there: re-encoded images and their renditions. Wagtail's documents, and the files
its multiple uploader holds back until their form is complete, live in the private
storage (STORAGES["private"], rooted at PRIVATE_MEDIA_ROOT), which no URL serves;
documents reach people only through /documents/<id>/<name>, which asks the
before_serve_document hook who may see them.

Wagtail 8 has no setting for the documents' storage: its Document.file uses the
default storage with upload_to="documents". Patching that field would need a
migration inside Wagtail, and a custom document model would mean moving every
document row, permission and reference; so the default storage sends Wagtail's
private folders to the private storage instead, under the same names (no stored
name changes, only where the bytes are).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

# Folders Wagtail writes through the default storage whose files must stay private.
PRIVATE_FOLDERS = ("documents", "wagtail_uploads")


def is_private_name(name):
    return str(name).replace("\\", "/").lstrip("/").split("/", 1)[0] in PRIVATE_FOLDERS


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT. They have no URL of their own: a view that
    checks who asks streams them."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # Wagtail's document view treats NotImplementedError as "no direct URL".
        raise NotImplementedError("Private files are served only by a view.")


class MediaStorage(FileSystemStorage):
    """The default storage: MEDIA_ROOT, except the private folders, whose names
    resolve inside the private storage."""

    @property
    def private(self):
        return storages["private"]

    def path(self, name):
        if is_private_name(name):
            return self.private.path(name)
        return super().path(name)

    def _save(self, name, content):
        if is_private_name(name):
            return self.private._save(name, content)
        return super()._save(name, content)

    def url(self, name):
        if is_private_name(name):
            return self.private.url(name)
        return super().url(name)
