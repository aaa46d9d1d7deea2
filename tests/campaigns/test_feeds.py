"""Feeds parse in real readers and carry exactly the public items."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    CampaignPageFactory,
    CampaignUpdateFactory,
    EventFactory,
    IssueAreaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_world(campaign_index, calendar_page):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    labor = IssueAreaFactory(name="Labor", slug="labor")
    public = CampaignPageFactory(
        parent=campaign_index, title="Open Campaign", issue_areas=[housing]
    )
    draft = CampaignPageFactory(parent=campaign_index, title="Draft Campaign")
    draft.unpublish()
    private = CampaignPageFactory(parent=campaign_index, title="Private Campaign")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    CampaignUpdateFactory(campaign=public, title="Public news")
    CampaignUpdateFactory(
        campaign=public,
        title="Scheduled news",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    CampaignUpdateFactory(campaign=draft, title="Draft news")
    CampaignUpdateFactory(campaign=private, title="Private news")
    EventFactory(title="Open campaign rally", campaign=public)
    EventFactory(title="Network call", issue_areas=[labor])
    EventFactory(title="Housing hearing", issue_areas=[housing])
    EventFactory(title="Draft campaign meeting", campaign=draft)
    EventFactory(title="Private campaign meeting", campaign=private)
    return {"public": public, "housing": housing}


def titles(url, client):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return [entry.title for entry in parsed.entries]


def test_the_all_campaigns_feed_has_exactly_the_published_updates(client, feed_world):
    assert titles("/campaigns/feed/", client) == ["Open Campaign: Public news"]
    assert titles("/campaigns/feed/atom/", client) == ["Open Campaign: Public news"]


def test_a_campaigns_feed_has_its_published_updates(client, feed_world):
    url = feed_world["public"].url + "feed/"
    assert titles(url, client) == ["Public news"]
    parsed = feedparser.parse(client.get(url).content)
    entry = parsed.entries[0]
    assert entry.link.startswith("http://")
    assert "#update-" in entry.link
    assert entry.id.startswith("campaign-update-")


def test_the_campaign_page_advertises_its_feeds(client, feed_world):
    html = client.get(feed_world["public"].url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/campaigns/open-campaign/feed/"' in html


def events_in(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {
        str(component["summary"]): component for component in calendar.walk("VEVENT")
    }


def test_the_network_ical_feed_has_exactly_the_public_events(client, feed_world):
    events = events_in(client.get("/calendar/ical/"))

    assert set(events) == {"Open campaign rally", "Network call", "Housing hearing"}


def test_the_ical_feed_filters_by_issue_area_including_campaign_tags(
    client, feed_world
):
    events = events_in(client.get("/calendar/ical/", {"issue": "housing"}))

    assert set(events) == {"Open campaign rally", "Housing hearing"}


def test_an_unknown_issue_area_in_the_ical_feed_is_not_found(client, feed_world):
    assert client.get("/calendar/ical/", {"issue": "<script>"}).status_code == 404


def test_a_campaigns_ical_feed_has_its_events_with_stable_uids(client, feed_world):
    url = feed_world["public"].url + "ical/"
    first = events_in(client.get(url))
    second = events_in(client.get(url))

    assert set(first) == {"Open campaign rally"}
    uid = str(first["Open campaign rally"]["uid"])
    assert uid == str(second["Open campaign rally"]["uid"])
    assert uid.endswith("@common-ground-events")


def test_ical_times_keep_their_time_zone(client, campaign_index, calendar_page):
    EventFactory(
        title="Geneva session",
        date=timezone.localdate() + datetime.timedelta(days=20),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="Europe/Zurich",
    )
    EventFactory(
        title="Deadline day",
        start_time=None,
        date=timezone.localdate() + datetime.timedelta(days=5),
    )

    events = events_in(client.get("/calendar/ical/"))

    start = events["Geneva session"].decoded("dtstart")
    assert start.tzinfo is not None
    assert start.hour == 10
    assert start.utcoffset() in (
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    )
    all_day = events["Deadline day"].decoded("dtstart")
    assert isinstance(all_day, datetime.date)
    assert not isinstance(all_day, datetime.datetime)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_feed_names_itself_at_the_served_address_whatever_the_host(
    client, feed_world, campaign_index, settings, kind
):
    """The feed's own link (RSS atom:link rel=self, Atom rel=self) is at the
    address the site is served at, like its items' links, not at the Host the
    request came with (home.feeds)."""
    from tests.factories import NewsIndexPageFactory

    settings.WAGTAILADMIN_BASE_URL = "https://network.example.org"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "proxy.internal"]
    news = NewsIndexPageFactory(parent=campaign_index.get_parent())
    suffix = "feed/" if kind == "rss" else "feed/atom/"
    feeds = [
        f"/campaigns/{suffix}",
        f"{feed_world['public'].url}{suffix}",
        f"{news.url}{suffix}",
    ]
    for path in feeds:
        response = client.get(path, HTTP_HOST="proxy.internal")
        assert response.status_code == 200, path
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        self_links = [
            link.href for link in parsed.feed.links if link.get("rel") == "self"
        ]
        assert self_links == [f"https://network.example.org{path}"], path
        assert "proxy.internal" not in response.content.decode(), path
