"""The embedded default for `make run`: SQLite, in-memory channels, console email."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Development only: a fixed key so sessions survive restarts of `make run`.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
