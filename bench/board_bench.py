"""The board's part of the benchmark: signed-in board paths over a long thread,
HTTP catch-up, and socket fan-out (one post delivered to many open sockets).

Called from bench/run.py after the network is seeded. Prints, never asserts.
"""

import asyncio
import statistics
import time

# Posts added on top of the demo board: (threads, posts per thread).
FULL = {"threads": 50, "posts": 2000, "sockets": 300}
SMOKE = {"threads": 1, "posts": 200, "sockets": 20}


def grow_board(threads, posts):
    from django.utils import timezone

    from members.models import Membership
    from network.models import Room, Thread
    from tests.factories import add_posts

    speakers = [
        (membership.user, membership.organization)
        for membership in Membership.objects.select_related("user", "organization")[:20]
    ]
    room = Room.objects.get(slug="detention")
    big = []
    for n in range(threads):
        thread = Thread.objects.create(
            room=room,
            title=f"Long-running coordination thread {n}",
            author=speakers[0][0],
            organization=speakers[0][1],
            last_activity_at=timezone.now(),
        )
        add_posts(thread, posts, speakers)
        thread.refresh_from_db()
        big.append(thread)
    return big[-1]


def run(client_class, measure, baseline_ms, smoke, print_line):
    size = SMOKE if smoke else FULL
    from django.conf import settings

    from members.models import User
    from network.models import Post

    started = time.perf_counter()
    thread = grow_board(size["threads"], size["posts"])
    print(
        f"bench: board grown to {Post.objects.count()} posts in "
        f"{time.perf_counter() - started:.1f}s"
    )
    client = client_class()
    member = User.objects.get(username="maria")
    client.force_login(member)
    repeats = 3 if smoke else 20
    for label, path in [
        ("board index (member)", "/board/"),
        ("board room (member)", thread.room.get_absolute_url()),
        (
            f"thread, {size['posts']} posts, last",
            f"{thread.get_absolute_url()}?page=last",
        ),
        (
            "thread catch-up ?after=",
            f"{thread.get_absolute_url()}?after={thread.last_event_id - 50}",
        ),
    ]:
        ms, queries = measure(client, path, repeats)
        print_line(label, ms, queries, baseline_ms)

    settings.BOARD_RECHECK_SECONDS = 3600  # measure delivery, not re-checks
    organization = next(iter(member.member_organization_ids))
    latencies = asyncio.run(fan_out(member, organization, thread, size["sockets"]))
    print(
        f"bench: socket fan-out to {size['sockets']} sockets: median "
        f"{statistics.median(latencies):.1f} ms, last {max(latencies):.1f} ms "
        "(from saving a post to its frame on each socket; in-memory layer)"
    )


async def fan_out(member, organization, thread, count):
    from asgiref.sync import sync_to_async
    from channels.testing import WebsocketCommunicator
    from django.test import Client

    from network.asgi import application
    from network.board.actions import do_create_post

    @sync_to_async
    def session_key():
        client = Client()
        client.force_login(member)
        return client.cookies["sessionid"].value

    key = await session_key()
    headers = [
        (b"host", b"localhost"),
        (b"origin", b"http://localhost"),
        (b"cookie", f"sessionid={key}".encode()),
    ]
    sockets = []
    for _ in range(count):
        socket = WebsocketCommunicator(application, "/ws/board/", headers=headers)
        connected, _ = await socket.connect(timeout=30)
        assert connected
        await socket.receive_json_from(timeout=30)  # hello
        await socket.send_json_to(
            {"type": "subscribe", "room": thread.room_id, "thread": thread.pk}
        )
        await socket.receive_json_from(timeout=30)  # subscribed
        sockets.append(socket)

    @sync_to_async
    def post():
        from members.models import MemberOrganizationPage

        org = MemberOrganizationPage.objects.get(pk=organization)
        return do_create_post(member, thread, "Fan-out check", org)

    started = time.perf_counter()
    await post()

    async def arrival(socket):
        while True:
            frame = await socket.receive_json_from(timeout=60)
            if frame.get("type") == "post.created":
                return (time.perf_counter() - started) * 1000

    latencies = await asyncio.gather(*(arrival(socket) for socket in sockets))
    for socket in sockets:
        await socket.disconnect()
    return latencies
