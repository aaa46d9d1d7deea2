"""Reminders that a deadline in someone's issue areas is near: a week ahead
and a day ahead (LEAD_DAYS), each once per deadline, person and lead time (the
notification's once-only key), so the daily run may run twice, or miss a day,
and nobody hears twice or not at all."""

import datetime

from django.utils import timezone

from network.notifications.models import NotificationKind
from network.notifications.receivers import people_in_issue_areas
from network.notifications.sending import store_and_deliver

# The longest lead first: a deadline 5 days away gets the week's reminder.
LEAD_DAYS = (7, 1)


def lead_for(days_left):
    """The reminder due for a deadline this many days away (None: none yet)."""
    due = [lead for lead in LEAD_DAYS if 0 <= days_left <= lead]
    return min(due) if due else None


def send_deadline_reminders(today=None):
    """(deadlines, reminders stored) for the public deadlines of the next week."""
    from campaigns.models import Event

    today = today or timezone.localdate()
    deadlines = (
        Event.objects.public()
        .deadlines()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(max(LEAD_DAYS)))
        .select_related("campaign")
        .prefetch_related("issue_areas", "campaign__issue_areas")
        .order_by("date", "pk")
    )
    reminded = stored = 0
    for event in deadlines:
        lead = lead_for((event.date - today).days)
        areas = {area.pk for area in event.issue_areas.all()}
        if event.campaign_id:
            areas |= {area.pk for area in event.campaign.issue_areas.all()}
        created = store_and_deliver(
            NotificationKind.DEADLINE_SOON,
            sorted(people_in_issue_areas(areas)),
            once_key=f"deadline:{event.pk}:{lead}",
            target_ids={"event_id": event.pk},
        )
        reminded += bool(created)
        stored += len(created)
    return reminded, stored
