"""Re-encoding uploaded images so that no served file carries metadata.

Camera make, GPS position and editing history travel inside JPEG/PNG/WebP files. For
human-rights defenders a photo's GPS tag can locate an office or a person, so every
image is decoded and written again with pixels only.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

REENCODED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def reencode_without_metadata(file):
    """Return (ContentFile, (width, height)) of the same image with EXIF, XMP, ICC
    text and comments dropped. Orientation is applied to the pixels first so the
    image still looks upright once the EXIF orientation tag is gone."""
    file.seek(0)
    try:
        with Image.open(file) as original:
            image_format = original.format
            if image_format not in REENCODED_FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG, GIF or WebP image."), code="image_format"
                )
            size = original.size
            animated = getattr(original, "n_frames", 1) > 1
            output = BytesIO()
            # Pillow carries a GIF's comment over unless told otherwise.
            stripped = {"comment": b""} if image_format == "GIF" else {}
            if animated:
                # Keep every frame; saving without exif= or info drops the metadata.
                original.save(output, format=image_format, save_all=True, **stripped)
            else:
                image = ImageOps.exif_transpose(original)
                size = image.size
                if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                options = (
                    {"quality": 90, "optimize": True} if image_format == "JPEG" else {}
                )
                image.save(output, format=image_format, **options, **stripped)
    except (UnidentifiedImageError, OSError) as error:
        raise ValidationError(
            _("This file could not be read as an image."), code="image_invalid"
        ) from error
    return ContentFile(output.getvalue()), size
