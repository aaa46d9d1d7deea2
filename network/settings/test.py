"""Settings for the test suite.

The embedded leg uses SQLite and the in-memory channel layer. The real-services leg
(tests/services.py) exports DATABASE_URL and REDIS_URL for a throwaway
PostgreSQL cluster and Redis server; then the suite runs against those instead.
"""

import os

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
MEDIA_ROOT = BASE_DIR / ".test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"
# The browser leg's server has no proxy in front: Django serves uploaded images.
SERVE_MEDIA_FILES = True

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }

# Serve static files straight from the source folders: no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
