"""Settings shared by every environment. No secrets and no DEBUG here.

Each environment module (dev, test, production) imports this one and says only what
differs. Values that vary per deploy come from environment variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False

INSTALLED_APPS = [
    # daphne first: its runserver replaces Django's and serves HTTP and WebSockets.
    "daphne",
    "home",
    "members",
    "campaigns",
    "network",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # Country names and their translations (members.geography).
    "django_countries",
    "rest_framework",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes: single-use static tokens (members.actions.two_factor).
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may answer early (the admin gate, a lockout), so
    # every response carries the CSP, frame and cache headers.
    "home.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # An English address asked for by someone who prefers Spanish: to /es/….
    "home.languages.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Coordinator powers only after a second factor confirmed in this session.
    "members.middleware.CoordinatorPowersMiddleware",
    # request.viewer: who is asking, for every privacy decision (members.viewer).
    "members.middleware.ViewerMiddleware",
    # Member users never reach /admin/; staff reach it only with two-factor.
    "members.middleware.AdminGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: turns a sign-in refused by the throttle into the 429 page,
    # which then gets every header the middleware above adds.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "network.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"

AUTH_USER_MODEL = "members.User"
# The sign-in throttle (django-axes) refuses a locked-out attempt before any
# password is checked; ModelBackend then checks it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The embedded default is a SQLite file beside manage.py; DATABASE_URL selects
# PostgreSQL. Connections are not kept: under ASGI each request runs in a thread
# pool and persistent connections would leak (Channels' documented advice).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes writes from several threads at once (the editor's
    # autosave beside a publish). WAL lets reads go on beside a write; IMMEDIATE
    # takes the write lock when a transaction begins, so a second writer waits out
    # the busy timeout (seconds) instead of failing with "database is locked" when
    # its read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English at today's addresses, Spanish under /es/ (home.languages). Each is
# named in its own language in the switcher (Django's language info).
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# django-countries names countries as people say them ("South Korea", "Bolivia"), but
# the United States by its ISO name; write it as the network's members do.
COUNTRIES_OVERRIDE = {"US": _("United States")}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Documents (and uploads held back by Wagtail's multiple uploader) live here, outside
# MEDIA_ROOT, so nothing that serves MEDIA_ROOT can hand them out (home/storage.py).
PRIVATE_MEDIA_ROOT = BASE_DIR / "private-media"
STORAGES = {
    "default": {"BACKEND": "home.storage.MediaStorage"},
    "private": {"BACKEND": "home.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "/"
# The Wagtail admin signs in through the site's throttled, two-factor-aware views.
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Staff change their password at /accounts/password/change/, behind the throttle;
# the admin's own account page would check the old password unthrottled.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# No avatars from Gravatar: the admin must not call another host either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
OTP_TOTP_ISSUER = "Common Ground"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
MEMBERS_INVITATION_DAYS = 7
# Staff confirm a TOTP code (django-otp) before the Wagtail admin. Never turn off in
# production; only the test settings do, for suites that are not about sign-in.
MEMBERS_REQUIRE_TWO_FACTOR = True
# The board counts a person's posts in the database (it holds when the cache is
# down); sockets re-check who may still read what this often, in seconds.
BOARD_POSTS_PER_MINUTE = 20
BOARD_RECHECK_SECONDS = 2.0
# Behind a proxy: the request header carrying the client's address, e.g.
# "HTTP_X_REAL_IP" (see home/throttle.py client_address). None: REMOTE_ADDR.
CLIENT_IP_HEADER = None

# The one sign-in throttle for every door that checks a password or a code (see
# members/throttle.py). It throttles the attempt, not the account: 5 failures for
# one account from one address (or more over all accounts, ADDRESS_FAILURE_LIMIT)
# pause that address for 15 minutes; the member elsewhere, or after a password
# reset, is not held. Counts live in the shared cache (Redis in production) under
# hashed keys, never names or addresses in clear.
AXES_HANDLER = "members.throttle.SignInThrottle"
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
# A refused attempt does not extend the pause, so "wait 15 minutes" holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A right password must not wipe the count: codes share it, and someone who has
# the password would otherwise get endless tries at the second factor.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "home.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "members.views.accounts.locked_out"
# The public API reads no credentials: DRF's default would also check HTTP Basic
# passwords on every endpoint. (The admin's own API sets session auth itself.)
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": []}

# Least permissive by default; production tightens further (HSTS, secure cookies).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Wagtail 8 hands search and reference-index updates to django-tasks. The immediate
# backend runs them inline; production uses the database backend and a db_worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Common Ground <noreply@localhost>"
)

WAGTAIL_SITE_NAME = "Common Ground"
# The address the site is served at, for every link that leaves it (emails, the API,
# feeds, calendars; home/links.py): `make run` sets it to the dev server's port;
# production to its public address.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Full text in the site's language (LANGUAGE_CODE, English): stemmed, so that
# "immigrants" finds "immigration", and blind to accents. On PostgreSQL this names the
# text search configuration home's migration 0005 makes; on SQLite that migration
# gives the full-text table the porter stemmer.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "unaccented_english",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "docx", "odt", "xlsx", "csv", "md"]
# Documents are served by Django so that page privacy applies to the file itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Width × height × frames, checked from the header before decoding, by the admin's
# field and by home.images for every upload path.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# What home.images re-encodes; its admin form refuses what it cannot re-encode.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.SiteImageForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "network": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
