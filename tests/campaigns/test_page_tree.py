from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from campaigns.models import CalendarPage, CampaignIndexPage, CampaignPage
from home.models import HomePage
from tests.factories import CampaignIndexPageFactory, HomePageFactory


class CampaignPageTreeRulesTests(WagtailPageTestCase):
    def test_campaigns_live_only_under_the_campaign_index(self):
        self.assertAllowedParentPageTypes(CampaignPage, {CampaignIndexPage})
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})

    def test_campaigns_and_the_calendar_have_no_children(self):
        self.assertAllowedSubpageTypes(CampaignPage, set())
        self.assertAllowedSubpageTypes(CalendarPage, set())

    def test_the_index_and_calendar_live_under_home_once(self):
        self.assertAllowedParentPageTypes(CampaignIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CalendarPage, {HomePage})
        self.assertEqual(CampaignIndexPage.max_count, 1)
        self.assertEqual(CalendarPage.max_count, 1)

    def test_a_coordinator_can_create_a_campaign_under_the_index(self):
        from wagtail.models import Page

        self.client.force_login(self.create_test_user())  # a superuser
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-tree")
        index = CampaignIndexPageFactory(parent=home)
        self.assertCanCreate(
            index,
            CampaignPage,
            nested_form_data(
                {
                    "title": "Fair wages now",
                    "slug": "fair-wages-now",
                    "summary": "Pay every worker what they earned.",
                    "status": "active",
                    "ask": "",
                    "body": streamfield([]),
                    "signon_statement": rich_text(""),
                    "issue_areas": "",
                    "organization_links": inline_formset([]),
                    "updates": inline_formset([]),
                }
            ),
        )

    def test_reserved_slugs_are_refused(self):
        from django.core.exceptions import ValidationError

        page = CampaignPage(title="Feed", slug="feed", summary="x")
        with self.assertRaises(ValidationError):
            page.clean()

    def test_end_date_before_start_is_refused(self):
        import datetime

        from django.core.exceptions import ValidationError

        page = CampaignPage(
            title="Backwards",
            slug="backwards",
            summary="x",
            start_date=datetime.date(2026, 5, 1),
            end_date=datetime.date(2026, 4, 1),
        )
        with self.assertRaises(ValidationError) as raised:
            page.clean()
        self.assertIn("end_date", raised.exception.message_dict)
