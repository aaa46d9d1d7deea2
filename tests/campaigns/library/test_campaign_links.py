"""Resources linked to campaigns and calendar deadlines; UN submissions on the
calendar."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from campaigns.models import EventKind
from tests.factories import (
    CalendarPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    return CampaignPageFactory(parent=index, title="Fair review", slug="fair-review")


@pytest.fixture
def calendar(home_page):
    return CalendarPageFactory(parent=home_page)


@pytest.fixture
def deadline(campaign):
    return EventFactory(
        title="UPR stakeholder submissions due",
        kind=EventKind.SUBMISSION_DEADLINE,
        date=datetime.date(2026, 3, 1),
        campaign=campaign,
    )


def upr_submission(library, **fields):
    return ResourcePageFactory(
        parent=library,
        title="UPR joint submission",
        slug="upr-joint-submission",
        kind="un-submission",
        un_mechanism="upr",
        session="Fourth cycle",
        reviewed_state="US",
        **fields,
    )


def test_a_un_submission_links_its_campaign_and_the_deadline_it_answered(
    client, library, calendar, campaign, deadline
):
    upr_submission(library, related_campaign=campaign, answers_deadline=deadline)

    html = client.get("/resources/upr-joint-submission/").content.decode()

    assert 'href="/campaigns/fair-review/"' in html
    assert "UPR stakeholder submissions due" in html
    assert "/calendar/?kind=submission-deadline" in html


def test_an_unpublished_campaign_and_its_deadlines_are_not_named(
    client, library, calendar, campaign, deadline
):
    upr_submission(library, related_campaign=campaign, answers_deadline=deadline)
    campaign.unpublish()

    html = client.get("/resources/upr-joint-submission/").content.decode()
    calendar_html = client.get("/calendar/").content.decode()

    assert "Fair review" not in html
    assert "UPR stakeholder submissions due" not in html
    assert "UPR joint submission" in calendar_html
    assert "UPR stakeholder submissions due" not in calendar_html


def test_only_submission_deadlines_can_be_chosen_as_answered():
    from campaigns.models import ResourcePage

    field = ResourcePage._meta.get_field("answers_deadline")

    assert field.remote_field.limit_choices_to == {"kind": "submission-deadline"}


def test_the_calendar_lists_un_submissions_a_visitor_may_see(
    client, library, calendar, deadline, other_member
):
    upr_submission(library, answers_deadline=deadline)
    ResourcePageFactory(
        parent=library,
        title="Members-only CERD notes",
        kind="un-submission",
        un_mechanism="treaty-body",
        treaty_body="cerd",
        visibility="members",
    )
    ResourcePageFactory(parent=library, title="Not a UN submission")

    visitor = client.get("/calendar/").content.decode()
    client.force_login(other_member)
    member = client.get("/calendar/").content.decode()

    assert "Joint submissions to the UN" in visitor
    assert "UPR joint submission" in visitor
    assert "for “UPR stakeholder submissions due”" in visitor
    assert "Members-only CERD notes" not in visitor
    assert "Not a UN submission" not in visitor
    assert "Members-only CERD notes" in member


def test_campaign_resources_tag_lists_visible_resources_of_the_campaign(
    library, campaign
):
    from django.contrib.auth.models import AnonymousUser

    ResourcePageFactory(
        parent=library, title="Campaign toolkit", related_campaign=campaign
    )
    ResourcePageFactory(
        parent=library,
        title="Campaign strategy",
        related_campaign=campaign,
        visibility="members",
    )
    ResourcePageFactory(parent=library, title="Unrelated")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    html = Template("{% load library_tags %}{% campaign_resources campaign %}").render(
        Context({"request": request, "campaign": campaign})
    )

    assert "Campaign toolkit" in html
    assert "Campaign strategy" not in html
    assert "Unrelated" not in html


@pytest.mark.parametrize("size", [20, 2000])
def test_calendar_submissions_tag_runs_in_constant_queries(
    library, areas, orgs, deadline, django_assert_max_num_queries, size
):
    from django.contrib.auth.models import AnonymousUser

    from tests.campaigns.library.bulk import bulk_resources

    bulk_resources(library, size, list(areas.values()), list(orgs.values()))
    upr_submission(library, answers_deadline=deadline)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with django_assert_max_num_queries(5):
        html = Template("{% load library_tags %}{% calendar_un_submissions %}").render(
            Context({"request": request})
        )

    assert "UPR joint submission" in html
