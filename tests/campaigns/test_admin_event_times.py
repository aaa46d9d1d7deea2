"""The admin's events listing shows each event in its own time zone, all-day items
as dates: an all-day Geneva session is 18 July, not "18 July, 6 p.m."."""

import datetime

import pytest

from campaigns.models import EventKind
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def listing(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/campaigns/events/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_all_day_geneva_session_is_listed_as_its_date(client, coordinator):
    EventFactory(
        title="Human Rights Council session opens",
        kind=EventKind.UN_REVIEW,
        date=datetime.date(2026, 7, 18),
        start_time=None,
        time_zone="Europe/Zurich",
    )

    page = listing(client, coordinator)

    assert "Sat 18 Jul 2026" in page
    assert "Sat 18 Jul 2026," not in page  # no time of day
    assert "p.m." not in page and "18:00" not in page


def test_a_timed_event_is_listed_at_its_own_local_time_and_zone(client, coordinator):
    EventFactory(
        title="Chicago tenants' assembly",
        date=datetime.date(2026, 7, 18),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        time_zone="America/Chicago",
    )

    page = listing(client, coordinator)

    # The site's zone is New York, where this would read 15:00.
    assert "Sat 18 Jul 2026, 14:00 – 16:30 CDT" in page


def test_several_day_items_show_both_dates(client, coordinator):
    EventFactory(
        title="Geneva session",
        date=datetime.date(2026, 6, 15),
        end_date=datetime.date(2026, 7, 10),
        start_time=None,
        time_zone="Europe/Zurich",
    )

    assert "Mon 15 Jun 2026 – Fri 10 Jul 2026" in listing(client, coordinator)
