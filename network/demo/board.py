"""The demo board: a room per issue area (and per campaign), the general rooms, and a
few hundred posts in threads between demo organizations, some of them flagged.

Rooms come from the board's own room keeping (network.board.rooms); threads,
replies and flags from its actions, through tests.factories, then dated back
over the last two months. The words are in network/demo/content/board.py.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from members.models import Membership, Visibility
from network.board.rooms import (
    ensure_campaign_room,
    ensure_general_rooms,
    is_campaign_page,
    sync_issue_area_rooms,
)
from network.demo.content.board import FLAG_NOTES, REPLIES, STAFF_NAMES, THREADS
from network.models import Room, RoomKind
from tests.factories import (
    UserFactory,
    board_flag,
    board_post,
    board_thread,
    join_team,
)


def build(rng, organizations, coordinator, member_users, password):
    """Rooms for every issue area, live campaign and general topic; threads and
    posts between demo organizations; a few flags. Returns the rooms. Call it after
    the campaigns demo so every campaign has its room."""
    ensure_general_rooms()
    sync_issue_area_rooms()
    campaigns = Page.objects.live().filter(
        content_type__app_label="campaigns", content_type__model="campaignpage"
    )
    for page in campaigns:
        if is_campaign_page(page):
            ensure_campaign_room(page)
    speakers = make_speakers(rng, organizations, member_users, password)
    if not speakers:
        return list(Room.objects.all())
    rooms = {room.slug: room for room in Room.objects.all()}
    now = timezone.now()
    start = now - datetime.timedelta(days=60)
    created_posts = []
    for index, (room_slug, title, opening) in enumerate(THREADS):
        room = rooms.get(room_slug)
        if room is None:
            continue
        replies = rng.randint(6, 16)
        thread_start = start + datetime.timedelta(hours=index * 50 + rng.randint(0, 20))
        created_posts += build_thread(
            rng, room, title, opening, replies, speakers, thread_start
        )
    campaign_rooms = Room.objects.filter(kind=RoomKind.CAMPAIGN).order_by("pk")[:4]
    for index, room in enumerate(campaign_rooms):
        thread_start = start + datetime.timedelta(days=10 + index * 7)
        created_posts += build_thread(
            rng,
            room,
            f"Who does what: {room.name}",
            "Let's split the work for this campaign: outreach to new signers, "
            "a briefing for legislators' staff, and the media plan. Reply with what "
            "your organization can take on.",
            rng.randint(5, 10),
            speakers,
            thread_start,
        )
    flag_some(rng, created_posts, speakers)
    return list(rooms.values())


def make_speakers(rng, organizations, member_users, password):
    """(user, organization) pairs: the demo people and a staff member for some
    organizations (never suspended ones)."""
    speakers = []
    for membership in Membership.objects.filter(user__in=member_users).select_related(
        "user", "organization"
    ):
        speakers.append((membership.user, membership.organization))
    candidates = [
        org
        for org in organizations
        if org.membership_status != "suspended" and org.live
    ]
    public = [org for org in candidates if org.visibility == Visibility.PUBLIC]
    others = [org for org in candidates if org.visibility != Visibility.PUBLIC]
    chosen = rng.sample(public, k=min(len(public), 14)) + others[:4]
    for (first, last), organization in zip(STAFF_NAMES, chosen, strict=False):
        username = f"{first.lower().replace('á', 'a')}.{last.lower()}"
        user = UserFactory(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@members.example",
            password=password,
        )
        join_team(user, organization)
        speakers.append((user, organization))
    return speakers


def build_thread(rng, room, title, opening, replies, speakers, started):
    """A thread opened at `started` and `replies` replies after it, each from a
    speaker chosen at random, minutes to a day apart. Returns its posts."""
    author, organization = rng.choice(speakers)
    thread = board_thread(room, author, title, opening, organization, at=started)
    posts = [thread.posts.get()]
    when = started
    for _ in range(replies):
        replier, replier_org = rng.choice(speakers)
        when = when + datetime.timedelta(minutes=rng.randint(10, 1800))
        posts.append(
            board_post(thread, replier, rng.choice(REPLIES), replier_org, at=when)
        )
    return posts


def flag_some(rng, posts, speakers):
    if len(posts) < 10:
        return
    for post in rng.sample(posts, k=min(len(posts), 5)):
        reporters = [user for user, _org in speakers if user.pk != post.author_id]
        if not reporters:
            continue
        reason, note = rng.choice(FLAG_NOTES)
        board_flag(post, rng.choice(reporters), reason, note)
