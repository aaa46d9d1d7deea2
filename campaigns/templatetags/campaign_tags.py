"""Campaign pieces other apps' templates include: the home page's active campaigns
and next deadlines, an organization's campaigns (for its profile) and an issue
area's campaigns and deadlines (for its hub). Each runs a fixed number of queries."""

from django import template

from campaigns.models import CampaignPage, CampaignStatus, Event
from home.chrome import section_url
from members.viewer import viewer_of

register = template.Library()

HOME_CAMPAIGNS = 3
HOME_DEADLINES = 4
HUB_CAMPAIGNS = 6
HUB_EVENTS = 5
PROFILE_CAMPAIGNS = 10


def _viewer(context):
    return viewer_of(context.get("request"))


@register.inclusion_tag("campaigns/components/home_campaigns.html", takes_context=True)
def active_campaigns(context, limit=HOME_CAMPAIGNS):
    campaigns = (
        CampaignPage.objects.published()
        .with_status(CampaignStatus.ACTIVE)
        .order_by("-start_date", "title")
        .with_listing_data(_viewer(context))[:limit]
    )
    deadlines = (
        Event.objects.public().deadlines().upcoming().select_related("campaign")
    )[:HOME_DEADLINES]
    return {
        "request": context.get("request"),
        "campaigns": list(campaigns),
        "deadlines": list(deadlines),
        "index": _index_url(),
    }


@register.inclusion_tag(
    "campaigns/components/organization_campaigns.html", takes_context=True
)
def organization_campaigns(context, organization, limit=PROFILE_CAMPAIGNS):
    """Campaigns the organization leads, partners on or has publicly signed.
    Include only on a profile the viewer may already see."""
    campaigns = (
        CampaignPage.objects.published()
        .involving(organization)
        .in_listing_order()
        .with_listing_data(_viewer(context))[:limit]
    )
    return {
        "request": context.get("request"),
        "organization": organization,
        "campaigns": list(campaigns),
    }


@register.inclusion_tag(
    "campaigns/components/issue_area_campaigns.html", takes_context=True
)
def issue_area_campaigns(context, issue_area):
    campaigns = (
        CampaignPage.objects.published()
        .in_issue_area(issue_area)
        .in_listing_order()
        .with_listing_data(_viewer(context))[:HUB_CAMPAIGNS]
    )
    events = (
        Event.objects.public()
        .in_issue_area(issue_area)
        .upcoming()
        .select_related("campaign")[:HUB_EVENTS]
    )
    return {
        "request": context.get("request"),
        "issue_area": issue_area,
        "campaigns": list(campaigns),
        "events": list(events),
        "index": _index_url(),
        "calendar": _calendar_url(),
    }


def _index_url():
    # From the site chrome, which builds from the page tree while the cache is
    # down (page.url asks the cache for the sites' root paths).
    return section_url("campaignindexpage")


def _calendar_url():
    return section_url("calendarpage")
