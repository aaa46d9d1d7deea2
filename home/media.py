"""Serving uploaded images in development and tests (in production the proxy
serves MEDIA_ROOT, see README).

Only the folders Wagtail writes images to are served, only files named with an
image extension, and each with its type fixed by that extension, `nosniff`, and a
policy that runs nothing. The path is judged the way the filesystem will read it:
any empty, "." or ".." segment, a backslash or a stray "%" is refused outright,
and the resolved file must still lie inside an image folder, so no spelling
(//, ./, %2e, ../, %2f, \\) reaches anything else.
"""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

SERVED_FOLDERS = ("original_images", "images")
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
# An image opened on its own shows as an image; nothing in it may run.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"


def image_file_for(path):
    """The file under MEDIA_ROOT an image URL path names, or None."""
    segments = path.split("/")
    if (
        len(segments) < 2
        or segments[0] not in SERVED_FOLDERS
        or any(segment in ("", ".", "..") for segment in segments)
        or any(character in path for character in "\\%\x00")
    ):
        return None
    content_type = IMAGE_TYPES.get(Path(segments[-1]).suffix.lower())
    media_root = Path(settings.MEDIA_ROOT).resolve()
    folder = (media_root / segments[0]).resolve()
    file = (media_root / path).resolve()
    if content_type is None or not file.is_relative_to(folder) or not file.is_file():
        return None
    return file, content_type


def serve_image(request, path):
    found = image_file_for(path)
    if found is None:
        raise Http404
    file, content_type = found
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    return response
