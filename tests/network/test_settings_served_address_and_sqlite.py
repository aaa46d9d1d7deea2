"""Links name the address the site is served at, and the embedded SQLite database
takes concurrent writers without "database is locked"."""

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections, transaction

from tests.network.test_production_settings import COMPLETE_ENVIRONMENT, run_manage

PROJECT_DIR = Path(__file__).resolve().parents[2]

PRINT_BASE_URL = (
    "shell",
    "--no-imports",
    "-c",
    "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
)


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({}, "https://network.example.org"),
        (
            {"WAGTAILADMIN_BASE_URL": "https://rights.example.net"},
            "https://rights.example.net",
        ),
    ],
)
def test_production_links_follow_the_environment(environment, expected):
    result = run_manage(
        *PRINT_BASE_URL, environment={**COMPLETE_ENVIRONMENT, **environment}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A file-backed SQLite database with the project's own SQLite options, as a
    connection alias (the test database is in memory, where WAL does not apply)."""
    alias = "embedded_file"
    config = {
        **connections["default"].settings_dict,
        "NAME": str(tmp_path / "embedded.sqlite3"),
        "OPTIONS": dict(settings.DATABASES["default"].get("OPTIONS", {})),
        "TEST": {},
    }
    connections.settings[alias] = config
    with django_db_blocker.unblock():
        yield alias
    connections[alias].close()
    del connections.settings[alias]


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite", reason="SQLite's own locking"
)
def test_concurrent_writers_to_the_embedded_database_wait_instead_of_failing(
    file_database,
):
    with connections[file_database].cursor() as cursor:
        cursor.execute("CREATE TABLE autosave (writer TEXT, n INTEGER)")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"

    errors = []
    start = threading.Barrier(4)

    def write(name):
        # Each thread has its own connection, as each request has under ASGI. A
        # transaction that reads, then writes, is the autosave-beside-publish
        # pattern: begun deferred, its write fails at once on a locked database.
        try:
            start.wait()
            for n in range(25):
                with transaction.atomic(using=file_database):
                    with connections[file_database].cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM autosave")
                        time.sleep(0.001)
                        cursor.execute(
                            "INSERT INTO autosave VALUES (%s, %s)", [name, n]
                        )
        except Exception as error:  # noqa: BLE001 - the failure is the result
            errors.append(error)
        finally:
            connections[file_database].close()

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM autosave")
        assert cursor.fetchone()[0] == 100


def test_the_sqlite_options_are_the_embedded_defaults_only():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connections["default"].vendor == "sqlite":
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5
    else:
        assert "transaction_mode" not in options


# --- Every link that leaves the site names WAGTAILADMIN_BASE_URL ------------------

SERVED_AT = "http://127.0.0.1:8765"


@pytest.fixture
def served_at_8765(settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED_AT
    settings.WAGTAILAPI_BASE_URL = SERVED_AT


def links_in(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_make_run_gives_every_step_the_dev_servers_address(tmp_path):
    """migrate, the demo's seeding and the server all see the address, the port's
    own unless the environment names another."""
    fake_python = tmp_path / "python"
    fake_python.write_text('#!/bin/sh\necho "$WAGTAILADMIN_BASE_URL $2"\n')
    fake_python.chmod(0o755)
    installed = tmp_path / "installed"
    installed.touch()

    def make_run(**environment):
        return subprocess.run(  # noqa: S603 - fixed arguments
            [
                shutil.which("make"),
                "--no-print-directory",
                "run",
                "PORT=8765",
                f"PY={fake_python}",
                f"INSTALLED={installed}",
            ],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=60,
            env={
                **{k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"},
                **environment,
            },
        ).stdout.split("\n")

    steps = [line for line in make_run() if line.startswith("http")]
    assert steps == [
        f"{SERVED_AT} compile_translations",
        f"{SERVED_AT} migrate",
        f"{SERVED_AT} seed_network",
        f"{SERVED_AT} runserver",
    ]
    chosen = make_run(WAGTAILADMIN_BASE_URL="https://rights.example.net")
    assert [line for line in chosen if line.startswith("http")] == [
        "https://rights.example.net compile_translations",
        "https://rights.example.net migrate",
        "https://rights.example.net seed_network",
        "https://rights.example.net runserver",
    ]


@pytest.mark.django_db
def test_an_invitation_links_to_the_address_the_site_is_served_at(
    served_at_8765, org_a, admin_a, django_capture_on_commit_callbacks
):
    from members.actions.teams import do_invite_colleague

    with django_capture_on_commit_callbacks(execute=True):
        do_invite_colleague(org_a, "new.colleague@example.org", "editor", admin_a)

    (message,) = mail.outbox
    links = links_in(message.body)
    assert links and all(link.startswith(SERVED_AT + "/") for link in links), links


@pytest.fixture
def campaign(home_page):
    from tests.factories import CampaignIndexPageFactory, CampaignPageFactory

    index = CampaignIndexPageFactory(parent=home_page)
    return CampaignPageFactory(parent=index, title="Housing is a human right")


@pytest.mark.django_db
def test_a_pledge_confirmation_links_to_the_served_address_not_the_requests_host(
    served_at_8765, client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            campaign.url + "pledge/",
            {
                "name": "Rosa Alvarez",
                "email": "rosa@example.org",
                "postcode": "87102",
                "consent": "on",
                "website": "",
            },
            HTTP_HOST="localhost",  # in ALLOWED_HOSTS, but not where the site is
        )

    assert response.status_code == 302
    (message,) = mail.outbox
    links = links_in(message.body)
    assert links and all(link.startswith(SERVED_AT + "/") for link in links), links


@pytest.mark.django_db
def test_calendar_feeds_and_the_api_link_to_the_served_address(
    served_at_8765, client, campaign
):
    from tests.factories import EventFactory

    EventFactory(title="Tenant assembly", campaign=campaign)

    ical = client.get(campaign.url + "ical/", HTTP_HOST="localhost").content.decode()
    rss = client.get(campaign.url + "feed/", HTTP_HOST="localhost").content.decode()
    api = client.get(
        "/api/v2/pages/", {"type": "campaigns.CampaignPage"}, HTTP_HOST="localhost"
    ).json()

    assert "localhost" not in ical.replace("\r\n ", "")
    assert f"{SERVED_AT}{campaign.url}" in ical.replace("\r\n ", "")
    assert f"<link>{SERVED_AT}{campaign.url}</link>" in rss
    (item,) = api["items"]
    assert item["meta"]["detail_url"].startswith(SERVED_AT + "/api/")
    assert item["meta"]["html_url"] == SERVED_AT + campaign.url


def test_production_points_the_api_at_the_same_address():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILAPI_BASE_URL)",
        environment={
            **COMPLETE_ENVIRONMENT,
            "WAGTAILADMIN_BASE_URL": "https://rights.example.net",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://rights.example.net"
