"""Members-only resources and their documents: never to visitors, on any surface."""

import json

import pytest
from django.core.files.base import ContentFile

from campaigns.models import ResourcePage
from tests.factories import (
    DocumentFactory,
    NewsPageFactory,
    ResourcePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_resource(library, orgs):
    document = DocumentFactory(title="Internal lobbying plan")
    return ResourcePageFactory(
        parent=library,
        title="Delegation strategy",
        slug="delegation-strategy",
        visibility="members",
        organizations=[orgs["public"]],
        documents=[document],
    )


@pytest.fixture
def public_resource(library, orgs):
    document = DocumentFactory(title="Tenant rights leaflet")
    return ResourcePageFactory(
        parent=library,
        title="Tenant rights",
        slug="tenant-rights",
        organizations=[orgs["public"]],
        documents=[document],
    )


def document_url(resource):
    return resource.document_items.get().document.url


def test_visitor_gets_404_for_a_members_only_resource_page(client, private_resource):
    response = client.get("/resources/delegation-strategy/")

    assert response.status_code == 404
    assert b"Delegation strategy" not in response.content


def test_member_reads_a_members_only_resource_privately(
    client, private_resource, other_member
):
    client.force_login(other_member)

    response = client.get("/resources/delegation-strategy/")

    assert response.status_code == 200
    assert b"Internal lobbying plan" in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_user_with_no_organization_is_treated_as_a_visitor(client, private_resource):
    client.force_login(UserFactory(username="stranger"))

    assert client.get("/resources/delegation-strategy/").status_code == 404
    assert client.get(document_url(private_resource)).status_code == 404


def test_visitor_never_downloads_a_members_only_document_even_by_its_url(
    client, private_resource
):
    url = document_url(private_resource)

    response = client.get(url)

    assert response.status_code == 404


def test_member_downloads_a_members_only_document(
    client, private_resource, other_member
):
    client.force_login(other_member)

    response = client.get(document_url(private_resource))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_document_shared_by_a_public_and_a_private_resource_stays_private(
    client, library, private_resource
):
    shared = private_resource.document_items.get().document
    ResourcePageFactory(parent=library, title="Public copy", documents=[shared])

    assert client.get(shared.url).status_code == 404


def test_documents_of_a_resource_in_review_are_not_public(client, library):
    draft = ResourcePageFactory(
        parent=library, title="Not yet approved", documents=[DocumentFactory()]
    )
    draft.unpublish()

    assert client.get(document_url(draft)).status_code == 404


def test_public_documents_are_served_with_safe_headers(client, public_resource):
    response = client.get(document_url(public_resource))

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.md", b"# <script>alert(1)</script>"),
        ("table.csv", b"a,b\n=HYPERLINK(1),2\n"),
        ("report.docx", b"PK\x03\x04 not really a document"),
    ],
)
def test_risky_document_types_download_as_attachments(client, library, name, content):
    document = DocumentFactory(title=name, file=ContentFile(content, name=name))
    ResourcePageFactory(parent=library, title=f"Resource {name}", documents=[document])

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_api_never_lists_members_only_or_draft_resources(
    client, private_resource, public_resource, library
):
    draft = ResourcePageFactory(parent=library, title="Draft in review")
    draft.unpublish()

    listing = client.get("/api/v2/pages/?limit=20").json()
    titles = {item["title"] for item in listing["items"]}
    detail = client.get(f"/api/v2/pages/{private_resource.pk}/")
    filtered = client.get("/api/v2/pages/?type=campaigns.ResourcePage&fields=*")

    assert "Tenant rights" in titles
    assert "Delegation strategy" not in titles
    assert "Draft in review" not in titles
    assert detail.status_code == 404
    assert b"Delegation strategy" not in filtered.content


def test_api_hides_members_only_resources_even_from_members(
    client, private_resource, other_member
):
    client.force_login(other_member)

    body = json.dumps(client.get("/api/v2/pages/?limit=20").json())

    assert "Delegation strategy" not in body


def test_sitemap_lists_public_resources_only(client, private_resource, public_resource):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/resources/tenant-rights/" in xml
    assert "delegation-strategy" not in xml


def test_news_feeds_never_carry_resources(client, news_index, private_resource):
    NewsPageFactory(parent=news_index, title="Network news item")

    for path in ("/news/feed/", "/news/feed/atom/"):
        body = client.get(path).content.decode()
        assert "Network news item" in body
        assert "Delegation strategy" not in body
        assert "Internal lobbying plan" not in body


def test_visible_to_is_the_one_rule_for_resources(
    private_resource, public_resource, other_member, coordinator
):
    from django.contrib.auth.models import AnonymousUser

    from members.viewer import Viewer

    anonymous = Viewer.for_user(AnonymousUser())
    assert list(ResourcePage.objects.visible_to(anonymous)) == [public_resource]
    assert set(ResourcePage.objects.visible_to(Viewer.for_user(other_member))) == {
        public_resource,
        private_resource,
    }
    assert set(ResourcePage.objects.visible_to(Viewer.for_user(coordinator))) == {
        public_resource,
        private_resource,
    }
    assert list(ResourcePage.objects.publicly_listed()) == [public_resource]


def test_document_files_are_never_reachable_under_media(client, private_resource):
    document = private_resource.document_items.get().document

    response = client.get(f"/media/{document.file.name}")

    assert response.status_code == 404
