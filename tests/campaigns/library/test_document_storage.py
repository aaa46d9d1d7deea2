"""Document files live outside the web-served media root, so no spelling of a
/media/ URL and no proxy serving MEDIA_ROOT can hand them out; they reach people
only through /documents/<id>/<name>, which checks who asks (issue 11, item 1)."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from campaigns.models import ResourcePage
from tests.campaigns.library.test_contributions import PDF, form_data
from tests.factories import DocumentFactory, ResourcePageFactory
from tests.home.test_media_serving import TRICKS

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\n% members-only: the delegation's lobbying plan\n"


@pytest.fixture
def members_only_document(library, orgs):
    document = DocumentFactory(
        title="Lobbying plan", file=ContentFile(SECRET, name="lobbying-plan.pdf")
    )
    ResourcePageFactory(
        parent=library,
        title="Delegation strategy",
        visibility="members",
        organizations=[orgs["public"]],
        documents=[document],
    )
    return document


@pytest.fixture
def in_review_document(client, library, orgs, areas, member):
    """A member's upload whose resource waits for a coordinator."""
    client.force_login(member)
    client.post(
        "/account/resources/new/",
        form_data(
            orgs,
            areas,
            document=SimpleUploadedFile("draft-report.pdf", SECRET),
            document_title="Draft report",
        ),
    )
    client.logout()
    page = ResourcePage.objects.get(title="Heat safety plan")
    assert not page.live
    return page.document_items.get().document


def uploaded_in_the_admin(coordinator_client, multiple=False):
    root = Collection.get_first_root_node().pk
    upload = SimpleUploadedFile("board-minutes.pdf", SECRET)
    if multiple:
        coordinator_client.post(
            "/admin/documents/multiple/add/", {"files[]": upload, "collection": root}
        )
    else:
        coordinator_client.post(
            "/admin/documents/add/",
            {"title": "Minutes", "file": upload, "collection": root},
        )
    return get_document_model().objects.latest("pk")


@pytest.fixture(
    params=["members-only", "in review", "admin upload", "admin multiple upload"]
)
def private_document(request):
    if request.param == "members-only":
        return request.getfixturevalue("members_only_document")
    if request.param == "in review":
        return request.getfixturevalue("in_review_document")
    client = request.getfixturevalue("coordinator_client")
    return uploaded_in_the_admin(client, multiple=request.param.endswith("multiple"))


def files_under(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


def test_document_files_are_stored_outside_the_media_root(private_document):
    stored = Path(private_document.file.path).resolve()

    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.read_bytes() == SECRET
    assert not (Path(settings.MEDIA_ROOT) / private_document.file.name).exists()
    assert all(path.read_bytes() != SECRET for path in files_under(settings.MEDIA_ROOT))


@pytest.mark.parametrize("trick", TRICKS)
@pytest.mark.parametrize("which", ["members_only_document", "in_review_document"])
def test_no_media_url_reaches_a_members_only_or_in_review_document(
    client, request, which, trick
):
    document = request.getfixturevalue(which)

    response = client.get(trick.format(path=document.file.name))

    assert response.status_code == 404
    assert client.get(document.url).status_code == 404  # and its own URL is closed


def test_documents_are_still_served_to_those_who_may_see_them(
    client, members_only_document, in_review_document, member, other_member
):
    client.force_login(other_member)
    response = client.get(members_only_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET
    assert client.get(in_review_document.url).status_code == 404

    client.force_login(member)  # staff of the organization that submitted it
    assert client.get(in_review_document.url).status_code == 200


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("notes.txt", b"<script>alert(1)</script>"),
        ("notes.md", b"# <script>alert(1)</script>"),
        ("table.csv", b"a,b\n1,2\n"),
        ("report.docx", b"PK\x03\x04 document"),
    ],
)
def test_every_document_download_forbids_scripts_and_sniffing(
    client, library, name, content
):
    document = DocumentFactory(title=name, file=ContentFile(content, name=name))
    ResourcePageFactory(parent=library, title=f"Resource {name}", documents=[document])

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    # Only a PDF opens in the browser's viewer; everything else is a download.
    if not name.endswith(".pdf"):
        assert response["Content-Disposition"].startswith("attachment")


