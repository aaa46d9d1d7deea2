import pytest


@pytest.fixture
def campaign_index(home_page):
    from tests.factories import CampaignIndexPageFactory

    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def calendar_page(home_page):
    from tests.factories import CalendarPageFactory

    return CalendarPageFactory(parent=home_page)


@pytest.fixture
def campaign(campaign_index):
    from tests.factories import CampaignPageFactory

    return CampaignPageFactory(parent=campaign_index, title="Housing is a human right")


@pytest.fixture
def make_org(directory):
    from tests.factories import MemberOrganizationPageFactory

    def make(title, visibility="public", **kwargs):
        return MemberOrganizationPageFactory(
            parent=directory, title=title, visibility=visibility, **kwargs
        )

    return make


@pytest.fixture
def org_admin(make_org):
    """A user who is an admin of one public organization."""
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="orgadmin")
    organization = make_org("Riverbend Tenants United")
    MembershipFactory(user=user, organization=organization, role="admin")
    user.organization = organization
    return user


@pytest.fixture
def coordinator(db):
    from django.contrib.auth.models import Permission

    from tests.factories import CoordinatorFactory

    user = CoordinatorFactory(username="coord")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
