from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from home.models import HomePage, NetworkPrinciple, NetworkSettings, SiteImage
from members.models import MemberDirectoryPage
from tests.factories import MemberDirectoryPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_the_networks_name_and_principles(client, home_page):
    settings = NetworkSettings.load()
    settings.name = "Riverbend Rights Coalition"
    settings.tagline = "Neighbors defending neighbors"
    settings.principles = [NetworkPrinciple(title="Those affected lead", text="Why.")]
    settings.save()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverbend Rights Coalition" in html
    assert "Neighbors defending neighbors" in html
    assert "Those affected lead" in html
    assert 'href="#main"' in html  # skip link


def test_menu_lists_live_sections_marked_for_menus(client, home_page):
    MemberDirectoryPageFactory(parent=home_page, show_in_menus=True)
    hidden = MemberDirectoryPage(title="Drafts", slug="drafts", show_in_menus=False)
    MemberDirectoryPage.max_count = None
    try:
        home_page.add_child(instance=hidden)
    finally:
        MemberDirectoryPage.max_count = 1

    html = client.get("/").content.decode()

    assert '<a href="/members/"' in html
    assert "Drafts" not in html


def test_every_public_page_gets_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "Cache-Control" not in response or "private" not in response["Cache-Control"]


def test_signed_in_responses_are_private_and_never_stored(client, home_page):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/")
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_pages_reference_no_other_host(client, home_page):
    html = client.get("/").content.decode()
    for marker in ('src="http', "src='http", 'href="//', "@import"):
        assert marker not in html
    assert 'rel="stylesheet" href="/static/' in html


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def jpeg_with_gps():
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 5.0, 0.0)}  # GPSInfo
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_uploaded_images_are_reencoded_without_metadata(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    original = jpeg_with_gps()
    assert b"SpyCam" in original

    image = SiteImage(
        title="Office", file=SimpleUploadedFile("office.jpg", original, "image/jpeg")
    )
    image.save()

    stored = image.file.open("rb").read()
    assert b"SpyCam" not in stored
    with Image.open(BytesIO(stored)) as reopened:
        assert not reopened.getexif()
        assert reopened.size == (40, 30)
    assert image.width == 40
    assert image.file_size == len(stored)


def test_home_page_is_the_only_root_type():
    assert HomePage.max_count == 1


def test_site_chrome_is_cached_and_dropped_when_settings_change(client, home_page):
    from django.core.cache import cache

    from home.chrome import CHROME_CACHE_KEY

    cache.delete(CHROME_CACHE_KEY)
    client.get("/")  # fills the cache
    settings = NetworkSettings.load()
    settings.name = "Renamed Network"
    settings.save()

    assert cache.get(CHROME_CACHE_KEY) is None
    assert "Renamed Network" in client.get("/").content.decode()


def test_menu_follows_publishing_at_once(client, home_page):
    section = MemberDirectoryPageFactory(parent=home_page, show_in_menus=True)
    assert '<a href="/members/"' in client.get("/").content.decode()

    section.unpublish()

    assert '<a href="/members/"' not in client.get("/").content.decode()


def test_pages_still_render_when_the_cache_is_unreachable(client, home_page, settings):
    """The chrome's cache is a saving: a cache outage must not take pages down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails to connect.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # Django resets its cache handlers when CACHES changes.
    response = client.get("/")

    assert response.status_code == 200
    assert NetworkSettings.load().name in response.content.decode()


def test_the_sections_addresses_build_when_the_cache_is_unreachable(
    client, directory, settings
):
    """Links to the sections come from the chrome; building it must not ask the
    cache (Wagtail's page.url does), or a Redis stop turns every page into a 500."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/")

    assert response.status_code == 200
    assert f'href="{directory.url_path[len("/home") :]}"' in response.content.decode()


def test_joining_and_signing_in_work_when_the_rate_limit_cache_is_unreachable(
    client, home_page, settings, caplog
):
    """Rate limits count in the cache; an outage lets requests through (and logs
    it) instead of losing an application or locking everyone out."""
    from members.models import MembershipApplication
    from tests.factories import IssueAreaFactory, UserFactory

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    area = IssueAreaFactory(name="Housing", slug="housing")
    response = client.post(
        "/join/",
        {
            "organization_name": "Outage Tenants Union",
            "summary": "Tenants organizing tenants.",
            "issue_areas": [str(area.pk)],
            "city": "Riverside",
            "subdivision": "US-CA",
            "country": "US",
            "scope": "local",
            "contact_name": "Ana Lopez",
            "contact_email": "ana@outage.example.org",
            "visibility": "public",
            "agrees_to_principles": "on",
        },
    )
    assert response.status_code == 302
    assert MembershipApplication.objects.filter(
        organization_name="Outage Tenants Union"
    ).exists()

    UserFactory(username="rosa", password="a-long-demo-passphrase")
    signed_in = client.post(
        "/accounts/login/",
        {"username": "rosa", "password": "a-long-demo-passphrase"},
    )
    assert signed_in.status_code == 302
    assert "cache unreachable" in caplog.text


def test_a_forwarded_for_list_is_trusted_only_for_the_proxys_own_entry(rf, settings):
    """Clients can put anything before the address the proxy appends; rotating it
    must not buy a fresh rate limit."""
    from home.throttle import client_address

    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    first = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    second = rf.get("/", HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.7")

    assert client_address(first) == client_address(second) == "203.0.113.7"


@pytest.mark.parametrize("frames", [1, 3])
def test_gif_comments_are_removed_too(settings, tmp_path, frames):
    settings.MEDIA_ROOT = tmp_path
    pictures = [Image.new("P", (20, 20), colour) for colour in range(frames)]
    buffer = BytesIO()
    pictures[0].save(
        buffer,
        format="GIF",
        comment=b"SecretComment",
        save_all=frames > 1,
        append_images=pictures[1:],
    )
    assert b"SecretComment" in buffer.getvalue()

    image = SiteImage(
        title="Banner", file=SimpleUploadedFile("banner.gif", buffer.getvalue())
    )
    image.save()

    assert b"SecretComment" not in image.file.open("rb").read()
