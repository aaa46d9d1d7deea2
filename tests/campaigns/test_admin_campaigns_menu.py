"""The Campaigns menu opens with the campaigns themselves, filterable by status."""

import re

import pytest

from campaigns.models import CampaignStatus
from tests.factories import CampaignPageFactory

pytestmark = pytest.mark.django_db


def test_the_campaigns_menu_lists_campaigns_first_then_what_hangs_off_them(
    client, coordinator
):
    client.force_login(coordinator)

    page = client.get("/admin/").content.decode()

    links = re.findall(r'"url": "(/admin/campaigns/[a-z-]+/)"', page)
    assert links[:4] == [
        "/admin/campaigns/all/",
        "/admin/campaigns/events/",
        "/admin/campaigns/sign-ons/",
        "/admin/campaigns/pledges/",
    ]


def test_the_campaign_listing_filters_by_status(client, coordinator, campaign_index):
    CampaignPageFactory(
        parent=campaign_index, title="Close the camps", status=CampaignStatus.ACTIVE
    )
    CampaignPageFactory(
        parent=campaign_index,
        title="Water is a right",
        status=CampaignStatus.CONCLUDED,
    )
    client.force_login(coordinator)

    everything = client.get("/admin/campaigns/all/")
    concluded = client.get("/admin/campaigns/all/", {"status": "concluded"})

    assert everything.status_code == concluded.status_code == 200
    assert "Close the camps" in everything.content.decode()
    assert "Water is a right" in everything.content.decode()
    assert "Water is a right" in concluded.content.decode()
    assert "Close the camps" not in concluded.content.decode()


def titles(response):
    assert response.status_code == 200
    return set(
        re.findall(
            r'id="page_\d+_title"[^>]*>\s*([^<]+?)\s*<', response.content.decode()
        )
    )


def test_the_campaign_listing_filters_by_campaign_status_and_published(
    client, coordinator, campaign_index
):
    CampaignPageFactory(
        parent=campaign_index, title="Close the camps", status=CampaignStatus.ACTIVE
    )
    CampaignPageFactory(
        parent=campaign_index, title="Fair wages", status=CampaignStatus.UPCOMING
    )
    draft = CampaignPageFactory(
        parent=campaign_index, title="Clean water draft", status=CampaignStatus.ACTIVE
    )
    draft.unpublish()
    client.force_login(coordinator)
    listing = "/admin/campaigns/all/"

    assert titles(client.get(listing)) == {
        "Close the camps",
        "Fair wages",
        "Clean water draft",
    }
    assert titles(client.get(listing, {"status": "active"})) == {
        "Close the camps",
        "Clean water draft",
    }
    assert titles(client.get(listing, {"status": ["active", "upcoming"]})) == {
        "Close the camps",
        "Fair wages",
        "Clean water draft",
    }
    assert titles(client.get(listing, {"published": "draft"})) == {"Clean water draft"}
    assert titles(client.get(listing, {"status": "active", "published": "live"})) == {
        "Close the camps"
    }


def test_the_campaign_listing_shows_each_campaigns_status_in_words(
    client, coordinator, campaign_index
):
    CampaignPageFactory(
        parent=campaign_index, title="Water is a right", status=CampaignStatus.CONCLUDED
    )
    client.force_login(coordinator)

    page = client.get("/admin/campaigns/all/").content.decode()

    assert "Campaign status" in page
    assert re.search(r'class="w-status[^"]*">\s*Concluded\s*<', page)
    assert ">concluded<" not in page


@pytest.mark.parametrize(
    "query", [{"status": "closed"}, {"published": "maybe"}, {"status": "x" * 5000}]
)
def test_an_unknown_filter_value_is_named_not_a_crash(
    client, coordinator, campaign_index, query
):
    client.force_login(coordinator)

    response = client.get("/admin/campaigns/all/", query)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_members_cannot_reach_the_campaign_listing(client, org_admin):
    client.force_login(org_admin)

    assert client.get("/admin/campaigns/all/").status_code in (302, 403)
