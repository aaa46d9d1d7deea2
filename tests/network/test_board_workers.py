"""Several ASGI workers sharing PostgreSQL and Redis (RedisPubSubChannelLayer).

Runs on the real-services leg (`make test-real-services`), which exports
DATABASE_URL and REDIS_URL. The workers are real uvicorn processes serving the test
database; the test talks to them over HTTP and WebSockets like a browser would.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests
from django.db import connection
from django.test import Client
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from network.models import Thread
from tests.services import RedisServer, free_port, redis_server_binary, wait_for_port

REAL_SERVICES = os.environ.get("DATABASE_URL", "").startswith("postgres") and bool(
    os.environ.get("REDIS_URL")
)

pytestmark = [
    pytest.mark.real_services,
    pytest.mark.skipif(
        not REAL_SERVICES,
        reason="needs PostgreSQL and Redis shared by several workers: runs on the "
        "real-services leg (make test-real-services)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROJECT_DIR = Path(__file__).resolve().parents[2]


def database_url_for_workers():
    """The URL of the database this test run uses (pytest-django's test_… copy)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{connection.settings_dict['NAME']}"))


class Worker:
    def __init__(self, redis_url):
        self.port = free_port()
        self.log = open(
            Path(tempfile.gettempdir()) / f"board-worker-{self.port}.log",
            "wb",
        )
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="network.settings.test",
            DATABASE_URL=database_url_for_workers(),
            REDIS_URL=redis_url,
        )
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "network.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    @property
    def http(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self):
        return f"ws://127.0.0.1:{self.port}/ws/board/"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def workers():
    started = []

    def start(redis_url=None):
        worker = Worker(redis_url or os.environ["REDIS_URL"])
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def session_key_for(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def open_socket(worker, session_key):
    return connect(
        worker.ws,
        origin=worker.http,
        additional_headers={"Cookie": f"sessionid={session_key}"},
        open_timeout=10,
    )


def post_reply(worker, session_key, thread, body, organization):
    """Post through the worker's HTML form, as a browser without JavaScript would."""
    http = requests.Session()
    http.cookies.set("sessionid", session_key, domain="127.0.0.1")
    page = http.get(f"{worker.http}{thread.get_absolute_url()}", timeout=10)
    assert page.status_code == 200
    post_reply.sent_at = time.perf_counter()
    response = http.post(
        f"{worker.http}{thread.get_absolute_url()}",
        data={
            "body": body,
            "organization": str(organization.pk),
            "csrfmiddlewaretoken": http.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=15,
    )
    assert response.status_code == 302, response.text[:500]
    return int(response.headers["Location"].rsplit("#post-", 1)[1])


def subscribe(socket, thread, after):
    socket.send(
        json.dumps(
            {
                "type": "subscribe",
                "room": thread.room_id,
                "thread": thread.pk,
                "after": after,
            }
        )
    )


def frames(socket, timeout):
    """Frames until the timeout passes or the socket closes."""
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            yield json.loads(socket.recv(timeout=remaining))
        except TimeoutError:
            return


def wait_for_post(socket, post_id, timeout=10):
    for frame in frames(socket, timeout):
        if frame.get("type") == "post.created" and frame["post"]["id"] == post_id:
            return frame
    raise AssertionError(f"post {post_id} never arrived")


def test_a_post_made_through_one_worker_reaches_a_socket_on_another(board, workers):
    worker_a, worker_b = workers(), workers()
    alice_key = session_key_for(board.alice)
    bob_key = session_key_for(board.bob)
    with open_socket(worker_b, alice_key) as socket:
        assert json.loads(socket.recv(timeout=10))["type"] == "hello"
        subscribe(
            socket, board.thread, Thread.objects.get(pk=board.thread.pk).last_event_id
        )
        assert json.loads(socket.recv(timeout=10))["type"] == "subscribed"
        assert json.loads(socket.recv(timeout=10))["type"] == "replay"
        latencies = []
        for n in range(5):
            started = time.perf_counter()
            post_id = post_reply(
                worker_a, bob_key, board.thread, f"Via A #{n}", board.beta
            )
            posted = time.perf_counter()
            frame = wait_for_post(socket, post_id)
            arrived = time.perf_counter()
            assert frame["post"]["html"].strip() == f"<p>Via A #{n}</p>"
            latencies.append((arrived - started, arrived - posted))
    total = sorted(latency for latency, _ in latencies)
    after_response = sorted(latency for _, latency in latencies)
    print(  # noqa: T201
        "multi-worker delivery (POST on worker A → socket on worker B): "
        f"median {total[2] * 1000:.1f} ms from sending the POST to the frame, "
        f"{after_response[2] * 1000:.1f} ms after the POST's response; "
        f"max {total[-1] * 1000:.1f} ms"
    )


@pytest.mark.skipif(not redis_server_binary(), reason="needs redis-server")
def test_stopping_redis_mid_stream_loses_no_saved_post(board, workers):
    redis = RedisServer().start()
    try:
        worker = workers(redis.url)
        alice_key = session_key_for(board.alice)
        bob_key = session_key_for(board.bob)
        received = []
        last = Thread.objects.get(pk=board.thread.pk).last_event_id

        def collect(frame):
            """Apply a frame as board.js does: replays fill in, live events
            already covered (id <= last) are dropped, so nothing arrives twice."""
            nonlocal last
            if frame.get("type") == "replay":
                events = [event for event in frame["events"] if event["id"] > last]
                last = max(last, frame["last"])
            elif frame.get("type") in ("post.created", "thread.updated"):
                if frame["id"] <= last:
                    return
                events = [frame]
                last = frame["id"]
            else:
                return
            received.extend(
                event["post"]["id"]
                for event in events
                if event["type"] == "post.created"
            )

        with open_socket(worker, alice_key) as socket:
            assert json.loads(socket.recv(timeout=10))["type"] == "hello"
            subscribe(socket, board.thread, last)
            before = post_reply(
                worker, bob_key, board.thread, "Before the outage", board.beta
            )
            for frame in frames(socket, 3):
                collect(frame)
                if before in received:
                    break
            assert before in received

            redis.stop()
            during = [
                post_reply(
                    worker, bob_key, board.thread, f"During the outage {n}", board.beta
                )
                for n in range(3)
            ]
            # The worker notices it lost its channel layer and closes for resync.
            close_code = None
            try:
                for frame in frames(socket, 15):
                    collect(frame)
            except ConnectionClosed as closed:
                close_code = closed.rcvd.code if closed.rcvd else None
            assert close_code == 4503
        redis.start()
        wait_for_port(redis.port)

        # Reconnect as board.js does (with backoff) and resume from the last id.
        deadline = time.monotonic() + 30
        delay = 0.25
        while True:
            try:
                with open_socket(worker, alice_key) as socket:
                    assert json.loads(socket.recv(timeout=10))["type"] == "hello"
                    subscribe(socket, board.thread, last)
                    for frame in frames(socket, 3):
                        collect(frame)
                        if frame.get("type") == "replay" and not frame["more"]:
                            break
                    after = post_reply(
                        worker, bob_key, board.thread, "After the outage", board.beta
                    )
                    for frame in frames(socket, 10):
                        collect(frame)
                        if after in received:
                            break
                break
            except ConnectionClosed:
                assert time.monotonic() < deadline, "never reconnected"
                time.sleep(delay)
                delay = min(delay * 2, 4)
        expected = [before, *during, after]
        assert received == expected, (received, expected)
        print(  # noqa: T201
            f"redis stop: {len(expected)} posts saved, {len(received)} received once "
            f"each after resync (close code {close_code})"
        )
    finally:
        redis.cleanup()
