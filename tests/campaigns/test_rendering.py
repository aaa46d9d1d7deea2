import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from campaigns.models import CampaignStatus, EventKind
from tests.factories import (
    CampaignPageFactory,
    CampaignUpdateFactory,
    EventFactory,
    IssueAreaFactory,
    SignOnFactory,
)

pytestmark = pytest.mark.django_db


def test_the_campaign_page_shows_its_parts(client, campaign, make_org):
    lead = make_org("Lead Tenants Union")
    partner = make_org("Partner Legal Aid")
    hidden_partner = make_org("Hidden Partner", visibility="hidden")
    from campaigns.models import CampaignOrganization

    for org, role in (
        (lead, "lead"),
        (partner, "partner"),
        (hidden_partner, "partner"),
    ):
        CampaignOrganization.objects.create(
            campaign=campaign, organization=org, role=role
        )
    campaign.body = [
        ("heading", {"text": "Why now", "level": "h2"}),
        ("statistic", {"figure": "3 in 5", "label": "tenants without a lawyer"}),
    ]
    campaign.save_revision().publish()
    CampaignUpdateFactory(campaign=campaign, title="Letter delivered")
    EventFactory(
        campaign=campaign, title="Rally at city hall", kind=EventKind.ACTION_DAY
    )
    EventFactory(
        campaign=campaign,
        title="Last year's hearing",
        date=timezone.localdate() - datetime.timedelta(days=300),
    )

    html = client.get(campaign.url).content.decode()

    assert "Housing is a human right" in html
    assert "Sign on and tell your representatives." in html
    assert "Why now" in html and "3 in 5" in html
    assert "Lead Tenants Union" in html and "Partner Legal Aid" in html
    assert "Hidden Partner" not in html
    assert "Letter delivered" in html
    assert "Rally at city hall" in html
    assert "<details" in html and "Last year&#x27;s hearing" in html
    assert 'href="/campaigns/housing-is-a-human-right/ical/"' in html


def test_the_index_lists_campaigns_and_filters_by_status_and_issue(
    client, campaign_index
):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    CampaignPageFactory(
        parent=campaign_index, title="Active housing", issue_areas=[housing]
    )
    CampaignPageFactory(
        parent=campaign_index, title="Old labor", status=CampaignStatus.CONCLUDED
    )

    everything = client.get("/campaigns/").content.decode()
    assert "Active housing" in everything and "Old labor" in everything

    concluded = client.get("/campaigns/", {"status": "concluded"}).content.decode()
    assert "Old labor" in concluded and "Active housing" not in concluded

    on_housing = client.get("/campaigns/", {"issue": "housing"}).content.decode()
    assert "Active housing" in on_housing and "Old labor" not in on_housing


def test_the_index_shows_upcoming_deadlines_beside_the_list(client, campaign_index):
    EventFactory(title="Shadow report due", kind=EventKind.SUBMISSION_DEADLINE)
    EventFactory(title="Team meeting", kind=EventKind.MEETING)

    html = client.get("/campaigns/").content.decode()

    assert "Upcoming deadlines" in html
    assert "Shadow report due" in html
    assert "Team meeting" not in html


def test_the_calendar_puts_upcoming_first_and_collapses_the_past(client, calendar_page):
    EventFactory(title="Soon", date=timezone.localdate() + datetime.timedelta(days=2))
    EventFactory(title="Later", date=timezone.localdate() + datetime.timedelta(days=40))
    EventFactory(title="Gone", date=timezone.localdate() - datetime.timedelta(days=40))

    html = client.get("/calendar/").content.decode()

    assert html.index("Soon") < html.index("Later") < html.index("<details")
    assert html.index("<details") < html.index("Gone")


def test_the_calendar_filters_by_kind_and_issue_area(client, calendar_page):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    EventFactory(title="Hearing", kind=EventKind.MEETING, issue_areas=[housing])
    EventFactory(title="Deadline", kind=EventKind.SUBMISSION_DEADLINE)

    by_kind = client.get("/calendar/", {"kind": "submission-deadline"}).content.decode()
    assert "Deadline" in by_kind and "Hearing" not in by_kind

    by_issue = client.get("/calendar/", {"issue": "housing"}).content.decode()
    assert "Hearing" in by_issue and ">Deadline<" not in by_issue
    assert "/calendar/ical/?issue=housing" in by_issue


def test_an_event_shows_its_own_local_time_and_zone(client, calendar_page):
    EventFactory(
        title="Geneva session",
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        time_zone="Europe/Zurich",
    )

    html = client.get("/calendar/").content.decode()

    assert "10:00" in html and "13:00" in html
    assert "CET" in html or "CEST" in html


def render(template, **context):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return Template("{% load campaign_tags %}" + template).render(
        Context({"request": request, **context})
    )


def test_the_home_page_shows_active_campaigns(client, campaign_index):
    CampaignPageFactory(parent=campaign_index, title="Active one")
    CampaignPageFactory(
        parent=campaign_index, title="Coming one", status=CampaignStatus.UPCOMING
    )

    html = client.get("/").content.decode()

    assert "Campaigns under way" in html
    assert "Active one" in html
    assert "Coming one" not in html


def test_an_organizations_campaigns_tag_lists_what_it_leads_or_signed(
    campaign_index, make_org
):
    organization = make_org("Tag Test Org")
    led = CampaignPageFactory(
        parent=campaign_index, title="Led one", leads=[organization]
    )
    signed = CampaignPageFactory(parent=campaign_index, title="Signed one")
    quietly = CampaignPageFactory(parent=campaign_index, title="Quietly signed one")
    CampaignPageFactory(parent=campaign_index, title="Unrelated one")
    SignOnFactory(campaign=signed, organization=organization)
    SignOnFactory(campaign=quietly, organization=organization, unlisted=True)

    html = render(
        "{% organization_campaigns organization %}", organization=organization
    )

    assert "Led one" in html and "Signed one" in html
    assert "Quietly signed one" not in html
    assert "Unrelated one" not in html
    assert led and signed


def test_an_issue_areas_tag_lists_its_campaigns_and_deadlines(
    campaign_index, calendar_page
):
    housing = IssueAreaFactory(name="Housing", slug="housing")
    CampaignPageFactory(
        parent=campaign_index, title="Housing drive", issue_areas=[housing]
    )
    CampaignPageFactory(parent=campaign_index, title="Other drive")
    EventFactory(title="Housing hearing", issue_areas=[housing])

    html = render("{% issue_area_campaigns issue_area %}", issue_area=housing)

    assert "Housing drive" in html and "Other drive" not in html
    assert "Housing hearing" in html
    assert "/calendar/ical/?issue=housing" in html
