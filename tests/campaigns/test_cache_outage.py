"""The campaigns' pieces link the calendar and the campaigns section while the
cache is down: their addresses come from the site chrome (home.chrome.section_url),
which builds from the page tree when the cache is unreachable, never from Wagtail's
page.url, which asks the cache for the sites' root paths and raised during a Redis
outage."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from campaigns.models import EventKind
from campaigns.views.sections import campaign_index
from members.models import IssueArea
from members.viewer import ANONYMOUS
from tests.factories import (
    CalendarPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_cache(settings):
    # Nothing listens on port 1: every cache call fails to connect. Django resets
    # its cache handlers when CACHES changes.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }


@pytest.fixture
def sections(home_page):
    """The campaigns section and the calendar, with a deadline a UN submission
    answered."""
    index = CampaignIndexPageFactory(parent=home_page)
    CalendarPageFactory(parent=home_page)
    library = ResourceIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index, title="Fair review")
    deadline = EventFactory(
        title="UPR stakeholder submissions due",
        kind=EventKind.SUBMISSION_DEADLINE,
        date=datetime.date.today() + datetime.timedelta(days=30),
        campaign=campaign,
    )
    resource = ResourcePageFactory(
        parent=library,
        title="UPR joint submission",
        kind="un-submission",
        un_mechanism="upr",
        session="Fourth cycle",
        reviewed_state="US",
        answers_deadline=deadline,
    )
    return index, resource


def visitor_request(path):
    request = RequestFactory().get(path)
    request.user, request.viewer = AnonymousUser(), ANONYMOUS
    return request


def test_the_campaigns_section_links_the_calendar_while_the_cache_is_down(
    sections, unreachable_cache
):
    index, _resource = sections

    response = campaign_index(visitor_request("/campaigns/"), index)

    assert response.context_data["calendar_url"] == "/calendar/"


def test_a_resource_links_the_deadline_it_answered_while_the_cache_is_down(
    sections, unreachable_cache
):
    _index, resource = sections

    context = resource.get_context(visitor_request(resource.url_path))

    assert context["calendar_url"] == "/calendar/?kind=submission-deadline"


def test_an_issue_hub_links_the_calendar_and_campaigns_while_the_cache_is_down(
    sections, unreachable_cache
):
    # An issue area with no campaign or event yet: the links are all there is.
    area = IssueArea.objects.get(slug="housing")
    template = Template("{% load campaign_tags %}{% issue_area_campaigns area %}")

    html = template.render(
        Context({"request": visitor_request("/issues/housing/"), "area": area})
    )

    assert 'href="/calendar/?issue=housing"' in html
    assert 'href="/calendar/ical/?issue=housing"' in html
    assert 'href="/campaigns/?issue=housing"' in html


def test_the_home_page_links_the_campaigns_while_the_cache_is_down(
    client, home_page, unreachable_cache
):
    CampaignIndexPageFactory(parent=home_page)
    CalendarPageFactory(parent=home_page)
    # A deadline, so the home page shows its campaigns piece.
    EventFactory(kind=EventKind.SUBMISSION_DEADLINE)

    response = client.get("/")

    assert response.status_code == 200
    assert '<a href="/campaigns/">' in response.content.decode()
