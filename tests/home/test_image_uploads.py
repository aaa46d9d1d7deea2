"""Every way an image reaches the site stores pixels and nothing else, under the
extension of the format written, and answers an odd or hostile file with a message,
never a server error (issue 11, items 6, 7, 9 and 10)."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from wagtail.models import Collection

from home.images import reencode_without_metadata
from home.models import SiteImage
from tests.home.image_files import (
    FULL_OF_METADATA,
    ODD_IMAGES,
    bomb_webp,
    frames_in,
    jpeg_full_of_metadata,
    metadata_in,
    picture,
    png_full_of_metadata,
)
from tests.members.profile_forms import profile_data

pytestmark = pytest.mark.django_db

STORED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@pytest.fixture(autouse=True)
def _own_media_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def publish_at_once(network_settings):
    network_settings.member_edits_need_review = False
    network_settings.save()


# --- the upload paths: each returns the new SiteImage, or the message shown -------


def in_code(request, data, name):
    try:
        return SiteImage.objects.create(
            title="Upload", file=SimpleUploadedFile(name, data)
        )
    except ValidationError as error:
        return " ".join(error.messages)


def in_the_admin(request, data, name):
    client = request.getfixturevalue("coordinator_client")
    before = SiteImage.objects.count()
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code < 500
    if SiteImage.objects.count() > before:
        assert response.status_code == 302
        return SiteImage.objects.latest("pk")
    form = response.context["form"]
    assert form.errors["file"]
    return " ".join(form.errors["file"])


def in_the_admins_multiple_uploader(request, data, name):
    client = request.getfixturevalue("coordinator_client")
    response = client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code < 500
    answer = response.json()
    if answer["success"]:
        return SiteImage.objects.get(pk=answer["image_id"])
    assert answer["error_message"]
    return answer["error_message"]


def in_the_logo_form(request, data, name):
    request.getfixturevalue("publish_at_once")
    client = request.getfixturevalue("client")
    editor, org = request.getfixturevalue("editor_a"), request.getfixturevalue("org_a")
    client.force_login(editor)
    response = client.post(
        f"/account/organizations/{org.pk}/profile/",
        {**profile_data(org), "logo": SimpleUploadedFile(name, data)},
    )
    assert response.status_code < 500
    org.refresh_from_db()
    if response.status_code == 302:
        return org.logo
    assert response.status_code == 400
    assert org.logo is None
    return " ".join(response.context["form"].errors["logo"])


UPLOAD_PATHS = {
    "in code": in_code,
    "admin": in_the_admin,
    "admin multiple uploader": in_the_admins_multiple_uploader,
    "logo form": in_the_logo_form,
}


def assert_only_pixels(image):
    """The stored original and renditions of it hold one frame of pixels, named
    for their format, with no metadata in their bytes."""
    with image.file.open("rb") as stored:
        original = stored.read()
    with Image.open(BytesIO(original)) as decoded:
        assert decoded.mode in ("RGB", "RGBA", "L")
        stored_format = decoded.format
    assert image.file.name.endswith(f".{STORED_FORMATS[stored_format]}")
    assert metadata_in(original) == []
    assert frames_in(original) == 1
    assert image.file_size == len(original)
    for spec in ("fill-60x60", "width-50|format-jpeg", "width-50|format-webp"):
        with image.get_rendition(spec).file.open("rb") as rendition:
            assert metadata_in(rendition.read()) == [], spec


# --- metadata ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (path, kind)
        for path in UPLOAD_PATHS
        for kind in FULL_OF_METADATA
        # The logo form takes JPEG, PNG and WebP only (tested in tests/members).
        if not (path == "logo form" and kind == "gif")
    ],
)
def test_no_upload_path_keeps_metadata_in_the_original_or_its_renditions(
    request, path, kind
):
    build, name = FULL_OF_METADATA[kind]
    data = build()
    assert metadata_in(data)  # the sample really carries it

    image = UPLOAD_PATHS[path](request, data, name)

    assert isinstance(image, SiteImage), image
    assert_only_pixels(image)
    assert (image.width, image.height) == (120, 90)


def test_a_photo_turned_by_its_exif_tag_is_stored_upright():
    buffer = BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    picture(size=(120, 90)).save(buffer, format="JPEG", exif=exif)

    clean = reencode_without_metadata(BytesIO(buffer.getvalue()), "turned.jpg")

    assert clean.dimensions == (90, 120)
    assert metadata_in(clean.read()) == []


# --- names ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["in code", "logo form"])
@pytest.mark.parametrize("name", ["notice.html", "notice.svg", "notice", "..png"])
def test_a_stored_image_takes_the_extension_of_its_format_not_of_its_name(
    request, path, name
):
    buffer = BytesIO()
    picture().save(buffer, format="PNG")

    image = UPLOAD_PATHS[path](request, buffer.getvalue(), name)

    assert isinstance(image, SiteImage), image
    assert image.file.name.startswith("original_images/")
    assert image.file.name.endswith(".png")
    assert ".html" not in image.file.name and ".svg" not in image.file.name


# --- odd and hostile files --------------------------------------------------------


@pytest.mark.parametrize("kind", ODD_IMAGES)
@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_odd_images_get_a_message_or_a_clean_re_encode_never_a_server_error(
    request, path, kind
):
    build, name = ODD_IMAGES[kind]

    outcome = UPLOAD_PATHS[path](request, build(), name)

    if isinstance(outcome, SiteImage):
        assert_only_pixels(outcome)
    else:
        assert outcome.strip()  # a message the uploader can read
        assert not SiteImage.objects.exists()


@pytest.mark.parametrize(
    "kind",
    [
        "apng",
        "animated webp",
        "cmyk jpeg",
        "16-bit grey png",
        "palette png with transparency",
        "grey png with alpha (LA)",
    ],
)
def test_a_member_can_use_animated_and_unusual_images_as_a_logo(request, kind):
    build, name = ODD_IMAGES[kind]

    logo = in_the_logo_form(request, build(), name)

    assert isinstance(logo, SiteImage), logo
    assert_only_pixels(logo)


def test_sixteen_bit_grey_keeps_its_tones_instead_of_turning_white():
    build, name = ODD_IMAGES["16-bit grey png"]

    clean = reencode_without_metadata(BytesIO(build()), name)

    with Image.open(clean) as image:
        assert image.getpixel((0, 0)) == 30000 // 256
        assert image.getpixel((20, 20)) == 60000 // 256


@pytest.mark.parametrize(
    "kind",
    ["truncated jpeg", "truncated png", "png with a huge iccp", "html named as a png"],
)
@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_unreadable_files_are_refused_as_unreadable(request, path, kind):
    build, name = ODD_IMAGES[kind]

    message = UPLOAD_PATHS[path](request, build(), name)

    # The logo form's own header check words it for members.
    assert "could not be read as an image" in message or (
        path == "logo form" and "not an image we can read" in message
    )


def forbid_decoding(monkeypatch):
    """From now on any attempt to decode pixels fails the test: a refusal must
    come from the header alone."""

    def refuse(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)
    monkeypatch.setattr(Image.Image, "load", refuse)


@pytest.mark.parametrize("path", UPLOAD_PATHS)
def test_many_large_frames_are_refused_from_the_header_before_any_decoding(
    request, monkeypatch, path
):
    data = bomb_webp()
    assert len(data) < 1000
    forbid_decoding(monkeypatch)

    message = UPLOAD_PATHS[path](request, data, "bomb.webp")

    assert "too large to process" in message
    assert "18 frame" in message


@pytest.mark.parametrize(("frames", "side"), [(1, 7000), (3, 4000)])
def test_the_pixel_limit_counts_every_frame(frames, side):
    from tests.home.image_files import bomb_webp as canvas

    with pytest.raises(ValidationError) as refused:
        reencode_without_metadata(BytesIO(canvas(frames=frames, side=side)), "x.webp")

    assert refused.value.code == "image_pixels"


def test_an_animation_within_the_limit_is_flattened_to_its_first_frame():
    build, name = ODD_IMAGES["animated gif"]

    clean = reencode_without_metadata(BytesIO(build()), name)

    data = clean.read()
    assert frames_in(data) == 1
    with Image.open(BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.getpixel((0, 0)) == (255, 0, 0)  # the first frame's square
        assert image.getpixel((9, 0)) == (255, 0, 0)
        assert image.getpixel((12, 0)) == (255, 255, 255)


def test_replacing_an_images_file_in_the_admin_stores_the_new_one_clean(
    coordinator_client,
):
    from django.urls import reverse

    image = in_code(None, ODD_IMAGES["grey jpeg"][0](), "old.jpg")
    edit = reverse("wagtailimages:edit", args=(image.pk,))
    assert coordinator_client.get(edit).status_code == 200

    response = coordinator_client.post(
        edit,
        {
            "title": "Replaced",
            "file": SimpleUploadedFile("new.png", png_full_of_metadata()),
            "collection": image.collection_id,
        },
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Replaced"
    assert_only_pixels(image)


def test_an_upload_the_multiple_uploader_holds_back_is_kept_private_then_stored_clean(
    coordinator_client, settings
):
    from django.urls import reverse
    from wagtail.models import UploadedFile

    root = Collection.get_first_root_node().pk
    # A title too long for the form: Wagtail holds the file back until it is fixed.
    held = coordinator_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("photo.jpg", jpeg_full_of_metadata()),
            "title": "x" * 300,
            "collection": root,
        },
    ).json()
    upload = UploadedFile.objects.get()
    assert held["success"] and "uploaded_file_id" in held
    assert Path(upload.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)

    prefix = f"uploaded-image-{upload.pk}"
    answer = coordinator_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload.pk,)),
        {f"{prefix}-title": "Office", f"{prefix}-collection": root},
    ).json()

    assert answer["success"]
    image = SiteImage.objects.get(pk=answer["image_id"])
    assert_only_pixels(image)
    originals = list((Path(settings.MEDIA_ROOT) / "original_images").iterdir())
    assert [path.name for path in originals] == [Path(image.file.name).name]
