"""The demo board: rooms for every issue area, threads between demo organizations,
some flagged posts, and an event log clients can catch up from."""

import pytest
from django.core.management import call_command

from campaigns.models import CampaignPage
from members.models import IssueArea, User
from network.models import Flag, Post, Room, RoomEvent, Thread

pytestmark = pytest.mark.django_db


def test_the_demo_builds_rooms_threads_posts_and_flags(client):
    call_command("seed_network", "--orgs", "40", verbosity=0)
    assert (
        Room.objects.filter(issue_area__isnull=False).count()
        == IssueArea.objects.count()
    )
    assert Room.objects.filter(kind="general").exists()
    campaigns = CampaignPage.objects.live()
    assert campaigns.exists()
    assert Room.objects.filter(kind="campaign").count() == campaigns.count()
    assert Thread.objects.count() >= 20
    assert Post.objects.count() >= 200
    assert Flag.objects.open().exists()
    speaking_for = Post.objects.values("organization").distinct().count()
    assert speaking_for >= 10  # a conversation between organizations
    for room in Room.objects.exclude(last_event_id=0):
        ids = list(
            room.events.order_by("id_in_room").values_list("id_in_room", flat=True)
        )
        assert ids == list(range(1, room.last_event_id + 1))
    assert RoomEvent.objects.filter(kind="post.created").count() == Post.objects.count()
    client.force_login(User.objects.get(username="maria"))
    thread = Thread.objects.first()
    assert client.get(thread.get_absolute_url()).status_code == 200
