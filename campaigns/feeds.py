"""Machine surfaces: RSS/Atom of campaign updates and iCalendar of events.

Feeds are public and shared by every reader, so they publish only public items:
live campaigns without view restrictions, updates whose time has come, and events
that stand alone or belong to such a campaign. They never name a signatory.
"""

import datetime

import icalendar
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from campaigns.models import CampaignPage, CampaignUpdate, Event
from home.facets import without_control_characters
from home.feeds import ServedAddressFeed
from home.links import page_url
from members.models import IssueArea

FEED_LENGTH = 50
# The network-wide iCal feed keeps recent past items so calendars do not lose them
# the moment they end; older ones drop off to keep the feed small.
ICAL_PAST_DAYS = 180


class CampaignUpdatesFeed(ServedAddressFeed):
    """RSS 2.0 of updates: one campaign's (/campaigns/<slug>/feed/) or all
    (/campaigns/feed/)."""

    item_guid_is_permalink = False

    def __init__(self, campaign=None, index=None):
        super().__init__()
        self.campaign = campaign
        self.index = index

    def get_object(self, request, *args, **kwargs):
        return self.campaign

    def title(self, obj):
        if obj is not None:
            return _("Updates: %(campaign)s") % {"campaign": obj.title}
        return _("Campaign updates")

    def link(self, obj):
        return page_url(obj if obj is not None else self.index)

    def description(self, obj):
        if obj is not None:
            return obj.summary
        return _("News from the network's joint campaigns.")

    def items(self, obj):
        updates = CampaignUpdate.objects.filter(
            campaign__in=CampaignPage.objects.published().values("pk"),
            published_at__lte=timezone.now(),
        )
        if obj is not None:
            updates = updates.filter(campaign=obj)
        return updates.select_related("campaign").order_by("-published_at", "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, item):
        if self.campaign is not None:
            return item.title
        return f"{item.campaign.title}: {item.title}"

    def item_description(self, item):
        return expand_db_html(item.body)

    def item_link(self, item):
        return f"{page_url(item.campaign)}#{item.anchor}"

    def item_guid(self, item):
        return f"campaign-update-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at


class CampaignUpdatesAtomFeed(CampaignUpdatesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def ical_response(name, events):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Common Ground//Network calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(ical_event(event))
    calendar.add_missing_timezones()
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def ical_event(event):
    item = icalendar.Event()
    item.add("uid", event.ical_uid)
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", event.date)
        item.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        item.add("dtstart", event.local_start)
        if event.ends_at > event.starts_at:
            item.add("dtend", event.local_end)
    item.add("categories", [str(event.get_kind_display())])
    if event.location:
        item.add("location", event.location)
    description = [event.description] if event.description else []
    if event.campaign_id is not None:
        campaign_url = page_url(event.campaign)
        description.append(
            _("Campaign: %(title)s %(url)s")
            % {"title": event.campaign.title, "url": campaign_url}
        )
    if event.link:
        item.add("url", event.link)
    elif event.campaign_id is not None:
        item.add("url", page_url(event.campaign))
    if description:
        item.add("description", "\n\n".join(description))
    return item


def calendar_ical(request, calendar_page):
    """/calendar/ical/, optionally ?issue=<slug>."""
    events = Event.objects.public()
    name = _("Network calendar")
    slug = request.GET.get("issue")
    if slug:
        # A control character is in no slug (and PostgreSQL refuses a NUL).
        issue_area = (
            None
            if without_control_characters(slug) != slug
            else IssueArea.objects.filter(slug=slug).first()
        )
        if issue_area is None:
            raise Http404(_("No such issue area."))
        events = events.in_issue_area(issue_area)
        name = _("Network calendar: %(issue)s") % {"issue": issue_area.name}
    since = timezone.now() - datetime.timedelta(days=ICAL_PAST_DAYS)
    events = events.filter(ends_at__gte=since).select_related("campaign")
    return ical_response(name, events.order_by("starts_at", "pk"))


def campaign_ical(request, campaign):
    """/campaigns/<slug>/ical/: every event of one campaign."""
    events = campaign.events.select_related("campaign").order_by("starts_at", "pk")
    return ical_response(campaign.title, events)
