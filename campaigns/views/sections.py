"""The section pages: /campaigns/, the campaigns with upcoming deadlines beside
them, and /calendar/, the network's events."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from campaigns.forms import CalendarFilterForm, CampaignFilterForm, filter_values
from campaigns.models import CampaignPage, Event
from home.chrome import section_url

CAMPAIGNS_PER_PAGE = 12
DEADLINES_BESIDE_INDEX = 6
CALENDAR_UPCOMING_LIMIT = 200
CALENDAR_PAST_LIMIT = 60


# --- /campaigns/ ------------------------------------------------------------------


def campaign_index(request, index):
    form = CampaignFilterForm(request.GET or None)
    status, issue_area = filter_values(form, "status", "issue")
    campaigns = (
        CampaignPage.objects.child_of(index)
        .published()
        .with_status(status)
        .in_issue_area(issue_area)
        .in_listing_order()
        .with_listing_data(request.viewer)
    )
    paginator = Paginator(campaigns, CAMPAIGNS_PER_PAGE)
    page_of_campaigns = paginator.get_page(request.GET.get("page"))
    deadlines = list(
        Event.objects.public()
        .deadlines()
        .upcoming()
        .select_related("campaign")[:DEADLINES_BESIDE_INDEX]
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = index.get_context(request)
    context.update(
        {
            "filter_form": form,
            "campaigns": page_of_campaigns,
            "deadlines": deadlines,
            "filter_query": query.urlencode(),
            "is_filtered": bool(status or issue_area),
            # From the site chrome: page.url would ask the cache.
            "calendar_url": section_url("calendarpage"),
        }
    )
    return TemplateResponse(request, "campaigns/campaign_index_page.html", context)


# --- /calendar/ -------------------------------------------------------------------


def calendar(request, calendar_page):
    form = CalendarFilterForm(request.GET or None)
    kind, issue_area = filter_values(form, "kind", "issue")
    events = (
        Event.objects.public()
        .of_kind(kind)
        .in_issue_area(issue_area)
        .with_listing_data()
    )
    now = timezone.now()
    upcoming = list(events.upcoming(now)[: CALENDAR_UPCOMING_LIMIT + 1])
    past = list(events.past(now)[:CALENDAR_PAST_LIMIT])
    ical_url = calendar_page.url + calendar_page.reverse_subpage("ical")
    if issue_area is not None:
        ical_url += f"?issue={issue_area.slug}"
    context = calendar_page.get_context(request)
    context.update(
        {
            "filter_form": form,
            "upcoming_events": upcoming[:CALENDAR_UPCOMING_LIMIT],
            "more_upcoming": len(upcoming) > CALENDAR_UPCOMING_LIMIT,
            "past_events": past,
            "past_limit": CALENDAR_PAST_LIMIT,
            "is_filtered": bool(kind or issue_area),
            "ical_url": ical_url,
            "issue_area": issue_area,
        }
    )
    return TemplateResponse(request, "campaigns/calendar_page.html", context)
