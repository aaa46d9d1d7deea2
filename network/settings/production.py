"""Production: PostgreSQL, Redis, real email. Refuses to start when misconfigured."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required_env(name):
    """Return an environment variable, or stop the process naming what is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set."
        )
    return value


DEBUG = False
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("DJANGO_ALLOWED_HOSTS").split(",")]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
DATABASES = {
    "default": dj_database_url.parse(required_env("DATABASE_URL"), conn_max_age=0)
}
REDIS_URL = required_env("REDIS_URL")

CHANNEL_LAYERS = {
    "default": {
        # The pub/sub layer: the core RedisChannelLayer was seen to drop part of a
        # burst silently on this machine class.
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
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "private": {"BACKEND": "home.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
# Documents: never served by the proxy, so never inside the folder it serves.
PRIVATE_MEDIA_ROOT = os.environ.get(
    "DJANGO_PRIVATE_MEDIA_ROOT",
    PRIVATE_MEDIA_ROOT,  # noqa: F405
)
_media, _private = Path(MEDIA_ROOT).resolve(), Path(PRIVATE_MEDIA_ROOT).resolve()
if _private.is_relative_to(_media) or _media.is_relative_to(_private):
    raise ImproperlyConfigured(
        "DJANGO_PRIVATE_MEDIA_ROOT and DJANGO_MEDIA_ROOT must not contain each "
        "other: the proxy serves the media root to anyone."
    )

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
# Wagtail marks its own preview views as frameable by the same origin.
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}"
)
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

LOGGING["root"]["level"] = "INFO"  # noqa: F405