def test_a_document_has_no_address_under_the_media_url(members_only_document):
    with pytest.raises(NotImplementedError):
        members_only_document.file.url  # noqa: B018


def test_the_admin_lists_and_edits_documents_kept_in_private_storage(
    coordinator_client, members_only_document
):
    edit = f"/admin/documents/edit/{members_only_document.pk}/"

    assert coordinator_client.get("/admin/documents/").status_code == 200
    response = coordinator_client.get(edit)
    assert response.status_code == 200
    assert members_only_document.url in response.content.decode()
    assert coordinator_client.get("/admin/documents/chooser/").status_code == 200


# --- files stored before documents had a private place ---------------------------


def move_private_files(media_root, private_root):
    migration = importlib.import_module(
        "home.migrations.0002_move_documents_out_of_media_root"
    )
    migration.move_private_files(media_root, private_root)


def test_the_migration_moves_documents_left_under_the_media_root(tmp_path):
    media, private = tmp_path / "old-media", tmp_path / "old-private"
    (media / "documents" / "2024").mkdir(parents=True)
    (media / "documents" / "plan.pdf").write_bytes(SECRET)
    (media / "documents" / "2024" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    (media / "wagtail_uploads").mkdir()
    (media / "wagtail_uploads" / "held.pdf").write_bytes(b"%PDF-1.4 held")
    (private / "documents").mkdir(parents=True)
    (private / "documents" / "plan.pdf").write_bytes(SECRET)  # moved already
    (media / "original_images").mkdir()
    (media / "original_images" / "logo.png").write_bytes(b"\x89PNG")

    move_private_files(media, private)

    assert not (media / "documents").exists()
    assert not (media / "wagtail_uploads").exists()
    assert (private / "documents" / "plan.pdf").read_bytes() == SECRET
    assert (private / "documents" / "2024" / "report.pdf").exists()
    assert (private / "wagtail_uploads" / "held.pdf").exists()
    assert (media / "original_images" / "logo.png").exists()  # images stay


def test_the_migration_stops_rather_than_overwrite_a_different_file(tmp_path):
    media, private = tmp_path / "old-media", tmp_path / "old-private"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "plan.pdf").write_bytes(SECRET)
    (private / "documents").mkdir(parents=True)
    (private / "documents" / "plan.pdf").write_bytes(b"%PDF-1.4 another plan")

    with pytest.raises(RuntimeError, match="differ"):
        move_private_files(media, private)

    assert (media / "documents" / "plan.pdf").read_bytes() == SECRET
    assert (private / "documents" / "plan.pdf").read_bytes() != SECRET


# --- production settings ------------------------------------------------------------


def production_settings_with(tmp_path, **environment):
    """Import the production settings in a fresh interpreter; return it."""
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        **environment,
    }
    code = (
        "from network.settings import production as s;"
        "print(s.MEDIA_ROOT); print(s.PRIVATE_MEDIA_ROOT)"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_keeps_documents_outside_the_media_root_by_default(tmp_path):
    result = production_settings_with(tmp_path, DJANGO_MEDIA_ROOT=str(tmp_path / "m"))

    assert result.returncode == 0, result.stderr
    media, private = (Path(line) for line in result.stdout.split())
    assert not private.resolve().is_relative_to(media.resolve())


@pytest.mark.parametrize(
    ("media", "private"), [("m", "m/private"), ("m", "m"), ("p/media", "p")]
)
def test_production_refuses_a_private_root_inside_the_media_root(
    tmp_path, media, private
):
    result = production_settings_with(
        tmp_path,
        DJANGO_MEDIA_ROOT=str(tmp_path / media),
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / private),
    )

    assert result.returncode != 0
    assert "DJANGO_PRIVATE_MEDIA_ROOT" in result.stderr
