"""The development and test server's /media/ hands out images and nothing else,
however the path is spelled, with headers that keep a browser from running
anything in them (issue 11, items 1 and 7)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from home.models import SiteImage
from tests.home.image_files import picture

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 members-only lobbying plan"

# Ways to spell a path that leaves the image folders once it is normalized, each
# tried on files planted where they must not be reachable (paths from MEDIA_ROOT).
TRICKS = [
    "/media/{path}",
    "/media//{path}",
    "/media/./{path}",
    "/media/%2e/{path}",
    "/media/%2E/{path}",
    "/media/%252e/{path}",
    "/media/images/../{path}",
    "/media/original_images/../{path}",
    "/media/images/%2e%2e/{path}",
    "/media/images/.%2e/{path}",
    "/media/images/..%2f{path}",
    "/media/images%2f..%2f{path}",
    "/media/%2f{path}",
    "/media/images/..\\{path}",
    "/media/images\\..\\{path}",
    "/media/images/..%5c{path}",
    "/media/images//../{path}",
    "/media/images/./../{path}",
    "/media/images/x/../../{path}",
    "/media/original_images/../../media/{path}",
]
PLANTED = {
    "a document left under MEDIA_ROOT": "documents/plan.pdf",
    "a file at the top of MEDIA_ROOT": "plan.pdf",
    "a file beside MEDIA_ROOT": "../private/documents/plan.pdf",
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    for path in PLANTED.values():
        planted = settings.MEDIA_ROOT / path
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(SECRET)
    (settings.MEDIA_ROOT / "images").mkdir()
    (settings.MEDIA_ROOT / "original_images").mkdir()
    return settings.MEDIA_ROOT


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("planted", PLANTED)
@pytest.mark.parametrize("trick", TRICKS)
def test_no_spelling_of_a_path_reaches_a_file_outside_the_image_folders(
    client, media_root, planted, trick
):
    response = client.get(trick.format(path=PLANTED[planted]))

    assert response.status_code == 404
    assert SECRET not in body(response)


@pytest.fixture
def image(media_root):
    buffer = BytesIO()
    picture().save(buffer, format="PNG")
    return SiteImage.objects.create(
        title="Office", file=SimpleUploadedFile("office.png", buffer.getvalue())
    )


def assert_served_as_an_image(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    # The site's page policy (home.middleware) must not replace the media one.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_originals_and_renditions_are_served_as_images_that_run_nothing(client, image):
    rendition = image.get_rendition("fill-40x40|format-webp")

    assert_served_as_an_image(client.get(f"/media/{image.file.name}"), "image/png")
    assert_served_as_an_image(client.get(rendition.url), "image/webp")


@pytest.mark.parametrize(
    "name",
    ["notice.html", "notice.svg", "notice.htm", "notice.xml", "notice", "x.png.html"],
)
def test_a_file_in_an_image_folder_without_an_image_extension_is_not_served(
    client, media_root, name
):
    (media_root / "original_images" / name).write_bytes(b"<script>alert(1)</script>")

    response = client.get(f"/media/original_images/{name}")

    assert response.status_code == 404


def test_a_link_in_an_image_folder_to_a_file_elsewhere_is_not_followed(
    client, media_root
):
    (media_root / "images" / "plan.png").symlink_to(media_root / "documents/plan.pdf")

    response = client.get("/media/images/plan.png")

    assert response.status_code == 404


def test_a_folder_of_the_media_root_is_not_listed(client, image):
    assert client.get("/media/original_images/").status_code == 404
    assert client.get("/media/original_images").status_code == 404
