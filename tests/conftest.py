"""Shared fixtures. Django is imported inside fixtures, not at module level, because
the browser suite (tests/browser) configures Django itself before importing it."""

import pytest


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
