"""The admin's events listing writes each event as the public calendar does: in the
event's own time zone, all-day items as dates. An all-day Geneva session is
18 July, not "18 July, 6 p.m.", whatever zone the coordinator reading it is in."""

import datetime
import html
import re

import pytest
from wagtail.users.models import UserProfile

from campaigns.models import EventKind
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_in_tokyo(coordinator):
    """A coordinator whose own admin time zone is neither the events' nor the
    site's (New York)."""
    profile = UserProfile.get_for_user(coordinator)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()
    return coordinator


def listed_when(client, user):
    """The text of each row's "When" cell, by event title."""
    client.force_login(user)
    response = client.get("/admin/campaigns/events/")
    assert response.status_code == 200
    rows = re.findall(r"<tr\b.*?</tr>", response.content.decode(), flags=re.S)
    cells = {}
    for row in rows:
        texts = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td\b.*?</td>", row, flags=re.S)
        ]
        if texts:
            cells[texts[0]] = texts
    return cells


def when_of(cells, title):
    (row,) = [texts for first, texts in cells.items() if first.startswith(title)]
    return row[2]  # title, kind, when, campaign


def test_an_all_day_geneva_session_is_listed_as_its_date(client, coordinator_in_tokyo):
    EventFactory(
        title="Human Rights Council session opens",
        kind=EventKind.UN_REVIEW,
        date=datetime.date(2026, 7, 18),
        start_time=None,
        time_zone="Europe/Zurich",
    )

    cells = listed_when(client, coordinator_in_tokyo)

    assert when_of(cells, "Human Rights Council session opens") == "Sat 18 Jul 2026"


def test_a_timed_event_is_listed_at_its_own_local_time_and_zone(
    client, coordinator_in_tokyo
):
    EventFactory(
        title="Chicago tenants' assembly",
        date=datetime.date(2026, 7, 18),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        time_zone="America/Chicago",
    )

    cells = listed_when(client, coordinator_in_tokyo)

    # Not New York's 15:00, nor Tokyo's 04:00 the next day.
    assert (
        when_of(cells, "Chicago tenants' assembly")
        == "Sat 18 Jul 2026, 14:00 – 16:30 CDT"
    )


def test_several_day_items_show_both_dates(client, coordinator_in_tokyo):
    EventFactory(
        title="Geneva session",
        date=datetime.date(2026, 6, 15),
        end_date=datetime.date(2026, 7, 10),
        start_time=None,
        time_zone="Europe/Zurich",
    )

    cells = listed_when(client, coordinator_in_tokyo)

    assert when_of(cells, "Geneva session") == "Mon 15 Jun 2026 – Fri 10 Jul 2026"


def test_the_listing_sorts_by_when_events_start(client, coordinator_in_tokyo):
    for day in (3, 1, 2):
        EventFactory(
            title=f"Meeting {day}",
            date=datetime.date(2026, 9, day),
            start_time=datetime.time(9, 0),
            time_zone="Europe/Zurich",
        )
    client.force_login(coordinator_in_tokyo)

    page = client.get("/admin/campaigns/events/", {"ordering": "starts_at"})

    text = page.content.decode()
    positions = [text.index(f"Meeting {day}") for day in (1, 2, 3)]
    assert positions == sorted(positions)
