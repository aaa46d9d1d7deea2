"""Shared fixtures. Django is imported inside fixtures, not at module level, because
the browser suite (tests/browser) configures Django itself before importing it."""

import pytest


def pytest_sessionstart(session):
    """The translation catalogs compiled before Django reads (and caches) them, as
    `make test` does first: a catalog changed since is never tested stale."""
    from home.translations import compile_catalogs

    compile_catalogs()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Spanish leaves Spanish active in its thread (LocaleMiddleware
    activates, nothing deactivates): every test starts in the site's language."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """A HomePage made the site's root, as the demo network has it."""
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory

    root = Page.get_first_root_node()
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def directory(home_page):
    from tests.factories import MemberDirectoryPageFactory

    return MemberDirectoryPageFactory(parent=home_page)


@pytest.fixture
def issues_index(home_page):
    """The issue-area hubs at /issues/."""
    from tests.factories import IssueAreaIndexPageFactory

    return IssueAreaIndexPageFactory(parent=home_page)


# --- Membership lifecycle (issue 4) ------------------------------------------------


@pytest.fixture
def network_settings(db):
    from home.models import NetworkSettings

    return NetworkSettings.load()


@pytest.fixture
def org_a(directory):
    """A published organization with one live revision, so revisions exist."""
    from tests.factories import IssueAreaFactory, MemberOrganizationPageFactory

    org = MemberOrganizationPageFactory(
        parent=directory, title="Org A Tenants United", visibility="public"
    )
    org.issue_areas.set([IssueAreaFactory(name="Housing", slug="housing")])
    org.save_revision().publish()
    return org


@pytest.fixture
def org_b(directory):
    from tests.factories import MemberOrganizationPageFactory

    org = MemberOrganizationPageFactory(
        parent=directory, title="Org B Hidden Defenders", visibility="hidden"
    )
    org.save_revision().publish()
    return org


@pytest.fixture
def admin_a(org_a):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="admin_a", email="admin_a@example.org")
    MembershipFactory(user=user, organization=org_a, role="admin")
    return user


@pytest.fixture
def editor_a(org_a):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="editor_a", email="editor_a@example.org")
    MembershipFactory(user=user, organization=org_a, role="editor")
    return user


@pytest.fixture
def user_b(org_b):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="user_b", email="user_b@example.org")
    MembershipFactory(user=user, organization=org_b, role="admin")
    return user


@pytest.fixture
def coordinator(db):
    from tests.factories import CoordinatorFactory

    return CoordinatorFactory(username="coord", email="coord@example.org")


def pass_two_factor(client, user):
    """Mark the client's session as having confirmed a TOTP code (django-otp)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def coordinator_client(client, coordinator):
    """A coordinator signed in with two-factor confirmed, as the admin requires."""
    client.force_login(coordinator)
    pass_two_factor(client, coordinator)
    return client


@pytest.fixture
def two_factor_required(settings):
    """Production's rule: staff confirm a TOTP code before /admin/ (the test
    settings leave it off for suites that are not about sign-in)."""
    settings.MEMBERS_REQUIRE_TWO_FACTOR = True


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
