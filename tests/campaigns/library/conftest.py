import pytest


@pytest.fixture
def library(home_page):
    from tests.factories import ResourceIndexPageFactory

    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    from tests.factories import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=home_page, introduction="What the network did.")


@pytest.fixture
def areas(db):
    from tests.factories import IssueAreaFactory

    return {
        "housing": IssueAreaFactory(name="Housing", slug="housing"),
        "detention": IssueAreaFactory(name="Detention", slug="detention"),
        "health": IssueAreaFactory(name="Health", slug="health"),
    }


@pytest.fixture
def orgs(directory):
    """A public, a members-only and a hidden organization."""
    from tests.factories import MemberOrganizationPageFactory

    return {
        "public": MemberOrganizationPageFactory(
            parent=directory, title="Riverside Tenants Union", visibility="public"
        ),
        "members": MemberOrganizationPageFactory(
            parent=directory, title="Quiet Harbor Legal Aid", visibility="members"
        ),
        "hidden": MemberOrganizationPageFactory(
            parent=directory, title="Nightjar Defenders Collective", visibility="hidden"
        ),
    }


@pytest.fixture
def member(orgs):
    """Staff of the public organization."""
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="rosa")
    MembershipFactory(user=user, organization=orgs["public"])
    return user


@pytest.fixture
def other_member(orgs):
    """Staff of the members-only organization."""
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="dev")
    MembershipFactory(user=user, organization=orgs["members"])
    return user


@pytest.fixture
def coordinator(db):
    from tests.factories import CoordinatorFactory

    return CoordinatorFactory(username="ana")
