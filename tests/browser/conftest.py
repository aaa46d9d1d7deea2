"""Browser tests: Debian's Chromium, driven by Playwright, against a live ASGI server.

Run in their own pytest invocation (`make test-browser`), without pytest-django or
pytest-asyncio: the server is a real uvicorn process on a free loopback port, serving
a SQLite file database that this process also opens to set up data.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Configure Django for this process before anything imports it.
_database_dir = Path(tempfile.mkdtemp(prefix="cg-browser-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{_database_dir / 'browser.sqlite3'}"
os.environ["DJANGO_EMAIL_FILE_PATH"] = str(_database_dir / "emails")  # read by tests
os.environ.pop("REDIS_URL", None)  # one server process: the in-memory layer suffices
# Playwright's sync API runs an event loop in this thread; our ORM calls are sync.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.services import free_port, wait_for_port  # noqa: E402

# The demo network at a size that builds in seconds, every person in it signing
# in with this password (not the demo's default: the tests set their own).
BROWSER_DEMO_ORGS = 40
DEMO_PASSWORD = "browser-tests-passphrase"


@pytest.fixture(scope="session")
def live_server_url():
    call_command("migrate", verbosity=0, interactive=False)
    call_command(
        "seed_network", orgs=BROWSER_DEMO_ORGS, password=DEMO_PASSWORD, verbosity=0
    )
    port = free_port()
    log = open(_database_dir / "server.log", "wb")
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "uvicorn",
            "network.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=PROJECT_DIR,
        # The test process needs async-unsafe ORM calls; the server must not get
        # that pass, or a sync query in the board's async code would slip by.
        env={
            key: value
            for key, value in os.environ.items()
            if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class PageWatch:
    """Collects console errors and every request host a page makes."""

    def __init__(self, page, allowed_origin):
        self.allowed = urlsplit(allowed_origin).netloc
        self.console_errors = []
        self.foreign_requests = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._on_request)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.allowed:
            self.foreign_requests.append(request.url)


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context, live_server_url):
    page = context.new_page()
    page.watch = PageWatch(page, live_server_url)
    yield page
    page.close()


def save_screenshot(page, name):
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, live_server_url, username, password):
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
