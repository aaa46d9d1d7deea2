"""Each leg of `make test` runs on the services it claims to."""

import os

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

REAL_SERVICES = bool(os.environ.get("DATABASE_URL", "").startswith("postgres"))


@pytest.mark.django_db
def test_database_is_postgresql_on_the_real_services_leg_and_sqlite_otherwise():
    assert connection.vendor == ("postgresql" if REAL_SERVICES else "sqlite")


def test_channel_layer_is_redis_pubsub_on_the_real_services_leg():
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "channels_redis.pubsub.RedisPubSubChannelLayer"
    else:
        assert backend == "channels.layers.InMemoryChannelLayer"


@pytest.mark.asyncio
async def test_a_group_message_reaches_a_subscribed_channel():
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("board.test.1", channel)
    try:
        await layer.group_send("board.test.1", {"type": "board.ping", "n": 1})
        assert await layer.receive(channel) == {"type": "board.ping", "n": 1}
    finally:
        await layer.group_discard("board.test.1", channel)
        if hasattr(layer, "flush"):
            await layer.flush()


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the real Redis")
def test_clearing_the_cache_leaves_other_parallel_workers_keys_alone():
    """Tests run on two workers sharing one Redis: a test's cache.clear() must not
    empty the other worker's throttle counters halfway through its test."""
    from urllib.parse import urlsplit, urlunsplit

    import redis
    from django.core.cache import cache

    ours = int(urlsplit(settings.CACHES["default"]["LOCATION"]).path.strip("/"))
    theirs = redis.Redis.from_url(
        urlunsplit(urlsplit(os.environ["REDIS_URL"])._replace(path=f"/{ours + 1}"))
    )
    theirs.set("another-workers-counter", 1)
    try:
        cache.set("our-counter", 1)
        cache.clear()
        assert cache.get("our-counter") is None
        assert theirs.get("another-workers-counter") == b"1"
    finally:
        theirs.delete("another-workers-counter")
        theirs.close()
