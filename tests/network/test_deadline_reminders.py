"""manage.py send_deadline_reminders: a week and a day ahead of each public
deadline, the people in its issue areas hear once per deadline and lead time,
however often the command runs."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import EventKind
from network.notifications.models import Notification
from network.notifications.reminders import lead_for, send_deadline_reminders
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_lead_time_due_for_each_distance():
    assert [lead_for(days) for days in (-1, 0, 1, 2, 6, 7, 8)] == [
        None,
        1,
        1,
        7,
        7,
        7,
        None,
    ]


def test_each_reminder_once_per_deadline_and_lead_time(admin_a, org_a, user_b):
    today = timezone.localdate()
    housing = org_a.issue_areas.get()
    deadline = EventFactory(
        title="UPR submission",
        kind=EventKind.SUBMISSION_DEADLINE,
        date=today + datetime.timedelta(days=7),
        issue_areas=[housing],
    )
    EventFactory(  # a meeting is no deadline
        kind=EventKind.MEETING,
        date=today + datetime.timedelta(days=7),
        issue_areas=[housing],
    )
    Notification.objects.all().delete()  # the events' "new on the calendar"

    assert send_deadline_reminders(today) == (1, 1)
    assert send_deadline_reminders(today) == (0, 0)
    assert send_deadline_reminders(today + datetime.timedelta(days=3)) == (0, 0)
    assert send_deadline_reminders(today + datetime.timedelta(days=6)) == (1, 1)
    assert send_deadline_reminders(today + datetime.timedelta(days=6)) == (0, 0)

    reminders = Notification.objects.filter(kind="deadline_soon")
    assert {(n.user, n.event, n.once_key) for n in reminders} == {
        (admin_a, deadline, f"deadline:{deadline.pk}:7"),
        (admin_a, deadline, f"deadline:{deadline.pk}:1"),
    }


def test_the_command_says_what_it_sent(admin_a, org_a):
    EventFactory(
        kind=EventKind.UN_REVIEW,
        date=timezone.localdate() + datetime.timedelta(days=1),
        issue_areas=[org_a.issue_areas.get()],
    )
    out = StringIO()
    call_command("send_deadline_reminders", stdout=out)
    call_command("send_deadline_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminders sent: 1, for 1 deadlines.",
        "Reminders sent: 0, for 0 deadlines.",
    ]
