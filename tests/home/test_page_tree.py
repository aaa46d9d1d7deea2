from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from campaigns.models import CalendarPage, CampaignIndexPage
from home.models import HomePage
from members.models import (
    IssueAreaIndexPage,
    MemberDirectoryPage,
    MemberOrganizationPage,
)
from network.models import BoardPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_sections_live_under_the_home_page(self):
        for section in (
            MemberDirectoryPage,
            IssueAreaIndexPage,
            CampaignIndexPage,
            CalendarPage,
            BoardPage,
        ):
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})
                self.assertEqual(section.max_count, 1)

    def test_organizations_live_only_in_the_directory(self):
        self.assertAllowedParentPageTypes(MemberOrganizationPage, {MemberDirectoryPage})
        self.assertAllowedSubpageTypes(MemberDirectoryPage, {MemberOrganizationPage})
        self.assertAllowedSubpageTypes(MemberOrganizationPage, set())

    def test_a_directory_can_be_created_under_home(self):
        self.client.force_login(self.create_test_user())  # a superuser
        root = Page.get_first_root_node()
        home = HomePage(title="Home", slug="home-test")
        root.add_child(instance=home)
        self.assertCanCreate(
            home,
            MemberDirectoryPage,
            {"title": "Members", "slug": "members", "introduction": ""},
        )
