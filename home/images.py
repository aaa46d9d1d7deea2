"""Re-encoding uploaded images so that no served file carries anything but pixels.

Camera make, GPS position, comments, colour profiles and editing history travel
inside JPEG, PNG, GIF and WebP files. For human-rights defenders a photo's GPS tag
or a comment with coordinates can locate an office or a person, so every image is
decoded and written again from its pixels alone, under a name whose extension is
the format we wrote (never the name the uploader chose). Wagtail's renditions are
made from these originals, so they carry nothing either.

The checks that decide whether decoding is affordable read the file's header only
(Pillow's Image.open is lazy: size, format and frame count are known before any
pixel is decoded), so a tiny file that claims many large frames is refused cheaply.
Animated images are flattened to their first frame: a member's animated logo still
uploads, and decoding costs one frame, never all of them.
"""

import warnings
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

# The formats accepted and what each is stored as: (format written, extension).
# A GIF keeps only its first frame, which PNG holds losslessly with transparency.
STORED_AS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),
}
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {}, "WEBP": {"quality": 90}}
SIXTEEN_BIT_GREY = {"I;16", "I;16B", "I;16L", "I;16N"}
ROTATING_ORIENTATIONS = {2, 3, 4, 5, 6, 7, 8}
SRGB = ImageCms.createProfile("sRGB")


class CleanImageFile(ContentFile):
    """Bytes written by reencode_without_metadata: pixels only, named for their
    format. Model code can tell a file already re-encoded from a raw upload."""

    def __init__(self, content, name, dimensions):
        super().__init__(content, name=name)
        self.dimensions = dimensions


def reencode_without_metadata(file, name=None):
    """Return a CleanImageFile holding the image's first frame re-encoded from its
    pixels, or raise ValidationError with a message for the uploader.

    Orientation is applied to the pixels first (the image still looks upright once
    the EXIF tag is gone), and a colour profile is applied by converting to sRGB,
    so dropping the profile does not change how the image looks."""
    name = name or getattr(file, "name", None) or "image"
    file.seek(0)
    output = BytesIO()
    with warnings.catch_warnings():
        # Pillow's own decompression-bomb warning counts as a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(file) as original:
                check_affordable(original)
                output_format, extension = STORED_AS[original.format]
                image = first_frame(original, output_format)
                image.save(output, format=output_format, **SAVE_OPTIONS[output_format])
        except ValidationError:
            raise
        # Untrusted bytes go through C decoders, which fail in many ways
        # (truncated data, an oversized iCCP or text chunk, a broken palette…);
        # each means the same to the uploader. Wagtail's own field does the same.
        except Exception as error:
            raise ValidationError(
                _("This file could not be read as an image."), code="image_invalid"
            ) from error
    return CleanImageFile(output.getvalue(), f"{stem_of(name)}.{extension}", image.size)


def stem_of(name):
    """The uploader's file name without its extension, safe for storage."""
    try:
        return get_valid_filename(PurePath(str(name)).stem.strip(". "))[:60]
    except SuspiciousFileOperation:  # nothing usable left, e.g. "..png"
        return "image"


def check_affordable(image):
    """Refuse, from the header alone, what is not one of the accepted formats or
    has more pixels over all its frames than WAGTAILIMAGES_MAX_IMAGE_PIXELS (the
    limit Wagtail's admin field applies, so every upload path agrees)."""
    if image.format not in STORED_AS:
        raise ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP image."), code="image_format"
        )
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    if width * height * frames > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "This image is too large to process: %(width)d × %(height)d pixels "
                "in %(frames)d frame(s). Upload a single image of at most "
                "%(limit)d pixels."
            ),
            params={
                "width": width,
                "height": height,
                "frames": frames,
                "limit": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
            },
            code="image_pixels",
        )


def first_frame(original, output_format):
    """The first frame, upright, in sRGB, in a mode `output_format` stores, with
    no info left that an encoder could copy into the output (Pillow carries a
    JPEG's comment and a PNG's ICC profile over from `info`)."""
    original.seek(0)
    original.load()
    icc_profile = original.info.get("icc_profile")
    image = original
    if original.getexif().get(0x0112) in ROTATING_ORIENTATIONS:
        image = ImageOps.exif_transpose(image)
    image = pixels_only(image, icc_profile, output_format)
    image.info = {}
    return image


def pixels_only(image, icc_profile, output_format):
    if image.mode in SIXTEEN_BIT_GREY:
        # Pillow's own conversion clips 16-bit grey to white; scale it instead.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    if image.has_transparency_data and output_format != "JPEG":
        target = "RGBA"
    elif image.mode in ("1", "L") and output_format != "WEBP":
        target = "L"
    else:
        target = "RGB"
    if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert(target)  # palettes and the like: colour management
    if icc_profile:  # needs plain channels
        try:
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(BytesIO(icc_profile)),
                SRGB,
                outputMode=target,
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: keep the pixels as they are
    return image if image.mode == target else image.convert(target)
