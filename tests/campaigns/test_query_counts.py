"""Query counts are contracts: the same at two data sizes.

Every page also pays the site shell (site lookup, routing, view restrictions,
settings, menu and footer links); `shell_queries` measures it on a bare page in
the same test, so each budget states what the page itself adds.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.models import CampaignPage, Event, EventKind, SignOn, SignOnStatus
from members.models import MemberOrganizationPage, Membership
from tests.factories import (
    CampaignPageFactory,
    CampaignUpdateFactory,
    IssueAreaFactory,
    PledgeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# What a campaign page may add on top of the shell (DESIGN.md section 9: <= 10).
CAMPAIGN_PAGE_OWN_BUDGET = 10
LISTING_OWN_BUDGET = 10


def count(client, url):
    client.get(url)  # warm per-process caches (site root paths, templates)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def shell_queries(client, home_page):
    """The queries a bare page costs: a live child of home with no content."""
    from tests.factories import MemberDirectoryPageFactory

    bare = MemberDirectoryPageFactory(parent=home_page, slug="bare")
    return lambda: count(client, bare.url)


def bulk_organizations(directory, number, start=0, visibility="public"):
    """Organizations straight into the tree, written together as the member
    import writes them (members.imports.writing): no search work."""
    from members.imports.writing import create_organizations

    pages = [
        MemberOrganizationPage(
            title=f"Bulk Organization {index}",
            slug=f"bulk-org-{index}",
            summary="Works on human rights.",
            live=True,
            visibility=visibility,
            locale_id=directory.locale_id,
        )
        for index in range(start, start + number)
    ]
    return create_organizations(directory, [(page, {}) for page in pages])


def sign_all(campaign, organizations, every_unlisted=7, every_pending=11):
    SignOn.objects.bulk_create(
        SignOn(
            campaign=campaign,
            organization=org,
            unlisted=index % every_unlisted == 0,
            status=(
                SignOnStatus.PENDING
                if index % every_pending == 0
                else SignOnStatus.APPROVED
            ),
        )
        for index, org in enumerate(organizations)
    )


def test_the_campaign_page_costs_the_same_with_10_or_300_sign_ons(
    client, campaign, directory, shell_queries
):
    shell = shell_queries()
    for _ in range(3):
        CampaignUpdateFactory(campaign=campaign)
    first = bulk_organizations(directory, 10)
    sign_all(campaign, first)
    PledgeFactory(campaign=campaign)

    small = count(client, campaign.url)

    more = bulk_organizations(directory, 290, start=10)
    sign_all(campaign, more)
    PledgeFactory.create_batch(20, campaign=campaign)
    large = count(client, campaign.url)

    html = client.get(campaign.url).content.decode()
    assert "Bulk Organization 299" in html
    assert SignOn.objects.filter(campaign=campaign).count() == 300
    report = f"campaign page: {small} queries at 10 sign-ons, {large} at 300"
    assert small == large, report
    assert large - shell <= CAMPAIGN_PAGE_OWN_BUDGET, f"{report}; shell {shell}"


def test_the_campaign_page_for_an_org_admin_is_constant_too(
    client, campaign, directory, shell_queries
):
    admin = UserFactory()
    first = bulk_organizations(directory, 10)
    for org in first[:3]:
        Membership.objects.create(user=admin, organization=org, role="admin")
    sign_all(campaign, first[1:])
    client.force_login(admin)
    small = count(client, campaign.url)

    more = bulk_organizations(directory, 190, start=10)
    sign_all(campaign, more)
    large = count(client, campaign.url)

    assert small == large, f"org admin: {small} queries at 9 sign-ons, {large} at 199"


def make_campaigns(index, number, organizations, areas, start=0):
    for position in range(start, start + number):
        CampaignPageFactory(
            parent=index,
            title=f"Campaign number {position}",
            issue_areas=[areas[position % len(areas)]],
            leads=[organizations[position % len(organizations)]],
        )


def test_the_campaign_index_costs_the_same_with_10_or_200_campaigns(
    client, campaign_index, directory, calendar_page, shell_queries
):
    shell = shell_queries()
    areas = [IssueAreaFactory(name=f"Area {n}", slug=f"area-{n}") for n in range(4)]
    organizations = bulk_organizations(directory, 5)
    make_campaigns(campaign_index, 10, organizations, areas)
    small = count(client, "/campaigns/")
    filtered_small = count(client, "/campaigns/?issue=area-1&status=active")

    make_campaigns(campaign_index, 190, organizations, areas, start=10)
    assert CampaignPage.objects.count() == 200
    large = count(client, "/campaigns/")
    filtered_large = count(client, "/campaigns/?issue=area-1&status=active")

    report = f"campaign index: {small} queries at 10 campaigns, {large} at 200"
    assert small == large, report
    assert filtered_small == filtered_large
    assert large - shell <= LISTING_OWN_BUDGET, f"{report}; shell {shell}"


def test_the_home_page_and_calendar_are_constant_in_campaigns_and_events(
    client, campaign_index, directory, calendar_page
):
    areas = [IssueAreaFactory(name=f"Area {n}", slug=f"area-{n}") for n in range(3)]
    organizations = bulk_organizations(directory, 3)

    def add_events(number, start):
        for position in range(start, start + number):
            event = Event(
                title=f"Event {position}",
                kind=list(EventKind)[position % len(EventKind)],
                date=timezone.localdate() + datetime.timedelta(days=position - 5),
                time_zone="America/Chicago",
            )
            event.issue_areas.set([areas[position % len(areas)]])
            event.save()

    make_campaigns(campaign_index, 10, organizations, areas)
    add_events(10, 0)
    home_small = count(client, "/")
    calendar_small = count(client, "/calendar/")
    ical_small = count(client, "/calendar/ical/")

    make_campaigns(campaign_index, 40, organizations, areas, start=10)
    add_events(190, 10)
    home_large = count(client, "/")
    calendar_large = count(client, "/calendar/")
    ical_large = count(client, "/calendar/ical/")

    assert home_small == home_large
    assert calendar_small == calendar_large
    assert ical_small == ical_large
