"""Settings for the test suite.

The embedded leg uses SQLite and the in-memory channel layer. The real-services leg
(tests/services.py) exports DATABASE_URL and REDIS_URL for a throwaway
PostgreSQL cluster and Redis server; then the suite runs against those instead.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Two-factor before /admin/ is on everywhere else (members.middleware). Other suites
# drive the admin with force_login() or WagtailPageTestCase.login(); the membership
# tests switch it back on with the `two_factor_required` fixture.
MEMBERS_REQUIRE_TWO_FACTOR = False

# The browser leg's server runs in another process: it writes mail to files there.
if os.environ.get("DJANGO_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["DJANGO_EMAIL_FILE_PATH"]
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "private": {"BACKEND": "home.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A folder per pytest-xdist worker (the servers a worker starts inherit
# PYTEST_XDIST_WORKER): a test that checks what a view stored, or that it stored
# nothing, must not see the files another worker's test writes meanwhile.
_media_folder = os.environ.get("PYTEST_XDIST_WORKER") or "main"
MEDIA_ROOT = BASE_DIR / ".test-media" / _media_folder
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media" / _media_folder
# The browser leg's server has no proxy in front: Django serves uploaded images.
SERVE_MEDIA_FILES = True

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # The suite runs in parallel (pytest-xdist). Each worker (and the ASGI servers
    # it starts, which inherit PYTEST_XDIST_WORKER) keeps to its own Redis database
    # for the cache, since a test's cache.clear() empties the whole database, and to
    # its own channel-layer prefix, since pub/sub channels are not per database.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", … or ""
    _worker_number = int(_worker.removeprefix("gw") or 0)
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"asgi{_worker}"},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlunsplit(
                urlsplit(REDIS_URL)._replace(path=f"/{_worker_number}")
            ),
        }
    }

# Serve static files straight from the source folders: no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
